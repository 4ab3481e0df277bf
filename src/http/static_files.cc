#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace baocao::http {

namespace fs = std::filesystem;

namespace {
std::string mimeFor(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
}  // namespace

size_t StaticFiles::load(const std::string& root) {
  files_.clear();
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return 0;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    files_[rel] = File{ss.str(), mimeFor(it->path().extension().string())};
  }
  return files_.size();
}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos ||
      path.find('\\') != std::string::npos || path.find("/.") != std::string::npos)
    return std::nullopt;
  auto it = files_.find(path == "/" ? "/index.html" : path);
  bool fallback = false;
  if (it == files_.end()) {
    // Client-side route (no extension) -> the SPA; a missing asset -> 404.
    auto last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    fallback = true;
    if (it == files_.end()) return std::nullopt;
  }
  Response r;
  r.status = 200;
  r.content_type = it->second.type;
  r.body = it->second.body;
  bool hashed = it->first.rfind("/assets/", 0) == 0;
  r.headers.emplace_back("Cache-Control", hashed && !fallback ? "public, max-age=31536000, immutable"
                                                              : "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace baocao::http
