#include "http/calendar_import.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "app/calendar_service.h"
#include "core/common/text.h"
#include "exchange/calendar_csv.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
namespace cal = core::calendar;

namespace {

constexpr size_t kMaxImportErrors = 100;

/// 1-based line number from "Dòng L, cột C: …" (0 when absent).
size_t lineOf(const std::string& message) {
  const std::string prefix = "Dòng ";
  if (message.rfind(prefix, 0) != 0) return 0;
  size_t n = 0, i = prefix.size();
  while (i < message.size() && message[i] >= '0' && message[i] <= '9')
    n = n * 10 + static_cast<size_t>(message[i++] - '0');
  return n;
}

/// Replaces the text of line `line` (1-based) by nothing, keeping the line count.
void blankLine(std::string& text, size_t line) {
  size_t pos = 0;
  for (size_t l = 1; l < line && pos != std::string::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string::npos) ++pos;
  }
  if (pos == std::string::npos || pos > text.size()) return;
  size_t end = text.find('\n', pos);
  if (end == std::string::npos) end = text.size();
  text.erase(pos, end - pos);
}

/// The line of each date row (first field), for naming the line of a rejected day.
std::map<core::Date, size_t> linesOfDates(std::string_view text) {
  std::map<core::Date, size_t> out;
  size_t pos = 0, line = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    std::string_view l = text.substr(pos, end - pos);
    if (line == 1 && l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);
    if (auto d = core::Date::parseIso(l.substr(0, std::min<size_t>(l.find(','), l.size()))))
      out.emplace(*d, line);
    if (end == text.size()) break;
    pos = end + 1;
  }
  return out;
}

struct Problem {
  size_t line;
  std::string message;
};

}  // namespace

/// The text after "# " of the first comment line (the decision the schedule comes from).
std::string sourceFromComments(std::string_view text) {
  size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = core::text::trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    if (line[0] != '#') break;
    line = core::text::trim(line.substr(1));
    if (!line.empty()) return std::string(line.substr(0, 2000));
  }
  return {};
}

/// Parses a whole CSV file, reporting every bad line (not only the first): after an error the
/// line is set aside and the rest parsed again. Day-level checks (a make-up working day that is
/// not a weekly rest day) are then made on the remaining rows, naming their lines. Nothing is
/// stored unless the file has no error at all.
core::Result<std::vector<cal::OfficialSchedule>> parseOfficialCsvReportingAll(
    const std::string& body, const std::string& source, const cal::WeeklyRestDays& rest) {
  std::string text = body;
  std::vector<Problem> problems;
  std::set<size_t> blanked;
  std::vector<cal::OfficialSchedule> schedules;
  for (size_t round = 0; round <= kMaxImportErrors; ++round) {
    auto r = exchange::parseOfficialScheduleCsv(text, source);
    if (r) {
      schedules = std::move(r).value();
      break;
    }
    const std::string& msg = r.error().message;
    size_t line = lineOf(msg);
    // "no rows at all" after setting lines aside is a consequence, not another error
    bool empty_file = msg.find("tệp không có ngày nào") != std::string::npos;
    if (empty_file && !problems.empty()) break;
    problems.push_back({line, msg});
    if (line == 0 || empty_file || blanked.count(line)) break;
    blanked.insert(line);
    blankLine(text, line);
  }
  if (!schedules.empty()) {
    auto lines = linesOfDates(body);
    for (const auto& s : schedules) {
      auto st = app::CalendarService::validateOfficial(s, rest);
      if (st) continue;
      for (const auto& d : st.error().details) {
        // field "days[i]": the i-th day of this year's schedule, in file order
        size_t i = 0;
        if (std::sscanf(d.field.c_str(), "days[%zu]", &i) != 1 || i >= s.days.size()) {
          problems.push_back({0, st.error().message});
          continue;
        }
        size_t line = lines.count(s.days[i].date) ? lines[s.days[i].date] : 0;
        problems.push_back({line, "Dòng " + std::to_string(line) + ", cột 1: " + d.message});
      }
    }
  }
  if (problems.empty()) return schedules;
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  std::vector<core::ErrorDetail> details;
  for (const auto& p : problems)
    details.push_back({p.line ? "dòng " + std::to_string(p.line) : "tệp", p.message});
  std::string msg = problems.size() == 1
                        ? problems.front().message
                        : "Tệp có " + std::to_string(problems.size()) +
                              " lỗi, không có dữ liệu nào được nhập. Lỗi đầu tiên: " +
                              problems.front().message;
  return makeError(ErrorCode::InvalidFile, std::move(msg), std::move(details));
}

}  // namespace baocao::http
