// HolidayCalendar: which days are working days for Vietnamese state bodies.
//
// It combines (docs/domain/calendar.md):
//  - statutory holidays computed from rules (Labour Code 2019 Art. 112; the rules are data —
//    fixed solar date, fixed lunar date, last day of the lunar year, or "a day adjacent to a
//    solar date" — each valid from/to a year, so a new holiday such as 24 Nov is added by data);
//  - compensatory days off when a holiday falls on a weekly rest day (Art. 111.3);
//  - the operator's official schedule for a year (the government's announcement: days off and
//    make-up Saturdays, kind Workday), which replaces the computed days of that year entirely;
//  - configurable weekly rest days (Saturday and Sunday by default).
//
// Thread-safety: const member functions may be called concurrently (the per-year cache is
// guarded by a mutex); mutating functions need exclusive access. Copies are independent.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::calendar {

enum class DayKind {
  Statutory,     // a holiday computed from a rule
  Compensatory,  // nghỉ bù: a holiday fell on a weekly rest day
  Official,      // a day off in the official schedule of the year
  Workday,       // làm bù: a weekly rest day declared a working day
};

/// "statutory", "compensatory", "official", "workday".
std::string_view dayKindName(DayKind kind);
std::optional<DayKind> parseDayKind(std::string_view name);

/// One notable day of a year: a day off (every kind but Workday) or a make-up working day.
struct CalendarDay {
  Date date;
  std::string name;  // Vietnamese, e.g. "Tết Nguyên đán"
  DayKind kind = DayKind::Statutory;
  bool operator==(const CalendarDay&) const = default;
};

/// A holiday rule, as data.
struct HolidayRule {
  enum class Basis {
    SolarDate,      // month/day of the solar calendar
    LunarDate,      // month/day of the lunar calendar (never a leap month)
    LunarYearEnd,   // the last day of the lunar year that ends in this solar year (giao thừa)
    AdjacentSolar,  // the day before or after solar month/day, see adjacentDayRule in the docs
  };
  Basis basis = Basis::SolarDate;
  unsigned month = 1;
  unsigned day = 1;
  std::string name;
  int valid_from = 1900;  // first solar year the rule applies to
  int valid_to = 9999;    // last solar year
};

/// The statutory rules of Labour Code 2019 Art. 112 (with the years earlier codes started them).
std::vector<HolidayRule> statutoryRules();

/// The government's announced schedule of one year (days off and make-up working days).
struct OfficialSchedule {
  int year = 0;
  std::vector<CalendarDay> days;  // kinds Official/Statutory/Compensatory = off; Workday = make-up
  std::string source;             // the decision or announcement, for display
};

/// ISO weekdays (1 = Monday ... 7 = Sunday) that are weekly rest days.
struct WeeklyRestDays {
  unsigned char mask = (1u << 6) | (1u << 7);  // Saturday + Sunday (Decree 45/2013, Art. 3)
  bool contains(unsigned iso_weekday) const { return (mask >> iso_weekday) & 1u; }
  static WeeklyRestDays of(std::initializer_list<unsigned> iso_weekdays);
};

class HolidayCalendar {
 public:
  /// Statutory rules, Saturday and Sunday off, no official schedule.
  HolidayCalendar();

  void setWeeklyRestDays(WeeklyRestDays rest);
  const WeeklyRestDays& weeklyRestDays() const { return rest_; }

  /// Adds a rule (e.g. 24 Nov "Ngày Văn hóa Việt Nam" from 2026). Errors (InvalidField): an empty
  /// name, a month outside 1..12, a day outside 1..31 (1..30 for lunar), valid_from > valid_to.
  Status addRule(HolidayRule rule);
  const std::vector<HolidayRule>& rules() const { return rules_; }

  /// Installs (or replaces) the official schedule of `schedule.year`. Errors (InvalidDate): a day
  /// outside that year, a date listed twice, a Workday that is not a weekly rest day.
  Status setOfficialSchedule(OfficialSchedule schedule);
  void clearOfficialSchedule(int year);
  const OfficialSchedule* officialSchedule(int year) const;

  /// The notable days of a solar year in date order: the official schedule if one is set for the
  /// year, otherwise the computed statutory and compensatory days.
  std::vector<CalendarDay> daysOf(int year) const;
  /// The computed statutory and compensatory days, ignoring any official schedule.
  std::vector<CalendarDay> computedDaysOf(int year) const;

  /// Not a weekly rest day (unless declared a make-up workday) and not a day off of the year.
  bool isWorkingDay(Date date) const;
  /// The notable day at `date`, if any.
  std::optional<CalendarDay> dayAt(Date date) const;
  /// `date` itself when it is a working day, else the next working day (002 Đ8.3).
  Date workingDayOnOrAfter(Date date) const;
  /// The first working day strictly after `date`.
  Date nextWorkingDay(Date date) const;
  /// The n-th working day after `date`, counting from the day after (n = 0 gives `date`;
  /// negative n counts backwards).
  Date addWorkingDays(Date date, int n) const;

 private:
  struct Cache;
  std::map<Date, CalendarDay> yearMap(int year) const;
  const std::map<Date, CalendarDay>& cachedYear(int year) const;
  void invalidate();

  WeeklyRestDays rest_;
  std::vector<HolidayRule> rules_;
  std::map<int, OfficialSchedule> official_;
  std::shared_ptr<Cache> cache_;
};

}  // namespace baocao::core::calendar
