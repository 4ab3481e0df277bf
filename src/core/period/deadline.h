// Data cut-off windows and deadlines of a reporting period (002 Đ7, Đ8; 003 Đ14; 000 Đ6;
// Decree 09/2019 Art. 12). Deadlines are pure functions of (period, rule, calendar): nothing
// here reads a clock. Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <vector>

#include "core/calendar/holiday_calendar.h"
#include "core/period/period.h"

namespace baocao::core::period {

/// How a regime sets the data cut-off window (thời gian chốt số liệu).
struct WindowRule {
  enum class Kind {
    Regulation,  // 002 Đ7 / Decree 09 Art. 12: 15th of the month before → 14th; weekly Thu → Wed
    Calendar,    // 1st → last day of the period (statistical reports)
    DayOfMonth,  // the regime's own day: ends on `cut_off_day` of the last month, starts the day
                 // after that day of the month before the first month
  };
  Kind kind = Kind::Regulation;
  /// For DayOfMonth: 1..31, clamped to the month's length (31 = end of month). Regulation is
  /// DayOfMonth with 14.
  unsigned cut_off_day = 14;
};

/// A closed range of days.
struct Window {
  Date start;
  Date end;
  bool operator==(const Window&) const = default;
};

/// How a regime sets deadlines.
struct DeadlineRule {
  WindowRule window;
  /// Working days after the cut-off for the reporting unit, counted from the day after (002 Đ8.1a).
  int unit_working_days = 3;
  /// Working days each aggregation level adds (002 Đ8.1b).
  int level_working_days = 3;
  /// Number of deadlines to compute: 1 = the reporting unit only; k = the unit and k-1
  /// aggregation levels above it (deadlines[k] is the k-th level's).
  int levels = 1;
  /// A weekly report is due on the Thursday of the report week (002 Đ8.1c).
  bool weekly_due_thursday = true;
  /// A fixed day of the period's last month by which leaders approve (000 Đ6: "before the
  /// 25th" is 24); moved to the next working day like any deadline. Unset: none.
  std::optional<unsigned> approval_day;
  /// The other frequencies the same regime reports at. A monthly instance whose unit deadline
  /// coincides with one of them is not required (002 Đ8.2).
  std::vector<PeriodType> also_reported;
};

/// Everything a reporting unit needs to know about one period.
struct PeriodSchedule {
  Period period;
  Window window;
  std::vector<Date> deadlines;  // [0] reporting unit, [k] k-th aggregation level
  std::optional<Date> approval_deadline;
  /// Set when the instance is not required because this period's report replaces it (002 Đ8.2).
  std::optional<Period> replaced_by;
};

/// The data cut-off window of `period` under `rule` (see docs/domain/calendar.md for every type).
Window cutOffWindow(const Period& period, const WindowRule& rule);

/// Window, deadlines and replacement of `period`. Every deadline is a working day of `calendar`
/// (a deadline on a day off moves to the next working day: 002 Đ8.3, 003 Đ14.2).
PeriodSchedule schedule(const Period& period, const DeadlineRule& rule,
                        const calendar::HolidayCalendar& calendar);

}  // namespace baocao::core::period
