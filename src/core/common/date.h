// Civil dates and UTC instants used across the domain.
//
// Date is a proleptic-Gregorian calendar day (no time zone: a reporting deadline is a day).
// Timestamp is an instant in UTC with microsecond resolution. Both are plain values; all
// arithmetic is pure. The current time is never read here: it comes through ports::Clock.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace baocao::core {

class Date {
 public:
  constexpr Date() = default;
  /// Days since 1970-01-01.
  static constexpr Date fromDays(int32_t days) { return Date(days); }
  /// Caller guarantees a valid y/m/d (use isValidYmd() or parseIso() for untrusted input).
  static Date fromYmd(int year, unsigned month, unsigned day);
  static bool isValidYmd(int year, unsigned month, unsigned day);
  /// Parses "YYYY-MM-DD"; the error names the first offending character position (1-based).
  static Result<Date> parseIso(std::string_view text);

  constexpr int32_t days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  /// ISO weekday: 1 = Monday ... 7 = Sunday.
  unsigned isoWeekday() const;
  std::string iso() const;          // 2026-03-14
  std::string vietnamese() const;   // 14/03/2026

  constexpr Date addDays(int32_t n) const { return Date(days_ + n); }
  constexpr int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  std::chrono::year_month_day ymd() const;
  int32_t days_ = 0;
};

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp fromMicros(int64_t us) { return Timestamp(us); }
  static constexpr Timestamp fromSeconds(int64_t s) { return Timestamp(s * 1000000); }
  constexpr int64_t micros() const { return us_; }
  constexpr int64_t seconds() const { return us_ / 1000000; }
  /// RFC 3339 UTC with milliseconds: 2026-03-14T08:30:00.123Z
  std::string iso() const;
  static Result<Timestamp> parseIso(std::string_view text);
  /// The calendar day of this instant in Vietnam (UTC+7), where deadlines are counted.
  Date vietnamDate() const;
  constexpr Timestamp plusSeconds(int64_t s) const { return Timestamp(us_ + s * 1000000); }
  constexpr auto operator<=>(const Timestamp&) const = default;

 private:
  constexpr explicit Timestamp(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

}  // namespace baocao::core
