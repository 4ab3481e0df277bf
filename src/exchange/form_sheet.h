// Internals shared by the XLSX form template (form_xlsx.h) and the pre-filled report
// (report_xlsx.h): one worksheet laid out as the paper form, and a workbook written to a
// private temporary file. Not part of the public API (includes libxlsxwriter).
// Thread-safety: pure functions; each workbook uses its own temporary file.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "core/common/result.h"
#include "core/expr/decimal.h"
#include "core/form/form.h"
#include "exchange/form_xlsx.h"

namespace baocao::exchange::detail {

/// Fixed columns before the measures: STT, Chỉ tiêu, Mã số, Đơn vị tính.
inline constexpr int kFormFixedColumns = 4;
inline constexpr int kFormCodeColumn = 2;  // "Mã số": the row (indicator) code

struct FormSheetOptions {
  /// Cell code → value to write (input cells, and the cached results of computed cells);
  /// nullptr for a blank template.
  const std::map<std::string, core::expr::Decimal>* values = nullptr;
  /// Cell code → text, for input cells of rows whose values are not numbers.
  const std::map<std::string, std::string>* texts = nullptr;
  bool sections = true;  // the explanatory sections under the table (template only)
  bool protect = false;  // lock the sheet: only input cells can be edited
};

/// Where the form landed on its sheet (0-based rows and columns).
struct FormSheetLayout {
  std::map<std::string, std::pair<int, int>> cells;  // cell code → (row, column), every cell
  std::map<std::string, int> rows;                   // row code → row
};

/// "A", "B", …, "AA" for a 0-based column.
std::string excelColumn(int col);

/// Writes `form` on a new worksheet named after its code. Internal when libxlsxwriter fails.
core::Result<FormSheetLayout> writeFormSheet(lxw_workbook* wb, const core::form::Form& form,
                                             const FormTemplateInfo& info,
                                             const FormSheetOptions& options);

/// Creates a workbook on a private temporary file, lets `fill` write it, closes it and returns
/// the bytes (the file is removed). Internal when the file cannot be written.
core::Result<std::string> buildXlsx(const std::function<core::Status(lxw_workbook*)>& fill);

}  // namespace baocao::exchange::detail
