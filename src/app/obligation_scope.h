// Scope and compliance helpers shared by the obligation use cases (obligation_service.cc,
// obligation_requests.cc); which roles reach a unit is app/unit_scope.h (shared with reports).
// Internal to app.
// Thread-safety: UnitCache belongs to one request; the functions are pure over their inputs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "app/actor.h"
#include "app/org_index.h"
#include "app/unit_scope.h"
#include "core/obligation/compliance.h"
#include "core/org/org_unit.h"
#include "core/ports/store.h"

namespace baocao::app::obligation_scope {

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

}  // namespace baocao::app::obligation_scope
