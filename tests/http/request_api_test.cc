// Cascade, ad hoc requests and backfill over real HTTP (issue 5 points 1 and 9), on the demo
// city with a fixed clock (10/03/2026):
//  - ld.stc, leader of Sở Tài chính, re-assigns the Sở's first-quarter report to two of its
//    divisions; repeating it creates nothing; an officer may not; a unit outside the Sở, a
//    deadline not before the Sở's and malformed input are refused naming the field; the
//    division's officer finds the child report in "Việc cần làm".
//  - ld.stc issues an ad hoc request to a division; repeating it changes nothing; the same
//    document number for another request is refused; the recipient sees it; scope is checked.
//  - the operator opens a backfill window after an outage; the leader records the true sending
//    date of a report sent on paper during the outage; compliance counts it on time (or late,
//    by its true date) as 002 Đ5.4 / 004 Đ9.4 allow; after the window closes nothing more can
//    be recorded but what was recorded still counts.
#include <gtest/gtest.h>

#include "support/fake_clock.h"
#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

class RequestApi : public ::testing::Test {
 protected:
  // 10/03/2026 09:00 in Vietnam
  FakeClock clock_{core::Timestamp::fromSeconds(1773108000)};
  TestServer srv_{true, &clock_};

  void generate() {
    Client admin(srv_.port());
    ASSERT_EQ(admin.login("quantri").status, 200);
    ASSERT_EQ(admin.post("/api/v1/obligations/generate", json::object()).status, 200);
  }
  static json findKey(const json& items, const std::string& key) {
    for (const auto& it : items)
      if (it["key"] == key) return it;
    return nullptr;
  }
  int64_t stc() { return unitId(srv_, "79.STC"); }
  int64_t qlns() { return unitId(srv_, "79.STC.QLNS"); }
  int64_t tcdt() { return unitId(srv_, "79.STC.TCDT"); }
};

TEST_F(RequestApi, CascadeToDivisionsIsScopedAndIdempotent) {
  generate();
  Client ld(srv_.port());
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  const std::string parent_key = "HCM-KTXH/2026Q1/u" + std::to_string(stc());
  auto owed = ld.get("/api/v1/me/obligations").json();
  json parent = findKey(owed["items"], parent_key);
  ASSERT_FALSE(parent.is_null()) << owed.dump();
  const std::string url = "/api/v1/obligations/" + std::to_string(parent["id"].get<int64_t>()) +
                          "/cascade";

  // an officer of a division may not re-assign the Sở's report
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  EXPECT_EQ(cv.post(url, json{{"child_unit_ids", {qlns()}}}).status, 403);

  // bad input: each refused naming the field, nothing created
  auto outside = ld.post(url, json{{"child_unit_ids", {unitId(srv_, "79.SKHCN")}}});
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_NE(outside.body.find("Sở Khoa học"), std::string::npos) << outside.body;
  EXPECT_NE(outside.body.find("child_unit_ids"), std::string::npos) << outside.body;
  auto not_array = ld.post(url, json{{"child_unit_ids", "79.STC.QLNS"}});
  EXPECT_EQ(not_array.status, 422);
  EXPECT_NE(not_array.body.find("child_unit_ids"), std::string::npos);
  auto empty = ld.post(url, json{{"child_unit_ids", json::array()}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("child_unit_ids"), std::string::npos);
  auto too_late = ld.post(url, json{{"child_unit_ids", {qlns()}},
                                    {"internal_deadline", parent["deadline"]}});
  EXPECT_EQ(too_late.status, 422) << too_late.body;
  EXPECT_NE(too_late.body.find("internal_deadline"), std::string::npos);
  auto bad_date = ld.post(url, json{{"child_unit_ids", {qlns()}}, {"internal_deadline", "2026-02-30"}});
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_NE(bad_date.body.find("internal_deadline"), std::string::npos);
  EXPECT_EQ(ld.post(url, json{{"child_unit_ids", {qlns()}}, {"owner", 1}}).status, 400);
  EXPECT_EQ(ld.post("/api/v1/obligations/999999/cascade", json{{"child_unit_ids", {qlns()}}}).status,
            404);

  auto r = ld.post(url, json{{"child_unit_ids", {qlns(), tcdt()}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["created"], 2);
  ASSERT_EQ(j["children"].size(), 2u);
  for (const auto& c : j["children"]) {
    EXPECT_EQ(c["kind"], "cascade");
    EXPECT_EQ(c["receiving_unit_id"].get<int64_t>(), stc());
    EXPECT_LT(c["deadline"].get<std::string>(), parent["deadline"].get<std::string>());
    EXPECT_EQ(c["key"].get<std::string>().rfind(parent_key + ">u", 0), 0u);
  }
  // repeating it creates nothing
  auto again = ld.post(url, json{{"child_unit_ids", {qlns(), tcdt()}}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["created"], 0);
  EXPECT_EQ(again.json()["existing"], 2);
  auto received = ld.get("/api/v1/obligations?regime=HCM-KTXH&period=2026Q1").json();
  int children = 0;
  for (const auto& it : received["items"]) children += it["kind"] == "cascade" ? 1 : 0;
  EXPECT_EQ(children, 2) << received.dump();

  // the division's officer owes it now, reporting to the Sở
  auto mine = cv.get("/api/v1/me/obligations").json();
  json child = findKey(mine["items"], parent_key + ">u" + std::to_string(qlns()));
  ASSERT_FALSE(child.is_null()) << mine.dump();
  EXPECT_EQ(child["receiving_unit"]["id"].get<int64_t>(), stc());
  EXPECT_EQ(child["parent_key"], parent_key);

  // audited once
  Client admin(srv_.port());
  ASSERT_EQ(admin.login("quantri").status, 200);
  auto audit = admin.get("/api/v1/audit?action=obligation.cascade").json();
  ASSERT_EQ(audit["items"].size(), 1u) << audit.dump();
}

TEST_F(RequestApi, AdHocRequestReachesItsRecipientsOnce) {
  Client ld(srv_.port());
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  json req{{"document_number", "15/STC-VP"},
           {"title", "Báo cáo nhanh tình hình giải ngân vốn đầu tư công"},
           {"recipient_unit_ids", {qlns(), tcdt()}},
           {"deadline", "2026-03-13"}};
  // refused: an officer, another unit's name, a unit outside, a past deadline, a missing title
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  EXPECT_EQ(cv.post("/api/v1/requests", req).status, 403);
  auto city = req;
  city["issuing_unit_id"] = unitId(srv_, "79");
  EXPECT_EQ(ld.post("/api/v1/requests", city).status, 403);
  auto outside = req;
  outside["recipient_unit_ids"] = {unitId(srv_, "79.SKHCN")};
  auto o = ld.post("/api/v1/requests", outside);
  EXPECT_EQ(o.status, 422);
  EXPECT_NE(o.body.find("recipient_unit_ids"), std::string::npos);
  auto past = req;
  past["deadline"] = "2026-03-09";
  auto p = ld.post("/api/v1/requests", past);
  EXPECT_EQ(p.status, 422);
  EXPECT_NE(p.body.find("\"deadline\""), std::string::npos) << p.body;
  auto untitled = req;
  untitled.erase("title");
  auto u = ld.post("/api/v1/requests", untitled);
  EXPECT_EQ(u.status, 422);
  EXPECT_NE(u.body.find("\"title\""), std::string::npos) << u.body;
  auto bad_period = req;
  bad_period["period"] = "2026-13";
  EXPECT_EQ(ld.post("/api/v1/requests", bad_period).status, 422);

  auto r = ld.post("/api/v1/requests", req);
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["request_id"], "15-STC-VP");
  EXPECT_EQ(j["issuing_unit"]["id"].get<int64_t>(), stc());
  ASSERT_EQ(j["obligations"].size(), 2u);
  EXPECT_EQ(j["obligations"][0]["kind"], "ad_hoc");
  EXPECT_EQ(j["summary"]["total"], 2);
  // the same request again: nothing new; another request with the same number: refused
  auto again = ld.post("/api/v1/requests", req);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json()["created"].get<bool>());
  auto other = req;
  other["title"] = "Báo cáo khác";
  auto clash = ld.post("/api/v1/requests", other);
  EXPECT_EQ(clash.status, 409);
  EXPECT_NE(clash.body.find("document_number"), std::string::npos);

  // the recipient's officer owes it, named by its title
  auto mine = cv.get("/api/v1/me/obligations").json();
  json item = findKey(mine["items"], "adhoc/15-STC-VP/u" + std::to_string(qlns()));
  ASSERT_FALSE(item.is_null()) << mine.dump();
  EXPECT_EQ(item["regime_name"], "Báo cáo nhanh tình hình giải ngân vốn đầu tư công");
  EXPECT_EQ(item["deadline"], "2026-03-13");
  // the leader lists it and sees who has reported
  auto list = ld.get("/api/v1/requests").json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["document_number"], "15/STC-VP");
  EXPECT_EQ(list["items"][0]["summary"]["pending"], 2);
  auto view = ld.get("/api/v1/obligations?regime=15-STC-VP");
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.json()["regime"]["name"], "Báo cáo nhanh tình hình giải ngân vốn đầu tư công");
  EXPECT_EQ(view.json()["items"].size(), 2u);
  EXPECT_EQ(cv.get("/api/v1/requests").json()["items"].size(), 0u);  // not in its scope
}

TEST_F(RequestApi, BackfilledReportCountsWithItsTrueDate) {
  Client ld(srv_.port());
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  auto r = ld.post("/api/v1/requests", json{{"document_number", "20/STC"},
                                             {"title", "Báo cáo đột xuất về thu ngân sách"},
                                             {"recipient_unit_ids", {qlns()}},
                                             {"deadline", "2026-03-12"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = r.json()["obligations"][0]["id"];
  const std::string backfill = "/api/v1/obligations/" + std::to_string(id) + "/backfill";
  // the system was down 11–13/03; the division sent its report on paper on 12/03
  clock_.advanceSeconds(6 * 86400);  // 16/03/2026
  ASSERT_EQ(ld.login("ld.stc").status, 200);
  auto before = ld.get("/api/v1/obligations?regime=20-STC").json();
  EXPECT_EQ(before["items"][0]["compliance"]["status"], "not_submitted");
  json entry{{"true_sent_date", "2026-03-12"}, {"explanation", "Gửi bản giấy, công văn số 31/QLNS"}};
  // no window open yet
  EXPECT_EQ(ld.post(backfill, entry).status, 409);

  Client admin(srv_.port());
  ASSERT_EQ(admin.login("quantri").status, 200);
  json window{{"reason", "Sự cố đường truyền trung tâm dữ liệu"},
              {"outage_from", "2026-03-11"},
              {"outage_to", "2026-03-13"},
              {"open_until", "2026-03-20"}};
  EXPECT_EQ(ld.post("/api/v1/backfill-windows", window).status, 403);  // only the operator
  auto reversed = window;
  reversed["outage_to"] = "2026-03-10";
  auto rv = admin.post("/api/v1/backfill-windows", reversed);
  EXPECT_EQ(rv.status, 422);
  EXPECT_NE(rv.body.find("outage_to"), std::string::npos) << rv.body;
  auto closed_already = window;
  closed_already["open_until"] = "2026-03-15";
  auto ca = admin.post("/api/v1/backfill-windows", closed_already);
  EXPECT_EQ(ca.status, 422);
  EXPECT_NE(ca.body.find("open_until"), std::string::npos);
  auto no_reason = window;
  no_reason["reason"] = " ";
  EXPECT_EQ(admin.post("/api/v1/backfill-windows", no_reason).status, 422);
  auto w = admin.post("/api/v1/backfill-windows", window);
  ASSERT_EQ(w.status, 201) << w.body;
  EXPECT_TRUE(w.json()["open"].get<bool>());
  const int64_t wid = w.json()["id"];

  // refused: an officer; a true date outside the outage; no explanation; no date
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  EXPECT_EQ(cv.post(backfill, entry).status, 403);
  auto outside = ld.post(backfill, json{{"true_sent_date", "2026-03-10"}, {"explanation", "x"}});
  EXPECT_EQ(outside.status, 422);
  EXPECT_NE(outside.body.find("true_sent_date"), std::string::npos) << outside.body;
  auto silent = ld.post(backfill, json{{"true_sent_date", "2026-03-12"}});
  EXPECT_EQ(silent.status, 422);
  EXPECT_NE(silent.body.find("explanation"), std::string::npos) << silent.body;
  auto undated = ld.post(backfill, json{{"explanation", "x"}});
  EXPECT_EQ(undated.status, 422);
  EXPECT_NE(undated.body.find("true_sent_date"), std::string::npos);
  EXPECT_EQ(ld.get("/api/v1/obligations?regime=20-STC").json()["items"][0]["compliance"]["status"],
            "not_submitted");

  // sent on 13/03, after the deadline: counted late by its true date
  auto late = ld.post(backfill, json{{"true_sent_date", "2026-03-13"}, {"explanation", "Công văn giấy"}});
  ASSERT_EQ(late.status, 200) << late.body;
  auto lj = ld.get("/api/v1/obligations?regime=20-STC").json();
  EXPECT_EQ(lj["items"][0]["compliance"]["status"], "late");
  EXPECT_EQ(lj["items"][0]["compliance"]["calendar_days_late"], 1);
  // corrected to 12/03: on time
  auto ok = ld.post(backfill, entry);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["backfill"]["window_id"].get<int64_t>(), wid);
  auto oj = ld.get("/api/v1/obligations?regime=20-STC").json();
  const auto& row = oj["items"][0];
  EXPECT_EQ(row["compliance"]["status"], "on_time") << row.dump();
  EXPECT_TRUE(row["compliance"]["backfilled"].get<bool>());
  EXPECT_EQ(row["compliance"]["counted_sent_date"], "2026-03-12");
  EXPECT_EQ(row["backfill"]["explanation"], "Gửi bản giấy, công văn số 31/QLNS");
  EXPECT_EQ(oj["summary"]["on_time"], 1);
  auto groups = ld.get("/api/v1/me/received").json();
  bool counted = false;
  for (const auto& g : groups["items"])
    if (g["regime_code"] == "20-STC") counted = g["summary"]["on_time"] == 1;
  EXPECT_TRUE(counted) << groups.dump();

  // the operator closes the window: nothing more is accepted, what was recorded still counts
  clock_.advanceSeconds(60);
  auto c = admin.post("/api/v1/backfill-windows/" + std::to_string(wid) + "/close", json::object());
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_FALSE(c.json()["open"].get<bool>());
  EXPECT_EQ(admin.post("/api/v1/backfill-windows/" + std::to_string(wid) + "/close", json::object()).status,
            409);
  EXPECT_EQ(ld.post(backfill, entry).status, 409);
  EXPECT_EQ(ld.get("/api/v1/obligations?regime=20-STC").json()["items"][0]["compliance"]["status"],
            "on_time");
  auto list = cv.get("/api/v1/backfill-windows").json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_FALSE(list["items"][0]["closed_at"].is_null());
  auto audit = admin.get("/api/v1/audit?action=obligation.backfill").json();
  EXPECT_EQ(audit["items"].size(), 2u) << audit.dump();
  EXPECT_EQ(admin.get("/api/v1/audit?action=backfill.").json()["items"].size(), 2u);
}

}  // namespace
}  // namespace baocao::testing
