// Internals shared by the organisation-file readers and writers (org_io.h): error collection,
// the common checks every format gets, and the table layout used by CSV and XLSX.
// Not part of the public API. Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/org_io.h"

namespace baocao::exchange::detail {

inline constexpr size_t kMaxErrors = 100;

/// Where a problem is: `field` goes to ErrorDetail::field ("dòng 12", "C5", "units[3].code"),
/// `prefix` starts the Vietnamese message ("Dòng 12, cột 'loai'", "Ô C5, cột 'loai'",
/// "JSON: units[3].type").
struct Place {
  std::string field;
  std::string prefix;
};

/// Collects up to kMaxErrors problems (and counts the rest).
class Errors {
 public:
  void add(const Place& at, std::string_view what);
  bool any() const { return total_ > 0; }
  size_t total() const { return total_; }
  core::Error toError() const;

 private:
  std::vector<core::ErrorDetail> details_;
  size_t total_ = 0;
};

/// Which value of a unit a Place names.
enum class UnitField { Code, Name, Type, Parent, ValidFrom, ValidTo, Links };

using UnitPlace = std::function<Place(size_t unit_index, UnitField f)>;
using LinkPlace = std::function<Place(size_t link_index)>;

/// Checks every format gets once its values are parsed: code/name rules of
/// core::org::validateUnit, validity order, duplicate codes, self-parent, parent cycles within
/// the file, link self-reference, share range and duplicate links. Then orders units parent
/// before child (stable). Errors are appended to `errs`.
void checkAndOrder(OrgFile& file, const UnitPlace& unit_at, const LinkPlace& link_at,
                   Errors& errs);

/// "Ngày '...' không hợp lệ: …" from core::Date, with a lower-case first letter to follow a
/// place prefix.
std::string lowerFirst(std::string s);

/// Renders a share with the fewest digits that read back to the same double ("1", "0.5").
std::string formatShare(double share);
/// Parses a share ("0.5", "0,5", "1"). Nullopt when not a number.
std::optional<double> parseShare(std::string_view s);

// ---- Table layout shared by CSV and XLSX ----

/// Column names, in the order the writers use.
inline constexpr std::string_view kColCode = "ma";
inline constexpr std::string_view kColName = "ten";
inline constexpr std::string_view kColType = "loai";
inline constexpr std::string_view kColParent = "ma_cap_tren";
inline constexpr std::string_view kColFrom = "hieu_luc_tu";
inline constexpr std::string_view kColTo = "hieu_luc_den";
inline constexpr std::string_view kColLinks = "ke_thua";
inline constexpr std::string_view kColumns[] = {kColCode, kColName, kColType, kColParent,
                                                kColFrom, kColTo, kColLinks};

struct Cell {
  std::string text;
  bool numeric = false;  // XLSX number cell: `text` is its value as written in the file
  bool formula = false;  // XLSX: the cell holds a formula (`text` is its cached result)
  std::string problem;   // XLSX: why the cell cannot be read ("ô chứa lỗi công thức (#N/A)")
};

struct TableRow {
  size_t number = 0;          // 1-based line (CSV, where the record starts) or row (XLSX)
  std::vector<Cell> cells;    // by column index; may be shorter than the header (XLSX)
};

struct Table {
  bool xlsx = false;          // selects the wording of places: "Dòng 12, cột 'x'" or "Ô C5, cột 'x'"
  bool date1904 = false;      // XLSX workbook uses the 1904 date system
  size_t header_row = 1;
  std::vector<std::string> header;
  std::vector<TableRow> rows;
};

/// "A", "B", …, "Z", "AA", … for a 0-based column index.
std::string columnLetters(size_t col);

/// Turns a parsed table (CSV or XLSX) into an OrgFile, reporting problems with their place.
core::Result<OrgFile> tableToOrgFile(const Table& t);
/// The rows (header first) for writing; fails when a link starts at a unit not in the file.
core::Result<std::vector<std::vector<std::string>>> orgFileToTable(const OrgFile& file);

// ---- Generic tables (organisation files, indicator catalogs: indicator_io.h) ----

/// Parses CSV (RFC 4180; UTF-8 with or without BOM; comma, or semicolon when the header has
/// semicolons and no commas) into a Table; `header_hint` names the expected header in the
/// message for an empty file. InvalidFile naming the line.
core::Result<Table> readCsvTable(std::string_view bytes, std::string_view header_hint);
/// UTF-8 with BOM, CRLF, fields quoted when needed.
std::string writeCsvRows(const std::vector<std::vector<std::string>>& rows);
/// Reads the first worksheet of an XLSX file into a Table (zip-bomb guarded).
core::Result<Table> readXlsxTable(std::string_view bytes, std::string_view header_hint);

/// One worksheet as read: its name, visibility and every row that has a cell (row numbers
/// ascending as in the file; cells by 0-based column).
struct Sheet {
  std::string name;
  bool hidden = false;  // state="hidden" or "veryHidden"
  std::vector<TableRow> rows;
  /// The cell at `row` (1-based) and `col` (0-based), or nullptr.
  const Cell* cell(size_t row, size_t col) const;
};
struct Workbook {
  bool date1904 = false;
  std::vector<Sheet> sheets;  // workbook order
  const Sheet* sheet(std::string_view name) const;
};
/// Reads the worksheets of an XLSX file (only the first when `first_only`), with the same
/// guards as readXlsxTable. InvalidFile naming the part or cell that cannot be read; a cell
/// whose value is unreadable is kept with its `problem` set.
core::Result<Workbook> readXlsxWorkbook(std::string_view bytes, bool first_only = false);
/// One sheet with a bold, frozen, filtered header row and text-formatted columns of `widths`.
core::Result<std::string> writeXlsxRows(const std::vector<std::vector<std::string>>& rows,
                                        const char* sheet_name, const std::vector<double>& widths);

// ---- Formats ----
core::Result<OrgFile> readOrgJson(std::string_view bytes);
core::Result<std::string> writeOrgJson(const OrgFile& file);
core::Result<OrgFile> readOrgCsv(std::string_view bytes);
core::Result<std::string> writeOrgCsv(const OrgFile& file);
core::Result<OrgFile> readOrgXlsx(std::string_view bytes);
core::Result<std::string> writeOrgXlsx(const OrgFile& file);

}  // namespace baocao::exchange::detail
