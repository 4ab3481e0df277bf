// Obligations over real HTTP (issue 5 points 1–2), on the demo city with a fixed clock
// (10/03/2026): a system administrator generates the obligations due (twice: nothing new the
// second time, nor from a second runtime on the same database, as after a restart); cv.stc, an
// officer of a division of Sở Tài chính, sees the Sở's obligations with deadlines, state and
// next step; days overdue once the clock has moved past a deadline; Sở Tài chính as receiver
// sees who has and has not reported; users outside the scope see nothing of it.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "server/obligation_scheduler.h"
#include "support/fake_clock.h"
#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

class ObligationApi : public ::testing::Test {
 protected:
  // 10/03/2026 09:00 in Vietnam
  FakeClock clock_{core::Timestamp::fromSeconds(1773108000)};
  TestServer srv_{true, &clock_};

  json generate() {
    Client admin(srv_.port());
    EXPECT_EQ(admin.login("quantri").status, 200);
    auto r = admin.post("/api/v1/obligations/generate", json::object());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
};

TEST_F(ObligationApi, GenerateTwiceCreatesNothingNew) {
  auto first = generate();
  EXPECT_EQ(first["today"], "2026-03-10");
  EXPECT_GE(first["regimes"].get<int>(), 2);
  EXPECT_GT(first["created"].get<int>(), 0);
  EXPECT_EQ(first["problems"].size(), 0u) << first.dump();
  auto second = generate();
  EXPECT_EQ(second["created"], 0);
  EXPECT_EQ(second["existing"], first["generated"]);
  // a restart: the service of the same runtime has no memory of the earlier run
  auto again = srv_.runtime().obligations().generateDue(nullptr, core::Date::fromYmd(2026, 3, 10));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->created, 0);
  // the March monthly report is replaced by the first-quarter report (002 Đ8.2)
  bool replaced = false;
  for (const auto& s : first["skipped"]) replaced |= s.get<std::string>().find("03/2026") != std::string::npos;
  EXPECT_TRUE(replaced) << first["skipped"].dump();
  // only a system administrator may run it by hand
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  EXPECT_EQ(cv.post("/api/v1/obligations/generate", json::object()).status, 403);
}

TEST_F(ObligationApi, OfficerSeesTheAgencyObligationsWithDeadlines) {
  generate();
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto r = cv.get("/api/v1/me/obligations");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["today"], "2026-03-10");
  ASSERT_GT(j["items"].size(), 0u);
  const int64_t stc = unitId(srv_, "79.STC");
  bool quarter = false;
  for (const auto& it : j["items"]) {
    EXPECT_EQ(it["unit"]["id"].get<int64_t>(), stc) << it.dump();
    EXPECT_EQ(it["unit"]["name"].get<std::string>().empty(), false);
    EXPECT_EQ(it["deadline"].get<std::string>().size(), 10u);
    EXPECT_EQ(it["state"], "draft");
    EXPECT_FALSE(it["countdown"]["text"].get<std::string>().empty());
    EXPECT_FALSE(it["next_step"].get<std::string>().empty());
    if (it["key"].get<std::string>().rfind("HCM-KTXH/2026Q1/", 0) == 0) {
      quarter = true;
      EXPECT_FALSE(it["countdown"]["overdue"].get<bool>());
      EXPECT_EQ(it["regime_name"].get<std::string>().empty(), false);
      EXPECT_GE(it["deadline"].get<std::string>(), "2026-03-17");
      // the officer enters data: "edit" and "submit" are offered
      std::set<std::string> actions;
      for (const auto& a : it["actions"]) actions.insert(a["id"]);
      EXPECT_TRUE(actions.count("submit")) << it.dump();
    }
  }
  EXPECT_TRUE(quarter) << j.dump();
  EXPECT_GT(j["open"].get<int>(), 0);
  EXPECT_EQ(j["overdue"], 0);
}

TEST_F(ObligationApi, DaysOverdueFollowTheClock) {
  generate();
  clock_.advanceSeconds(30 * 86400);  // 09/04/2026
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto j = cv.get("/api/v1/me/obligations").json();
  EXPECT_EQ(j["today"], "2026-04-09");
  bool found = false;
  for (const auto& it : j["items"]) {
    if (it["key"].get<std::string>().rfind("HCM-KTXH/2026Q1/", 0) != 0) continue;
    found = true;
    EXPECT_TRUE(it["countdown"]["overdue"].get<bool>());
    auto deadline = core::Date::parseIso(it["deadline"].get<std::string>());
    ASSERT_TRUE(deadline.has_value());
    EXPECT_EQ(it["countdown"]["calendar_days"].get<int>(),
              core::Date::fromYmd(2026, 4, 9) - *deadline);
    EXPECT_GT(it["countdown"]["working_days"].get<int>(), 0);
    EXPECT_NE(it["countdown"]["text"].get<std::string>().find("Quá hạn"), std::string::npos);
  }
  EXPECT_TRUE(found) << j.dump();
  EXPECT_GT(j["overdue"].get<int>(), 0);
  // overdue items come first
  EXPECT_TRUE(j["items"][0]["countdown"]["overdue"].get<bool>());
}

TEST_F(ObligationApi, ReceiverSeesWhoReportedAndOthersDoNot) {
  generate();
  Client ld(srv_.port());
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  auto r = ld.get("/api/v1/obligations?regime=HCM-KTXH&period=2026Q1");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_GT(j["summary"]["total"].get<int>(), 1);
  EXPECT_EQ(j["summary"]["total"].get<int>(), static_cast<int>(j["items"].size()));
  EXPECT_EQ(j["summary"]["pending"], j["summary"]["total"]);
  EXPECT_FALSE(j["summary"]["text"].get<std::string>().empty());
  const int64_t stc = unitId(srv_, "79.STC");
  for (const auto& it : j["items"]) {
    EXPECT_NE(it["unit"]["id"].get<int64_t>(), stc);  // its own report goes up, not to itself
    EXPECT_EQ(it["compliance"]["status"], "pending");
  }
  // after the deadline nobody has sent: all not submitted
  clock_.advanceSeconds(30 * 86400);
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  auto late = ld.get("/api/v1/obligations?regime=HCM-KTXH&period=2026Q1").json();
  EXPECT_EQ(late["summary"]["not_submitted"], late["summary"]["total"]);

  // the receiver's groups: Sở Tài chính awaits the first-quarter reports of its units
  auto groups = ld.get("/api/v1/me/received");
  ASSERT_EQ(groups.status, 200) << groups.body;
  bool q1 = false;
  const json gj = groups.json();
  for (const auto& g : gj["items"]) {
    if (g["regime_code"] == "HCM-KTXH" && g["period"]["id"] == "2026Q1" &&
        g["receiving_unit"]["id"].get<int64_t>() == stc) {
      q1 = true;
      EXPECT_EQ(g["summary"]["total"], late["summary"]["total"]);
      EXPECT_EQ(g["summary"]["not_submitted"], late["summary"]["total"]);
    }
  }
  EXPECT_TRUE(q1) << groups.body;

  // an officer with no role on the receiving unit is refused
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  EXPECT_EQ(cv.get("/api/v1/obligations?regime=HCM-KTXH&period=2026Q1").status, 403);
  EXPECT_EQ(cv.get("/api/v1/obligations").status, 422);
  EXPECT_EQ(cv.get("/api/v1/me/received").json()["items"].size(), 0u);
  EXPECT_EQ(cv.get("/api/v1/obligations?regime=KHONG-CO").status, 404);
  // users without a reporting role owe nothing; the aggregator of the city sees the Sở's
  // report to the city among those it receives
  Client th(srv_.port());
  ASSERT_EQ(th.login("th.vp").status, 200);
  EXPECT_EQ(th.get("/api/v1/me/obligations").json()["items"].size(), 0u);
  auto city = th.get("/api/v1/obligations?regime=HCM-KTXH&period=2026Q1").json();
  bool stc_row = false;
  for (const auto& it : city["items"]) stc_row |= it["unit"]["id"].get<int64_t>() == stc;
  EXPECT_TRUE(stc_row);
}

TEST_F(ObligationApi, AnotherAgencyDoesNotSeeTheSoTaiChinhObligations) {
  generate();
  // an officer of another department: reporting role on Sở Khoa học và Công nghệ only
  const int64_t skhcn = unitId(srv_, "79.SKHCN");
  const int64_t stc = unitId(srv_, "79.STC");
  app::Actor other;
  other.user_id = 999;
  other.unit_id = skhcn;
  other.grants.push_back(core::security::Grant{0, 999, core::security::Role::DataEntry, skhcn, true});
  auto owed = srv_.runtime().obligations().owed(other, core::Date::fromYmd(2026, 3, 10));
  ASSERT_TRUE(owed.has_value());
  EXPECT_GT(owed->size(), 0u);
  for (const auto& v : *owed) {
    EXPECT_NE(v.stored.obligation.unit_id, stc);
    EXPECT_EQ(v.stored.obligation.unit_id, skhcn);
  }
  auto recv = srv_.runtime().obligations().received(other, "HCM-KTXH", "2026Q1",
                                                    core::Date::fromYmd(2026, 3, 10));
  ASSERT_FALSE(recv.has_value());
  EXPECT_EQ(recv.error().code, core::ErrorCode::Forbidden);
}

TEST_F(ObligationApi, TheSchedulerRunsAtStartAndOnceADay) {
  server::ObligationScheduler scheduler(srv_.runtime().obligations(), clock_,
                                        std::chrono::milliseconds(5));
  scheduler.start();  // runs synchronously for today
  auto tx = srv_.runtime().store().begin(core::ports::TxMode::Read);
  ASSERT_TRUE(tx.has_value());
  auto keys = tx.value()->obligations().keysOf("HCM-KTXH");
  ASSERT_TRUE(keys.has_value());
  EXPECT_GT(keys->size(), 0u);
  tx.value().reset();
  EXPECT_FALSE(scheduler.runIfNewDay());  // already ran today
  clock_.advanceSeconds(86400);
  // the background thread notices the new day by itself
  const auto tomorrow = core::Date::fromYmd(2026, 3, 11);
  for (int i = 0; i < 2000 && scheduler.lastRun() != std::optional<core::Date>(tomorrow); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(scheduler.lastRun(), std::optional<core::Date>(tomorrow));
  scheduler.stop();
  // nothing was created twice
  EXPECT_EQ(generate()["created"], 0);
}

}  // namespace
}  // namespace baocao::testing
