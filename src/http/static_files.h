// Serves the built web UI (web/dist) from memory, with the SPA fallback to index.html for
// client-side routes. Files are loaded once at start-up. Names with "..", NUL, backslashes or
// a leading dot are refused. Thread-safety: read-only after load().
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.h"

namespace baocao::http {

class StaticFiles {
 public:
  /// Loads every regular file under `root`; returns the number loaded (0 when absent).
  size_t load(const std::string& root);
  /// The response for GET `path`, or nullopt when the path is refused.
  std::optional<Response> serve(const std::string& path) const;
  bool empty() const { return files_.empty(); }

 private:
  struct File {
    std::string body;
    std::string type;
  };
  std::unordered_map<std::string, File> files_;  // "/assets/app.js" -> file
};

}  // namespace baocao::http
