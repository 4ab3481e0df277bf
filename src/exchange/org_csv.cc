// Organisation files in CSV (RFC 4180): reader and writer (org_io.h, layout in org_table.cc).
//
// Reading: UTF-8 with or without BOM; quoted fields with doubled quotes and line breaks; CRLF,
// LF or CR line ends; comma-separated, or semicolon-separated when the header has semicolons
// and no commas (what Excel writes under a Vietnamese list separator).
// Writing: UTF-8 with BOM and CRLF so that Excel shows Vietnamese correctly.
// Thread-safety: pure functions.
#include "core/common/text.h"
#include "exchange/org_io_detail.h"

namespace baocao::exchange::detail {

using core::ErrorCode;
using core::makeError;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

core::Error syntaxError(size_t line, const std::string& what) {
  std::string field = "dòng " + std::to_string(line);
  return makeError(ErrorCode::InvalidFile, "Dòng " + std::to_string(line) + ": " + what,
                   {{field, "Dòng " + std::to_string(line) + ": " + what}});
}

char detectDelimiter(std::string_view s) {
  bool in_quotes = false, comma = false, semicolon = false;
  for (char c : s) {
    if (c == '"') in_quotes = !in_quotes;
    else if (!in_quotes && (c == '\n' || c == '\r')) break;
    else if (!in_quotes && c == ',') comma = true;
    else if (!in_quotes && c == ';') semicolon = true;
  }
  return semicolon && !comma ? ';' : ',';
}

bool needsQuotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;
  return s.find_first_of(",;\"\r\n") != std::string_view::npos;
}

}  // namespace

core::Result<OrgFile> readOrgCsv(std::string_view bytes) {
  BAOCAO_ASSIGN(auto t, readCsvTable(bytes, "ma,ten,loai,…"));
  return tableToOrgFile(t);
}

core::Result<Table> readCsvTable(std::string_view bytes, std::string_view header_hint) {
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  if (auto bad = core::text::firstInvalidUtf8(bytes)) {
    size_t line = 1;
    for (size_t i = 0; i < *bad; ++i) line += bytes[i] == '\n';
    return syntaxError(line, "không phải UTF-8 hợp lệ (byte thứ " + std::to_string(*bad + 1) +
                                 " của tệp); hãy lưu tệp dưới dạng \"CSV UTF-8\"");
  }
  const char delim = detectDelimiter(bytes);

  Table t;
  size_t line = 1, i = 0;
  const size_t n = bytes.size();
  bool first = true;
  while (i < n) {
    TableRow row;
    row.number = line;
    for (;;) {  // one field per iteration
      Cell cell;
      if (i < n && bytes[i] == '"') {
        size_t start_line = line;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = bytes[i];
          if (c == '"') {
            if (i + 1 < n && bytes[i + 1] == '"') {
              cell.text += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          cell.text += c;
          ++i;
        }
        if (!closed)
          return syntaxError(start_line, "thiếu dấu ngoặc kép đóng cho trường bắt đầu ở dòng này");
        if (i < n && bytes[i] != delim && bytes[i] != '\r' && bytes[i] != '\n')
          return syntaxError(line, std::string("ký tự '") + bytes[i] +
                                       "' ngay sau dấu ngoặc kép đóng (cần dấu phân cách hoặc xuống dòng)");
      } else {
        size_t start = i;
        while (i < n && bytes[i] != delim && bytes[i] != '\r' && bytes[i] != '\n') {
          if (bytes[i] == '"')
            return syntaxError(line, "dấu ngoặc kép nằm giữa trường không đặt trong ngoặc kép "
                                     "(ghi trường trong \"…\" và nhân đôi dấu ngoặc kép bên trong)");
          ++i;
        }
        cell.text.assign(bytes.substr(start, i - start));
      }
      row.cells.push_back(std::move(cell));
      if (i < n && bytes[i] == delim) {
        ++i;
        continue;
      }
      break;
    }
    // End of record.
    if (i < n && bytes[i] == '\r') ++i;
    if (i < n && bytes[i] == '\n') ++i;
    ++line;
    if (first) {
      for (auto& c : row.cells) t.header.push_back(std::move(c.text));
      t.header_row = row.number;
      first = false;
    } else {
      t.rows.push_back(std::move(row));
    }
  }
  if (first)
    return makeError(ErrorCode::InvalidFile, "Tệp CSV rỗng: cần dòng tiêu đề " + std::string(header_hint),
                     {{"dòng 1", "thiếu dòng tiêu đề"}});
  return t;
}

core::Result<std::string> writeOrgCsv(const OrgFile& file) {
  BAOCAO_ASSIGN(auto rows, orgFileToTable(file));
  return writeCsvRows(rows);
}

std::string writeCsvRows(const std::vector<std::vector<std::string>>& rows) {
  std::string out(kBom);
  out.reserve(rows.size() * 90 + 64);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      const auto& s = row[c];
      if (needsQuotes(s)) {
        out += '"';
        for (char ch : s) {
          if (ch == '"') out += '"';
          out += ch;
        }
        out += '"';
      } else {
        out += s;
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace baocao::exchange::detail
