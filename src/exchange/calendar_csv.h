// CSV import/export of official holiday schedules (lịch nghỉ lễ, Tết chính thức).
//
// Format (UTF-8, RFC 4180 quoting, LF or CRLF line ends):
//   # comment lines (e.g. the decision the schedule comes from) start with '#'
//   date,kind,name                    <- optional header line
//   2026-02-16,official,Tết Nguyên đán
//   2026-01-10,workday,Làm bù cho thứ Sáu 02/01/2026
// kind is one of official | statutory | compensatory (a day off) or workday (a make-up working
// day on a weekly rest day). Rows may cover several years; they are grouped by the year of
// the date. Errors name the line and the column, in Vietnamese.
// Thread-safety: pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/holiday_calendar.h"
#include "core/common/result.h"

namespace baocao::exchange {

/// Parses a CSV official schedule into one OfficialSchedule per year (in year order), with
/// `source` copied into each. Errors (ErrorCode::InvalidFile, message "Dòng L, cột C: ..."): a
/// wrong number of fields, a malformed date, an unknown kind, an empty name, an unterminated
/// quote, invalid UTF-8, a date listed twice, or no rows at all.
core::Result<std::vector<core::calendar::OfficialSchedule>> parseOfficialScheduleCsv(
    std::string_view text, std::string_view source = {});

/// Writes a schedule in the same format, with a header line (parseOfficialScheduleCsv reads it
/// back).
std::string formatOfficialScheduleCsv(const core::calendar::OfficialSchedule& schedule);

}  // namespace baocao::exchange
