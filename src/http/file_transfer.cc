#include "http/file_transfer.h"

namespace baocao::http {

core::Result<std::string> uploadFormatName(const Request& req) {
  std::string name = req.q("format");
  if (req.has("filename")) {
    const std::string& fn = req.q("filename");
    if (fn.find("..") != std::string::npos || fn.find('/') != std::string::npos ||
        fn.find('\\') != std::string::npos || fn.find('\0') != std::string::npos)
      return core::makeError(core::ErrorCode::InvalidFileName,
                             "Tên tệp '" + fn.substr(0, 100) +
                                 "' không hợp lệ (không được chứa '..', '/', '\\')",
                             {{"filename", "không hợp lệ"}});
  }
  if (name.empty()) {
    std::string ct = req.header("content-type");
    if (ct.find("json") != std::string::npos) name = "json";
    else if (ct.find("csv") != std::string::npos) name = "csv";
    else if (ct.find("spreadsheetml") != std::string::npos) name = "xlsx";
  }
  if (name.empty() && req.has("filename")) name = req.q("filename");
  return name;
}

Response fileDownload(std::string bytes, std::string_view mime_type, const std::string& filename) {
  Response r;
  r.content_type = std::string(mime_type);
  r.body = std::move(bytes);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace baocao::http
