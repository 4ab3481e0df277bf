// Reminders and announcements over real HTTP (issue 5 point 8), on the demo city with a fixed
// clock (10/03/2026 09:00) and a local SMTP sink: the daily run puts reminders in each
// officer's inbox and mails one digest per user per day with a Vietnamese subject
// (RFC 2047) and body; running again sends nothing; a failed delivery is retried; a return
// reported by the workflow reaches the inbox at once and is not repeated by the daily job;
// announcements: anyone reads them (even before login), only a system administrator
// publishes, maintenance needs 24 hours' notice (004 Đ14.6), changes are audited.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "support/fake_clock.h"
#include "support/mail_decode.h"
#include "support/smtp_sink.h"
#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

class NotifyApi : public ::testing::Test {
 protected:
  // 10/03/2026 09:00 in Vietnam
  FakeClock clock_{core::Timestamp::fromSeconds(1773108000)};
  TestServer srv_{true, &clock_};
  SmtpSink sink_;

  void SetUp() override {
    app::NotifyConfig cfg;
    cfg.from = {"baocao@tphcm.gov.vn", "Hệ thống báo cáo"};
    cfg.site_url = "https://baocao.tphcm.gov.vn";
    srv_.runtime().notify().setMailer(
        std::make_shared<app::CurlMailer>(app::SmtpOptions{sink_.url(), "", "", 10}), cfg);
    Client admin(srv_.port());
    EXPECT_EQ(admin.login("quantri").status, 200);
    EXPECT_EQ(admin.post("/api/v1/obligations/generate", json::object()).status, 200);
  }

  json run() {
    Client admin(srv_.port());
    EXPECT_EQ(admin.login("quantri").status, 200);
    auto r = admin.post("/api/v1/notifications/run", json::object());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  std::vector<SinkMessage> mailsTo(const std::string& address) {
    std::vector<SinkMessage> out;
    for (const auto& m : sink_.messages())
      if (m.to.size() == 1 && m.to[0] == address) out.push_back(m);
    return out;
  }
};

TEST_F(NotifyApi, DailyRunFillsTheInboxAndMailsOneDigestPerUser) {
  auto first = run();
  EXPECT_EQ(first["today"], "2026-03-10");
  EXPECT_TRUE(first["mail_enabled"].get<bool>());
  EXPECT_GT(first["reminders"].get<int>(), 0) << first.dump();
  EXPECT_GT(first["sent"].get<int>(), 0) << first.dump();
  EXPECT_EQ(first["failed"], 0);
  EXPECT_EQ(first["sent"], first["digests"]);  // every demo user has an address

  // cv.stc's inbox holds the obligations of Sở Tài chính, unread
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto inbox = cv.get("/api/v1/me/notifications").json();
  ASSERT_GT(inbox["items"].size(), 0u) << inbox.dump();
  EXPECT_EQ(inbox["unread"].get<size_t>(), inbox["items"].size());
  bool stc_report = false;
  for (const auto& n : inbox["items"]) {
    EXPECT_EQ(n["read_at"], nullptr);
    EXPECT_EQ(n["emailed_on"], "2026-03-10");
    std::string text = n["text"];
    stc_report |= text.find("Sở Tài chính") != std::string::npos &&
                  text.find("quý I/2026") != std::string::npos;
  }
  EXPECT_TRUE(stc_report) << inbox.dump();

  // exactly one digest for cv.stc, in Vietnamese, as a mail client decodes it
  auto mails = mailsTo("cv.stc@tphcm.gov.vn");
  ASSERT_EQ(mails.size(), 1u);
  const auto& m = mails[0];
  EXPECT_EQ(m.from, "baocao@tphcm.gov.vn");
  std::string subject = m.header("Subject");
  EXPECT_EQ(subject.rfind("=?UTF-8?B?", 0), 0u) << subject;
  EXPECT_EQ(decodeHeader(subject), "Nhắc việc báo cáo ngày 10/03/2026: " +
                                       std::to_string(inbox["items"].size()) + " nội dung");
  EXPECT_EQ(m.header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(m.header("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(m.header("MIME-Version"), "1.0");
  std::string body = unbase64(m.body());
  EXPECT_EQ(body.rfind("Kính gửi ", 0), 0u) << body;
  EXPECT_NE(body.find(inbox["items"][0]["text"].get<std::string>()), std::string::npos) << body;
  EXPECT_NE(body.find("https://baocao.tphcm.gov.vn"), std::string::npos);

  // one message per user
  std::map<std::string, int> per_user;
  for (const auto& x : sink_.messages()) per_user[x.to.at(0)]++;
  for (const auto& [to, n] : per_user) EXPECT_EQ(n, 1) << to;

  // a second run the same day: nothing new, nothing mailed
  size_t before = sink_.count();
  auto second = run();
  EXPECT_EQ(second["reminders"], 0);
  EXPECT_EQ(second["digests"], 0);
  EXPECT_EQ(second["sent"], 0);
  EXPECT_EQ(sink_.count(), before);

  // past the first-quarter deadline: overdue reminders, and a new digest that day only
  clock_.advanceSeconds(30 * 86400);  // 09/04/2026
  sink_.failNext(1);                  // the first delivery of the day fails (451)
  auto late = run();
  EXPECT_GT(late["reminders"].get<int>(), 0);
  EXPECT_EQ(late["failed"], 1);
  auto retry = srv_.runtime().notify().deliver();  // the scheduler retries at its next wake-up
  ASSERT_TRUE(retry.has_value());
  EXPECT_EQ(retry->sent, 1);
  EXPECT_EQ(retry->failed, 0);
  mails = mailsTo("cv.stc@tphcm.gov.vn");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(decodeHeader(mails[1].header("Subject")).rfind("Nhắc việc báo cáo ngày 09/04/2026", 0),
            0u);
  EXPECT_NE(unbase64(mails[1].body()).find("Báo cáo quá hạn:"), std::string::npos);
  per_user.clear();
  for (const auto& x : sink_.messages()) per_user[x.to.at(0)]++;
  for (const auto& [to, n] : per_user) EXPECT_LE(n, 2) << to;  // one per day, two days
}

TEST_F(NotifyApi, ReadMarksAreTheUsersOwn) {
  run();
  Client cv(srv_.port()), th(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  ASSERT_EQ(th.login("th.vp").status, 200);
  auto inbox = cv.get("/api/v1/me/notifications").json();
  ASSERT_GE(inbox["items"].size(), 2u);
  int64_t id = inbox["items"][0]["id"];
  int64_t unread = inbox["unread"];
  // someone else's notification does not exist for this user
  EXPECT_EQ(th.post("/api/v1/me/notifications/" + std::to_string(id) + "/read", json::object()).status,
            404);
  auto r = cv.post("/api/v1/me/notifications/" + std::to_string(id) + "/read", json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.json()["read_at"], nullptr);
  auto after = cv.get("/api/v1/me/notifications").json();
  EXPECT_EQ(after["unread"].get<int64_t>(), unread - 1);
  EXPECT_EQ(after["items"].back()["id"].get<int64_t>(), id);  // read ones last
  EXPECT_EQ(cv.get("/api/v1/me/notifications?unread=true").json()["items"].size(),
            static_cast<size_t>(unread - 1));
  EXPECT_EQ(cv.get("/api/v1/me/notifications?unread=maybe").status, 422);
  auto all = cv.post("/api/v1/me/notifications/read-all", json::object());
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json()["marked"].get<int64_t>(), unread - 1);
  EXPECT_EQ(cv.get("/api/v1/me/notifications").json()["unread"], 0);
  Client anon(srv_.port());
  EXPECT_EQ(anon.get("/api/v1/me/notifications").status, 401);
  EXPECT_EQ(cv.post("/api/v1/notifications/run", json::object()).status, 403);
}

TEST_F(NotifyApi, AReturnReachesTheUnitsInboxOnce) {
  // the report of Sở Tài chính for the first quarter is sent, then returned by the receiver
  std::string key;
  {
    auto tx = srv_.runtime().store().begin(core::ports::TxMode::Write).value();
    core::ports::ObligationQuery q;
    q.unit_ids = std::vector<int64_t>{unitId(srv_, "79.STC")};
    q.period_id = "2026Q1";
    auto found = tx->obligations().find(q).value();
    ASSERT_FALSE(found.empty());
    key = found[0].obligation.key;
    auto s = tx->obligations().setState(key, core::workflow::State::Sent, found[0].version,
                                        clock_.now());
    ASSERT_TRUE(s.has_value());
    ASSERT_TRUE(tx->obligations().setState(key, core::workflow::State::Returned, s->version));
    ASSERT_TRUE(tx->commit());
  }
  auto st = srv_.runtime().notify().onReportTransition(key, core::workflow::State::Sent,
                                                       core::workflow::State::Returned, nullptr);
  ASSERT_TRUE(st.has_value()) << st.error().message;
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto returned = [&] {
    int n = 0;
    auto inbox = cv.get("/api/v1/me/notifications?limit=500").json();
    for (const auto& x : inbox["items"])
      n += x["kind"] == "returned" && x["obligation_key"] == key;
    return n;
  };
  EXPECT_EQ(returned(), 1);
  // the same event twice, and the daily job finding the returned state: still one
  ASSERT_TRUE(srv_.runtime().notify().onReportTransition(key, core::workflow::State::Sent,
                                                         core::workflow::State::Returned, nullptr));
  run();
  EXPECT_EQ(returned(), 1);
  // a leader of the unit (approver) is told too; a user of another unit is not
  Client ld(srv_.port()), qt(srv_.port());
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  bool leader_told = false;
  auto leader = ld.get("/api/v1/me/notifications?limit=500").json();
  for (const auto& x : leader["items"])
    leader_told |= x["kind"] == "returned";
  EXPECT_TRUE(leader_told);
  ASSERT_EQ(qt.login("lanhdao").status, 200);
  auto other = qt.get("/api/v1/me/notifications?limit=500").json();
  for (const auto& x : other["items"])
    EXPECT_NE(x["obligation_key"], key);
}

TEST_F(NotifyApi, AnnouncementsForEveryoneFromTheOperatorWithNotice) {
  Client anon(srv_.port()), cv(srv_.port()), admin(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  ASSERT_EQ(admin.login("quantri").status, 200);
  EXPECT_EQ(anon.get("/api/v1/announcements").json()["items"].size(), 0u);
  json m{{"kind", "maintenance"},
         {"title", "Nâng cấp máy chủ cơ sở dữ liệu"},
         {"body", "Hệ thống tạm dừng để nâng cấp."},
         {"starts_at", "2026-03-11T08:00"},  // Vietnam time: 23 hours from now
         {"ends_at", "2026-03-11T10:00"}};
  EXPECT_EQ(cv.post("/api/v1/announcements", m).status, 403);
  auto early = admin.post("/api/v1/announcements", m);
  ASSERT_EQ(early.status, 422) << early.body;
  EXPECT_NE(early.json()["detail"].get<std::string>().find("24 giờ"), std::string::npos)
      << early.body;
  m["starts_at"] = "2026-03-11T22:00";
  m["ends_at"] = "2026-03-12T02:00";
  auto made = admin.post("/api/v1/announcements", m);
  ASSERT_EQ(made.status, 201) << made.body;
  auto a = made.json();
  EXPECT_EQ(a["phase"], "upcoming");
  EXPECT_EQ(a["starts_at"], "2026-03-11T15:00:00.000Z");
  EXPECT_EQ(a["text"],
            "Bảo trì, nâng cấp hệ thống từ 22:00 11/03/2026 đến 02:00 12/03/2026: Nâng cấp máy chủ "
            "cơ sở dữ liệu");
  // everyone sees it, even on the login page
  auto seen = anon.get("/api/v1/announcements").json()["items"];
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["id"], a["id"]);
  // bad input is named
  json bad = m;
  bad["kind"] = "outage";
  auto br = admin.post("/api/v1/announcements", bad);
  EXPECT_EQ(br.status, 422);
  EXPECT_NE(br.body.find("kind"), std::string::npos);
  bad = m;
  bad["starts_at"] = "mai";
  br = admin.post("/api/v1/announcements", bad);
  EXPECT_EQ(br.status, 422);
  EXPECT_NE(br.body.find("starts_at"), std::string::npos);
  // a suspension of reporting may start at once
  auto susp = admin.post("/api/v1/announcements", {{"kind", "suspension"},
                                                    {"title", "Tạm ngưng gửi báo cáo"},
                                                    {"starts_at", "2026-03-10T09:00"}});
  ASSERT_EQ(susp.status, 201) << susp.body;
  auto both = anon.get("/api/v1/announcements").json()["items"];
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0]["kind"], "suspension");  // current first
  EXPECT_EQ(both[0]["phase"], "current");
  // change with the version; a stale version is a conflict
  std::string path = "/api/v1/announcements/" + std::to_string(a["id"].get<int64_t>());
  json change = m;
  change["title"] = "Nâng cấp máy chủ (bổ sung)";
  change["version"] = 1;
  auto ch = admin.request("PUT", path, change.dump());
  ASSERT_EQ(ch.status, 200) << ch.body;
  EXPECT_EQ(ch.json()["version"], 2);
  EXPECT_EQ(admin.request("PUT", path, change.dump()).status, 409);
  // once the maintenance starts it is current (22:01 on 11/03); sessions have ended meanwhile
  clock_.advanceSeconds(37 * 3600 + 60);
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  ASSERT_EQ(admin.login("quantri").status, 200);
  seen = anon.get("/api/v1/announcements").json()["items"];
  bool current = false;
  for (const auto& x : seen) current |= x["id"] == a["id"] && x["phase"] == "current";
  EXPECT_TRUE(current) << seen.dump();
  EXPECT_EQ(cv.del(path).status, 403);
  EXPECT_EQ(admin.del(path).status, 204);
  EXPECT_EQ(admin.del(path).status, 404);
  // every change is in the audit log
  auto audit = admin.get("/api/v1/audit?action=announcement.").json()["items"];
  std::set<std::string> actions;
  for (const auto& e : audit) actions.insert(e["action"]);
  EXPECT_EQ(actions, (std::set<std::string>{"announcement.create", "announcement.update",
                                            "announcement.delete"}));
}

}  // namespace
}  // namespace baocao::testing
