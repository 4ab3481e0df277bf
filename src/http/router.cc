#include "http/router.h"

namespace baocao::http {

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(std::string method, std::string pattern, RouteHandler handler) {
  Route r{std::move(method), std::move(pattern), std::move(handler), {}};
  r.segments = splitPath(r.pattern);
  routes_.push_back(std::move(r));
}

Router::Match Router::match(Request& req, const Route** out) const {
  // Segments are split on the raw target, then decoded, so that an encoded '/' (%2F) stays
  // inside its segment: report keys contain '/' ("HCM-KTXH/2026Q1/u42").
  std::vector<std::string> segs;
  if (!req.target.empty() && req.target.front() == '/') {
    segs = splitPath(req.target.substr(0, req.target.find('?')));
    for (auto& s : segs) {
      std::string decoded;
      if (percentDecode(s, decoded, false)) s = std::move(decoded);
    }
  } else {
    segs = splitPath(req.path);
  }
  bool path_matched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      bool param = p.size() > 2 && p.front() == '{' && p.back() == '}';
      if (!param && p != segs[i]) ok = false;
    }
    if (!ok) continue;
    path_matched = true;
    if (r.method != req.method && !(req.method == "HEAD" && r.method == "GET")) continue;
    for (size_t i = 0; i < segs.size(); ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{') req.params[p.substr(1, p.size() - 2)] = segs[i];
    }
    req.route = r.pattern;
    *out = &r;
    return Match::Found;
  }
  return path_matched ? Match::MethodNotAllowed : Match::NotFound;
}

}  // namespace baocao::http
