// Organisation files in XLSX: writer (libxlsxwriter) and reader (libzip + pugixml)
// (org_io.h, layout in org_table.cc).
//
// Reader: the first worksheet (workbook.xml + its relationships), shared strings including
// rich-text runs, inline strings, formula strings and numbers (date cells in date columns).
// Zip-bomb guard: every part read must declare an uncompressed size <= 50 MB and may not
// inflate beyond it. Element prefixes (x:row) are ignored, as some producers write them.
// Writer: sheet "don_vi", bold frozen header, column widths, text format so "00004" keeps its
// zeros; written to a private mkstemp file that is deleted before returning.
// Thread-safety: pure functions; each call uses its own temporary file.
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <map>
#include <fstream>
#include <memory>
#include <pugixml.hpp>
#include <sstream>

#include "exchange/org_io_detail.h"

namespace baocao::exchange::detail {

using core::ErrorCode;
using core::makeError;

namespace {

constexpr zip_uint64_t kMaxPartBytes = 50ull * 1024 * 1024;
constexpr size_t kMaxRows = 1048576, kMaxCols = 16384;

core::Error fileError(const std::string& what) {
  return makeError(ErrorCode::InvalidFile, "Tệp XLSX: " + what, {{"tệp", what}});
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

/// The bytes of one part, nullopt when absent.
core::Result<std::optional<std::string>> readPart(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::optional<std::string>{};
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPartBytes)
    return fileError("phần '" + name + "' khi giải nén lớn hơn 50 MB (có thể là tệp nén độc hại)");
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return fileError("không đọc được phần '" + name + "' (tệp nén bị hỏng)");
  std::string out(static_cast<size_t>(st.size), '\0');
  zip_int64_t got = st.size ? zip_fread(f, out.data(), st.size) : 0;
  char extra;
  zip_int64_t more = zip_fread(f, &extra, 1);
  zip_fclose(f);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size || more != 0)
    return fileError("phần '" + name + "' bị hỏng hoặc có kích thước sai");
  return std::optional<std::string>{std::move(out)};
}

std::string_view localName(const pugi::xml_node& n) {
  std::string_view s = n.name();
  auto p = s.find(':');
  return p == std::string_view::npos ? s : s.substr(p + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view local) {
  for (auto c : n.children())
    if (localName(c) == local) return c;
  return {};
}

core::Result<std::unique_ptr<pugi::xml_document>> parseXml(const std::string& part,
                                                           const std::string& bytes) {
  auto doc = std::make_unique<pugi::xml_document>();
  auto r = doc->load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                            pugi::encoding_utf8);
  if (!r)
    return fileError("phần '" + part + "' không phải XML hợp lệ (byte thứ " +
                     std::to_string(r.offset + 1) + ": " + r.description() + ")");
  return doc;
}

/// Decodes the OOXML escape _xHHHH_ (Excel writes control characters that way).
std::string unescapeOoxml(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned v = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) hex = false;
        v = v * 16 + static_cast<unsigned>(d < 0 ? 0 : d);
      }
      if (hex) {
        if (v < 0x80) {
          out += static_cast<char>(v);
        } else if (v < 0x800) {
          out += static_cast<char>(0xC0 | (v >> 6));
          out += static_cast<char>(0x80 | (v & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (v >> 12));
          out += static_cast<char>(0x80 | ((v >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (v & 0x3F));
        }
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

/// Text of a shared-string item or an inline string: <t> or rich-text runs <r><t>, without
/// phonetic runs <rPh>.
std::string richText(const pugi::xml_node& si) {
  std::string s;
  for (auto c : si.children()) {
    auto ln = localName(c);
    if (ln == "t") {
      s += c.text().get();
    } else if (ln == "r") {
      if (auto t = child(c, "t")) s += t.text().get();
    }
  }
  return unescapeOoxml(std::move(s));
}

/// "C5" -> column 2, row 5. False when malformed.
bool parseRef(std::string_view ref, size_t& col, size_t& row) {
  size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    if (c > kMaxCols) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<size_t>(ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r == 0) return false;
  col = c - 1;
  row = r;
  return true;
}

std::string resolveTarget(std::string target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  while (target.rfind("./", 0) == 0) target = target.substr(2);
  return "xl/" + target;
}

}  // namespace

core::Result<OrgFile> readOrgXlsx(std::string_view bytes) {
  BAOCAO_ASSIGN(auto t, readXlsxTable(bytes, "ma, ten, loai, …"));
  return tableToOrgFile(t);
}

const Cell* Sheet::cell(size_t row, size_t col) const {
  auto it = std::lower_bound(rows.begin(), rows.end(), row,
                             [](const TableRow& r, size_t n) { return r.number < n; });
  if (it == rows.end() || it->number != row || col >= it->cells.size()) return nullptr;
  return &it->cells[col];
}

const Sheet* Workbook::sheet(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

namespace {

// The rows of one worksheet part. Cells whose value cannot be read keep a `problem`.
core::Result<std::vector<TableRow>> readSheetRows(zip_t* z, const std::string& part,
                                                  const std::vector<std::string>& sst) {
  BAOCAO_ASSIGN(auto sheet_bytes, readPart(z, part));
  if (!sheet_bytes) return fileError("thiếu phần '" + part + "'");
  BAOCAO_ASSIGN(auto sheet, parseXml(part, *sheet_bytes));
  auto data = child(sheet->document_element(), "sheetData");
  std::vector<TableRow> rows;
  size_t next_row = 1;
  for (auto xr : data.children()) {
    if (localName(xr) != "row") continue;
    size_t rnum = next_row;
    if (auto a = xr.attribute("r")) {
      rnum = static_cast<size_t>(std::strtoull(a.value(), nullptr, 10));
      if (rnum == 0 || rnum > kMaxRows) return fileError(std::string("số dòng '") + a.value() + "' không hợp lệ");
    }
    next_row = rnum + 1;
    TableRow row;
    row.number = rnum;
    size_t next_col = 0;
    for (auto xc : xr.children()) {
      if (localName(xc) != "c") continue;
      size_t col = next_col, crow = rnum;
      if (auto a = xc.attribute("r"); a && !parseRef(a.value(), col, crow))
        return fileError(std::string("địa chỉ ô '") + a.value() + "' không hợp lệ");
      next_col = col + 1;
      std::string_view type = xc.attribute("t").value();
      Cell cell;
      cell.formula = static_cast<bool>(child(xc, "f"));
      if (type == "s") {
        auto v = child(xc, "v");
        char* end = nullptr;
        const char* txt = v.text().get();
        unsigned long long idx = std::strtoull(txt, &end, 10);
        if (!v || end == txt || idx >= sst.size())
          cell.problem = "chỉ số chuỗi dùng chung '" + std::string(txt) + "' không hợp lệ";
        else
          cell.text = sst[idx];
      } else if (type == "inlineStr") {
        cell.text = richText(child(xc, "is"));
      } else if (type == "e") {
        cell.problem = "ô chứa lỗi công thức (" + std::string(child(xc, "v").text().get()) + ")";
      } else if (type == "str" || type == "d") {
        cell.text = unescapeOoxml(child(xc, "v").text().get());
      } else if (type == "b") {
        cell.text = std::string_view(child(xc, "v").text().get()) == "1" ? "TRUE" : "FALSE";
      } else {
        cell.text = child(xc, "v").text().get();
        cell.numeric = !cell.text.empty();
      }
      if (row.cells.size() <= col) row.cells.resize(col + 1);
      row.cells[col] = std::move(cell);
    }
    rows.push_back(std::move(row));
  }
  // Excel writes rows in order; other producers may not (Sheet::cell looks rows up by number).
  std::stable_sort(rows.begin(), rows.end(),
                   [](const TableRow& a, const TableRow& b) { return a.number < b.number; });
  return rows;
}

}  // namespace

core::Result<Workbook> readXlsxWorkbook(std::string_view bytes, bool first_only) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) {
    zip_error_fini(&zerr);
    return fileError("không mở được tệp");
  }
  ZipPtr z(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  if (!z) {
    zip_source_free(src);
    zip_error_fini(&zerr);
    return fileError("không phải tệp Excel .xlsx hợp lệ (không đọc được cấu trúc nén ZIP)");
  }
  zip_error_fini(&zerr);

  BAOCAO_ASSIGN(auto wb_bytes, readPart(z.get(), "xl/workbook.xml"));
  if (!wb_bytes) return fileError("thiếu phần 'xl/workbook.xml' (không phải sổ tính Excel)");
  BAOCAO_ASSIGN(auto wb, parseXml("xl/workbook.xml", *wb_bytes));
  auto wb_root = wb->document_element();
  Workbook out;
  if (auto pr = child(wb_root, "workbookPr")) {
    std::string_view v = pr.attribute("date1904").value();
    out.date1904 = v == "1" || v == "true";
  }
  struct Entry {
    std::string name, rid;
    bool hidden = false;
  };
  std::vector<Entry> entries;
  if (auto sheets = child(wb_root, "sheets")) {
    for (auto sheet : sheets.children()) {
      if (localName(sheet) != "sheet") continue;
      Entry e;
      e.name = sheet.attribute("name").value();
      std::string_view state = sheet.attribute("state").value();
      e.hidden = state == "hidden" || state == "veryHidden";
      for (auto a : sheet.attributes()) {
        std::string_view an = a.name();
        if (an == "r:id" || (an.size() > 3 && an.substr(an.size() - 3) == ":id")) e.rid = a.value();
      }
      if (!e.rid.empty()) entries.push_back(std::move(e));
      if (first_only && !entries.empty()) break;
    }
  }
  if (entries.empty()) return fileError("sổ tính không có trang tính nào");

  BAOCAO_ASSIGN(auto rels_bytes, readPart(z.get(), "xl/_rels/workbook.xml.rels"));
  if (!rels_bytes) return fileError("thiếu phần 'xl/_rels/workbook.xml.rels'");
  BAOCAO_ASSIGN(auto rels, parseXml("xl/_rels/workbook.xml.rels", *rels_bytes));
  std::map<std::string, std::string> parts;  // rid → part
  std::string sst_part;
  for (auto rel : rels->document_element().children()) {
    if (localName(rel) != "Relationship") continue;
    std::string_view type = rel.attribute("Type").value();
    parts[rel.attribute("Id").value()] = resolveTarget(rel.attribute("Target").value());
    if (type.size() >= 14 && type.substr(type.size() - 14) == "/sharedStrings")
      sst_part = resolveTarget(rel.attribute("Target").value());
  }
  if (sst_part.empty()) sst_part = "xl/sharedStrings.xml";

  std::vector<std::string> sst;
  {
    BAOCAO_ASSIGN(auto sst_bytes, readPart(z.get(), sst_part));
    if (sst_bytes) {
      BAOCAO_ASSIGN(auto doc, parseXml(sst_part, *sst_bytes));
      for (auto si : doc->document_element().children())
        if (localName(si) == "si") sst.push_back(richText(si));
    }
  }
  for (const auto& e : entries) {
    auto part = parts.find(e.rid);
    if (part == parts.end())
      return fileError(first_only ? "không tìm thấy trang tính đầu tiên ('" + e.rid + "')"
                                  : "không tìm thấy trang tính '" + e.name + "' ('" + e.rid + "')");
    BAOCAO_ASSIGN(auto rows, readSheetRows(z.get(), part->second, sst));
    out.sheets.push_back({e.name, e.hidden, std::move(rows)});
  }
  return out;
}

core::Result<Table> readXlsxTable(std::string_view bytes, std::string_view header_hint) {
  BAOCAO_ASSIGN(auto wb, readXlsxWorkbook(bytes, true));
  Table t;
  t.xlsx = true;
  t.date1904 = wb.date1904;
  Errors errs;
  bool have_header = false;
  for (auto& row : wb.sheets.front().rows) {
    for (size_t col = 0; col < row.cells.size(); ++col) {
      auto& c = row.cells[col];
      if (c.problem.empty()) continue;
      std::string ref = columnLetters(col) + std::to_string(row.number);
      errs.add({ref, "Ô " + ref}, c.problem);
      c = Cell{};
    }
    bool blank = true;
    for (const auto& c : row.cells) blank = blank && c.text.empty();
    if (!have_header) {
      if (blank) continue;
      for (auto& c : row.cells) t.header.push_back(std::move(c.text));
      t.header_row = row.number;
      have_header = true;
      continue;
    }
    if (!blank) t.rows.push_back(std::move(row));
  }
  if (errs.any()) return errs.toError();
  if (!have_header)
    return makeError(ErrorCode::InvalidFile,
                     "Tệp XLSX: trang tính đầu tiên trống, cần dòng tiêu đề " + std::string(header_hint),
                     {{"A1", "thiếu dòng tiêu đề"}});
  return t;
}

core::Result<std::string> writeOrgXlsx(const OrgFile& file) {
  BAOCAO_ASSIGN(auto rows, orgFileToTable(file));
  static const std::vector<double> kWidths = {12, 48, 16, 14, 13, 13, 44};
  return writeXlsxRows(rows, "don_vi", kWidths);
}

core::Result<std::string> writeXlsxRows(const std::vector<std::vector<std::string>>& rows,
                                        const char* sheet_name, const std::vector<double>& widths) {
  if (rows.size() > kMaxRows)
    return makeError(ErrorCode::InvalidField,
                     "Quá nhiều dòng cho một trang tính Excel (tối đa 1.048.575)",
                     {{"rows", "quá nhiều dòng"}});

  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/baocao-org-XXXXXX.xlsx";
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) return makeError(ErrorCode::Internal, "Không tạo được tệp tạm để ghi XLSX");
  ::close(fd);
  struct Unlink {
    std::string p;
    ~Unlink() { std::remove(p.c_str()); }
  } guard{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return makeError(ErrorCode::Internal, "Không tạo được sổ tính XLSX");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_num_format(head, "@");
  format_set_bg_color(head, 0xDDEBF7);
  format_set_bottom(head, LXW_BORDER_THIN);
  for (lxw_col_t c = 0; c < widths.size(); ++c) worksheet_set_column(ws, c, c, widths[c], text);
  worksheet_freeze_panes(ws, 1, 0);

  lxw_error err = LXW_NO_ERROR;
  for (size_t r = 0; r < rows.size() && err == LXW_NO_ERROR; ++r) {
    for (size_t c = 0; c < rows[r].size() && err == LXW_NO_ERROR; ++c) {
      const auto& s = rows[r][c];
      if (s.empty()) continue;
      err = worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                   s.c_str(), r == 0 ? head : text);
    }
  }
  if (err == LXW_NO_ERROR && rows.size() > 1)
    err = worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size() - 1),
                               static_cast<lxw_col_t>(rows.front().size() - 1));
  lxw_error close_err = workbook_close(wb);
  if (err != LXW_NO_ERROR || close_err != LXW_NO_ERROR)
    return makeError(ErrorCode::Internal,
                     std::string("Không ghi được tệp XLSX: ") +
                         lxw_strerror(err != LXW_NO_ERROR ? err : close_err));

  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) return makeError(ErrorCode::Internal, "Không đọc lại được tệp XLSX tạm");
  return buf.str();
}

}  // namespace baocao::exchange::detail
