// Which roles a user holds on one unit, as the report workflow sees them (core::workflow::Actor
// is built from these): a grant reaches its own unit, the units below it when it includes the
// subtree, and the agency whose division it is — a division's officers prepare their agency's
// reports (docs/domain/workflow.md "Who acts"). Used by ObligationService and ReportService so
// "what do I owe" and the report screen offer the same actions.
// Thread-safety: UnitCache belongs to one request (one Tx); the functions are pure.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "app/actor.h"
#include "app/org_index.h"
#include "core/org/org_unit.h"
#include "core/ports/store.h"
#include "core/security/account.h"

namespace baocao::app {

/// Units looked up by id once per request (names, types, parents).
class UnitCache {
 public:
  explicit UnitCache(core::ports::Tx& tx) : tx_(tx) {}
  /// nullptr when there is no such unit.
  const core::org::OrgUnit* get(int64_t id);

 private:
  core::ports::Tx& tx_;
  std::map<int64_t, std::optional<core::org::OrgUnit>> units_;
};

/// Roles that prepare and send a unit's reports: data_entry, reviewer, approver, sender.
bool isReportingRole(core::security::Role r);
/// Roles that see what a receiving unit receives: aggregator, approver, reviewer, viewer,
/// unit_admin, inspector, system_admin.
bool isReceivingRole(core::security::Role r);

/// True when `g` reaches `unit` (see the header comment).
bool grantReaches(const core::security::Grant& g, int64_t unit, OrgIndex& index,
                  UnitCache& units);

/// The distinct roles passing `filter` that the actor holds on `unit`, in grant order.
std::vector<core::security::Role> rolesOn(const Actor& actor, int64_t unit, OrgIndex& index,
                                          UnitCache& units,
                                          bool (*filter)(core::security::Role));

}  // namespace baocao::app
