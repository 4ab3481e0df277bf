#include "app/unit_scope.h"

#include <algorithm>

namespace baocao::app {

namespace sec = core::security;

const core::org::OrgUnit* UnitCache::get(int64_t id) {
  auto it = units_.find(id);
  if (it != units_.end()) return it->second ? &*it->second : nullptr;
  auto u = tx_.orgs().get(id);
  auto& slot = units_[id];
  if (u) slot = std::move(u).value();
  return slot ? &*slot : nullptr;
}

bool isReportingRole(sec::Role r) {
  return r == sec::Role::DataEntry || r == sec::Role::Reviewer || r == sec::Role::Approver ||
         r == sec::Role::Sender;
}

bool isReceivingRole(sec::Role r) {
  return r == sec::Role::Aggregator || r == sec::Role::Approver || r == sec::Role::Reviewer ||
         r == sec::Role::Viewer || r == sec::Role::UnitAdmin || r == sec::Role::Inspector ||
         r == sec::Role::SystemAdmin;
}

bool grantReaches(const sec::Grant& g, int64_t unit, OrgIndex& index, UnitCache& units) {
  if (g.unit_id == unit) return true;
  if (g.include_subtree && index.isAncestorOrSelf(g.unit_id, unit)) return true;
  const auto* gu = units.get(g.unit_id);
  return gu && gu->type == core::org::OrgType::Division && gu->parent_id == unit;
}

std::vector<sec::Role> rolesOn(const Actor& actor, int64_t unit, OrgIndex& index,
                               UnitCache& units, bool (*filter)(sec::Role)) {
  std::vector<sec::Role> out;
  for (const auto& g : actor.grants) {
    if (!filter(g.role) || !grantReaches(g, unit, index, units)) continue;
    if (std::find(out.begin(), out.end(), g.role) == out.end()) out.push_back(g.role);
  }
  return out;
}

}  // namespace baocao::app
