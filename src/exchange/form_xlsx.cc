#include "exchange/form_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include "core/form/evaluation.h"
#include "exchange/form_sheet.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

namespace baocao::exchange {

using core::ErrorCode;
using core::makeError;
namespace fm = core::form;

namespace {

std::string numberFormat(int decimals) {
  std::string f = "#,##0";
  if (decimals > 0) f += "." + std::string(static_cast<size_t>(decimals), '0');
  return f;
}

struct TempFile {
  std::string path;
  TempFile() {
    const char* tmpdir = std::getenv("TMPDIR");
    path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/baocao-form-XXXXXX.xlsx";
    int fd = mkstemps(path.data(), 5);
    if (fd < 0) path.clear();
    else ::close(fd);
  }
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

int significantDigits(const core::expr::Decimal& d) {
  auto m = d.mantissa() < 0 ? -d.mantissa() : d.mantissa();
  int n = 0;
  for (; m > 0; m /= 10) ++n;
  return n;
}

/// Excel keeps 15 significant digits of a number: a value that needs more is written as text
/// (Vietnamese spelling, which the report reader accepts) so the round trip loses nothing.
lxw_error writeValue(lxw_worksheet* ws, int r, int c, const core::expr::Decimal& v,
                     lxw_format* f) {
  if (significantDigits(v) > 15)
    return worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                  v.toVietnamese().c_str(), f);
  return worksheet_write_number(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                std::strtod(v.toString().c_str(), nullptr), f);
}

}  // namespace

namespace detail {

std::string excelColumn(int c) {
  std::string s;
  for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

core::Result<std::string> buildXlsx(const std::function<core::Status(lxw_workbook*)>& fill) {
  TempFile tmp;
  if (tmp.path.empty()) return makeError(ErrorCode::Internal, "Không tạo được tệp tạm để ghi XLSX");
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) return makeError(ErrorCode::Internal, "Không tạo được sổ tính XLSX");
  auto filled = fill(wb);
  lxw_error err = workbook_close(wb);
  if (!filled) return filled.error();
  if (err != LXW_NO_ERROR)
    return makeError(ErrorCode::Internal, std::string("Không ghi được XLSX: ") + lxw_strerror(err));
  std::ifstream in(tmp.path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string excelFormula(const std::string& formula, const fm::Form& form, const std::string& row,
                         const std::string& column,
                         const std::function<std::string(const std::string&, const std::string&)>& cell,
                         int context) {
  std::string out;
  size_t i = 0;
  while (i < formula.size()) {
    char ch = formula[i];
    if (ch == '[') {
      size_t j = formula.find(']', i);
      if (j == std::string::npos) return "";
      std::string name = formula.substr(i + 1, j - i - 1);
      std::string r = row, c = column;
      if (context == 0) {
        if (!form.column(name)) return "";
        c = name;
      } else if (context == 1) {
        if (!form.row(name)) return "";
        r = name;
      } else {
        size_t dot = name.rfind('.');
        if (dot == std::string::npos) return "";
        r = name.substr(0, dot);
        c = name.substr(dot + 1);
        if (!form.row(r) || !form.column(c)) return "";
      }
      out += cell(r, c);
      i = j + 1;
      continue;
    }
    if ((ch >= '0' && ch <= '9') || ch == '.' || ch == '+' || ch == '-' || ch == '*' ||
        ch == '/' || ch == '(' || ch == ')' || ch == ',' || ch == ' ' || ch == '<' ||
        ch == '>' || ch == '=') {
      out += ch;
      ++i;
      continue;
    }
    // function names that Excel spells the same way
    size_t j = i;
    while (j < formula.size() && ((formula[j] >= 'a' && formula[j] <= 'z') ||
                                  (formula[j] >= 'A' && formula[j] <= 'Z')))
      ++j;
    std::string word = formula.substr(i, j - i);
    for (auto& w : word) w = static_cast<char>(std::toupper(static_cast<unsigned char>(w)));
    if (word == "MIN" || word == "MAX" || word == "ABS" || word == "ROUND" || word == "SUM" ||
        word == "IF") {
      out += word;
      i = j;
      continue;
    }
    return "";
  }
  return "IFERROR(" + out + ",\"\")";
}

core::Result<FormSheetLayout> writeFormSheet(lxw_workbook* wb, const fm::Form& form,
                                             const FormTemplateInfo& info,
                                             const FormSheetOptions& options) {
  std::string sheet_name = form.code.substr(0, 31);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  if (!ws) return makeError(ErrorCode::Internal, "Không tạo được trang tính '" + sheet_name + "'");
  FormSheetLayout layout;
  auto valueOf = [&](const std::string& code) -> const core::expr::Decimal* {
    if (!options.values) return nullptr;
    auto it = options.values->find(code);
    return it == options.values->end() ? nullptr : &it->second;
  };

  auto fmt = [&](bool bold, bool border, bool center, bool wrap, double size = 11) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (wrap) format_set_text_wrap(f);
    return f;
  };
  lxw_format* issuer = fmt(true, false, true, false, 11);
  lxw_format* title = fmt(true, false, true, true, 14);
  lxw_format* subtitle = fmt(false, false, true, true, 12);
  format_set_italic(subtitle);
  lxw_format* meta = fmt(false, false, false, false, 12);
  lxw_format* head = fmt(true, true, true, true);
  format_set_bg_color(head, 0xDDE6F0);
  lxw_format* numbering = fmt(false, true, true, false, 10);
  format_set_italic(numbering);
  lxw_format* text = fmt(false, true, false, true);
  lxw_format* text_center = fmt(false, true, true, true);
  lxw_format* heading_text = fmt(true, true, false, true);
  lxw_format* note = fmt(false, false, false, true, 11);
  format_set_italic(note);
  lxw_format* sign = fmt(true, false, true, false, 12);
  lxw_format* disabled = fmt(false, true, true, false);
  format_set_bg_color(disabled, 0xEEEEEE);
  std::map<std::pair<int, int>, lxw_format*> numeric;  // (decimals, computed+2*bold)
  auto numFmt = [&](int decimals, bool computed, bool bold) {
    auto key = std::make_pair(decimals, (computed ? 1 : 0) + (bold ? 2 : 0));
    auto it = numeric.find(key);
    if (it != numeric.end()) return it->second;
    lxw_format* f = fmt(bold, true, false, false);
    format_set_num_format(f, numberFormat(decimals).c_str());
    format_set_align(f, LXW_ALIGN_RIGHT);
    if (computed) format_set_bg_color(f, 0xEEEEEE);
    else format_set_unlocked(f);
    numeric[key] = f;
    return f;
  };

  // Fixed columns: STT, Chỉ tiêu, Mã, Đơn vị tính; then the measures.
  const int kFixed = kFormFixedColumns;
  const int ncols = kFixed + static_cast<int>(form.columns.size());
  const int last = ncols - 1;
  worksheet_set_column(ws, 0, 0, 6, nullptr);
  worksheet_set_column(ws, 1, 1, 48, nullptr);
  worksheet_set_column(ws, 2, 2, 12, nullptr);
  worksheet_set_column(ws, 3, 3, 12, nullptr);
  if (ncols > kFixed) worksheet_set_column(ws, kFixed, last, 14, nullptr);

  int r = 0;
  auto mergeRow = [&](const std::string& t, lxw_format* f) {
    worksheet_merge_range(ws, r, 0, r, last, t.c_str(), f);
    ++r;
  };
  std::string issuer_text = info.issuer.empty() ? "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" : info.issuer;
  worksheet_merge_range(ws, r, 0, r, 1, issuer_text.c_str(), issuer);
  if (last >= 3) {
    worksheet_merge_range(ws, r, 2, r, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", issuer);
    ++r;
    worksheet_merge_range(ws, r, 2, r, last, "Độc lập - Tự do - Hạnh phúc", issuer);
  }
  r += 2;
  worksheet_set_row(ws, r, 22, nullptr);
  mergeRow(form.title, title);
  std::string regime = info.regime_name;
  if (!info.regime_code.empty()) regime += " (" + info.regime_code + ")";
  if (!regime.empty()) mergeRow(regime, subtitle);
  if (!form.note.empty()) mergeRow(form.note, subtitle);
  std::string period = info.period_label.empty() ? "Kỳ báo cáo: ……………………" : info.period_label;
  mergeRow(period, subtitle);
  ++r;
  std::string from = "Đơn vị báo cáo: " + (info.reporting_unit.empty() ? "……………………………………"
                                                                         : info.reporting_unit);
  worksheet_write_string(ws, r++, 0, from.c_str(), meta);
  std::string to = "Đơn vị nhận báo cáo: " + (info.receiving_unit.empty() ? "……………………"
                                                                            : info.receiving_unit);
  worksheet_write_string(ws, r++, 0, to.c_str(), meta);
  ++r;

  // Header: two rows when some column has a group.
  bool groups = false;
  for (const auto& c : form.columns) groups = groups || !c.group.empty();
  const int h0 = r, h1 = groups ? r + 1 : r;
  const char* fixed[] = {"STT", "Chỉ tiêu", "Mã số", "Đơn vị tính"};
  for (int c = 0; c < kFixed; ++c) {
    if (groups) worksheet_merge_range(ws, h0, c, h1, c, fixed[c], head);
    else worksheet_write_string(ws, h0, c, fixed[c], head);
  }
  for (size_t i = 0; i < form.columns.size();) {
    const auto& col = form.columns[i];
    int c = kFixed + static_cast<int>(i);
    std::string label = col.label + (col.unit.empty() ? "" : " (" + col.unit + ")");
    if (!groups) {
      worksheet_write_string(ws, h0, c, label.c_str(), head);
      ++i;
      continue;
    }
    if (col.group.empty()) {
      worksheet_merge_range(ws, h0, c, h1, c, label.c_str(), head);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < form.columns.size() && form.columns[j].group == col.group) ++j;
    int c_end = kFixed + static_cast<int>(j) - 1;
    if (c_end > c) worksheet_merge_range(ws, h0, c, h0, c_end, col.group.c_str(), head);
    else worksheet_write_string(ws, h0, c, col.group.c_str(), head);
    for (size_t k = i; k < j; ++k) {
      const auto& ck = form.columns[k];
      std::string lk = ck.label + (ck.unit.empty() ? "" : " (" + ck.unit + ")");
      worksheet_write_string(ws, h1, kFixed + static_cast<int>(k), lk.c_str(), head);
    }
    i = j;
  }
  worksheet_set_row(ws, h0, 32, nullptr);
  if (groups) worksheet_set_row(ws, h1, 45, nullptr);
  r = h1 + 1;
  // numbering row: A, B, C, D, then 1, 2, …
  const char* letters[] = {"A", "B", "C", "D"};
  for (int c = 0; c < kFixed; ++c) worksheet_write_string(ws, r, c, letters[c], numbering);
  for (size_t i = 0; i < form.columns.size(); ++i)
    worksheet_write_string(ws, r, kFixed + static_cast<int>(i), std::to_string(i + 1).c_str(),
                           numbering);
  ++r;
  const int header_end = r - 1;

  // Data rows.
  std::map<std::string, int> row_index;
  for (size_t i = 0; i < form.rows.size(); ++i) row_index[form.rows[i].code] = r + static_cast<int>(i);
  auto cellRef = [&](const std::string& row_code, const std::string& col_code) {
    int rr = row_index.at(row_code);
    int cc = kFixed;
    for (size_t k = 0; k < form.columns.size(); ++k)
      if (form.columns[k].code == col_code) cc = kFixed + static_cast<int>(k);
    return excelColumn(cc) + std::to_string(rr + 1);
  };
  // STT: 1, 2, … at top level; 1.1, 1.2 below; headings keep their own label
  std::map<std::string, std::string> numbers;
  std::map<std::string, int> child_count;
  int top = 0;
  for (const auto& row : form.rows) {
    if (row.kind == fm::RowKind::Heading && row.parent.empty()) continue;
    if (row.parent.empty()) numbers[row.code] = std::to_string(++top);
    else numbers[row.code] = numbers[row.parent] + "." + std::to_string(++child_count[row.parent]);
  }
  for (const auto& row : form.rows) {
    int rr = row_index[row.code];
    layout.rows[row.code] = rr;
    bool heading = row.kind == fm::RowKind::Heading;
    bool bold = heading || row.kind == fm::RowKind::Subtotal;
    std::string label = row.label, unit = row.unit;
    auto known = info.indicators.find(row.code);
    if (label.empty() && known != info.indicators.end()) label = known->second.first;
    if (unit.empty() && known != info.indicators.end()) unit = known->second.second;
    int depth = form.depth(row.code);
    lxw_format* lf = heading ? heading_text : text;
    if (depth > 0 && !heading) {
      lf = workbook_add_format(wb);
      format_set_font_name(lf, "Times New Roman");
      format_set_border(lf, LXW_BORDER_THIN);
      format_set_text_wrap(lf);
      format_set_align(lf, LXW_ALIGN_VERTICAL_CENTER);
      format_set_indent(lf, static_cast<uint8_t>(depth * 2));
      if (depth == 1) format_set_italic(lf);
    } else if (bold && !heading) {
      lf = heading_text;
    }
    worksheet_write_string(ws, rr, 0, heading ? "" : numbers[row.code].c_str(), text_center);
    worksheet_write_string(ws, rr, 1, label.c_str(), lf);
    worksheet_write_string(ws, rr, 2, heading ? "" : row.code.c_str(), text_center);
    worksheet_write_string(ws, rr, 3, unit.c_str(), text_center);
    for (size_t k = 0; k < form.columns.size(); ++k) {
      const auto& col = form.columns[k];
      int cc = kFixed + static_cast<int>(k);
      auto rule = fm::cellRule(form, row, col);
      int decimals = fm::cellDecimals(row, col);
      std::string code = fm::cellKey(row.code, col.code);
      layout.cells[code] = {rr, cc};
      const auto* value = valueOf(code);
      if (rule.kind == fm::CellKind::Disabled) {
        worksheet_write_string(ws, rr, cc, heading ? "" : "x", disabled);
        continue;
      }
      if (rule.kind == fm::CellKind::Input) {
        const std::string* text_value = nullptr;
        if (options.texts)
          if (auto t = options.texts->find(code); t != options.texts->end()) text_value = &t->second;
        if (text_value)
          worksheet_write_string(ws, rr, cc, text_value->c_str(), numFmt(decimals, false, bold));
        else if (value) writeValue(ws, rr, cc, *value, numFmt(decimals, false, bold));
        else worksheet_write_blank(ws, rr, cc, numFmt(decimals, false, bold));
        continue;
      }
      std::string excel;
      if (rule.source == fm::CellRule::Source::RowSubtotal) {
        auto kids = form.children(row.code);
        std::string args;
        for (const auto* kid : kids) args += (args.empty() ? "" : ",") + cellRef(kid->code, col.code);
        excel = "SUM(" + args + ")";
      } else {
        int context = rule.source == fm::CellRule::Source::Column ? 0
                      : rule.source == fm::CellRule::Source::RowFormula ? 1 : 2;
        excel = excelFormula(rule.formula, form, row.code, col.code, cellRef, context);
      }
      lxw_format* cf = numFmt(decimals, true, bold);
      if (excel.empty() && value) writeValue(ws, rr, cc, *value, cf);
      else if (excel.empty()) worksheet_write_blank(ws, rr, cc, cf);
      else if (value)
        worksheet_write_formula_num(ws, rr, cc, ("=" + excel).c_str(), cf, value->toDouble());
      else worksheet_write_formula(ws, rr, cc, ("=" + excel).c_str(), cf);
    }
  }
  r += static_cast<int>(form.rows.size());
  ++r;
  mergeRow("Ô nền trắng: nhập số liệu; ô nền xám: hệ thống tự tính; ô \"x\": không áp dụng.",
           note);
  if (!form.instructions.empty()) {
    worksheet_set_row(ws, r, 45, nullptr);
    mergeRow("Hướng dẫn: " + form.instructions, note);
  }
  for (const auto& s : form.sections) {
    if (!options.sections) break;
    std::string t = s.code + ". " + s.title + (s.required ? "" : " (không bắt buộc)") + ": " +
                    (s.guidance.empty() ? "" : s.guidance + " ") + "……………………………………";
    worksheet_set_row(ws, r, 30, nullptr);
    mergeRow(t, meta);
  }
  ++r;
  worksheet_merge_range(ws, r, 0, r, 1, "NGƯỜI LẬP BIỂU", sign);
  if (last >= 3) worksheet_merge_range(ws, r, 2, r, last, "THỦ TRƯỞNG ĐƠN VỊ", sign);
  ++r;
  worksheet_merge_range(ws, r, 0, r, 1, "(Ký, ghi rõ họ tên)", subtitle);
  if (last >= 3) worksheet_merge_range(ws, r, 2, r, last, "(Ký số, ghi rõ họ tên, đóng dấu)", subtitle);

  worksheet_freeze_panes(ws, header_end + 1, 2);
  worksheet_repeat_rows(ws, h0, header_end);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  std::string footer = "&L" + form.code + "&RTrang &P/&N";
  worksheet_set_footer(ws, footer.c_str());
  if (options.protect) {
    // Only input cells can change; rows and columns may be resized, not inserted or deleted
    // (the reader finds each cell where it was written, and checks the code column).
    lxw_protection p{};
    p.format_columns = 1;
    p.format_rows = 1;
    worksheet_protect(ws, nullptr, &p);
  }
  return layout;
}

}  // namespace detail

core::Result<std::string> formTemplateXlsx(const fm::Form& form, const FormTemplateInfo& info) {
  return detail::buildXlsx([&](lxw_workbook* wb) -> core::Status {
    BAOCAO_TRY(detail::writeFormSheet(wb, form, info, {}));
    return core::ok();
  });
}

}  // namespace baocao::exchange
