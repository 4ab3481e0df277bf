// XLSX template of a form (biểu mẫu) that looks like the paper form: the regime's name and the
// period in the title, the reporting and receiving units, a two-level header with merged cells
// for column groups ("Thực hiện" over "Kỳ báo cáo" and "Lũy kế"), a numbering row (A, B, C, 1,
// 2, …), one row per indicator indented by nesting with its unit of measure, number formats with
// the row's decimals (Excel shows them as 1.234,5 under a Vietnamese locale), input cells left
// white and unlocked, computed cells grey with the Excel formula where the formula language
// maps onto Excel (+ − × ÷, parentheses, min/max/abs/round/sum/if over this form's cells), the
// explanatory sections and the signature block under the table.
// Thread-safety: pure function; uses a private temporary file per call (libxlsxwriter).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/common/result.h"
#include "core/form/form.h"

namespace baocao::exchange {

struct FormTemplateInfo {
  std::string issuer;          // "UBND THÀNH PHỐ HỒ CHÍ MINH" (top left)
  std::string regime_name;     // printed above the form title
  std::string regime_code;
  std::string period_label;    // "Kỳ báo cáo: Quý I năm 2026"; empty = a blank line to fill in
  std::string reporting_unit;  // empty = "……"
  std::string receiving_unit;
  /// Indicator code → (name, unit of measure) from the catalog, for rows without label/unit.
  std::map<std::string, std::pair<std::string, std::string>> indicators;
};

/// The .xlsx bytes. Internal when the file cannot be written.
core::Result<std::string> formTemplateXlsx(const core::form::Form& form,
                                           const FormTemplateInfo& info);

/// The Excel text of a form formula for the cell of `row` in `column`, or "" when the formula
/// uses something Excel spells differently (text, dates, and/or/not, period functions).
/// `cell(row_code, column_code)` gives "E9". Exposed for tests.
std::string excelFormula(const std::string& formula, const core::form::Form& form,
                         const std::string& row, const std::string& column,
                         const std::function<std::string(const std::string&, const std::string&)>& cell,
                         int context);  // 0 column formula, 1 row formula, 2 cell formula

}  // namespace baocao::exchange
