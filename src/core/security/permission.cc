#include "core/security/permission.h"

namespace baocao::core::security {

std::string_view actionId(Action a) {
  switch (a) {
    case Action::OrgRead: return "org.read";
    case Action::OrgWrite: return "org.write";
    case Action::UserRead: return "user.read";
    case Action::UserManage: return "user.manage";
    case Action::AuditRead: return "audit.read";
    case Action::CalendarWrite: return "calendar.write";
    case Action::SystemManage: return "system.manage";
    case Action::IndicatorWrite: return "indicator.write";
    case Action::TargetRegister: return "target.register";
    case Action::TargetAssign: return "target.assign";
    case Action::RegimeWrite: return "regime.write";
  }
  return "";
}

bool rolePermits(Role role, Action action) {
  switch (role) {
    case Role::SystemAdmin:
      return true;
    case Role::UnitAdmin:
      // manages its agency's accounts and divisions (002 Đ17.4a)
      return action == Action::OrgRead || action == Action::OrgWrite ||
             action == Action::UserRead || action == Action::UserManage ||
             action == Action::AuditRead ||
             // keeps its agency's indicators and registers its targets (003 Đ9.2a)
             action == Action::IndicatorWrite || action == Action::TargetRegister;
    case Role::Inspector:
      // sees who did what and when, changes nothing (000 Đ14; 001 Đ18)
      return action == Action::OrgRead || action == Action::UserRead ||
             action == Action::AuditRead;
    case Role::DataEntry:
      // enters the unit's registered targets and results (003 Đ9.3c)
      return action == Action::OrgRead || action == Action::TargetRegister;
    case Role::Approver:
      // signs off the unit's registration; on the plan owner, assigns (giao) targets
      return action == Action::OrgRead || action == Action::TargetRegister ||
             action == Action::TargetAssign;
    case Role::Aggregator:
      // the plan owner's staff who review registrations and assign targets (003 Đ3, Đ19.2)
      return action == Action::OrgRead || action == Action::TargetAssign;
    case Role::Reviewer:
    case Role::Sender:
    case Role::Viewer:
      return action == Action::OrgRead;
  }
  return false;
}

bool permits(const std::vector<Grant>& grants, Action action, int64_t unit_id,
             const AncestryFn& is_ancestor_or_self) {
  for (const auto& g : grants) {
    if (!rolePermits(g.role, action)) continue;
    if (g.role == Role::SystemAdmin) return true;
    if (g.unit_id == unit_id) return true;
    if (g.include_subtree && is_ancestor_or_self(g.unit_id, unit_id)) return true;
  }
  return false;
}

bool permitsAnywhere(const std::vector<Grant>& grants, Action action) {
  for (const auto& g : grants)
    if (rolePermits(g.role, action)) return true;
  return false;
}

bool isSystemAdmin(const std::vector<Grant>& grants) {
  for (const auto& g : grants)
    if (g.role == Role::SystemAdmin) return true;
  return false;
}

bool mayGrant(const std::vector<Grant>& granter, const Grant& wanted,
              const AncestryFn& is_ancestor_or_self) {
  if (isSystemAdmin(granter)) return true;
  if (wanted.role == Role::SystemAdmin) return false;
  // the whole granted scope must lie inside a UserManage scope of the granter
  for (const auto& g : granter) {
    if (!rolePermits(g.role, Action::UserManage)) continue;
    bool inside = g.unit_id == wanted.unit_id ||
                  (g.include_subtree && is_ancestor_or_self(g.unit_id, wanted.unit_id));
    if (!inside) continue;
    // a subtree grant on the granter's own unit needs the granter's own subtree scope
    if (wanted.include_subtree && g.unit_id == wanted.unit_id && !g.include_subtree) continue;
    return true;
  }
  return false;
}

}  // namespace baocao::core::security
