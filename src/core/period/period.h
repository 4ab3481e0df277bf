// Period: one reporting period (kỳ báo cáo) of 002 Đ6 and its identifier.
//
// Identifiers, parsed and printed exactly: weekly "2026W09" (ISO 8601 week, Monday–Sunday),
// monthly "202603", quarterly "2026Q1", six-monthly "2026S1"/"2026S2", nine-month "2026N9",
// yearly "2026", multi-year stage "2021-2025" (3 or 5 years). Years run from 1900 to 2100.
// A Period is an immutable value; all functions are pure and safe from any thread.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::period {

enum class PeriodType { Weekly, Monthly, Quarterly, SixMonthly, NineMonthly, Yearly, MultiYear };

/// "weekly", "monthly", "quarterly", "six_monthly", "nine_monthly", "yearly", "multi_year".
std::string_view periodTypeName(PeriodType type);
std::optional<PeriodType> parsePeriodType(std::string_view name);

inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2100;

/// Number of ISO weeks (52 or 53) in ISO year `year`.
int isoWeeksInYear(int year);

class Period {
 public:
  /// Parses an identifier. Errors (ErrorCode::InvalidPeriod) name the 1-based character
  /// position, e.g. "Mã kỳ '2026Q5' không hợp lệ: ký tự 6: quý phải từ 1 đến 4".
  static Result<Period> parse(std::string_view id);

  /// Factories for valid values (they check their arguments with BAOCAO_CHECK).
  static Period weekly(int iso_year, int week);
  static Period monthly(int year, int month);
  static Period quarterly(int year, int quarter);
  static Period sixMonthly(int year, int half);
  static Period nineMonthly(int year);
  static Period yearly(int year);
  static Period multiYear(int first_year, int last_year);  // 3 or 5 years
  /// The period of `type` that contains `date` (a week by ISO week; a multi-year stage is not
  /// determined by a date, so MultiYear gives the 5-year stage starting in a year ≡ 1 mod 5,
  /// like 2021-2025).
  static Period containing(PeriodType type, Date date);

  PeriodType type() const { return type_; }
  /// The (ISO, for weeks) year; for a stage, its first year.
  int year() const { return year_; }
  /// Week 1..53, month 1..12, quarter 1..4, half 1..2, 9 for N9, 0 for a year, last year of a
  /// stage.
  int index() const { return index_; }
  std::string id() const;

  /// First and last calendar day (ISO week Monday..Sunday; months; a stage 1 Jan..31 Dec).
  Date firstDay() const;
  Date lastDay() const;
  /// The first and last month (1..12) of a non-weekly period within its year(s).
  int firstMonth() const;
  int lastMonth() const;

  Period next() const;
  Period previous() const;
  /// Same period last year (cùng kỳ): week 53 maps to week 52 when last year has none; a
  /// stage maps to the previous stage of the same length.
  Period sameLastYear() const;
  /// Periods of the same type from the start of the year up to and including this one (lũy
  /// kế từ đầu năm); a stage or a nine-month period gives itself.
  std::vector<Period> yearToDate() const;
  /// The periods of `type` that fall within this period, in order: those whose days lie
  /// inside this period's days; a week belongs to the period containing its Thursday (as an
  /// ISO week belongs to the year of its Thursday). Empty when `type` is longer.
  std::vector<Period> periodsWithin(PeriodType type) const;

  auto operator<=>(const Period&) const = default;

 private:
  Period(PeriodType type, int year, int index) : type_(type), year_(year), index_(index) {}
  PeriodType type_ = PeriodType::Yearly;
  int year_ = 2000;
  int index_ = 0;
};

}  // namespace baocao::core::period
