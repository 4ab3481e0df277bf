// Use cases on the reporting calendar (docs/domain/calendar.md; issue 3 points 4–5):
//  - the effective HolidayCalendar: the computed statutory days, plus the operator's stored
//    holiday rules and weekly rest days, with each year's stored official schedule replacing the
//    computed days of that year. It is built once and cached; every change made through this
//    service drops the cache, and a change made by another process (the command line, another
//    server on the same database) is noticed through the store's calendar revision, read in
//    one cheap query per use;
//  - answers for the UI, the API and the command line: holidays of a year, the schedule
//    (cut-off window, deadlines, replacement) of a period, lunar/solar conversion;
//  - the operator's edits: official schedules (put, delete, import), rules, rest days. Writing
//    needs Action::CalendarWrite (system administrators); `actor` nullptr is the operator on the
//    command line. Every change is recorded in the audit log in the same transaction
//    ("calendar.official_put", "calendar.official_delete", "calendar.official_import",
//    "calendar.rule_add", "calendar.rule_remove", "calendar.rest_days_set").
// Reading needs no permission beyond being authenticated (checked by the HTTP layer): the
// calendar is public information.
//
// The JSON shapes shared by the HTTP API and the command line are here too (calendar_json), so
// both print exactly the same answer.
// Thread-safety: every method may be called concurrently (the cache is guarded by a mutex; the
// cached calendar is immutable once published and shared by pointer).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"
#include "core/calendar/holiday_calendar.h"
#include "core/calendar/lunar.h"
#include "core/period/deadline.h"
#include "core/period/period.h"
#include "core/ports/calendar_repository.h"

namespace baocao::app {

/// A stored official schedule, summarised for lists.
struct OfficialSummary {
  int year = 0;
  std::string source;
  int64_t days_off = 0;
  int64_t workdays = 0;
};

class CalendarService {
 public:
  CalendarService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}

  /// The effective calendar (cached; rebuilt when the store's calendar revision moved).
  core::Result<std::shared_ptr<const core::calendar::HolidayCalendar>> calendar();

  // ---- answers (no actor: the calendar is public information)
  /// The notable days of `year` (1900–2100): days off and make-up working days, in date order.
  core::Result<std::vector<core::calendar::CalendarDay>> holidays(int year);
  /// Window, deadlines, approval deadline and replacement of the period `id` under `rule`.
  core::Result<core::period::PeriodSchedule> period(std::string_view id,
                                                    const core::period::DeadlineRule& rule);
  /// The schedule of every period of `type` within the period `within` (e.g. the 12 months of
  /// "2026"), for the calendar page.
  core::Result<std::vector<core::period::PeriodSchedule>> periods(
      core::period::PeriodType type, std::string_view within,
      const core::period::DeadlineRule& rule);
  /// Solar → lunar (UTC+7). InvalidDate outside 1900–2100.
  static core::Result<core::calendar::LunarDate> toLunar(core::Date solar);
  /// Lunar → solar. InvalidDate for a day that does not exist (e.g. a leap month the year lacks).
  static core::Result<core::Date> toSolar(const core::calendar::LunarDate& lunar);

  // ---- the operator's data
  core::Result<std::vector<OfficialSummary>> officialYears();
  /// NotFound when no official schedule is stored for `year`.
  core::Result<core::calendar::OfficialSchedule> official(int year);
  /// Validates (InvalidDate/InvalidField naming each bad day in `details`) and stores.
  core::Result<core::calendar::OfficialSchedule> putOfficial(const Actor* actor,
                                                             core::calendar::OfficialSchedule s);
  core::Status deleteOfficial(const Actor* actor, int year);
  /// All-or-nothing: every schedule is validated first, then all are stored in one transaction
  /// (each replacing the stored schedule of its year).
  core::Result<std::vector<OfficialSummary>> importOfficial(
      const Actor* actor, std::vector<core::calendar::OfficialSchedule> schedules);

  core::Result<std::vector<core::ports::StoredHolidayRule>> rules();
  core::Result<core::ports::StoredHolidayRule> addRule(const Actor* actor,
                                                       core::calendar::HolidayRule rule);
  core::Status removeRule(const Actor* actor, int64_t id);

  core::Result<core::calendar::WeeklyRestDays> restDays();
  /// InvalidField when every day of the week would be a rest day, or when a stored official
  /// schedule lists a make-up working day that would no longer be a rest day.
  core::Result<core::calendar::WeeklyRestDays> setRestDays(const Actor* actor,
                                                           core::calendar::WeeklyRestDays rest);

  /// Checks a schedule against `rest`: year 1900–2100, each day in that year, listed once, with
  /// a name (≤ 200 bytes), a Workday only on a weekly rest day. Every problem is one detail
  /// (field "days[i]" in the order given), the message names the first.
  static core::Status validateOfficial(const core::calendar::OfficialSchedule& s,
                                       const core::calendar::WeeklyRestDays& rest);

 private:
  core::Status requireWrite(const Actor* actor);
  void invalidate();
  Context& ctx_;
  AuditService& audit_;
  std::mutex mutex_;
  std::shared_ptr<const core::calendar::HolidayCalendar> cached_;
  int64_t cached_revision_ = -1;
};

/// JSON shapes shared by the HTTP API and `baocao calendar` (docs/api.md "Calendar").
namespace calendar_json {

// Answers keep the documented key order (issue 3 point 5), hence ordered_json.

/// {"year":2026,"month":1,"day":1,"leap":false}
nlohmann::ordered_json lunar(const core::calendar::LunarDate& l);
/// {"date":"2026-02-17","lunar":{…}}
nlohmann::ordered_json conversion(core::Date solar, const core::calendar::LunarDate& l);
/// {"date":"2026-01-01","name":"Tết Dương lịch","kind":"statutory"}
nlohmann::ordered_json day(const core::calendar::CalendarDay& d);
nlohmann::ordered_json days(const std::vector<core::calendar::CalendarDay>& ds);
/// {"id":"202603","type":"monthly","start":…,"end":…,"deadlines":[…]} plus
/// "approval_deadline" and "replaced_by" only when set.
nlohmann::ordered_json periodSchedule(const core::period::PeriodSchedule& s);
/// {"year":2026,"source":"…","days":[day…]}
nlohmann::ordered_json official(const core::calendar::OfficialSchedule& s);
nlohmann::ordered_json summary(const OfficialSummary& s);
/// {"id":3,"basis":"solar_date","month":11,"day":24,"name":"…","valid_from":2026,"valid_to":null}
/// (valid_to null = no end; id omitted for the statutory rules).
nlohmann::ordered_json rule(const core::calendar::HolidayRule& r, std::optional<int64_t> id);
/// {"days":[6,7]} (ISO weekdays, 1 = Monday)
nlohmann::ordered_json restDays(const core::calendar::WeeklyRestDays& r);

/// Reads an official schedule: {"year"?, "source"?, "days":[{"date","kind","name"}…]}. When
/// `year` is given, "year" may be omitted but must match if present. Errors name the field
/// ("days[3].date") in Vietnamese (InvalidField/MissingField/UnknownField).
core::Result<core::calendar::OfficialSchedule> parseOfficial(const nlohmann::json& j,
                                                             std::optional<int> year);
/// Reads a rule: {"basis","month","day","name","valid_from"?,"valid_to"?}.
core::Result<core::calendar::HolidayRule> parseRule(const nlohmann::json& j);
/// Reads {"days":[6,7]}.
core::Result<core::calendar::WeeklyRestDays> parseRestDays(const nlohmann::json& j);

}  // namespace calendar_json

/// Parses a lunar date "2025-6-1" (year-month-day, numbers without padding allowed); the error
/// (InvalidDate) names the parameter and the 1-based character position.
core::Result<core::calendar::LunarDate> parseLunarDate(std::string_view text, bool leap,
                                                       std::string_view param = "lunar");

/// Builds a DeadlineRule from named text options (HTTP query parameters or command-line
/// options; absent = default): levels (1–10), window (regulation|calendar|day_of_month),
/// cut_off_day (1–31; implies day_of_month), unit_days (0–60), level_days (0–60),
/// approval_day (1–31), also (comma-separated period types the regime also reports at),
/// weekly_due_thursday (1|0|true|false). Errors (InvalidField) name the parameter.
core::Result<core::period::DeadlineRule> parseDeadlineRule(
    const std::map<std::string, std::string>& options);

}  // namespace baocao::app
