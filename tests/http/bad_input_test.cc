// Bad input gets a clear 4xx and leaves the data exactly as it was; nothing crashes the server.
#include <gtest/gtest.h>

#include "test_server.h"

namespace baocao::testing {
namespace {

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin.login("quantri").status, 200);
    parent = unitId(srv, "79.STC");
    before = snapshot();
  }
  // Everything a user could see change: units, users and the number of audit entries.
  std::string snapshot() {
    auto units = admin.get("/api/v1/orgs?limit=500&q=");
    auto users = admin.get("/api/v1/users?limit=500");
    auto tx = srv.runtime().store().begin(core::ports::TxMode::Read);
    core::ports::OrgQuery q;
    q.limit = 100000;
    auto n = tx.value()->orgs().count(q);
    return units.body + users.body + std::to_string(n.value());
  }
  void expectUnchanged() { EXPECT_EQ(snapshot(), before); }

  TestServer srv;
  Client admin{srv.port()};
  int64_t parent = 0;
  std::string before;
};

TEST_F(BadInput, MalformedJsonNamesThePosition) {
  auto r = admin.request("POST", "/api/v1/orgs", R"({"code":"A1","name":"x",)");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], "E1001_INVALID_JSON");
  EXPECT_NE(r.json()["detail"].get<std::string>().find("ký tự"), std::string::npos);
  expectUnchanged();
}

TEST_F(BadInput, WrongTypeNamesTheField) {
  auto r = admin.post("/api/v1/orgs", {{"code", 123}, {"name", "Phòng X"}, {"type", "division"}, {"parent_id", parent}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "code");
  auto r2 = admin.post("/api/v1/orgs", {{"code", "X.1"}, {"name", "Phòng X"}, {"type", "division"}, {"parent_id", "abc"}});
  EXPECT_EQ(r2.status, 422);
  EXPECT_NE(r2.json()["detail"].get<std::string>().find("'parent_id'"), std::string::npos);
  expectUnchanged();
}

TEST_F(BadInput, UnknownFieldIsRefusedByName) {
  auto r = admin.post("/api/v1/orgs", {{"code", "X.2"}, {"name", "Phòng X"}, {"type", "division"},
                                       {"parent_id", parent}, {"is_admin", true}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], "E1004_UNKNOWN_FIELD");
  EXPECT_NE(r.json()["detail"].get<std::string>().find("is_admin"), std::string::npos);
  expectUnchanged();
}

TEST_F(BadInput, MissingFieldIsNamed) {
  auto r = admin.post("/api/v1/orgs", {{"code", "X.3"}, {"type", "division"}, {"parent_id", parent}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["code"], "E1003_MISSING_FIELD");
  EXPECT_NE(r.json()["detail"].get<std::string>().find("'name'"), std::string::npos);
  expectUnchanged();
}

TEST_F(BadInput, InvalidUtf8IsRefused) {
  std::string body = "{\"code\":\"X.4\",\"name\":\"Ph\xC3\x28ng\",\"type\":\"division\",\"parent_id\":" +
                     std::to_string(parent) + "}";
  auto r = admin.request("POST", "/api/v1/orgs", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], "E1006_INVALID_UTF8");
  auto q = admin.get("/api/v1/orgs?q=%C3%28");
  EXPECT_EQ(q.status, 400);
  expectUnchanged();
}

TEST_F(BadInput, OversizeBodyGets413) {
  std::string big(2u << 20, 'a');  // the test server accepts 1 MiB
  auto r = admin.request("POST", "/api/v1/orgs/import?format=csv", big, "text/csv");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["code"], "E1005_BODY_TOO_LARGE");
  // and the server still answers
  EXPECT_EQ(admin.get("/healthz").status, 200);
  expectUnchanged();
}

TEST_F(BadInput, SqlMetacharactersAreJustText) {
  for (const char* q : {"%25%27%3B%20DROP%20TABLE%20org_unit%3B--", "%27%20OR%20%271%27%3D%271",
                        "%5C%25", "_"}) {
    auto r = admin.get(std::string("/api/v1/orgs?q=") + q);
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_EQ(r.json()["total"], 0) << q << r.body;
  }
  auto created = admin.post("/api/v1/orgs", {{"code", "X.5"}, {"name", "Robert'); DROP TABLE org_unit;--"},
                                             {"type", "division"}, {"parent_id", parent}});
  ASSERT_EQ(created.status, 201);
  auto back = admin.get("/api/v1/orgs/" + std::to_string(created.json()["id"].get<int64_t>()));
  EXPECT_EQ(back.json()["name"], "Robert'); DROP TABLE org_unit;--");
  EXPECT_EQ(admin.get("/api/v1/orgs?roots=1").status, 200);
}

TEST_F(BadInput, PathTraversalInFileNamesIsRefused) {
  auto r = admin.request("POST", "/api/v1/orgs/import?filename=..%2F..%2Fetc%2Fpasswd", "{}",
                         "application/json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], "E1007_INVALID_FILE_NAME");
  auto s = admin.get("/../../etc/passwd");
  EXPECT_EQ(s.status, 404);
  auto s2 = admin.get("/assets/..%2F..%2F..%2Fetc%2Fpasswd");
  EXPECT_EQ(s2.status, 404);
  expectUnchanged();
}

TEST_F(BadInput, BadIdsAndDatesAreNamed) {
  EXPECT_EQ(admin.get("/api/v1/orgs/abc").status, 422);
  EXPECT_EQ(admin.get("/api/v1/orgs/99999999").status, 404);
  auto d = admin.get("/api/v1/orgs?active_on=2025-13-01");
  EXPECT_EQ(d.status, 422);
  EXPECT_NE(d.json()["detail"].get<std::string>().find("active_on"), std::string::npos);
  EXPECT_EQ(admin.get("/api/v1/orgs?limit=100000").status, 422);
  expectUnchanged();
}

TEST_F(BadInput, WrongContentTypeGets415) {
  auto r = admin.request("POST", "/api/v1/orgs", "code=1", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 415);
  expectUnchanged();
}

TEST_F(BadInput, MalformedHttpDoesNotCrashTheServer) {
  namespace asio = boost::asio;
  for (const char* raw : {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                          "POST /api/v1/orgs HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n"}) {
    asio::io_context ioc;
    asio::ip::tcp::socket sock(ioc);
    sock.connect({asio::ip::make_address("127.0.0.1"), srv.port()});
    asio::write(sock, asio::buffer(std::string(raw)));
    std::string reply(512, '\0');
    boost::system::error_code ec;
    size_t n = sock.read_some(asio::buffer(reply), ec);
    reply.resize(n);
    EXPECT_NE(reply.find("HTTP/1.1 4"), std::string::npos) << raw << " -> " << reply;
  }
  EXPECT_EQ(admin.get("/healthz").status, 200);
  expectUnchanged();
}

TEST_F(BadInput, ImportWithOneBadRowWritesNothingAndNamesTheRow) {
  std::string csv =
      "ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\r\n"
      "79.STC.T1,Phòng Thử 1,division,79.STC,,\r\n"
      "79.STC.T2,Phòng Thử 2,xa,79.STC,,\r\n";
  auto r = admin.request("POST", "/api/v1/orgs/import?format=csv", csv, "text/csv");
  EXPECT_EQ(r.status, 422) << r.body;
  auto j = r.json();
  ASSERT_EQ(j["errors"].size(), 1u) << r.body;  // only the bad row, named with its column
  EXPECT_EQ(j["errors"][0]["field"], "dòng 3") << r.body;
  EXPECT_NE(j["errors"][0]["message"].get<std::string>().find("loai"), std::string::npos) << r.body;
  expectUnchanged();
}

}  // namespace
}  // namespace baocao::testing
