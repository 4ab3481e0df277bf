// Contract: OrgRepository on every store.
#include <chrono>
#include <iostream>

#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
using org::OrgType;

// prefix + number (appending avoids a GCC 12 -Wrestrict false positive on "x" + to_string()).
std::string numbered(std::string prefix, size_t n) { return prefix.append(std::to_string(n)); }

TEST_P(StoreContract, CreateAssignsIdVersionAndLevelFromParent) {
  write([](ports::Tx& tx) {
    VALUE_OR_FAIL(auto hcm, tx.orgs().create(unit("79", "Thành phố Hồ Chí Minh",
                                                  OrgType::ProvinceCommittee)));
    EXPECT_GT(hcm.id, 0);
    EXPECT_EQ(hcm.version, 1);
    EXPECT_EQ(hcm.level, 1);
    auto child = unit("26848", "Phường Thủ Đức", OrgType::CommuneCommittee, hcm.id);
    child.level = 7;  // ignored: the store computes it
    child.valid_from = day(2025, 7, 1);
    VALUE_OR_FAIL(auto thu_duc, tx.orgs().create(child));
    EXPECT_EQ(thu_duc.level, 2);
    VALUE_OR_FAIL(auto div, tx.orgs().create(unit("26848.1", "Bộ phận một cửa",
                                                  OrgType::Division, thu_duc.id)));
    EXPECT_EQ(div.level, 3);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->orgs().getByCode("26848"));
  EXPECT_EQ(got.name, "Phường Thủ Đức");
  EXPECT_EQ(got.type, OrgType::CommuneCommittee);
  EXPECT_EQ(got.level, 2);
  ASSERT_TRUE(got.valid_from.has_value());
  EXPECT_EQ(*got.valid_from, day(2025, 7, 1));
  EXPECT_FALSE(got.valid_to.has_value());
  VALUE_OR_FAIL(auto by_id, tx->orgs().get(got.id));
  EXPECT_EQ(by_id.code, "26848");
  ASSERT_TRUE(by_id.parent_id.has_value());
  VALUE_OR_FAIL(auto parent, tx->orgs().get(*by_id.parent_id));
  EXPECT_EQ(parent.code, "79");
  EXPECT_FALSE(parent.parent_id.has_value());
}

TEST_P(StoreContract, CreateWithTakenCodeIsAlreadyExistsNamingTheCodeAndTxStaysUsable) {
  write([](ports::Tx& tx) {
    EXPECT_OK(tx.orgs().create(unit("79", "Thành phố Hồ Chí Minh", OrgType::ProvinceCommittee)));
    auto dup = tx.orgs().create(unit("79", "Trùng mã"));
    ASSERT_FALSE(dup.has_value());
    EXPECT_EQ(dup.error().code, ErrorCode::AlreadyExists);
    EXPECT_NE(dup.error().message.find("'79'"), std::string::npos) << dup.error().message;
    // The failed statement must not poison the transaction (PostgreSQL would, without a
    // savepoint).
    EXPECT_OK(tx.orgs().create(unit("01", "Thành phố Hà Nội", OrgType::ProvinceCommittee)));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->orgs().count({}));
  EXPECT_EQ(n, 2);
  VALUE_OR_FAIL(auto hcm, tx->orgs().getByCode("79"));
  EXPECT_EQ(hcm.name, "Thành phố Hồ Chí Minh");
}

TEST_P(StoreContract, CreateUnderMissingParentIsNotFound) {
  auto tx = begin();
  EXPECT_CODE(tx->orgs().create(unit("x", "Mồ côi", OrgType::Division, 424242)),
              ErrorCode::NotFound);
}

TEST_P(StoreContract, GetUnknownUnitIsNotFound) {
  auto tx = reader();
  EXPECT_CODE(tx->orgs().get(987654), ErrorCode::NotFound);
  EXPECT_CODE(tx->orgs().getByCode("không-có"), ErrorCode::NotFound);
}

TEST_P(StoreContract, UpdateBumpsVersionAndStaleVersionIsConflict) {
  org::OrgUnit u;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(u, tx.orgs().create(unit("74", "Tỉnh Bình Dương", OrgType::ProvinceCommittee)));
  });
  org::OrgUnit renamed = u;
  renamed.name = "Bình Dương (cũ)";
  renamed.valid_to = day(2025, 6, 30);
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto v2, tx.orgs().update(renamed));
    EXPECT_EQ(v2.version, 2);
    EXPECT_EQ(v2.name, "Bình Dương (cũ)");
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto got, tx->orgs().get(u.id));
    EXPECT_EQ(got.version, 2);
    EXPECT_EQ(got.name, "Bình Dương (cũ)");
    ASSERT_TRUE(got.valid_to.has_value());
    EXPECT_EQ(*got.valid_to, day(2025, 6, 30));
    // the search key follows the new name
    ports::OrgQuery q;
    q.text = "cu";
    VALUE_OR_FAIL(auto found, tx->orgs().find(q));
    ASSERT_EQ(found.size(), 1u);
  }
  auto tx = begin();
  EXPECT_CODE(tx->orgs().update(renamed), ErrorCode::Conflict);  // still version 1
  org::OrgUnit ghost = renamed;
  ghost.id = 99999;
  EXPECT_CODE(tx->orgs().update(ghost), ErrorCode::NotFound);
}

TEST_P(StoreContract, UpdateToTakenCodeIsAlreadyExists) {
  org::OrgUnit a, b;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(a, tx.orgs().create(unit("A", "Đơn vị A")));
    VALUE_OR_FAIL(b, tx.orgs().create(unit("B", "Đơn vị B")));
  });
  auto tx = begin();
  b.code = "A";
  auto r = tx->orgs().update(b);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::AlreadyExists);
  EXPECT_NE(r.error().message.find("'A'"), std::string::npos);
  VALUE_OR_FAIL(auto still, tx->orgs().get(b.id));
  EXPECT_EQ(still.code, "B");
  EXPECT_EQ(still.version, 1);
}

TEST_P(StoreContract, MovingAUnitRecomputesLevelsOfItsSubtreeAndRejectsCycles) {
  org::OrgUnit p1, p2, d, c;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(p1, tx.orgs().create(unit("P1", "Tỉnh 1", OrgType::ProvinceCommittee)));
    VALUE_OR_FAIL(p2, tx.orgs().create(unit("P2", "Tỉnh 2", OrgType::ProvinceCommittee)));
    VALUE_OR_FAIL(auto mid, tx.orgs().create(unit("M", "Sở", OrgType::Department, p2.id)));
    VALUE_OR_FAIL(d, tx.orgs().create(unit("D", "Huyện", OrgType::DistrictCommittee, p1.id)));
    VALUE_OR_FAIL(c, tx.orgs().create(unit("C", "Xã", OrgType::CommuneCommittee, d.id)));
    // Move D (level 2) under M (level 2): D becomes 3, C becomes 4.
    d.parent_id = mid.id;
    VALUE_OR_FAIL(d, tx.orgs().update(d));
    EXPECT_EQ(d.level, 3);
  });
  auto tx = begin();
  VALUE_OR_FAIL(auto c2, tx->orgs().get(c.id));
  EXPECT_EQ(c2.level, 4);
  EXPECT_EQ(c2.version, 1);  // level is derived; moving the parent is not a change of C
  d.parent_id = c.id;        // under its own child
  EXPECT_CODE(tx->orgs().update(d), ErrorCode::InvalidHierarchy);
  d.parent_id = d.id;        // under itself
  EXPECT_CODE(tx->orgs().update(d), ErrorCode::InvalidHierarchy);
  d.parent_id = std::nullopt;  // to the top
  VALUE_OR_FAIL(auto top, tx->orgs().update(d));
  EXPECT_EQ(top.level, 1);
  VALUE_OR_FAIL(auto c3, tx->orgs().get(c.id));
  EXPECT_EQ(c3.level, 2);
}

TEST_P(StoreContract, VietnameseAndAwkwardTextRoundTripsByteForByte) {
  const std::vector<std::string> names = {
      "Phường Thủ Đức", "Đặc khu Côn Đảo", "Xã Ea H'Leo", "Sở Nội vụ \"cũ\"",
      "tab\there, newline\nhere, backslash\\here", "Ủy ban nhân dân xã Đắk Rồng – 100%_ok",
      "Thủ Đức (NFD)"};  // decomposed: U+0309 etc.
  std::vector<int64_t> ids;
  write([&](ports::Tx& tx) {
    for (size_t i = 0; i < names.size(); ++i) {
      VALUE_OR_FAIL(auto u, tx.orgs().create(unit(numbered("V", i), names[i])));
      ids.push_back(u.id);
    }
    // through the bulk path too (PostgreSQL: COPY text format escaping)
    std::vector<ports::OrgRepository::ImportRow> rows;
    for (size_t i = 0; i < names.size(); ++i) {
      rows.push_back({unit(numbered("B", i), names[i]), ""});
    }
    VALUE_OR_FAIL(auto bulk, tx.orgs().createMany(rows));
    ids.insert(ids.end(), bulk.begin(), bulk.end());
  });
  auto tx = reader();
  for (size_t i = 0; i < ids.size(); ++i) {
    VALUE_OR_FAIL(auto u, tx->orgs().get(ids[i]));
    EXPECT_EQ(u.name, names[i % names.size()]);
  }
}

class SearchFixture {
 public:
  static void seed(ports::Tx& tx) {
    VALUE_OR_FAIL(auto hcm, tx.orgs().create(unit("79", "Thành phố Hồ Chí Minh",
                                                  OrgType::ProvinceCommittee)));
    EXPECT_OK(tx.orgs().create(unit("26848", "Phường Thủ Đức", OrgType::CommuneCommittee,
                                    hcm.id)));
    EXPECT_OK(tx.orgs().create(unit("26740", "Đặc khu Côn Đảo", OrgType::CommuneCommittee,
                                    hcm.id)));
    EXPECT_OK(tx.orgs().create(unit("26734", "Phường Thủ Dầu Một", OrgType::CommuneCommittee)));
    EXPECT_OK(tx.orgs().create(unit("S_1", "Sở Tài chính", OrgType::Department, hcm.id)));
    EXPECT_OK(tx.orgs().create(unit("S21", "Sở Xây dựng", OrgType::Department, hcm.id)));
  }
};

std::vector<std::string> codes(const std::vector<org::OrgUnit>& units) {
  std::vector<std::string> out;
  for (const auto& u : units) out.push_back(u.code);
  return out;
}

TEST_P(StoreContract, SearchIgnoresDiacriticsCaseAndWordOrder) {
  write(SearchFixture::seed);
  auto tx = reader();
  auto search = [&](const std::string& text) {
    ports::OrgQuery q;
    q.text = text;
    auto r = tx->orgs().find(q);
    EXPECT_TRUE(r.has_value());
    return r.has_value() ? codes(*r) : std::vector<std::string>{};
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(search("Thu Duc"), V({"26848"}));
  EXPECT_EQ(search("thủ đức"), V({"26848"}));
  EXPECT_EQ(search("THỦ ĐỨC"), V({"26848"}));
  EXPECT_EQ(search("duc thu"), V({"26848"}));
  EXPECT_EQ(search("con dao"), V({"26740"}));
  EXPECT_EQ(search("Côn Đảo"), V({"26740"}));
  EXPECT_EQ(search("thu"), V({"26734", "26848"}));  // ordered by code
  EXPECT_EQ(search("26848"), V({"26848"}));          // the code is searchable too
  EXPECT_EQ(search("thu xyz"), V());                 // every word must match
  EXPECT_EQ(search("  "), V({"26734", "26740", "26848", "79", "S21", "S_1"}));
}

TEST_P(StoreContract, SearchTreatsSqlMetacharactersAsPlainText) {
  write(SearchFixture::seed);
  {
    auto tx = reader();
    for (const std::string text : {"%'; DROP TABLE org_unit;--", "%", "'", "\\", "' OR '1'='1",
                                   "thu%duc"}) {
      ports::OrgQuery q;
      q.text = text;
      VALUE_OR_FAIL(auto found, tx->orgs().find(q));
      EXPECT_TRUE(found.empty()) << text << " found " << found.size();
      VALUE_OR_FAIL(auto n, tx->orgs().count(q));
      EXPECT_EQ(n, 0) << text;
    }
    ports::OrgQuery q;
    q.text = "s_1";  // '_' is a literal underscore, not "any character" (S21 must not match)
    VALUE_OR_FAIL(auto found, tx->orgs().find(q));
    EXPECT_EQ(codes(found), std::vector<std::string>({"S_1"}));
  }
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->orgs().count({}));
  EXPECT_EQ(n, 6);  // nothing was dropped
}

TEST_P(StoreContract, FindFiltersByParentRootsTypeAndValidity) {
  int64_t hcm_id = 0;
  write([&](ports::Tx& tx) {
    SearchFixture::seed(tx);
    VALUE_OR_FAIL(auto hcm, tx.orgs().getByCode("79"));
    hcm_id = hcm.id;
    auto old = unit("760", "Thành phố Thủ Đức (cũ)", OrgType::DistrictCommittee, hcm.id);
    old.valid_from = day(2021, 1, 1);
    old.valid_to = day(2025, 6, 30);
    EXPECT_OK(tx.orgs().create(old));
  });
  auto tx = reader();
  auto run = [&](const ports::OrgQuery& q) {
    auto r = tx->orgs().find(q);
    EXPECT_TRUE(r.has_value());
    auto n = tx->orgs().count(q);
    EXPECT_TRUE(n.has_value());
    if (r.has_value() && n.has_value()) EXPECT_EQ(static_cast<int64_t>(r->size()), *n);
    return r.has_value() ? codes(*r) : std::vector<std::string>{};
  };
  using V = std::vector<std::string>;
  ports::OrgQuery children;
  children.parent_id = hcm_id;
  EXPECT_EQ(run(children), V({"26740", "26848", "760", "S21", "S_1"}));
  ports::OrgQuery roots;
  roots.roots_only = true;
  EXPECT_EQ(run(roots), V({"26734", "79"}));
  ports::OrgQuery departments;
  departments.type = OrgType::Department;
  EXPECT_EQ(run(departments), V({"S21", "S_1"}));
  ports::OrgQuery districts;
  districts.type = OrgType::DistrictCommittee;
  districts.active_on = day(2025, 6, 30);  // last day is inclusive
  EXPECT_EQ(run(districts), V({"760"}));
  districts.active_on = day(2025, 7, 1);
  EXPECT_EQ(run(districts), V());
  districts.active_on = day(2021, 1, 1);  // first day is inclusive
  EXPECT_EQ(run(districts), V({"760"}));
  districts.active_on = day(2020, 12, 31);
  EXPECT_EQ(run(districts), V());
  ports::OrgQuery today;
  today.active_on = day(2026, 1, 1);
  EXPECT_EQ(run(today).size(), 6u);
  ports::OrgQuery page;
  page.limit = 2;
  page.offset = 1;
  VALUE_OR_FAIL(auto paged, tx->orgs().find(page));
  EXPECT_EQ(codes(paged), V({"26740", "26848"}));
  VALUE_OR_FAIL(auto total, tx->orgs().count(page));
  EXPECT_EQ(total, 7);  // count ignores limit and offset
}

TEST_P(StoreContract, ChildCountsAndAllParentsDescribeTheTree) {
  write(SearchFixture::seed);
  auto tx = reader();
  VALUE_OR_FAIL(auto hcm, tx->orgs().getByCode("79"));
  VALUE_OR_FAIL(auto td, tx->orgs().getByCode("26848"));
  VALUE_OR_FAIL(auto counts, tx->orgs().childCounts({td.id, hcm.id, 777777}));
  EXPECT_EQ(counts, std::vector<int64_t>({0, 4, 0}));
  VALUE_OR_FAIL(auto parents, tx->orgs().allParents());
  ASSERT_EQ(parents.size(), 6u);
  for (size_t i = 1; i < parents.size(); ++i) EXPECT_LT(parents[i - 1].first, parents[i].first);
  int roots = 0;
  for (const auto& [id, parent] : parents) {
    if (!parent) ++roots;
    if (id == td.id) EXPECT_EQ(parent, std::optional<int64_t>(hcm.id));
  }
  EXPECT_EQ(roots, 2);
}

TEST_P(StoreContract, SuccessorLinksAreAddedListedAndRemoved) {
  int64_t a = 0, b = 0, c = 0, link_id = 0;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto ua, tx.orgs().create(unit("A", "Huyện A", OrgType::DistrictCommittee)));
    VALUE_OR_FAIL(auto ub, tx.orgs().create(unit("B", "Huyện B", OrgType::DistrictCommittee)));
    VALUE_OR_FAIL(auto uc, tx.orgs().create(unit("C", "Xã mới C")));
    a = ua.id, b = ub.id, c = uc.id;
    org::SuccessorLink l;
    l.from_id = a;
    l.to_id = c;
    l.kind = org::LinkKind::Split;
    l.share = 0.375;
    l.effective = day(2025, 7, 1);
    VALUE_OR_FAIL(auto added, tx.orgs().addLink(l));
    EXPECT_GT(added.id, 0);
    link_id = added.id;
    l.from_id = b;
    l.kind = org::LinkKind::Merge;
    l.share = 1.0;
    EXPECT_OK(tx.orgs().addLink(l));
    l.from_id = 123456;
    EXPECT_CODE(tx.orgs().addLink(l), ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto of_c, tx->orgs().linksOf(c));
    ASSERT_EQ(of_c.size(), 2u);
    EXPECT_EQ(of_c[0].from_id, a);
    EXPECT_EQ(of_c[0].kind, org::LinkKind::Split);
    EXPECT_DOUBLE_EQ(of_c[0].share, 0.375);
    EXPECT_EQ(of_c[0].effective, day(2025, 7, 1));
    VALUE_OR_FAIL(auto of_a, tx->orgs().linksOf(a));
    ASSERT_EQ(of_a.size(), 1u);
    EXPECT_EQ(of_a[0].to_id, c);
    VALUE_OR_FAIL(auto all, tx->orgs().allLinks());
    EXPECT_EQ(all.size(), 2u);
  }
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.orgs().removeLink(link_id));
    EXPECT_CODE(tx.orgs().removeLink(link_id), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->orgs().allLinks());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].from_id, b);
}

// 1 province existing + a batch of 1 province, 50 districts-like departments and 2,500 communes
// whose parents are given by code (earlier rows and existing units).
std::vector<ports::OrgRepository::ImportRow> importBatch(size_t communes) {
  std::vector<ports::OrgRepository::ImportRow> rows;
  rows.push_back({unit("01", "Thành phố Hà Nội", OrgType::ProvinceCommittee), ""});
  for (size_t d = 0; d < 50; ++d) {
    rows.push_back({unit(numbered("D", d), numbered("Sở số ", d), OrgType::Department),
                    d % 2 == 0 ? "01" : "79"});
  }
  for (size_t c = 0; c < communes; ++c) {
    rows.push_back({unit(numbered("X", 100000 + c), numbered("Xã Đông Anh ", c)),
                    numbered("D", c % 50)});
  }
  return rows;
}

TEST_P(StoreContract, CreateManyResolvesParentsByCodeAndComputesLevels) {
  int64_t hcm_id = 0;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto hcm, tx.orgs().create(unit("79", "TP HCM", OrgType::ProvinceCommittee)));
    hcm_id = hcm.id;
  });
  auto rows = importBatch(2500);
  std::vector<int64_t> ids;
  write([&](ports::Tx& tx) { VALUE_OR_FAIL(ids, tx.orgs().createMany(rows)); });
  ASSERT_EQ(ids.size(), rows.size());
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->orgs().count({}));
  EXPECT_EQ(n, static_cast<int64_t>(rows.size()) + 1);
  VALUE_OR_FAIL(auto hn, tx->orgs().get(ids[0]));
  EXPECT_EQ(hn.code, "01");
  EXPECT_EQ(hn.level, 1);
  EXPECT_EQ(hn.version, 1);
  VALUE_OR_FAIL(auto d1, tx->orgs().get(ids[2]));  // "D1" under existing "79"
  EXPECT_EQ(d1.code, "D1");
  EXPECT_EQ(d1.parent_id, std::optional<int64_t>(hcm_id));
  EXPECT_EQ(d1.level, 2);
  VALUE_OR_FAIL(auto x, tx->orgs().get(ids.back()));
  EXPECT_EQ(x.code, "X102499");
  EXPECT_EQ(x.level, 3);
  VALUE_OR_FAIL(auto parent, tx->orgs().get(*x.parent_id));
  EXPECT_EQ(parent.code, "D49");
  ports::OrgQuery q;
  q.text = "dong anh 2499";
  VALUE_OR_FAIL(auto found, tx->orgs().find(q));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, ids.back());
  VALUE_OR_FAIL(auto counts, tx->orgs().childCounts({ids[0], hcm_id, ids[1]}));
  EXPECT_EQ(counts, std::vector<int64_t>({25, 25, 50}));
}

TEST_P(StoreContract, CreateManyWithADuplicateWritesNothing) {
  write([](ports::Tx& tx) {
    EXPECT_OK(tx.orgs().create(unit("79", "TP HCM", OrgType::ProvinceCommittee)));
  });
  auto rows = importBatch(2000);
  // 1) a code already stored, in the middle of the batch
  auto dup_existing = rows;
  dup_existing[1500].unit.code = "79";
  // 2) a code repeated inside the batch
  auto dup_inside = rows;
  dup_inside[1800].unit.code = "X100007";
  // 3) a parent code nobody has
  auto orphan = rows;
  orphan[1900].parent_code = "KHÔNG-CÓ";
  {
    auto tx = begin();
    auto r1 = tx->orgs().createMany(dup_existing);
    ASSERT_FALSE(r1.has_value());
    EXPECT_EQ(r1.error().code, ErrorCode::AlreadyExists);
    EXPECT_NE(r1.error().message.find("'79'"), std::string::npos) << r1.error().message;
    auto r2 = tx->orgs().createMany(dup_inside);
    ASSERT_FALSE(r2.has_value());
    EXPECT_EQ(r2.error().code, ErrorCode::AlreadyExists);
    EXPECT_NE(r2.error().message.find("'X100007'"), std::string::npos) << r2.error().message;
    EXPECT_CODE(tx->orgs().createMany(orphan), ErrorCode::NotFound);
    // Even committing the transaction afterwards writes none of the rows.
    EXPECT_OK(tx->commit());
  }
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->orgs().count({}));
  EXPECT_EQ(n, 1);
  EXPECT_CODE(tx->orgs().getByCode("01"), ErrorCode::NotFound);
}

TEST_P(StoreContract, CreateManyImports15000UnitsInOneGo) {
  std::vector<ports::OrgRepository::ImportRow> rows;
  rows.push_back({unit("00", "Việt Nam", OrgType::ProvinceCommittee), ""});
  for (size_t p = 0; p < 34; ++p) {
    rows.push_back({unit(numbered("P", p), numbered("Tỉnh số ", p), OrgType::ProvinceCommittee),
                    "00"});
  }
  while (rows.size() < 15000) {
    size_t i = rows.size();
    rows.push_back({unit(numbered("C", i), numbered("Phường Thủ Đức ", i)),
                    numbered("P", i % 34)});
  }
  // (Speed is measured in bench/, not asserted here: `baocao org import` of the national file.)
  auto tx = begin();
  VALUE_OR_FAIL(auto ids, tx->orgs().createMany(rows));
  EXPECT_OK(tx->commit());
  EXPECT_EQ(ids.size(), 15000u);
  auto r = reader();
  VALUE_OR_FAIL(auto n, r->orgs().count({}));
  EXPECT_EQ(n, 15000);
  ports::OrgQuery all;
  all.limit = 100000;  // capped at 5,000
  VALUE_OR_FAIL(auto capped, r->orgs().find(all));
  EXPECT_EQ(capped.size(), 5000u);
}

}  // namespace
}  // namespace baocao::contract
