// Use cases on the memory store with a fake clock: lockout, session expiry, password expiry,
// and that every change lands in the hash-chained audit log.
#include <gtest/gtest.h>

#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/org_service.h"
#include "app/user_service.h"
#include "storage/memory/memory_store.h"
#include "support/fake_clock.h"

namespace baocao::app {
namespace {

namespace sec = core::security;

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest()
      : store(storage::memory::makeMemoryStore()),
        index(*store),
        ctx{*store, clock, index, config()},
        audit(ctx),
        auth(ctx, audit),
        orgs(ctx, audit),
        users(ctx, audit, auth) {}

  static AppConfig config() {
    AppConfig c;
    c.hash.ops = 1;
    c.hash.mem_bytes = 64 * 1024;
    return c;
  }

  void SetUp() override {
    ASSERT_TRUE(store->migrate());
    OrgImport imp;
    core::org::OrgUnit city;
    city.code = "79";
    city.name = "Thành phố Hồ Chí Minh";
    city.type = core::org::OrgType::ProvinceCommittee;
    imp.units.push_back({city, ""});
    ASSERT_TRUE(orgs.importUnits(nullptr, imp));
    auto tx = store->begin(core::ports::TxMode::Read);
    unit_id = tx.value()->orgs().getByCode("79")->id;
    sec::User u;
    u.username = "cv.test";
    u.full_name = "Trần Thị Bích";
    u.unit_id = unit_id;
    auto created = users.create(nullptr, u, "Mat-Khau#2026");
    ASSERT_TRUE(created) << created.error().message;
    user_id = created->id;
  }

  testing::FakeClock clock;
  std::unique_ptr<core::ports::Store> store;
  OrgIndex index;
  Context ctx;
  AuditService audit;
  AuthService auth;
  OrgService orgs;
  UserService users;
  int64_t unit_id = 0, user_id = 0;
};

TEST_F(AuthServiceTest, NewAccountMustChangePassword) {
  auto r = auth.login("cv.test", "Mat-Khau#2026", "127.0.0.1");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->actor.must_change_password);
}

TEST_F(AuthServiceTest, LockoutLastsFifteenMinutes) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(auth.login("cv.test", "sai", "ip").error().code, core::ErrorCode::BadCredentials);
  EXPECT_EQ(auth.login("cv.test", "sai", "ip").error().code, core::ErrorCode::AccountLocked);
  EXPECT_EQ(auth.login("cv.test", "Mat-Khau#2026", "ip").error().code, core::ErrorCode::AccountLocked);
  clock.advanceSeconds(14 * 60);
  EXPECT_EQ(auth.login("cv.test", "Mat-Khau#2026", "ip").error().code, core::ErrorCode::AccountLocked);
  clock.advanceSeconds(61);
  EXPECT_TRUE(auth.login("cv.test", "Mat-Khau#2026", "ip"));
}

TEST_F(AuthServiceTest, IdleSessionExpiresAfterThirtyMinutes) {
  auto r = auth.login("cv.test", "Mat-Khau#2026", "ip");
  ASSERT_TRUE(r);
  clock.advanceSeconds(29 * 60);
  EXPECT_TRUE(auth.authenticateSession(r->session_token, "ip"));
  clock.advanceSeconds(29 * 60);  // used 29 minutes ago: still alive
  EXPECT_TRUE(auth.authenticateSession(r->session_token, "ip"));
  clock.advanceSeconds(31 * 60);
  EXPECT_EQ(auth.authenticateSession(r->session_token, "ip").error().code, core::ErrorCode::Unauthenticated);
}

TEST_F(AuthServiceTest, PasswordExpiresAfterNinetyDays) {
  auto r = auth.login("cv.test", "Mat-Khau#2026", "ip");
  ASSERT_TRUE(r);
  ASSERT_TRUE(auth.changePassword(r->actor, "Mat-Khau#2026", "Hoa-Mai#2027"));
  auto fresh = auth.login("cv.test", "Hoa-Mai#2027", "ip");
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(fresh->actor.must_change_password);
  clock.advanceSeconds(90LL * 86400);
  auto later = auth.login("cv.test", "Hoa-Mai#2027", "ip");
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->actor.must_change_password);
}

TEST_F(AuthServiceTest, EveryEventIsChainedInTheAuditLog) {
  (void)auth.login("cv.test", "sai", "10.1.2.3");
  auto r = auth.login("cv.test", "Mat-Khau#2026", "10.1.2.3");
  ASSERT_TRUE(r);
  clock.advanceSeconds(125);
  ASSERT_TRUE(auth.logout(r->actor));
  auto rep = audit.verify(nullptr);
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->ok) << rep->problem;
  EXPECT_GE(rep->checked, 5);  // import, user.create, login_failed, login, logout
  auto tx = store->begin(core::ports::TxMode::Read);
  core::ports::AuditRepository::Query q;
  q.action_prefix = "auth.logout";
  auto entries = tx.value()->audit().find(q);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_NE(entries->front().after_json.find("\"session_seconds\":125"), std::string::npos);
}

}  // namespace
}  // namespace baocao::app

namespace baocao::app {
namespace {

TEST_F(AuthServiceTest, ExpiredSessionIsRecordedWithItsLength) {
  auto r = auth.login("cv.test", "Mat-Khau#2026", "10.0.0.7");
  ASSERT_TRUE(r);
  clock.advanceSeconds(45 * 60);
  EXPECT_FALSE(auth.authenticateSession(r->session_token, "10.0.0.7"));
  auto tx = store->begin(core::ports::TxMode::Read);
  core::ports::AuditRepository::Query q;
  q.action_prefix = "auth.session_expired";
  auto entries = tx.value()->audit().find(q);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().actor_name, "cv.test");
  EXPECT_EQ(entries->front().ip, "10.0.0.7");
  EXPECT_NE(entries->front().after_json.find("\"session_seconds\":2700"), std::string::npos)
      << entries->front().after_json;
}

}  // namespace
}  // namespace baocao::app
