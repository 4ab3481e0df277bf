// Role × endpoint × inside/outside scope: every API call is authorised on the server.
// Each row logs in as a demo account (role granted on a real HCMC unit) and calls one endpoint
// on a unit inside and outside that account's scope.
#include <gtest/gtest.h>

#include "test_server.h"

namespace baocao::testing {
namespace {

struct Case {
  const char* user;     // demo account
  const char* what;     // label
  const char* method;
  const char* path;     // {unit}, {user} replaced
  const char* unit;     // unit code for {unit}
  const char* body;     // JSON with {unit} replaced
  int expect;
};

// Scopes: quantri = system_admin on 79 (+subtree); qt.stc = unit_admin on 79.STC (+subtree);
// cv.stc = data_entry on 79.STC.QLNS; thanhtra = inspector on 79 (+subtree);
// lanhdao = viewer on 79 (+subtree).
const Case kCases[] = {
    // read the tree: any role
    {"cv.stc", "data entry reads tree", "GET", "/api/v1/orgs?roots=1", "79", "", 200},
    {"lanhdao", "viewer reads a unit", "GET", "/api/v1/orgs/{unit}", "79.SYT", "", 200},
    // create a unit
    {"quantri", "sysadmin creates anywhere", "POST", "/api/v1/orgs", "79.SYT",
     R"J({"code":"T.A","name":"Phòng A","type":"division","parent_id":{unit}})J", 201},
    {"qt.stc", "unit admin creates inside", "POST", "/api/v1/orgs", "79.STC",
     R"J({"code":"T.B","name":"Phòng B","type":"division","parent_id":{unit}})J", 201},
    {"qt.stc", "unit admin creates outside", "POST", "/api/v1/orgs", "79.SYT",
     R"J({"code":"T.C","name":"Phòng C","type":"division","parent_id":{unit}})J", 403},
    {"cv.stc", "data entry creates inside own unit", "POST", "/api/v1/orgs", "79.STC.QLNS",
     R"J({"code":"T.D","name":"Tổ D","type":"division","parent_id":{unit}})J", 403},
    {"thanhtra", "inspector creates", "POST", "/api/v1/orgs", "79",
     R"J({"code":"T.E","name":"Phòng E","type":"division","parent_id":{unit}})J", 403},
    {"qt.stc", "unit admin creates a root", "POST", "/api/v1/orgs", "79",
     R"J({"code":"T.F","name":"Tỉnh F","type":"province"})J", 403},
    // edit a unit
    {"qt.stc", "unit admin edits inside", "PATCH", "/api/v1/orgs/{unit}", "79.STC.VP",
     R"J({"version":1,"name":"Văn phòng Sở Tài chính"})J", 200},
    {"qt.stc", "unit admin edits outside", "PATCH", "/api/v1/orgs/{unit}", "79.SYT",
     R"J({"version":1,"name":"Sở Y tế (sửa)"})J", 403},
    {"lanhdao", "viewer edits", "PATCH", "/api/v1/orgs/{unit}", "79.SYT",
     R"J({"version":1,"name":"Sở Y tế (sửa)"})J", 403},
    // users
    {"qt.stc", "unit admin lists users", "GET", "/api/v1/users", "79", "", 200},
    {"cv.stc", "data entry lists users", "GET", "/api/v1/users", "79", "", 403},
    {"lanhdao", "viewer lists users", "GET", "/api/v1/users", "79", "", 403},
    {"thanhtra", "inspector lists users", "GET", "/api/v1/users", "79", "", 200},
    {"qt.stc", "unit admin creates user inside", "POST", "/api/v1/users", "79.STC.QLNS",
     R"J({"username":"cv.moi","full_name":"Lý Văn Mới","unit_id":{unit},"password":"Tam-Thoi#2026"})J", 201},
    {"qt.stc", "unit admin creates user outside", "POST", "/api/v1/users", "79.SYT",
     R"J({"username":"cv.yte","full_name":"Lý Văn Y","unit_id":{unit},"password":"Tam-Thoi#2026"})J", 403},
    {"thanhtra", "inspector creates user", "POST", "/api/v1/users", "79.SYT",
     R"J({"username":"cv.yte2","full_name":"Lý Văn Y","unit_id":{unit},"password":"Tam-Thoi#2026"})J", 403},
    {"quantri", "sysadmin creates user anywhere", "POST", "/api/v1/users", "79.SYT",
     R"J({"username":"cv.yte3","full_name":"Lý Văn Y","unit_id":{unit},"password":"Tam-Thoi#2026"})J", 201},
    // grants: a unit admin cannot hand out system_admin, nor act outside its scope
    {"qt.stc", "unit admin grants inside", "POST", "/api/v1/users/{user}/grants", "79.STC.QLNS",
     R"J({"role":"reviewer","unit_id":{unit},"include_subtree":false})J", 201},
    {"qt.stc", "unit admin grants system_admin", "POST", "/api/v1/users/{user}/grants", "79.STC",
     R"J({"role":"system_admin","unit_id":{unit},"include_subtree":true})J", 403},
    {"qt.stc", "unit admin grants outside", "POST", "/api/v1/users/{user}/grants", "79.SYT",
     R"J({"role":"viewer","unit_id":{unit},"include_subtree":true})J", 403},
    // audit
    {"thanhtra", "inspector reads audit", "GET", "/api/v1/audit", "79", "", 200},
    {"quantri", "sysadmin verifies audit", "GET", "/api/v1/audit/verify", "79", "", 200},
    {"cv.stc", "data entry reads audit", "GET", "/api/v1/audit", "79", "", 403},
    {"lanhdao", "viewer reads audit", "GET", "/api/v1/audit", "79", "", 403},
    {"qt.stc", "unit admin verifies audit", "GET", "/api/v1/audit/verify", "79", "", 403},
    // anonymous
    {"", "anonymous reads tree", "GET", "/api/v1/orgs", "79", "", 401},
    {"", "anonymous creates unit", "POST", "/api/v1/orgs", "79",
     R"J({"code":"T.G","name":"G","type":"division","parent_id":{unit}})J", 401},
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

class AuthzMatrix : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() { srv_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete srv_;
    srv_ = nullptr;
  }
  static TestServer* srv_;
};
TestServer* AuthzMatrix::srv_ = nullptr;

TEST_P(AuthzMatrix, ServerDecides) {
  const Case& c = GetParam();
  TestServer& s = *srv_;
  Client client(s.port());
  if (*c.user) {
    ASSERT_EQ(client.login(c.user).status, 200) << c.user;
  }
  std::string unit = std::to_string(unitId(s, c.unit));
  // {user}: the data-entry demo account (inside Sở Tài chính)
  auto tx = s.runtime().store().begin(core::ports::TxMode::Read);
  std::string user = std::to_string(tx.value()->users().getByUsername("cv.stc")->id);
  tx.value().reset();
  // PATCH needs the current version
  std::string body = replaceAll(c.body, "{unit}", unit);
  if (std::string(c.method) == "PATCH") {
    auto t2 = s.runtime().store().begin(core::ports::TxMode::Read);
    auto v = t2.value()->orgs().getByCode(c.unit)->version;
    body = replaceAll(body, "\"version\":1", "\"version\":" + std::to_string(v));
  }
  std::string path = replaceAll(replaceAll(c.path, "{unit}", unit), "{user}", user);
  auto r = client.request(c.method, path, body);
  EXPECT_EQ(r.status, c.expect) << c.what << ": " << c.method << " " << path << " -> " << r.body;
  if (c.expect == 403) {
    EXPECT_EQ(r.json()["code"], "E2007_FORBIDDEN") << c.what;
    EXPECT_FALSE(r.json()["detail"].get<std::string>().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(RoleEndpointScope, AuthzMatrix, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string n = info.param.what;
                           for (auto& ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace baocao::testing
