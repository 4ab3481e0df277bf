#include "app/obligation_scope.h"

#include <algorithm>

namespace baocao::app::obligation_scope {

namespace sec = core::security;

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

}  // namespace baocao::app::obligation_scope
