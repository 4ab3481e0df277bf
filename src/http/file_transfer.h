// Shared pieces of file upload and download endpoints (imports and exports of the tree, the
// indicator catalog, calendars, forms): which format an upload is in, and the download answer.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.h"
#include "http/message.h"

namespace baocao::http {

/// The format name of an uploaded file: `?format=`, else the Content-Type (json/csv/xlsx),
/// else the extension of `?filename=`. A file name with "..", '/', '\\' or NUL is refused
/// (InvalidFileName) whatever the format. Returns "" when nothing says.
core::Result<std::string> uploadFormatName(const Request& req);

/// 200 with the bytes as an attachment named `filename` (ASCII; shown by the browser).
Response fileDownload(std::string bytes, std::string_view mime_type, const std::string& filename);

}  // namespace baocao::http
