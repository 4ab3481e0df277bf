// The calendar API under /api/v1/calendar (docs/api.md "Calendar"; issue 3 point 5): lunar and
// solar conversion, holidays of a year, period schedules (cut-off window, deadlines), and the
// operator's official schedules (JSON and CSV import/export), holiday rules and weekly rest
// days. Handlers only adapt: reading needs an authenticated user, writing is checked by
// app::CalendarService (Action::CalendarWrite). Answers have exactly the shapes that
// `baocao calendar …` prints (app::calendar_json). Thread-safety: as Api.
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "app/calendar_service.h"
#include "core/common/text.h"
#include "exchange/calendar_csv.h"
#include "http/api.h"
#include "http/calendar_import.h"
#include "http/json_body.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using nlohmann::json;
using ojson = nlohmann::ordered_json;  // answers keep the documented key order
namespace cal = core::calendar;
namespace period = core::period;
namespace cj = app::calendar_json;

namespace {


core::Error missingParam(const std::string& name) {
  return makeError(ErrorCode::MissingField, "Thiếu tham số bắt buộc '" + name + "'",
                   {{name, "bắt buộc"}});
}

core::Result<std::string> requiredParam(const Request& req, const std::string& name) {
  std::string v = req.q(name);
  if (v.empty()) return missingParam(name);
  if (!core::text::isValidUtf8(v))
    return makeError(ErrorCode::InvalidUtf8, "Tham số '" + name + "' không phải UTF-8 hợp lệ");
  return v;
}

core::Result<int> yearParam(const std::string& text, const char* name) {
  auto v = parseId(text, name);
  if (!v) return v.error();
  if (*v < period::kMinYear || *v > period::kMaxYear)
    return makeError(ErrorCode::InvalidField,
                     std::string("Tham số '") + name + "': năm phải từ 1900 đến 2100",
                     {{name, "ngoài khoảng 1900–2100"}});
  return static_cast<int>(*v);
}

core::Result<bool> flagParam(const Request& req, const std::string& name) {
  std::string v = req.q(name);
  if (!req.has(name) || v == "1" || v == "true" || v.empty()) return req.has(name);
  if (v == "0" || v == "false") return false;
  return makeError(ErrorCode::InvalidField, "Tham số '" + name + "': phải là 1 hoặc 0",
                   {{name, "phải là 1 hoặc 0"}});
}

/// A JSON request body of any shape (the use case checks the fields).
core::Result<json> jsonBody(const Request& req) {
  if (req.header("content-type").find("application/json") == std::string::npos)
    return makeError(ErrorCode::UnsupportedMediaType,
                     "Nội dung phải có Content-Type: application/json");
  if (auto bad = core::text::firstInvalidUtf8(req.body))
    return makeError(ErrorCode::InvalidUtf8,
                     "Nội dung không phải UTF-8 hợp lệ tại byte " + std::to_string(*bad + 1));
  try {
    return json::parse(req.body);
  } catch (const json::parse_error& e) {
    return makeError(ErrorCode::InvalidJson,
                     "JSON không hợp lệ tại ký tự " + std::to_string(e.byte) + " của nội dung");
  }
}

/// The deadline-rule options of /calendar/period and /calendar/periods.
core::Result<period::DeadlineRule> ruleFromQuery(const Request& req) {
  std::map<std::string, std::string> opts;
  for (const char* k : {"levels", "window", "cut_off_day", "unit_days", "level_days",
                        "approval_day", "also", "weekly_due_thursday"})
    if (req.has(k)) opts[k] = req.q(k);
  return app::parseDeadlineRule(opts);
}

ojson summaries(const std::vector<app::OfficialSummary>& v) {
  ojson items = ojson::array();
  for (const auto& s : v) items.push_back(cj::summary(s));
  return ojson{{"items", items}};
}

}  // namespace

void Api::registerCalendarRoutes() {
  // ---- answers (any authenticated user) ----
  router_.add("GET", "/api/v1/calendar/lunar", authed([](Request& req, app::Actor&) {
    auto text = requiredParam(req, "date");
    if (!text) return problem(text.error());
    auto date = core::Date::parseIso(*text);
    if (!date) {
      core::Error e = date.error();
      e.message = "Tham số 'date': " + e.message;
      e.details = {{"date", "ngày không hợp lệ (YYYY-MM-DD)"}};
      return problem(e);
    }
    auto lunar = app::CalendarService::toLunar(*date);
    if (!lunar) return problem(lunar.error());
    return ok(cj::conversion(*date, *lunar));
  }));
  router_.add("GET", "/api/v1/calendar/solar", authed([](Request& req, app::Actor&) {
    auto text = requiredParam(req, "lunar");
    if (!text) return problem(text.error());
    auto leap = flagParam(req, "leap");
    if (!leap) return problem(leap.error());
    auto lunar = app::parseLunarDate(*text, *leap);
    if (!lunar) return problem(lunar.error());
    auto date = app::CalendarService::toSolar(*lunar);
    if (!date) return problem(date.error());
    return ok(cj::conversion(*date, *lunar));
  }));
  router_.add("GET", "/api/v1/calendar/holidays", authed([this](Request& req, app::Actor&) {
    auto text = requiredParam(req, "year");
    if (!text) return problem(text.error());
    auto year = yearParam(*text, "year");
    if (!year) return problem(year.error());
    auto days = s_.calendar.holidays(*year);
    if (!days) return problem(days.error());
    return ok(cj::days(*days));
  }));
  router_.add("GET", "/api/v1/calendar/period", authed([this](Request& req, app::Actor&) {
    auto id = requiredParam(req, "id");
    if (!id) return problem(id.error());
    auto rule = ruleFromQuery(req);
    if (!rule) return problem(rule.error());
    auto s = s_.calendar.period(*id, *rule);
    if (!s) return problem(s.error());
    return ok(cj::periodSchedule(*s));
  }));
  router_.add("GET", "/api/v1/calendar/periods", authed([this](Request& req, app::Actor&) {
    auto type_name = requiredParam(req, "type");
    if (!type_name) return problem(type_name.error());
    auto type = period::parsePeriodType(*type_name);
    if (!type)
      return problem(makeError(ErrorCode::InvalidField,
                               "Tham số 'type': loại kỳ '" + type_name->substr(0, 40) +
                                   "' không hợp lệ (weekly, monthly, quarterly, six_monthly, "
                                   "nine_monthly, yearly, multi_year)",
                               {{"type", "không hợp lệ"}}));
    auto within = requiredParam(req, "within");
    if (!within) return problem(within.error());
    auto rule = ruleFromQuery(req);
    if (!rule) return problem(rule.error());
    auto list = s_.calendar.periods(*type, *within, *rule);
    if (!list) return problem(list.error());
    ojson items = ojson::array();
    for (const auto& s : *list) items.push_back(cj::periodSchedule(s));
    return ok(ojson{{"items", items}});
  }));

  // ---- official schedules ----
  router_.add("GET", "/api/v1/calendar/official", authed([this](Request&, app::Actor&) {
    auto list = s_.calendar.officialYears();
    if (!list) return problem(list.error());
    return ok(summaries(*list));
  }));
  router_.add("POST", "/api/v1/calendar/official/import", authed([this](Request& req, app::Actor& a) {
    std::string ct = req.header("content-type");
    std::string fmt = req.q("format");
    if (fmt.empty()) fmt = ct.find("json") != std::string::npos ? "json"
                           : ct.find("csv") != std::string::npos || ct.find("text/plain") != std::string::npos
                               ? "csv"
                               : "";
    std::vector<cal::OfficialSchedule> schedules;
    if (fmt == "json") {
      auto body = jsonBody(req);
      if (!body) return problem(body.error());
      const json items = body->is_array() ? *body : json::array({*body});
      if (items.empty())
        return problem(makeError(ErrorCode::InvalidFile, "Tệp không có lịch nào", {{"body", "trống"}}));
      for (const auto& item : items) {
        auto s = cj::parseOfficial(item, std::nullopt);
        if (!s) return problem(s.error());
        schedules.push_back(std::move(s).value());
      }
    } else if (fmt == "csv") {
      auto rest = s_.calendar.restDays();
      if (!rest) return problem(rest.error());
      std::string source = req.q("source");
      if (!core::text::isValidUtf8(source) || source.size() > 2000)
        return problem(makeError(ErrorCode::InvalidField,
                                 "Tham số 'source': không phải UTF-8 hợp lệ hoặc dài quá 2000 byte",
                                 {{"source", "không hợp lệ"}}));
      if (source.empty()) source = sourceFromComments(req.body);
      auto parsed = parseOfficialCsvReportingAll(req.body, source, *rest);
      if (!parsed) return problem(parsed.error());
      schedules = std::move(parsed).value();
    } else {
      return problem(makeError(ErrorCode::UnsupportedMediaType,
                               "Nội dung phải có Content-Type: text/csv hoặc application/json"));
    }
    auto rep = s_.calendar.importOfficial(&a, std::move(schedules));
    if (!rep) return problem(rep.error());
    return ok(summaries(*rep));
  }));
  router_.add("GET", "/api/v1/calendar/official/{year}", authed([this](Request& req, app::Actor&) {
    auto year = yearParam(req.params["year"], "year");
    if (!year) return problem(year.error());
    auto s = s_.calendar.official(*year);
    if (!s) return problem(s.error());
    return ok(cj::official(*s));
  }));
  router_.add("PUT", "/api/v1/calendar/official/{year}", authed([this](Request& req, app::Actor& a) {
    auto year = yearParam(req.params["year"], "year");
    if (!year) return problem(year.error());
    auto body = jsonBody(req);
    if (!body) return problem(body.error());
    auto s = cj::parseOfficial(*body, *year);
    if (!s) return problem(s.error());
    auto stored = s_.calendar.putOfficial(&a, std::move(s).value());
    if (!stored) return problem(stored.error());
    return ok(cj::official(*stored));
  }));
  router_.add("DELETE", "/api/v1/calendar/official/{year}", authed([this](Request& req, app::Actor& a) {
    auto year = yearParam(req.params["year"], "year");
    if (!year) return problem(year.error());
    auto st = s_.calendar.deleteOfficial(&a, *year);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));
  router_.add("GET", "/api/v1/calendar/official/{year}/export", authed([this](Request& req, app::Actor&) {
    auto year = yearParam(req.params["year"], "year");
    if (!year) return problem(year.error());
    std::string fmt = req.q("format").empty() ? "csv" : req.q("format");
    if (fmt != "csv" && fmt != "json")
      return problem(makeError(ErrorCode::InvalidField, "Tham số 'format': phải là csv hoặc json",
                               {{"format", "phải là csv hoặc json"}}));
    // No official schedule yet: the computed days, as a starting point to edit and import.
    cal::OfficialSchedule s;
    auto stored = s_.calendar.official(*year);
    if (stored) {
      s = std::move(stored).value();
    } else if (stored.error().code == ErrorCode::NotFound) {
      auto days = s_.calendar.holidays(*year);
      if (!days) return problem(days.error());
      s.year = *year;
      s.days = std::move(days).value();
      s.source = "Tính theo Bộ luật Lao động 2019 (chưa có lịch nghỉ chính thức năm " +
                 std::to_string(*year) + ")";
    } else {
      return problem(stored.error());
    }
    Response r;
    const std::string name = "lich-nghi-" + std::to_string(*year) + "." + fmt;
    if (fmt == "csv") {
      r.content_type = "text/csv; charset=utf-8";
      r.body = exchange::formatOfficialScheduleCsv(s);
    } else {
      r.body = cj::official(s).dump(-1, ' ', false, ojson::error_handler_t::replace);
    }
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    r.headers.emplace_back("X-Calendar-Source", stored ? "official" : "computed");
    return r;
  }));

  // ---- holiday rules ----
  router_.add("GET", "/api/v1/calendar/rules", authed([this](Request&, app::Actor&) {
    auto list = s_.calendar.rules();
    if (!list) return problem(list.error());
    ojson items = ojson::array(), statutory = ojson::array();
    for (const auto& r : *list) items.push_back(cj::rule(r.rule, r.id));
    for (const auto& r : cal::statutoryRules()) statutory.push_back(cj::rule(r, std::nullopt));
    return ok(ojson{{"items", items}, {"statutory", statutory}});
  }));
  router_.add("POST", "/api/v1/calendar/rules", authed([this](Request& req, app::Actor& a) {
    auto body = jsonBody(req);
    if (!body) return problem(body.error());
    auto rule = cj::parseRule(*body);
    if (!rule) return problem(rule.error());
    auto stored = s_.calendar.addRule(&a, std::move(rule).value());
    if (!stored) return problem(stored.error());
    return ok(cj::rule(stored->rule, stored->id), 201);
  }));
  router_.add("DELETE", "/api/v1/calendar/rules/{id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto st = s_.calendar.removeRule(&a, *id);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));

  // ---- weekly rest days ----
  router_.add("GET", "/api/v1/calendar/rest-days", authed([this](Request&, app::Actor&) {
    auto r = s_.calendar.restDays();
    if (!r) return problem(r.error());
    return ok(cj::restDays(*r));
  }));
  router_.add("PUT", "/api/v1/calendar/rest-days", authed([this](Request& req, app::Actor& a) {
    auto body = jsonBody(req);
    if (!body) return problem(body.error());
    auto rest = cj::parseRestDays(*body);
    if (!rest) return problem(rest.error());
    auto r = s_.calendar.setRestDays(&a, *rest);
    if (!r) return problem(r.error());
    return ok(cj::restDays(*r));
  }));
}

}  // namespace baocao::http
