// The published OpenAPI document lists exactly the routes the server answers.
#include <gtest/gtest.h>

#include <set>

#include "test_server.h"

namespace baocao::testing {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, DocumentMatchesTheRealRoutes) {
  TestServer srv(false);
  Client c(srv.port());
  auto r = c.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json();
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented, served;
  for (auto it = doc["paths"].begin(); it != doc["paths"].end(); ++it) {
    std::string path = it.key();
    std::string full = path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/metrics"
                           ? path
                           : "/api/v1" + path;
    for (auto m = it.value().begin(); m != it.value().end(); ++m) {
      std::string method = lower(m.key());
      if (method == "parameters" || method == "summary" || method == "description") continue;
      documented.insert(method + " " + full);
    }
  }
  for (const auto& route : srv.api().router().routes())
    served.insert(lower(route.method) + " " + route.pattern);
  for (const auto& s : served) EXPECT_TRUE(documented.count(s)) << "not documented: " << s;
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << "documented but not served: " << d;
}

}  // namespace
}  // namespace baocao::testing
