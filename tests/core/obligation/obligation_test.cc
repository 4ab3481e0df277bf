// Obligation generation (periodic, ad hoc, cascade): deadlines from period::schedule, keys
// that make regeneration idempotent, monthly instances replaced under 002 Đ8.2.
#include "core/obligation/obligation.h"

#include <gtest/gtest.h>

#include <set>

namespace baocao::core::obligation {
namespace {

using period::Period;
using period::PeriodType;

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

RegimeSchedule monthlyKtxh() {
  RegimeSchedule r;
  r.regime_code = "BC-KTXH";
  r.name = "Báo cáo tình hình kinh tế - xã hội";
  r.period_type = PeriodType::Monthly;
  r.deadline_rule.levels = 3;  // communes → agency → city
  r.deadline_rule.also_reported = {PeriodType::Quarterly, PeriodType::SixMonthly,
                                   PeriodType::NineMonthly, PeriodType::Yearly};
  r.reporting_unit_ids = {30, 10, 20};
  r.receiving_unit_id = 1;
  r.effective_from = d(2026, 1, 1);
  return r;
}

std::vector<std::string> keys(const std::vector<Obligation>& v) {
  std::vector<std::string> out;
  for (const auto& o : v) out.push_back(o.key);
  return out;
}

TEST(ObligationGenerate, MonthlyReportsAppearAheadOfEachPeriodWithComputedDeadlines) {
  calendar::HolidayCalendar cal;
  auto g = generate(monthlyKtxh(), cal, {d(2026, 4, 10), 7});
  ASSERT_TRUE(g.has_value()) << g.error().message;
  // 202605's window opens 15/04, so it appears on 08/04; 202606 (opens 15/05) is not yet due.
  // 202603 is replaced by the first-quarter report (same deadline, 002 Đ8.2).
  EXPECT_EQ(
      keys(g->obligations),
      (std::vector<std::string>{"BC-KTXH/202601/u10", "BC-KTXH/202601/u20", "BC-KTXH/202601/u30",
                                "BC-KTXH/202602/u10", "BC-KTXH/202602/u20", "BC-KTXH/202602/u30",
                                "BC-KTXH/202604/u10", "BC-KTXH/202604/u20", "BC-KTXH/202604/u30",
                                "BC-KTXH/202605/u10", "BC-KTXH/202605/u20", "BC-KTXH/202605/u30"}));
  ASSERT_EQ(g->skipped.size(), 1u);
  EXPECT_EQ(g->skipped[0].period, Period::monthly(2026, 3));
  EXPECT_EQ(g->skipped[0].replaced_by, Period::quarterly(2026, 1));
  EXPECT_NE(g->skipped[0].message.find("tháng 03/2026"), std::string::npos)
      << g->skipped[0].message;
  EXPECT_NE(g->skipped[0].message.find("quý I/2026"), std::string::npos) << g->skipped[0].message;

  for (const auto& o : g->obligations) {
    auto s = period::schedule(*o.period, monthlyKtxh().deadline_rule, cal);
    EXPECT_EQ(o.deadline, s.deadlines[0]) << o.key;
    EXPECT_EQ(o.amendment_deadline, s.deadlines[2]) << o.key;  // the last level (002 Đ9.3)
    EXPECT_EQ(o.data_window, s.window);
    EXPECT_EQ(o.receiving_unit_id, 1);
    EXPECT_EQ(o.kind, Kind::Periodic);
    EXPECT_TRUE(cal.isWorkingDay(o.deadline));
    EXPECT_LT(o.deadline, o.amendment_deadline);
  }
  // April 2026: window 15/03–14/04 (Tuesday); 3 working days → Friday 17/04.
  const Obligation& april = g->obligations[6];
  EXPECT_EQ(april.key, "BC-KTXH/202604/u10");
  EXPECT_EQ(april.title, "Báo cáo tình hình kinh tế - xã hội tháng 04/2026");
  EXPECT_EQ(april.data_window->start, d(2026, 3, 15));
  EXPECT_EQ(april.data_window->end, d(2026, 4, 14));
  EXPECT_EQ(april.deadline, d(2026, 4, 17));
  EXPECT_EQ(april.assigned_on, d(2026, 3, 8));
  // January: the regime starts 01/01, after the window opened (15/12): assigned on 01/01.
  EXPECT_EQ(g->obligations[0].assigned_on, d(2026, 1, 1));
}

TEST(ObligationGenerate, RunningTwiceOrLaterGivesNoDuplicates) {
  calendar::HolidayCalendar cal;
  auto first = generate(monthlyKtxh(), cal, {d(2026, 4, 10), 7});
  auto again = generate(monthlyKtxh(), cal, {d(2026, 4, 10), 7});
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->obligations, again->obligations);  // a restart regenerates the same list

  auto later = generate(monthlyKtxh(), cal, {d(2026, 7, 20), 7});
  ASSERT_TRUE(later.has_value());
  // The earlier obligations are an identical prefix of the later run.
  ASSERT_GT(later->obligations.size(), first->obligations.size());
  for (size_t i = 0; i < first->obligations.size(); ++i)
    EXPECT_EQ(later->obligations[i], first->obligations[i]);

  std::set<std::string> stored;
  for (const auto& o : first->obligations) stored.insert(o.key);
  auto fresh = newObligations(later->obligations, stored);
  EXPECT_EQ(fresh.size(), later->obligations.size() - first->obligations.size());
  for (const auto& o : fresh) EXPECT_EQ(stored.count(o.key), 0u) << o.key;
  for (const auto& o : fresh) stored.insert(o.key);
  EXPECT_TRUE(newObligations(later->obligations, stored).empty());  // second run: nothing new
  // June is replaced by the first half-year report, September by the nine-month report.
  std::set<std::string> skipped;
  for (const auto& s : later->skipped) skipped.insert(s.period.id() + ">" + s.replaced_by.id());
  EXPECT_TRUE(skipped.count("202606>2026S1")) << later->skipped.size();
}

TEST(ObligationGenerate, AggregatingUnitsGetTheirLevelsDeadline) {
  calendar::HolidayCalendar cal;
  RegimeSchedule r = monthlyKtxh();
  r.level = 1;
  auto g = generate(r, cal, {d(2026, 2, 10), 7});
  ASSERT_TRUE(g.has_value());
  ASSERT_FALSE(g->obligations.empty());
  const Obligation& o = g->obligations.front();
  auto s = period::schedule(*o.period, r.deadline_rule, cal);
  EXPECT_EQ(o.deadline, s.deadlines[1]);
  EXPECT_EQ(o.amendment_deadline, s.deadlines[2]);
}

TEST(ObligationGenerate, RespectsTheRegimesEffectiveDates) {
  calendar::HolidayCalendar cal;
  RegimeSchedule r = monthlyKtxh();
  r.period_type = PeriodType::Quarterly;
  r.deadline_rule.also_reported.clear();
  r.effective_from = d(2026, 2, 10);
  r.effective_to = d(2026, 8, 31);
  auto g = generate(r, cal, {d(2027, 6, 1), 7});
  ASSERT_TRUE(g.has_value());
  std::set<std::string> periods;
  for (const auto& o : g->obligations) periods.insert(o.period->id());
  EXPECT_EQ(periods, (std::set<std::string>{"2026Q1", "2026Q2", "2026Q3"}));
}

TEST(ObligationGenerate, NothingIsDueBeforeTheFirstWindowOpens) {
  calendar::HolidayCalendar cal;
  RegimeSchedule r = monthlyKtxh();
  r.effective_from = d(2026, 6, 1);
  auto g = generate(r, cal, {d(2026, 5, 1), 7});
  ASSERT_TRUE(g.has_value());
  EXPECT_TRUE(g->obligations.empty());
}

TEST(ObligationGenerate, InvalidRegimesAreRefusedWithTheField) {
  calendar::HolidayCalendar cal;
  auto fieldOf = [&](RegimeSchedule r) {
    auto g = generate(r, cal, {d(2026, 4, 10), 7});
    EXPECT_FALSE(g.has_value());
    return g.has_value() || g.error().details.empty() ? std::string() : g.error().details[0].field;
  };
  RegimeSchedule r = monthlyKtxh();
  r.reporting_unit_ids.clear();
  EXPECT_EQ(fieldOf(r), "reporting_unit_ids");
  r = monthlyKtxh();
  r.reporting_unit_ids = {10, 10};
  EXPECT_EQ(fieldOf(r), "reporting_unit_ids");
  r = monthlyKtxh();
  r.reporting_unit_ids = {10, 1};  // the receiver reporting to itself
  EXPECT_EQ(fieldOf(r), "reporting_unit_ids");
  r = monthlyKtxh();
  r.level = 3;
  EXPECT_EQ(fieldOf(r), "level");
  r = monthlyKtxh();
  r.regime_code = "BC/KTXH";
  EXPECT_EQ(fieldOf(r), "regime_code");
  r = monthlyKtxh();
  r.effective_to = d(2025, 12, 31);
  EXPECT_EQ(fieldOf(r), "effective_to");
}

TEST(ObligationAdHoc, OneObligationPerRecipientWithTheLeadersDeadline) {
  AdHocRequest req{
      "CV-123-2026", "Báo cáo nhanh tình hình mưa lũ", 1, {12, 11}, d(2026, 10, 5), d(2026, 10, 7),
      std::nullopt};
  auto v = adHocObligations(req);
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_EQ(keys(*v), (std::vector<std::string>{"adhoc/CV-123-2026/u11", "adhoc/CV-123-2026/u12"}));
  EXPECT_EQ((*v)[0].deadline, d(2026, 10, 7));
  EXPECT_EQ((*v)[0].amendment_deadline, d(2026, 10, 7));
  EXPECT_EQ((*v)[0].receiving_unit_id, 1);
  EXPECT_EQ((*v)[0].kind, Kind::AdHoc);
  EXPECT_EQ(*adHocObligations(req), *v);  // idempotent

  AdHocRequest bad = req;
  bad.deadline = d(2026, 10, 4);
  EXPECT_EQ(adHocObligations(bad).error().code, ErrorCode::InvalidDate);
  bad = req;
  bad.recipient_unit_ids = {};
  EXPECT_EQ(adHocObligations(bad).error().code, ErrorCode::MissingField);
  bad = req;
  bad.recipient_unit_ids = {1, 11};
  EXPECT_EQ(adHocObligations(bad).error().code, ErrorCode::InvalidField);
  bad = req;
  bad.title.clear();
  EXPECT_EQ(adHocObligations(bad).error().code, ErrorCode::MissingField);
}

TEST(ObligationCascade, DivisionsGetAnEarlierInternalDeadline) {
  calendar::HolidayCalendar cal;
  auto g = generate(monthlyKtxh(), cal, {d(2026, 4, 10), 7});
  ASSERT_TRUE(g.has_value());
  const Obligation parent = g->obligations[6];  // BC-KTXH/202604/u10, due Friday 17/04/2026
  auto kids = cascade(parent, {{102, 101}, std::nullopt, 2, d(2026, 4, 1)}, cal);
  ASSERT_TRUE(kids.has_value()) << kids.error().message;
  EXPECT_EQ(keys(*kids),
            (std::vector<std::string>{"BC-KTXH/202604/u10>u101", "BC-KTXH/202604/u10>u102"}));
  const Obligation& k = (*kids)[0];
  EXPECT_EQ(k.deadline, d(2026, 4, 15));  // 2 working days before Friday 17/04
  EXPECT_EQ(k.receiving_unit_id, 10);
  EXPECT_EQ(k.parent_key, parent.key);
  EXPECT_EQ(k.kind, Kind::Cascade);
  EXPECT_EQ(k.amendment_deadline, parent.amendment_deadline);
  EXPECT_EQ(k.period, parent.period);

  // A cascade of a cascade (agency → division → team) nests keys.
  auto grand = cascade(k, {{1011}, std::nullopt, 1, d(2026, 4, 1)}, cal);
  ASSERT_TRUE(grand.has_value());
  EXPECT_EQ((*grand)[0].key, "BC-KTXH/202604/u10>u101>u1011");
  EXPECT_EQ((*grand)[0].deadline, d(2026, 4, 14));

  auto same_day = cascade(parent, {{101}, d(2026, 4, 17), 2, d(2026, 4, 1)}, cal);
  EXPECT_EQ(same_day.error().code, ErrorCode::InvalidDate);
  auto past = cascade(parent, {{101}, d(2026, 4, 3), 2, d(2026, 4, 8)}, cal);
  EXPECT_EQ(past.error().code, ErrorCode::InvalidDate);
  auto self = cascade(parent, {{10}, std::nullopt, 2, d(2026, 4, 1)}, cal);
  EXPECT_EQ(self.error().code, ErrorCode::InvalidField);
}

TEST(PeriodLabel, NamesPeriodsTheWayOfficialDocumentsDo) {
  EXPECT_EQ(periodLabel(Period::monthly(2026, 3)), "tháng 03/2026");
  EXPECT_EQ(periodLabel(Period::quarterly(2026, 4)), "quý IV/2026");
  EXPECT_EQ(periodLabel(Period::sixMonthly(2026, 1)), "6 tháng đầu năm 2026");
  EXPECT_EQ(periodLabel(Period::sixMonthly(2026, 2)), "6 tháng cuối năm 2026");
  EXPECT_EQ(periodLabel(Period::nineMonthly(2026)), "9 tháng năm 2026");
  EXPECT_EQ(periodLabel(Period::yearly(2026)), "năm 2026");
  EXPECT_EQ(periodLabel(Period::weekly(2026, 9)), "tuần 09/2026");
  EXPECT_EQ(periodLabel(Period::multiYear(2021, 2025)), "giai đoạn 2021-2025");
}

}  // namespace
}  // namespace baocao::core::obligation
