// Report regimes and forms under /api/v1/regimes and /api/v1/forms, and the public catalog of
// periodic reports under /api/v1/public (docs/api.md "Report regimes"; issue 4 points 4–6).
// Handlers only adapt: reading needs an authenticated user (the public catalog needs none),
// writing is checked by app::RegimeService (Action::RegimeWrite). Bodies use the canonical JSON
// of app::regime_json. Thread-safety: as Api.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/regime_json.h"
#include "app/regime_service.h"
#include "core/common/text.h"
#include "exchange/catalog_export.h"
#include "exchange/form_xlsx.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace rg = core::regime;
namespace fm = core::form;
namespace period = core::period;
namespace rj = app::regime_json;

namespace {

Response file(std::string bytes, const std::string& mime, const std::string& name) {
  Response r;
  r.status = 200;
  r.content_type = mime;
  r.body = std::move(bytes);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

constexpr const char* kXlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

core::Result<json> jsonBody(const Request& req) {
  if (req.header("content-type").find("application/json") == std::string::npos)
    return makeError(ErrorCode::UnsupportedMediaType,
                     "Nội dung phải có Content-Type: application/json");
  if (auto bad = core::text::firstInvalidUtf8(req.body))
    return makeError(ErrorCode::InvalidUtf8,
                     "Nội dung không phải UTF-8 hợp lệ tại byte " + std::to_string(*bad + 1));
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded())
    return makeError(ErrorCode::InvalidJson, "Nội dung không phải JSON hợp lệ");
  if (!j.is_object()) return makeError(ErrorCode::InvalidJson, "Nội dung phải là một đối tượng JSON");
  return j;
}

/// {"version": n, <key>: {...}} with nothing else.
core::Result<std::pair<int64_t, json>> versioned(const json& j, const char* key) {
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "version" && it.key() != key)
      return makeError(ErrorCode::UnknownField, "Trường '" + it.key() + "' không được hỗ trợ",
                       {{it.key(), "không được hỗ trợ"}});
  if (!j.contains("version")) return missingField("version");
  if (!j["version"].is_number_integer()) return fieldTypeError("version", "số nguyên");
  if (key[0] && !j.contains(key)) return missingField(key);
  return std::make_pair(j["version"].get<int64_t>(), key[0] ? j[key] : json());
}

core::Result<int64_t> versionOnly(const Request& req) {
  BAOCAO_ASSIGN(auto j, jsonBody(req));
  BAOCAO_ASSIGN(auto v, versioned(j, ""));
  return v.first;
}

ojson findingJson(const rg::Finding& f) {
  ojson units = ojson::array();
  for (const auto& u : f.units) units.push_back(u);
  ojson j{{"severity", f.severity == rg::Finding::Severity::Error ? "error" : "warning"},
          {"code", f.code},
          {"message", f.message},
          {"other_regime", f.other_regime},
          {"units", units}};
  if (!f.indicator.empty()) {
    j["indicator"] = f.indicator;
    j["serving_agency"] = f.serving_agency;
  }
  return j;
}

ojson headJson(const core::ports::StoredRegime& h) {
  return ojson{{"id", h.id},
               {"code", h.code},
               {"family", h.family},
               {"name", h.name},
               {"kind", rg::kindId(h.kind)},
               {"status", rg::statusId(h.status)},
               {"latest_version", h.latest_version},
               {"published_version", h.published_version ? ojson(*h.published_version) : ojson(nullptr)},
               {"updated_at", h.updated_at.iso()},
               {"version", h.version}};
}

ojson versionJson(const core::ports::StoredRegimeVersion& v) {
  return ojson{{"number", v.number},
               {"status", rg::statusId(v.status)},
               {"created_at", v.created_at.iso()},
               {"created_by", v.created_by ? ojson(*v.created_by) : ojson(nullptr)},
               {"published_at", v.published_at ? ojson(v.published_at->iso()) : ojson(nullptr)}};
}

ojson viewJson(const app::RegimeView& v) {
  ojson j = headJson(v.head);
  j["version_no"] = v.version.number;
  j["version_status"] = rg::statusId(v.version.status);
  j["regime"] = rj::regime(v.regime);
  ojson w = ojson::array();
  for (const auto& f : v.warnings) w.push_back(findingJson(f));
  j["warnings"] = w;
  return j;
}

ojson catalogJson(const std::vector<app::CatalogEntry>& entries, const std::string& as_of) {
  ojson items = ojson::array();
  for (const auto& e : entries)
    items.push_back(ojson{{"regime_id", e.regime_id},
                          {"version", e.version},
                          {"code", e.code},
                          {"name", e.name},
                          {"kind", rg::kindId(e.kind)},
                          {"reporting", e.reporting},
                          {"reporting_count", e.reporting_count},
                          {"receiving_code", e.receiving_code},
                          {"receiving", e.receiving},
                          {"frequency", e.frequency},
                          {"legal_basis", e.legal_basis},
                          {"send_methods", e.send_methods},
                          {"published_at", e.published_at ? ojson(e.published_at->iso()) : ojson(nullptr)}});
  return ojson{{"title", "Danh mục báo cáo định kỳ"}, {"as_of", as_of}, {"items", items}};
}

exchange::CatalogDocument catalogDocument(const std::vector<app::CatalogEntry>& entries,
                                          const std::string& as_of) {
  exchange::CatalogDocument d;
  d.subtitle = "thuộc phạm vi quản lý của Ủy ban nhân dân Thành phố Hồ Chí Minh";
  d.as_of = "(Công bố theo Điều 11, Điều 12 Quy định chế độ báo cáo định kỳ; cập nhật ngày " +
            as_of + ")";
  for (const auto& e : entries)
    d.rows.push_back({e.name, e.reporting, e.receiving, e.frequency, e.legal_basis, e.send_methods});
  return d;
}

std::string periodLabel(const period::Period& p) {
  static const char* kRoman[] = {"", "I", "II", "III", "IV"};
  std::string y = std::to_string(p.year());
  switch (p.type()) {
    case period::PeriodType::Weekly: return "Tuần " + std::to_string(p.index()) + " năm " + y;
    case period::PeriodType::Monthly: return "Tháng " + std::to_string(p.index()) + " năm " + y;
    case period::PeriodType::Quarterly: return std::string("Quý ") + kRoman[p.index()] + " năm " + y;
    case period::PeriodType::SixMonthly:
      return (p.index() == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + y;
    case period::PeriodType::NineMonthly: return "9 tháng năm " + y;
    case period::PeriodType::Yearly: return "Năm " + y;
    case period::PeriodType::MultiYear: return "Giai đoạn " + p.id();
  }
  return p.id();
}

core::Result<std::optional<int>> versionParam(const Request& req) {
  if (!req.has("version")) return std::optional<int>();
  BAOCAO_ASSIGN(int64_t v, parseId(req.q("version"), "version"));
  return std::optional<int>(static_cast<int>(v));
}

}  // namespace

void Api::registerRegimeRoutes() {
  // ---- regimes ----
  router_.add("GET", "/api/v1/regimes", authed([this](Request& req, app::Actor&) {
    core::ports::RegimeQuery q;
    q.text = req.q("q").substr(0, 200);
    if (req.has("status")) {
      auto s = rg::parseStatus(req.q("status"));
      if (!s) return problem(s.error());
      q.status = *s;
    }
    if (req.has("kind")) {
      auto k = rg::parseKind(req.q("kind"));
      if (!k) return problem(k.error());
      q.kind = *k;
    }
    q.family = req.q("family").substr(0, 64);
    auto r = s_.regimes.list(q);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& h : *r) items.push_back(headJson(h));
    return ok(ojson{{"items", items}});
  }));
  router_.add("POST", "/api/v1/regimes", authed([this](Request& req, app::Actor& a) {
    auto j = jsonBody(req);
    if (!j) return problem(j.error());
    auto r = rj::parseRegime(*j);
    if (!r) return problem(r.error());
    auto v = s_.regimes.create(&a, std::move(r).value());
    if (!v) return problem(v.error());
    return ok(viewJson(*v), 201);
  }));
  router_.add("GET", "/api/v1/regimes/{id}", authed([this](Request& req, app::Actor&) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto ver = versionParam(req);
    if (!ver) return problem(ver.error());
    auto v = s_.regimes.get(*id, *ver);
    if (!v) return problem(v.error());
    return ok(viewJson(*v));
  }));
  router_.add("PUT", "/api/v1/regimes/{id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto j = jsonBody(req);
    if (!j) return problem(j.error());
    auto body = versioned(*j, "regime");
    if (!body) return problem(body.error());
    auto r = rj::parseRegime(body->second, "regime");
    if (!r) return problem(r.error());
    auto v = s_.regimes.saveDraft(&a, *id, body->first, std::move(r).value());
    if (!v) return problem(v.error());
    return ok(viewJson(*v));
  }));
  router_.add("POST", "/api/v1/regimes/{id}/publish", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto ver = versionOnly(req);
    if (!ver) return problem(ver.error());
    auto v = s_.regimes.publish(&a, *id, *ver);
    if (!v) return problem(v.error());
    return ok(viewJson(*v));
  }));
  router_.add("POST", "/api/v1/regimes/{id}/retire", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto ver = versionOnly(req);
    if (!ver) return problem(ver.error());
    auto v = s_.regimes.retire(&a, *id, *ver);
    if (!v) return problem(v.error());
    return ok(viewJson(*v));
  }));
  router_.add("GET", "/api/v1/regimes/{id}/versions", authed([this](Request& req, app::Actor&) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto r = s_.regimes.versions(*id);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& v : *r) items.push_back(versionJson(v));
    return ok(ojson{{"items", items}});
  }));
  router_.add("GET", "/api/v1/regimes/{id}/conflicts", authed([this](Request& req, app::Actor&) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto r = s_.regimes.conflicts(*id);
    if (!r) return problem(r.error());
    ojson errors = ojson::array(), warnings = ojson::array();
    for (const auto& f : *r)
      (f.severity == rg::Finding::Severity::Error ? errors : warnings).push_back(findingJson(f));
    return ok(ojson{{"errors", errors}, {"warnings", warnings}});
  }));
  router_.add("GET", "/api/v1/regimes/{id}/units", authed([this](Request& req, app::Actor&) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    core::Date on = s_.regimes.today();
    if (req.has("on")) {
      auto d = core::Date::parseIso(req.q("on"));
      if (!d) return problem(makeError(ErrorCode::InvalidDate, "Tham số 'on': " + d.error().message,
                                       {{"on", "ngày dạng YYYY-MM-DD"}}));
      on = *d;
    }
    auto r = s_.regimes.reportingUnits(*id, on);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& u : r->units)
      items.push_back(ojson{{"id", u.id}, {"code", u.code}, {"name", u.name},
                            {"type", core::org::orgTypeId(u.type)}});
    ojson problems = ojson::array();
    for (const auto& p : r->problems) problems.push_back(p);
    return ok(ojson{{"on", on.iso()}, {"count", r->units.size()}, {"items", items},
                    {"problems", problems}});
  }));
  router_.add("GET", "/api/v1/regimes/{id}/schedule", authed([this](Request& req, app::Actor&) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    if (!req.has("period"))
      return problem(makeError(ErrorCode::MissingField, "Thiếu tham số bắt buộc 'period'",
                               {{"period", "bắt buộc"}}));
    auto v = s_.regimes.get(*id);
    if (!v) return problem(v.error());
    auto sched = s_.calendar.period(req.q("period"), v->regime.schedule.deadlineRule());
    if (!sched) return problem(sched.error());
    return ok(app::calendar_json::periodSchedule(*sched));
  }));

  // ---- forms ----
  router_.add("GET", "/api/v1/forms/{regime_id}/{code}", authed([this](Request& req, app::Actor&) {
    auto id = parseId(req.params["regime_id"], "regime_id");
    if (!id) return problem(id.error());
    auto ver = versionParam(req);
    if (!ver) return problem(ver.error());
    auto v = s_.regimes.get(*id, *ver);
    if (!v) return problem(v.error());
    const fm::Form* f = v->regime.form(req.params["code"]);
    if (!f)
      return problem(makeError(ErrorCode::NotFound, "Chế độ báo cáo '" + v->regime.code +
                                                        "' không có biểu '" +
                                                        req.params["code"].substr(0, 64) + "'"));
    return ok(ojson{{"regime_id", v->head.id},
                    {"version", v->head.version},
                    {"version_no", v->version.number},
                    {"version_status", rg::statusId(v->version.status)},
                    {"form", rj::form(*f)}});
  }));
  router_.add("PUT", "/api/v1/forms/{regime_id}/{code}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["regime_id"], "regime_id");
    if (!id) return problem(id.error());
    auto j = jsonBody(req);
    if (!j) return problem(j.error());
    auto body = versioned(*j, "form");
    if (!body) return problem(body.error());
    auto f = rj::parseForm(body->second, "form");
    if (!f) return problem(f.error());
    if (f->code != req.params["code"])
      return problem(makeError(ErrorCode::InvalidField,
                               "Trường 'form.code': phải trùng mã biểu trên đường dẫn ('" +
                                   req.params["code"].substr(0, 64) + "')",
                               {{"form.code", "khác mã trên đường dẫn"}}));
    auto v = s_.regimes.putForm(&a, *id, body->first, std::move(f).value());
    if (!v) return problem(v.error());
    const fm::Form* stored = v->regime.form(req.params["code"]);
    return ok(ojson{{"regime_id", v->head.id},
                    {"version", v->head.version},
                    {"version_no", v->version.number},
                    {"version_status", rg::statusId(v->version.status)},
                    {"form", rj::form(*stored)}});
  }));
  router_.add("GET", "/api/v1/forms/{regime_id}/{code}/template.xlsx",
              authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["regime_id"], "regime_id");
    if (!id) return problem(id.error());
    auto ver = versionParam(req);
    if (!ver) return problem(ver.error());
    auto v = s_.regimes.get(*id, *ver);
    if (!v) return problem(v.error());
    const fm::Form* f = v->regime.form(req.params["code"]);
    if (!f)
      return problem(makeError(ErrorCode::NotFound, "Chế độ báo cáo '" + v->regime.code +
                                                        "' không có biểu '" +
                                                        req.params["code"].substr(0, 64) + "'"));
    exchange::FormTemplateInfo info;
    info.regime_name = v->regime.name;
    info.regime_code = v->regime.code;
    auto names = s_.regimes.unitNames({v->regime.receiving});
    if (names) info.receiving_unit = (*names)[v->regime.receiving];
    if (req.has("period")) {
      auto p = period::Period::parse(req.q("period"));
      if (!p) return problem(p.error());
      info.period_label = "Kỳ báo cáo: " + periodLabel(*p);
      auto sched = s_.calendar.period(req.q("period"), v->regime.schedule.deadlineRule());
      if (sched) {
        info.period_label += " (số liệu từ " + sched->window.start.vietnamese() + " đến " +
                             sched->window.end.vietnamese() + "; hạn gửi " +
                             sched->deadlines.front().vietnamese() + ")";
      }
    }
    for (const auto& row : f->rows) {
      if (!row.label.empty() && !row.unit.empty()) continue;
      auto ind = s_.indicators.getByCode(a, row.code);
      if (ind) info.indicators[row.code] = {ind->name, ind->unit_of_measure};
    }
    auto bytes = exchange::formTemplateXlsx(*f, info);
    if (!bytes) return problem(bytes.error());
    return file(std::move(bytes).value(), kXlsxMime,
                "bieu-" + v->regime.code + "-" + f->code + ".xlsx");
  }));

  // ---- the published catalog (public: no login; 002 Đ11.2) ----
  auto asOf = [this]() { return s_.regimes.today().vietnamese(); };
  router_.add("GET", "/api/v1/public/catalog", [this, asOf](Request& req) {
    auto r = s_.regimes.catalog(req.q("statistical") == "1");
    if (!r) return problem(r.error());
    return ok(catalogJson(*r, asOf()));
  });
  router_.add("GET", "/api/v1/public/catalog.xlsx", [this, asOf](Request& req) {
    auto r = s_.regimes.catalog(req.q("statistical") == "1");
    if (!r) return problem(r.error());
    auto bytes = exchange::catalogXlsx(catalogDocument(*r, asOf()));
    if (!bytes) return problem(bytes.error());
    return file(std::move(bytes).value(), kXlsxMime, "danh-muc-bao-cao-dinh-ky.xlsx");
  });
  router_.add("GET", "/api/v1/public/catalog.pdf", [this, asOf](Request& req) {
    auto r = s_.regimes.catalog(req.q("statistical") == "1");
    if (!r) return problem(r.error());
    auto bytes = exchange::catalogPdf(catalogDocument(*r, asOf()));
    if (!bytes) return problem(bytes.error());
    return file(std::move(bytes).value(), "application/pdf", "danh-muc-bao-cao-dinh-ky.pdf");
  });
}

}  // namespace baocao::http
