// The audit log records every change (who, when, what, before/after) and detects tampering;
// the organisation tree API: search without diacritics, successor links, optimistic locking,
// import/export round trip.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_server.h"

namespace baocao::testing {
namespace {

void execSql(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  ASSERT_EQ(rc, SQLITE_OK) << msg;
}

class AuditOrg : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin.login("quantri").status, 200); }
  TestServer srv;
  Client admin{srv.port()};
};

TEST_F(AuditOrg, SearchWithoutDiacriticsFindsThuDuc) {
  auto r = admin.get("/api/v1/orgs?q=Thu%20Duc");
  ASSERT_EQ(r.status, 200);
  bool found = false;
  auto body = r.json();
  for (const auto& u : body["items"])
    if (u["name"] == "Phường Thủ Đức") found = true;
  EXPECT_TRUE(found) << r.body;
  auto exact = admin.get("/api/v1/orgs?q=Th%E1%BB%A7%20%C4%90%E1%BB%A9c");  // "Thủ Đức"
  EXPECT_GE(exact.json()["total"].get<int>(), 1);
}

TEST_F(AuditOrg, HistoricUnitsKeepTheirSuccessors) {
  // pre-2025 Bình Dương (H74) merged into Ho Chi Minh City on 1 July 2025
  auto h74 = admin.get("/api/v1/orgs/" + std::to_string(unitId(srv, "H74")));
  ASSERT_EQ(h74.status, 200);
  EXPECT_EQ(h74.json()["valid_to"], "2025-06-30");
  bool to79 = false;
  auto h74j = h74.json();
  for (const auto& l : h74j["successors"])
    if (l["to_code"] == "79") to79 = true;
  EXPECT_TRUE(to79) << h74.body;
  // active on a day: the new communes are not active before 1/7/2025
  auto before = admin.get("/api/v1/orgs?q=Thu%20Duc&active_on=2025-06-01&limit=100");
  auto before_j = before.json();
  for (const auto& u : before_j["items"]) EXPECT_NE(u["name"], "Phường Thủ Đức") << u;
}

TEST_F(AuditOrg, ConcurrentEditGetsConflictShowingTheOtherChange) {
  int64_t id = unitId(srv, "79.STC.VP");
  auto cur = admin.get("/api/v1/orgs/" + std::to_string(id)).json();
  int64_t v = cur["version"];
  Client other(srv.port());
  ASSERT_EQ(other.login("qt.stc").status, 200);
  auto first = other.patch("/api/v1/orgs/" + std::to_string(id), {{"version", v}, {"name", "Văn phòng Sở (sửa 1)"}});
  ASSERT_EQ(first.status, 200) << first.body;
  auto second = admin.patch("/api/v1/orgs/" + std::to_string(id), {{"version", v}, {"name", "Văn phòng Sở (sửa 2)"}});
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.json()["code"], "E3002_CONFLICT");
  EXPECT_EQ(second.json()["current"]["name"], "Văn phòng Sở (sửa 1)");
  EXPECT_EQ(admin.get("/api/v1/orgs/" + std::to_string(id)).json()["name"], "Văn phòng Sở (sửa 1)");
}

TEST_F(AuditOrg, ChangesAreRecordedWithBeforeAndAfter) {
  int64_t id = unitId(srv, "79.STC.QLNS");
  auto cur = admin.get("/api/v1/orgs/" + std::to_string(id)).json();
  auto r = admin.patch("/api/v1/orgs/" + std::to_string(id),
                       {{"version", cur["version"]}, {"name", "Phòng Quản lý ngân sách nhà nước"}});
  ASSERT_EQ(r.status, 200);
  auto log = admin.get("/api/v1/audit?action=org.update&limit=5");
  ASSERT_EQ(log.status, 200);
  auto e = log.json()["items"][0];
  EXPECT_EQ(e["actor_name"], "quantri");
  EXPECT_EQ(e["before"]["name"], "Phòng Quản lý ngân sách");
  EXPECT_EQ(e["after"]["name"], "Phòng Quản lý ngân sách nhà nước");
  EXPECT_EQ(e["ip"], "127.0.0.1");
  // logins and failed logins are recorded too
  Client x(srv.port());
  x.login("cv.stc", "Sai-mat-khau1");
  auto fails = admin.get("/api/v1/audit?action=auth.login_failed");
  EXPECT_GE(fails.json()["items"].size(), 1u);
  EXPECT_EQ(fails.json()["items"][0]["actor_name"], "cv.stc");
}

TEST_F(AuditOrg, InspectorSeesTheLogButCannotChangeAnything) {
  Client t(srv.port());
  ASSERT_EQ(t.login("thanhtra").status, 200);
  EXPECT_EQ(t.get("/api/v1/audit").status, 200);
  auto v = t.get("/api/v1/audit/verify");
  ASSERT_EQ(v.status, 200);
  EXPECT_TRUE(v.json()["ok"]);
}

TEST_F(AuditOrg, VerifyNamesAnEditedEntry) {
  ASSERT_EQ(admin.get("/api/v1/audit/verify").json()["ok"], true);
  execSql(srv.dbPath(), "UPDATE audit_log SET after_json = '{\"name\":\"giả mạo\"}' WHERE seq = 3");
  auto v = admin.get("/api/v1/audit/verify").json();
  EXPECT_FALSE(v["ok"]);
  EXPECT_EQ(v["first_bad_seq"], 3);
  EXPECT_NE(v["problem"].get<std::string>().find("số 3"), std::string::npos);
}

TEST_F(AuditOrg, VerifyNamesADeletedEntry) {
  execSql(srv.dbPath(), "DELETE FROM audit_log WHERE seq = 5");
  auto v = admin.get("/api/v1/audit/verify").json();
  EXPECT_FALSE(v["ok"]);
  EXPECT_EQ(v["first_bad_seq"], 5);
}

TEST_F(AuditOrg, VerifyNoticesTheNewestEntriesWereDeleted) {
  execSql(srv.dbPath(), "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
  auto v = admin.get("/api/v1/audit/verify").json();
  EXPECT_FALSE(v["ok"]) << v;
}

TEST_F(AuditOrg, ExportThenImportChangesNothing) {
  for (const char* fmt : {"json", "csv", "xlsx"}) {
    auto root = std::to_string(unitId(srv, "79.STC"));
    auto ex = admin.get(std::string("/api/v1/orgs/export?format=") + fmt + "&root_id=" + root);
    ASSERT_EQ(ex.status, 200) << fmt << ex.body;
    EXPECT_NE(ex.header("Content-Disposition").find(fmt), std::string::npos);
    auto im = admin.request("POST", std::string("/api/v1/orgs/import?format=") + fmt, ex.body,
                            "application/octet-stream");
    ASSERT_EQ(im.status, 200) << fmt << im.body;
    EXPECT_EQ(im.json()["created"], 0) << fmt;
    EXPECT_EQ(im.json()["updated"], 0) << fmt << im.body;
    EXPECT_GE(im.json()["unchanged"].get<int>(), 6) << fmt;
  }
}

TEST_F(AuditOrg, ImportCreatesUnitsInOneGo) {
  std::string json = R"({"format":"baocao-org/1","units":[
    {"code":"79.STC.N1","name":"Phòng Nhập 1","type":"division","parent_code":"79.STC","valid_from":"2026-01-01","valid_to":null},
    {"code":"79.STC.N1.A","name":"Tổ A","type":"division","parent_code":"79.STC.N1","valid_from":null,"valid_to":null}],
    "links":[]})";
  auto r = admin.request("POST", "/api/v1/orgs/import?format=json", json, "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["created"], 2);
  auto child = admin.get("/api/v1/orgs/" + std::to_string(unitId(srv, "79.STC.N1.A"))).json();
  EXPECT_EQ(child["path"].size(), 3u);  // 79 > 79.STC > 79.STC.N1
  EXPECT_EQ(child["level"], 4);
}

TEST_F(AuditOrg, HealthAndMetrics) {
  auto h = admin.get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.json()["db"], "sqlite");
  EXPECT_GE(h.json()["schema_version"].get<int>(), 1);
  admin.get("/api/v1/orgs?roots=1");
  auto m = admin.get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("baocao_http_requests_total{method=\"GET\",route=\"/api/v1/orgs\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("baocao_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("baocao_db_pool_size 4"), std::string::npos) << m.body;
}

}  // namespace
}  // namespace baocao::testing
