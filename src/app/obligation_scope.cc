#include "app/obligation_scope.h"

#include <algorithm>

namespace baocao::app::obligation_scope {

namespace sec = core::security;

bool isReportingRole(sec::Role r) {
  return r == sec::Role::DataEntry || r == sec::Role::Reviewer || r == sec::Role::Approver ||
         r == sec::Role::Sender;
}
bool isReceivingRole(sec::Role r) {
  return r == sec::Role::Aggregator || r == sec::Role::Approver || r == sec::Role::Reviewer ||
         r == sec::Role::Viewer || r == sec::Role::UnitAdmin || r == sec::Role::Inspector ||
         r == sec::Role::SystemAdmin;
}

const core::org::OrgUnit* UnitCache::get(int64_t id) {
  auto it = units_.find(id);
  if (it != units_.end()) return it->second ? &*it->second : nullptr;
  auto u = tx_.orgs().get(id);
  auto& slot = units_[id];
  if (u) slot = std::move(u).value();
  return slot ? &*slot : nullptr;
}

bool reaches(const sec::Grant& g, int64_t unit, OrgIndex& index, UnitCache& units) {
  if (g.unit_id == unit) return true;
  if (g.include_subtree && index.isAncestorOrSelf(g.unit_id, unit)) return true;
  const auto* gu = units.get(g.unit_id);
  return gu && gu->type == core::org::OrgType::Division && gu->parent_id == unit;
}

std::vector<sec::Role> rolesOn(const Actor& actor, int64_t unit, OrgIndex& index,
                               UnitCache& units, bool (*filter)(sec::Role)) {
  std::vector<sec::Role> out;
  for (const auto& g : actor.grants) {
    if (!filter(g.role) || !reaches(g, unit, index, units)) continue;
    if (std::find(out.begin(), out.end(), g.role) == out.end()) out.push_back(g.role);
  }
  return out;
}

bool holdsOn(const Actor& actor, int64_t unit, OrgIndex& index,
             std::initializer_list<sec::Role> roles) {
  for (const auto& g : actor.grants) {
    if (std::find(roles.begin(), roles.end(), g.role) == roles.end()) continue;
    if (g.unit_id == unit || (g.include_subtree && index.isAncestorOrSelf(g.unit_id, unit)))
      return true;
  }
  return false;
}

std::set<int64_t> actingUnits(const Actor& actor, bool (*role_ok)(sec::Role), OrgIndex& index,
                              UnitCache& units) {
  auto scoped = index.unitsInScope(actor.grants, role_ok);
  std::set<int64_t> ids(scoped.begin(), scoped.end());
  for (const auto& g : actor.grants) {
    if (!role_ok(g.role)) continue;
    const auto* u = units.get(g.unit_id);
    if (u && u->type == core::org::OrgType::Division && u->parent_id) ids.insert(*u->parent_id);
  }
  return ids;
}

core::Timestamp closesAt(const core::ports::StoredBackfillWindow& w) {
  return w.closed_at ? std::min(*w.closed_at, w.open_until) : w.open_until;
}

std::vector<core::obligation::BackfillWindow> coreWindows(
    const std::vector<core::ports::StoredBackfillWindow>& windows) {
  std::vector<core::obligation::BackfillWindow> out;
  for (const auto& w : windows)
    out.push_back({w.id, w.reason, w.outage_from, w.outage_to, w.opened_at, closesAt(w), {}});
  return out;
}

core::obligation::ComplianceResult complianceOf(
    const core::ports::StoredObligation& s,
    const std::vector<core::obligation::BackfillWindow>& windows, core::Date today,
    const core::calendar::HolidayCalendar& calendar) {
  core::obligation::SendingFacts facts;
  facts.first_sent_at = s.first_sent_at;
  if (s.backfill)
    facts.backfill = core::obligation::BackfillEntry{s.backfill->window_id, s.backfill->true_sent_on,
                                                     s.backfill->explanation,
                                                     s.backfill->recorded_at};
  return core::obligation::classify(s.obligation, facts, windows, today, calendar);
}

core::Result<std::vector<core::org::OrgUnit>> allUnits(core::ports::Tx& tx) {
  std::vector<core::org::OrgUnit> out;
  core::ports::OrgQuery q;
  q.limit = 5000;
  for (q.offset = 0;; q.offset += q.limit) {
    BAOCAO_ASSIGN(auto page, tx.orgs().find(q));
    size_t n = page.size();
    for (auto& u : page) out.push_back(std::move(u));
    if (n < static_cast<size_t>(q.limit)) break;
  }
  return out;
}

}  // namespace baocao::app::obligation_scope
