#include "exchange/calendar_csv.h"

#include <map>
#include <set>

namespace baocao::exchange {

using core::Date;
using core::ErrorCode;
using core::makeError;
using core::calendar::CalendarDay;
using core::calendar::DayKind;
using core::calendar::OfficialSchedule;

namespace {

struct Field {
  std::string text;
  size_t column = 0;  // 1-based character column where the field starts
};

core::Error csvError(size_t line, size_t column, const std::string& what) {
  return makeError(ErrorCode::InvalidFile, "Dòng " + std::to_string(line) + ", cột " +
                                               std::to_string(column) + ": " + what);
}

// Returns the position of the first invalid UTF-8 byte, or npos.
size_t invalidUtf8At(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || (n == 2 && c < 0xc2) || i + n > s.size()) return i;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

// Splits one physical line into fields (quoted fields may not span lines in this format).
core::Result<std::vector<Field>> splitLine(std::string_view line, size_t line_no) {
  std::vector<Field> fields;
  size_t i = 0;
  while (true) {
    Field f;
    f.column = i + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) return csvError(line_no, f.column, "thiếu dấu ngoặc kép đóng");
      if (i < line.size() && line[i] != ',') {
        return csvError(line_no, i + 1, "sau dấu ngoặc kép đóng phải là dấu phẩy");
      }
    } else {
      while (i < line.size() && line[i] != ',') f.text += line[i++];
    }
    fields.push_back(std::move(f));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

std::string quote(const std::string& s) {
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

core::Result<std::vector<OfficialSchedule>> parseOfficialScheduleCsv(std::string_view text,
                                                                     std::string_view source) {
  std::map<int, OfficialSchedule> by_year;
  std::set<Date> seen;
  size_t line_no = 0, pos = 0;
  bool header_allowed = true;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte order mark from spreadsheets
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (size_t bad = invalidUtf8At(line); bad != std::string_view::npos) {
      return csvError(line_no, bad + 1, "không phải văn bản UTF-8 hợp lệ");
    }
    if (line.empty() || line[0] == '#') continue;
    BAOCAO_ASSIGN(std::vector<Field> fields, splitLine(line, line_no));
    if (header_allowed && fields.size() == 3 && fields[0].text == "date" &&
        fields[1].text == "kind" && fields[2].text == "name") {
      header_allowed = false;
      continue;
    }
    header_allowed = false;
    if (fields.size() != 3) {
      const size_t col = fields.size() > 3 ? fields[3].column : line.size() + 1;
      return csvError(line_no, col,
                      "cần đúng 3 cột (date,kind,name), có " + std::to_string(fields.size()));
    }
    auto date = Date::parseIso(fields[0].text);
    if (!date.has_value()) {
      return csvError(line_no, fields[0].column, "cột date: " + date.error().message);
    }
    auto kind = core::calendar::parseDayKind(fields[1].text);
    if (!kind) {
      return csvError(line_no, fields[1].column,
                      "cột kind: loại ngày '" + fields[1].text +
                          "' không hợp lệ (official, statutory, compensatory hoặc workday)");
    }
    if (fields[2].text.empty())
      return csvError(line_no, fields[2].column, "cột name: thiếu tên ngày");
    if (!seen.insert(*date).second) {
      return csvError(line_no, fields[0].column, "ngày " + date->iso() + " bị lặp lại");
    }
    OfficialSchedule& s = by_year[date->year()];
    s.year = date->year();
    s.source = std::string(source);
    s.days.push_back(CalendarDay{*date, fields[2].text, *kind});
  }
  if (by_year.empty()) return csvError(line_no == 0 ? 1 : line_no, 1, "tệp không có ngày nào");
  std::vector<OfficialSchedule> out;
  for (auto& [year, s] : by_year) out.push_back(std::move(s));
  return out;
}

std::string formatOfficialScheduleCsv(const OfficialSchedule& schedule) {
  std::string out;
  if (!schedule.source.empty()) out += "# " + schedule.source + "\n";
  out += "date,kind,name\n";
  for (const CalendarDay& d : schedule.days) {
    out += d.date.iso() + "," + std::string(core::calendar::dayKindName(d.kind)) + "," +
           quote(d.name) + "\n";
  }
  return out;
}

}  // namespace baocao::exchange
