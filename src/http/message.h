// Transport-neutral HTTP request/response values passed between the Beast server, the router
// and the handlers. Handlers never see Beast types. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace baocao::http {

struct Request {
  std::string method;                                    // "GET", "POST", ...
  std::string target;                                    // raw "/api/v1/orgs?q=..."
  std::string path;                                      // percent-decoded path, no query
  std::unordered_map<std::string, std::string> query;    // decoded; last value wins
  std::unordered_map<std::string, std::string> headers;  // names lower-case
  std::unordered_map<std::string, std::string> params;   // from the route pattern: {id}
  std::string body;
  std::string remote_ip;
  std::string route;                                     // matched pattern, for metrics

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  /// Value of a query parameter or "" when absent.
  std::string q(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  bool has(const std::string& name) const { return query.count(name) > 0; }
  /// Value of cookie `name` or "".
  std::string cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Response noContent() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
};

/// Percent-decodes `s` ('+' as space when `plus_is_space`). Returns false on a bad escape.
bool percentDecode(std::string_view s, std::string& out, bool plus_is_space);
/// Splits "a=1&b=2" into decoded pairs; malformed escapes are kept verbatim.
std::unordered_map<std::string, std::string> parseQuery(std::string_view qs);

}  // namespace baocao::http
