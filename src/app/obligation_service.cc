#include "app/obligation_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "app/obligation_scope.h"
#include "app/regime_json.h"
#include "app/unit_scope.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace ob = core::obligation;
namespace ports = core::ports;
namespace rg = core::regime;
namespace sec = core::security;
namespace wf = core::workflow;
using namespace obligation_scope;  // NOLINT(google-build-using-namespace): internal helpers

namespace {

std::string periodLabelOf(const ports::StoredObligation& s) {
  return s.obligation.period ? ob::periodLabel(*s.obligation.period) : std::string();
}

/// The regime's name, or for an ad hoc request its title (its obligations carry the request id
/// as regime code).
std::string regimeOrRequestName(ports::Tx& tx, const ob::Obligation& o) {
  if (auto h = tx.regimes().getByCode(o.regime_code)) return h->name;
  if (auto r = tx.obligations().getRequest(o.regime_code)) return r->title;
  return o.kind == ob::Kind::Periodic ? o.regime_code : o.title;
}

}  // namespace

core::Result<GenerationReport> ObligationService::generateDue(const Actor* actor,
                                                              core::Date today) {
  if (actor && !sec::isSystemAdmin(actor->grants))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền lập nghĩa vụ báo cáo: thao tác này dành cho quản trị hệ thống");
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  GenerationReport rep;
  std::vector<ob::Obligation> due;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    ports::RegimeQuery q;
    q.status = rg::Status::Published;
    q.limit = 5000;
    BAOCAO_ASSIGN(auto heads, tx->regimes().find(q));
    BAOCAO_ASSIGN(auto tree, allUnits(*tx));
    std::map<std::string, const core::org::OrgUnit*> by_code;
    for (const auto& u : tree) by_code[u.code] = &u;
    for (const auto& h : heads) {
      if (!h.published_version) continue;
      if (h.kind != rg::Kind::Periodic && h.kind != rg::Kind::Statistical) continue;
      BAOCAO_ASSIGN(auto v, tx->regimes().getVersion(h.id, *h.published_version));
      auto parsed = regime_json::parseBody(v.body);
      if (!parsed) {
        rep.problems.push_back(h.code + ": " + parsed.error().message);
        continue;
      }
      const rg::Regime& r = *parsed;
      if (!r.schedule.frequency) continue;
      ++rep.regimes;
      auto recv = by_code.find(r.receiving);
      if (recv == by_code.end()) {
        rep.problems.push_back(h.code + ": không có đơn vị nhận báo cáo '" + r.receiving + "'");
        continue;
      }
      auto res = rg::resolveReportingUnits(r.reporting, tree, today);
      ob::RegimeSchedule base;
      base.regime_code = r.code;
      base.name = r.name;
      base.deadline_rule = r.schedule.deadlineRule();
      base.receiving_unit_id = recv->second->id;
      base.effective_from =
          v.published_at ? v.published_at->vietnamDate() : h.updated_at.vietnamDate();
      for (const auto* u : res.units)
        if (u->id != base.receiving_unit_id) base.reporting_unit_ids.push_back(u->id);
      std::sort(base.reporting_unit_ids.begin(), base.reporting_unit_ids.end());
      std::vector<ob::RegimeSchedule> schedules;
      if (!base.reporting_unit_ids.empty()) schedules.push_back(base);
      // the receiving unit aggregates and reports one level up (002 Đ8.1b)
      if (r.schedule.levels >= 2 && recv->second->parent_id) {
        ob::RegimeSchedule up = base;
        up.reporting_unit_ids = {recv->second->id};
        up.receiving_unit_id = *recv->second->parent_id;
        up.level = 1;
        schedules.push_back(up);
      }
      for (auto& s : schedules) {
        for (auto type : r.schedule.frequencies()) {
          s.period_type = type;
          auto g = ob::generate(s, *cal, ob::GenerationWindow{today, lead_days_});
          if (!g) {
            rep.problems.push_back(h.code + ": " + g.error().message);
            continue;
          }
          for (auto& o : g->obligations) due.push_back(std::move(o));
          if (s.level == 0)
            for (const auto& sk : g->skipped) rep.skipped.push_back(sk.message);
        }
      }
    }
  }
  rep.generated = static_cast<int>(due.size());
  if (due.empty()) return rep;
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  std::map<std::string, std::set<std::string>> existing;
  core::Timestamp now = ctx_.clock.now();
  for (const auto& o : due) {
    auto it = existing.find(o.regime_code);
    if (it == existing.end()) {
      BAOCAO_ASSIGN(auto keys, tx->obligations().keysOf(o.regime_code));
      it = existing.emplace(o.regime_code, std::move(keys)).first;
    }
    if (it->second.count(o.key)) continue;
    BAOCAO_ASSIGN(bool inserted, tx->obligations().insert(o, now));
    if (inserted) ++rep.created;
    it->second.insert(o.key);
  }
  rep.existing = rep.generated - rep.created;
  if (rep.created > 0) {
    nlohmann::ordered_json after{{"today", today.iso()},
                                 {"regimes", rep.regimes},
                                 {"created", rep.created},
                                 {"existing", rep.existing}};
    BAOCAO_TRY(audit_.append(*tx, actor,
                             {"obligation.generate", "obligation", today.iso(), std::nullopt, "",
                              after.dump()},
                             actor ? "" : "scheduler"));
  }
  BAOCAO_TRY(tx->commit());
  return rep;
}

core::Result<std::vector<OwedView>> ObligationService::owed(const Actor& actor,
                                                            core::Date today) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  UnitCache units(*tx);
  std::set<int64_t> ids = actingUnits(actor, isReportingRole, ctx_.index, units);
  std::vector<OwedView> out;
  if (ids.empty()) return out;
  ports::ObligationQuery q;
  q.unit_ids = std::vector<int64_t>(ids.begin(), ids.end());
  q.limit = 5000;
  BAOCAO_ASSIGN(auto found, tx->obligations().find(q));
  std::map<std::string, std::string> regime_names;
  for (auto& s : found) {
    const auto& o = s.obligation;
    wf::Situation sit;
    sit.state = s.state;
    sit.today = today;
    sit.amendment_deadline = o.amendment_deadline;
    sit.actor.user_id = actor.user_id;
    sit.actor.roles_on_unit = rolesOn(actor, o.unit_id, ctx_.index, units, isReportingRole);
    sit.actor.roles_on_receiver =
        rolesOn(actor, o.receiving_unit_id, ctx_.index, units, isReceivingRole);
    OwedView v;
    v.item = ob::owedItem(o, sit, *cal);
    auto rn = regime_names.find(o.regime_code);
    if (rn == regime_names.end())
      rn = regime_names.emplace(o.regime_code, regimeOrRequestName(*tx, o)).first;
    v.regime_name = rn->second;
    v.period_label = periodLabelOf(s);
    if (const auto* u = units.get(o.unit_id)) {
      v.unit_code = u->code;
      v.unit_name = u->name;
    }
    if (const auto* u = units.get(o.receiving_unit_id)) {
      v.receiving_code = u->code;
      v.receiving_name = u->name;
    }
    v.stored = std::move(s);
    out.push_back(std::move(v));
  }
  // the order of sortOwed, applied to the views through their items
  std::vector<ob::OwedItem> items;
  for (const auto& v : out) items.push_back(v.item);
  ob::sortOwed(items);
  std::map<std::string, size_t> rank;
  for (size_t i = 0; i < items.size(); ++i) rank[items[i].obligation_key] = i;
  std::sort(out.begin(), out.end(), [&](const OwedView& a, const OwedView& b) {
    return rank[a.item.obligation_key] < rank[b.item.obligation_key];
  });
  return out;
}

core::Result<ReceivedView> ObligationService::received(const Actor& actor,
                                                       const std::string& regime_code,
                                                       const std::string& period_id,
                                                       core::Date today) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  std::string regime_name;
  if (auto head = tx->regimes().getByCode(regime_code)) {
    regime_name = head->name;
  } else if (auto req = tx->obligations().getRequest(regime_code)) {
    regime_name = req->title;  // an ad hoc request (its obligations carry its id)
  } else {
    return head.error();
  }
  BAOCAO_ASSIGN(auto stored_windows, tx->obligations().windows());
  const auto windows = coreWindows(stored_windows);
  if (!period_id.empty()) {
    BAOCAO_ASSIGN(auto p, core::period::Period::parse(period_id));
    (void)p;
  }
  ports::ObligationQuery q;
  q.regime_code = regime_code;
  q.period_id = period_id;
  q.limit = 5000;
  BAOCAO_ASSIGN(auto found, tx->obligations().find(q));
  UnitCache units(*tx);
  ReceivedView view;
  view.regime_code = regime_code;
  view.regime_name = regime_name;
  view.period_id = period_id;
  std::map<int64_t, bool> allowed;
  bool any_receiver = false;
  std::vector<ob::ComplianceResult> results;
  for (auto& s : found) {
    int64_t recv = s.obligation.receiving_unit_id;
    auto it = allowed.find(recv);
    if (it == allowed.end())
      it = allowed
               .emplace(recv, !rolesOn(actor, recv, ctx_.index, units, isReceivingRole).empty())
               .first;
    if (!it->second) continue;
    any_receiver = true;
    ReceivedRow row;
    row.compliance = complianceOf(s, windows, today, *cal);
    row.period_label = periodLabelOf(s);
    if (const auto* u = units.get(s.obligation.unit_id)) {
      row.unit_code = u->code;
      row.unit_name = u->name;
    }
    results.push_back(row.compliance);
    row.stored = std::move(s);
    view.rows.push_back(std::move(row));
  }
  if (!any_receiver && !found.empty())
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền xem tình hình gửi báo cáo '" + regime_name +
                         "': chỉ đơn vị nhận báo cáo xem được (ngoài phạm vi được phân quyền)");
  std::sort(view.rows.begin(), view.rows.end(), [](const ReceivedRow& a, const ReceivedRow& b) {
    if (a.stored.obligation.deadline != b.stored.obligation.deadline)
      return a.stored.obligation.deadline > b.stored.obligation.deadline;  // latest period first
    return a.unit_code < b.unit_code;
  });
  view.summary = ob::summarize(results);
  return view;
}

core::Result<std::vector<ReceivedGroup>> ObligationService::receivedGroups(const Actor& actor,
                                                                          core::Date today,
                                                                          int limit) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  UnitCache units(*tx);
  std::set<int64_t> ids = actingUnits(actor, isReceivingRole, ctx_.index, units);
  std::vector<ReceivedGroup> out;
  if (ids.empty()) return out;
  ports::ObligationQuery q;
  q.receiving_unit_ids = std::vector<int64_t>(ids.begin(), ids.end());
  q.limit = 5000;
  BAOCAO_ASSIGN(auto found, tx->obligations().find(q));
  BAOCAO_ASSIGN(auto stored_windows, tx->obligations().windows());
  const auto windows = coreWindows(stored_windows);
  struct Acc {
    ReceivedGroup g;
    std::vector<ob::ComplianceResult> results;
  };
  std::map<std::tuple<std::string, std::string, int64_t>, Acc> groups;
  std::map<std::string, std::string> regime_names;
  for (const auto& s : found) {
    const auto& o = s.obligation;
    std::string pid = o.period ? o.period->id() : std::string();
    auto& acc = groups[{o.regime_code, pid, o.receiving_unit_id}];
    if (acc.results.empty()) {
      acc.g.regime_code = o.regime_code;
      auto rn = regime_names.find(o.regime_code);
      if (rn == regime_names.end())
        rn = regime_names.emplace(o.regime_code, regimeOrRequestName(*tx, o)).first;
      acc.g.regime_name = rn->second;
      acc.g.period = o.period;
      acc.g.period_label = periodLabelOf(s);
      acc.g.receiving_unit_id = o.receiving_unit_id;
      if (const auto* u = units.get(o.receiving_unit_id)) {
        acc.g.receiving_code = u->code;
        acc.g.receiving_name = u->name;
      }
      acc.g.deadline = o.deadline;
    }
    acc.g.deadline = std::max(acc.g.deadline, o.deadline);
    acc.results.push_back(complianceOf(s, windows, today, *cal));
  }
  for (auto& [k, acc] : groups) {
    acc.g.summary = ob::summarize(acc.results);
    out.push_back(std::move(acc.g));
  }
  std::sort(out.begin(), out.end(), [](const ReceivedGroup& a, const ReceivedGroup& b) {
    if (a.deadline != b.deadline) return a.deadline > b.deadline;
    if (a.regime_code != b.regime_code) return a.regime_code < b.regime_code;
    return a.period_label < b.period_label;
  });
  if (out.size() > static_cast<size_t>(std::max(limit, 0))) out.resize(static_cast<size_t>(limit));
  return out;
}

core::Result<std::map<int64_t, std::vector<int64_t>>> ObligationService::reportersOf(
    const std::vector<int64_t>& unit_ids) {
  std::map<int64_t, std::vector<int64_t>> out;
  for (int64_t u : unit_ids) out[u];
  if (out.empty()) return out;
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  UnitCache units(*tx);
  ports::UserRepository::Query q;
  q.include_revoked = false;
  q.limit = 5000;
  for (q.offset = 0;; q.offset += q.limit) {
    BAOCAO_ASSIGN(auto page, tx->users().find(q));
    for (const auto& user : page) {
      if (user.revoked) continue;
      Actor actor;
      actor.user_id = user.id;
      BAOCAO_ASSIGN(actor.grants, tx->users().grantsOf(user.id));
      if (std::none_of(actor.grants.begin(), actor.grants.end(),
                       [](const sec::Grant& g) { return isReportingRole(g.role); }))
        continue;
      for (auto& [unit, users] : out)
        if (!rolesOn(actor, unit, ctx_.index, units, isReportingRole).empty())
          users.push_back(user.id);
    }
    if (page.size() < static_cast<size_t>(q.limit)) break;
  }
  for (auto& [unit, users] : out) std::sort(users.begin(), users.end());
  return out;
}

}  // namespace baocao::app
