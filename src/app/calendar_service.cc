#include "app/calendar_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/common/text.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::Date;
using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
using nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace cal = core::calendar;
namespace period = core::period;
namespace sec = core::security;

namespace {

constexpr size_t kMaxNameBytes = 200;
constexpr size_t kMaxSourceBytes = 2000;

core::Error fieldError(const std::string& field, const std::string& what,
                       ErrorCode code = ErrorCode::InvalidField) {
  return makeError(code, "Trường '" + field + "': " + what, {{field, what}});
}
core::Error typeError(const std::string& field, const char* expected) {
  return fieldError(field, std::string("cần kiểu ") + expected);
}
core::Error missing(const std::string& field) {
  return makeError(ErrorCode::MissingField, "Thiếu trường bắt buộc '" + field + "'",
                   {{field, "bắt buộc"}});
}
core::Status onlyKeys(const json& j, std::initializer_list<const char*> allowed,
                      const std::string& prefix) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* a : allowed) known = known || it.key() == a;
    if (!known) {
      std::string f = prefix + it.key();
      return makeError(ErrorCode::UnknownField, "Trường '" + f + "' không được hỗ trợ",
                       {{f, "không được hỗ trợ"}});
    }
  }
  return core::ok();
}
core::Result<std::string> textField(const json& j, const char* key, const std::string& field,
                                    size_t max_len, bool required) {
  if (!j.contains(key) || j[key].is_null()) {
    if (required) return missing(field);
    return std::string();
  }
  if (!j[key].is_string()) return typeError(field, "chuỗi");
  std::string s(core::text::trim(j[key].get<std::string>()));
  if (required && s.empty()) return fieldError(field, "không được để trống");
  if (s.size() > max_len) return fieldError(field, "dài quá " + std::to_string(max_len) + " byte");
  if (s.find('\0') != std::string::npos) return fieldError(field, "chứa ký tự NUL");
  return s;
}
core::Result<int64_t> intField(const json& j, const char* key, const std::string& field,
                               int64_t lo, int64_t hi) {
  if (!j.contains(key) || j[key].is_null()) return missing(field);
  const json& v = j[key];
  if (!v.is_number_integer()) return typeError(field, "số nguyên");
  int64_t n = v.get<int64_t>();
  if (n < lo || n > hi)
    return fieldError(field, "phải từ " + std::to_string(lo) + " đến " + std::to_string(hi));
  return n;
}

core::Status yearInRange(int year, const std::string& field) {
  if (year < period::kMinYear || year > period::kMaxYear)
    return fieldError(field, "năm phải từ " + std::to_string(period::kMinYear) + " đến " +
                                 std::to_string(period::kMaxYear));
  return core::ok();
}

OfficialSummary summarise(const cal::OfficialSchedule& s) {
  OfficialSummary out{s.year, s.source, 0, 0};
  for (const auto& d : s.days) (d.kind == cal::DayKind::Workday ? out.workdays : out.days_off)++;
  return out;
}

bool parseUnsigned(std::string_view s, long long& out) {
  if (s.empty() || s.size() > 9) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && out >= 0;
}

}  // namespace

// ------------------------------------------------------------------------------ calendar

core::Result<std::shared_ptr<const cal::HolidayCalendar>> CalendarService::calendar() {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(int64_t revision, tx->calendar().revision());
  {
    std::lock_guard<std::mutex> g(mutex_);
    if (cached_ && revision == cached_revision_) return cached_;
  }
  auto built = std::make_shared<cal::HolidayCalendar>();
  BAOCAO_ASSIGN(auto rest, tx->calendar().restDays());
  if (rest) built->setWeeklyRestDays(*rest);
  BAOCAO_ASSIGN(auto rules, tx->calendar().rules());
  for (auto& r : rules) BAOCAO_TRY(built->addRule(std::move(r.rule)));
  BAOCAO_ASSIGN(auto schedules, tx->calendar().allOfficial());
  for (auto& s : schedules) BAOCAO_TRY(built->setOfficialSchedule(std::move(s)));
  std::shared_ptr<const cal::HolidayCalendar> out = std::move(built);
  std::lock_guard<std::mutex> g(mutex_);
  // A newer revision may have been published meanwhile: keep the newest.
  if (!cached_ || revision >= cached_revision_) {
    cached_ = out;
    cached_revision_ = revision;
  }
  return out;
}

void CalendarService::invalidate() {
  std::lock_guard<std::mutex> g(mutex_);
  cached_.reset();
  cached_revision_ = -1;
}

core::Result<std::vector<cal::CalendarDay>> CalendarService::holidays(int year) {
  BAOCAO_TRY(yearInRange(year, "year"));
  BAOCAO_ASSIGN(auto c, calendar());
  return c->daysOf(year);
}

core::Result<period::PeriodSchedule> CalendarService::period(std::string_view id,
                                                             const period::DeadlineRule& rule) {
  BAOCAO_ASSIGN(auto p, period::Period::parse(id));
  BAOCAO_ASSIGN(auto c, calendar());
  return period::schedule(p, rule, *c);
}

core::Result<std::vector<period::PeriodSchedule>> CalendarService::periods(
    period::PeriodType type, std::string_view within, const period::DeadlineRule& rule) {
  BAOCAO_ASSIGN(auto w, period::Period::parse(within));
  BAOCAO_ASSIGN(auto c, calendar());
  std::vector<period::PeriodSchedule> out;
  for (const auto& p : w.periodsWithin(type)) out.push_back(period::schedule(p, rule, *c));
  return out;
}

core::Result<cal::LunarDate> CalendarService::toLunar(Date solar) {
  if (solar.year() < cal::kFirstSupportedYear || solar.year() > cal::kLastSupportedYear)
    return makeError(ErrorCode::InvalidDate,
                     "Ngày " + solar.iso() + " nằm ngoài khoảng hỗ trợ (năm 1900–2100)",
                     {{"date", "ngoài khoảng 1900–2100"}});
  return cal::toLunar(solar);
}

core::Result<Date> CalendarService::toSolar(const cal::LunarDate& lunar) {
  if (lunar.year < cal::kFirstSupportedYear || lunar.year > cal::kLastSupportedYear - 1)
    return makeError(ErrorCode::InvalidDate,
                     "Năm âm lịch " + std::to_string(lunar.year) +
                         " nằm ngoài khoảng hỗ trợ (1900–2099)",
                     {{"lunar", "ngoài khoảng 1900–2099"}});
  return cal::toSolar(lunar);
}

// ------------------------------------------------------------------------ operator's data

core::Status CalendarService::requireWrite(const Actor* actor) {
  if (!actor) return core::ok();  // the operator on the command line
  // The calendar is system-wide: a grant anywhere that permits CalendarWrite (only the system
  // administrator role does) is enough.
  if (sec::isSystemAdmin(actor->grants) ||
      sec::permitsAnywhere(actor->grants, sec::Action::CalendarWrite))
    return core::ok();
  return makeError(ErrorCode::Forbidden,
                   "Không có quyền sửa lịch nghỉ lễ, ngày làm việc (cần quyền quản trị hệ thống)");
}

core::Status CalendarService::validateOfficial(const cal::OfficialSchedule& s,
                                               const cal::WeeklyRestDays& rest) {
  BAOCAO_TRY(yearInRange(s.year, "year"));
  if (s.source.size() > kMaxSourceBytes)
    return fieldError("source", "dài quá " + std::to_string(kMaxSourceBytes) + " byte");
  const std::string y = std::to_string(s.year);
  // An empty schedule would leave the year with no holiday at all; deleting the official
  // schedule (back to the computed statutory days) is the way to undo one.
  if (s.days.empty())
    return fieldError("days", "lịch nghỉ chính thức năm " + y +
                                  " không có ngày nào; muốn dùng lại lịch tính theo Bộ luật Lao "
                                  "động thì xóa lịch chính thức");
  std::vector<core::ErrorDetail> problems;
  std::set<Date> seen;
  for (size_t i = 0; i < s.days.size(); ++i) {
    const auto& d = s.days[i];
    const std::string field = "days[" + std::to_string(i) + "]";
    const std::string at = "ngày " + d.date.iso() + " ";
    if (d.date.year() != s.year) {
      problems.push_back({field, at + "không thuộc năm " + y});
    } else if (!seen.insert(d.date).second) {
      problems.push_back({field, at + "bị lặp lại"});
    } else if (d.kind == cal::DayKind::Workday && !rest.contains(d.date.isoWeekday())) {
      problems.push_back({field, at + "được ghi là ngày làm bù nhưng vốn đã là ngày làm việc"});
    } else if (core::text::trim(d.name).empty()) {
      problems.push_back({field, at + "thiếu tên ngày"});
    } else if (d.name.size() > kMaxNameBytes) {
      problems.push_back({field, at + "có tên dài quá " + std::to_string(kMaxNameBytes) + " byte"});
    }
  }
  if (problems.empty()) return core::ok();
  std::string msg = "Lịch nghỉ chính thức năm " + y + ": ";
  if (problems.size() == 1) {
    msg += problems.front().message;
  } else {
    msg += std::to_string(problems.size()) + " lỗi, không có gì được lưu. Lỗi đầu tiên: " +
           problems.front().message;
  }
  return makeError(ErrorCode::InvalidDate, std::move(msg), std::move(problems));
}

core::Result<std::vector<OfficialSummary>> CalendarService::officialYears() {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto all, tx->calendar().allOfficial());
  std::vector<OfficialSummary> out;
  for (const auto& s : all) out.push_back(summarise(s));
  return out;
}

core::Result<cal::OfficialSchedule> CalendarService::official(int year) {
  BAOCAO_TRY(yearInRange(year, "year"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->calendar().getOfficial(year);
}

core::Result<cal::OfficialSchedule> CalendarService::putOfficial(const Actor* actor,
                                                                 cal::OfficialSchedule s) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_TRY(yearInRange(s.year, "year"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto rest, tx->calendar().restDays());
  // days[i] in the errors refers to the order the caller gave; stored in date order
  BAOCAO_TRY(validateOfficial(s, rest.value_or(cal::WeeklyRestDays{})));
  std::sort(s.days.begin(), s.days.end(),
            [](const cal::CalendarDay& a, const cal::CalendarDay& b) { return a.date < b.date; });
  std::string before;
  auto old = tx->calendar().getOfficial(s.year);
  if (old) before = calendar_json::official(*old).dump();
  else if (old.error().code != ErrorCode::NotFound) return old.error();
  BAOCAO_TRY(tx->calendar().putOfficial(s));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"calendar.official_put", "calendar_official", std::to_string(s.year),
                            std::nullopt, before, calendar_json::official(s).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  invalidate();
  return s;
}

core::Status CalendarService::deleteOfficial(const Actor* actor, int year) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_TRY(yearInRange(year, "year"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto old, tx->calendar().getOfficial(year));
  BAOCAO_TRY(tx->calendar().deleteOfficial(year));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"calendar.official_delete", "calendar_official", std::to_string(year),
                            std::nullopt, calendar_json::official(old).dump(), ""},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  invalidate();
  return core::ok();
}

core::Result<std::vector<OfficialSummary>> CalendarService::importOfficial(
    const Actor* actor, std::vector<cal::OfficialSchedule> schedules) {
  BAOCAO_TRY(requireWrite(actor));
  if (schedules.empty())
    return makeError(ErrorCode::InvalidFile, "Tệp không có ngày nào", {{"file", "trống"}});
  std::sort(schedules.begin(), schedules.end(),
            [](const auto& a, const auto& b) { return a.year < b.year; });
  for (size_t i = 1; i < schedules.size(); ++i)
    if (schedules[i].year == schedules[i - 1].year)
      return makeError(ErrorCode::InvalidFile,
                       "Năm " + std::to_string(schedules[i].year) + " xuất hiện hai lần",
                       {{"year", "bị lặp lại"}});
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto rest, tx->calendar().restDays());
  // Validate everything first: all-or-nothing, every problem of every year reported.
  std::vector<core::ErrorDetail> problems;
  std::string first;
  for (auto& s : schedules) {
    auto st = validateOfficial(s, rest.value_or(cal::WeeklyRestDays{}));
    std::sort(s.days.begin(), s.days.end(),
              [](const cal::CalendarDay& a, const cal::CalendarDay& b) { return a.date < b.date; });
    if (st) continue;
    if (first.empty()) first = st.error().message;
    if (st.error().details.empty())
      problems.push_back({"year", st.error().message});
    for (const auto& d : st.error().details)
      problems.push_back({std::to_string(s.year) + "." + d.field, d.message});
  }
  if (!problems.empty()) {
    std::string msg = problems.size() == 1
                          ? first
                          : "Tệp có " + std::to_string(problems.size()) +
                                " lỗi, không có dữ liệu nào được nhập. Lỗi đầu tiên: " + first;
    return makeError(ErrorCode::InvalidFile, std::move(msg), std::move(problems));
  }
  std::vector<OfficialSummary> out;
  for (const auto& s : schedules) {
    std::string before;
    auto old = tx->calendar().getOfficial(s.year);
    if (old) before = calendar_json::official(*old).dump();
    else if (old.error().code != ErrorCode::NotFound) return old.error();
    BAOCAO_TRY(tx->calendar().putOfficial(s));
    BAOCAO_TRY(audit_.append(*tx, actor,
                             {"calendar.official_import", "calendar_official",
                              std::to_string(s.year), std::nullopt, before,
                              calendar_json::official(s).dump()},
                             actor ? "" : "cli"));
    out.push_back(summarise(s));
  }
  BAOCAO_TRY(tx->commit());
  invalidate();
  return out;
}

core::Result<std::vector<core::ports::StoredHolidayRule>> CalendarService::rules() {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->calendar().rules();
}

core::Result<core::ports::StoredHolidayRule> CalendarService::addRule(const Actor* actor,
                                                                      cal::HolidayRule rule) {
  BAOCAO_TRY(requireWrite(actor));
  rule.name = std::string(core::text::trim(rule.name));
  if (rule.name.size() > kMaxNameBytes)
    return fieldError("name", "dài quá " + std::to_string(kMaxNameBytes) + " byte");
  if (rule.valid_from < period::kMinYear || rule.valid_from > period::kMaxYear)
    return fieldError("valid_from", "năm phải từ 1900 đến 2100");
  if (rule.valid_to < rule.valid_from || rule.valid_to > 9999)
    return fieldError("valid_to", "phải từ năm bắt đầu (valid_from) đến 9999");
  {
    cal::HolidayCalendar check;  // the core's own checks (month, day, name)
    BAOCAO_TRY(check.addRule(rule));
  }
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto stored, tx->calendar().addRule(rule));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"calendar.rule_add", "calendar_rule", std::to_string(stored.id),
                            std::nullopt, "", calendar_json::rule(stored.rule, stored.id).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  invalidate();
  return stored;
}

core::Status CalendarService::removeRule(const Actor* actor, int64_t id) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto all, tx->calendar().rules());
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& r) { return r.id == id; });
  if (it == all.end())
    return makeError(ErrorCode::NotFound, "Không tìm thấy quy tắc ngày lễ (id " +
                                              std::to_string(id) + ")");
  BAOCAO_TRY(tx->calendar().removeRule(id));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"calendar.rule_remove", "calendar_rule", std::to_string(id),
                            std::nullopt, calendar_json::rule(it->rule, it->id).dump(), ""},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  invalidate();
  return core::ok();
}

core::Result<cal::WeeklyRestDays> CalendarService::restDays() {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto r, tx->calendar().restDays());
  return r.value_or(cal::WeeklyRestDays{});
}

core::Result<cal::WeeklyRestDays> CalendarService::setRestDays(const Actor* actor,
                                                               cal::WeeklyRestDays rest) {
  BAOCAO_TRY(requireWrite(actor));
  if (rest.mask & ~0xFEu) return fieldError("days", "ngày trong tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật)");
  if (rest.mask == 0xFE)
    return fieldError("days", "phải còn ít nhất một ngày làm việc trong tuần");
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto old, tx->calendar().restDays());
  BAOCAO_ASSIGN(auto schedules, tx->calendar().allOfficial());
  for (const auto& s : schedules) {
    for (const auto& d : s.days) {
      if (d.kind == cal::DayKind::Workday && !rest.contains(d.date.isoWeekday()))
        return fieldError("days", "lịch nghỉ chính thức năm " + std::to_string(s.year) +
                                      " có ngày làm bù " + d.date.iso() +
                                      " sẽ không còn là ngày nghỉ hằng tuần; hãy sửa lịch đó trước");
    }
  }
  BAOCAO_TRY(tx->calendar().setRestDays(rest));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"calendar.rest_days_set", "calendar_setting", "rest_days",
                            std::nullopt,
                            calendar_json::restDays(old.value_or(cal::WeeklyRestDays{})).dump(),
                            calendar_json::restDays(rest).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  invalidate();
  return rest;
}

// ------------------------------------------------------------------------------------ JSON

namespace calendar_json {

ojson lunar(const cal::LunarDate& l) {
  return ojson{{"year", l.year}, {"month", l.month}, {"day", l.day}, {"leap", l.leap}};
}

ojson conversion(Date solar, const cal::LunarDate& l) {
  return ojson{{"date", solar.iso()}, {"lunar", lunar(l)}};
}

ojson day(const cal::CalendarDay& d) {
  return ojson{{"date", d.date.iso()}, {"name", d.name}, {"kind", cal::dayKindName(d.kind)}};
}

ojson days(const std::vector<cal::CalendarDay>& ds) {
  ojson arr = ojson::array();
  for (const auto& d : ds) arr.push_back(day(d));
  return arr;
}

ojson periodSchedule(const period::PeriodSchedule& s) {
  ojson deadlines = ojson::array();
  for (const auto& d : s.deadlines) deadlines.push_back(d.iso());
  ojson j{{"id", s.period.id()},
         {"type", period::periodTypeName(s.period.type())},
         {"start", s.window.start.iso()},
         {"end", s.window.end.iso()},
         {"deadlines", deadlines}};
  if (s.approval_deadline) j["approval_deadline"] = s.approval_deadline->iso();
  if (s.replaced_by) j["replaced_by"] = s.replaced_by->id();
  return j;
}

ojson official(const cal::OfficialSchedule& s) {
  return ojson{{"year", s.year}, {"source", s.source}, {"days", days(s.days)}};
}

ojson summary(const OfficialSummary& s) {
  return ojson{{"year", s.year},
              {"source", s.source},
              {"days_off", s.days_off},
              {"workdays", s.workdays}};
}

ojson rule(const cal::HolidayRule& r, std::optional<int64_t> id) {
  ojson j = ojson::object();
  if (id) j["id"] = *id;
  j["basis"] = core::ports::ruleBasisId(r.basis);
  j["month"] = r.month;
  j["day"] = r.day;
  j["name"] = r.name;
  j["valid_from"] = r.valid_from;
  j["valid_to"] = r.valid_to >= 9999 ? ojson(nullptr) : ojson(r.valid_to);
  return j;
}

ojson restDays(const cal::WeeklyRestDays& r) {
  ojson arr = ojson::array();
  for (unsigned d = 1; d <= 7; ++d)
    if (r.contains(d)) arr.push_back(d);
  return ojson{{"days", arr}};
}

core::Result<cal::OfficialSchedule> parseOfficial(const json& j, std::optional<int> year) {
  if (!j.is_object())
    return makeError(ErrorCode::InvalidJson, "Nội dung phải là một đối tượng JSON ({...})");
  BAOCAO_TRY(onlyKeys(j, {"year", "source", "days"}, ""));
  cal::OfficialSchedule s;
  if (j.contains("year") && !j["year"].is_null()) {
    BAOCAO_ASSIGN(int64_t y, intField(j, "year", "year", period::kMinYear, period::kMaxYear));
    if (year && y != *year)
      return fieldError("year", "năm " + std::to_string(y) + " khác năm trong đường dẫn (" +
                                    std::to_string(*year) + ")");
    s.year = static_cast<int>(y);
  } else if (year) {
    s.year = *year;
  } else {
    return missing("year");
  }
  BAOCAO_ASSIGN(s.source, textField(j, "source", "source", kMaxSourceBytes, false));
  if (!j.contains("days") || j["days"].is_null()) return missing("days");
  if (!j["days"].is_array()) return typeError("days", "mảng");
  const json& arr = j["days"];
  for (size_t i = 0; i < arr.size(); ++i) {
    const std::string p = "days[" + std::to_string(i) + "]";
    const json& d = arr[i];
    if (!d.is_object()) return typeError(p, "đối tượng {date, kind, name}");
    BAOCAO_TRY(onlyKeys(d, {"date", "kind", "name"}, p + "."));
    BAOCAO_ASSIGN(auto date_text, textField(d, "date", p + ".date", 10, true));
    auto date = Date::parseIso(date_text);
    if (!date) return fieldError(p + ".date", date.error().message);
    BAOCAO_ASSIGN(auto kind_text, textField(d, "kind", p + ".kind", 20, true));
    auto kind = cal::parseDayKind(kind_text);
    if (!kind)
      return fieldError(p + ".kind", "loại ngày '" + kind_text +
                                         "' không hợp lệ (official, statutory, compensatory "
                                         "hoặc workday)");
    BAOCAO_ASSIGN(auto name, textField(d, "name", p + ".name", kMaxNameBytes, true));
    s.days.push_back(cal::CalendarDay{*date, std::move(name), *kind});
  }
  return s;
}

core::Result<cal::HolidayRule> parseRule(const json& j) {
  if (!j.is_object())
    return makeError(ErrorCode::InvalidJson, "Nội dung phải là một đối tượng JSON ({...})");
  BAOCAO_TRY(onlyKeys(j, {"basis", "month", "day", "name", "valid_from", "valid_to"}, ""));
  cal::HolidayRule r;
  BAOCAO_ASSIGN(auto basis, textField(j, "basis", "basis", 30, true));
  auto b = core::ports::parseRuleBasis(basis);
  if (!b)
    return fieldError("basis", "cách tính '" + basis +
                                   "' không hợp lệ (solar_date, lunar_date, lunar_year_end hoặc "
                                   "adjacent_solar)");
  r.basis = *b;
  if (r.basis == cal::HolidayRule::Basis::LunarYearEnd && !j.contains("month")) {
    r.month = 12;  // not used by the basis; any valid value
  } else {
    BAOCAO_ASSIGN(int64_t m, intField(j, "month", "month", 1, 12));
    r.month = static_cast<unsigned>(m);
  }
  if (r.basis == cal::HolidayRule::Basis::LunarYearEnd && !j.contains("day")) {
    r.day = 1;
  } else {
    BAOCAO_ASSIGN(int64_t d, intField(j, "day", "day", 1, 31));
    r.day = static_cast<unsigned>(d);
  }
  BAOCAO_ASSIGN(r.name, textField(j, "name", "name", kMaxNameBytes, true));
  if (j.contains("valid_from") && !j["valid_from"].is_null()) {
    BAOCAO_ASSIGN(int64_t f, intField(j, "valid_from", "valid_from", period::kMinYear, period::kMaxYear));
    r.valid_from = static_cast<int>(f);
  }
  if (j.contains("valid_to") && !j["valid_to"].is_null()) {
    BAOCAO_ASSIGN(int64_t t, intField(j, "valid_to", "valid_to", period::kMinYear, 9999));
    r.valid_to = static_cast<int>(t);
  }
  return r;
}

core::Result<cal::WeeklyRestDays> parseRestDays(const json& j) {
  if (!j.is_object())
    return makeError(ErrorCode::InvalidJson, "Nội dung phải là một đối tượng JSON ({...})");
  BAOCAO_TRY(onlyKeys(j, {"days"}, ""));
  if (!j.contains("days") || j["days"].is_null()) return missing("days");
  if (!j["days"].is_array()) return typeError("days", "mảng các số 1–7");
  cal::WeeklyRestDays r;
  r.mask = 0;
  for (size_t i = 0; i < j["days"].size(); ++i) {
    const json& v = j["days"][i];
    const std::string f = "days[" + std::to_string(i) + "]";
    if (!v.is_number_integer()) return typeError(f, "số nguyên");
    int64_t d = v.get<int64_t>();
    if (d < 1 || d > 7) return fieldError(f, "ngày trong tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật)");
    r.mask = static_cast<unsigned char>(r.mask | (1u << d));
  }
  return r;
}

}  // namespace calendar_json

// ------------------------------------------------------------------------- text parameters

core::Result<cal::LunarDate> parseLunarDate(std::string_view text, bool leap,
                                            std::string_view param) {
  const std::string p(param);
  auto bad = [&](size_t pos, const std::string& why) {
    return makeError(ErrorCode::InvalidDate,
                     "Tham số '" + p + "': ngày âm lịch '" + std::string(text.substr(0, 40)) +
                         "' không hợp lệ: ký tự " + std::to_string(pos) + ": " + why +
                         " (dạng NĂM-THÁNG-NGÀY, ví dụ 2025-6-1)",
                     {{p, "không hợp lệ"}});
  };
  long long parts[3] = {0, 0, 0};
  size_t pos = 0;
  for (int k = 0; k < 3; ++k) {
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return bad(pos + 1, "cần chữ số");
    if (!parseUnsigned(text.substr(start, pos - start), parts[k])) return bad(start + 1, "số quá dài");
    if (k < 2) {
      if (pos >= text.size() || text[pos] != '-') return bad(pos + 1, "cần dấu '-'");
      ++pos;
    }
  }
  if (pos != text.size()) return bad(pos + 1, "thừa ký tự");
  if (parts[1] < 1 || parts[1] > 12) return bad(text.find('-') + 2, "tháng phải từ 1 đến 12");
  if (parts[2] < 1 || parts[2] > 30) return bad(text.rfind('-') + 2, "ngày phải từ 1 đến 30");
  return cal::LunarDate{static_cast<int>(parts[0]), static_cast<int>(parts[1]),
                        static_cast<int>(parts[2]), leap};
}

core::Result<period::DeadlineRule> parseDeadlineRule(
    const std::map<std::string, std::string>& options) {
  period::DeadlineRule rule;
  auto get = [&](const char* name) -> std::optional<std::string> {
    auto it = options.find(name);
    if (it == options.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  auto param = [](const char* name, const std::string& what) {
    return makeError(ErrorCode::InvalidField, std::string("Tham số '") + name + "': " + what,
                     {{name, what}});
  };
  auto number = [&](const char* name, long long lo, long long hi) -> core::Result<std::optional<int>> {
    auto v = get(name);
    if (!v) return std::optional<int>();
    long long n = 0;
    if (!parseUnsigned(*v, n) || n < lo || n > hi)
      return param(name, "cần số nguyên từ " + std::to_string(lo) + " đến " + std::to_string(hi) +
                             ", nhận '" + v->substr(0, 40) + "'");
    return std::optional<int>(static_cast<int>(n));
  };
  BAOCAO_ASSIGN(auto levels, number("levels", 1, 10));
  if (levels) rule.levels = *levels;
  BAOCAO_ASSIGN(auto unit_days, number("unit_days", 0, 60));
  if (unit_days) rule.unit_working_days = *unit_days;
  BAOCAO_ASSIGN(auto level_days, number("level_days", 0, 60));
  if (level_days) rule.level_working_days = *level_days;
  BAOCAO_ASSIGN(auto approval, number("approval_day", 1, 31));
  if (approval) rule.approval_day = static_cast<unsigned>(*approval);
  BAOCAO_ASSIGN(auto cut_off, number("cut_off_day", 1, 31));
  if (auto w = get("window")) {
    if (*w == "regulation") {
      rule.window.kind = period::WindowRule::Kind::Regulation;
    } else if (*w == "calendar") {
      rule.window.kind = period::WindowRule::Kind::Calendar;
    } else if (*w == "day_of_month") {
      rule.window.kind = period::WindowRule::Kind::DayOfMonth;
      if (!cut_off) return param("cut_off_day", "bắt buộc khi window=day_of_month");
    } else {
      return param("window", "phải là regulation, calendar hoặc day_of_month, nhận '" +
                                 w->substr(0, 40) + "'");
    }
  }
  if (cut_off) {
    if (get("window") && rule.window.kind != period::WindowRule::Kind::DayOfMonth)
      return param("cut_off_day", "chỉ dùng với window=day_of_month");
    rule.window.kind = period::WindowRule::Kind::DayOfMonth;
    rule.window.cut_off_day = static_cast<unsigned>(*cut_off);
  }
  if (auto w = get("weekly_due_thursday")) {
    if (*w == "1" || *w == "true") rule.weekly_due_thursday = true;
    else if (*w == "0" || *w == "false") rule.weekly_due_thursday = false;
    else return param("weekly_due_thursday", "phải là 1 hoặc 0");
  }
  if (auto also = get("also")) {
    size_t i = 0;
    while (i <= also->size()) {
      size_t j = also->find(',', i);
      if (j == std::string::npos) j = also->size();
      std::string name(core::text::trim(std::string_view(*also).substr(i, j - i)));
      if (!name.empty()) {
        auto t = period::parsePeriodType(name);
        if (!t)
          return param("also", "loại kỳ '" + name.substr(0, 40) +
                                   "' không hợp lệ (weekly, monthly, quarterly, six_monthly, "
                                   "nine_monthly, yearly, multi_year)");
        rule.also_reported.push_back(*t);
      }
      i = j + 1;
    }
  }
  return rule;
}

}  // namespace baocao::app
