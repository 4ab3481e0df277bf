// Cut-off windows and deadlines, table-driven from tests/data/calendar/deadlines.txt, plus the
// fixed approval day (000 Đ6) and the monthly-replacement rule (002 Đ8.2).
#include "core/period/deadline.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "exchange/calendar_csv.h"

namespace baocao::core::period {
namespace {

using calendar::HolidayCalendar;

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

HolidayCalendar officialCalendars() {
  HolidayCalendar cal;
  for (int y = 2020; y <= 2026; ++y) {
    auto parsed = exchange::parseOfficialScheduleCsv(readFile(
        std::string(BAOCAO_TEST_DATA) + "/calendar/official_" + std::to_string(y) + ".csv"));
    EXPECT_TRUE(parsed.has_value());
    for (auto& s : *parsed) EXPECT_TRUE(cal.setOfficialSchedule(s).has_value());
  }
  return cal;
}

const std::vector<PeriodType> kAllLonger = {PeriodType::Quarterly, PeriodType::SixMonthly,
                                            PeriodType::NineMonthly, PeriodType::Yearly};

TEST(Deadlines, TableDrivenCases) {
  const HolidayCalendar official = officialCalendars();
  const HolidayCalendar computed;
  std::istringstream in(readFile(std::string(BAOCAO_TEST_DATA) + "/calendar/deadlines.txt"));
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string id, window, cal_name, bar, start, end, deadlines, replaced;
    int levels = 0;
    f >> id >> window >> levels >> cal_name >> bar >> start >> end >> deadlines >> replaced;
    SCOPED_TRACE(line);
    ASSERT_EQ(bar, "|");
    auto p = Period::parse(id);
    ASSERT_TRUE(p.has_value());
    DeadlineRule rule;
    rule.levels = levels;
    rule.also_reported = kAllLonger;
    if (window == "calendar") {
      rule.window.kind = WindowRule::Kind::Calendar;
    } else if (window.rfind("day:", 0) == 0) {
      rule.window.kind = WindowRule::Kind::DayOfMonth;
      rule.window.cut_off_day = static_cast<unsigned>(std::stoi(window.substr(4)));
    } else {
      ASSERT_EQ(window, "regulation");
    }
    const HolidayCalendar& cal = cal_name == "official" ? official : computed;
    const PeriodSchedule s = schedule(*p, rule, cal);
    EXPECT_EQ(s.window.start.iso(), start);
    EXPECT_EQ(s.window.end.iso(), end);
    std::string got;
    for (Date x : s.deadlines) {
      if (!got.empty()) got += ',';
      got += x.iso();
    }
    EXPECT_EQ(got, deadlines);
    EXPECT_EQ(s.replaced_by ? s.replaced_by->id() : "-", replaced);
    for (Date x : s.deadlines) EXPECT_TRUE(cal.isWorkingDay(x)) << x.iso();
    ++cases;
  }
  EXPECT_GE(cases, 30);
}

TEST(Deadlines, MonthlyIsReplacedOnlyByFrequenciesTheRegimeHas) {
  const HolidayCalendar cal;
  DeadlineRule rule;
  EXPECT_FALSE(schedule(*Period::parse("202603"), rule, cal).replaced_by.has_value());
  rule.also_reported = {PeriodType::Yearly};
  EXPECT_FALSE(schedule(*Period::parse("202603"), rule, cal).replaced_by.has_value());
  EXPECT_EQ(schedule(*Period::parse("202612"), rule, cal).replaced_by->id(), "2026");
  rule.also_reported = {PeriodType::Quarterly};
  EXPECT_EQ(schedule(*Period::parse("202612"), rule, cal).replaced_by->id(), "2026Q4");
  EXPECT_FALSE(schedule(*Period::parse("202611"), rule, cal).replaced_by.has_value());
  // Not required, but the schedule is still reported in full.
  EXPECT_EQ(schedule(*Period::parse("202612"), rule, cal).deadlines.size(), 1u);
}

TEST(Deadlines, LeadersApproveBeforeThe25th) {
  const HolidayCalendar cal;
  DeadlineRule rule;
  rule.approval_day = 24;  // 000 Đ6: "trước ngày 25 của hằng tháng"
  EXPECT_EQ(*schedule(*Period::parse("202603"), rule, cal).approval_deadline, d(2026, 3, 24));
  // 24 May 2025 is a Saturday: moved to Monday 26 May like any deadline.
  EXPECT_EQ(*schedule(*Period::parse("202505"), rule, cal).approval_deadline, d(2025, 5, 26));
  EXPECT_EQ(*schedule(*Period::parse("2026Q2"), rule, cal).approval_deadline, d(2026, 6, 24));
  rule.approval_day.reset();
  EXPECT_FALSE(schedule(*Period::parse("202603"), rule, cal).approval_deadline.has_value());
}

TEST(Deadlines, CustomWorkingDayCounts) {
  const HolidayCalendar cal;
  DeadlineRule rule;
  rule.unit_working_days = 1;  // Decree 09/2019 Art. 8.5: at least one working day
  rule.level_working_days = 5;
  rule.levels = 2;
  const PeriodSchedule s = schedule(*Period::parse("202603"), rule, cal);
  EXPECT_EQ(s.deadlines[0], d(2026, 3, 16));
  EXPECT_EQ(s.deadlines[1], d(2026, 3, 23));
}

TEST(CutOffWindows, ConsecutivePeriodsTileTimeWithoutGaps) {
  for (PeriodType t : {PeriodType::Weekly, PeriodType::Monthly, PeriodType::Quarterly,
                       PeriodType::SixMonthly, PeriodType::Yearly}) {
    for (WindowRule::Kind k : {WindowRule::Kind::Regulation, WindowRule::Kind::Calendar}) {
      Period p = Period::containing(t, d(2023, 1, 1));
      for (int i = 0; i < 60; ++i) {
        const Window a = cutOffWindow(p, {k, 14});
        const Window b = cutOffWindow(p.next(), {k, 14});
        ASSERT_EQ(a.end.addDays(1), b.start) << p.id();
        p = p.next();
      }
    }
  }
  for (unsigned day = 1; day <= 31; ++day) {
    Period p = Period::monthly(2023, 1);
    for (int i = 0; i < 36; ++i) {
      const WindowRule r{WindowRule::Kind::DayOfMonth, day};
      ASSERT_EQ(cutOffWindow(p, r).end.addDays(1), cutOffWindow(p.next(), r).start)
          << p.id() << " " << day;
      p = p.next();
    }
  }
}

}  // namespace
}  // namespace baocao::core::period
