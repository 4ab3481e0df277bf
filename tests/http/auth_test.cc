// Log in, lockout, forced password change, CSRF, logout and revocation over real HTTP.
#include <gtest/gtest.h>

#include "test_server.h"

namespace baocao::testing {
namespace {

class AuthHttp : public ::testing::Test {
 protected:
  TestServer srv;
};

TEST_F(AuthHttp, WrongPasswordGets401WithVietnameseProblem) {
  Client c(srv.port());
  auto r = c.login("quantri", "Sai-mat-khau1");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.content_type.find("application/problem+json"), std::string::npos);
  auto j = r.json();
  EXPECT_EQ(j["code"], "E2002_BAD_CREDENTIALS");
  EXPECT_EQ(j["detail"], "Tên đăng nhập hoặc mật khẩu không đúng");
  EXPECT_TRUE(c.cookie_.empty());
}

TEST_F(AuthHttp, UnknownUserGetsTheSameAnswerAsWrongPassword) {
  Client c(srv.port());
  auto a = c.login("khongcoai", "Sai-mat-khau1");
  auto b = c.login("quantri", "Sai-mat-khau1");
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.json()["detail"], b.json()["detail"]);
}

TEST_F(AuthHttp, LoginSetsHttpOnlySameSiteCookieAndMeWorks) {
  Client c(srv.port());
  auto r = c.login("quantri");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string set_cookie = r.header("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  auto me = c.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["username"], "quantri");
  EXPECT_EQ(me.json()["user"]["full_name"], "Trần Minh Quân");
  EXPECT_FALSE(me.json()["user"].contains("password_hash"));
}

TEST_F(AuthHttp, FiveFailuresLockTheAccountFor15Minutes) {
  Client c(srv.port());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.login("cv.stc", "Sai-mat-khau1").status, 401);
  auto fifth = c.login("cv.stc", "Sai-mat-khau1");
  EXPECT_EQ(fifth.status, 423);
  EXPECT_EQ(fifth.json()["code"], "E2003_ACCOUNT_LOCKED");
  // even the right password is refused while locked
  auto right = c.login("cv.stc");
  EXPECT_EQ(right.status, 423);
  EXPECT_NE(right.json()["detail"].get<std::string>().find("thử lại sau"), std::string::npos);
}

TEST_F(AuthHttp, NewAccountMustChangePasswordBeforeAnythingElse) {
  Client c(srv.port());
  ASSERT_EQ(c.login("nguoimoi").status, 200);
  auto blocked = c.get("/api/v1/orgs?roots=1");
  EXPECT_EQ(blocked.status, 428);
  EXPECT_EQ(blocked.json()["code"], "E2005_PASSWORD_CHANGE_REQUIRED");
  // weak: every unmet rule is listed
  auto weak = c.post("/api/v1/auth/change-password",
                     {{"current_password", server::kDemoPassword}, {"new_password", "abc"}});
  EXPECT_EQ(weak.status, 422);
  auto errs = weak.json()["errors"];
  EXPECT_GE(errs.size(), 3u);
  std::string all = weak.json()["detail"];
  EXPECT_NE(all.find("ít nhất 8 ký tự"), std::string::npos);
  EXPECT_NE(all.find("thiếu chữ in hoa"), std::string::npos);
  EXPECT_NE(all.find("thiếu chữ số"), std::string::npos);
  // containing the user's name is refused (003 Đ16)
  auto named = c.post("/api/v1/auth/change-password",
                      {{"current_password", server::kDemoPassword}, {"new_password", "Huy@2026abc"}});
  EXPECT_EQ(named.status, 422);
  EXPECT_NE(named.body.find("không được chứa tên người dùng"), std::string::npos);
  auto good = c.post("/api/v1/auth/change-password",
                     {{"current_password", server::kDemoPassword}, {"new_password", "Xuan-Hoa#2026"}});
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_FALSE(good.json()["must_change_password"]);
  EXPECT_EQ(c.get("/api/v1/orgs?roots=1").status, 200);
  // the new password works, the old one does not
  Client d(srv.port());
  EXPECT_EQ(d.login("nguoimoi", "Xuan-Hoa#2026").status, 200);
  EXPECT_EQ(d.login("nguoimoi").status, 401);
}

TEST_F(AuthHttp, UnsafeRequestWithoutCsrfHeaderIsRefused) {
  Client c(srv.port());
  ASSERT_EQ(c.login("quantri").status, 200);
  c.send_csrf = false;
  auto r = c.post("/api/v1/orgs", {{"code", "X1"}, {"name", "Thử"}, {"type", "division"},
                                  {"parent_id", unitId(srv, "79.STC")}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["code"], "E2008_CSRF_MISMATCH");
  c.send_csrf = true;
  c.csrf_ = "sai";
  EXPECT_EQ(c.post("/api/v1/orgs", {{"code", "X1"}, {"name", "Thử"}, {"type", "division"},
                                   {"parent_id", unitId(srv, "79.STC")}})
                .status,
            403);
}

TEST_F(AuthHttp, LogoutEndsTheSession) {
  Client c(srv.port());
  ASSERT_EQ(c.login("quantri").status, 200);
  std::string cookie = c.cookie_;
  EXPECT_EQ(c.post("/api/v1/auth/logout", nlohmann::json::object()).status, 204);
  Client replay(srv.port());
  replay.cookie_ = cookie;
  EXPECT_EQ(replay.get("/api/v1/auth/me").status, 401);
}

TEST_F(AuthHttp, RevokingAnAccountEndsItsSessionsAndTokens) {
  Client admin(srv.port()), user(srv.port());
  ASSERT_EQ(admin.login("qt.stc").status, 200);
  ASSERT_EQ(user.login("cv.stc").status, 200);
  auto tok = user.post("/api/v1/auth/tokens", {{"name", "máy chủ tổng hợp"}});
  ASSERT_EQ(tok.status, 201) << tok.body;
  Client machine(srv.port());
  machine.bearer = tok.json()["token"];
  EXPECT_EQ(machine.get("/api/v1/orgs?roots=1").status, 200);
  EXPECT_EQ(user.get("/api/v1/auth/me").status, 200);
  auto me = user.get("/api/v1/auth/me").json();
  int64_t id = me["user"]["id"];
  auto rv = admin.post("/api/v1/users/" + std::to_string(id) + "/revoke", nlohmann::json::object());
  ASSERT_EQ(rv.status, 200) << rv.body;
  EXPECT_TRUE(rv.json()["revoked"]);
  EXPECT_EQ(user.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(machine.get("/api/v1/orgs?roots=1").status, 401);
  EXPECT_EQ(Client(srv.port()).login("cv.stc").status, 403);
}

TEST_F(AuthHttp, ApiTokenNeedsNoCsrfAndIsShownOnce) {
  Client c(srv.port());
  ASSERT_EQ(c.login("quantri").status, 200);
  auto tok = c.post("/api/v1/auth/tokens", {{"name", "tích hợp LGSP"}});
  ASSERT_EQ(tok.status, 201);
  std::string secret = tok.json()["token"];
  EXPECT_EQ(secret.rfind("bct_", 0), 0u);
  auto list = c.get("/api/v1/auth/tokens");
  EXPECT_EQ(list.body.find(secret), std::string::npos);
  Client m(srv.port());
  m.bearer = secret;
  auto created = m.post("/api/v1/orgs", {{"code", "79.STC.TEST"}, {"name", "Phòng Thử nghiệm"},
                                         {"type", "division"}, {"parent_id", unitId(srv, "79.STC")}});
  EXPECT_EQ(created.status, 201) << created.body;
  Client bad(srv.port());
  bad.bearer = "bct_khongtontai";
  EXPECT_EQ(bad.get("/api/v1/orgs").status, 401);
}

}  // namespace
}  // namespace baocao::testing
