// Errors on the wire: the one mapping from ErrorCode to HTTP status, and the
// application/problem+json body (RFC 7807) with a stable code and a Vietnamese detail.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/common/error.h"
#include "http/message.h"

namespace baocao::http {

/// The only place where error codes become HTTP statuses.
int statusFor(core::ErrorCode code);
Response problem(const core::Error& e);
/// Problem with extra members (e.g. "current" for a 409).
Response problem(const core::Error& e, const nlohmann::json& extra);
Response problem(int status, const std::string& code, const std::string& detail);

}  // namespace baocao::http
