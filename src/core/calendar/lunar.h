// The Vietnamese lunar calendar (âm lịch), computed astronomically for UTC+7.
//
// Follows the published algorithm of Hồ Ngọc Đức ("Thuật toán tính âm lịch",
// https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_vn.html): a month starts on the
// day (in local time) that contains the new moon; the month containing the winter solstice is
// month 11; a year from one month 11 to the next with 13 months has a leap month, the first
// month after month 11 that contains no major solar term (trung khí). Because Vietnam has used
// UTC+7 since 1968 the result differs from the Chinese (UTC+8) calendar in some years, e.g.
// Tết 1985 (21 Jan in Vietnam, 20 Feb in China) and 2007.
//
// Valid for solar years 1900–2100; checked against Hồ Ngọc Đức's published year tables for every
// day of 1968–2099 (docs/domain/calendar.md lists the single, explained disagreement in 2054).
// Before 1968 Vietnam used the Chinese (UTC+8) calendar: pass time_zone = 8.0 for such dates.
// Pure functions of their arguments; safe to call from any thread.
#pragma once

#include <compare>
#include <optional>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::calendar {

/// Vietnam's legal time zone since 1968, in hours east of UTC.
inline constexpr double kVietnamTimeZone = 7.0;
/// First and last solar year for which conversions are supported.
inline constexpr int kFirstSupportedYear = 1900;
inline constexpr int kLastSupportedYear = 2100;

/// A day of the lunar calendar: `year` is the lunar year that starts with Tết (month 1 day 1);
/// `leap` marks the intercalary month that repeats `month`.
struct LunarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..30
  bool leap = false;
  auto operator<=>(const LunarDate&) const = default;
};

/// One month of a lunar year: its number, whether it is the leap month, its first solar day and
/// its length (29 or 30 days).
struct LunarMonth {
  int month = 0;
  bool leap = false;
  Date first_day;
  int length = 0;
};

/// The lunar date of a solar day. The caller keeps `solar` within the supported years (the
/// algorithm still answers outside them, with decreasing accuracy).
LunarDate toLunar(Date solar, double time_zone = kVietnamTimeZone);

/// The solar day of a lunar date. Errors (ErrorCode::InvalidDate, Vietnamese message): month
/// outside 1..12, `leap` set for a month that is not the leap month of that year, or a day
/// beyond the month's length.
Result<Date> toSolar(const LunarDate& lunar, double time_zone = kVietnamTimeZone);

/// The 12 or 13 months of lunar year `lunar_year`, in order, from Tết to the eve of the next Tết.
std::vector<LunarMonth> monthsOfLunarYear(int lunar_year, double time_zone = kVietnamTimeZone);

/// The leap month of lunar year `lunar_year`, if it has one.
std::optional<int> leapMonthOf(int lunar_year, double time_zone = kVietnamTimeZone);

/// Tết: the solar day of day 1 of month 1 of lunar year `lunar_year`.
Date lunarNewYear(int lunar_year, double time_zone = kVietnamTimeZone);

/// The last day of lunar year `lunar_year` (giao thừa: the 29th or 30th of month 12, or of its
/// leap month when month 12 is repeated) — the eve of the next Tết.
Date lunarYearEnd(int lunar_year, double time_zone = kVietnamTimeZone);

}  // namespace baocao::core::calendar
