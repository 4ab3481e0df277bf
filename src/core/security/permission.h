// What each role may do, and where (DOMAIN.md "Who uses it"; 002 Đ17.4; 003 Đ10).
//
// Authorisation is decided here, in the core, from the user's grants and the unit tree; the
// HTTP layer only asks. Scope: a grant on unit U applies to U, and to U's descendants when
// include_subtree is set. Thread-safety: plain functions.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/security/account.h"

namespace baocao::core::security {

enum class Action {
  OrgRead,       // browse the organisation tree
  OrgWrite,      // create/edit units and successor links, import
  UserRead,      // list accounts and their roles
  UserManage,    // create accounts, reset passwords, revoke, grant roles
  AuditRead,     // read the audit log
  CalendarWrite, // edit the official holiday schedule
  SystemManage,  // system-wide settings
  IndicatorWrite, // edit the indicator catalog (scope: the responsible agency) and indicator sets
                  // (scope: the plan owner); 003 Đ9.2a, Đ11
  TargetRegister, // register (đăng ký) a unit's plan targets and record its results; 003 Đ9.3c
  TargetAssign,   // review and assign (giao) targets (scope: the plan owner); 003 Đ3, Đ19.2
  RegimeWrite,    // configure report regimes and their forms: system administrators, the operator
                  // (Văn phòng UBND / Trung tâm Chuyển đổi số; 004 Đ10.1, 002 Đ18.2b)
};
std::string_view actionId(Action a);

/// True when `role` permits `action` at all (ignoring scope).
bool rolePermits(Role role, Action action);

/// `isAncestorOrSelf(ancestor, unit)` answers whether `unit` lies in the subtree of `ancestor`.
using AncestryFn = std::function<bool(int64_t ancestor, int64_t unit)>;

/// True when some grant permits `action` on `unit_id`.
bool permits(const std::vector<Grant>& grants, Action action, int64_t unit_id,
             const AncestryFn& is_ancestor_or_self);

/// True when some grant permits `action` somewhere (for list endpoints filtered by scope).
bool permitsAnywhere(const std::vector<Grant>& grants, Action action);

/// True when a grant of system_admin exists (unrestricted).
bool isSystemAdmin(const std::vector<Grant>& grants);

/// A unit administrator may grant only roles it could hold itself, never system_admin,
/// and only on units inside its own UserManage scope.
bool mayGrant(const std::vector<Grant>& granter, const Grant& wanted,
              const AncestryFn& is_ancestor_or_self);

}  // namespace baocao::core::security
