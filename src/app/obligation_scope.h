// Who works for which unit on obligations — shared by the obligation use cases
// (obligation_service.cc, obligation_requests.cc). Internal to app.
//  - reporting roles (data_entry, reviewer, approver, sender) and receiving roles (aggregator,
//    approver, reviewer, viewer, unit_admin, inspector, system_admin);
//  - a grant reaches a unit when it is on the unit, above it with the subtree, or on a division
//    of it (divisions prepare their agency's reports: docs/domain/workflow.md "Who owes it").
// Thread-safety: UnitCache belongs to one request; the functions are pure over their inputs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "app/actor.h"
#include "app/org_index.h"
#include "core/obligation/compliance.h"
#include "core/org/org_unit.h"
#include "core/ports/store.h"

namespace baocao::app::obligation_scope {

bool isReportingRole(core::security::Role r);
bool isReceivingRole(core::security::Role r);

/// Units looked up by id once per request (names, types, parents).
class UnitCache {
 public:
  explicit UnitCache(core::ports::Tx& tx) : tx_(tx) {}
  const core::org::OrgUnit* get(int64_t id);

 private:
  core::ports::Tx& tx_;
  std::map<int64_t, std::optional<core::org::OrgUnit>> units_;
};

/// True when `g` reaches `unit`: its own unit, below it with the subtree, or the agency whose
/// division it is.
bool reaches(const core::security::Grant& g, int64_t unit, OrgIndex& index, UnitCache& units);

/// The roles passing `filter` that the actor holds on `unit` (reaches()).
std::vector<core::security::Role> rolesOn(const Actor& actor, int64_t unit, OrgIndex& index,
                                          UnitCache& units, bool (*filter)(core::security::Role));

/// True when the actor holds one of `roles` on `unit` itself or above it with the subtree
/// (no division rule: managing a unit's work, not preparing its report).
bool holdsOn(const Actor& actor, int64_t unit, OrgIndex& index,
             std::initializer_list<core::security::Role> roles);

/// The units an actor works for under roles passing `role_ok`: the granted units (and their
/// subtrees), plus the agency of a granted division.
std::set<int64_t> actingUnits(const Actor& actor, bool (*role_ok)(core::security::Role),
                              OrgIndex& index, UnitCache& units);

/// When a backfill window stops accepting entries: the earlier of open_until and closed_at.
core::Timestamp closesAt(const core::ports::StoredBackfillWindow& w);
/// The stored windows as core::obligation::classify reads them (every unit concerned).
std::vector<core::obligation::BackfillWindow> coreWindows(
    const std::vector<core::ports::StoredBackfillWindow>& windows);
/// Compliance of one stored obligation: its first sending and its backfill record, if any,
/// judged against the windows (002 Đ5.4; 004 Đ9.4).
core::obligation::ComplianceResult complianceOf(
    const core::ports::StoredObligation& s,
    const std::vector<core::obligation::BackfillWindow>& windows, core::Date today,
    const core::calendar::HolidayCalendar& calendar);

/// Every unit of the tree (paged through OrgRepository::find).
core::Result<std::vector<core::org::OrgUnit>> allUnits(core::ports::Tx& tx);

}  // namespace baocao::app::obligation_scope
