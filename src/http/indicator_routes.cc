// The indicator API (docs/api.md "Indicators and targets"; issue 4 points 1 and 3):
// /api/v1/indicators (catalog: search with optional accents, get, create, update with
// version, CSV/XLSX import and export), /api/v1/indicator-sets (sets per plan period and
// level, versions with their members, publishing a new version) and /api/v1/targets
// (register, assign, history, results and achievement). Handlers only adapt: reading needs an
// authenticated user; every write is checked by app::IndicatorService / app::TargetService.
// Thread-safety: as Api.
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "app/indicator_views.h"
#include "core/common/text.h"
#include "exchange/indicator_io.h"
#include "http/api.h"
#include "http/file_transfer.h"
#include "http/json_body.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using nlohmann::json;
namespace ind = core::indicator;
namespace tgt = core::target;

namespace {

core::Result<std::optional<double>> optNumberParam(const Request& req, const char* name) {
  if (!req.has(name) || req.q(name).empty()) return std::optional<double>();
  const std::string& s = req.q(name);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v))
    return makeError(ErrorCode::InvalidField,
                     std::string("Tham số '") + name + "': cần một số (dấu chấm thập phân), nhận '" +
                         s.substr(0, 40) + "'",
                     {{name, "cần một số"}});
  return std::optional<double>(v);
}

/// The fields of an indicator in a request body; `partial` keeps absent fields as they are.
core::Status readIndicator(const JsonBody& b, ind::Indicator& i, bool partial) {
  auto want = [&](const char* f) { return !partial || b.has(f); };
  auto optText = [&](const char* f, size_t max, std::string& dst) -> core::Status {
    if (b.has(f) || b.isNull(f)) {
      BAOCAO_ASSIGN(auto v, b.optStr(f, max));
      dst = v.value_or("");
    }
    return core::ok();
  };
  if (want("code")) {
    BAOCAO_ASSIGN(i.code, b.str("code", 40));
  }
  if (want("name")) {
    BAOCAO_ASSIGN(i.name, b.str("name", 500));
  }
  BAOCAO_TRY(optText("unit_of_measure", 100, i.unit_of_measure));
  BAOCAO_TRY(optText("sector", 200, i.sector));
  BAOCAO_TRY(optText("legal_basis", 1000, i.legal_basis));
  BAOCAO_TRY(optText("periodicity", 200, i.periodicity));
  BAOCAO_TRY(optText("weight_code", 40, i.weight_code));
  BAOCAO_TRY(optText("formula", 2000, i.formula));
  BAOCAO_TRY(optText("note", 2000, i.note));
  if (b.has("value_type")) {
    BAOCAO_ASSIGN(auto v, b.str("value_type", 20));
    BAOCAO_ASSIGN(i.value_type, ind::parseValueType(v));
  }
  if (b.has("direction")) {
    BAOCAO_ASSIGN(auto v, b.str("direction", 20));
    BAOCAO_ASSIGN(i.direction, ind::parseDirection(v));
  }
  if (b.has("unit_aggregation")) {
    BAOCAO_ASSIGN(auto v, b.str("unit_aggregation", 30));
    BAOCAO_ASSIGN(i.unit_aggregation, ind::parseUnitAggregation(v));
  }
  if (b.has("time_aggregation")) {
    BAOCAO_ASSIGN(auto v, b.str("time_aggregation", 30));
    BAOCAO_ASSIGN(i.time_aggregation, ind::parseTimeAggregation(v));
  }
  if (b.has("decimals")) {
    BAOCAO_ASSIGN(auto d, b.integer("decimals"));
    if (d < 0 || d > 6)
      return makeError(ErrorCode::InvalidField, "Trường 'decimals': phải từ 0 đến 6", {{"decimals", "phải từ 0 đến 6"}});
    i.decimals = static_cast<int>(d);
  }
  if (b.has("agency_id") || b.isNull("agency_id")) {
    BAOCAO_ASSIGN(i.agency_id, b.optInteger("agency_id"));
  }
  return core::ok();
}

/// "breakdowns": [{"code","name","parts":[{"code","name"}]}] (nlohmann value from the body).
core::Result<std::vector<ind::Breakdown>> readBreakdowns(const json& arr) {
  auto bad = [](const std::string& field, const std::string& msg) {
    return makeError(ErrorCode::InvalidField, "Trường '" + field + "': " + msg, {{field, msg}});
  };
  if (!arr.is_array()) return bad("breakdowns", "cần một mảng");
  std::vector<ind::Breakdown> out;
  for (size_t k = 0; k < arr.size(); ++k) {
    std::string f = "breakdowns[" + std::to_string(k) + "]";
    const json& d = arr[k];
    if (!d.is_object() || !d.contains("code") || !d["code"].is_string() || !d.contains("name") ||
        !d["name"].is_string() || !d.contains("parts") || !d["parts"].is_array())
      return bad(f, "cần {\"code\", \"name\", \"parts\": [{\"code\", \"name\"}]}");
    ind::Breakdown b{d["code"].get<std::string>(), d["name"].get<std::string>(), {}};
    for (size_t p = 0; p < d["parts"].size(); ++p) {
      const json& x = d["parts"][p];
      if (!x.is_object() || !x.contains("code") || !x["code"].is_string() || !x.contains("name") ||
          !x["name"].is_string())
        return bad(f + ".parts[" + std::to_string(p) + "]", "cần {\"code\", \"name\"}");
      b.parts.push_back({x["code"].get<std::string>(), x["name"].get<std::string>()});
    }
    out.push_back(std::move(b));
  }
  return out;
}

/// The raw "breakdowns" value of the request body when present.
std::optional<json> rawField(const Request& req, const char* name) {
  auto j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains(name)) return std::nullopt;
  return j[name];
}

constexpr std::initializer_list<const char*> kIndicatorFields = {
    "code", "name", "unit_of_measure", "value_type", "decimals", "sector", "agency_id",
    "legal_basis", "periodicity", "direction", "unit_aggregation", "weight_code",
    "time_aggregation", "breakdowns", "formula", "note"};

}  // namespace

void Api::registerIndicatorRoutes() {
  // Unit code and name next to unit ids, for display.
  auto unitLabels = [this](const std::vector<int64_t>& ids) {
    std::unordered_map<int64_t, std::pair<std::string, std::string>> out;
    if (auto units = s_.orgs.unitsByIds(ids))
      for (const auto& u : *units) out[u.id] = {u.code, u.name};
    return out;
  };
  auto indicatorJson = [unitLabels](const std::vector<ind::Indicator>& items) {
    std::vector<int64_t> ids;
    for (const auto& i : items)
      if (i.agency_id) ids.push_back(*i.agency_id);
    auto labels = unitLabels(ids);
    json arr = json::array();
    for (const auto& i : items) {
      json j = app::views::indicator(i);
      j["value_type_label"] = ind::valueTypeLabel(i.value_type);
      j["direction_label"] = ind::directionLabel(i.direction);
      j["agency_code"] = i.agency_id ? json(labels[*i.agency_id].first) : json(nullptr);
      j["agency_name"] = i.agency_id ? json(labels[*i.agency_id].second) : json(nullptr);
      arr.push_back(j);
    }
    return arr;
  };

  // ---- catalog ----
  router_.add("GET", "/api/v1/indicators", authed([this, indicatorJson](Request& req, app::Actor& a) {
    core::ports::IndicatorQuery q;
    auto text = queryText(req, "q", 200);
    if (!text) return problem(text.error());
    q.text = *text;
    auto sector = queryText(req, "sector", 200);
    if (!sector) return problem(sector.error());
    q.sector = *sector;
    auto agency = queryId(req, "agency_id");
    if (!agency) return problem(agency.error());
    q.agency_id = *agency;
    auto limit = queryInt(req, "limit", 50, 1, 500);
    if (!limit) return problem(limit.error());
    auto offset = queryInt(req, "offset", 0, 0, 10000000);
    if (!offset) return problem(offset.error());
    q.limit = *limit;
    q.offset = *offset;
    app::IndicatorService::Membership m;
    auto set_id = queryId(req, "set_id");
    if (!set_id) return problem(set_id.error());
    m.set_id = *set_id;
    if (!req.q("level").empty()) {
      auto l = ind::parseSetLevel(req.q("level"));
      if (!l) return problem(l.error());
      m.level = *l;
    }
    auto page = s_.indicators.list(a, q, m);
    if (!page) return problem(page.error());
    return ok(json{{"items", indicatorJson(page->items)}, {"total", page->total}});
  }));
  router_.add("GET", "/api/v1/indicators/sectors", authed([this](Request&, app::Actor& a) {
    auto sectors = s_.indicators.sectors(a);
    if (!sectors) return problem(sectors.error());
    json items = json::array();
    for (const auto& [name, n] : *sectors) items.push_back({{"sector", name}, {"count", n}});
    return ok(json{{"items", items}});
  }));
  router_.add("GET", "/api/v1/indicators/export", authed([this](Request& req, app::Actor& a) {
    auto fmt = exchange::indicatorFormatFromName(req.q("format").empty() ? "xlsx" : req.q("format"));
    if (!fmt) return problem(fmt.error());
    core::ports::IndicatorQuery q;
    auto text = queryText(req, "q", 200);
    if (!text) return problem(text.error());
    q.text = *text;
    auto sector = queryText(req, "sector", 200);
    if (!sector) return problem(sector.error());
    q.sector = *sector;
    auto rows = s_.indicators.exportCatalog(&a, q);
    if (!rows) return problem(rows.error());
    std::vector<exchange::IndicatorRow> file;
    for (auto& r : *rows) file.push_back({std::move(r.indicator), std::move(r.agency_code)});
    auto bytes = exchange::writeIndicatorFile(*fmt, file);
    if (!bytes) return problem(bytes.error());
    return fileDownload(std::move(bytes).value(), exchange::indicatorFormatMimeType(*fmt),
                        "danh-muc-chi-tieu." + std::string(exchange::indicatorFormatExtension(*fmt)));
  }));
  router_.add("POST", "/api/v1/indicators/import", authed([this](Request& req, app::Actor& a) {
    auto name = uploadFormatName(req);
    if (!name) return problem(name.error());
    auto fmt = exchange::indicatorFormatFromName(*name);
    if (!fmt) return problem(fmt.error());
    auto file = exchange::readIndicatorFile(*fmt, req.body);
    if (!file) return problem(file.error());
    std::vector<app::IndicatorImportRow> rows;
    for (auto& r : *file) rows.push_back({std::move(r.indicator), std::move(r.agency_code), r.line});
    auto rep = s_.indicators.importCatalog(&a, rows);
    if (!rep) return problem(rep.error());
    return ok(json{{"created", rep->created}, {"updated", rep->updated}, {"unchanged", rep->unchanged}});
  }));
  router_.add("GET", "/api/v1/indicators/{id}", authed([this, indicatorJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto i = s_.indicators.get(a, *id);
    if (!i) return problem(i.error());
    return ok(indicatorJson({*i})[0]);
  }));
  router_.add("POST", "/api/v1/indicators", authed([this, indicatorJson](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, kIndicatorFields);
    if (!body) return problem(body.error());
    ind::Indicator i;
    i.value_type = ind::ValueType::Number;
    if (auto st = readIndicator(*body, i, false); !st) return problem(st.error());
    if (auto raw = rawField(req, "breakdowns"); raw && !raw->is_null()) {
      auto b = readBreakdowns(*raw);
      if (!b) return problem(b.error());
      i.breakdowns = std::move(b).value();
    }
    auto r = s_.indicators.create(&a, i);
    if (!r) return problem(r.error());
    return ok(indicatorJson({*r})[0], 201);
  }));
  router_.add("PATCH", "/api/v1/indicators/{id}", authed([this, indicatorJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"version", "code", "name", "unit_of_measure", "value_type", "decimals",
                                      "sector", "agency_id", "legal_basis", "periodicity", "direction",
                                      "unit_aggregation", "weight_code", "time_aggregation", "breakdowns",
                                      "formula", "note"});
    if (!body) return problem(body.error());
    auto version = body->integer("version");
    if (!version) return problem(version.error());
    auto cur = s_.indicators.get(a, *id);
    if (!cur) return problem(cur.error());
    ind::Indicator i = *cur;
    if (auto st = readIndicator(*body, i, true); !st) return problem(st.error());
    if (auto raw = rawField(req, "breakdowns")) {
      if (raw->is_null()) {
        i.breakdowns.clear();
      } else {
        auto b = readBreakdowns(*raw);
        if (!b) return problem(b.error());
        i.breakdowns = std::move(b).value();
      }
    }
    i.version = *version;
    auto r = s_.indicators.update(&a, i);
    if (!r) {
      if (r.error().code == ErrorCode::Conflict) {
        auto fresh = s_.indicators.get(a, *id);
        if (fresh) return problem(r.error(), json{{"current", indicatorJson({*fresh})[0]}});
      }
      return problem(r.error());
    }
    return ok(indicatorJson({*r})[0]);
  }));

  // ---- sets ----
  auto setJson = [unitLabels](const ind::IndicatorSet& s) {
    json j = app::views::indicatorSet(s);
    if (s.owner_unit_id) {
      auto labels = unitLabels({*s.owner_unit_id});
      j["owner_unit_code"] = labels[*s.owner_unit_id].first;
      j["owner_unit_name"] = labels[*s.owner_unit_id].second;
    } else {
      j["owner_unit_code"] = nullptr;
      j["owner_unit_name"] = nullptr;
    }
    return j;
  };
  router_.add("GET", "/api/v1/indicator-sets", authed([this, setJson](Request& req, app::Actor& a) {
    std::optional<std::string> period;
    if (!req.q("plan_period").empty()) {
      auto p = ind::parsePlanPeriod(req.q("plan_period"), "plan_period");
      if (!p) return problem(p.error());
      period = p->id();
    }
    std::optional<ind::SetLevel> level;
    if (!req.q("level").empty()) {
      auto l = ind::parseSetLevel(req.q("level"));
      if (!l) return problem(l.error());
      level = *l;
    }
    auto sets = s_.indicators.listSets(a, period, level);
    if (!sets) return problem(sets.error());
    json items = json::array();
    for (const auto& s : *sets) items.push_back(setJson(s));
    return ok(json{{"items", items}});
  }));
  router_.add("POST", "/api/v1/indicator-sets", authed([this, setJson](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"code", "name", "plan_period", "level", "owner_unit_id", "legal_basis"});
    if (!body) return problem(body.error());
    ind::IndicatorSet s;
    auto code = body->str("code", 60);
    if (!code) return problem(code.error());
    s.code = *code;
    auto name = body->str("name", 500);
    if (!name) return problem(name.error());
    s.name = *name;
    auto period = body->str("plan_period", 20);
    if (!period) return problem(period.error());
    auto p = ind::parsePlanPeriod(*period, "plan_period");
    if (!p) return problem(p.error());
    s.period = *p;
    auto level = body->str("level", 20);
    if (!level) return problem(level.error());
    auto l = ind::parseSetLevel(*level);
    if (!l) return problem(l.error());
    s.level = *l;
    auto owner = body->optInteger("owner_unit_id");
    if (!owner) return problem(owner.error());
    s.owner_unit_id = *owner;
    auto legal = body->optStr("legal_basis", 1000);
    if (!legal) return problem(legal.error());
    s.legal_basis = legal->value_or("");
    auto r = s_.indicators.createSet(&a, s);
    if (!r) return problem(r.error());
    return ok(setJson(*r), 201);
  }));
  router_.add("GET", "/api/v1/indicator-sets/{id}", authed([this, setJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto d = s_.indicators.getSet(a, *id);
    if (!d) return problem(d.error());
    json j = setJson(d->set);
    json versions = json::array();
    for (const auto& v : d->versions) versions.push_back(app::views::setVersion(v, false));
    j["versions"] = versions;
    return ok(j);
  }));
  router_.add("GET", "/api/v1/indicator-sets/{id}/versions/{number}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    int number = 0;
    if (req.params["number"] != "latest") {
      auto n = parseId(req.params["number"], "number");
      if (!n) return problem(n.error());
      if (*n > 1000000) return problem(makeError(ErrorCode::NotFound, "Không có phiên bản " + req.params["number"]));
      number = static_cast<int>(*n);
    }
    auto v = s_.indicators.getVersion(a, *id, number);
    if (!v) return problem(v.error());
    return ok(app::views::setVersion(*v, true));
  }));
  router_.add("POST", "/api/v1/indicator-sets/{id}/versions", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"expected_latest", "note", "members"});
    if (!body) return problem(body.error());
    auto expected = body->integer("expected_latest");
    if (!expected) return problem(expected.error());
    if (*expected < 0 || *expected > 1000000)
      return problem(makeError(ErrorCode::InvalidField, "Trường 'expected_latest': phải ≥ 0", {{"expected_latest", "phải ≥ 0"}}));
    auto note = body->optStr("note", 2000);
    if (!note) return problem(note.error());
    auto raw = rawField(req, "members");
    if (!raw || !raw->is_array())
      return problem(makeError(ErrorCode::MissingField, "Trường 'members': cần mảng [{\"code\", \"group\"}]",
                               {{"members", "bắt buộc"}}));
    std::vector<app::IndicatorService::MemberSpec> members;
    for (size_t k = 0; k < raw->size(); ++k) {
      const json& m = (*raw)[k];
      std::string f = "members[" + std::to_string(k) + "]";
      if (!m.is_object() || !m.contains("code") || !m["code"].is_string() ||
          (m.contains("group") && !m["group"].is_string() && !m["group"].is_null()))
        return problem(makeError(ErrorCode::InvalidField, "Trường '" + f + "': cần {\"code\", \"group\"}",
                                 {{f, "cần {\"code\", \"group\"}"}}));
      members.push_back({m["code"].get<std::string>(),
                         m.contains("group") && m["group"].is_string() ? m["group"].get<std::string>() : ""});
    }
    auto v = s_.indicators.publish(&a, *id, static_cast<int>(*expected), members, note->value_or(""));
    if (!v) return problem(v.error());
    return ok(app::views::setVersion(*v, true), 201);
  }));

  // ---- targets ----
  auto targetJson = [this, unitLabels](const std::vector<tgt::Target>& items) {
    std::vector<int64_t> ids;
    for (const auto& t : items) {
      ids.push_back(t.unit_id);
      ids.push_back(t.owner_unit_id);
    }
    auto labels = unitLabels(ids);
    std::unordered_map<int64_t, std::pair<std::string, std::string>> inds;
    json arr = json::array();
    for (const auto& t : items) {
      json j = app::views::target(t);
      j["unit_code"] = labels[t.unit_id].first;
      j["unit_name"] = labels[t.unit_id].second;
      j["owner_unit_name"] = labels[t.owner_unit_id].second;
      if (!inds.count(t.indicator_id)) {
        if (auto tx = s_.store.begin(core::ports::TxMode::Read))
          if (auto i = tx.value()->indicators().get(t.indicator_id))
            inds[t.indicator_id] = {i->code, i->name};
      }
      j["indicator_code"] = inds[t.indicator_id].first;
      j["indicator_name"] = inds[t.indicator_id].second;
      arr.push_back(j);
    }
    return arr;
  };
  auto readChange = [this](const Request& req, const app::Actor& a) -> core::Result<app::TargetService::Change> {
    BAOCAO_ASSIGN(auto body, JsonBody::parse(req, {"plan_period", "unit_id", "indicator_id", "indicator_code",
                                                   "value", "comment", "owner_unit_id", "version"}));
    app::TargetService::Change c;
    BAOCAO_ASSIGN(c.plan_period, body.str("plan_period", 20));
    BAOCAO_ASSIGN(c.unit_id, body.integer("unit_id"));
    BAOCAO_ASSIGN(auto iid, body.optInteger("indicator_id"));
    BAOCAO_ASSIGN(auto icode, body.optStr("indicator_code", 40));
    if (iid) {
      c.indicator_id = *iid;
    } else if (icode) {
      BAOCAO_ASSIGN(auto i, s_.indicators.getByCode(a, *icode));
      c.indicator_id = i.id;
    } else {
      return makeError(ErrorCode::MissingField, "Thiếu trường 'indicator_id' (hoặc 'indicator_code')",
                       {{"indicator_id", "bắt buộc"}});
    }
    BAOCAO_ASSIGN(c.value, body.number("value"));
    BAOCAO_ASSIGN(auto comment, body.optStr("comment", 2000));
    c.comment = comment.value_or("");
    BAOCAO_ASSIGN(c.owner_unit_id, body.optInteger("owner_unit_id"));
    BAOCAO_ASSIGN(c.version, body.optInteger("version"));
    return c;
  };
  router_.add("GET", "/api/v1/targets", authed([this, targetJson](Request& req, app::Actor& a) {
    core::ports::TargetQuery q;
    if (!req.q("plan_period").empty()) {
      auto p = ind::parsePlanPeriod(req.q("plan_period"), "plan_period");
      if (!p) return problem(p.error());
      q.period_id = p->id();
    }
    for (auto [name, dst] : {std::pair<const char*, std::optional<int64_t>*>{"unit_id", &q.unit_id},
                             {"indicator_id", &q.indicator_id},
                             {"owner_unit_id", &q.owner_unit_id}}) {
      auto v = queryId(req, name);
      if (!v) return problem(v.error());
      *dst = *v;
    }
    if (!req.q("status").empty()) {
      auto st = tgt::parseStatus(req.q("status"));
      if (!st) return problem(st.error());
      q.status = *st;
    }
    auto limit = queryInt(req, "limit", 500, 1, 5000);
    if (!limit) return problem(limit.error());
    auto offset = queryInt(req, "offset", 0, 0, 10000000);
    if (!offset) return problem(offset.error());
    q.limit = *limit;
    q.offset = *offset;
    auto r = s_.targets.list(a, q);
    if (!r) return problem(r.error());
    return ok(json{{"items", targetJson(*r)}});
  }));
  router_.add("POST", "/api/v1/targets/register", authed([this, targetJson, readChange](Request& req, app::Actor& a) {
    auto c = readChange(req, a);
    if (!c) return problem(c.error());
    auto r = s_.targets.registerTarget(&a, *c);
    if (!r) return problem(r.error());
    return ok(targetJson({*r})[0]);
  }));
  router_.add("POST", "/api/v1/targets/assign", authed([this, targetJson, readChange](Request& req, app::Actor& a) {
    auto c = readChange(req, a);
    if (!c) return problem(c.error());
    auto r = s_.targets.assign(&a, *c);
    if (!r) return problem(r.error());
    return ok(targetJson({*r})[0]);
  }));
  router_.add("POST", "/api/v1/targets/actuals", authed([this](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"unit_id", "indicator_id", "year", "value", "estimate", "source"});
    if (!body) return problem(body.error());
    tgt::Actual act;
    auto unit = body->integer("unit_id");
    if (!unit) return problem(unit.error());
    act.unit_id = *unit;
    auto iid = body->integer("indicator_id");
    if (!iid) return problem(iid.error());
    act.indicator_id = *iid;
    auto year = body->integer("year");
    if (!year) return problem(year.error());
    if (*year < 2000 || *year > 2100)
      return problem(makeError(ErrorCode::InvalidField, "Trường 'year': phải từ 2000 đến 2100", {{"year", "ngoài khoảng"}}));
    act.year = static_cast<int>(*year);
    auto value = body->number("value");
    if (!value) return problem(value.error());
    act.value = *value;
    auto est = body->boolean("estimate", false);
    if (!est) return problem(est.error());
    act.estimate = *est;
    auto src = body->optStr("source", 1000);
    if (!src) return problem(src.error());
    act.source = src->value_or("");
    auto r = s_.targets.recordActual(&a, act);
    if (!r) return problem(r.error());
    return ok(app::views::actual(*r));
  }));
  router_.add("GET", "/api/v1/targets/achievement", authed([this, unitLabels](Request& req, app::Actor& a) {
    app::TargetService::AchievementQuery q;
    q.plan_period = req.q("plan_period");
    if (q.plan_period.empty())
      return problem(makeError(ErrorCode::MissingField, "Thiếu tham số bắt buộc 'plan_period'", {{"plan_period", "bắt buộc"}}));
    auto unit = queryId(req, "unit_id");
    if (!unit) return problem(unit.error());
    q.unit_id = *unit;
    auto iid = queryId(req, "indicator_id");
    if (!iid) return problem(iid.error());
    q.indicator_id = *iid;
    if (!req.q("year").empty()) {
      auto y = queryInt(req, "year", 0, 2000, 2100);
      if (!y) return problem(y.error());
      q.year = *y;
    }
    auto actual = optNumberParam(req, "actual");
    if (!actual) return problem(actual.error());
    q.actual = *actual;
    auto rows = s_.targets.achievement(a, q);
    if (!rows) return problem(rows.error());
    std::vector<int64_t> ids;
    for (const auto& r : *rows) ids.push_back(r.target.unit_id);
    auto labels = unitLabels(ids);
    json items = json::array();
    for (const auto& r : *rows) {
      items.push_back({{"target", app::views::target(r.target)},
                       {"unit_name", labels[r.target.unit_id].second},
                       {"indicator", {{"id", r.indicator.id},
                                      {"code", r.indicator.code},
                                      {"name", r.indicator.name},
                                      {"unit_of_measure", r.indicator.unit_of_measure},
                                      {"direction", ind::directionId(r.indicator.direction)}}},
                       {"target_value", r.target_value ? json(*r.target_value) : json(nullptr)},
                       {"target_assigned", r.target_assigned},
                       {"year", r.year},
                       {"actual", r.actual ? app::views::actual(*r.actual) : json(nullptr)},
                       {"achievement", r.achievement ? app::views::achievement(*r.achievement) : json(nullptr)},
                       {"note", r.note}});
    }
    return ok(json{{"items", items}});
  }));
  router_.add("GET", "/api/v1/targets/{id}", authed([this, targetJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto d = s_.targets.get(a, *id);
    if (!d) return problem(d.error());
    json j = targetJson({d->target})[0];
    json hist = json::array();
    for (const auto& c : d->history) hist.push_back(app::views::targetChange(c));
    j["history"] = hist;
    return ok(j);
  }));
  router_.add("GET", "/api/v1/targets/{id}/history", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto d = s_.targets.get(a, *id);
    if (!d) return problem(d.error());
    json hist = json::array();
    for (const auto& c : d->history) hist.push_back(app::views::targetChange(c));
    return ok(json{{"items", hist}});
  }));
}

}  // namespace baocao::http
