// Evaluation of a filled-in form: the computed cells (subtotals, row, column and cell formulas)
// and the validation rules, over the values an officer entered (issue 5 point 3: "computed
// cells and validation updating live"; 004 Đ7: errors block sending, warnings need an
// explanation).
//
// Cells are addressed inside one form as "ROW.COL" (cellKey). Input values are given as stored
// (decimal with '.', no grouping, or text for text rows); a value that does not parse is treated
// as blank. Which formula computes a cell is form::cellRule(); references resolve as documented
// in form.h. prev([X]) reads `previous` (the previous period), samelastyear([X]) reads
// `last_year`; other shifts (ytd, several periods back) have no data here and are blank.
//
// Computed numbers are rounded half away from zero to the cell's decimals (the column's, else
// the row's), so what is shown, checked and signed is the same number. Deterministic: Decimal
// arithmetic only. A computation error (division by zero, overflow) leaves the cell blank and
// names the problem. A rule that yields blank (missing data) has not failed (core::expr).
// Thread-safety: pure function.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/form/form.h"

namespace baocao::core::form {

/// "ROW.COL".
std::string cellKey(std::string_view row, std::string_view column);

struct FormData {
  std::map<std::string, std::string> current;    // "ROW.COL" → stored value
  std::map<std::string, std::string> previous;   // the previous period
  std::map<std::string, std::string> last_year;  // the same period last year
  std::set<std::string> text_rows;               // rows whose values are text, not numbers
};

struct ComputedCell {
  std::optional<std::string> value;  // stored form ("1234.5"); unset = blank
  std::string error;                 // Vietnamese, when the formula could not be computed
};

struct RuleOutcome {
  std::string rule;   // rule code
  std::string row;    // for a row rule: the row checked; empty for a form rule
  Severity severity = Severity::Error;
  std::string message;
  std::vector<std::string> cells;  // "ROW.COL" cells the rule reads (current period)
};

struct FormEvaluation {
  std::map<std::string, ComputedCell> computed;  // every computed cell of the form
  std::vector<RuleOutcome> failures;             // rules that do not hold, in rule then row order
};

/// The digits after the decimal comma of a cell: the column's, else the row's.
int cellDecimals(const Row& row, const Column& column);

FormEvaluation evaluateForm(const Form& form, const FormData& data);

}  // namespace baocao::core::form
