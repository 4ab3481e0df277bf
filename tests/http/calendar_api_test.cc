// The calendar API over real HTTP (issue 3 point 5): the exact answers of lunar/solar/holidays/
// period, the official schedule entered by the operator changing holidays and deadlines, CSV
// import that is all-or-nothing and names every bad line, export, rules, rest days, who may
// write, and the audit trail.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string official2026Csv() {
  return readFile(std::string(BAOCAO_REPO_ROOT) + "/tests/data/calendar/official_2026.csv");
}

class CalendarApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin.login("quantri").status, 200);
    ASSERT_EQ(clerk.login("cv.stc").status, 200);
  }
  HttpResult put(Client& c, const std::string& target, const json& body) {
    return c.request("PUT", target, body.dump());
  }
  json auditItems() {
    auto r = admin.get("/api/v1/audit?action=calendar.&limit=50");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  TestServer srv;
  Client admin{srv.port()};
  Client clerk{srv.port()};  // data entry: reads the calendar, changes nothing
};

TEST_F(CalendarApi, AnswersHaveExactlyTheDocumentedShapes) {
  auto lunar = clerk.get("/api/v1/calendar/lunar?date=2026-02-17");
  ASSERT_EQ(lunar.status, 200) << lunar.body;
  EXPECT_EQ(lunar.body, R"({"date":"2026-02-17","lunar":{"year":2026,"month":1,"day":1,"leap":false}})");

  auto solar = clerk.get("/api/v1/calendar/solar?lunar=2025-6-1&leap=1");
  ASSERT_EQ(solar.status, 200) << solar.body;
  EXPECT_EQ(solar.body, R"({"date":"2025-07-25","lunar":{"year":2025,"month":6,"day":1,"leap":true}})");

  auto period = clerk.get("/api/v1/calendar/period?id=202603&levels=2");
  ASSERT_EQ(period.status, 200) << period.body;
  EXPECT_EQ(period.body,
            R"({"id":"202603","type":"monthly","start":"2026-02-15","end":"2026-03-14","deadlines":["2026-03-18","2026-03-23"]})");

  auto holidays = clerk.get("/api/v1/calendar/holidays?year=2026");
  ASSERT_EQ(holidays.status, 200) << holidays.body;
  EXPECT_EQ(holidays.body.rfind(R"([{"date":"2026-01-01","name":"Tết Dương lịch","kind":"statutory"},)", 0), 0u)
      << holidays.body;
  auto days = holidays.json();
  ASSERT_TRUE(days.is_array());
  bool compensatory = false;
  for (const auto& d : days)
    if (d["date"] == "2026-04-27") compensatory = d["kind"] == "compensatory";
  EXPECT_TRUE(compensatory) << "Hùng Kings' day 26/4/2026 is a Sunday: 27/4 off";

  // the optional rule parameters: replacement by the quarter (002 Đ8.2) and approval (000 Đ6)
  auto full = clerk.get("/api/v1/calendar/period?id=202603&levels=2&also=quarterly&approval_day=24");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(full.json()["replaced_by"], "2026Q1");
  EXPECT_EQ(full.json()["approval_deadline"], "2026-03-24");
}

TEST_F(CalendarApi, BadParametersAreNamed) {
  auto r = clerk.get("/api/v1/calendar/period?id=2026Q5");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.json()["detail"].get<std::string>().find("ký tự 6"), std::string::npos) << r.body;
  r = clerk.get("/api/v1/calendar/period");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "id");
  r = clerk.get("/api/v1/calendar/period?id=202603&levels=abc");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "levels");
  r = clerk.get("/api/v1/calendar/lunar?date=2026-02-30");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "date");
  r = clerk.get("/api/v1/calendar/solar?lunar=2026-6-1&leap=1");  // 2026 has no leap 6th month
  EXPECT_EQ(r.status, 422) << r.body;
  r = clerk.get("/api/v1/calendar/holidays?year=2101");
  EXPECT_EQ(r.status, 422);
  r = clerk.get("/api/v1/calendar/periods?type=daily&within=2026");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "type");
  Client anonymous(srv.port());
  EXPECT_EQ(anonymous.get("/api/v1/calendar/holidays?year=2026").status, 401);
}

TEST_F(CalendarApi, PeriodsOfAYearForTheCalendarPage) {
  auto r = clerk.get("/api/v1/calendar/periods?type=monthly&within=2026&levels=2");
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  ASSERT_EQ(items.size(), 12u);
  EXPECT_EQ(items[0]["id"], "202601");
  EXPECT_EQ(items[0]["start"], "2025-12-15");
  EXPECT_EQ(items[2]["deadlines"], json::array({"2026-03-18", "2026-03-23"}));
  auto weeks = clerk.get("/api/v1/calendar/periods?type=weekly&within=2026").json()["items"];
  EXPECT_EQ(weeks.size(), 53u);  // ISO 2026 has 53 weeks
}

TEST_F(CalendarApi, OfficialSchedulePutChangesHolidaysAndDeadlinesAndIsAudited) {
  // Computed: Thursday 1 Jan 2026 is off, so week 1 is due Friday 2 Jan.
  EXPECT_EQ(clerk.get("/api/v1/calendar/period?id=2026W01").json()["deadlines"][0], "2026-01-02");
  json body = {{"source", "Văn bản 12729/VPCP-KGVX ngày 25/12/2025"},
               {"days",
                {{{"date", "2026-01-01"}, {"kind", "official"}, {"name", "Tết Dương lịch"}},
                 {{"date", "2026-01-02"}, {"kind", "official"}, {"name", "Tết Dương lịch"}},
                 {{"date", "2026-01-10"}, {"kind", "workday"}, {"name", "Làm bù cho thứ Sáu 02/01/2026"}}}}};
  auto r = put(admin, "/api/v1/calendar/official/2026", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["year"], 2026);
  EXPECT_EQ(r.json()["days"].size(), 3u);

  auto holidays = clerk.get("/api/v1/calendar/holidays?year=2026").json();
  ASSERT_EQ(holidays.size(), 3u) << holidays;  // the official schedule replaces the computed year
  EXPECT_EQ(holidays[1], (json{{"date", "2026-01-02"}, {"name", "Tết Dương lịch"}, {"kind", "official"}}));
  EXPECT_EQ(holidays[2]["kind"], "workday");
  EXPECT_EQ(clerk.get("/api/v1/calendar/period?id=2026W01").json()["deadlines"][0], "2026-01-05");

  auto got = clerk.get("/api/v1/calendar/official/2026");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json()["source"], "Văn bản 12729/VPCP-KGVX ngày 25/12/2025");
  auto list = clerk.get("/api/v1/calendar/official").json()["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0], (json{{"year", 2026}, {"source", "Văn bản 12729/VPCP-KGVX ngày 25/12/2025"},
                           {"days_off", 2}, {"workdays", 1}}));

  auto items = auditItems();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["action"], "calendar.official_put");
  EXPECT_EQ(items[0]["entity_id"], "2026");
  EXPECT_EQ(items[0]["actor_name"], "quantri");
  EXPECT_EQ(items[0]["after"]["days"].size(), 3u);

  // export: CSV that imports back to the same schedule
  auto csv = clerk.get("/api/v1/calendar/official/2026/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.content_type.find("text/csv"), std::string::npos);
  EXPECT_NE(csv.header("content-disposition").find("lich-nghi-2026.csv"), std::string::npos);
  EXPECT_NE(csv.body.find("2026-01-10,workday,Làm bù cho thứ Sáu 02/01/2026"), std::string::npos) << csv.body;
  auto exported_json = clerk.get("/api/v1/calendar/official/2026/export?format=json");
  ASSERT_EQ(exported_json.status, 200);
  EXPECT_EQ(exported_json.json()["days"].size(), 3u);
  // a year without an official schedule exports the computed days as a template
  auto computed = clerk.get("/api/v1/calendar/official/2027/export?format=csv");
  ASSERT_EQ(computed.status, 200);
  EXPECT_EQ(computed.header("x-calendar-source"), "computed");
  EXPECT_NE(computed.body.find("2027-01-01,statutory,Tết Dương lịch"), std::string::npos) << computed.body;

  // delete: back to the computed calendar
  EXPECT_EQ(admin.del("/api/v1/calendar/official/2026").status, 204);
  EXPECT_EQ(clerk.get("/api/v1/calendar/period?id=2026W01").json()["deadlines"][0], "2026-01-02");
  EXPECT_EQ(clerk.get("/api/v1/calendar/official/2026").status, 404);
  EXPECT_EQ(admin.del("/api/v1/calendar/official/2026").status, 404);
  EXPECT_EQ(auditItems()[0]["action"], "calendar.official_delete");
}

TEST_F(CalendarApi, OnlyTheSystemAdministratorWrites) {
  json body = {{"days", {{{"date", "2026-01-02"}, {"kind", "official"}, {"name", "Tết Dương lịch"}}}}};
  Client unit_admin(srv.port());
  ASSERT_EQ(unit_admin.login("qt.stc").status, 200);
  for (Client* c : {&clerk, &unit_admin}) {
    auto r = put(*c, "/api/v1/calendar/official/2026", body);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json()["code"], "E2007_FORBIDDEN");
    EXPECT_EQ(c->request("POST", "/api/v1/calendar/official/import", official2026Csv(), "text/csv").status, 403);
    EXPECT_EQ(c->post("/api/v1/calendar/rules", {{"basis", "solar_date"}, {"month", 11}, {"day", 24}, {"name", "X"}}).status, 403);
    EXPECT_EQ(put(*c, "/api/v1/calendar/rest-days", {{"days", {7}}}).status, 403);
    EXPECT_EQ(c->del("/api/v1/calendar/official/2026").status, 403);
  }
  EXPECT_TRUE(clerk.get("/api/v1/calendar/official").json()["items"].empty());
  EXPECT_TRUE(auditItems().empty());
  // CSRF applies as everywhere
  admin.send_csrf = false;
  EXPECT_EQ(put(admin, "/api/v1/calendar/official/2026", body).status, 403);
}

TEST_F(CalendarApi, CsvImportNamesEveryBadLineAndStoresNothing) {
  std::string csv =
      "# Thử\n"                                         // 1
      "date,kind,name\n"                                // 2
      "2026-01-02,official,Tết Dương lịch\n"            // 3
      "2026-13-01,official,Tháng sai\n"                 // 4
      "2026-01-03,holiday,Loại sai\n"                   // 5
      "2026-01-05,workday,Thứ Hai vốn là ngày làm việc\n"  // 6
      "2026-01-02,official,Lặp lại\n";                  // 7
  auto r = admin.request("POST", "/api/v1/calendar/official/import", csv, "text/csv");
  ASSERT_EQ(r.status, 422) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["code"], "E1008_INVALID_FILE");
  std::vector<std::string> fields;
  for (const auto& e : j["errors"]) fields.push_back(e["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"dòng 4", "dòng 5", "dòng 6", "dòng 7"})) << r.body;
  EXPECT_NE(j["detail"].get<std::string>().find("4 lỗi"), std::string::npos) << r.body;
  EXPECT_NE(j["detail"].get<std::string>().find("Dòng 4"), std::string::npos) << r.body;
  EXPECT_NE(j["errors"][2]["message"].get<std::string>().find("ngày làm bù"), std::string::npos);
  EXPECT_TRUE(admin.get("/api/v1/calendar/official").json()["items"].empty());
  EXPECT_TRUE(auditItems().empty());

  // a single bad line: the message is that line's
  r = admin.request("POST", "/api/v1/calendar/official/import",
                    "date,kind,name\n2026-01-02,official,Tết\n2026-01-03,official\n", "text/csv");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"].get<std::string>().rfind("Dòng 3, cột", 0), 0u) << r.body;

  // the real 2026 schedule imports, and the deadlines follow it
  r = admin.request("POST", "/api/v1/calendar/official/import", official2026Csv(), "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["year"], 2026);
  EXPECT_EQ(items[0]["days_off"], 25);
  EXPECT_EQ(items[0]["workdays"], 2);
  EXPECT_NE(items[0]["source"].get<std::string>().find("Official holiday schedule 2026"), std::string::npos);
  EXPECT_EQ(clerk.get("/api/v1/calendar/period?id=2026W01").json()["deadlines"][0], "2026-01-05");
  EXPECT_EQ(auditItems()[0]["action"], "calendar.official_import");

  // JSON import (several years at once) and a wrong media type
  json two = json::array({{{"year", 2024}, {"days", {{{"date", "2024-05-04"}, {"kind", "workday"}, {"name", "Làm bù"}}}}},
                          {{"year", 2025}, {"days", {{{"date", "2025-04-26"}, {"kind", "workday"}, {"name", "Làm bù"}}}}}});
  r = admin.request("POST", "/api/v1/calendar/official/import", two.dump(), "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(admin.get("/api/v1/calendar/official").json()["items"].size(), 3u);
  r = admin.request("POST", "/api/v1/calendar/official/import", "x", "application/octet-stream");
  EXPECT_EQ(r.status, 415);
}

TEST_F(CalendarApi, PutValidatesEachDayAndThePath) {
  json body = {{"days",
                {{{"date", "2026-01-05"}, {"kind", "workday"}, {"name", "Thứ Hai"}},
                 {{"date", "2025-12-31"}, {"kind", "official"}, {"name", "Năm trước"}}}}};
  auto r = put(admin, "/api/v1/calendar/official/2026", body);
  ASSERT_EQ(r.status, 422) << r.body;
  ASSERT_EQ(r.json()["errors"].size(), 2u);
  EXPECT_EQ(r.json()["errors"][0]["field"], "days[0]");
  EXPECT_EQ(r.json()["errors"][1]["field"], "days[1]");
  body = {{"year", 2025}, {"days", json::array()}};
  EXPECT_EQ(put(admin, "/api/v1/calendar/official/2026", body).json()["errors"][0]["field"], "year");
  // an empty schedule would wipe out every holiday of the year: refused, nothing stored
  auto empty = put(admin, "/api/v1/calendar/official/2026", {{"days", json::array()}});
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(empty.json()["errors"][0]["field"], "days");
  body = {{"days", json::array()}, {"extra", 1}};
  EXPECT_EQ(put(admin, "/api/v1/calendar/official/2026", body).status, 400);
  EXPECT_EQ(put(admin, "/api/v1/calendar/official/abc", {{"days", json::array()}}).status, 422);
  EXPECT_EQ(admin.request("PUT", "/api/v1/calendar/official/2026", "{", "application/json").status, 400);
  EXPECT_TRUE(admin.get("/api/v1/calendar/official").json()["items"].empty());
}

TEST_F(CalendarApi, RulesAndRestDays) {
  auto rules = clerk.get("/api/v1/calendar/rules");
  ASSERT_EQ(rules.status, 200);
  EXPECT_TRUE(rules.json()["items"].empty());
  EXPECT_GE(rules.json()["statutory"].size(), 6u);

  auto added = admin.post("/api/v1/calendar/rules", {{"basis", "solar_date"}, {"month", 11}, {"day", 24},
                                                     {"name", "Ngày Văn hóa Việt Nam"}, {"valid_from", 2026}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.body.find(R"({"id":)"), 0u);
  int64_t id = added.json()["id"];
  bool found = false;
  for (const auto& d : clerk.get("/api/v1/calendar/holidays?year=2026").json())
    found = found || (d["date"] == "2026-11-24" && d["name"] == "Ngày Văn hóa Việt Nam");
  EXPECT_TRUE(found);
  EXPECT_EQ(auditItems()[0]["action"], "calendar.rule_add");
  auto bad = admin.post("/api/v1/calendar/rules", {{"basis", "weekly"}, {"month", 1}, {"day", 1}, {"name", "X"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "basis");
  EXPECT_EQ(admin.del("/api/v1/calendar/rules/" + std::to_string(id)).status, 204);
  EXPECT_EQ(admin.del("/api/v1/calendar/rules/" + std::to_string(id)).status, 404);
  EXPECT_EQ(auditItems()[0]["action"], "calendar.rule_remove");

  EXPECT_EQ(clerk.get("/api/v1/calendar/period?id=202605").json()["deadlines"][0], "2026-05-19");
  auto rest = clerk.get("/api/v1/calendar/rest-days");
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(rest.body, R"({"days":[6,7]})");
  auto set = put(admin, "/api/v1/calendar/rest-days", {{"days", {7}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.body, R"({"days":[7]})");
  // 202605 is cut off on Thursday 14 May: Fri 15, Sat 16 (now a working day), Mon 18
  EXPECT_EQ(clerk.get("/api/v1/calendar/period?id=202605").json()["deadlines"][0], "2026-05-18");
  EXPECT_EQ(put(admin, "/api/v1/calendar/rest-days", {{"days", {1, 2, 3, 4, 5, 6, 7}}}).status, 422);
  EXPECT_EQ(put(admin, "/api/v1/calendar/rest-days", {{"days", {0}}}).status, 422);
  EXPECT_EQ(auditItems()[0]["action"], "calendar.rest_days_set");
}

}  // namespace
}  // namespace baocao::testing
