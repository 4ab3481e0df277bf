// Report regimes and forms over real HTTP (issue 4 points 4–6): the demo regimes, a draft
// created, edited with optimistic versions (409), a form designed, saved and reloaded identical,
// publishing checked against Decree 09 Art. 7 and 002 Đ3.4 (refused) and Đ10.4 (warning),
// versions, retirement, who may write, the audit trail, the XLSX template and the public
// catalog (JSON, XLSX, PDF) without login.
#include <gtest/gtest.h>

#include <set>

#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

json draftRegime(const std::string& code) {
  return json::parse(R"({
    "code": ")" + code + R"(", "family": "NS-TT", "name": "Báo cáo nhanh thu ngân sách",
    "kind": "periodic", "content": "Số thu ngân sách trong kỳ",
    "reporting": {"codes": ["79.STC"]},
    "receiving": "79", "send_methods": ["system"],
    "schedule": {"frequency": "monthly"},
    "outline": [{"code": "I", "title": "Tình hình thu"}],
    "legal_basis": "Văn bản thử nghiệm"
  })");
}

json budgetForm() {
  return json::parse(R"({
    "code": "B01", "title": "Biểu 01: Thu ngân sách",
    "columns": [{"code": "KH", "label": "Kế hoạch năm"},
                {"code": "TH", "label": "Thực hiện kỳ", "group": "Thực hiện"},
                {"code": "LK", "label": "Lũy kế", "group": "Thực hiện"},
                {"code": "SSKH", "label": "% kế hoạch", "unit": "%", "kind": "computed",
                 "formula": "[LK] / [KH] * 100", "decimals": 1}],
    "rows": [{"code": "HCM_THU_NS", "label": "Tổng thu ngân sách", "unit": "tỷ đồng", "kind": "subtotal"},
             {"code": "THU_ND", "label": "Thu nội địa", "unit": "tỷ đồng", "parent": "HCM_THU_NS"},
             {"code": "THU_XNK", "label": "Thu xuất nhập khẩu", "unit": "tỷ đồng", "parent": "HCM_THU_NS"}],
    "rules": [{"code": "R1", "scope": "row", "formula": "[LK] >= [TH]", "severity": "error",
               "message": "Lũy kế nhỏ hơn thực hiện kỳ"}],
    "sections": [{"code": "TM", "title": "Thuyết minh"}]
  })");
}

class RegimeApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin.login("quantri").status, 200);
    ASSERT_EQ(clerk.login("cv.stc").status, 200);
  }
  HttpResult put(Client& c, const std::string& target, const json& body) {
    return c.request("PUT", target, body.dump());
  }
  int64_t idOf(const std::string& code) {
    auto r = admin.get("/api/v1/regimes?q=" + code).json();
    for (const auto& it : r["items"])
      if (it["code"] == code) return it["id"].get<int64_t>();
    return 0;
  }
  TestServer srv;
  Client admin{srv.port()};
  Client clerk{srv.port()};
  Client anonymous{srv.port()};
};

TEST_F(RegimeApi, DemoRegimesArePublishedWithTheirForms) {
  auto r = clerk.get("/api/v1/regimes?status=published");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> codes;
  auto listed = r.json();
  for (const auto& it : listed["items"]) codes.insert(it["code"].get<std::string>());
  EXPECT_EQ(codes, (std::set<std::string>{"HCM-HTTT", "HCM-KTXH", "HCM-TKCT"}));
  auto ktxh = clerk.get("/api/v1/regimes/" + std::to_string(idOf("HCM-KTXH")));
  ASSERT_EQ(ktxh.status, 200);
  auto j = ktxh.json();
  EXPECT_EQ(j["version_status"], "published");
  EXPECT_EQ(j["regime"]["schedule"]["frequency"], "monthly");
  EXPECT_EQ(j["regime"]["forms"][0]["code"], "B01");
  // the weekly draft of the same family is refused by 002 Đ3.4
  auto weekly = idOf("HCM-KTXH-TUAN");
  auto c = clerk.get("/api/v1/regimes/" + std::to_string(weekly) + "/conflicts");
  ASSERT_EQ(c.status, 200);
  ASSERT_EQ(c.json()["errors"].size(), 1u);
  EXPECT_EQ(c.json()["errors"][0]["code"], "duplicate_frequency");
  EXPECT_EQ(c.json()["errors"][0]["other_regime"], "HCM-KTXH");
  auto v = admin.get("/api/v1/regimes/" + std::to_string(weekly));
  auto p = admin.post("/api/v1/regimes/" + std::to_string(weekly) + "/publish",
                      {{"version", v.json()["version"]}});
  EXPECT_EQ(p.status, 409) << p.body;
  EXPECT_EQ(p.json()["code"], "E3012_DUPLICATE_REPORTING");
  EXPECT_NE(p.json()["detail"].get<std::string>().find("Điều 3 khoản 4"), std::string::npos);
}

TEST_F(RegimeApi, DraftEditPublishVersionRetireLifecycle) {
  auto c = admin.post("/api/v1/regimes", draftRegime("NS-NHANH"));
  ASSERT_EQ(c.status, 201) << c.body;
  int64_t id = c.json()["id"];
  std::string base = "/api/v1/regimes/" + std::to_string(id);
  EXPECT_EQ(c.json()["status"], "draft");
  EXPECT_EQ(c.json()["version"], 1);

  // a clerk cannot write
  EXPECT_EQ(clerk.post("/api/v1/regimes", draftRegime("X1")).status, 403);

  // edit with the current version; a stale version is a conflict
  auto body = draftRegime("NS-NHANH");
  body["name"] = "Báo cáo nhanh tình hình thu ngân sách";
  auto e = put(admin, base, {{"version", 1}, {"regime", body}});
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_EQ(e.json()["version"], 2);
  EXPECT_EQ(e.json()["version_no"], 1);  // the draft is edited in place
  EXPECT_EQ(put(admin, base, {{"version", 1}, {"regime", body}}).status, 409);

  // publishing needs every Art. 7 component
  auto incomplete = body;
  incomplete["content"] = "";
  ASSERT_EQ(put(admin, base, {{"version", 2}, {"regime", incomplete}}).status, 200);
  auto p = admin.post(base + "/publish", {{"version", 3}});
  EXPECT_EQ(p.status, 422) << p.body;
  EXPECT_EQ(p.json()["errors"][0]["field"], "content");
  ASSERT_EQ(put(admin, base, {{"version", 3}, {"regime", body}}).status, 200);
  p = admin.post(base + "/publish", {{"version", 4}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json()["status"], "published");
  EXPECT_EQ(p.json()["published_version"], 1);

  // editing the published regime starts version 2 as a draft; version 1 stays in force
  body["content"] = "Số thu ngân sách và dự báo";
  e = put(admin, base, {{"version", 5}, {"regime", body}});
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_EQ(e.json()["version_no"], 2);
  EXPECT_EQ(e.json()["status"], "published");
  auto v1 = admin.get(base + "?version=1");
  EXPECT_EQ(v1.json()["regime"]["content"], "Số thu ngân sách trong kỳ");
  p = admin.post(base + "/publish", {{"version", 6}});
  ASSERT_EQ(p.status, 200) << p.body;
  auto versions = admin.get(base + "/versions").json()["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["status"], "superseded");
  EXPECT_EQ(versions[1]["status"], "published");
  // nothing left to publish
  EXPECT_EQ(admin.post(base + "/publish", {{"version", 7}}).status, 409);

  auto r = admin.post(base + "/retire", {{"version", 7}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "retired");
  EXPECT_EQ(admin.post(base + "/retire", {{"version", 8}}).status, 409);

  auto audit = admin.get("/api/v1/audit?action=regime.&entity_id=" + std::to_string(id) + "&limit=50");
  std::vector<std::string> actions;
  auto audit_json = audit.json();
  for (const auto& it : audit_json["items"]) actions.push_back(it["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"regime.retire", "regime.publish", "regime.update",
                                               "regime.publish", "regime.update", "regime.update",
                                               "regime.update", "regime.create"}));
}

TEST_F(RegimeApi, FormDesignSavedAndReloadedIsIdentical) {
  auto c = admin.post("/api/v1/regimes", draftRegime("NS-FORM"));
  ASSERT_EQ(c.status, 201) << c.body;
  std::string id = std::to_string(c.json()["id"].get<int64_t>());
  auto saved = put(admin, "/api/v1/forms/" + id + "/B01", {{"version", 1}, {"form", budgetForm()}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto reloaded = clerk.get("/api/v1/forms/" + id + "/B01");
  ASSERT_EQ(reloaded.status, 200);
  EXPECT_EQ(reloaded.json()["form"].dump(), saved.json()["form"].dump());
  // saving what was loaded changes nothing
  auto again = put(admin, "/api/v1/forms/" + id + "/B01",
                   {{"version", saved.json()["version"]}, {"form", reloaded.json()["form"]}});
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["form"].dump(), reloaded.json()["form"].dump());
  // bad designs are refused with the field named
  auto bad = budgetForm();
  bad["columns"][3]["formula"] = "[LK] / [XX]";
  auto b = put(admin, "/api/v1/forms/" + id + "/B01", {{"version", again.json()["version"]}, {"form", bad}});
  EXPECT_EQ(b.status, 422);
  EXPECT_EQ(b.json()["errors"][0]["field"], "columns[3].formula");
  EXPECT_EQ(clerk.get("/api/v1/forms/" + id + "/B99").status, 404);
  // a stale version is a conflict
  EXPECT_EQ(put(admin, "/api/v1/forms/" + id + "/B01", {{"version", 1}, {"form", budgetForm()}}).status, 409);

  // the XLSX template
  auto x = clerk.get("/api/v1/forms/" + id + "/B01/template.xlsx?period=2026Q1");
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  EXPECT_NE(x.header("content-disposition").find("bieu-NS-FORM-B01.xlsx"), std::string::npos);
}

TEST_F(RegimeApi, SharedIndicatorsAreWarnedNamingTheServingAgency) {
  // another family asks HCM_THU_NS of Sở Khoa học và Công nghệ, which the socio-economic report
  // (every department) asks too: publishing works, with a 002 Đ10.4 warning
  auto body = draftRegime("NS-TRUNG");
  body["family"] = "NS-KHAC";
  body["reporting"] = {{"codes", {"79.SKHCN"}}};
  body["forms"] = json::array({budgetForm()});
  auto c = admin.post("/api/v1/regimes", body);
  ASSERT_EQ(c.status, 201) << c.body;
  std::string base = "/api/v1/regimes/" + std::to_string(c.json()["id"].get<int64_t>());
  auto check = clerk.get(base + "/conflicts").json();
  EXPECT_TRUE(check["errors"].empty());
  ASSERT_EQ(check["warnings"].size(), 1u);
  auto p = admin.post(base + "/publish", {{"version", 1}});
  ASSERT_EQ(p.status, 200) << p.body;
  auto w = p.json()["warnings"];
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0]["code"], "shared_indicator");
  EXPECT_EQ(w[0]["indicator"], "HCM_THU_NS");
  EXPECT_EQ(w[0]["other_regime"], "HCM-KTXH");
  EXPECT_EQ(w[0]["units"], json::array({"79.SKHCN"}));
  // the catalog names no responsible agency for it: the receiving unit's data serves both
  EXPECT_EQ(w[0]["serving_agency"], "79");
  EXPECT_NE(w[0]["message"].get<std::string>().find("Điều 10 khoản 4"), std::string::npos);
}

TEST_F(RegimeApi, PublicCatalogNeedsNoLogin) {
  auto r = anonymous.get("/api/v1/public/catalog");
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  ASSERT_EQ(items.size(), 2u);  // periodic only: the statistical regime is outside Decree 09
  bool found = false;
  for (const auto& it : items)
    if (it["code"] == "HCM-KTXH") {
      found = true;
      EXPECT_EQ(it["receiving"], "Sở Tài chính");
      EXPECT_EQ(it["frequency"], "Hằng tháng; quý, 6 tháng, 9 tháng, năm");
      EXPECT_GT(it["reporting_count"].get<int>(), 100);
    }
  EXPECT_TRUE(found);
  auto x = anonymous.get("/api/v1/public/catalog.xlsx");
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  auto pdf = anonymous.get("/api/v1/public/catalog.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.content_type, "application/pdf");
  // everything else about regimes needs a login
  EXPECT_EQ(anonymous.get("/api/v1/regimes").status, 401);
}

TEST_F(RegimeApi, BadBodiesAreNamed) {
  auto body = draftRegime("BAD");
  body["schedule"]["frequency"] = "fortnightly";
  auto r = admin.post("/api/v1/regimes", body);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "schedule.frequency");
  body = draftRegime("BAD");
  body["colour"] = "red";
  r = admin.post("/api/v1/regimes", body);
  EXPECT_EQ(r.status, 400);
  body = draftRegime("BAD");
  body["receiving"] = "NOPE";
  r = admin.post("/api/v1/regimes", body);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "receiving");
  EXPECT_EQ(admin.post("/api/v1/regimes", draftRegime("HCM-KTXH")).status, 409);
}

}  // namespace
}  // namespace baocao::testing
