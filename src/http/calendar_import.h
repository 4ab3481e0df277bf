// Import of an official holiday schedule from CSV reporting EVERY bad line, not only the first
// (used by POST /api/v1/calendar/official/import and `baocao calendar import-official`).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/holiday_calendar.h"
#include "core/common/result.h"

namespace baocao::http {

/// The text after "# " of the first comment line of a CSV file (the decision the schedule
/// comes from); empty when there is none.
std::string sourceFromComments(std::string_view text);

/// Parses a whole CSV file, reporting every bad line: after an error the line is set aside and
/// the rest parsed again; day-level checks (a make-up working day that is not a weekly rest day)
/// are made on the remaining rows, naming their lines. InvalidFile with one detail per line
/// ("dòng 7") when anything is wrong; nothing is returned for storage unless the file is clean.
core::Result<std::vector<core::calendar::OfficialSchedule>> parseOfficialCsvReportingAll(
    const std::string& body, const std::string& source, const core::calendar::WeeklyRestDays& rest);

}  // namespace baocao::http
