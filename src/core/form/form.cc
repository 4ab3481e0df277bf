#include "core/form/form.h"

#include <set>

#include "core/expr/formula.h"
#include "core/expr/type_check.h"

namespace baocao::core::form {

namespace {

template <typename E, size_t N>
Result<E> parseEnum(std::string_view id, const std::pair<E, std::string_view> (&table)[N],
                    std::string_view what) {
  for (const auto& [e, name] : table)
    if (name == id) return e;
  std::string allowed;
  for (const auto& [e, name] : table) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  return makeError(ErrorCode::InvalidField, std::string(what) + " '" + std::string(id) +
                                                "' không hợp lệ (chọn một trong: " + allowed + ")");
}

constexpr std::pair<ColumnKind, std::string_view> kColumnKinds[] = {
    {ColumnKind::Input, "input"}, {ColumnKind::Computed, "computed"}};
constexpr std::pair<RowKind, std::string_view> kRowKinds[] = {{RowKind::Input, "input"},
                                                              {RowKind::Subtotal, "subtotal"},
                                                              {RowKind::Computed, "computed"},
                                                              {RowKind::Heading, "heading"}};
constexpr std::pair<CellKind, std::string_view> kCellKinds[] = {
    {CellKind::Input, "input"}, {CellKind::Computed, "computed"}, {CellKind::Disabled, "disabled"}};
constexpr std::pair<Severity, std::string_view> kSeverities[] = {{Severity::Error, "error"},
                                                                 {Severity::Warning, "warning"}};
constexpr std::pair<RuleScope, std::string_view> kScopes[] = {{RuleScope::Form, "form"},
                                                              {RuleScope::Row, "row"}};

template <typename E, size_t N>
std::string_view idOf(E e, const std::pair<E, std::string_view> (&table)[N]) {
  for (const auto& [k, name] : table)
    if (k == e) return name;
  return table[0].second;
}

constexpr int kMaxDepth = 6;
constexpr size_t kMaxCodeBytes = 64;
constexpr size_t kMaxTextBytes = 2000;

bool isColumnCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}
// Row codes are catalog codes: the formula language's code characters plus '.'.
bool isRowCodeChar(char c) { return isColumnCodeChar(c) || c == '-' || c == '.'; }

std::string badCode(std::string_view code, bool row) {
  if (code.empty()) return "thiếu mã";
  if (code.size() > kMaxCodeBytes) return "mã dài quá " + std::to_string(kMaxCodeBytes) + " byte";
  for (char c : code)
    if (!(row ? isRowCodeChar(c) : isColumnCodeChar(c)))
      return "mã '" + std::string(code) + "' chỉ được gồm chữ cái không dấu, chữ số, '_'" +
             (row ? ", '-', '.'" : "");
  if (row && (code.front() == '.' || code.back() == '.'))
    return "mã '" + std::string(code) + "' không được bắt đầu hay kết thúc bằng '.'";
  return {};
}

// The name a reference designates: "[A.b]" → "A.b" (the formula language splits at the first
// '.', a form reference is read whole and split by the context).
std::string refName(const expr::Reference& r) { return r.part.empty() ? r.code : r.code + "." + r.part; }

// Checks a formula whose references must each be one of `names` and whose result must be of
// `want` type. `what` describes a valid reference for the error message.
void checkFormula(const std::string& text, const std::set<std::string>& names,
                  expr::ValueType want, const std::string& field, const std::string& what,
                  std::vector<ErrorDetail>& problems, bool allow_shift = true) {
  if (text.empty()) {
    problems.push_back({field, "thiếu công thức"});
    return;
  }
  auto f = expr::Formula::parse(text);
  if (!f) {
    problems.push_back({field, f.error().message});
    return;
  }
  for (const auto& r : f->references()) {
    std::string name = refName(r);
    if (!names.count(name)) {
      problems.push_back({field, "ký tự " + std::to_string(r.position) + ": '" + name +
                                     "' không phải " + what});
      return;
    }
    if (!allow_shift && !r.shift.isCurrent()) {
      problems.push_back({field, "ký tự " + std::to_string(r.position) +
                                     ": không dùng prev/samelastyear ở đây"});
      return;
    }
  }
  auto resolver = [&names](std::string_view code) -> std::optional<expr::IndicatorInfo> {
    expr::IndicatorInfo info;
    bool any = names.count(std::string(code)) > 0;
    std::string prefix = std::string(code) + ".";
    for (auto it = names.lower_bound(prefix); it != names.end() && it->rfind(prefix, 0) == 0; ++it) {
      info.parts.push_back(it->substr(prefix.size()));
      any = true;
    }
    if (!any) return std::nullopt;
    return info;
  };
  auto t = expr::checkTypes(*f, resolver);
  if (!t) {
    problems.push_back({field, t.error().message});
    return;
  }
  if (*t != want)
    problems.push_back({field, std::string("công thức phải cho kết quả kiểu ") +
                                   std::string(expr::typeName(want)) + ", không phải " +
                                   std::string(expr::typeName(*t))});
}

}  // namespace

std::string_view columnKindId(ColumnKind k) { return idOf(k, kColumnKinds); }
std::string_view rowKindId(RowKind k) { return idOf(k, kRowKinds); }
std::string_view cellKindId(CellKind k) { return idOf(k, kCellKinds); }
std::string_view severityId(Severity s) { return idOf(s, kSeverities); }
std::string_view severityLabel(Severity s) { return s == Severity::Error ? "Lỗi" : "Cảnh báo"; }
std::string_view ruleScopeId(RuleScope s) { return idOf(s, kScopes); }
Result<ColumnKind> parseColumnKind(std::string_view id) {
  return parseEnum(id, kColumnKinds, "Loại cột");
}
Result<RowKind> parseRowKind(std::string_view id) { return parseEnum(id, kRowKinds, "Loại dòng"); }
Result<CellKind> parseCellKind(std::string_view id) { return parseEnum(id, kCellKinds, "Loại ô"); }
Result<Severity> parseSeverity(std::string_view id) {
  return parseEnum(id, kSeverities, "Mức độ");
}
Result<RuleScope> parseRuleScope(std::string_view id) {
  return parseEnum(id, kScopes, "Phạm vi kiểm tra");
}

const Row* Form::row(std::string_view code) const {
  for (const auto& r : rows)
    if (r.code == code) return &r;
  return nullptr;
}
const Column* Form::column(std::string_view code) const {
  for (const auto& c : columns)
    if (c.code == code) return &c;
  return nullptr;
}
int Form::depth(std::string_view row_code) const {
  int d = 0;
  const Row* r = row(row_code);
  // bounded walk: a malformed form (cycle) must not loop forever
  while (r && !r->parent.empty() && d <= static_cast<int>(rows.size())) {
    r = row(r->parent);
    ++d;
  }
  return d;
}
std::vector<const Row*> Form::children(std::string_view row_code) const {
  std::vector<const Row*> out;
  for (const auto& r : rows)
    if (r.parent == row_code) out.push_back(&r);
  return out;
}
std::vector<std::string> Form::indicatorCodes() const {
  std::vector<std::string> out;
  for (const auto& r : rows)
    if (r.kind != RowKind::Heading) out.push_back(r.code);
  return out;
}

CellRule cellRule(const Form& f, const Row& row, const Column& col) {
  for (const auto& c : f.cells)
    if (c.row == row.code && c.column == col.code)
      return {c.kind, c.kind == CellKind::Input ? CellRule::Source::Input : CellRule::Source::Cell,
              c.kind == CellKind::Computed ? c.formula : std::string()};
  if (row.kind == RowKind::Heading) return {CellKind::Disabled, CellRule::Source::Heading, {}};
  if (col.kind == ColumnKind::Computed)
    return {CellKind::Computed, CellRule::Source::Column, col.formula};
  if (row.kind == RowKind::Subtotal) return {CellKind::Computed, CellRule::Source::RowSubtotal, {}};
  if (row.kind == RowKind::Computed)
    return {CellKind::Computed, CellRule::Source::RowFormula, row.formula};
  return {CellKind::Input, CellRule::Source::Input, {}};
}

Status validateSections(const std::vector<Section>& sections, const std::string& field) {
  std::vector<ErrorDetail> problems;
  std::set<std::string> seen;
  for (size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    std::string at = field + "[" + std::to_string(i) + "]";
    if (s.code.empty()) problems.push_back({at + ".code", "thiếu mã mục"});
    else if (!seen.insert(s.code).second)
      problems.push_back({at + ".code", "mã mục '" + s.code + "' bị lặp lại"});
    if (s.title.empty()) problems.push_back({at + ".title", "thiếu tên mục"});
    if (s.title.size() > kMaxTextBytes || s.guidance.size() > 10 * kMaxTextBytes)
      problems.push_back({at, "nội dung quá dài"});
  }
  if (problems.empty()) return ok();
  std::string msg = "Mục '" + problems.front().field + "': " + problems.front().message;
  return makeError(ErrorCode::InvalidField, std::move(msg), std::move(problems));
}

Status validateForm(const Form& f) {
  std::vector<ErrorDetail> problems;
  if (auto e = badCode(f.code, true); !e.empty()) problems.push_back({"code", e});
  if (f.title.empty()) problems.push_back({"title", "thiếu tên biểu"});
  if (f.columns.empty()) problems.push_back({"columns", "biểu phải có ít nhất một cột"});
  if (f.rows.empty()) problems.push_back({"rows", "biểu phải có ít nhất một dòng chỉ tiêu"});

  std::set<std::string> col_names, row_names;
  for (size_t i = 0; i < f.columns.size(); ++i) {
    const auto& c = f.columns[i];
    std::string at = "columns[" + std::to_string(i) + "]";
    if (auto e = badCode(c.code, false); !e.empty()) problems.push_back({at + ".code", e});
    else if (!col_names.insert(c.code).second)
      problems.push_back({at + ".code", "mã cột '" + c.code + "' bị lặp lại"});
    if (c.label.empty()) problems.push_back({at + ".label", "thiếu tên cột"});
    if (c.decimals && (*c.decimals < 0 || *c.decimals > 6))
      problems.push_back({at + ".decimals", "số chữ số thập phân phải từ 0 đến 6"});
  }
  std::set<std::string> earlier;
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const auto& r = f.rows[i];
    std::string at = "rows[" + std::to_string(i) + "]";
    if (auto e = badCode(r.code, true); !e.empty()) problems.push_back({at + ".code", e});
    else if (!row_names.insert(r.code).second)
      problems.push_back({at + ".code", "chỉ tiêu '" + r.code + "' có hai dòng trong biểu"});
    if (!r.parent.empty()) {
      if (!earlier.count(r.parent))
        problems.push_back({at + ".parent", "dòng cha '" + r.parent +
                                                "' phải là một dòng đứng trước trong biểu"});
      else if (f.depth(r.code) >= kMaxDepth)
        problems.push_back({at + ".parent", "lồng quá " + std::to_string(kMaxDepth) + " cấp"});
      else {
        // a parent's descendants follow it: the previous row is the parent or one of its
        // descendants
        const Row& prev = f.rows[i - 1];
        bool contiguous = prev.code == r.parent;
        for (const Row* a = &prev; !contiguous && a && !a->parent.empty(); a = f.row(a->parent))
          contiguous = a->parent == r.parent;
        if (!contiguous)
          problems.push_back({at + ".parent", "các dòng con của '" + r.parent +
                                                  "' phải đứng liền sau nó"});
      }
    }
    earlier.insert(r.code);
    if (r.decimals < 0 || r.decimals > 6)
      problems.push_back({at + ".decimals", "số chữ số thập phân phải từ 0 đến 6"});
  }
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const auto& r = f.rows[i];
    std::string at = "rows[" + std::to_string(i) + "]";
    if (r.kind == RowKind::Subtotal && f.children(r.code).empty())
      problems.push_back({at + ".kind", "dòng tổng '" + r.code + "' chưa có dòng con"});
    if (r.kind == RowKind::Computed)
      checkFormula(r.formula, row_names, expr::ValueType::Number, at + ".formula",
                   "chỉ tiêu có dòng trong biểu", problems);
    else if (!r.formula.empty())
      problems.push_back({at + ".formula", "chỉ dòng loại 'computed' mới có công thức"});
  }
  for (size_t i = 0; i < f.columns.size(); ++i) {
    const auto& c = f.columns[i];
    std::string at = "columns[" + std::to_string(i) + "]";
    if (c.kind == ColumnKind::Computed)
      checkFormula(c.formula, col_names, expr::ValueType::Number, at + ".formula",
                   "cột của biểu", problems);
    else if (!c.formula.empty())
      problems.push_back({at + ".formula", "chỉ cột loại 'computed' mới có công thức"});
  }
  std::set<std::string> cell_names;
  for (const auto& r : f.rows)
    for (const auto& c : f.columns) cell_names.insert(r.code + "." + c.code);
  std::set<std::pair<std::string, std::string>> seen_cells;
  for (size_t i = 0; i < f.cells.size(); ++i) {
    const auto& c = f.cells[i];
    std::string at = "cells[" + std::to_string(i) + "]";
    if (!row_names.count(c.row)) problems.push_back({at + ".row", "không có dòng '" + c.row + "'"});
    if (!col_names.count(c.column))
      problems.push_back({at + ".column", "không có cột '" + c.column + "'"});
    if (!seen_cells.insert({c.row, c.column}).second)
      problems.push_back({at, "ô " + c.row + "/" + c.column + " được khai báo hai lần"});
    if (c.kind == CellKind::Computed)
      checkFormula(c.formula, cell_names, expr::ValueType::Number, at + ".formula",
                   "ô của biểu (viết [MÃ_CHỈ_TIÊU.MÃ_CỘT])", problems);
    else if (!c.formula.empty())
      problems.push_back({at + ".formula", "chỉ ô loại 'computed' mới có công thức"});
  }
  std::set<std::string> rule_codes;
  for (size_t i = 0; i < f.rules.size(); ++i) {
    const auto& r = f.rules[i];
    std::string at = "rules[" + std::to_string(i) + "]";
    if (auto e = badCode(r.code, false); !e.empty()) problems.push_back({at + ".code", e});
    else if (!rule_codes.insert(r.code).second)
      problems.push_back({at + ".code", "mã kiểm tra '" + r.code + "' bị lặp lại"});
    if (r.message.empty()) problems.push_back({at + ".message", "thiếu thông báo khi vi phạm"});
    if (r.scope == RuleScope::Row)
      checkFormula(r.formula, col_names, expr::ValueType::Boolean, at + ".formula",
                   "cột của biểu", problems);
    else
      checkFormula(r.formula, cell_names, expr::ValueType::Boolean, at + ".formula",
                   "ô của biểu (viết [MÃ_CHỈ_TIÊU.MÃ_CỘT])", problems);
  }
  if (auto s = validateSections(f.sections, "sections"); !s)
    for (const auto& d : s.error().details) problems.push_back(d);

  if (problems.empty()) return ok();
  std::string msg = "Biểu '" + f.code + "': ";
  msg += problems.size() == 1 ? "" : std::to_string(problems.size()) + " lỗi. Lỗi đầu tiên: ";
  msg += problems.front().field + ": " + problems.front().message;
  return makeError(ErrorCode::InvalidField, std::move(msg), std::move(problems));
}

}  // namespace baocao::core::form
