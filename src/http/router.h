// Maps (method, path pattern) to handlers. Patterns are literal segments and `{name}`
// parameters: "/api/v1/orgs/{id}". The route list is also what the OpenAPI test compares with
// the published document. Thread-safety: add() before serving; match() is then read-only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace baocao::http {

using RouteHandler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  RouteHandler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void add(std::string method, std::string pattern, RouteHandler handler);
  enum class Match { Found, NotFound, MethodNotAllowed };
  /// Sets req.params and req.route when found.
  Match match(Request& req, const Route** out) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> splitPath(const std::string& path);

}  // namespace baocao::http
