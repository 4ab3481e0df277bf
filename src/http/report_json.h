// Pieces of the report API (report_routes.cc) that other report endpoints answer with: the
// report as the entry screen reads it, the 409 of a save that met someone else's change, the
// {key} path parameter, and a download with a UTF-8 file name.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/report_service.h"
#include "core/common/result.h"
#include "http/message.h"

namespace baocao::http {

/// The body of GET /api/v1/reports/{key}.
nlohmann::ordered_json reportViewJson(const app::ReportView& v);
/// 409 problem+json listing the conflicting cells (who, when, their value).
Response saveConflictProblem(const app::SaveResult& r);
/// The decoded {key}; InvalidField when empty, too long or not UTF-8.
core::Result<std::string> reportKeyParam(const Request& req);
/// 200 attachment with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987).
Response downloadNamed(std::string bytes, const std::string& media, const std::string& utf8_name);

}  // namespace baocao::http
