// Holidays and working days: the computed statutory calendar against the officially announced
// schedules of 2020–2026 (tests/data/calendar/official_*.csv and official_announcements.txt,
// sources cited there), rules added as data, configurable rest days, working-day arithmetic.
#include "core/calendar/holiday_calendar.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "exchange/calendar_csv.h"

namespace baocao::core::calendar {
namespace {

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Announcement {
  std::vector<std::pair<Date, Date>> off;
  std::set<Date> makeup;
};

std::map<int, Announcement> announcements() {
  std::map<int, Announcement> out;
  std::istringstream in(
      readFile(std::string(BAOCAO_TEST_DATA) + "/calendar/official_announcements.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    int year;
    std::string word;
    f >> year >> word;
    EXPECT_EQ(word, "off");
    Announcement& a = out[year];
    bool makeup = false;
    while (f >> word) {
      if (word == "makeup") {
        makeup = true;
      } else if (makeup) {
        a.makeup.insert(*Date::parseIso(word));
      } else {
        a.off.emplace_back(*Date::parseIso(word.substr(0, 10)), *Date::parseIso(word.substr(12)));
      }
    }
  }
  return out;
}

HolidayCalendar officialCalendar(int year) {
  HolidayCalendar cal;
  auto text = readFile(std::string(BAOCAO_TEST_DATA) + "/calendar/official_" +
                       std::to_string(year) + ".csv");
  auto parsed = exchange::parseOfficialScheduleCsv(text);
  EXPECT_TRUE(parsed.has_value()) << (parsed.has_value() ? "" : parsed.error().message);
  for (auto& s : *parsed) {
    auto st = cal.setOfficialSchedule(s);
    EXPECT_TRUE(st.has_value()) << (st.has_value() ? "" : st.error().message);
  }
  return cal;
}

bool weekend(Date x) { return x.isoWeekday() >= 6; }

TEST(OfficialSchedules, LoadingEachYearGivesExactlyTheAnnouncedDaysOff) {
  const auto all = announcements();
  ASSERT_EQ(all.size(), 7u);  // 2020..2026
  for (const auto& [year, a] : all) {
    const HolidayCalendar cal = officialCalendar(year);
    for (Date x = d(year, 1, 1); x <= d(year, 12, 31); x = x.addDays(1)) {
      bool in_range = false;
      for (const auto& [from, to] : a.off) in_range = in_range || (x >= from && x <= to);
      const bool expect_off = in_range || (weekend(x) && !a.makeup.count(x));
      EXPECT_EQ(!cal.isWorkingDay(x), expect_off) << x.iso();
    }
  }
}

// What the law fixes: the fixed-date holidays and mùng 1–3 Tết are off; the number of weekdays
// off (holidays on weekdays plus compensatory days, net of make-up Saturdays) equals the number
// of statutory days (10 before 2021, 11 since Labour Code 2019); the compensatory days of the
// non-Tết holidays and the computed day next to 2 Sep are the ones the government announced.
TEST(ComputedCalendar, IsConsistentWithEveryOfficialScheduleFrom2020To2026) {
  const HolidayCalendar computed;
  for (const auto& [year, a] : announcements()) {
    const HolidayCalendar official = officialCalendar(year);
    auto weekdays_off = [&](const HolidayCalendar& cal) {
      int n = 0;
      for (Date x = d(year, 1, 1); x <= d(year, 12, 31); x = x.addDays(1)) {
        if (!weekend(x) && !cal.isWorkingDay(x)) ++n;
        if (weekend(x) && cal.isWorkingDay(x)) --n;
      }
      return n;
    };
    const int statutory_days = year >= 2021 ? 11 : 10;
    EXPECT_EQ(weekdays_off(computed), statutory_days) << year;
    EXPECT_EQ(weekdays_off(official), statutory_days) << year;

    for (const CalendarDay& c : computed.daysOf(year)) {
      const bool tet = c.name.find("Tết Nguyên đán") != std::string::npos;
      // Which Tết days (eve or mùng 4, and their compensation) the government picks varies.
      const bool tet_first_days = tet && c.kind == DayKind::Statutory &&
                                  c.name.find("mùng 4") == std::string::npos &&
                                  c.name.find("giao thừa") == std::string::npos;
      if (!tet || tet_first_days) {
        EXPECT_FALSE(official.isWorkingDay(c.date)) << year << " " << c.date.iso() << " " << c.name;
      }
    }
  }
}

TEST(ComputedCalendar, Year2026) {
  const HolidayCalendar cal;
  std::vector<std::pair<std::string, DayKind>> got;
  for (const CalendarDay& c : cal.daysOf(2026)) got.emplace_back(c.date.iso(), c.kind);
  const std::vector<std::pair<std::string, DayKind>> want = {
      {"2026-01-01", DayKind::Statutory}, {"2026-02-16", DayKind::Statutory},  // 29 Tết = eve
      {"2026-02-17", DayKind::Statutory}, {"2026-02-18", DayKind::Statutory},
      {"2026-02-19", DayKind::Statutory}, {"2026-02-20", DayKind::Statutory},
      {"2026-04-26", DayKind::Statutory}, {"2026-04-27", DayKind::Compensatory},  // Hùng on Sunday
      {"2026-04-30", DayKind::Statutory}, {"2026-05-01", DayKind::Statutory},
      {"2026-09-01", DayKind::Statutory}, {"2026-09-02", DayKind::Statutory},
  };
  EXPECT_EQ(got, want);
}

TEST(ComputedCalendar, TetOnAWeekendIsCompensatedAfterTheLastTetDay) {
  const HolidayCalendar cal;
  // Tết 2021: eve Thu 11/2 (30 Tết), mùng 1–4 Fri 12 – Mon 15; Sat/Sun compensated Tue/Wed.
  EXPECT_EQ(cal.dayAt(d(2021, 2, 11))->kind, DayKind::Statutory);
  EXPECT_EQ(cal.dayAt(d(2021, 2, 16))->kind, DayKind::Compensatory);
  EXPECT_EQ(cal.dayAt(d(2021, 2, 17))->kind, DayKind::Compensatory);
  EXPECT_TRUE(cal.isWorkingDay(d(2021, 2, 18)));
  // 2 Sep on a Saturday (2023): Friday 1 Sep is the adjacent day, Monday 4 Sep compensates.
  EXPECT_FALSE(cal.isWorkingDay(d(2023, 9, 1)));
  EXPECT_EQ(cal.dayAt(d(2023, 9, 4))->kind, DayKind::Compensatory);
  // Before Labour Code 2019, 2 Sep was a single day.
  EXPECT_TRUE(cal.isWorkingDay(d(2020, 9, 1)));
  EXPECT_TRUE(cal.isWorkingDay(d(2020, 9, 3)));
}

TEST(HolidayRules, ANewHolidayIsAddedAsDataWithAStartYear) {
  HolidayCalendar cal;
  ASSERT_TRUE(cal.addRule({HolidayRule::Basis::SolarDate, 11, 24, "Ngày Văn hóa Việt Nam", 2026})
                  .has_value());
  EXPECT_TRUE(cal.isWorkingDay(d(2025, 11, 24)));   // Monday, before the rule
  EXPECT_FALSE(cal.isWorkingDay(d(2026, 11, 24)));  // Tuesday
  EXPECT_EQ(cal.dayAt(d(2026, 11, 24))->name, "Ngày Văn hóa Việt Nam");
  // A lunar rule: 15/8 (Trung thu) in 2026 is 25 Sep, a Friday.
  ASSERT_TRUE(
      cal.addRule({HolidayRule::Basis::LunarDate, 8, 15, "Tết Trung thu", 2026}).has_value());
  EXPECT_FALSE(cal.isWorkingDay(d(2026, 9, 25)));
  auto bad = cal.addRule({HolidayRule::Basis::SolarDate, 2, 30, "Sai", 2026});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidField);
  EXPECT_FALSE(cal.addRule({HolidayRule::Basis::SolarDate, 13, 1, "Sai", 2026}).has_value());
  EXPECT_FALSE(cal.addRule({HolidayRule::Basis::SolarDate, 1, 1, "", 2026}).has_value());
}

TEST(HolidayCalendar, OfficialScheduleReplacesTheComputedYearEntirely) {
  HolidayCalendar cal;
  OfficialSchedule s{2026, {{d(2026, 1, 1), "Tết Dương lịch", DayKind::Official}}, "test"};
  ASSERT_TRUE(cal.setOfficialSchedule(s).has_value());
  EXPECT_FALSE(cal.isWorkingDay(d(2026, 1, 1)));
  EXPECT_TRUE(cal.isWorkingDay(d(2026, 2, 17)));  // computed Tết no longer applies to 2026
  EXPECT_FALSE(cal.isWorkingDay(
      d(2027, 2, 8)));  // 2027 still computed: Tết Sat 6 Feb, Monday 8 Feb compensates
  cal.clearOfficialSchedule(2026);
  EXPECT_FALSE(cal.isWorkingDay(d(2026, 2, 17)));
}

TEST(HolidayCalendar, RejectsInvalidOfficialSchedules) {
  HolidayCalendar cal;
  auto wrong_year =
      cal.setOfficialSchedule({2026, {{d(2025, 12, 31), "x", DayKind::Official}}, ""});
  ASSERT_FALSE(wrong_year.has_value());
  EXPECT_EQ(wrong_year.error().code, ErrorCode::InvalidDate);
  auto dup = cal.setOfficialSchedule(
      {2026,
       {{d(2026, 1, 1), "x", DayKind::Official}, {d(2026, 1, 1), "y", DayKind::Official}},
       ""});
  EXPECT_FALSE(dup.has_value());
  auto workday_on_weekday =
      cal.setOfficialSchedule({2026, {{d(2026, 1, 5), "x", DayKind::Workday}}, ""});
  ASSERT_FALSE(workday_on_weekday.has_value());
  EXPECT_NE(workday_on_weekday.error().message.find("2026-01-05"), std::string::npos);
}

TEST(HolidayCalendar, WeeklyRestDaysAreConfigurable) {
  HolidayCalendar cal;
  cal.setWeeklyRestDays(WeeklyRestDays::of({7}));  // Sunday only
  EXPECT_TRUE(cal.isWorkingDay(d(2026, 3, 14)));   // Saturday
  EXPECT_FALSE(cal.isWorkingDay(d(2026, 3, 15)));  // Sunday
  // Hùng Kings' day 2026 falls on Sunday: compensated on Monday.
  EXPECT_EQ(cal.dayAt(d(2026, 4, 27))->kind, DayKind::Compensatory);
  // 1 Jan 2022 was a Saturday: no compensation when Saturday is a working day.
  EXPECT_FALSE(cal.isWorkingDay(d(2022, 1, 1)));
  EXPECT_TRUE(cal.isWorkingDay(d(2022, 1, 3)));
}

TEST(WorkingDays, ArithmeticSkipsHolidaysAndCountsMakeUpSaturdays) {
  const HolidayCalendar cal = officialCalendar(2026);
  EXPECT_EQ(cal.addWorkingDays(d(2026, 2, 13), 1), d(2026, 2, 23));  // across Tết
  EXPECT_EQ(cal.addWorkingDays(d(2026, 2, 23), -1), d(2026, 2, 13));
  EXPECT_EQ(cal.addWorkingDays(d(2026, 1, 9), 1), d(2026, 1, 10));  // make-up Saturday
  EXPECT_EQ(cal.addWorkingDays(d(2026, 3, 14), 3), d(2026, 3, 18));
  EXPECT_EQ(cal.addWorkingDays(d(2026, 3, 14), 0), d(2026, 3, 14));
  EXPECT_EQ(cal.nextWorkingDay(d(2026, 3, 16)), d(2026, 3, 17));
  EXPECT_EQ(cal.workingDayOnOrAfter(d(2026, 3, 16)), d(2026, 3, 16));
  EXPECT_EQ(cal.workingDayOnOrAfter(d(2026, 8, 29)), d(2026, 9, 3));  // Quốc khánh break
}

TEST(HolidayCalendar, CopiesAreIndependent) {
  HolidayCalendar a;
  EXPECT_TRUE(a.isWorkingDay(d(2026, 11, 24)));  // fills the shared cache
  HolidayCalendar b = a;
  ASSERT_TRUE(b.addRule({HolidayRule::Basis::SolarDate, 11, 24, "Ngày Văn hóa Việt Nam", 2026})
                  .has_value());
  EXPECT_FALSE(b.isWorkingDay(d(2026, 11, 24)));
  EXPECT_TRUE(a.isWorkingDay(d(2026, 11, 24)));
}

}  // namespace
}  // namespace baocao::core::calendar
