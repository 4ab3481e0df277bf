// Use cases on plan targets (issue 4 point 3; 003 Đ3, Đ9.3c, Đ19.2):
//  - register (đăng ký): a unit states the value it commits to for an indicator in an annual or
//    five-year plan; it may re-register until the plan owner has assigned the target;
//  - assign (giao): the plan owner sets the binding value (the registered one or another),
//    and may adjust it later; it may also assign a target nobody registered;
//  - the history of every change (who, when, old → new, comment), kept by the store;
//  - results (kết quả thực hiện) per unit, indicator and year, and the achievement of each
//    target against its result (core::target::achievement, direction-aware).
//
// The plan owner of a target is given at its first registration or assignment and defaults
// to the top of the unit's tree (the province); it must be the unit itself or one of its
// ancestors. Permissions: register and record results need TargetRegister on the unit;
// assign needs TargetAssign on the plan owner. Reading needs an authenticated actor.
// `actor` nullptr is the operator (demo seed, command line). Every change is audited in the
// same transaction ("target.register", "target.assign", "target.actual").
// Thread-safety: stateless beyond Context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"
#include "core/target/target.h"

namespace baocao::app {

class TargetService {
 public:
  TargetService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}

  struct Change {
    std::string plan_period;                 // "2026" / "2026-2030"
    int64_t unit_id = 0;
    int64_t indicator_id = 0;
    double value = 0;
    std::string comment;
    std::optional<int64_t> owner_unit_id;    // only used when the target is new
    std::optional<int64_t> version;          // the target version read; stale → Conflict
  };
  /// InvalidPeriod; InvalidField (value, comment, owner, unknown unit or indicator);
  /// Forbidden; Conflict (stale version, or already assigned: only the owner changes it now).
  core::Result<core::target::Target> registerTarget(const Actor* actor, const Change& c);
  /// InvalidPeriod; InvalidField; Forbidden (no TargetAssign on the plan owner); Conflict.
  core::Result<core::target::Target> assign(const Actor* actor, const Change& c);

  core::Result<std::vector<core::target::Target>> list(const Actor& actor,
                                                       const core::ports::TargetQuery& q);
  struct Detail {
    core::target::Target target;
    std::vector<core::target::TargetChange> history;
  };
  core::Result<Detail> get(const Actor& actor, int64_t id);

  /// Records (or replaces) a result. InvalidField (year 2000..2100, value, source ≤ 1000);
  /// Forbidden (no TargetRegister on the unit).
  core::Result<core::target::Actual> recordActual(const Actor* actor, core::target::Actual a);

  /// One line of an achievement report.
  struct AchievementRow {
    core::target::Target target;
    core::indicator::Indicator indicator;
    std::optional<double> target_value;        // assigned, else registered
    bool target_assigned = false;
    int year = 0;                              // the year of the result compared
    std::optional<core::target::Actual> actual;
    std::optional<core::target::Achievement> achievement;
    std::string note;                          // why no achievement, in Vietnamese
  };
  struct AchievementQuery {
    std::string plan_period;
    std::optional<int64_t> unit_id;
    std::optional<int64_t> indicator_id;
    std::optional<int> year;                   // default: the plan's last year
    std::optional<double> actual;              // "what if": compare with this value instead
  };
  /// Achievement of every target of the period (filtered), ordered like the targets.
  /// `actual` needs both unit_id and indicator_id (InvalidField otherwise).
  core::Result<std::vector<AchievementRow>> achievement(const Actor& actor, const AchievementQuery& q);

 private:
  core::Result<core::target::Target> change(const Actor* actor, const Change& c,
                                            core::target::ChangeKind kind);
  Context& ctx_;
  AuditService& audit_;
};

}  // namespace baocao::app
