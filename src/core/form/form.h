// Form (biểu mẫu số liệu) of a report regime, and the narrative sections (đề cương) of a report:
// what an officer fills in for one period (DOMAIN.md "Report regimes"; 004 Đ10.1; Decree 09/2019
// Art. 7).
//
// A form is a grid. Rows are indicators of the catalog (by code), nested (a row may have a
// parent row), a row may be a subtotal (sum of its children) or computed by a row formula.
// Columns are measures ("Kế hoạch năm", "Thực hiện kỳ này", "Lũy kế", "Cùng kỳ năm trước",
// "% so cùng kỳ", "% so kế hoạch"), each input or computed by a column formula. A single cell
// may override both (input, computed by its own formula, or not applicable).
//
// Formulas are core::expr formulas. What a reference names depends on where the formula is:
//   column formula      [COL]       another column of the same row        "[LK] / [CK] * 100"
//   row formula         [IND]       another row (indicator) in the same column   "[A] / [B]"
//   cell formula, rule  [IND.COL]   the cell of row IND, column COL       "[CT01.TH] <= [CT01.KH]"
//   rule of scope "row" [COL]       checked on every row that has those cells
// (the breakdown-part syntax [IND.part] of the formula language carries the column code).
//
// Which formula computes a cell, first match wins: the cell's override; a computed column; a
// subtotal or computed row; else the cell is input. A column formula wins over a row subtotal
// because a ratio of sums is not a sum of ratios ("% so cùng kỳ" of a subtotal row).
//
// Validation rules have a severity: an error blocks sending the report, a warning requires an
// explanation from the officer (004 Đ7).
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace baocao::core::form {

/// A narrative section of the outline (đề cương) or of a form's explanatory note.
struct Section {
  std::string code;      // "I", "II.1"
  std::string title;     // "Tình hình kinh tế - xã hội"
  std::string guidance;  // what to write (hướng dẫn)
  bool required = true;
  bool operator==(const Section&) const = default;
};

/// Stable ids: "input", "computed".
enum class ColumnKind { Input, Computed };
/// Stable ids: "input", "subtotal" (sum of the child rows), "computed" (row formula), "heading"
/// (a title row without values, e.g. "I. KINH TẾ").
enum class RowKind { Input, Subtotal, Computed, Heading };
/// Stable ids: "input", "computed", "disabled" (not applicable: shown as "x").
enum class CellKind { Input, Computed, Disabled };
/// Stable ids: "error", "warning".
enum class Severity { Error, Warning };
/// Stable ids: "form" (one check, [IND.COL] references), "row" (each row, [COL] references).
enum class RuleScope { Form, Row };

std::string_view columnKindId(ColumnKind k);
std::string_view rowKindId(RowKind k);
std::string_view cellKindId(CellKind k);
std::string_view severityId(Severity s);
std::string_view severityLabel(Severity s);  // "Lỗi" / "Cảnh báo"
std::string_view ruleScopeId(RuleScope s);
Result<ColumnKind> parseColumnKind(std::string_view id);
Result<RowKind> parseRowKind(std::string_view id);
Result<CellKind> parseCellKind(std::string_view id);
Result<Severity> parseSeverity(std::string_view id);
Result<RuleScope> parseRuleScope(std::string_view id);

struct Column {
  std::string code;        // "TH"; letters, digits, '_' (a formula reference)
  std::string label;       // "Thực hiện kỳ báo cáo"
  std::string group;       // header spanning adjacent columns with the same group ("Thực hiện")
  std::string unit;        // "%" for ratio columns; empty = the row's unit
  ColumnKind kind = ColumnKind::Input;
  std::string formula;     // for Computed: [COL] references
  std::optional<int> decimals;  // overrides the row's decimals (0..6)
  bool operator==(const Column&) const = default;
};

struct Row {
  std::string code;        // indicator code of the catalog (unique within the form)
  std::string label;       // as printed on the form; empty = the indicator's name
  std::string unit;        // đơn vị tính; empty = the indicator's unit
  std::string parent;      // code of the parent row (must come earlier); empty = top level
  RowKind kind = RowKind::Input;
  std::string formula;     // for Computed: [IND] references
  int decimals = 0;        // digits after the decimal comma (0..6)
  bool operator==(const Row&) const = default;
};

struct CellOverride {
  std::string row;
  std::string column;
  CellKind kind = CellKind::Input;
  std::string formula;     // for Computed: [IND.COL] references
  bool operator==(const CellOverride&) const = default;
};

struct ValidationRule {
  std::string code;        // "R1"
  RuleScope scope = RuleScope::Form;
  std::string formula;     // yes/no expression that must hold
  Severity severity = Severity::Error;
  std::string message;     // shown when it does not hold
  bool operator==(const ValidationRule&) const = default;
};

struct Form {
  std::string code;        // "B01"; unique within the regime
  std::string title;       // "Biểu 01: Một số chỉ tiêu kinh tế - xã hội chủ yếu"
  std::string note;        // printed under the title ("Kèm theo báo cáo …")
  std::vector<Column> columns;
  std::vector<Row> rows;   // display order: a parent's descendants follow it
  std::vector<CellOverride> cells;
  std::vector<ValidationRule> rules;
  std::vector<Section> sections;  // explanatory note (thuyết minh) asked with the figures
  std::string instructions;
  bool operator==(const Form&) const = default;

  const Row* row(std::string_view code) const;
  const Column* column(std::string_view code) const;
  /// Depth of a row: 0 for a top-level row.
  int depth(std::string_view row_code) const;
  /// Direct children of a row, in display order.
  std::vector<const Row*> children(std::string_view row_code) const;
  /// Indicator codes of the rows that hold values (not headings), in display order.
  std::vector<std::string> indicatorCodes() const;
};

/// How one cell is filled, after applying the precedence above.
struct CellRule {
  CellKind kind = CellKind::Input;
  enum class Source { Input, Cell, Column, RowSubtotal, RowFormula, Heading } source = Source::Input;
  std::string formula;  // empty for input, subtotal and heading cells
};
CellRule cellRule(const Form& f, const Row& row, const Column& col);

/// Checks a form: codes present, well formed and unique; parents exist and come earlier (no
/// cycle), depth ≤ 6; subtotal rows have children; formulas parse and type-check against the
/// form (core::expr) with references of the right kind; overrides name existing cells; rules
/// are yes/no. Every problem is one detail (field path like "rows[3].formula"), the message
/// names the first. InvalidField / InvalidFormula.
Status validateForm(const Form& f);

/// Checks the narrative sections (codes unique, titles present). `field` prefixes the paths.
Status validateSections(const std::vector<Section>& sections, const std::string& field);

}  // namespace baocao::core::form
