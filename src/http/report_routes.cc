// The report API (docs/api.md "Reports"; issue 5 points 3–6). {key} is the obligation key,
// URL-encoded ("HCM-KTXH%2F2026Q1%2Fu42"):
//   GET    /api/v1/reports/{key}                          the entry screen's whole report
//   PATCH  /api/v1/reports/{key}/draft                    save changed cells (409 + conflicts)
//   POST   /api/v1/reports/{key}/actions/{action}         submit, check, approve, send, ...
//   POST   /api/v1/reports/{key}/sign                     sign the latest version
//   GET    /api/v1/reports/{key}/versions/{n}             a frozen version with its content
//   GET    /api/v1/reports/{key}/versions/{n}/content     the canonical (signed) bytes
//   POST   /api/v1/reports/{key}/versions/{n}/signature   attach a signature made outside
//   GET    /api/v1/reports/{key}/versions/{n}/verify      check its signature
//   GET    /api/v1/reports/{key}/versions/{n}/package     the signed package (ZIP)
//   GET    /api/v1/reports/{key}/compare?from=&to=        two versions side by side
//   GET/POST /api/v1/reports/{key}/comments, POST .../comments/{id}/resolve
//   GET/POST /api/v1/reports/{key}/attachments, GET/DELETE .../attachments/{id}
//   GET/PUT  /api/v1/orgs/{id}/workflow                   a unit's internal steps (1–3)
//   GET/POST /api/v1/orgs/{id}/delegations, POST .../delegations/{delegation_id}/revoke
// Handlers only adapt; scope, roles and states are decided by app::ReportService.
// Thread-safety: as Api.
#include <nlohmann/json.hpp>
#include <string>

#include "app/crypto.h"
#include "app/report_service.h"
#include "core/common/text.h"
#include "core/obligation/obligation.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/file_transfer.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using ojson = nlohmann::ordered_json;
namespace fm = core::form;
namespace ports = core::ports;
namespace wf = core::workflow;

/// Binds the value of a Result or answers its error as problem+json.
#define BAOCAO_ASSIGN_OR_PROBLEM(decl, expr)                                              \
  auto BAOCAO_CONCAT(baocao_rp_, __LINE__) = (expr);                                      \
  if (!BAOCAO_CONCAT(baocao_rp_, __LINE__).has_value())                                   \
    return problem(BAOCAO_CONCAT(baocao_rp_, __LINE__).error());                          \
  decl = std::move(BAOCAO_CONCAT(baocao_rp_, __LINE__)).value()

namespace {

ojson person(int64_t id, const std::map<int64_t, std::string>& names) {
  if (id == 0) return nullptr;
  auto it = names.find(id);
  return ojson{{"id", id}, {"name", it == names.end() ? std::string() : it->second}};
}

ojson optString(const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); }

ojson unitJson(int64_t id, const std::string& code, const std::string& name) {
  return ojson{{"id", id}, {"code", code}, {"name", name}};
}

ojson versionJson(const wf::SubmissionVersion& v, const std::map<int64_t, std::string>& names) {
  ojson sig = nullptr;
  if (v.signature)
    sig = ojson{{"subject", v.signature->signer_subject},
                {"signed_at", v.signature->signed_at.iso()},
                {"signed_by", person(v.signature->signed_by_user_id, names)}};
  return ojson{{"number", v.number},
               {"content_hash", v.content_hash},
               {"created_at", v.created_at.iso()},
               {"created_by", person(v.created_by_user_id, names)},
               {"note", v.note},
               {"signature", sig}};
}

ojson contentJson(const wf::ReportContent& c) {
  ojson atts = ojson::array();
  for (const auto& a : c.attachments)
    atts.push_back(ojson{{"name", a.name}, {"media_type", a.media_type}, {"size", a.size}, {"sha256", a.sha256}});
  return ojson{{"values", c.values}, {"narrative", c.narrative}, {"attachments", atts}};
}

ojson commentJson(const ports::Comment& c, const std::map<int64_t, std::string>& names) {
  return ojson{{"id", c.id},          {"cell", c.cell}, {"text", c.text}, {"author", person(c.author_id, names)},
               {"at", c.at.iso()},    {"resolved", c.resolved}};
}

ojson attachmentJson(const ports::StoredAttachment& a, const std::map<int64_t, std::string>& names) {
  return ojson{{"id", a.id},
               {"name", a.meta.name},
               {"media_type", a.meta.media_type},
               {"size", a.meta.size},
               {"sha256", a.meta.sha256},
               {"uploaded_by", person(a.uploaded_by, names)},
               {"uploaded_at", a.uploaded_at.iso()}};
}

ojson actionJson(std::string id, std::string label, bool reason) {
  return ojson{{"id", std::move(id)}, {"label", std::move(label)}, {"requires_reason", reason}};
}

ojson formJson(const fm::Form& f, const app::ReportView& v) {
  ojson cols = ojson::array(), rows = ojson::array(), rules = ojson::array();
  for (const auto& c : f.columns)
    cols.push_back(ojson{{"code", c.code},
                         {"label", c.label},
                         {"group", c.group},
                         {"unit", c.unit},
                         {"kind", std::string(fm::columnKindId(c.kind))},
                         {"formula", c.formula},
                         {"decimals", c.decimals ? ojson(*c.decimals) : ojson(nullptr)}});
  for (const auto& r : f.rows) {
    auto t = v.value_types.find(r.code);
    rows.push_back(ojson{{"code", r.code},
                         {"label", r.label},
                         {"unit", r.unit},
                         {"parent", r.parent},
                         {"kind", std::string(fm::rowKindId(r.kind))},
                         {"depth", f.depth(r.code)},
                         {"decimals", r.decimals},
                         {"value_type", t == v.value_types.end()
                                            ? std::string("number")
                                            : std::string(core::indicator::valueTypeId(t->second))}});
  }
  for (const auto& r : f.rules)
    rules.push_back(ojson{{"code", r.code},
                          {"scope", std::string(fm::ruleScopeId(r.scope))},
                          {"formula", r.formula},
                          {"severity", std::string(fm::severityId(r.severity))},
                          {"message", r.message}});
  return ojson{{"code", f.code},   {"title", f.title}, {"note", f.note}, {"instructions", f.instructions},
               {"columns", cols},  {"rows", rows},     {"rules", rules}};
}

ojson cellsJson(const app::ReportView& v) {
  ojson cells = ojson::object();
  for (const auto& f : v.regime.forms)
    for (const auto& r : f.rows) {
      if (r.kind == fm::RowKind::Heading) continue;
      auto t = v.value_types.find(r.code);
      std::string type = t == v.value_types.end() ? "number" : std::string(core::indicator::valueTypeId(t->second));
      for (const auto& c : f.columns) {
        std::string code = f.code + "/" + fm::cellKey(r.code, c.code);
        auto rule = fm::cellRule(f, r, c);
        ojson cell{{"kind", std::string(fm::cellKindId(rule.kind))}, {"value", nullptr}};
        cell["value_type"] = type;
        cell["decimals"] = fm::cellDecimals(r, c);
        if (rule.kind == fm::CellKind::Computed) {
          cell["formula"] = rule.source == fm::CellRule::Source::RowSubtotal ? std::string("tổng các dòng con") : rule.formula;
          auto it = v.computed.find(code);
          if (it != v.computed.end()) {
            cell["value"] = optString(it->second.value);
            if (!it->second.error.empty()) cell["error"] = it->second.error;
          }
        } else if (rule.kind == fm::CellKind::Input) {
          auto it = v.draft.values.find(code);
          if (it != v.draft.values.end()) {
            cell["value"] = it->second.value;
            cell["revision"] = it->second.revision;
            cell["updated_by"] = person(it->second.updated_by, v.names);
            cell["updated_at"] = it->second.updated_by ? ojson(it->second.updated_at.iso()) : ojson(nullptr);
          } else {
            cell["revision"] = 0;
          }
        }
        auto p = v.previous.find(code);
        cell["previous"] = p == v.previous.end() ? ojson(nullptr) : ojson(p->second);
        auto ly = v.last_year.find(code);
        cell["last_year"] = ly == v.last_year.end() ? ojson(nullptr) : ojson(ly->second);
        cells[code] = std::move(cell);
      }
    }
  return cells;
}

ojson sectionsJson(const app::ReportView& v) {
  ojson out = ojson::array();
  auto add = [&](const std::string& code, const std::string& form, const fm::Section& s) {
    ojson j{{"code", code}, {"form", form.empty() ? ojson(nullptr) : ojson(form)}, {"title", s.title},
            {"guidance", s.guidance}, {"required", s.required}, {"value", nullptr}, {"revision", 0}};
    auto it = v.draft.narrative.find(code);
    if (it != v.draft.narrative.end()) {
      j["value"] = it->second.value;
      j["revision"] = it->second.revision;
      j["updated_by"] = person(it->second.updated_by, v.names);
      j["updated_at"] = it->second.updated_by ? ojson(it->second.updated_at.iso()) : ojson(nullptr);
    }
    out.push_back(std::move(j));
  };
  for (const auto& s : v.regime.outline) add(s.code, "", s);
  for (const auto& f : v.regime.forms)
    for (const auto& s : f.sections) add(f.code + "/" + s.code, f.code, s);
  return out;
}

ojson relatedJson(const std::optional<app::RelatedPeriod>& r) {
  if (!r) return nullptr;
  return ojson{{"key", r->key}, {"label", r->label}, {"version", r->version}};
}

ojson reportJson(const app::ReportView& v) {
  const auto& o = v.obligation.obligation;
  ojson actions = ojson::array();
  for (auto a : v.actions)
    actions.push_back(actionJson(std::string(wf::actionId(a)), std::string(wf::actionLabel(a)), wf::requiresReason(a)));
  if (v.can_sign) actions.push_back(actionJson("sign", "Ký số", false));
  bool can_edit = std::find(v.actions.begin(), v.actions.end(), wf::Action::Edit) != v.actions.end();
  ojson validation_items = ojson::array();
  for (const auto& i : v.validation)
    validation_items.push_back(ojson{{"key", i.key},
                                     {"form", i.form},
                                     {"rule", i.rule},
                                     {"row", i.row.empty() ? ojson(nullptr) : ojson(i.row)},
                                     {"severity", std::string(fm::severityId(i.severity))},
                                     {"severity_label", std::string(fm::severityLabel(i.severity))},
                                     {"message", i.message},
                                     {"cells", i.cells},
                                     {"explanation", optString(i.explanation)}});
  ojson explanations = ojson::object();
  for (const auto& [k, c] : v.draft.explanations)
    if (!c.value.empty()) explanations[k] = c.value;
  ojson forms = ojson::array();
  for (const auto& f : v.regime.forms) forms.push_back(formJson(f, v));
  ojson comments = ojson::array(), attachments = ojson::array(), versions = ojson::array(), history = ojson::array();
  for (const auto& c : v.comments) comments.push_back(commentJson(c, v.names));
  for (const auto& a : v.attachments) attachments.push_back(attachmentJson(a, v.names));
  for (const auto& s : v.versions) versions.push_back(versionJson(s.version, v.names));
  for (const auto& h : v.history)
    history.push_back(ojson{{"action", std::string(wf::actionId(h.action))},
                            {"action_label", std::string(wf::actionLabel(h.action))},
                            {"from", std::string(wf::stateId(h.from))},
                            {"to", std::string(wf::stateId(h.to))},
                            {"to_label", std::string(wf::stateLabel(h.to))},
                            {"actor", person(h.actor_user_id, v.names)},
                            {"at", h.at.iso()},
                            {"reason", h.reason},
                            {"version", h.version}});
  ojson period = nullptr;
  if (o.period)
    period = ojson{{"id", o.period->id()},
                   {"type", std::string(core::period::periodTypeName(o.period->type()))},
                   {"label", v.period_label}};
  int errors = v.errors(), unexplained = v.unexplainedWarnings();
  return ojson{
      {"key", o.key},
      {"obligation",
       ojson{{"key", o.key},
             {"kind", std::string(core::obligation::kindId(o.kind))},
             {"regime_code", o.regime_code},
             {"regime_name", v.regime_name},
             {"title", o.title},
             {"period", period},
             {"unit", unitJson(o.unit_id, v.unit_code, v.unit_name)},
             {"receiving_unit", unitJson(o.receiving_unit_id, v.receiving_code, v.receiving_name)},
             {"deadline", o.deadline.iso()},
             {"amendment_deadline", o.amendment_deadline.iso()},
             {"approval_deadline", o.approval_deadline ? ojson(o.approval_deadline->iso()) : ojson(nullptr)},
             {"first_sent_at", v.obligation.first_sent_at ? ojson(v.obligation.first_sent_at->iso()) : ojson(nullptr)},
             {"version", v.obligation.version}}},
      {"state", std::string(wf::stateId(v.obligation.state))},
      {"state_label", std::string(wf::stateLabel(v.obligation.state))},
      {"workflow", ojson{{"internal_steps", v.config.internal_steps}, {"delegated_approval", v.delegated_approval}}},
      {"actions", actions},
      {"can_edit", can_edit},
      {"working_copy", v.working_copy},
      {"signing", ojson{{"can_sign", v.can_sign},
                        {"agency_key", v.agency_key},
                        {"agency_subject", v.agency_key ? ojson(v.agency_subject) : ojson(nullptr)}}},
      {"revision", v.draft.revision},
      {"updated_at", v.draft.updated_at ? ojson(v.draft.updated_at->iso()) : ojson(nullptr)},
      {"updated_by", person(v.draft.updated_by, v.names)},
      {"previous_period", relatedJson(v.previous_ref)},
      {"last_year_period", relatedJson(v.last_year_ref)},
      {"forms", forms},
      {"cells", cellsJson(v)},
      {"sections", sectionsJson(v)},
      {"explanations", explanations},
      {"validation", ojson{{"errors", errors},
                           {"warnings", v.warnings()},
                           {"unexplained_warnings", unexplained},
                           {"can_submit", errors == 0 && unexplained == 0},
                           {"items", validation_items}}},
      {"comments", comments},
      {"attachments", attachments},
      {"versions", versions},
      {"history", history}};
}

std::string_view partId(ports::CellConflict::Part p) {
  switch (p) {
    case ports::CellConflict::Part::Narrative: return "narrative";
    case ports::CellConflict::Part::Explanation: return "explanation";
    default: return "value";
  }
}

/// The 409 answer of a save that met someone else's changes.
Response conflictProblem(const app::SaveResult& r) {
  ojson list = ojson::array();
  std::string first;
  for (const auto& c : r.conflicts) {
    auto who = r.names.find(c.their_user_id);
    std::string name = who == r.names.end() ? std::string() : who->second;
    if (first.empty())
      first = "ô " + c.key + " vừa được " + name + " sửa thành " +
              (c.theirs ? "'" + *c.theirs + "'" : std::string("trống")) + " lúc " + c.their_at.iso();
    list.push_back(ojson{{"part", std::string(partId(c.part))},
                         {"cell", c.key},
                         {"mine", c.mine.empty() ? ojson(nullptr) : ojson(c.mine)},
                         {"theirs", optString(c.theirs)},
                         {"revision", c.their_revision},
                         {"by", ojson{{"id", c.their_user_id}, {"name", name}}},
                         {"at", c.their_at.iso()}});
  }
  auto e = makeError(ErrorCode::Conflict,
                     "Không lưu được: " + first +
                         (r.conflicts.size() > 1 ? " (và " + std::to_string(r.conflicts.size() - 1) + " ô khác)" : "") +
                         ". Xem giá trị của người kia rồi lưu lại.");
  return problem(e, nlohmann::json{{"revision", r.revision}, {"conflicts", nlohmann::json::parse(list.dump())}});
}

/// The report key from the path ({key}, already decoded).
core::Result<std::string> reportKey(const Request& req) {
  std::string k = req.params.at("key");
  if (k.empty() || k.size() > 300 || !core::text::isValidUtf8(k))
    return makeError(ErrorCode::InvalidField, "Mã báo cáo trong đường dẫn không hợp lệ", {{"key", "không hợp lệ"}});
  return k;
}

core::Result<int> versionParam(const Request& req, const char* name) {
  BAOCAO_ASSIGN(auto n, parseId(req.params.count(name) ? req.params.at(name) : req.q(name), name));
  if (n < 1 || n > 1000000)
    return makeError(ErrorCode::InvalidField, std::string("'") + name + "': số phiên bản phải từ 1", {{name, "không hợp lệ"}});
  return static_cast<int>(n);
}

/// A JSON object of code → string (or number, or null = clear).
core::Result<std::map<std::string, std::optional<std::string>>> changesOf(const JsonBody& body, const char* name,
                                                                         bool numbers) {
  std::map<std::string, std::optional<std::string>> out;
  BAOCAO_ASSIGN(auto obj, body.optObject(name));
  if (!obj) return out;
  if (obj->size() > 5000)
    return makeError(ErrorCode::InvalidField, std::string("Trường '") + name + "': quá 5000 mục trong một lần lưu",
                     {{name, "quá nhiều mục"}});
  for (auto it = obj->begin(); it != obj->end(); ++it) {
    const auto& v = it.value();
    std::string field = std::string(name) + "." + it.key();
    if (v.is_null()) out[it.key()] = std::nullopt;
    else if (v.is_string()) out[it.key()] = v.get<std::string>();
    else if (numbers && v.is_number_integer()) out[it.key()] = std::to_string(v.get<int64_t>());
    else if (numbers && v.is_number()) out[it.key()] = v.dump();
    else
      return makeError(ErrorCode::InvalidField,
                       "Trường '" + field + "': cần " + (numbers ? "chuỗi, số hoặc null" : "chuỗi hoặc null"),
                       {{field, "sai kiểu"}});
  }
  return out;
}

/// Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987).
Response namedDownload(std::string bytes, const std::string& media, const std::string& utf8_name) {
  std::string ascii, encoded;
  for (unsigned char c : utf8_name) {
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  Response r = fileDownload(std::move(bytes), media, ascii);
  r.headers.back().second += "; filename*=UTF-8''" + encoded;
  return r;
}

}  // namespace

void Api::registerReportRoutes() {
  const std::string base = "/api/v1/reports/{key}";

  router_.add("GET", base, authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    auto v = s_.reports.open(a, key);
    if (!v) return problem(v.error());
    return ok(reportJson(*v));
  }));

  router_.add("PATCH", base + "/draft", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"base_revision", "values", "narrative", "explanations"}));
    BAOCAO_ASSIGN_OR_PROBLEM(auto base_revision, body.integer("base_revision"));
    app::DraftInput in;
    BAOCAO_ASSIGN_OR_PROBLEM(in.values, changesOf(body, "values", true));
    BAOCAO_ASSIGN_OR_PROBLEM(in.narrative, changesOf(body, "narrative", false));
    BAOCAO_ASSIGN_OR_PROBLEM(in.explanations, changesOf(body, "explanations", false));
    auto r = s_.reports.save(a, key, base_revision, in);
    if (!r) return problem(r.error());
    if (!r->conflicts.empty()) return conflictProblem(*r);
    return ok(reportJson(*r->report));
  }));

  router_.add("POST", base + "/actions/{action}", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    auto action = wf::parseAction(req.params.at("action"));
    if (!action || *action == wf::Action::Edit) {
      std::string known;
      for (auto x : wf::allActions())
        if (x != wf::Action::Edit) known += (known.empty() ? "" : ", ") + std::string(wf::actionId(x));
      return problem(makeError(ErrorCode::NotFound,
                               "Không có thao tác '" + req.params.at("action").substr(0, 40) + "'; các thao tác: " + known));
    }
    std::string reason;
    std::optional<int64_t> version;
    if (!req.body.empty()) {
      BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"reason", "version"}));
      BAOCAO_ASSIGN_OR_PROBLEM(auto r, body.optStr("reason", 2000));
      if (r) reason = *r;
      BAOCAO_ASSIGN_OR_PROBLEM(version, body.optInteger("version"));
    }
    auto v = s_.reports.act(a, key, *action, reason, version);
    if (!v) return problem(v.error());
    return ok(reportJson(*v));
  }));

  router_.add("POST", base + "/sign", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"method", "pkcs12_base64", "password"}));
    BAOCAO_ASSIGN_OR_PROBLEM(auto method, body.str("method", 20));
    app::SignRequest sr;
    if (method == "agency") {
      sr.method = app::SignRequest::Method::Agency;
    } else if (method == "pkcs12") {
      sr.method = app::SignRequest::Method::Pkcs12;
      BAOCAO_ASSIGN_OR_PROBLEM(auto b64, body.str("pkcs12_base64", 1 << 20));
      auto der = app::crypto::base64Decode(b64);
      if (!der)
        return problem(makeError(ErrorCode::InvalidField, "Trường 'pkcs12_base64': không phải base64 hợp lệ",
                                 {{"pkcs12_base64", "không phải base64"}}));
      sr.pkcs12_der = std::move(*der);
      BAOCAO_ASSIGN_OR_PROBLEM(auto pw, body.optStr("password", 500));
      sr.password = pw.value_or("");
    } else {
      return problem(makeError(ErrorCode::InvalidField,
                               "Trường 'method': cần 'agency' (khóa của cơ quan) hoặc 'pkcs12' (tệp chứng thư số)",
                               {{"method", "không hợp lệ"}}));
    }
    auto v = s_.reports.sign(a, key, sr);
    if (!v) return problem(v.error());
    return ok(reportJson(*v));
  }));

  router_.add("GET", base + "/versions/{n}", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto n, versionParam(req, "n"));
    std::map<int64_t, std::string> names;
    auto v = s_.reports.version(a, key, n, &names);
    if (!v) return problem(v.error());
    ojson j = versionJson(v->version, names);
    j["content"] = contentJson(v->content);
    return ok(j);
  }));

  router_.add("GET", base + "/versions/{n}/content", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto n, versionParam(req, "n"));
    auto bytes = s_.reports.canonical(a, key, n);
    if (!bytes) return problem(bytes.error());
    return fileDownload(std::move(*bytes), "application/octet-stream", "report-v" + std::to_string(n) + ".bin");
  }));

  router_.add("POST", base + "/versions/{n}/signature", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto n, versionParam(req, "n"));
    BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"cms_base64"}));
    BAOCAO_ASSIGN_OR_PROBLEM(auto b64, body.str("cms_base64", 1 << 20));
    auto der = app::crypto::base64Decode(b64);
    if (!der)
      return problem(makeError(ErrorCode::InvalidField, "Trường 'cms_base64': không phải base64 hợp lệ",
                               {{"cms_base64", "không phải base64"}}));
    auto v = s_.reports.importSignature(a, key, n, *der);
    if (!v) return problem(v.error());
    return ok(reportJson(*v));
  }));

  router_.add("GET", base + "/versions/{n}/verify", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto n, versionParam(req, "n"));
    auto r = s_.reports.verify(a, key, n);
    if (!r) return problem(r.error());
    const auto& s = r->signature;
    std::map<int64_t, std::string> names;
    if (r->info) names[r->info->signed_by_user_id] = r->signed_by_name;
    return ok(ojson{{"version", r->version},
                    {"signed", r->signed_},
                    {"ok", r->ok},
                    {"content_hash_ok", r->content_hash_ok},
                    {"subject", s ? ojson(s->signer_subject) : r->info ? ojson(r->info->signer_subject) : ojson(nullptr)},
                    {"common_name", s ? ojson(s->signer_common_name) : ojson(nullptr)},
                    {"issuer", s ? ojson(s->issuer_subject) : ojson(nullptr)},
                    {"serial", s ? ojson(s->serial_hex) : ojson(nullptr)},
                    {"signed_at", s && s->signing_time ? ojson(s->signing_time->iso())
                                  : r->info          ? ojson(r->info->signed_at.iso())
                                                     : ojson(nullptr)},
                    {"not_after", s ? ojson(s->not_after.iso()) : ojson(nullptr)},
                    {"signed_by", r->info ? person(r->info->signed_by_user_id, names) : ojson(nullptr)},
                    {"reason", r->ok ? ojson(nullptr) : ojson(r->reason)}});
  }));

  router_.add("GET", base + "/versions/{n}/package", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto n, versionParam(req, "n"));
    std::string filename;
    auto zip = s_.reports.package(a, key, n, &filename);
    if (!zip) return problem(zip.error());
    return fileDownload(std::move(*zip), "application/zip", filename);
  }));

  router_.add("GET", base + "/compare", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    if (req.q("from").empty() || req.q("to").empty())
      return problem(makeError(ErrorCode::MissingField, "Cần tham số 'from' và 'to' (số phiên bản)",
                               {{"from", "bắt buộc"}, {"to", "bắt buộc"}}));
    BAOCAO_ASSIGN_OR_PROBLEM(auto from, versionParam(req, "from"));
    BAOCAO_ASSIGN_OR_PROBLEM(auto to, versionParam(req, "to"));
    auto d = s_.reports.compare(a, key, from, to);
    if (!d) return problem(d.error());
    ojson items = ojson::array();
    for (const auto& x : *d) {
      std::string kind = x.kind == wf::Difference::Kind::Value       ? "value"
                         : x.kind == wf::Difference::Kind::Narrative ? "narrative"
                                                                     : "attachment";
      items.push_back(ojson{{"kind", kind}, {"key", x.key}, {"before", optString(x.before)}, {"after", optString(x.after)}});
    }
    return ok(ojson{{"from", from}, {"to", to}, {"differences", items}});
  }));

  router_.add("GET", base + "/comments", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    std::map<int64_t, std::string> names;
    auto r = s_.reports.comments(a, key, &names);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& c : *r) items.push_back(commentJson(c, names));
    return ok(ojson{{"items", items}});
  }));

  router_.add("POST", base + "/comments", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"cell", "text"}));
    BAOCAO_ASSIGN_OR_PROBLEM(auto cell, body.optStr("cell", 300));
    BAOCAO_ASSIGN_OR_PROBLEM(auto text, body.str("text", 4000));
    auto c = s_.reports.addComment(a, key, cell.value_or(""), text);
    if (!c) return problem(c.error());
    return ok(commentJson(*c, {{a.user_id, a.username}}), 201);
  }));

  router_.add("POST", base + "/comments/{id}/resolve", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    auto c = s_.reports.resolveComment(a, key, id);
    if (!c) return problem(c.error());
    return ok(commentJson(*c, {}));
  }));

  router_.add("GET", base + "/attachments", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    std::map<int64_t, std::string> names;
    auto r = s_.reports.attachments(a, key, &names);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& x : *r) items.push_back(attachmentJson(x, names));
    return ok(ojson{{"items", items}});
  }));

  router_.add("POST", base + "/attachments", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto filename, queryText(req, "filename", 400));
    if (filename.empty())
      return problem(makeError(ErrorCode::MissingField, "Thiếu tham số 'filename' (tên tệp đính kèm)",
                               {{"filename", "bắt buộc"}}));
    auto r = s_.reports.addAttachment(a, key, filename, req.body);
    if (!r) return problem(r.error());
    return ok(attachmentJson(*r, {}), 201);
  }));

  router_.add("GET", base + "/attachments/{id}", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    auto f = s_.reports.attachment(a, key, id);
    if (!f) return problem(f.error());
    return namedDownload(std::move(f->bytes), f->meta.meta.media_type, f->meta.meta.name);
  }));

  router_.add("DELETE", base + "/attachments/{id}", authed([this](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto key, reportKey(req));
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    auto st = s_.reports.removeAttachment(a, key, id);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));

  // ---- a unit's workflow and delegations -----------------------------------------------------
  auto workflowJson = [](const app::UnitWorkflowView& w) {
    std::map<int64_t, std::string> names{{w.updated_by, w.updated_by_name}};
    return ojson{{"unit_id", w.unit_id},
                 {"internal_steps", w.config.internal_steps},
                 {"configured", w.configured},
                 {"updated_by", person(w.updated_by, names)},
                 {"updated_at", w.updated_at ? ojson(w.updated_at->iso()) : ojson(nullptr)}};
  };
  auto delegationJson = [](const app::DelegationView& v) {
    const auto& d = v.d;
    return ojson{{"id", d.id},
                 {"unit_id", d.unit_id},
                 {"delegator", ojson{{"id", d.delegator_user_id}, {"name", v.delegator_name}}},
                 {"delegate", ojson{{"id", d.delegate_user_id}, {"name", v.delegate_name}}},
                 {"regime_code", d.regime_code},
                 {"valid_from", d.valid_from.iso()},
                 {"valid_to", d.valid_to.iso()},
                 {"revoked", d.revoked},
                 {"active", v.active}};
  };

  router_.add("GET", "/api/v1/orgs/{id}/workflow", authed([this, workflowJson](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    auto w = s_.reports.unitWorkflow(a, id);
    if (!w) return problem(w.error());
    return ok(workflowJson(*w));
  }));

  router_.add("PUT", "/api/v1/orgs/{id}/workflow", authed([this, workflowJson](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"internal_steps"}));
    BAOCAO_ASSIGN_OR_PROBLEM(auto steps, body.integer("internal_steps"));
    if (steps < 1 || steps > 3)
      return problem(makeError(ErrorCode::InvalidField,
                               "Trường 'internal_steps': số bước xử lý nội bộ phải từ 1 đến 3, nhận được " +
                                   std::to_string(steps),
                               {{"internal_steps", "phải từ 1 đến 3"}}));
    auto w = s_.reports.setUnitWorkflow(a, id, static_cast<int>(steps));
    if (!w) return problem(w.error());
    return ok(workflowJson(*w));
  }));

  router_.add("GET", "/api/v1/orgs/{id}/delegations", authed([this, delegationJson](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    auto r = s_.reports.delegations(a, id);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& d : *r) items.push_back(delegationJson(d));
    return ok(ojson{{"items", items}});
  }));

  router_.add("POST", "/api/v1/orgs/{id}/delegations", authed([this, delegationJson](Request& req, app::Actor& a) {
    BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
    BAOCAO_ASSIGN_OR_PROBLEM(auto body, JsonBody::parse(req, {"delegate_user_id", "regime_code", "valid_from", "valid_to"}));
    wf::Delegation d;
    d.unit_id = id;
    BAOCAO_ASSIGN_OR_PROBLEM(d.delegate_user_id, body.integer("delegate_user_id"));
    BAOCAO_ASSIGN_OR_PROBLEM(auto regime, body.optStr("regime_code", 64));
    d.regime_code = regime.value_or("");
    BAOCAO_ASSIGN_OR_PROBLEM(auto from, body.optDate("valid_from"));
    BAOCAO_ASSIGN_OR_PROBLEM(auto to, body.optDate("valid_to"));
    if (!from || !to)
      return problem(makeError(ErrorCode::MissingField, "Cần 'valid_from' và 'valid_to' (ngày bắt đầu, kết thúc ủy quyền)",
                               {{!from ? "valid_from" : "valid_to", "bắt buộc"}}));
    d.valid_from = *from;
    d.valid_to = *to;
    auto r = s_.reports.addDelegation(a, d);
    if (!r) return problem(r.error());
    return ok(delegationJson(*r), 201);
  }));

  router_.add("POST", "/api/v1/orgs/{id}/delegations/{delegation_id}/revoke",
              authed([this, delegationJson](Request& req, app::Actor& a) {
                BAOCAO_ASSIGN_OR_PROBLEM(auto id, parseId(req.params.at("id"), "id"));
                BAOCAO_ASSIGN_OR_PROBLEM(auto did, parseId(req.params.at("delegation_id"), "delegation_id"));
                auto r = s_.reports.revokeDelegation(a, id, did);
                if (!r) return problem(r.error());
                return ok(delegationJson(*r));
              }));
}

// Shared with report_xlsx_routes.cc (http/report_json.h).
nlohmann::ordered_json reportViewJson(const app::ReportView& v) { return reportJson(v); }
Response saveConflictProblem(const app::SaveResult& r) { return conflictProblem(r); }
core::Result<std::string> reportKeyParam(const Request& req) { return reportKey(req); }
Response downloadNamed(std::string bytes, const std::string& media, const std::string& utf8_name) {
  return namedDownload(std::move(bytes), media, utf8_name);
}

}  // namespace baocao::http