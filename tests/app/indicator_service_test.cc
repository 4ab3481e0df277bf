// IndicatorService and TargetService on the memory store: permissions by role and scope,
// validation of references and formulas, all-or-nothing import, versioned sets, the
// register → assign flow with its history, achievement, and the audit entry of every change.
#include "app/indicator_service.h"

#include <gtest/gtest.h>

#include "app/org_service.h"
#include "app/target_service.h"
#include "storage/memory/memory_store.h"

namespace baocao::app {
namespace {

using core::ErrorCode;
namespace ind = core::indicator;
namespace tgt = core::target;
namespace sec = core::security;
namespace org = core::org;

class FixedClock : public core::ports::Clock {
 public:
  core::Timestamp now() const override { return core::Timestamp::fromSeconds(1767225600); }
};

class IndicatorServiceTest : public ::testing::Test {
 protected:
  IndicatorServiceTest()
      : store_(storage::memory::makeMemoryStore()),
        index_(*store_),
        ctx_{*store_, clock_, index_, AppConfig{}},
        audit_(ctx_),
        orgs_(ctx_, audit_),
        indicators_(ctx_, audit_),
        targets_(ctx_, audit_) {
    // 79 Thành phố > 79.STC Sở Tài chính > 79.STC.QLNS; 79 > 79.SYT Sở Y tế
    city_ = mkUnit("79", "Thành phố Hồ Chí Minh", org::OrgType::ProvinceCommittee, std::nullopt);
    stc_ = mkUnit("79.STC", "Sở Tài chính", org::OrgType::Department, city_);
    qlns_ = mkUnit("79.STC.QLNS", "Phòng Quản lý ngân sách", org::OrgType::Division, stc_);
    syt_ = mkUnit("79.SYT", "Sở Y tế", org::OrgType::Department, city_);
  }

  int64_t mkUnit(const std::string& code, const std::string& name, org::OrgType type,
                 std::optional<int64_t> parent) {
    org::OrgUnit u;
    u.code = code;
    u.name = name;
    u.type = type;
    u.parent_id = parent;
    auto tx = store_->begin(core::ports::TxMode::Write).value();
    auto created = tx->orgs().create(u).value();
    EXPECT_TRUE(tx->commit().has_value());
    index_.invalidate();
    return created.id;
  }

  static Actor actor(sec::Role role, int64_t unit, int64_t id, bool subtree = true) {
    Actor a;
    a.user_id = id;
    a.username = "u" + std::to_string(id);
    a.unit_id = unit;
    a.grants = {sec::Grant{id, id, role, unit, subtree}};
    a.ip = "10.0.0.1";
    return a;
  }

  ind::Indicator budget() {
    ind::Indicator i;
    i.code = "HCM_THU_NS";
    i.name = "Tổng thu ngân sách nhà nước trên địa bàn";
    i.unit_of_measure = "tỷ đồng";
    i.value_type = ind::ValueType::Number;
    i.sector = "Tài chính công";
    i.agency_id = stc_;
    i.direction = ind::Direction::Higher;
    i.unit_aggregation = ind::UnitAggregation::Sum;
    i.time_aggregation = ind::TimeAggregation::Sum;
    return i;
  }
  ind::Indicator poverty() {
    ind::Indicator i;
    i.code = "HCM_HO_NGHEO";
    i.name = "Tỷ lệ hộ nghèo";
    i.unit_of_measure = "%";
    i.value_type = ind::ValueType::Percent;
    i.decimals = 2;
    i.direction = ind::Direction::Lower;
    i.time_aggregation = ind::TimeAggregation::Last;
    return i;
  }

  std::vector<core::audit::AuditEntry> audited(const std::string& prefix) {
    auto tx = store_->begin(core::ports::TxMode::Read).value();
    core::ports::AuditRepository::Query q;
    q.action_prefix = prefix;
    return tx->audit().find(q).value();
  }

  FixedClock clock_;
  std::unique_ptr<core::ports::Store> store_;
  OrgIndex index_;
  Context ctx_;
  AuditService audit_;
  OrgService orgs_;
  IndicatorService indicators_;
  TargetService targets_;
  int64_t city_ = 0, stc_ = 0, qlns_ = 0, syt_ = 0;
  Actor admin_ = actor(sec::Role::SystemAdmin, 1, 1);
};

// ---- catalog ----------------------------------------------------------------------------

TEST_F(IndicatorServiceTest, UnitAdminOfTheResponsibleAgencyCreatesAndTheChangeIsAudited) {
  Actor qt_stc = actor(sec::Role::UnitAdmin, stc_, 2);
  auto r = indicators_.create(&qt_stc, budget());
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto log = audited("indicator.");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "indicator.create");
  EXPECT_EQ(log[0].actor_id, std::optional<int64_t>(2));
  EXPECT_EQ(log[0].unit_id, std::optional<int64_t>(stc_));
  EXPECT_NE(log[0].after_json.find("Tổng thu ngân sách"), std::string::npos);
}

TEST_F(IndicatorServiceTest, OtherAgenciesAndOrdinaryRolesMayNotWriteTheIndicator) {
  Actor qt_syt = actor(sec::Role::UnitAdmin, syt_, 3);
  auto r = indicators_.create(&qt_syt, budget());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::Forbidden);
  EXPECT_NE(r.error().message.find("Sở Tài chính"), std::string::npos) << r.error().message;
  Actor cv = actor(sec::Role::DataEntry, stc_, 4);
  EXPECT_EQ(indicators_.create(&cv, budget()).error().code, ErrorCode::Forbidden);
  // Without an agency only the system administrator may create it.
  Actor qt_stc = actor(sec::Role::UnitAdmin, stc_, 2);
  EXPECT_EQ(indicators_.create(&qt_stc, poverty()).error().code, ErrorCode::Forbidden);
  EXPECT_TRUE(indicators_.create(&admin_, poverty()).has_value());
  EXPECT_TRUE(audited("indicator.").size() == 1u);
}

TEST_F(IndicatorServiceTest, MovingAnIndicatorNeedsWriteOnBothAgencies) {
  auto created = indicators_.create(&admin_, budget()).value();
  Actor qt_syt = actor(sec::Role::UnitAdmin, syt_, 3);
  auto moved = created;
  moved.agency_id = syt_;
  auto r = indicators_.update(&qt_syt, moved);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::Forbidden);
}

TEST_F(IndicatorServiceTest, StaleVersionIsConflictAndUpdateRecordsBeforeAndAfter) {
  auto created = indicators_.create(&admin_, budget()).value();
  auto edit = created;
  edit.name = "Thu ngân sách nhà nước";
  auto after = indicators_.update(&admin_, edit);
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_EQ(after->version, 2);
  auto stale = indicators_.update(&admin_, edit);  // still version 1
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
  auto log = audited("indicator.update");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].before_json.find("Tổng thu"), std::string::npos);
  EXPECT_NE(log[0].after_json.find("\"version\":2"), std::string::npos);
}

TEST_F(IndicatorServiceTest, ReferencesAndFormulasAreChecked) {
  auto i = budget();
  i.agency_id = 424242;
  auto r = indicators_.create(&admin_, i);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details.front().field, "agency_id");

  ASSERT_TRUE(indicators_.create(&admin_, budget()).has_value());
  auto total = budget();
  total.code = "HCM_THU_NS_TONG";
  total.formula = "[HCM_THU_NS] + [HCM_THU_DAU_THO]";
  r = indicators_.create(&admin_, total);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidField);
  EXPECT_NE(r.error().message.find("'HCM_THU_DAU_THO'"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("ký tự 16"), std::string::npos) << r.error().message;
  total.formula = "[HCM_THU_NS] +";
  r = indicators_.create(&admin_, total);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidFormula);
  EXPECT_NE(r.error().message.find("Trường 'formula'"), std::string::npos);
  total.formula = "[HCM_THU_NS] * 1";
  EXPECT_TRUE(indicators_.create(&admin_, total).has_value());

  auto weighted = poverty();
  weighted.unit_aggregation = ind::UnitAggregation::WeightedAverage;
  weighted.weight_code = "HCM_SO_HO";
  r = indicators_.create(&admin_, weighted);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details.front().field, "weight_code");
}

TEST_F(IndicatorServiceTest, ImportIsAllOrNothingAndNamesTheLine) {
  std::vector<IndicatorImportRow> rows = {{budget(), "79.STC", 3}, {poverty(), "79.KHONG_CO", 4}};
  auto r = indicators_.importCatalog(&admin_, rows);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidFile);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].field, "dòng 4");
  EXPECT_NE(r.error().details[0].message.find("79.KHONG_CO"), std::string::npos);
  EXPECT_EQ(indicators_.list(admin_, {}).value().total, 0) << "nothing imported";

  rows[1].agency_code = "";
  auto ok = indicators_.importCatalog(&admin_, rows);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->created, 2);
  auto again = indicators_.importCatalog(&admin_, rows);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->created, 0);
  rows[1].indicator.name = "Tỷ lệ hộ nghèo đa chiều";
  auto upd = indicators_.importCatalog(&admin_, rows);
  EXPECT_EQ(upd->updated, 1);
  EXPECT_EQ(indicators_.getByCode(admin_, "HCM_HO_NGHEO")->name, "Tỷ lệ hộ nghèo đa chiều");
  EXPECT_EQ(indicators_.getByCode(admin_, "HCM_THU_NS")->agency_id, std::optional<int64_t>(stc_));
  EXPECT_EQ(audited("indicator.create").size(), 2u);
  EXPECT_EQ(audited("indicator.import").size(), 3u);
}

TEST_F(IndicatorServiceTest, ImportRowsOutsideTheActorsScopeAreRefused) {
  Actor qt_syt = actor(sec::Role::UnitAdmin, syt_, 3);
  auto r = indicators_.importCatalog(&qt_syt, {{budget(), "79.STC", 2}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details[0].field, "dòng 2");
  EXPECT_NE(r.error().details[0].message.find("Không có quyền"), std::string::npos);
}

TEST_F(IndicatorServiceTest, AFormulaThatClosesACycleThroughTheCatalogIsRefusedOnSave) {
  ASSERT_TRUE(indicators_.create(&admin_, budget()).has_value());
  auto computed = [&](const std::string& code, const std::string& formula) {
    auto i = budget();
    i.code = code;
    i.name = "Chỉ tiêu tính " + code;
    i.formula = formula;
    return i;
  };
  // A = B + 1 while B does not exist yet is refused for the reference; B = input first.
  auto b = indicators_.create(&admin_, computed("B", "[HCM_THU_NS] * 2")).value();
  auto a = indicators_.create(&admin_, computed("A", "[B] + 1")).value();
  // B = A - 1 would close A → B → A: refused on update, naming the cycle from B.
  auto edit = b;
  edit.formula = "[A] - 1";
  auto r = indicators_.update(&admin_, edit);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidField);
  EXPECT_EQ(r.error().message, "Công thức tạo vòng lặp: B → A → B");
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].field, "formula");
  EXPECT_EQ(indicators_.get(admin_, b.id)->formula, "[HCM_THU_NS] * 2") << "nothing changed";
  EXPECT_EQ(audited("indicator.update").size(), 0u);
  // Through a third indicator on create: C = A, then A = C closes A → C → A.
  ASSERT_TRUE(indicators_.create(&admin_, computed("C", "[A] + [B]")).has_value());
  auto edit_a = a;
  edit_a.formula = "[C] / 2";
  r = indicators_.update(&admin_, edit_a);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "Công thức tạo vòng lặp: A → C → A");
  // Reading itself for the same period is a cycle; for the previous period it is not.
  r = indicators_.create(&admin_, computed("LK", "[LK] + [HCM_THU_NS]"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "Công thức tạo vòng lặp: LK → LK");
  EXPECT_TRUE(indicators_.create(&admin_, computed("LK", "prev([LK]) + [HCM_THU_NS]")).has_value());
  // An edit that breaks no cycle is saved.
  edit_a.formula = "[B] + 2";
  EXPECT_TRUE(indicators_.update(&admin_, edit_a).has_value());
}

TEST_F(IndicatorServiceTest, ImportRefusesACycleThroughTheFileAndTheCatalogNamingTheRows) {
  ASSERT_TRUE(indicators_.create(&admin_, budget()).has_value());
  auto x = budget();
  x.code = "X";
  x.name = "Chỉ tiêu X";
  x.formula = "[HCM_THU_NS] + 1";
  ASSERT_TRUE(indicators_.create(&admin_, x).has_value());
  // The file: Y = X * 2 (fine alone) and X = Y - 1 (replaces the stored X: X → Y → X).
  auto y = x;
  y.code = "Y";
  y.name = "Chỉ tiêu Y";
  y.formula = "[X] * 2";
  auto x2 = x;
  x2.formula = "[Y] - 1";
  auto r = indicators_.importCatalog(&admin_, {{y, "", 2}, {x2, "", 3}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidFile);
  ASSERT_EQ(r.error().details.size(), 2u);
  EXPECT_EQ(r.error().details[0].field, "dòng 2");
  EXPECT_EQ(r.error().details[0].message, "Công thức tạo vòng lặp: Y → X → Y");
  EXPECT_EQ(r.error().details[1].field, "dòng 3");
  EXPECT_EQ(r.error().details[1].message, "Công thức tạo vòng lặp: X → Y → X");
  EXPECT_EQ(indicators_.list(admin_, {}).value().total, 2) << "nothing imported";
  EXPECT_EQ(indicators_.getByCode(admin_, "X")->formula, "[HCM_THU_NS] + 1");
  // Without the new X, Y alone is imported.
  auto ok = indicators_.importCatalog(&admin_, {{y, "", 2}});
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->created, 1);
}

// ---- sets -------------------------------------------------------------------------------

TEST_F(IndicatorServiceTest, PublishingANewVersionLeavesTheOldOneAsItWas) {
  ASSERT_TRUE(indicators_.create(&admin_, budget()).has_value());
  ASSERT_TRUE(indicators_.create(&admin_, poverty()).has_value());
  ind::IndicatorSet s;
  s.code = "HCM-KTXH-2026";
  s.name = "Bộ chỉ tiêu KT-XH cấp thành phố năm 2026";
  s.period = ind::parsePlanPeriod("2026").value();
  s.owner_unit_id = city_;
  Actor qt_stc = actor(sec::Role::UnitAdmin, stc_, 2);
  EXPECT_EQ(indicators_.createSet(&qt_stc, s).error().code, ErrorCode::Forbidden);
  auto set = indicators_.createSet(&admin_, s);
  ASSERT_TRUE(set.has_value()) << set.error().message;

  auto v1 = indicators_.publish(&admin_, set->id, 0, {{"HCM_THU_NS", "I. Kinh tế"}}, "ban hành");
  ASSERT_TRUE(v1.has_value()) << v1.error().message;
  EXPECT_EQ(v1->number, 1);
  auto bad = indicators_.publish(&admin_, set->id, 1, {{"HCM_THU_NS", ""}, {"KHONG_CO", ""}}, "");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().details.front().field, "members[1].code");
  auto dup = indicators_.publish(&admin_, set->id, 1, {{"HCM_THU_NS", ""}, {"HCM_THU_NS", ""}}, "");
  EXPECT_EQ(dup.error().code, ErrorCode::InvalidField);

  auto renamed = indicators_.getByCode(admin_, "HCM_THU_NS").value();
  renamed.name = "Thu ngân sách (đổi tên)";
  ASSERT_TRUE(indicators_.update(&admin_, renamed).has_value());
  auto v2 = indicators_.publish(&admin_, set->id, 1,
                                {{"HCM_THU_NS", "I. Kinh tế"}, {"HCM_HO_NGHEO", "II. Xã hội"}}, "bổ sung");
  ASSERT_TRUE(v2.has_value());
  auto stale = indicators_.publish(&admin_, set->id, 1, {{"HCM_THU_NS", ""}}, "");
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);

  auto old = indicators_.getVersion(admin_, set->id, 1).value();
  ASSERT_EQ(old.members.size(), 1u);
  EXPECT_EQ(old.members[0].name, "Tổng thu ngân sách nhà nước trên địa bàn");
  auto latest = indicators_.getVersion(admin_, set->id, 0).value();
  EXPECT_EQ(latest.number, 2);
  ASSERT_EQ(latest.members.size(), 2u);
  EXPECT_EQ(latest.members[0].name, "Thu ngân sách (đổi tên)");
  EXPECT_EQ(latest.members[1].group, "II. Xã hội");
  EXPECT_EQ(audited("indicator_set.publish").size(), 2u);
}

// ---- targets ----------------------------------------------------------------------------

class TargetServiceTest : public IndicatorServiceTest {
 protected:
  void SetUp() override {
    budget_ = indicators_.create(&admin_, budget()).value();
    poverty_ = indicators_.create(&admin_, poverty()).value();
  }
  TargetService::Change change(int64_t unit, int64_t indicator, double value, std::string comment = "") {
    TargetService::Change c;
    c.plan_period = "2026";
    c.unit_id = unit;
    c.indicator_id = indicator;
    c.value = value;
    c.comment = std::move(comment);
    return c;
  }
  ind::Indicator budget_, poverty_;
  Actor cv_stc_ = actor(sec::Role::DataEntry, stc_, 4, false);
  Actor th_city_ = actor(sec::Role::Aggregator, city_, 5);
};

TEST_F(TargetServiceTest, AUnitRegistersAndTheCityAssignsADifferentValueWithHistory) {
  auto reg = targets_.registerTarget(&cv_stc_, change(stc_, budget_.id, 700000, "theo dự toán"));
  ASSERT_TRUE(reg.has_value()) << reg.error().message;
  EXPECT_EQ(reg->status, tgt::TargetStatus::Registered);
  EXPECT_EQ(reg->owner_unit_id, city_) << "the plan owner defaults to the top of the tree";
  // Re-registering before the assignment is allowed.
  auto c2 = change(stc_, budget_.id, 720000, "điều chỉnh");
  c2.version = reg->version;
  auto reg2 = targets_.registerTarget(&cv_stc_, c2);
  ASSERT_TRUE(reg2.has_value()) << reg2.error().message;
  // Data entry may not assign.
  EXPECT_EQ(targets_.assign(&cv_stc_, change(stc_, budget_.id, 750000)).error().code, ErrorCode::Forbidden);
  auto asg = targets_.assign(&th_city_, change(stc_, budget_.id, 750000, "giao theo Nghị quyết HĐND"));
  ASSERT_TRUE(asg.has_value()) << asg.error().message;
  EXPECT_EQ(asg->status, tgt::TargetStatus::Assigned);
  EXPECT_EQ(asg->registered_value, std::optional<double>(720000));
  EXPECT_EQ(asg->assigned_value, std::optional<double>(750000));

  auto d = targets_.get(admin_, asg->id).value();
  ASSERT_EQ(d.history.size(), 3u);
  EXPECT_EQ(d.history[1].old_value, std::optional<double>(700000));
  EXPECT_DOUBLE_EQ(d.history[1].new_value, 720000);
  EXPECT_EQ(d.history[1].comment, "điều chỉnh");
  EXPECT_EQ(d.history[2].kind, tgt::ChangeKind::Assign);
  EXPECT_FALSE(d.history[2].old_value.has_value());
  EXPECT_EQ(d.history[2].actor_name, "u5");
  EXPECT_EQ(audited("target.register").size(), 2u);
  EXPECT_EQ(audited("target.assign").size(), 1u);

  // Once assigned, the unit cannot register again; only the owner adjusts.
  auto late = targets_.registerTarget(&cv_stc_, change(stc_, budget_.id, 800000));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::Conflict);
  EXPECT_NE(late.error().message.find("đã được giao"), std::string::npos);
  auto stale = change(stc_, budget_.id, 760000);
  stale.version = reg->version;
  EXPECT_EQ(targets_.assign(&th_city_, stale).error().code, ErrorCode::Conflict);
}

TEST_F(TargetServiceTest, ScopeAndValueTypeAreEnforced) {
  auto r = targets_.registerTarget(&cv_stc_, change(syt_, budget_.id, 1));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::Forbidden);
  EXPECT_NE(r.error().message.find("Sở Y tế"), std::string::npos);
  // An approver of Sở Tài chính may not assign on the city.
  Actor ld_stc = actor(sec::Role::Approver, stc_, 6);
  EXPECT_EQ(targets_.assign(&ld_stc, change(stc_, budget_.id, 1)).error().code, ErrorCode::Forbidden);
  // ... but assigns to its own division when it is the plan owner.
  auto own = change(qlns_, budget_.id, 5);
  own.owner_unit_id = stc_;
  EXPECT_TRUE(targets_.assign(&ld_stc, own).has_value());
  // The owner must be the unit or above it.
  auto sideways = change(stc_, poverty_.id, 0.5);
  sideways.owner_unit_id = syt_;
  EXPECT_EQ(targets_.assign(&admin_, sideways).error().details.front().field, "owner_unit_id");
  auto bad_period = change(stc_, budget_.id, 1);
  bad_period.plan_period = "2026-2029";
  EXPECT_EQ(targets_.registerTarget(&cv_stc_, bad_period).error().code, ErrorCode::InvalidPeriod);
  ind::Indicator text;
  text.code = "KQ";
  text.name = "Kết quả xếp loại";
  text.value_type = ind::ValueType::Text;
  auto t = indicators_.create(&admin_, text).value();
  EXPECT_EQ(targets_.assign(&admin_, change(city_, t.id, 1)).error().details.front().field, "value");
}

TEST_F(TargetServiceTest, AchievementComparesTheAssignedTargetWithTheYearsResult) {
  ASSERT_TRUE(targets_.assign(&admin_, change(city_, budget_.id, 700000)).has_value());
  ASSERT_TRUE(targets_.registerTarget(&admin_, change(city_, poverty_.id, 0.5)).has_value());
  tgt::Actual a;
  a.unit_id = city_;
  a.indicator_id = budget_.id;
  a.year = 2026;
  a.value = 746438;
  a.source = "báo cáo năm";
  Actor viewer = actor(sec::Role::Viewer, city_, 9);
  EXPECT_EQ(targets_.recordActual(&viewer, a).error().code, ErrorCode::Forbidden);
  ASSERT_TRUE(targets_.recordActual(&cv_stc_, a).error().code == ErrorCode::Forbidden)
      << "data entry of Sở Tài chính records results of Sở Tài chính only";
  ASSERT_TRUE(targets_.recordActual(&admin_, a).has_value());

  TargetService::AchievementQuery q;
  q.plan_period = "2026";
  q.unit_id = city_;
  auto rows = targets_.achievement(viewer, q);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  const auto& budget_row = rows->at(0).indicator.code == "HCM_THU_NS" ? rows->at(0) : rows->at(1);
  const auto& poverty_row = rows->at(0).indicator.code == "HCM_THU_NS" ? rows->at(1) : rows->at(0);
  ASSERT_TRUE(budget_row.achievement.has_value());
  EXPECT_DOUBLE_EQ(*budget_row.achievement->percent, 106.63);
  EXPECT_TRUE(budget_row.achievement->met);
  EXPECT_TRUE(budget_row.target_assigned);
  EXPECT_FALSE(poverty_row.achievement.has_value());
  EXPECT_EQ(poverty_row.note, "chưa có kết quả năm 2026");
  EXPECT_FALSE(poverty_row.target_assigned) << "registered value used while not assigned";

  q.indicator_id = poverty_.id;
  q.actual = 0.4;
  auto what_if = targets_.achievement(viewer, q).value();
  ASSERT_EQ(what_if.size(), 1u);
  EXPECT_DOUBLE_EQ(*what_if[0].achievement->percent, 125.0);
  q.unit_id.reset();
  EXPECT_EQ(targets_.achievement(viewer, q).error().details.front().field, "actual");
  q.actual.reset();
  q.year = 2027;
  EXPECT_EQ(targets_.achievement(viewer, q).error().details.front().field, "year");
  EXPECT_EQ(audited("target.actual").size(), 1u);
}

}  // namespace
}  // namespace baocao::app
