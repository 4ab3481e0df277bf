#include "app/regime_json.h"

#include <functional>

#include "core/common/text.h"

namespace baocao::app::regime_json {

using core::ErrorCode;
using core::makeError;
using nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace fm = core::form;
namespace rg = core::regime;
namespace period = core::period;

namespace {

constexpr size_t kMaxText = 20000;

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string at(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

core::Error fieldError(const std::string& field, const std::string& what,
                       ErrorCode code = ErrorCode::InvalidField) {
  return makeError(code, "Trường '" + field + "': " + what, {{field, what}});
}

/// Reads one JSON object: checks the allowed keys, then typed getters with defaults.
class Obj {
 public:
  static core::Result<Obj> open(const json& j, const std::string& path,
                                std::initializer_list<const char*> allowed) {
    if (!j.is_object()) return fieldError(path.empty() ? "(gốc)" : path, "cần một đối tượng JSON");
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || it.key() == a;
      if (!ok) {
        std::string f = join(path, it.key());
        return makeError(ErrorCode::UnknownField, "Trường '" + f + "' không được hỗ trợ",
                         {{f, "không được hỗ trợ"}});
      }
    }
    return Obj(j, path);
  }
  bool present(const char* k) const { return j_.contains(k) && !j_[k].is_null(); }
  std::string field(const char* k) const { return join(path_, k); }
  const json& raw(const char* k) const { return j_[k]; }

  core::Result<std::string> str(const char* k, size_t max = kMaxText) const {
    if (!present(k)) return std::string();
    if (!j_[k].is_string()) return fieldError(field(k), "cần kiểu chuỗi");
    std::string s(core::text::trim(j_[k].get<std::string>()));
    if (s.size() > max) return fieldError(field(k), "dài quá " + std::to_string(max) + " byte");
    if (!core::text::isValidUtf8(s)) return fieldError(field(k), "không phải UTF-8 hợp lệ");
    return s;
  }
  core::Result<bool> boolean(const char* k, bool dflt) const {
    if (!present(k)) return dflt;
    if (!j_[k].is_boolean()) return fieldError(field(k), "cần kiểu true/false");
    return j_[k].get<bool>();
  }
  core::Result<std::optional<int64_t>> integer(const char* k, int64_t lo, int64_t hi) const {
    if (!present(k)) return std::optional<int64_t>();
    if (!j_[k].is_number_integer()) return fieldError(field(k), "cần kiểu số nguyên");
    int64_t v = j_[k].get<int64_t>();
    if (v < lo || v > hi)
      return fieldError(field(k), "phải từ " + std::to_string(lo) + " đến " + std::to_string(hi));
    return std::optional<int64_t>(v);
  }
  /// Each element of array `k` (absent = empty) through `f(element, path)`.
  template <typename T, typename F>
  core::Result<std::vector<T>> list(const char* k, F f) const {
    std::vector<T> out;
    if (!present(k)) return out;
    if (!j_[k].is_array()) return fieldError(field(k), "cần một mảng");
    if (j_[k].size() > 5000) return fieldError(field(k), "quá 5.000 phần tử");
    for (size_t i = 0; i < j_[k].size(); ++i) {
      BAOCAO_ASSIGN(T v, f(j_[k][i], at(field(k), i)));
      out.push_back(std::move(v));
    }
    return out;
  }
  template <typename E, typename P>
  core::Result<E> enumField(const char* k, E dflt, P parse) const {
    if (!present(k)) return dflt;
    BAOCAO_ASSIGN(std::string s, str(k, 64));
    auto e = parse(s);
    if (!e) return fieldError(field(k), e.error().message);
    return *e;
  }

 private:
  Obj(const json& j, std::string path) : j_(j), path_(std::move(path)) {}
  const json& j_;
  std::string path_;
};

core::Result<std::string> stringItem(const json& j, const std::string& path) {
  if (!j.is_string()) return fieldError(path, "cần kiểu chuỗi");
  return std::string(core::text::trim(j.get<std::string>()));
}

ojson optInt(const std::optional<int>& v) { return v ? ojson(*v) : ojson(nullptr); }

core::Result<fm::Section> parseSection(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"code", "title", "guidance", "required"}));
  fm::Section s;
  BAOCAO_ASSIGN(s.code, o.str("code", 64));
  BAOCAO_ASSIGN(s.title, o.str("title", 2000));
  BAOCAO_ASSIGN(s.guidance, o.str("guidance"));
  BAOCAO_ASSIGN(s.required, o.boolean("required", true));
  return s;
}

core::Result<fm::Column> parseColumn(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"code", "label", "group", "unit", "kind", "formula",
                                            "decimals"}));
  fm::Column c;
  BAOCAO_ASSIGN(c.code, o.str("code", 64));
  BAOCAO_ASSIGN(c.label, o.str("label", 500));
  BAOCAO_ASSIGN(c.group, o.str("group", 500));
  BAOCAO_ASSIGN(c.unit, o.str("unit", 100));
  BAOCAO_ASSIGN(c.kind, o.enumField("kind", fm::ColumnKind::Input, fm::parseColumnKind));
  BAOCAO_ASSIGN(c.formula, o.str("formula", 4000));
  BAOCAO_ASSIGN(auto d, o.integer("decimals", 0, 6));
  if (d) c.decimals = static_cast<int>(*d);
  return c;
}

core::Result<fm::Row> parseRow(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"code", "label", "unit", "parent", "kind", "formula",
                                            "decimals"}));
  fm::Row r;
  BAOCAO_ASSIGN(r.code, o.str("code", 64));
  BAOCAO_ASSIGN(r.label, o.str("label", 1000));
  BAOCAO_ASSIGN(r.unit, o.str("unit", 100));
  BAOCAO_ASSIGN(r.parent, o.str("parent", 64));
  BAOCAO_ASSIGN(r.kind, o.enumField("kind", fm::RowKind::Input, fm::parseRowKind));
  BAOCAO_ASSIGN(r.formula, o.str("formula", 4000));
  BAOCAO_ASSIGN(auto d, o.integer("decimals", 0, 6));
  r.decimals = d ? static_cast<int>(*d) : 0;
  return r;
}

core::Result<fm::CellOverride> parseCell(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"row", "column", "kind", "formula"}));
  fm::CellOverride c;
  BAOCAO_ASSIGN(c.row, o.str("row", 64));
  BAOCAO_ASSIGN(c.column, o.str("column", 64));
  BAOCAO_ASSIGN(c.kind, o.enumField("kind", fm::CellKind::Input, fm::parseCellKind));
  BAOCAO_ASSIGN(c.formula, o.str("formula", 4000));
  return c;
}

core::Result<fm::ValidationRule> parseRule(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"code", "scope", "formula", "severity", "message"}));
  fm::ValidationRule r;
  BAOCAO_ASSIGN(r.code, o.str("code", 64));
  BAOCAO_ASSIGN(r.scope, o.enumField("scope", fm::RuleScope::Form, fm::parseRuleScope));
  BAOCAO_ASSIGN(r.formula, o.str("formula", 4000));
  BAOCAO_ASSIGN(r.severity, o.enumField("severity", fm::Severity::Error, fm::parseSeverity));
  BAOCAO_ASSIGN(r.message, o.str("message", 2000));
  return r;
}

core::Result<rg::UnitRule> parseUnitRule(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"type", "under", "direct"}));
  rg::UnitRule r;
  if (o.present("type")) {
    BAOCAO_ASSIGN(std::string t, o.str("type", 64));
    auto ty = core::org::parseOrgType(t);
    if (!ty) return fieldError(o.field("type"), ty.error().message);
    r.type = *ty;
  }
  BAOCAO_ASSIGN(r.under, o.str("under", 64));
  BAOCAO_ASSIGN(r.direct, o.boolean("direct", false));
  return r;
}

core::Result<period::PeriodType> periodType(const std::string& s, const std::string& field) {
  auto t = period::parsePeriodType(s);
  if (!t)
    return fieldError(field, "kỳ '" + s +
                                 "' không hợp lệ (weekly, monthly, quarterly, six_monthly, "
                                 "nine_monthly, yearly, multi_year)");
  return *t;
}

std::string_view windowId(period::WindowRule::Kind k) {
  switch (k) {
    case period::WindowRule::Kind::Regulation: return "regulation";
    case period::WindowRule::Kind::Calendar: return "calendar";
    case period::WindowRule::Kind::DayOfMonth: return "day_of_month";
  }
  return "regulation";
}

core::Result<rg::Schedule> parseSchedule(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"frequency", "also", "window", "cut_off_day",
                                            "unit_working_days", "level_working_days", "levels",
                                            "weekly_due_thursday", "approval_day", "due_date"}));
  rg::Schedule s;
  if (o.present("frequency")) {
    BAOCAO_ASSIGN(std::string f, o.str("frequency", 64));
    BAOCAO_ASSIGN(s.frequency, periodType(f, o.field("frequency")));
  }
  BAOCAO_ASSIGN(s.also, o.list<period::PeriodType>(
                            "also", [](const json& e, const std::string& p)
                                        -> core::Result<period::PeriodType> {
                              BAOCAO_ASSIGN(std::string v, stringItem(e, p));
                              return periodType(v, p);
                            }));
  if (o.present("window")) {
    BAOCAO_ASSIGN(std::string w, o.str("window", 64));
    if (w == "regulation") s.window.kind = period::WindowRule::Kind::Regulation;
    else if (w == "calendar") s.window.kind = period::WindowRule::Kind::Calendar;
    else if (w == "day_of_month") s.window.kind = period::WindowRule::Kind::DayOfMonth;
    else return fieldError(o.field("window"), "phải là regulation, calendar hoặc day_of_month");
  }
  BAOCAO_ASSIGN(auto cod, o.integer("cut_off_day", 1, 31));
  if (cod) s.window.cut_off_day = static_cast<unsigned>(*cod);
  BAOCAO_ASSIGN(auto ud, o.integer("unit_working_days", 1, 60));
  if (ud) s.unit_working_days = static_cast<int>(*ud);
  BAOCAO_ASSIGN(auto ld, o.integer("level_working_days", 0, 60));
  if (ld) s.level_working_days = static_cast<int>(*ld);
  BAOCAO_ASSIGN(auto lv, o.integer("levels", 1, 10));
  if (lv) s.levels = static_cast<int>(*lv);
  BAOCAO_ASSIGN(s.weekly_due_thursday, o.boolean("weekly_due_thursday", true));
  BAOCAO_ASSIGN(auto ad, o.integer("approval_day", 1, 31));
  if (ad) s.approval_day = static_cast<unsigned>(*ad);
  if (o.present("due_date")) {
    BAOCAO_ASSIGN(std::string d, o.str("due_date", 10));
    auto date = core::Date::parseIso(d);
    if (!date) return fieldError(o.field("due_date"), "ngày phải có dạng YYYY-MM-DD");
    s.due_date = *date;
  }
  return s;
}

}  // namespace

ojson sections(const std::vector<fm::Section>& ss) {
  ojson out = ojson::array();
  for (const auto& s : ss)
    out.push_back(ojson{{"code", s.code},
                        {"title", s.title},
                        {"guidance", s.guidance},
                        {"required", s.required}});
  return out;
}

ojson form(const fm::Form& f) {
  ojson cols = ojson::array(), rows = ojson::array(), cells = ojson::array(),
        rules = ojson::array();
  for (const auto& c : f.columns)
    cols.push_back(ojson{{"code", c.code},
                         {"label", c.label},
                         {"group", c.group},
                         {"unit", c.unit},
                         {"kind", fm::columnKindId(c.kind)},
                         {"formula", c.formula},
                         {"decimals", optInt(c.decimals)}});
  for (const auto& r : f.rows)
    rows.push_back(ojson{{"code", r.code},
                         {"label", r.label},
                         {"unit", r.unit},
                         {"parent", r.parent},
                         {"kind", fm::rowKindId(r.kind)},
                         {"formula", r.formula},
                         {"decimals", r.decimals}});
  for (const auto& c : f.cells)
    cells.push_back(ojson{{"row", c.row},
                          {"column", c.column},
                          {"kind", fm::cellKindId(c.kind)},
                          {"formula", c.formula}});
  for (const auto& r : f.rules)
    rules.push_back(ojson{{"code", r.code},
                          {"scope", fm::ruleScopeId(r.scope)},
                          {"formula", r.formula},
                          {"severity", fm::severityId(r.severity)},
                          {"message", r.message}});
  return ojson{{"code", f.code},   {"title", f.title}, {"note", f.note},
               {"columns", cols},  {"rows", rows},     {"cells", cells},
               {"rules", rules},   {"sections", sections(f.sections)},
               {"instructions", f.instructions}};
}

ojson regime(const rg::Regime& r) {
  ojson codes = ojson::array(), rules = ojson::array(), exclude = ojson::array(),
        methods = ojson::array(), also = ojson::array(), forms = ojson::array();
  for (const auto& c : r.reporting.codes) codes.push_back(c);
  for (const auto& u : r.reporting.rules)
    rules.push_back(ojson{{"type", u.type ? ojson(core::org::orgTypeId(*u.type)) : ojson(nullptr)},
                          {"under", u.under},
                          {"direct", u.direct}});
  for (const auto& c : r.reporting.exclude) exclude.push_back(c);
  for (auto m : r.send_methods) methods.push_back(rg::sendMethodId(m));
  const auto& s = r.schedule;
  for (auto a : s.also) also.push_back(period::periodTypeName(a));
  for (const auto& f : r.forms) forms.push_back(form(f));
  ojson schedule{
      {"frequency", s.frequency ? ojson(period::periodTypeName(*s.frequency)) : ojson(nullptr)},
      {"also", also},
      {"window", windowId(s.window.kind)},
      {"cut_off_day", s.window.cut_off_day},
      {"unit_working_days", s.unit_working_days},
      {"level_working_days", s.level_working_days},
      {"levels", s.levels},
      {"weekly_due_thursday", s.weekly_due_thursday},
      {"approval_day", s.approval_day ? ojson(*s.approval_day) : ojson(nullptr)},
      {"due_date", s.due_date ? ojson(s.due_date->iso()) : ojson(nullptr)}};
  return ojson{{"code", r.code},
               {"family", r.family},
               {"name", r.name},
               {"kind", rg::kindId(r.kind)},
               {"content", r.content},
               {"reporting", ojson{{"codes", codes},
                                   {"rules", rules},
                                   {"exclude", exclude},
                                   {"description", r.reporting.description}}},
               {"receiving", r.receiving},
               {"send_methods", methods},
               {"schedule", schedule},
               {"outline", sections(r.outline)},
               {"forms", forms},
               {"instructions", r.instructions},
               {"legal_basis", r.legal_basis}};
}

core::Result<fm::Form> parseForm(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"code", "title", "note", "columns", "rows", "cells",
                                            "rules", "sections", "instructions"}));
  fm::Form f;
  BAOCAO_ASSIGN(f.code, o.str("code", 64));
  BAOCAO_ASSIGN(f.title, o.str("title", 1000));
  BAOCAO_ASSIGN(f.note, o.str("note", 2000));
  BAOCAO_ASSIGN(f.columns, o.list<fm::Column>("columns", parseColumn));
  BAOCAO_ASSIGN(f.rows, o.list<fm::Row>("rows", parseRow));
  BAOCAO_ASSIGN(f.cells, o.list<fm::CellOverride>("cells", parseCell));
  BAOCAO_ASSIGN(f.rules, o.list<fm::ValidationRule>("rules", parseRule));
  BAOCAO_ASSIGN(f.sections, o.list<fm::Section>("sections", parseSection));
  BAOCAO_ASSIGN(f.instructions, o.str("instructions"));
  return f;
}

core::Result<rg::Regime> parseRegime(const json& j, const std::string& path) {
  BAOCAO_ASSIGN(auto o, Obj::open(j, path, {"code", "family", "name", "kind", "content",
                                            "reporting", "receiving", "send_methods", "schedule",
                                            "outline", "forms", "instructions", "legal_basis"}));
  rg::Regime r;
  BAOCAO_ASSIGN(r.code, o.str("code", 64));
  BAOCAO_ASSIGN(r.family, o.str("family", 64));
  BAOCAO_ASSIGN(r.name, o.str("name", 500));
  BAOCAO_ASSIGN(r.kind, o.enumField("kind", rg::Kind::Periodic, rg::parseKind));
  BAOCAO_ASSIGN(r.content, o.str("content"));
  if (o.present("reporting")) {
    BAOCAO_ASSIGN(auto ro, Obj::open(o.raw("reporting"), o.field("reporting"),
                                     {"codes", "rules", "exclude", "description"}));
    BAOCAO_ASSIGN(r.reporting.codes, ro.list<std::string>("codes", stringItem));
    BAOCAO_ASSIGN(r.reporting.rules, ro.list<rg::UnitRule>("rules", parseUnitRule));
    BAOCAO_ASSIGN(r.reporting.exclude, ro.list<std::string>("exclude", stringItem));
    BAOCAO_ASSIGN(r.reporting.description, ro.str("description", 2000));
  }
  BAOCAO_ASSIGN(r.receiving, o.str("receiving", 64));
  BAOCAO_ASSIGN(r.send_methods,
                o.list<rg::SendMethod>("send_methods", [](const json& e, const std::string& p)
                                                           -> core::Result<rg::SendMethod> {
                  BAOCAO_ASSIGN(std::string v, stringItem(e, p));
                  auto m = rg::parseSendMethod(v);
                  if (!m) return fieldError(p, m.error().message);
                  return *m;
                }));
  if (o.present("schedule")) {
    BAOCAO_ASSIGN(r.schedule, parseSchedule(o.raw("schedule"), o.field("schedule")));
  }
  BAOCAO_ASSIGN(r.outline, o.list<fm::Section>("outline", parseSection));
  BAOCAO_ASSIGN(r.forms, o.list<fm::Form>("forms", [](const json& e, const std::string& p) {
                  return parseForm(e, p);
                }));
  BAOCAO_ASSIGN(r.instructions, o.str("instructions"));
  BAOCAO_ASSIGN(r.legal_basis, o.str("legal_basis", 2000));
  return r;
}

std::string body(const rg::Regime& r) {
  return regime(r).dump(-1, ' ', false, ojson::error_handler_t::replace);
}

core::Result<rg::Regime> parseBody(const std::string& b) {
  json j = json::parse(b, nullptr, false);
  if (j.is_discarded()) return makeError(ErrorCode::StorageError, "Nội dung chế độ báo cáo hỏng");
  return parseRegime(j);
}

}  // namespace baocao::app::regime_json
