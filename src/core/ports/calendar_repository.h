// Storage port for the operator's calendar data (docs/domain/calendar.md "Holidays and working
// days"): the official schedule of each year (the government's announcement, which replaces
// the computed days of that year), holiday rules added as data, and the weekly rest days.
// The statutory rules themselves are code (core::calendar::statutoryRules()) and never stored.
//
// Every change bumps a revision number, so that a process caching the effective calendar
// (app::CalendarService) notices changes made by another process (the command line, another
// server) with one cheap read.
//
// The repository stores what it is given after light consistency checks (a day of the wrong
// year, a date listed twice); the use case validates against the weekly rest days.
// Errors every method may return: StorageError. Thread-safety: like every repository, it
// belongs to its Tx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/holiday_calendar.h"
#include "core/common/result.h"

namespace baocao::core::ports {

/// A holiday rule the operator added, with its storage id.
struct StoredHolidayRule {
  int64_t id = 0;
  calendar::HolidayRule rule;
};

/// "solar_date", "lunar_date", "lunar_year_end", "adjacent_solar" (storage and wire names).
inline std::string_view ruleBasisId(calendar::HolidayRule::Basis b) {
  using B = calendar::HolidayRule::Basis;
  switch (b) {
    case B::SolarDate: return "solar_date";
    case B::LunarDate: return "lunar_date";
    case B::LunarYearEnd: return "lunar_year_end";
    case B::AdjacentSolar: return "adjacent_solar";
  }
  return "solar_date";
}
inline std::optional<calendar::HolidayRule::Basis> parseRuleBasis(std::string_view id) {
  using B = calendar::HolidayRule::Basis;
  for (B b : {B::SolarDate, B::LunarDate, B::LunarYearEnd, B::AdjacentSolar})
    if (ruleBasisId(b) == id) return b;
  return std::nullopt;
}

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;

  /// Years that have an official schedule, ascending.
  virtual Result<std::vector<int>> officialYears() = 0;
  /// The schedule of `year`, days in date order. NotFound when none is stored.
  virtual Result<calendar::OfficialSchedule> getOfficial(int year) = 0;
  /// Every stored schedule, by year, days in date order.
  virtual Result<std::vector<calendar::OfficialSchedule>> allOfficial() = 0;
  /// Inserts or replaces the schedule of `s.year`. InvalidDate when a day lies outside that
  /// year or a date is listed twice (nothing is written then).
  virtual Result<void> putOfficial(const calendar::OfficialSchedule& s) = 0;
  /// NotFound when no schedule is stored for `year`.
  virtual Result<void> deleteOfficial(int year) = 0;

  /// Rules added as data, by id (ascending: the order they were added).
  virtual Result<std::vector<StoredHolidayRule>> rules() = 0;
  /// Stores a rule and returns it with its new id.
  virtual Result<StoredHolidayRule> addRule(const calendar::HolidayRule& rule) = 0;
  /// NotFound when there is no rule `id`.
  virtual Result<void> removeRule(int64_t id) = 0;

  /// The weekly rest days, or nullopt when never set (Saturday and Sunday apply).
  virtual Result<std::optional<calendar::WeeklyRestDays>> restDays() = 0;
  virtual Result<void> setRestDays(calendar::WeeklyRestDays rest) = 0;

  /// Starts at 0; every successful change above adds 1 (visible on commit).
  virtual Result<int64_t> revision() = 0;
};

}  // namespace baocao::core::ports
