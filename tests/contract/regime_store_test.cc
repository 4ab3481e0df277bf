// Contract: RegimeRepository on every store (memory, SQLite, PostgreSQL): unique codes,
// optimistic versions, versions in order, immutable published bodies, search and filters.
#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
namespace rg = core::regime;

ports::StoredRegime head(const std::string& code, const std::string& name,
                         rg::Kind kind = rg::Kind::Periodic) {
  ports::StoredRegime h;
  h.code = code;
  h.family = code;
  h.name = name;
  h.kind = kind;
  h.updated_at = core::Timestamp::fromSeconds(1767225600);
  return h;
}
ports::StoredRegimeVersion draft(const std::string& body) {
  ports::StoredRegimeVersion v;
  v.status = rg::Status::Draft;
  v.body = body;
  v.created_at = core::Timestamp::fromSeconds(1767225600);
  v.created_by = 7;
  return v;
}

TEST_P(StoreContract, RegimeHeadAndFirstVersionRoundTrip) {
  ports::StoredRegime created;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(created, tx.regimes().create(head("HCM-KTXH", "Báo cáo kinh tế - xã hội"),
                                                draft(R"({"code":"HCM-KTXH"})")));
  });
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.version, 1);
  EXPECT_EQ(created.latest_version, 1);
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->regimes().getByCode("HCM-KTXH"));
  EXPECT_EQ(got.id, created.id);
  EXPECT_EQ(got.name, "Báo cáo kinh tế - xã hội");
  EXPECT_EQ(got.kind, rg::Kind::Periodic);
  EXPECT_EQ(got.status, rg::Status::Draft);
  EXPECT_FALSE(got.published_version.has_value());
  EXPECT_EQ(got.updated_at, core::Timestamp::fromSeconds(1767225600));
  VALUE_OR_FAIL(auto v, tx->regimes().getVersion(created.id, 1));
  EXPECT_EQ(v.body, R"({"code":"HCM-KTXH"})");
  EXPECT_EQ(v.status, rg::Status::Draft);
  EXPECT_EQ(v.created_by, std::optional<int64_t>(7));
  EXPECT_FALSE(v.published_at.has_value());
  EXPECT_CODE(tx->regimes().getVersion(created.id, 2), ErrorCode::NotFound);
  EXPECT_CODE(tx->regimes().get(created.id + 100), ErrorCode::NotFound);
}

TEST_P(StoreContract, RegimeCodesAreUniqueAndUpdatesAreOptimistic) {
  ports::StoredRegime a;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(a, tx.regimes().create(head("A", "Báo cáo A"), draft("{}")));
    VALUE_OR_FAIL(auto b, tx.regimes().create(head("B", "Báo cáo B"), draft("{}")));
    EXPECT_CODE(tx.regimes().create(head("A", "Trùng"), draft("{}")), ErrorCode::AlreadyExists);
    auto renamed = a;
    renamed.code = "B";
    EXPECT_CODE(tx.regimes().update(renamed), ErrorCode::AlreadyExists);
  });
  write([&](ports::Tx& tx) {
    auto h = a;
    h.name = "Báo cáo A (sửa)";
    h.status = rg::Status::Published;
    h.published_version = 1;
    VALUE_OR_FAIL(auto u, tx.regimes().update(h));
    EXPECT_EQ(u.version, 2);
    EXPECT_CODE(tx.regimes().update(h), ErrorCode::Conflict);  // stale version 1
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->regimes().get(a.id));
  EXPECT_EQ(got.name, "Báo cáo A (sửa)");
  EXPECT_EQ(got.published_version, std::optional<int>(1));
  EXPECT_EQ(got.version, 2);
}

TEST_P(StoreContract, PublishedRegimeVersionsKeepTheirBody) {
  ports::StoredRegime a;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(a, tx.regimes().create(head("A", "A"), draft("v1-draft")));
    auto v = draft("v1");  // a draft is edited in place
    v.regime_id = a.id;
    EXPECT_OK(tx.regimes().putVersion(v));
    v.status = rg::Status::Published;
    v.published_at = core::Timestamp::fromSeconds(1767312000);
    EXPECT_OK(tx.regimes().putVersion(v));
  });
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto v1, tx.regimes().getVersion(a.id, 1));
    EXPECT_EQ(v1.body, "v1");
    auto edited = v1;
    edited.body = "changed";
    EXPECT_CODE(tx.regimes().putVersion(edited), ErrorCode::Conflict);
    v1.status = rg::Status::Superseded;  // status may move on
    EXPECT_OK(tx.regimes().putVersion(v1));
    auto v2 = draft("v2");
    v2.regime_id = a.id;
    v2.number = 2;
    EXPECT_OK(tx.regimes().putVersion(v2));
    auto orphan = draft("x");
    orphan.regime_id = a.id + 99;
    EXPECT_CODE(tx.regimes().putVersion(orphan), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->regimes().versions(a.id, false));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].number, 1);
  EXPECT_EQ(all[0].status, rg::Status::Superseded);
  EXPECT_EQ(all[0].published_at, std::optional(core::Timestamp::fromSeconds(1767312000)));
  EXPECT_TRUE(all[0].body.empty());
  EXPECT_EQ(all[1].number, 2);
  VALUE_OR_FAIL(auto bodies, tx->regimes().versions(a.id, true));
  EXPECT_EQ(bodies[0].body, "v1");
  EXPECT_EQ(bodies[1].body, "v2");
  EXPECT_CODE(tx->regimes().versions(a.id + 99, false), ErrorCode::NotFound);
}

TEST_P(StoreContract, RegimeSearchIsFoldedAndFiltersCombine) {
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto a, tx.regimes().create(head("HCM-KTXH", "Báo cáo tình hình kinh tế - xã hội"),
                                              draft("{}")));
    VALUE_OR_FAIL(auto b, tx.regimes().create(head("HCM-TK", "Báo cáo thống kê", rg::Kind::Statistical),
                                              draft("{}")));
    VALUE_OR_FAIL(auto c, tx.regimes().create(head("DX-1", "Báo cáo đột xuất về bão", rg::Kind::AdHoc),
                                              draft("{}")));
    b.status = rg::Status::Published;
    VALUE_OR_FAIL(auto b2, tx.regimes().update(b));
  });
  auto tx = reader();
  ports::RegimeQuery q;
  q.text = "kinh te xa hoi";
  VALUE_OR_FAIL(auto found, tx->regimes().find(q));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "HCM-KTXH");
  q = {};
  VALUE_OR_FAIL(auto all, tx->regimes().find(q));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].code, "DX-1");  // bytewise code order
  EXPECT_EQ(all[2].code, "HCM-TK");
  q.status = rg::Status::Published;
  VALUE_OR_FAIL(auto pub, tx->regimes().find(q));
  ASSERT_EQ(pub.size(), 1u);
  EXPECT_EQ(pub[0].code, "HCM-TK");
  q = {};
  q.kind = rg::Kind::AdHoc;
  q.family = "DX-1";
  VALUE_OR_FAIL(auto adhoc, tx->regimes().find(q));
  ASSERT_EQ(adhoc.size(), 1u);
  q = {};
  q.limit = 1;
  q.offset = 1;
  VALUE_OR_FAIL(auto page, tx->regimes().find(q));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].code, "HCM-KTXH");
}

TEST_P(StoreContract, RegimeChangesOfAnUncommittedTxAreDropped) {
  {
    auto tx = begin();
    VALUE_OR_FAIL(auto a, tx->regimes().create(head("A", "A"), draft("{}")));
  }
  auto tx = reader();
  EXPECT_CODE(tx->regimes().getByCode("A"), ErrorCode::NotFound);
  EXPECT_CODE(tx->regimes().create(head("B", "B"), draft("{}")), ErrorCode::StorageError);
}

}  // namespace
}  // namespace baocao::contract
