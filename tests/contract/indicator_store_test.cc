// Contract: IndicatorRepository and TargetRepository on every store (memory, SQLite,
// PostgreSQL): codes, optimistic versions, breakdown round trip, folded search, immutable set
// versions, targets with their history, results.
#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
namespace ind = core::indicator;
namespace tgt = core::target;

ind::Indicator indicator(const std::string& code, const std::string& name) {
  ind::Indicator i;
  i.code = code;
  i.name = name;
  i.unit_of_measure = "%";
  i.value_type = ind::ValueType::Percent;
  i.decimals = 2;
  i.sector = "Kinh tế";
  i.direction = ind::Direction::Higher;
  i.time_aggregation = ind::TimeAggregation::Last;
  return i;
}

TEST_P(StoreContract, IndicatorRoundTripsEveryFieldIncludingBreakdowns) {
  int64_t agency = 0;
  ind::Indicator created;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto stc, tx.orgs().create(unit("79.STC", "Sở Tài chính", org::OrgType::Department)));
    agency = stc.id;
    auto i = indicator("DS", "Dân số trung bình");
    i.value_type = ind::ValueType::Number;
    i.unit_of_measure = "nghìn người";
    i.decimals = 1;
    i.agency_id = agency;
    i.legal_basis = "Quyết định 05/2023/QĐ-TTg";
    i.periodicity = "Năm";
    i.unit_aggregation = ind::UnitAggregation::WeightedAverage;
    i.weight_code = "HO";
    i.formula = "[DS.nam] + [DS.nu]";
    i.note = "ghi chú";
    i.breakdowns = {{"gioi_tinh", "Giới tính", {{"nam", "Nam"}, {"nu", "Nữ"}}},
                    {"khu_vuc", "Thành thị/nông thôn", {{"tt", "Thành thị"}, {"nt", "Nông thôn"}}}};
    VALUE_OR_FAIL(created, tx.indicators().create(i));
    EXPECT_GT(created.id, 0);
    EXPECT_EQ(created.version, 1);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->indicators().getByCode("DS"));
  EXPECT_EQ(got.id, created.id);
  EXPECT_EQ(got.name, "Dân số trung bình");
  EXPECT_EQ(got.unit_of_measure, "nghìn người");
  EXPECT_EQ(got.value_type, ind::ValueType::Number);
  EXPECT_EQ(got.decimals, 1);
  EXPECT_EQ(got.agency_id, std::optional<int64_t>(agency));
  EXPECT_EQ(got.legal_basis, "Quyết định 05/2023/QĐ-TTg");
  EXPECT_EQ(got.periodicity, "Năm");
  EXPECT_EQ(got.direction, ind::Direction::Higher);
  EXPECT_EQ(got.unit_aggregation, ind::UnitAggregation::WeightedAverage);
  EXPECT_EQ(got.weight_code, "HO");
  EXPECT_EQ(got.time_aggregation, ind::TimeAggregation::Last);
  EXPECT_EQ(got.formula, "[DS.nam] + [DS.nu]");
  EXPECT_EQ(got.note, "ghi chú");
  ASSERT_EQ(got.breakdowns.size(), 2u);
  EXPECT_EQ(got.breakdowns, created.breakdowns);
  EXPECT_EQ(got.breakdowns[1].parts[1].name, "Nông thôn");
}

TEST_P(StoreContract, IndicatorCodeIsUniqueAndTheTxStaysUsable) {
  write([](ports::Tx& tx) {
    EXPECT_OK(tx.indicators().create(indicator("GRDP", "Tăng trưởng GRDP")));
    auto dup = tx.indicators().create(indicator("GRDP", "Trùng"));
    ASSERT_FALSE(dup.has_value());
    EXPECT_EQ(dup.error().code, ErrorCode::AlreadyExists);
    EXPECT_NE(dup.error().message.find("'GRDP'"), std::string::npos);
    EXPECT_OK(tx.indicators().create(indicator("CPI", "Chỉ số giá tiêu dùng")));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->indicators().count({}));
  EXPECT_EQ(n, 2);
  EXPECT_CODE(tx->indicators().get(424242), ErrorCode::NotFound);
  EXPECT_CODE(tx->indicators().getByCode("KHONG"), ErrorCode::NotFound);
}

TEST_P(StoreContract, IndicatorUpdateBumpsVersionReplacesBreakdownsAndRejectsStaleVersion) {
  ind::Indicator i;
  write([&](ports::Tx& tx) {
    auto x = indicator("DS", "Dân số");
    x.value_type = ind::ValueType::Number;
    x.breakdowns = {{"gioi_tinh", "Giới tính", {{"nam", "Nam"}, {"nu", "Nữ"}}}};
    VALUE_OR_FAIL(i, tx.indicators().create(x));
  });
  write([&](ports::Tx& tx) {
    auto u = i;
    u.name = "Dân số trung bình";
    u.breakdowns = {{"khu_vuc", "Khu vực", {{"tt", "Thành thị"}, {"nt", "Nông thôn"}, {"kh", "Khác"}}}};
    VALUE_OR_FAIL(auto after, tx.indicators().update(u));
    EXPECT_EQ(after.version, 2);
    EXPECT_CODE(tx.indicators().update(u), ErrorCode::Conflict);  // still version 1
    auto other = indicator("HO", "Số hộ");
    VALUE_OR_FAIL(auto ho, tx.indicators().create(other));
    ho.code = "DS";
    EXPECT_CODE(tx.indicators().update(ho), ErrorCode::AlreadyExists);
    auto ghost = u;
    ghost.id = 999999;
    EXPECT_CODE(tx.indicators().update(ghost), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->indicators().get(i.id));
  EXPECT_EQ(got.name, "Dân số trung bình");
  EXPECT_EQ(got.version, 2);
  ASSERT_EQ(got.breakdowns.size(), 1u);
  EXPECT_EQ(got.breakdowns[0].code, "khu_vuc");
  EXPECT_EQ(got.breakdowns[0].parts.size(), 3u);
}

TEST_P(StoreContract, IndicatorSearchFoldsAccentsAndPagesByCode) {
  write([](ports::Tx& tx) {
    EXPECT_OK(tx.indicators().create(indicator("XH_04", "Tỷ lệ hộ nghèo")));
    EXPECT_OK(tx.indicators().create(indicator("LD_01", "Tỷ lệ thất nghiệp")));
    auto other = indicator("KT_01", "Tốc độ tăng trưởng GRDP");
    other.sector = "Tài khoản quốc gia";
    EXPECT_OK(tx.indicators().create(other));
  });
  auto tx = reader();
  core::ports::IndicatorQuery q;
  q.text = "ty le ngheo";
  VALUE_OR_FAIL(auto found, tx->indicators().find(q));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "XH_04");
  q.text = "TỶ LỆ";
  VALUE_OR_FAIL(auto two, tx->indicators().find(q));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].code, "LD_01");  // ordered by code
  q = {};
  q.sector = "Tài khoản quốc gia";
  VALUE_OR_FAIL(auto by_sector, tx->indicators().find(q));
  ASSERT_EQ(by_sector.size(), 1u);
  EXPECT_EQ(by_sector[0].code, "KT_01");
  q = {};
  q.limit = 1;
  q.offset = 1;
  VALUE_OR_FAIL(auto page, tx->indicators().find(q));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].code, "LD_01");
  VALUE_OR_FAIL(auto total, tx->indicators().count(q));
  EXPECT_EQ(total, 3);
}

TEST_P(StoreContract, PublishedSetVersionsAreImmutableSnapshots) {
  ind::IndicatorSet set;
  ind::Indicator a, b;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(a, tx.indicators().create(indicator("A", "Chỉ tiêu A")));
    VALUE_OR_FAIL(b, tx.indicators().create(indicator("B", "Chỉ tiêu B")));
    ind::IndicatorSet s;
    s.code = "HCM-KTXH-2026";
    s.name = "Bộ chỉ tiêu KT-XH năm 2026";
    s.period = {2026, 2026};
    s.level = ind::SetLevel::Province;
    VALUE_OR_FAIL(set, tx.indicators().createSet(s));
    EXPECT_EQ(set.latest_version, 0);
    EXPECT_CODE(tx.indicators().createSet(s), ErrorCode::AlreadyExists);
    ind::SetVersion v1;
    v1.note = "ban đầu";
    v1.published_at = core::Timestamp::fromSeconds(1767225600);
    v1.published_by = 7;
    v1.members = {{a.id, a.version, "A", "Chỉ tiêu A", "%", "I. Kinh tế", 1}};
    VALUE_OR_FAIL(auto p1, tx.indicators().publishVersion(set.id, 0, v1));
    EXPECT_EQ(p1.number, 1);
  });
  write([&](ports::Tx& tx) {
    // The indicator is renamed after version 1 was published...
    auto renamed = a;
    renamed.name = "Chỉ tiêu A (sửa)";
    EXPECT_OK(tx.indicators().update(renamed));
    ind::SetVersion v2;
    v2.published_at = core::Timestamp::fromSeconds(1767312000);
    v2.members = {{b.id, b.version, "B", "Chỉ tiêu B", "%", "", 1},
                  {a.id, a.version + 1, "A", "Chỉ tiêu A (sửa)", "%", "I. Kinh tế", 2}};
    VALUE_OR_FAIL(auto p2, tx.indicators().publishVersion(set.id, 1, v2));
    EXPECT_EQ(p2.number, 2);
    // A publisher who read version 1 too late gets Conflict, naming the latest version.
    auto stale = tx.indicators().publishVersion(set.id, 1, v2);
    ASSERT_FALSE(stale.has_value());
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_NE(stale.error().message.find("phiên bản 2"), std::string::npos);
    EXPECT_CODE(tx.indicators().publishVersion(987654, 0, v2), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto v1, tx->indicators().getVersion(set.id, 1));
  ASSERT_EQ(v1.members.size(), 1u);
  EXPECT_EQ(v1.members[0].name, "Chỉ tiêu A");  // ...but version 1 keeps what was published
  EXPECT_EQ(v1.members[0].indicator_version, 1);
  EXPECT_EQ(v1.note, "ban đầu");
  EXPECT_EQ(v1.published_by, std::optional<int64_t>(7));
  EXPECT_EQ(v1.published_at, core::Timestamp::fromSeconds(1767225600));
  VALUE_OR_FAIL(auto v2, tx->indicators().getVersion(set.id, 2));
  ASSERT_EQ(v2.members.size(), 2u);
  EXPECT_EQ(v2.members[0].code, "B");
  EXPECT_EQ(v2.members[1].group, "I. Kinh tế");
  EXPECT_FALSE(v2.published_by.has_value());
  EXPECT_CODE(tx->indicators().getVersion(set.id, 3), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto all, tx->indicators().versionsOf(set.id));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].members.empty());
  VALUE_OR_FAIL(auto s, tx->indicators().getSetByCode("HCM-KTXH-2026"));
  EXPECT_EQ(s.latest_version, 2);
  EXPECT_EQ(s.period.id(), "2026");
  VALUE_OR_FAIL(auto sets, tx->indicators().findSets(std::string("2026"), ind::SetLevel::Province));
  EXPECT_EQ(sets.size(), 1u);
  VALUE_OR_FAIL(auto none, tx->indicators().findSets(std::string("2026-2030"), std::nullopt));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreContract, TargetsAreUniquePerPeriodUnitIndicatorAndKeepTheirHistory) {
  int64_t city = 0, stc = 0;
  ind::Indicator grdp;
  tgt::Target t;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto c, tx.orgs().create(unit("79", "Thành phố Hồ Chí Minh", org::OrgType::ProvinceCommittee)));
    VALUE_OR_FAIL(auto s, tx.orgs().create(unit("79.STC", "Sở Tài chính", org::OrgType::Department, c.id)));
    city = c.id;
    stc = s.id;
    VALUE_OR_FAIL(grdp, tx.indicators().create(indicator("GRDP", "Tăng trưởng GRDP")));
    tgt::Target x;
    x.period = {2026, 2026};
    x.unit_id = stc;
    x.indicator_id = grdp.id;
    x.owner_unit_id = city;
    x.registered_value = 9.5;
    x.updated_at = core::Timestamp::fromSeconds(1767225600);
    VALUE_OR_FAIL(t, tx.targets().create(x));
    EXPECT_EQ(t.version, 1);
    EXPECT_CODE(tx.targets().create(x), ErrorCode::AlreadyExists);
    tgt::TargetChange ch;
    ch.target_id = t.id;
    ch.kind = tgt::ChangeKind::Register;
    ch.new_value = 9.5;
    ch.comment = "đăng ký";
    ch.at = x.updated_at;
    ch.actor_id = 3;
    ch.actor_name = "cv.stc";
    EXPECT_OK(tx.targets().addChange(ch));
    ch.target_id = 999999;
    EXPECT_CODE(tx.targets().addChange(ch), ErrorCode::NotFound);
  });
  write([&](ports::Tx& tx) {
    auto u = t;
    u.assigned_value = 10.0;
    u.status = tgt::TargetStatus::Assigned;
    u.updated_at = core::Timestamp::fromSeconds(1767312000);
    VALUE_OR_FAIL(auto after, tx.targets().update(u));
    EXPECT_EQ(after.version, 2);
    EXPECT_EQ(after.assigned_value, std::optional<double>(10.0));
    EXPECT_CODE(tx.targets().update(u), ErrorCode::Conflict);
    tgt::TargetChange ch;
    ch.target_id = t.id;
    ch.kind = tgt::ChangeKind::Assign;
    ch.new_value = 10.0;
    ch.at = u.updated_at;
    ch.actor_name = "cli";
    EXPECT_OK(tx.targets().addChange(ch));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->targets().getFor("2026", stc, grdp.id));
  EXPECT_EQ(got.id, t.id);
  EXPECT_EQ(got.owner_unit_id, city);
  EXPECT_EQ(got.registered_value, std::optional<double>(9.5));
  EXPECT_EQ(got.assigned_value, std::optional<double>(10.0));
  EXPECT_EQ(got.status, tgt::TargetStatus::Assigned);
  EXPECT_EQ(got.updated_at, core::Timestamp::fromSeconds(1767312000));
  EXPECT_CODE(tx->targets().getFor("2027", stc, grdp.id), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto hist, tx->targets().history(t.id));
  ASSERT_EQ(hist.size(), 2u);
  EXPECT_EQ(hist[0].kind, tgt::ChangeKind::Register);
  EXPECT_FALSE(hist[0].old_value.has_value());
  EXPECT_EQ(hist[0].actor_id, std::optional<int64_t>(3));
  EXPECT_EQ(hist[0].comment, "đăng ký");
  EXPECT_EQ(hist[1].kind, tgt::ChangeKind::Assign);
  EXPECT_FALSE(hist[1].actor_id.has_value());
  core::ports::TargetQuery q;
  q.period_id = "2026";
  q.status = tgt::TargetStatus::Registered;
  VALUE_OR_FAIL(auto reg, tx->targets().find(q));
  EXPECT_TRUE(reg.empty());
  q.status = tgt::TargetStatus::Assigned;
  q.owner_unit_id = city;
  VALUE_OR_FAIL(auto asg, tx->targets().find(q));
  EXPECT_EQ(asg.size(), 1u);
}

TEST_P(StoreContract, ActualsAreReplacedPerUnitIndicatorAndYear) {
  int64_t city = 0;
  ind::Indicator grdp;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto c, tx.orgs().create(unit("79", "Thành phố Hồ Chí Minh", org::OrgType::ProvinceCommittee)));
    city = c.id;
    VALUE_OR_FAIL(grdp, tx.indicators().create(indicator("GRDP", "Tăng trưởng GRDP")));
    tgt::Actual a;
    a.unit_id = city;
    a.indicator_id = grdp.id;
    a.year = 2025;
    a.value = 8.03;
    a.estimate = true;
    a.source = "S1";
    a.recorded_at = core::Timestamp::fromSeconds(1767225600);
    VALUE_OR_FAIL(auto first, tx.targets().putActual(a));
    EXPECT_EQ(first.version, 1);
    a.value = 7.53;
    a.estimate = false;
    VALUE_OR_FAIL(auto second, tx.targets().putActual(a));
    EXPECT_EQ(second.version, 2);
    EXPECT_EQ(second.id, first.id);
    a.year = 2024;
    a.value = 7.17;
    EXPECT_OK(tx.targets().putActual(a));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->targets().getActual(city, grdp.id, 2025));
  EXPECT_DOUBLE_EQ(got.value, 7.53);
  EXPECT_FALSE(got.estimate);
  EXPECT_EQ(got.source, "S1");
  EXPECT_CODE(tx->targets().getActual(city, grdp.id, 2023), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto all, tx->targets().actuals({city, grdp.id, std::nullopt}));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].year, 2024);  // ordered by year
}

TEST_P(StoreContract, IndicatorWritesNeedAWriteTransaction) {
  auto tx = reader();
  EXPECT_CODE(tx->indicators().create(indicator("X", "X")), ErrorCode::StorageError);
  tgt::Actual a;
  EXPECT_CODE(tx->targets().putActual(a), ErrorCode::StorageError);
}

}  // namespace
}  // namespace baocao::contract
