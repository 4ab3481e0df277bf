// Report regime rules: publishable components (Decree 09/2019 Art. 7), reporting units resolved
// on the tree of a given day, one frequency per regime family and unit (002 Đ3.4), and shared
// indicators (002 Đ10.4). core/regime/regime.h.
#include "core/regime/regime.h"

#include <gtest/gtest.h>

namespace baocao::core::regime {
namespace {

using org::OrgType;
using org::OrgUnit;
using period::PeriodType;

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

std::vector<OrgUnit> tree() {
  std::vector<OrgUnit> t;
  auto add = [&](int64_t id, std::string code, std::string name, OrgType type,
                 std::optional<int64_t> parent, std::optional<Date> to = std::nullopt) {
    OrgUnit u;
    u.id = id;
    u.code = std::move(code);
    u.name = std::move(name);
    u.type = type;
    u.parent_id = parent;
    u.valid_to = to;
    t.push_back(u);
  };
  add(1, "79", "Thành phố Hồ Chí Minh", OrgType::ProvinceCommittee, std::nullopt);
  add(2, "79.STC", "Sở Tài chính", OrgType::Department, 1);
  add(3, "79.SYT", "Sở Y tế", OrgType::Department, 1);
  add(4, "26734", "Phường Sài Gòn", OrgType::CommuneCommittee, 1);
  add(5, "26737", "Phường Tân Định", OrgType::CommuneCommittee, 1);
  add(6, "H760", "Quận 1", OrgType::DistrictCommittee, 1, d(2025, 6, 30));
  add(7, "79.STC.QLNS", "Phòng Quản lý ngân sách", OrgType::Division, 2);
  add(8, "79.TK", "Thống kê Thành phố", OrgType::VerticalAgency, 1);
  return t;
}

form::Form budgetForm(std::vector<std::string> codes) {
  form::Form f;
  f.code = "B01";
  f.title = "Biểu số liệu";
  f.columns = {{"TH", "Thực hiện", "", "", form::ColumnKind::Input, "", std::nullopt}};
  for (auto& c : codes) f.rows.push_back({c, c, "", "", form::RowKind::Input, "", 0});
  return f;
}

Regime monthly() {
  Regime r;
  r.code = "KTXH-XA";
  r.family = "KTXH";
  r.name = "Báo cáo tình hình kinh tế - xã hội cấp xã";
  r.content = "Tình hình thực hiện nhiệm vụ kinh tế - xã hội";
  r.kind = Kind::Periodic;
  r.reporting.rules = {{OrgType::CommuneCommittee, "79", false}};
  r.receiving = "79.STC";
  r.send_methods = {SendMethod::System};
  r.schedule.frequency = PeriodType::Monthly;
  r.schedule.also = {PeriodType::Quarterly, PeriodType::SixMonthly, PeriodType::NineMonthly,
                     PeriodType::Yearly};
  r.outline = {{"I", "Tình hình kinh tế", "", true}};
  r.forms = {budgetForm({"TTNS", "BLHH"})};
  r.legal_basis = "Quyết định số 09/2024/QĐ-UBND";
  return r;
}

TEST(RegimeRules, ACompleteMonthlyRegimeIsPublishable) {
  auto s = checkPublishable(monthly());
  EXPECT_TRUE(s) << s.error().message;
}

TEST(RegimeRules, PublishingNamesEveryMissingArticle7Component) {
  Regime r;
  r.code = "X";
  r.name = "Báo cáo X";
  auto s = checkPublishable(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::MissingField);
  std::vector<std::string> fields;
  for (const auto& dt : s.error().details) fields.push_back(dt.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"content", "reporting", "receiving", "send_methods",
                                              "schedule.frequency", "outline", "legal_basis"}));
  EXPECT_NE(s.error().message.find("Điều 7 khoản 3"), std::string::npos);
}

TEST(RegimeRules, AnAdHocRegimeNeedsADueDateInsteadOfAFrequency) {
  Regime r = monthly();
  r.kind = Kind::AdHoc;
  r.schedule = {};
  r.legal_basis.clear();
  auto s = checkPublishable(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().details.front().field, "schedule.due_date");
  r.schedule.due_date = d(2026, 6, 30);
  EXPECT_TRUE(checkPublishable(r));
  EXPECT_EQ(r.schedule.label(), "Theo yêu cầu (hạn 30/06/2026)");
}

TEST(RegimeRules, AlsoReportedPeriodsMustBeLongerThanTheFrequency) {
  Regime r = monthly();
  r.schedule.frequency = PeriodType::Quarterly;
  r.schedule.also = {PeriodType::Monthly};
  auto s = validateDraft(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().details.front().field, "schedule.also");
}

TEST(RegimeRules, ScheduleUsesThePeriodDeadlineRule) {
  Regime r = monthly();
  r.schedule.levels = 2;
  auto rule = r.schedule.deadlineRule();
  EXPECT_EQ(rule.levels, 2);
  EXPECT_EQ(rule.also_reported.size(), 4u);
  EXPECT_EQ(r.schedule.label(), "Hằng tháng; quý, 6 tháng, 9 tháng, năm");
  // March 2026: 15 Feb → 14 Mar, the 002 Đ7 window, from core::period
  auto w = period::cutOffWindow(period::Period::monthly(2026, 3), rule.window);
  EXPECT_EQ(w.start, d(2026, 2, 15));
  EXPECT_EQ(w.end, d(2026, 3, 14));
}

TEST(RegimeRules, ReportingUnitsResolveOnTheTreeOfTheDay) {
  ReportingUnits all_communes;
  all_communes.rules = {{OrgType::CommuneCommittee, "79", false}};
  auto r = resolveReportingUnits(all_communes, tree(), d(2026, 3, 1));
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0]->code, "26734");
  EXPECT_TRUE(r.problems.empty());

  ReportingUnits departments;
  departments.rules = {{OrgType::Department, "", false}};
  departments.codes = {"79.TK"};
  departments.exclude = {"79.SYT"};
  auto dep = resolveReportingUnits(departments, tree(), d(2026, 3, 1));
  ASSERT_EQ(dep.units.size(), 2u);
  EXPECT_EQ(dep.units[0]->code, "79.STC");
  EXPECT_EQ(dep.units[1]->code, "79.TK");

  // districts were abolished on 1 July 2025
  ReportingUnits districts;
  districts.rules = {{OrgType::DistrictCommittee, "79", true}};
  EXPECT_EQ(resolveReportingUnits(districts, tree(), d(2025, 3, 1)).units.size(), 1u);
  EXPECT_TRUE(resolveReportingUnits(districts, tree(), d(2026, 3, 1)).units.empty());

  ReportingUnits bad;
  bad.codes = {"H760", "NOPE"};
  auto b = resolveReportingUnits(bad, tree(), d(2026, 3, 1));
  EXPECT_TRUE(b.units.empty());
  ASSERT_EQ(b.problems.size(), 2u);
  EXPECT_NE(b.problems[0].find("không còn hiệu lực"), std::string::npos);
  EXPECT_NE(b.problems[1].find("NOPE"), std::string::npos);
}

std::string nameOf(std::string_view code) {
  for (const auto& u : tree())
    if (u.code == code) return u.name;
  return std::string(code);
}

Coverage cover(const Regime& r) {
  static const auto t = tree();
  return coverageOf(r, resolveReportingUnits(r.reporting, t, d(2026, 3, 1)));
}

TEST(RegimeRules, TheSameRegimeFamilyAtTwoFrequenciesIsRefused) {
  Regime quarterly = monthly();
  quarterly.code = "KTXH-QUY";
  quarterly.name = "Báo cáo kinh tế - xã hội quý";
  quarterly.reporting.rules.clear();
  quarterly.reporting.codes = {"26737", "79.STC"};
  quarterly.schedule.frequency = PeriodType::Quarterly;
  quarterly.schedule.also = {PeriodType::Yearly};
  auto found = checkCoverage(cover(quarterly), {cover(monthly())}, [](auto) { return std::nullopt; },
                             nameOf);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Finding::Severity::Error);
  EXPECT_EQ(found[0].code, "duplicate_frequency");
  EXPECT_EQ(found[0].units, std::vector<std::string>{"26737"});
  EXPECT_NE(found[0].message.find("Phường Tân Định"), std::string::npos);
  EXPECT_NE(found[0].message.find("tháng, quý, 6 tháng, 9 tháng, năm"), std::string::npos);
}

TEST(RegimeRules, TheSameReportTwiceAtOneFrequencyIsRefusedToo) {
  Regime again = monthly();
  again.code = "KTXH-XA-2";
  again.receiving = "79";
  auto found = checkCoverage(cover(again), {cover(monthly())}, [](auto) { return std::nullopt; },
                             nameOf);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "duplicate_report");
  EXPECT_EQ(found[0].units.size(), 2u);
}

TEST(RegimeRules, AnEarlierVersionOfTheSameRegimeIsNotAConflict) {
  EXPECT_TRUE(checkCoverage(cover(monthly()), {cover(monthly())}, [](auto) { return std::nullopt; },
                            nameOf)
                  .empty());
}

TEST(RegimeRules, OtherFamiliesAreFreeButSharedIndicatorsAreFlagged) {
  Regime budget = monthly();
  budget.code = "NS-THANG";
  budget.family = "NS";
  budget.name = "Báo cáo thu ngân sách";
  budget.forms = {budgetForm({"TTNS", "CHI"})};
  auto agency = [](std::string_view code) -> std::optional<std::string> {
    if (code == "TTNS") return std::string("79.STC");
    return std::nullopt;
  };
  auto found = checkCoverage(cover(budget), {cover(monthly())}, agency, nameOf);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Finding::Severity::Warning);
  EXPECT_EQ(found[0].indicator, "TTNS");
  EXPECT_EQ(found[0].serving_agency, "79.STC");
  EXPECT_NE(found[0].message.find("Sở Tài chính (cơ quan quản lý chỉ tiêu)"), std::string::npos);

  // without a responsible agency in the catalog, the receiving unit's data serves both
  budget.receiving = "79.SYT";
  found = checkCoverage(cover(budget), {cover(monthly())}, [](auto) { return std::nullopt; }, nameOf);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].serving_agency, "79.SYT");
  EXPECT_NE(found[0].message.find("(cơ quan nhận báo cáo)"), std::string::npos);
}

TEST(RegimeRules, DisjointUnitsNeverConflict) {
  Regime dept = monthly();
  dept.code = "KTXH-SO";
  dept.reporting.rules = {{OrgType::Department, "79", true}};
  dept.schedule.frequency = PeriodType::Quarterly;
  dept.schedule.also = {};
  EXPECT_TRUE(checkCoverage(cover(dept), {cover(monthly())}, [](auto) { return std::nullopt; },
                            nameOf)
                  .empty());
}

}  // namespace
}  // namespace baocao::core::regime
