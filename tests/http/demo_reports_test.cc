// Demo reports (issue 5 point 10): after `serve --demo` seeding, Sở Tài chính has a report in
// every workflow state, seen through the API as the demo people see them, and a sent report's
// signature verifies.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "server/demo_reports.h"
#include "test_server.h"

namespace baocao::testing {
namespace {

std::string enc(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '/' ? std::string("%2F") : std::string(1, c);
  return out;
}

class DemoReports : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    srv_ = new TestServer(false);
    auto ca = srv_->enableSigning();
    server::DemoOptions opts;
    opts.reports = true;
    opts.signing_dir = ca.string();
    auto t0 = std::chrono::steady_clock::now();
    auto seeded = server::seedDemo(srv_->runtime(), std::string(BAOCAO_REPO_ROOT) + "/data", opts);
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_TRUE(seeded) << seeded.error().message;
  }
  static void TearDownTestSuite() {
    delete srv_;
    srv_ = nullptr;
  }
  /// Sở Tài chính's reports as its officer sees them ("what do I owe").
  nlohmann::json owed() {
    Client c(srv_->port());
    EXPECT_EQ(c.login("cv.stc").status, 200);
    auto r = c.get("/api/v1/me/obligations");
    EXPECT_EQ(r.status, 200) << r.body;
    nlohmann::json out = nlohmann::json::array();
    auto body = r.json();
    for (const auto& it : body["items"])
      if (it["regime_code"] == "HCM-KTXH" && it["unit"]["code"] == "79.STC") out.push_back(it);
    return out;
  }
  static TestServer* srv_;
  static double seconds_;
};
TestServer* DemoReports::srv_ = nullptr;
double DemoReports::seconds_ = 0;

TEST_F(DemoReports, EveryWorkflowStateHasAReport) {
  std::printf("demo seeding with reports: %.2f s\n", seconds_);
  std::set<std::string> states;
  for (const auto& it : owed()) states.insert(it["state"].get<std::string>());
  for (const char* s : {"draft", "awaiting_check", "awaiting_approval", "approved", "sent", "accepted",
                        "returned", "correction_requested"})
    EXPECT_TRUE(states.count(s)) << "no report in state " << s;
}

TEST_F(DemoReports, ASentReportsSignatureVerifiesForTheReceiver) {
  std::string key;
  for (const auto& it : owed())
    if (it["state"] == "sent") key = it["key"];
  ASSERT_FALSE(key.empty());
  Client receiver(srv_->port());
  ASSERT_EQ(receiver.login("th.vp").status, 200);
  auto rep = receiver.get("/api/v1/reports/" + enc(key));
  ASSERT_EQ(rep.status, 200) << rep.body;
  auto j = rep.json();
  ASSERT_FALSE(j["versions"].empty());
  int n = j["versions"].back()["number"];
  // the receiver may accept or return it
  std::set<std::string> actions;
  for (const auto& a : j["actions"]) actions.insert(a["id"].get<std::string>());
  EXPECT_TRUE(actions.count("accept") && actions.count("return"));
  auto v = receiver.get("/api/v1/reports/" + enc(key) + "/versions/" + std::to_string(n) + "/verify");
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(v.json()["signed"], true);
  EXPECT_EQ(v.json()["ok"], true) << v.body;
  EXPECT_EQ(v.json()["content_hash_ok"], true);
}

TEST_F(DemoReports, ReportsLookLived) {
  nlohmann::json returned, awaiting, draft;
  for (const auto& it : owed()) {
    if (it["state"] == "returned") returned = it;
    if (it["state"] == "awaiting_approval") awaiting = it;
    if (it["state"] == "draft") draft = it;
  }
  ASSERT_FALSE(returned.is_null());
  Client officer(srv_->port());
  ASSERT_EQ(officer.login("cv.stc").status, 200);
  // returned with the receiver's reason
  auto r = officer.get("/api/v1/reports/" + enc(returned["key"]));
  ASSERT_EQ(r.status, 200);
  bool reason = false;
  auto rj = r.json();
  for (const auto& h : rj["history"])
    if (h["action"] == "return" && !h["reason"].get<std::string>().empty()) reason = true;
  EXPECT_TRUE(reason) << r.body.substr(0, 400);
  // the report awaiting approval: comment on a value, previous period's values beside it
  auto a = officer.get("/api/v1/reports/" + enc(awaiting["key"]));
  ASSERT_EQ(a.status, 200);
  auto aj = a.json();
  EXPECT_FALSE(aj["comments"].empty());
  EXPECT_FALSE(aj["previous_period"].is_null());
  EXPECT_FALSE(aj["cells"]["B01/HCM_THU_NS.TH"]["previous"].is_null());
  // the accepted year-end reports explain budget revenue above 120% of the plan (rule R2)
  bool explained = false;
  for (const auto& it : owed()) {
    if (it["state"] != "accepted" || it["period"]["type"] != "yearly") continue;
    auto y = officer.get("/api/v1/reports/" + enc(it["key"]));
    auto yj = y.json();
    if (yj["explanations"].contains("B01/R2")) explained = true;
  }
  EXPECT_TRUE(explained);
  // a draft with some values entered
  ASSERT_FALSE(draft.is_null());
  auto d = officer.get("/api/v1/reports/" + enc(draft["key"]));
  EXPECT_FALSE(d.json()["cells"]["B01/HCM_THU_NS.TH"]["value"].is_null());
}

}  // namespace
}  // namespace baocao::testing
