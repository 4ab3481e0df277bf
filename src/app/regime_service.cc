#include "app/regime_service.h"

#include <algorithm>
#include <set>

#include "app/regime_json.h"
#include "app/unit_scope.h"
#include "core/common/text.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace ports = core::ports;
namespace rg = core::regime;
namespace fm = core::form;
namespace sec = core::security;

namespace {

ports::StoredRegime headOf(const rg::Regime& r, ports::StoredRegime h) {
  h.code = r.code;
  h.family = r.familyCode();
  h.name = r.name;
  h.kind = r.kind;
  return h;
}

std::string auditJson(const ports::StoredRegime& h, int number, rg::Status st,
                      const std::string& body) {
  nlohmann::ordered_json j{{"id", h.id},
                           {"code", h.code},
                           {"status", rg::statusId(h.status)},
                           {"version_no", number},
                           {"version_status", rg::statusId(st)}};
  if (!body.empty()) j["regime"] = nlohmann::ordered_json::parse(body, nullptr, false);
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

core::Status RegimeService::requireWrite(const Actor* actor) {
  if (!actor) return core::ok();
  if (sec::isSystemAdmin(actor->grants) ||
      sec::permitsAnywhere(actor->grants, sec::Action::RegimeWrite))
    return core::ok();
  return makeError(ErrorCode::Forbidden,
                   "Không có quyền thiết lập chế độ báo cáo (cần quyền quản trị hệ thống)");
}

core::Status RegimeService::checkUnits(ports::Tx& tx, const rg::Regime& r) {
  std::vector<core::ErrorDetail> problems;
  auto exists = [&](const std::string& code, const std::string& field) -> core::Status {
    if (code.empty()) return core::ok();
    auto u = tx.orgs().getByCode(code);
    if (u) return core::ok();
    if (u.error().code != ErrorCode::NotFound) return u.error();
    problems.push_back({field, "không có đơn vị mã '" + code + "'"});
    return core::ok();
  };
  BAOCAO_TRY(exists(r.receiving, "receiving"));
  for (size_t i = 0; i < r.reporting.codes.size(); ++i)
    BAOCAO_TRY(exists(r.reporting.codes[i], "reporting.codes[" + std::to_string(i) + "]"));
  for (size_t i = 0; i < r.reporting.rules.size(); ++i)
    BAOCAO_TRY(exists(r.reporting.rules[i].under,
                      "reporting.rules[" + std::to_string(i) + "].under"));
  if (problems.empty()) return core::ok();
  std::string msg = "Chế độ báo cáo: " + problems.front().field + ": " + problems.front().message;
  return makeError(ErrorCode::InvalidField, std::move(msg), std::move(problems));
}

core::Result<std::vector<ports::StoredRegime>> RegimeService::list(ports::RegimeQuery q) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->regimes().find(q);
}

core::Result<RegimeView> RegimeService::get(int64_t id, std::optional<int> version) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto head, tx->regimes().get(id));
  BAOCAO_ASSIGN(auto v, tx->regimes().getVersion(id, version.value_or(head.latest_version)));
  BAOCAO_ASSIGN(auto r, regime_json::parseBody(v.body));
  v.body.clear();
  return RegimeView{std::move(head), std::move(v), std::move(r), {}};
}

core::Result<RegimeView> RegimeService::getByCode(const std::string& code) {
  int64_t id;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    BAOCAO_ASSIGN(auto head, tx->regimes().getByCode(code));
    id = head.id;
  }
  return get(id);
}

core::Result<std::vector<ports::StoredRegimeVersion>> RegimeService::versions(int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->regimes().versions(id, false);
}

core::Result<RegimeView> RegimeService::create(const Actor* actor, rg::Regime r) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_TRY(rg::validateDraft(r));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_TRY(checkUnits(*tx, r));
  auto now = ctx_.clock.now();
  ports::StoredRegime head = headOf(r, {});
  head.status = rg::Status::Draft;
  head.updated_at = now;
  ports::StoredRegimeVersion v;
  v.status = rg::Status::Draft;
  v.body = regime_json::body(r);
  v.created_at = now;
  if (actor) v.created_by = actor->user_id;
  BAOCAO_ASSIGN(auto stored, tx->regimes().create(head, v));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"regime.create", "regime", std::to_string(stored.id), std::nullopt, "",
                            auditJson(stored, 1, v.status, v.body)},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  v.regime_id = stored.id;
  v.body.clear();
  return RegimeView{stored, v, std::move(r), {}};
}

core::Result<RegimeView> RegimeService::store(const Actor* actor, int64_t id,
                                              int64_t expected_version, rg::Regime r,
                                              const std::string& action) {
  BAOCAO_TRY(rg::validateDraft(r));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto head, tx->regimes().get(id));
  if (head.version != expected_version)
    return makeError(ErrorCode::Conflict,
                     "Chế độ báo cáo đã được người khác thay đổi; hãy tải lại và thử lại");
  BAOCAO_TRY(checkUnits(*tx, r));
  BAOCAO_ASSIGN(auto latest, tx->regimes().getVersion(id, head.latest_version));
  auto now = ctx_.clock.now();
  ports::StoredRegimeVersion v;
  v.regime_id = id;
  v.status = rg::Status::Draft;
  v.body = regime_json::body(r);
  v.created_at = now;
  if (actor) v.created_by = actor->user_id;
  std::string before;
  if (latest.status == rg::Status::Draft) {
    v.number = latest.number;  // the draft is edited in place
    before = auditJson(head, latest.number, latest.status, latest.body);
  } else {
    v.number = head.latest_version + 1;  // a published or retired version stays as it was
  }
  ports::StoredRegime h = headOf(r, head);
  h.latest_version = v.number;
  h.updated_at = now;
  BAOCAO_ASSIGN(auto stored, tx->regimes().update(h));
  BAOCAO_TRY(tx->regimes().putVersion(v));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {action, "regime", std::to_string(id), std::nullopt, before,
                            auditJson(stored, v.number, v.status, v.body)},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  v.body.clear();
  return RegimeView{stored, v, std::move(r), {}};
}

core::Result<RegimeView> RegimeService::saveDraft(const Actor* actor, int64_t id,
                                                  int64_t expected_version, rg::Regime r) {
  BAOCAO_TRY(requireWrite(actor));
  return store(actor, id, expected_version, std::move(r), "regime.update");
}

core::Result<RegimeView> RegimeService::putForm(const Actor* actor, int64_t id,
                                                int64_t expected_version, fm::Form f) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_TRY(fm::validateForm(f));
  BAOCAO_ASSIGN(auto current, get(id));
  auto& forms = current.regime.forms;
  auto it = std::find_if(forms.begin(), forms.end(),
                         [&](const fm::Form& x) { return x.code == f.code; });
  if (it != forms.end()) *it = std::move(f);
  else forms.push_back(std::move(f));
  return store(actor, id, expected_version, std::move(current.regime), "regime.form_put");
}

core::Result<std::vector<rg::Finding>> RegimeService::findings(ports::Tx& tx, const rg::Regime& r,
                                                               std::vector<std::string>* problems) {
  BAOCAO_ASSIGN(auto tree, allUnits(tx));
  core::Date today = ctx_.clock.now().vietnamDate();
  auto mine = rg::resolveReportingUnits(r.reporting, tree, today);
  if (problems) *problems = mine.problems;
  auto candidate = rg::coverageOf(r, mine);
  std::vector<rg::Coverage> others;
  ports::RegimeQuery q;
  q.status = rg::Status::Published;
  q.limit = 5000;
  BAOCAO_ASSIGN(auto published, tx.regimes().find(q));
  for (const auto& h : published) {
    if (h.code == r.code || !h.published_version) continue;
    BAOCAO_ASSIGN(auto v, tx.regimes().getVersion(h.id, *h.published_version));
    BAOCAO_ASSIGN(auto other, regime_json::parseBody(v.body));
    others.push_back(rg::coverageOf(other, rg::resolveReportingUnits(other.reporting, tree, today)));
  }
  std::map<std::string, std::string> names;
  for (const auto& u : tree) names[u.code] = u.name;
  // The indicator's responsible agency from the catalog (002 Đ10.4), when it names one.
  std::map<std::string, std::optional<std::string>> agencies;
  for (const auto& code : candidate.indicators) {
    auto ind = tx.indicators().getByCode(code);
    if (!ind) {
      if (ind.error().code != ErrorCode::NotFound) return ind.error();
      continue;
    }
    if (!ind->agency_id) continue;
    auto unit = tx.orgs().get(*ind->agency_id);
    if (unit) agencies[code] = unit->code;
  }
  return rg::checkCoverage(
      candidate, others,
      [&](std::string_view code) -> std::optional<std::string> {
        auto it = agencies.find(std::string(code));
        return it == agencies.end() ? std::nullopt : it->second;
      },
      [&](std::string_view code) {
        auto it = names.find(std::string(code));
        return it == names.end() ? std::string(code) : it->second;
      });
}

core::Result<std::vector<rg::Finding>> RegimeService::conflicts(int64_t id) {
  BAOCAO_ASSIGN(auto view, get(id));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return findings(*tx, view.regime, nullptr);
}

core::Result<RegimeView> RegimeService::publish(const Actor* actor, int64_t id,
                                                int64_t expected_version) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto head, tx->regimes().get(id));
  if (head.version != expected_version)
    return makeError(ErrorCode::Conflict,
                     "Chế độ báo cáo đã được người khác thay đổi; hãy tải lại và thử lại");
  BAOCAO_ASSIGN(auto latest, tx->regimes().getVersion(id, head.latest_version));
  if (latest.status != rg::Status::Draft)
    return makeError(ErrorCode::InvalidTransition,
                     "Chế độ báo cáo không có bản dự thảo để ban hành (phiên bản mới nhất " +
                         std::to_string(latest.number) + " đã được ban hành)");
  BAOCAO_ASSIGN(auto r, regime_json::parseBody(latest.body));
  BAOCAO_TRY(rg::checkPublishable(r));
  BAOCAO_TRY(checkUnits(*tx, r));
  std::vector<std::string> problems;
  BAOCAO_ASSIGN(auto found, findings(*tx, r, &problems));
  if (!problems.empty()) {
    std::vector<core::ErrorDetail> d;
    for (const auto& p : problems) d.push_back({"reporting", p});
    return makeError(ErrorCode::InvalidField, "Đối tượng thực hiện báo cáo: " + problems.front(),
                     std::move(d));
  }
  std::vector<core::ErrorDetail> errors;
  std::vector<rg::Finding> warnings;
  for (auto& f : found) {
    if (f.severity == rg::Finding::Severity::Error) errors.push_back({f.code, f.message});
    else warnings.push_back(std::move(f));
  }
  if (!errors.empty()) {
    std::string msg = errors.front().message;  // copied before `errors` is moved away
    return makeError(ErrorCode::DuplicateReporting, std::move(msg), std::move(errors));
  }
  auto now = ctx_.clock.now();
  if (head.published_version) {
    BAOCAO_ASSIGN(auto old, tx->regimes().getVersion(id, *head.published_version));
    old.status = rg::Status::Superseded;
    BAOCAO_TRY(tx->regimes().putVersion(old));
  }
  latest.status = rg::Status::Published;
  latest.published_at = now;
  BAOCAO_TRY(tx->regimes().putVersion(latest));
  ports::StoredRegime h = head;
  h.status = rg::Status::Published;
  h.published_version = latest.number;
  h.updated_at = now;
  BAOCAO_ASSIGN(auto stored, tx->regimes().update(h));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"regime.publish", "regime", std::to_string(id), std::nullopt,
                            auditJson(head, latest.number, rg::Status::Draft, ""),
                            auditJson(stored, latest.number, latest.status, "")},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  latest.body.clear();
  return RegimeView{stored, latest, std::move(r), std::move(warnings)};
}

core::Result<RegimeView> RegimeService::retire(const Actor* actor, int64_t id,
                                               int64_t expected_version) {
  BAOCAO_TRY(requireWrite(actor));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto head, tx->regimes().get(id));
  if (head.version != expected_version)
    return makeError(ErrorCode::Conflict,
                     "Chế độ báo cáo đã được người khác thay đổi; hãy tải lại và thử lại");
  if (!head.published_version || head.status != rg::Status::Published)
    return makeError(ErrorCode::InvalidTransition,
                     "Chỉ bãi bỏ được chế độ báo cáo đang áp dụng");
  BAOCAO_ASSIGN(auto v, tx->regimes().getVersion(id, *head.published_version));
  v.status = rg::Status::Retired;
  BAOCAO_TRY(tx->regimes().putVersion(v));
  auto now = ctx_.clock.now();
  ports::StoredRegime h = head;
  h.status = rg::Status::Retired;
  h.published_version.reset();
  h.updated_at = now;
  BAOCAO_ASSIGN(auto stored, tx->regimes().update(h));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"regime.retire", "regime", std::to_string(id), std::nullopt,
                            auditJson(head, v.number, rg::Status::Published, ""),
                            auditJson(stored, v.number, v.status, "")},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  BAOCAO_ASSIGN(auto r, regime_json::parseBody(v.body));
  v.body.clear();
  return RegimeView{stored, v, std::move(r), {}};
}

core::Result<RegimeService::Units> RegimeService::reportingUnits(int64_t id, core::Date on) {
  BAOCAO_ASSIGN(auto view, get(id));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto tree, allUnits(*tx));
  auto res = rg::resolveReportingUnits(view.regime.reporting, tree, on);
  Units out;
  for (const auto* u : res.units) out.units.push_back(*u);
  out.problems = std::move(res.problems);
  return out;
}

core::Result<std::map<std::string, std::string>> RegimeService::unitNames(
    const std::vector<std::string>& codes) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  std::map<std::string, std::string> out;
  for (const auto& c : codes) {
    if (c.empty() || out.count(c)) continue;
    auto u = tx->orgs().getByCode(c);
    out[c] = u ? u->name : c;
  }
  return out;
}

core::Result<std::vector<CatalogEntry>> RegimeService::catalog(bool with_statistical) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  ports::RegimeQuery q;
  q.status = rg::Status::Published;
  q.limit = 5000;
  BAOCAO_ASSIGN(auto heads, tx->regimes().find(q));
  BAOCAO_ASSIGN(auto tree, allUnits(*tx));
  std::map<std::string, const core::org::OrgUnit*> by_code;
  for (const auto& u : tree) by_code[u.code] = &u;
  auto nameOf = [&](const std::string& code) {
    auto it = by_code.find(code);
    if (it == by_code.end()) return code;
    // a people's committee is named by its territory in the tree ("Thành phố Hồ Chí Minh")
    const auto& u = *it->second;
    bool committee = u.type == core::org::OrgType::ProvinceCommittee ||
                     u.type == core::org::OrgType::DistrictCommittee ||
                     u.type == core::org::OrgType::CommuneCommittee;
    if (committee && u.name.rfind("UBND", 0) != 0 && u.name.rfind("Ủy ban", 0) != 0)
      return "UBND " + u.name;
    return u.name;
  };
  core::Date today = ctx_.clock.now().vietnamDate();
  std::vector<CatalogEntry> out;
  for (const auto& h : heads) {
    if (!h.published_version) continue;
    if (h.kind != rg::Kind::Periodic && !(with_statistical && h.kind == rg::Kind::Statistical))
      continue;
    BAOCAO_ASSIGN(auto v, tx->regimes().getVersion(h.id, *h.published_version));
    BAOCAO_ASSIGN(auto r, regime_json::parseBody(v.body));
    CatalogEntry e;
    e.regime_id = h.id;
    e.version = v.number;
    e.code = r.code;
    e.name = r.name;
    e.kind = r.kind;
    auto res = rg::resolveReportingUnits(r.reporting, tree, today);
    e.reporting_count = static_cast<int64_t>(res.units.size());
    e.reporting = r.reporting.description;
    if (e.reporting.empty()) {
      // generated from the rule: explicit units by name, rules by type and parent
      std::vector<std::string> parts;
      for (const auto& c : r.reporting.codes) parts.push_back(nameOf(c));
      for (const auto& rule : r.reporting.rules) {
        std::string s = rule.type ? "Các " + std::string(core::org::orgTypeLabel(*rule.type))
                                  : std::string("Các đơn vị");
        if (!rule.under.empty())
          s += (rule.direct ? " trực thuộc " : " thuộc ") + nameOf(rule.under);
        parts.push_back(s);
      }
      for (size_t i = 0; i < parts.size(); ++i) e.reporting += (i ? "; " : "") + parts[i];
    }
    e.receiving_code = r.receiving;
    e.receiving = nameOf(r.receiving);
    e.frequency = r.schedule.label();
    e.legal_basis = r.legal_basis;
    for (size_t i = 0; i < r.send_methods.size(); ++i)
      e.send_methods += (i ? "; " : "") + std::string(rg::sendMethodLabel(r.send_methods[i]));
    e.published_at = v.published_at;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
    return core::text::foldVietnamese(a.name) < core::text::foldVietnamese(b.name);
  });
  return out;
}

}  // namespace baocao::app
