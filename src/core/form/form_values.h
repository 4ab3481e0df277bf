// Values of a form: the cell code of a cell, and the computation of every computed cell of a
// form from its input cells (the figures a report shows, and the consolidation's recomputed
// rates: a rate of a province is recomputed from its aggregated parts, never summed).
//
// Cell code: row code '.' column code ("CT01.TH"), the key of report values everywhere
// (ports::Draft, workflow::ReportContent, form::validateForm's [IND.COL] references). Column
// codes have no '.', so the code splits at its last '.' (row codes may contain '.').
//
// Computation follows form::cellRule (form.h): a column formula reads [COL] of the same row, a
// row formula [IND] of the same column, a cell formula [IND.COL]; a subtotal row is the sum of
// its children's values (blank children skipped; all blank → blank). A reference to another
// period (prev(), samelastyear(), ytd()) reads `other_periods` when given, else blank. Blank
// (null) propagates through arithmetic (core::expr), so a rate over a blank part stays blank.
// Results are exact Decimals (core::expr arithmetic), not rounded to the cell's decimals.
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/expr/decimal.h"
#include "core/expr/formula.h"
#include "core/form/form.h"

namespace baocao::core::form {

/// "CT01.TH".
std::string cellCode(std::string_view row, std::string_view column);
/// Splits a cell code at its last '.'; nullopt when there is none or a side is empty.
std::optional<std::pair<std::string, std::string>> splitCellCode(std::string_view code);

/// Digits after the decimal comma of a cell: the column's override, else the row's.
int decimalsOfCell(const Row& row, const Column& column);

/// Value of cell (row, column) in another period, or nullopt (blank).
using OtherPeriodValues = std::function<std::optional<expr::Decimal>(
    const std::string& row, const std::string& column, const expr::PeriodShift& shift)>;

struct ComputedCells {
  /// Every computed cell that has a value (cell code → exact value). Blank cells are absent.
  std::map<std::string, expr::Decimal> values;
  /// Cells whose formula failed (cell code → Vietnamese message: "chia cho 0", a cycle…);
  /// such a cell is blank.
  std::map<std::string, std::string> problems;
};

/// Computes every computed cell of `form` from `inputs` (cell code → value of input cells;
/// entries for other cells are ignored). Deterministic.
ComputedCells computeCells(const Form& form, const std::map<std::string, expr::Decimal>& inputs,
                           const OtherPeriodValues& other_periods = {});

}  // namespace baocao::core::form
