// A report as a pre-filled XLSX workbook, and reading it back (issue 5 point 3: "download the
// form as a pre-filled XLSX and upload it back: validated as a whole, applied atomically or not
// at all, with a per-cell error list in Vietnamese").
//
// Workbook layout:
//  - one sheet per form, named after the form code, laid out as the paper form (form_xlsx.h:
//    title, period, reporting and receiving units, merged two-level header, one row per
//    indicator with its code in column C and unit in column D, number formats with the cell's
//    decimals). Input cells are white, unlocked and pre-filled with the report's values;
//    computed cells are grey, locked, hold the Excel formula where one exists (with the value
//    computed by the server as cached result) or the computed value; "x" marks a cell that does
//    not apply. Sheets are protected without a password: only input cells can be typed into,
//    rows and columns cannot be inserted or deleted.
//  - sheet "Thuyết minh": one row per narrative section (code, title and guidance, text).
//  - hidden sheet "#baocao": the map back to the report — a format marker, the obligation key,
//    regime, period, unit and working-copy revision, each form's code with its signature
//    (formSignature), for every cell its code, sheet, address, kind and the value written, for
//    every section its code, address and text as downloaded (so the upload knows which cells
//    the user changed, and its base revision).
//
// Reading checks the whole file before returning anything (all or nothing):
//  - the file is this report's (same obligation key) and each form has the same signature as
//    the form in force (a form changed since the download, e.g. a row added, is refused: "tải
//    lại tệp");
//  - on each form sheet, column C of every indicator row still holds its code (rows moved,
//    inserted or deleted are refused);
//  - input cells: a number (Excel stores doubles: the value is taken to 15 significant digits,
//    as Excel shows it, so 0.1+0.2 stored as 0.30000000000000004 reads "0.3"), or a text that
//    is a number in Vietnamese ("1.234,5") or plain ("1234.5") spelling; no more fractional
//    digits than the cell's decimals; a formula's cached result counts, a formula without
//    one is refused ("mở bằng Excel và lưu lại"); Excel error values are refused;
//  - computed cells: DECISION — a computed cell still holding its formula, or the value that
//    was written, is ignored (the server always recomputes); a computed cell whose content was
//    replaced by another value is an ERROR, because the officer evidently meant that figure and
//    silently dropping it would send a report that says something else;
//  - cells marked "x" must stay blank or "x".
// Every problem is one ErrorDetail: field = "<form>/<cell code>" ("B01/CT05.TH", the report
// service's full cell key), or a place like "B01!C12" for a structural problem; message =
// "Biểu B01, ô E12 (CT05.TH): 'abc' không phải là số". At most 100 are listed; InvalidFile.
//
// Values are given and returned per form (form code → cell code "ROW.COL" → value), so the
// caller keeps whatever key it stores them under; narrative sections are keyed by the codes
// of `ReportXlsxInfo::sections` as given.
// Thread-safety: pure functions; each call uses its own temporary file.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/form/form.h"
#include "exchange/form_xlsx.h"

namespace baocao::exchange {

/// What identifies the report in the file, and what is printed on its sheets.
struct ReportXlsxInfo {
  FormTemplateInfo print;       // issuer, regime, period label, units, indicator names
  std::string obligation_key;   // "BC-KTXH/202603/u42"
  std::string regime_code;
  std::string period_id;
  std::string unit_code;
  /// The working copy's revision the values are from: the upload's base revision, so that a
  /// cell someone else changed meanwhile is a conflict, not silently overwritten.
  int64_t revision = 0;
  /// Narrative sections asked by the report (regime outline, then each form's sections).
  std::vector<core::form::Section> sections;
  /// Rows whose values are not numbers (indicator value type text, yes/no, date): written and
  /// read back as text, left to the caller to check.
  std::set<std::string> text_rows;
};

/// A stable fingerprint of what a form's cells are: codes, kinds, formulas, nesting and
/// decimals (labels and layout text excluded). "f1-" + 16 hex digits.
std::string formSignature(const core::form::Form& form);

/// Form code → cell code ("ROW.COL") → stored value (decimal with '.', no grouping).
using FormValues = std::map<std::string, std::map<std::string, std::string>>;

/// The workbook. `values`: the input cells of each form (other cells are recomputed with
/// form::evaluateForm); `narrative`: section code → text. InvalidField when a stored value is
/// not a decimal or a narrative is longer than an Excel cell holds (32 767 characters).
core::Result<std::string> reportXlsx(const std::vector<core::form::Form>& forms,
                                     const ReportXlsxInfo& info, const FormValues& values,
                                     const std::map<std::string, std::string>& narrative);

/// What an uploaded workbook says: the complete content of the input cells and sections (a
/// blank cell is absent, so the caller clears what is no longer there).
struct ReportUpload {
  FormValues values;                             // canonical decimals ("1234.5")
  std::map<std::string, std::string> narrative;  // section code → text (LF line ends)
  /// What the file held when it was downloaded, and the revision it was taken from: the
  /// cells whose value differs from `original` are the ones the user changed in Excel.
  int64_t base_revision = 0;
  FormValues original;
  std::map<std::string, std::string> original_narrative;
};

/// Reads a workbook written by reportXlsx for the report described by `expected` with its
/// forms in force. InvalidFile with one detail per problem (see the header comment).
core::Result<ReportUpload> readReportXlsx(std::string_view bytes,
                                          const std::vector<core::form::Form>& forms,
                                          const ReportXlsxInfo& expected);

/// Exposed for tests: the value of an Excel number cell as written in the file ("0.1",
/// "1.2345E+20", "0.30000000000000004") rounded to 15 significant digits, as canonical decimal
/// text; nullopt when it is not a number or too large.
std::optional<std::string> excelNumberText(std::string_view v);

}  // namespace baocao::exchange
