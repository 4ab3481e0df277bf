// Plan targets (chỉ tiêu kế hoạch) and their achievement (003 Đ3, Đ9.3c, Đ19.2; DOMAIN.md
// "Indicators (chỉ tiêu) and targets").
//
// For an annual or five-year plan a unit registers (đăng ký) the value it commits to for an
// indicator; the plan owner (e.g. the city) reviews it and assigns (giao) the value that
// binds, possibly a different one. Every change is kept as a TargetChange (who, when, old →
// new, comment). Results (kết quả thực hiện) are recorded per unit, indicator and year and
// compared with the assigned target by achievement(), a pure function.
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/indicator/indicator.h"

namespace baocao::core::target {

/// "registered" (đã đăng ký, waiting for the owner) or "assigned" (đã giao).
enum class TargetStatus { Registered, Assigned };
std::string_view statusId(TargetStatus s);
std::string_view statusLabel(TargetStatus s);
Result<TargetStatus> parseStatus(std::string_view id);

struct Target {
  int64_t id = 0;
  indicator::PlanPeriod period;
  int64_t unit_id = 0;                   // the unit the target is for
  int64_t indicator_id = 0;
  int64_t owner_unit_id = 0;             // the plan owner who assigns (giao)
  std::optional<double> registered_value;
  std::optional<double> assigned_value;
  TargetStatus status = TargetStatus::Registered;
  Timestamp updated_at;
  int64_t version = 1;
};

/// "register" (the unit registers or re-registers), "assign" (the owner assigns or adjusts).
enum class ChangeKind { Register, Assign };
std::string_view changeKindId(ChangeKind k);
std::string_view changeKindLabel(ChangeKind k);
Result<ChangeKind> parseChangeKind(std::string_view id);

/// One entry of a target's history; never edited.
struct TargetChange {
  int64_t id = 0;
  int64_t target_id = 0;
  ChangeKind kind = ChangeKind::Register;
  std::optional<double> old_value;       // of the same kind (registered or assigned)
  double new_value = 0;
  std::string comment;
  Timestamp at;
  std::optional<int64_t> actor_id;       // empty for the operator (command line, demo seed)
  std::string actor_name;
};

/// A result (kết quả thực hiện) of a unit for an indicator in one year.
struct Actual {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t indicator_id = 0;
  int year = 0;
  double value = 0;
  bool estimate = false;                 // ước tính (reported before the official figure)
  std::string source;                    // where the figure comes from
  Timestamp recorded_at;
  int64_t version = 1;
};

/// Checks a value entered for `ind` (registered, assigned or actual): finite; integer
/// indicators take whole numbers, yes/no takes 0 or 1; text and date indicators take no
/// numeric target. `field` names the offending field. InvalidField.
Status validateValue(const indicator::Indicator& ind, double value, std::string_view field);
/// Comment ≤ 2000 bytes of UTF-8. InvalidField naming "comment".
Status validateComment(const std::string& comment);

/// Achievement of an actual against a target (% of plan), direction-aware.
///   higher is better: percent = actual / target × 100; met when actual ≥ target.
///   lower is better:  percent = target / actual × 100; met when actual ≤ target.
///     (poverty rate target 0,5 %, actual 0,4 % → 125 %: the plan is exceeded.)
/// percent is empty when the ratio has no meaning: a zero or negative denominator, or
/// operands of different signs (growth rates that turn negative); `difference`
/// (actual − target) and `met` are always given. Direction None → InvalidField.
struct Achievement {
  std::optional<double> percent;         // rounded to 2 decimals
  double difference = 0;                 // actual − target
  bool met = false;
  std::string label;                     // "Vượt kế hoạch", "Đạt kế hoạch", "Không đạt kế hoạch"
};
Result<Achievement> achievement(indicator::Direction direction, double target, double actual);

}  // namespace baocao::core::target
