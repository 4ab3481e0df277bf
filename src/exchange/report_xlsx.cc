#include "exchange/report_xlsx.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/common/text.h"
#include "core/expr/decimal.h"
#include "core/form/evaluation.h"
#include "exchange/form_sheet.h"
#include "exchange/org_io_detail.h"

namespace baocao::exchange {

using core::ErrorCode;
using core::makeError;
using core::expr::Decimal;
namespace fm = core::form;

namespace {

constexpr const char* kMapSheet = "#baocao";
constexpr const char* kNarrativeSheet = "Thuyết minh";
constexpr const char* kMarker = "BAOCAO-REPORT-XLSX";
constexpr const char* kFormatVersion = "1";
constexpr size_t kMaxCellChars = 32767;
constexpr int kNarrativeTextColumn = 2;

std::string address(int row, int col) {
  return detail::excelColumn(col) + std::to_string(row + 1);
}

/// "E12" → (11, 4). False when malformed.
bool parseAddress(std::string_view a, int& row, int& col) {
  size_t i = 0;
  int c = 0, r = 0;
  while (i < a.size() && a[i] >= 'A' && a[i] <= 'Z' && c < 20000) c = c * 26 + (a[i++] - 'A' + 1);
  if (i == 0 || i == a.size()) return false;
  for (; i < a.size(); ++i) {
    if (a[i] < '0' || a[i] > '9' || r > 2000000) return false;
    r = r * 10 + (a[i] - '0');
  }
  if (r == 0) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

// ASCII spaces and the no-break space that figures pasted from the web carry.
std::string_view trimSpaces(std::string_view s) {
  for (;;) {
    s = core::text::trim(s);
    if (s.starts_with("\xC2\xA0")) s.remove_prefix(2);
    else if (s.ends_with("\xC2\xA0")) s.remove_suffix(2);
    else return s;
  }
}

size_t utf8Chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void appendField(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

}  // namespace

std::string formSignature(const fm::Form& form) {
  std::string canon = "form1";
  appendField(canon, form.code);
  for (const auto& c : form.columns) {
    canon += "|c";
    appendField(canon, c.code);
    appendField(canon, fm::columnKindId(c.kind));
    appendField(canon, c.formula);
    appendField(canon, c.decimals ? std::to_string(*c.decimals) : "-");
  }
  for (const auto& r : form.rows) {
    canon += "|r";
    appendField(canon, r.code);
    appendField(canon, r.parent);
    appendField(canon, fm::rowKindId(r.kind));
    appendField(canon, r.formula);
    appendField(canon, std::to_string(r.decimals));
  }
  for (const auto& c : form.cells) {
    canon += "|x";
    appendField(canon, c.row);
    appendField(canon, c.column);
    appendField(canon, fm::cellKindId(c.kind));
    appendField(canon, c.formula);
  }
  // FNV-1a: detects a changed form, not an adversary (the file is checked cell by cell anyway).
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : canon) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string("f1-") + hex;
}

std::optional<std::string> excelNumberText(std::string_view v) {
  size_t i = 0;
  bool negative = false;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
  std::string digits;  // significant digits, no leading zeros
  long exp10 = 0;      // value = 0.digits × 10^exp10
  bool any = false, point = false;
  for (; i < v.size(); ++i) {
    char c = v[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any = true;
    if (digits.empty() && c == '0') {
      if (point) --exp10;
      continue;
    }
    digits += c;
    if (!point) ++exp10;
  }
  if (!any) return std::nullopt;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) eneg = v[i++] == '-';
    long e = 0;
    size_t start = i;
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i)
      if (e < 10000) e = e * 10 + (v[i] - '0');
    if (i == start) return std::nullopt;
    exp10 += eneg ? -e : e;
  }
  if (i != v.size()) return std::nullopt;
  if (digits.empty()) return std::string("0");
  // Excel shows (and means) 15 significant digits: round half away from zero there.
  if (digits.size() > 15) {
    bool up = digits[15] >= '5';
    digits.resize(15);
    if (up) {
      size_t k = digits.size();
      while (k > 0 && digits[k - 1] == '9') digits[--k] = '0';
      if (k == 0) {
        digits.insert(digits.begin(), '1');
        digits.pop_back();
        ++exp10;
      } else {
        ++digits[k - 1];
      }
    }
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (exp10 > 38) return std::nullopt;
  std::string out = negative ? "-" : "";
  long n = static_cast<long>(digits.size());
  if (exp10 <= 0) out += "0." + std::string(static_cast<size_t>(-exp10), '0') + digits;
  else if (exp10 >= n) out += digits + std::string(static_cast<size_t>(exp10 - n), '0');
  else out += digits.substr(0, static_cast<size_t>(exp10)) + "." + digits.substr(static_cast<size_t>(exp10));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

core::Result<std::string> reportXlsx(const std::vector<fm::Form>& forms, const ReportXlsxInfo& info,
                                     const FormValues& values,
                                     const std::map<std::string, std::string>& narrative) {
  std::map<std::string, std::map<std::string, Decimal>> inputs;  // form → cell → value
  std::map<std::string, std::map<std::string, std::string>> texts;
  for (const auto& [form, cells] : values) {
    for (const auto& [code, text] : cells) {
      auto rc = code.rfind('.');
      if (rc != std::string::npos && info.text_rows.count(code.substr(0, rc))) {
        texts[form][code] = text;
        continue;
      }
      auto d = Decimal::parse(text);
      if (!d)
        return makeError(ErrorCode::InvalidField,
                         "Giá trị đã lưu của ô " + form + "/" + code + " ('" + text +
                             "') không phải là số",
                         {{form + "/" + code, "không phải là số"}});
      inputs[form][code] = *d;
    }
  }
  for (const auto& s : info.sections) {
    auto it = narrative.find(s.code);
    if (it != narrative.end() && utf8Chars(it->second) > kMaxCellChars)
      return makeError(ErrorCode::InvalidField,
                       "Mục " + s.code + " dài quá 32.767 ký tự, Excel không chứa được trong một ô",
                       {{s.code, "quá dài cho một ô Excel"}});
  }

  return detail::buildXlsx([&](lxw_workbook* wb) -> core::Status {
    std::vector<std::vector<std::string>> map_rows = {
        {kMarker, kFormatVersion},
        {"obligation", info.obligation_key},
        {"regime", info.regime_code},
        {"period", info.period_id},
        {"unit", info.unit_code},
        {"revision", std::to_string(info.revision)}};
    for (const auto& form : forms) {
      // input values of this form, then its computed cells from them
      std::map<std::string, Decimal> shown = inputs[form.code];
      fm::FormData data;
      data.text_rows = info.text_rows;
      for (const auto& [code, v] : shown) data.current[code] = v.toString();
      for (const auto& [code, cell] : fm::evaluateForm(form, data).computed) {
        if (!cell.value) continue;
        if (auto d = Decimal::parse(*cell.value)) shown[code] = *d;
      }
      detail::FormSheetOptions opt;
      opt.values = &shown;
      opt.texts = &texts[form.code];
      opt.sections = false;
      opt.protect = true;
      BAOCAO_ASSIGN(auto layout, detail::writeFormSheet(wb, form, info.print, opt));
      std::string sheet = form.code.substr(0, 31);
      map_rows.push_back({"form", form.code, formSignature(form), sheet});
      for (const auto& row : form.rows) {
        for (const auto& col : form.columns) {
          std::string code = fm::cellKey(row.code, col.code);
          auto [r, c] = layout.cells.at(code);
          auto kind = fm::cellRule(form, row, col).kind;
          // what the cell held: computed cells are checked against it, input cells tell the
          // upload which cells the user changed in Excel
          std::string written;
          if (auto v = shown.find(code); v != shown.end() && kind != fm::CellKind::Disabled)
            written = v->second.toString();
          else if (auto t = texts[form.code].find(code); t != texts[form.code].end())
            written = t->second;
          map_rows.push_back({"cell", code, sheet, address(r, c),
                              std::string(fm::cellKindId(kind)), written});
        }
      }
    }

    // Narrative sheet.
    lxw_worksheet* ns = workbook_add_worksheet(wb, kNarrativeSheet);
    if (!ns) return makeError(ErrorCode::Internal, "Không tạo được trang tính 'Thuyết minh'");
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xDDE6F0);
    format_set_font_name(head, "Times New Roman");
    lxw_format* label = workbook_add_format(wb);
    format_set_text_wrap(label);
    format_set_border(label, LXW_BORDER_THIN);
    format_set_align(label, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_name(label, "Times New Roman");
    lxw_format* text = workbook_add_format(wb);
    format_set_text_wrap(text);
    format_set_border(text, LXW_BORDER_THIN);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_name(text, "Times New Roman");
    format_set_num_format(text, "@");
    format_set_unlocked(text);
    worksheet_set_column(ns, 0, 0, 8, nullptr);
    worksheet_set_column(ns, 1, 1, 40, nullptr);
    worksheet_set_column(ns, kNarrativeTextColumn, kNarrativeTextColumn, 100, nullptr);
    worksheet_write_string(ns, 0, 0, "Mục", head);
    worksheet_write_string(ns, 0, 1, "Tên mục", head);
    worksheet_write_string(ns, 0, kNarrativeTextColumn, "Nội dung báo cáo", head);
    int r = 1;
    for (const auto& s : info.sections) {
      std::string title = s.title + (s.required ? "" : " (không bắt buộc)");
      if (!s.guidance.empty()) title += "\nHướng dẫn: " + s.guidance;
      worksheet_write_string(ns, static_cast<lxw_row_t>(r), 0, s.code.c_str(), label);
      worksheet_write_string(ns, static_cast<lxw_row_t>(r), 1, title.c_str(), label);
      auto it = narrative.find(s.code);
      lxw_error e = it == narrative.end() || it->second.empty()
                        ? worksheet_write_blank(ns, static_cast<lxw_row_t>(r), kNarrativeTextColumn, text)
                        : worksheet_write_string(ns, static_cast<lxw_row_t>(r), kNarrativeTextColumn,
                                                 it->second.c_str(), text);
      if (e != LXW_NO_ERROR)
        return makeError(ErrorCode::Internal, "Không ghi được mục " + s.code + ": " + lxw_strerror(e));
      worksheet_set_row(ns, static_cast<lxw_row_t>(r), 90, nullptr);
      map_rows.push_back({"section", s.code, kNarrativeSheet, address(r, kNarrativeTextColumn),
                          "section", it == narrative.end() ? std::string() : it->second});
      ++r;
    }
    lxw_protection p{};
    p.format_columns = 1;
    p.format_rows = 1;
    worksheet_protect(ns, nullptr, &p);

    // Hidden map.
    lxw_worksheet* ms = workbook_add_worksheet(wb, kMapSheet);
    if (!ms) return makeError(ErrorCode::Internal, "Không tạo được trang tính ánh xạ");
    for (size_t i = 0; i < map_rows.size(); ++i)
      for (size_t k = 0; k < map_rows[i].size(); ++k)
        if (!map_rows[i][k].empty())
          worksheet_write_string(ms, static_cast<lxw_row_t>(i), static_cast<lxw_col_t>(k),
                                 map_rows[i][k].c_str(), nullptr);
    worksheet_protect(ms, nullptr, nullptr);
    worksheet_hide(ms);
    return core::ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

struct MappedCell {
  std::string sheet;
  int row = 0, col = 0;
  std::string addr;
  std::string kind;
  std::string written;  // value written into the cell (section: its text)
};

class Reader {
 public:
  Reader(const detail::Workbook& wb, const std::vector<fm::Form>& forms,
         const ReportXlsxInfo& expected)
      : wb_(wb), forms_(forms), expected_(expected) {}

  core::Result<ReportUpload> run() {
    const detail::Sheet* map = wb_.sheet(kMapSheet);
    if (!map)
      return whole("Tệp không phải tệp báo cáo tải về từ hệ thống (thiếu trang ánh xạ ẩn '" +
                   std::string(kMapSheet) + "'); hãy tải tệp Excel của báo cáo rồi điền vào đó");
    BAOCAO_TRY(readMap(*map));
    for (const auto& form : forms_) readForm(form);
    readNarrative();
    if (errs_.any()) return errs_.toError();
    for (auto& [form, cells] : out_.values)  // blank cells were visited too: drop them
      std::erase_if(cells, [](const auto& kv) { return kv.second.empty(); });
    return std::move(out_);
  }

 private:
  static core::Error whole(std::string message) {
    return makeError(ErrorCode::InvalidFile, message, {{"#baocao", message}});
  }

  static std::string text(const detail::Sheet& s, size_t row, size_t col) {
    const auto* c = s.cell(row, col);
    return c ? c->text : std::string();
  }

  core::Status readMap(const detail::Sheet& map) {
    if (text(map, 1, 0) != kMarker)
      return whole("Trang ánh xạ của tệp bị hỏng (thiếu dấu hiệu " + std::string(kMarker) +
                   "); hãy tải lại tệp Excel của báo cáo");
    if (text(map, 1, 1) != kFormatVersion)
      return whole("Tệp Excel theo định dạng phiên bản '" + text(map, 1, 1) +
                   "', hệ thống đọc phiên bản " + kFormatVersion + "; hãy tải lại tệp");
    std::map<std::string, std::string> header;
    std::map<std::string, std::string> signatures;  // form code → signature in the file
    for (const auto& row : map.rows) {
      std::string key = text(map, row.number, 0);
      auto at = [&](size_t c) { return text(map, row.number, c); };
      if (key == "obligation" || key == "regime" || key == "period" || key == "unit") {
        header[key] = at(1);
      } else if (key == "revision") {
        std::string n = at(1);
        char* end = nullptr;
        out_.base_revision = std::strtoll(n.c_str(), &end, 10);
        if (n.empty() || *end != '\0' || out_.base_revision < 0)
          return whole("Trang ánh xạ của tệp bị hỏng (số phiên bản '" + n +
                       "'); hãy tải lại tệp Excel của báo cáo");
      } else if (key == "form") {
        signatures[at(1)] = at(2);
        form_sheets_[at(1)] = at(3);
      } else if (key == "cell" || key == "section") {
        MappedCell m{at(2), 0, 0, at(3), at(4), at(5)};
        if (!parseAddress(m.addr, m.row, m.col))
          return whole("Trang ánh xạ của tệp bị hỏng (dòng " + std::to_string(row.number) +
                       ": địa chỉ ô '" + m.addr + "'); hãy tải lại tệp Excel của báo cáo");
        if (key == "cell") cells_[{m.sheet, at(1)}] = std::move(m);
        else sections_[at(1)] = std::move(m);
      }
    }
    if (header["obligation"] != expected_.obligation_key)
      return whole("Tệp này là của báo cáo '" + header["obligation"] +
                   "', không phải báo cáo '" + expected_.obligation_key +
                   "' đang mở; hãy chọn đúng tệp");
    for (const auto& form : forms_) {
      auto it = signatures.find(form.code);
      if (it == signatures.end())
        return whole("Tệp không có biểu " + form.code + " của báo cáo; hãy tải lại tệp Excel");
      if (it->second != formSignature(form))
        return whole("Biểu " + form.code + " đã được sửa đổi sau khi tải tệp này (mẫu biểu trong "
                     "tệp khác mẫu đang áp dụng); hãy tải lại tệp Excel rồi nhập lại số liệu");
    }
    for (const auto& [code, sig] : signatures) {
      bool known = false;
      for (const auto& f : forms_) known = known || f.code == code;
      if (!known)
        return whole("Tệp có biểu " + code + " không thuộc báo cáo này; hãy tải lại tệp Excel");
    }
    return core::ok();
  }

  void readForm(const fm::Form& form) {
    std::string sheet_name = form_sheets_[form.code];
    const detail::Sheet* sheet = wb_.sheet(sheet_name);
    std::string where = "Biểu " + form.code;
    if (!sheet) {
      errs_.add({form.code, where}, "thiếu trang tính '" + sheet_name + "' trong tệp");
      return;
    }
    // Rows still where they were written: column C holds the indicator code.
    bool moved = false;
    for (const auto& row : form.rows) {
      if (row.kind == fm::RowKind::Heading || form.columns.empty()) continue;
      auto m = cells_.find({sheet_name, fm::cellKey(row.code, form.columns.front().code)});
      if (m == cells_.end()) continue;  // reported below as a missing cell
      std::string addr = address(m->second.row, detail::kFormCodeColumn);
      std::string found(trimSpaces(text(*sheet, static_cast<size_t>(m->second.row) + 1,
                                        detail::kFormCodeColumn)));
      if (found != row.code) {
        errs_.add({form.code + "!" + addr, where + ", ô " + addr},
                  "mã chỉ tiêu là '" + found + "', phải là '" + row.code +
                      "' (không được chèn, xóa hay sắp xếp lại dòng của biểu)");
        moved = true;
      }
    }
    if (moved) return;
    for (const auto& row : form.rows) {
      for (const auto& col : form.columns) {
        std::string code = fm::cellKey(row.code, col.code);
        auto m = cells_.find({sheet_name, code});
        if (m == cells_.end()) {
          errs_.add({form.code + "/" + code, where + " (" + code + ")"},
                    "tệp không có ô này; hãy tải lại tệp Excel của báo cáo");
          continue;
        }
        const MappedCell& mc = m->second;
        const detail::Cell* cell = sheet->cell(static_cast<size_t>(mc.row) + 1,
                                               static_cast<size_t>(mc.col));
        detail::Place at{form.code + "/" + code, where + ", ô " + mc.addr + " (" + code + ")"};
        auto kind = fm::cellRule(form, row, col).kind;
        if (kind == fm::CellKind::Input && !mc.written.empty())
          out_.original[form.code][code] = mc.written;
        if (kind == fm::CellKind::Input && expected_.text_rows.count(row.code))
          readText(cell, at, out_.values[form.code][code]);
        else if (kind == fm::CellKind::Input)
          readInput(cell, at, fm::cellDecimals(row, col), out_.values[form.code][code]);
        else if (kind == fm::CellKind::Computed) checkComputed(cell, at, mc.written);
        else checkDisabled(cell, at);
      }
    }
  }

  // Sets `slot` to the value; leaves it "" (blank) otherwise.
  void readInput(const detail::Cell* cell, const detail::Place& at, int decimals,
                 std::string& slot) {
    if (!cell) return;
    if (!cell->problem.empty()) {
      errs_.add(at, cell->problem);
      return;
    }
    std::string_view raw = trimSpaces(cell->text);
    if (raw.empty()) {
      if (cell->formula)
        errs_.add(at, "ô có công thức nhưng chưa có kết quả tính; hãy mở tệp bằng Excel, "
                      "lưu lại rồi tải lên");
      return;
    }
    std::optional<Decimal> value;
    if (cell->numeric) {
      if (auto t = excelNumberText(raw)) {
        if (auto d = Decimal::parse(*t)) value = *d;
      }
      if (!value) {
        errs_.add(at, "số '" + std::string(raw) + "' quá lớn hoặc không hợp lệ");
        return;
      }
    } else {
      if (auto d = Decimal::parseVietnamese(raw)) value = *d;
      else if (auto p = Decimal::parse(raw)) value = *p;
      if (!value) {
        errs_.add(at, "'" + std::string(raw) + "' không phải là số");
        return;
      }
    }
    if (value->scale() > decimals) {
      errs_.add(at, "'" + value->toVietnamese() + "' có " + std::to_string(value->scale()) +
                        " chữ số sau dấu phẩy, ô này " +
                        (decimals == 0 ? std::string("chỉ nhận số nguyên")
                                       : "chỉ cho phép " + std::to_string(decimals)));
      return;
    }
    slot = value->toString();
  }

  // A text row's cell: taken as it is (a number as Excel shows it); the caller checks it.
  void readText(const detail::Cell* cell, const detail::Place& at, std::string& slot) {
    if (!cell) return;
    if (!cell->problem.empty()) {
      errs_.add(at, cell->problem);
      return;
    }
    std::string_view raw = trimSpaces(cell->text);
    auto number = cell->numeric ? excelNumberText(raw) : std::nullopt;
    slot = number ? *number : std::string(raw);
  }

  void checkComputed(const detail::Cell* cell, const detail::Place& at, const std::string& written) {
    if (!cell || cell->formula) return;  // formula kept: its result is ignored (recomputed)
    std::string_view raw = trimSpaces(cell->text);
    if (raw.empty() && cell->problem.empty()) return;
    if (cell->numeric && !written.empty()) {
      auto t = excelNumberText(raw);
      if (t && *t == written) return;  // the value the server wrote
    }
    if (!cell->numeric && !written.empty()) {
      auto d = Decimal::parseVietnamese(raw);
      if (d && d->toString() == written) return;  // written as text (more than 15 digits)
    }
    std::string shown = cell->problem.empty() ? std::string(raw) : cell->problem;
    errs_.add(at, "ô tự tính (nền xám) đã bị sửa thành '" + shown +
                      "'; hệ thống tự tính ô này, hãy xóa số đã nhập và sửa các ô thành phần");
  }

  void checkDisabled(const detail::Cell* cell, const detail::Place& at) {
    if (!cell) return;
    std::string_view raw = trimSpaces(cell->text);
    if ((raw.empty() && cell->problem.empty()) || raw == "x" || raw == "X") return;
    errs_.add(at, "ô không áp dụng (đánh dấu x) không được nhập số liệu ('" +
                      std::string(raw.empty() ? cell->problem : raw) + "')");
  }

  void readNarrative() {
    const detail::Sheet* sheet = wb_.sheet(kNarrativeSheet);
    std::set<std::string> asked;
    for (const auto& s : expected_.sections) asked.insert(s.code);
    for (const auto& [code, m] : sections_) {
      detail::Place at{code, "Thuyết minh, ô " + m.addr + " (mục " + code + ")"};
      if (!m.written.empty()) out_.original_narrative[code] = m.written;
      if (!asked.count(code)) {
        errs_.add(at, "mục này không còn trong đề cương báo cáo; hãy tải lại tệp Excel");
        continue;
      }
      if (!sheet) {
        errs_.add(at, "thiếu trang tính 'Thuyết minh' trong tệp");
        return;
      }
      const detail::Cell* cell = sheet->cell(static_cast<size_t>(m.row) + 1,
                                             static_cast<size_t>(m.col));
      if (!cell) continue;
      if (!cell->problem.empty()) {
        errs_.add(at, cell->problem);
        continue;
      }
      std::string t = core::text::normaliseLineEnds(cell->text);
      if (!trimSpaces(t).empty()) out_.narrative[code] = std::move(t);
    }
  }

  const detail::Workbook& wb_;
  const std::vector<fm::Form>& forms_;
  const ReportXlsxInfo& expected_;
  std::map<std::string, std::string> form_sheets_;
  std::map<std::pair<std::string, std::string>, MappedCell> cells_;  // (sheet, cell code)
  std::map<std::string, MappedCell> sections_;
  detail::Errors errs_;
  ReportUpload out_;
};

}  // namespace

core::Result<ReportUpload> readReportXlsx(std::string_view bytes, const std::vector<fm::Form>& forms,
                                          const ReportXlsxInfo& expected) {
  BAOCAO_ASSIGN(auto wb, detail::readXlsxWorkbook(bytes));
  return Reader(wb, forms, expected).run();
}

}  // namespace baocao::exchange
