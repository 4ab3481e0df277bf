// Consolidation (tổng hợp): what a receiving unit sees of the reports of its units for one
// regime and period, and the figures it pulls into its own report to send upward
// (issue 5 point 7; 002 Đ8.1b: each level aggregates the reports of the level below; 000 Đ6;
// docs/domain/workflow.md "Consolidation").
//
// For every cell of the form:
//  - input cells are aggregated across the units whose reports were ACCEPTED, under the row
//    indicator's rule across units (core::indicator::UnitAggregation): sum, average (of the
//    units that gave a value), weighted average (Σ value × weight / Σ weight, the weight being
//    the same column of the row of the indicator `weight_code` in the same unit's report, units
//    without both skipped), min, max; "none" gives no aggregate (text, or a figure that only
//    makes sense per unit);
//  - computed cells (subtotals, rates, "% so cùng kỳ") are recomputed from the aggregated
//    inputs with the form's formulas (form::evaluateForm): a rate is never summed;
//  - every cell lists each reporting unit's value (drill-down), computed cells with the value
//    recomputed from that unit's own inputs.
// Aggregates of input cells are rounded half away from zero to the cell's decimals before the
// computed cells are evaluated, so the figures the receiver pulls into its report are exactly
// those it sees and its own computed cells agree with them.
// Completeness counts reports, not cells: "42/168 đơn vị", with the units still missing; each
// cell also counts the units that gave it a value.
// All arithmetic is exact Decimal (core::expr), in a fixed order (units sorted by code), so
// the result is deterministic. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/expr/decimal.h"
#include "core/form/form.h"
#include "core/indicator/indicator.h"

namespace baocao::core::consolidation {

/// How an indicator combines across units (from the catalog, core::indicator::Indicator).
struct Rule {
  indicator::UnitAggregation aggregation = indicator::UnitAggregation::None;
  std::string weight_code;  // for WeightedAverage: the weighting indicator (a row of the form)
};

struct Unit {
  int64_t id = 0;
  std::string code;
  std::string name;
  bool operator==(const Unit&) const = default;
};

/// The accepted report of one unit: its values keyed by cell code ("CT01.TH"), as stored
/// (decimal with '.', no grouping). Values of computed or disabled cells are ignored (they
/// are recomputed); a value that is not a number is listed in Consolidation::problems.
struct UnitReport {
  Unit unit;
  std::map<std::string, std::string> values;
};

struct Input {
  const form::Form* form = nullptr;
  std::map<std::string, Rule> rules;  // indicator code → rule; a row without one is "none"
  std::vector<Unit> expected;         // units that must report (the obligations)
  std::vector<UnitReport> accepted;   // reports accepted by the receiver
};

/// How a cell's aggregate was obtained. Stable ids: "sum", "average", "weighted_average",
/// "min", "max", "none", "computed", "disabled".
enum class Method { Sum, Average, WeightedAverage, Min, Max, None, Computed, Disabled };
std::string_view methodId(Method m);
std::string_view methodLabel(Method m);  // "Cộng", "Bình quân", … (Vietnamese)

struct UnitValue {
  int64_t unit_id = 0;
  std::optional<expr::Decimal> value;  // unset: blank in that unit's report
  bool operator==(const UnitValue&) const = default;
};

struct CellAggregate {
  std::string cell;                     // "CT01.TH"
  std::string row;
  std::string column;
  Method method = Method::None;
  std::optional<expr::Decimal> value;   // unset: no aggregate (none, no data, or failure)
  int decimals = 0;                     // the cell's display decimals
  int reported = 0;                     // units with a value in this cell
  std::string note;                     // why there is no value, when it is not obvious
  std::vector<UnitValue> units;         // drill-down, one per accepted unit, by unit code
};

struct Consolidation {
  int expected = 0;                     // N in "n/N đơn vị"
  int accepted = 0;                     // n
  std::vector<Unit> missing;            // expected units without an accepted report, by code
  std::vector<Unit> units;              // accepted units, by code (the drill-down order)
  std::vector<CellAggregate> cells;     // form order: rows, then columns
  /// Vietnamese messages about the data, e.g. a stored value that is not a number, or an
  /// accepted report from a unit that is not expected (excluded).
  std::vector<std::string> problems;

  const CellAggregate* cell(const std::string& code) const;
  /// "42/168 đơn vị".
  std::string completenessLabel() const;
  /// The values to pull into the receiver's own report: aggregates of INPUT cells with a
  /// value, as stored text ("1234.5"). Computed cells are left to the receiver's form.
  std::map<std::string, std::string> inputValues() const;
};

/// Consolidates. InvalidField when `in.form` is null.
Result<Consolidation> consolidate(const Input& in);

}  // namespace baocao::core::consolidation
