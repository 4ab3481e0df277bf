// The indicator API over real sockets on the demo city: the seeded catalog (QĐ 05/2023 and the
// city's key indicators), accent-free search, create/update with 409 on a stale version,
// CSV/XLSX export → import round trip and an import error naming the row, versioned sets,
// the register → assign flow with scope checks, history and achievement.
#include <gtest/gtest.h>

#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

class IndicatorApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { srv_ = new TestServer(true); }
  static void TearDownTestSuite() {
    delete srv_;
    srv_ = nullptr;
  }
  Client as(const std::string& user) {
    Client c(srv_->port());
    auto r = c.login(user);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }
  static TestServer* srv_;
};
TestServer* IndicatorApi::srv_ = nullptr;

TEST_F(IndicatorApi, TheDemoCatalogHoldsRealIndicatorsFoundWithoutAccents) {
  auto c = as("lanhdao");
  auto r = c.get("/api/v1/indicators?q=ty%20le%20ngheo");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  ASSERT_GE(j["total"].get<int>(), 2);
  EXPECT_EQ(j["items"][0]["code"], "HCM_HO_NGHEO_QG");
  EXPECT_EQ(j["items"][0]["direction"], "lower");
  auto qd = c.get("/api/v1/indicators?q=so%20cuoc%20ket%20hon");
  auto names = qd.json()["items"];
  ASSERT_EQ(names.size(), 1u) << qd.body;
  EXPECT_EQ(names[0]["name"], "Số cuộc kết hôn");
  EXPECT_EQ(names[0]["legal_basis"], "Quyết định 05/2023/QĐ-TTg ngày 24/02/2023, Phụ lục I");
  EXPECT_EQ(c.get("/api/v1/indicators?limit=1").json()["total"], 37);
}

TEST_F(IndicatorApi, CreateUpdateAndStaleVersionConflict) {
  auto admin = as("quantri");
  int64_t stc = unitId(*srv_, "79.STC");
  auto created = admin.post("/api/v1/indicators",
                            {{"code", "TEST_THU_NOI_DIA"},
                             {"name", "Thu nội địa"},
                             {"unit_of_measure", "tỷ đồng"},
                             {"value_type", "number"},
                             {"agency_id", stc},
                             {"direction", "higher"},
                             {"unit_aggregation", "sum"},
                             {"time_aggregation", "sum"},
                             {"breakdowns", json::array({{{"code", "khu_vuc"},
                                                          {"name", "Khu vực"},
                                                          {"parts", json::array({{{"code", "a"}, {"name", "A"}},
                                                                                 {{"code", "b"}, {"name", "B"}}})}}})}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto j = created.json();
  EXPECT_EQ(j["agency_code"], "79.STC");
  EXPECT_EQ(j["breakdowns"][0]["parts"].size(), 2u);
  std::string path = "/api/v1/indicators/" + std::to_string(j["id"].get<int64_t>());
  auto upd = admin.patch(path, {{"version", 1}, {"name", "Thu nội địa (trừ dầu thô)"}});
  ASSERT_EQ(upd.status, 200) << upd.body;
  EXPECT_EQ(upd.json()["version"], 2);
  auto stale = admin.patch(path, {{"version", 1}, {"name", "khác"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["current"]["name"], "Thu nội địa (trừ dầu thô)");
  // A rate summed across units is refused, naming the field.
  auto bad = admin.post("/api/v1/indicators", {{"code", "TEST_TL"}, {"name", "Tỷ lệ"},
                                               {"value_type", "percent"}, {"unit_aggregation", "sum"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "unit_aggregation");
  // Sở Y tế's administrator may not edit Sở Tài chính's indicator; a viewer may not create.
  auto viewer = as("lanhdao");
  EXPECT_EQ(viewer.post("/api/v1/indicators", {{"code", "TEST_X"}, {"name", "X"}}).status, 403);
  auto qt_stc = as("qt.stc");
  EXPECT_EQ(qt_stc.patch(path, {{"version", 2}, {"note", "đã rà soát"}}).status, 200);
}

TEST_F(IndicatorApi, ExportThenImportChangesNothingAndABadRowIsNamed) {
  auto admin = as("quantri");
  for (const char* fmt : {"csv", "xlsx"}) {
    auto file = admin.get(std::string("/api/v1/indicators/export?format=") + fmt + "&q=HCM_");
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_NE(file.header("Content-Disposition").find(std::string("danh-muc-chi-tieu.") + fmt), std::string::npos);
    auto back = admin.request("POST", std::string("/api/v1/indicators/import?format=") + fmt, file.body,
                              std::string(fmt) == "csv" ? "text/csv" : "application/octet-stream");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.json()["created"], 0);
    EXPECT_EQ(back.json()["updated"], 0);
    EXPECT_EQ(back.json()["unchanged"], 20);
  }
  std::string csv =
      "ma,ten,kieu_gia_tri,chieu\r\n"
      "TEST_OK,Chỉ tiêu tốt,number,higher\r\n"
      "TEST_BAD,Chỉ tiêu lỗi,so,higher\r\n";
  auto r = admin.request("POST", "/api/v1/indicators/import?format=csv", csv, "text/csv");
  ASSERT_EQ(r.status, 422) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["errors"][0]["field"], "dòng 3");
  EXPECT_NE(j["errors"][0]["message"].get<std::string>().find("kieu_gia_tri"), std::string::npos);
  EXPECT_EQ(admin.get("/api/v1/indicators?q=TEST_OK").json()["total"], 0) << "nothing imported";
}

TEST_F(IndicatorApi, SetsAreVersionedAndOldVersionsStayAsPublished) {
  auto c = as("lanhdao");
  auto sets = c.get("/api/v1/indicator-sets?plan_period=2026");
  ASSERT_EQ(sets.status, 200) << sets.body;
  int64_t hcm_id = 0;
  const json set_list = sets.json();  // (a range-for over a temporary's member would dangle)
  for (const auto& s : set_list["items"]) {
    if (s["code"] == "HCM-KTXH-2026") hcm_id = s["id"];
    if (s["code"] == "QD05-XA-2026") {
      EXPECT_EQ(s["level"], "commune");
      EXPECT_EQ(s["latest_version"], 0);
    }
  }
  ASSERT_GT(hcm_id, 0);
  std::string base = "/api/v1/indicator-sets/" + std::to_string(hcm_id);
  auto v1 = c.get(base + "/versions/latest");
  ASSERT_EQ(v1.status, 200) << v1.body;
  EXPECT_EQ(v1.json()["members"].size(), 20u);
  EXPECT_EQ(v1.json()["members"][0]["group"], "I. Kinh tế");

  auto admin = as("quantri");
  EXPECT_EQ(c.post(base + "/versions", {{"expected_latest", 1}, {"members", json::array({{{"code", "HCM_FDI"}}})}}).status,
            403);
  auto v2 = admin.post(base + "/versions", {{"expected_latest", 1},
                                            {"note", "rút gọn"},
                                            {"members", json::array({{{"code", "HCM_GRDP_TT"}, {"group", "Kinh tế"}}})}});
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(v2.json()["number"], 2);
  auto again = admin.post(base + "/versions", {{"expected_latest", 1}, {"members", json::array({{{"code", "HCM_FDI"}}})}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(c.get(base + "/versions/1").json()["members"].size(), 20u);
  EXPECT_EQ(c.get(base + "/versions/latest").json()["members"].size(), 1u);
  auto detail = c.get(base).json();
  EXPECT_EQ(detail["latest_version"], 2);
  EXPECT_EQ(detail["versions"].size(), 2u);
}

TEST_F(IndicatorApi, TheCitys2026TargetsAreAssignedAndAchievementIsDirectionAware) {
  auto c = as("lanhdao");
  int64_t city = unitId(*srv_, "79");
  auto t = c.get("/api/v1/targets?plan_period=2026&unit_id=" + std::to_string(city) + "&status=assigned");
  ASSERT_EQ(t.status, 200) << t.body;
  json grdp;
  const json targets = t.json();
  for (const auto& x : targets["items"])
    if (x["indicator_code"] == "HCM_GRDP_TT") grdp = x;
  ASSERT_FALSE(grdp.is_null()) << t.body;
  EXPECT_EQ(grdp["assigned_value"], 10);
  auto hist = c.get("/api/v1/targets/" + std::to_string(grdp["id"].get<int64_t>()) + "/history").json()["items"];
  ASSERT_EQ(hist.size(), 2u);
  EXPECT_EQ(hist[0]["kind"], "register");
  EXPECT_EQ(hist[1]["kind"], "assign");
  EXPECT_EQ(hist[1]["actor_name"], "th.vp");

  // What-if: 8.03 % against the 10 % target → 80.3 %, not met.
  auto a = c.get("/api/v1/targets/achievement?plan_period=2026&unit_id=" + std::to_string(city) +
                 "&indicator_id=" + std::to_string(grdp["indicator_id"].get<int64_t>()) + "&actual=8.03");
  ASSERT_EQ(a.status, 200) << a.body;
  auto row = a.json()["items"][0];
  EXPECT_DOUBLE_EQ(row["achievement"]["percent"].get<double>(), 80.3);
  EXPECT_FALSE(row["achievement"]["met"].get<bool>());
  // The 2025 unemployment target "under 4 %" (lower is better) against 3.5 → met.
  auto un = c.get("/api/v1/indicators?q=HCM_THAT_NGHIEP").json()["items"][0];
  auto b = c.get("/api/v1/targets/achievement?plan_period=2025&unit_id=" + std::to_string(city) +
                 "&indicator_id=" + std::to_string(un["id"].get<int64_t>()) + "&actual=3.5");
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_DOUBLE_EQ(b.json()["items"][0]["achievement"]["percent"].get<double>(), 114.29);
  EXPECT_TRUE(b.json()["items"][0]["achievement"]["met"].get<bool>());
}

TEST_F(IndicatorApi, SoTaiChinhRegistersTheCityAssignsAndScopesAreChecked) {
  int64_t stc = unitId(*srv_, "79.STC");
  int64_t syt = unitId(*srv_, "79.SYT");
  auto ld_stc = as("ld.stc");  // approver of Sở Tài chính
  json reg = {{"plan_period", "2026"}, {"unit_id", stc}, {"indicator_code", "HCM_DN_MOI"},
              {"value", 60000}, {"comment", "đăng ký"}};
  auto r = ld_stc.post("/api/v1/targets/register", reg);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "registered");
  EXPECT_EQ(r.json()["owner_unit_name"], "Thành phố Hồ Chí Minh");
  // Not for another agency, and the approver of Sở Tài chính does not assign for the city.
  json other = reg;
  other["unit_id"] = syt;
  EXPECT_EQ(ld_stc.post("/api/v1/targets/register", other).status, 403);
  EXPECT_EQ(ld_stc.post("/api/v1/targets/assign", reg).status, 403);
  auto th = as("th.vp");  // aggregator of the city
  json asg = reg;
  asg["value"] = 62000;
  asg["version"] = r.json()["version"];
  auto a = th.post("/api/v1/targets/assign", asg);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json()["registered_value"], 60000);
  EXPECT_EQ(a.json()["assigned_value"], 62000);
  EXPECT_EQ(th.post("/api/v1/targets/assign", asg).status, 409) << "stale version";
  EXPECT_EQ(ld_stc.post("/api/v1/targets/register", reg).status, 409) << "already assigned";
  auto detail = th.get("/api/v1/targets/" + std::to_string(a.json()["id"].get<int64_t>())).json();
  ASSERT_EQ(detail["history"].size(), 2u);
  EXPECT_EQ(detail["history"][1]["old_value"], nullptr);
  EXPECT_EQ(detail["history"][1]["new_value"], 62000);
  EXPECT_EQ(detail["history"][0]["actor_name"], "ld.stc");
  auto audit = as("quantri").get("/api/v1/audit?action=target.");
  ASSERT_EQ(audit.status, 200);
  EXPECT_GE(audit.json()["items"].size(), 2u);
  EXPECT_EQ(audit.json()["items"][0]["action"], "target.assign");
}

TEST_F(IndicatorApi, AFormulaThatClosesACycleIsRefusedNamingTheCycle) {
  auto admin = as("quantri");
  auto a = admin.post("/api/v1/indicators", {{"code", "TEST_CY_A"}, {"name", "Chỉ tiêu tính A"},
                                             {"formula", "[HCM_DS] * 2"}});
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = admin.post("/api/v1/indicators", {{"code", "TEST_CY_B"}, {"name", "Chỉ tiêu tính B"},
                                             {"formula", "[TEST_CY_A] + 1"}});
  ASSERT_EQ(b.status, 201) << b.body;
  std::string path = "/api/v1/indicators/" + std::to_string(a.json()["id"].get<int64_t>());
  auto r = admin.patch(path, {{"version", 1}, {"formula", "[TEST_CY_B] - 1"}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"], "Công thức tạo vòng lặp: TEST_CY_A → TEST_CY_B → TEST_CY_A");
  EXPECT_EQ(r.json()["errors"][0]["field"], "formula");
  EXPECT_EQ(admin.get(path).json()["formula"], "[HCM_DS] * 2") << "nothing changed";
  EXPECT_EQ(admin.get(path).json()["version"], 1);
  // A new indicator that reads itself for the same period.
  auto self = admin.post("/api/v1/indicators", {{"code", "TEST_CY_C"}, {"name", "Chỉ tiêu tính C"},
                                                {"formula", "[TEST_CY_C] + [TEST_CY_B]"}});
  ASSERT_EQ(self.status, 422) << self.body;
  EXPECT_EQ(self.json()["detail"], "Công thức tạo vòng lặp: TEST_CY_C → TEST_CY_C");
  // An import that replaces A's formula: the row is named, nothing is imported.
  std::string csv =
      "ma,ten,cong_thuc\r\n"
      "TEST_CY_D,Chỉ tiêu tính D,[HCM_DS] + 1\r\n"
      "TEST_CY_A,Chỉ tiêu tính A,[TEST_CY_B] / 2\r\n";
  auto imp = admin.request("POST", "/api/v1/indicators/import?format=csv", csv, "text/csv");
  ASSERT_EQ(imp.status, 422) << imp.body;
  auto j = imp.json();
  ASSERT_EQ(j["errors"].size(), 1u) << imp.body;
  EXPECT_EQ(j["errors"][0]["field"], "dòng 3");
  EXPECT_EQ(j["errors"][0]["message"], "Công thức tạo vòng lặp: TEST_CY_A → TEST_CY_B → TEST_CY_A");
  EXPECT_EQ(admin.get("/api/v1/indicators?q=TEST_CY_D").json()["total"], 0) << "nothing imported";
}

TEST_F(IndicatorApi, TheCatalogIsFilteredByTheLevelOrTheSetAndListsItsSectors) {
  auto c = as("lanhdao");
  const json sets = c.get("/api/v1/indicator-sets").json();
  int64_t qd05 = 0;
  for (const auto& s : sets["items"])
    if (s["code"] == "QD05-TINH-2026") qd05 = s["id"].get<int64_t>();
  ASSERT_NE(qd05, 0);
  // The 17 provincial rows of QĐ 05/2023 in one set, paged after filtering.
  auto in_set = c.get("/api/v1/indicators?limit=5&set_id=" + std::to_string(qd05));
  ASSERT_EQ(in_set.status, 200) << in_set.body;
  EXPECT_EQ(in_set.json()["total"], 17);
  EXPECT_EQ(in_set.json()["items"].size(), 5u);
  EXPECT_EQ(in_set.json()["items"][0]["code"], "QD05T-001");
  EXPECT_EQ(c.get("/api/v1/indicators?limit=5&offset=15&set_id=" + std::to_string(qd05)).json()["items"].size(), 2u);
  // Text and level together: "ty suat" (each word, any order) among the province sets; none at
  // commune level (its set has no published version).
  auto prov = c.get("/api/v1/indicators?level=province&q=ty%20suat").json();
  std::vector<std::string> codes;
  for (const auto& i : prov["items"]) codes.push_back(i["code"].get<std::string>());
  EXPECT_EQ(codes, (std::vector<std::string>{"QD05T-005", "QD05T-006", "QD05T-007", "QD05T-009"})) << prov.dump();
  EXPECT_EQ(c.get("/api/v1/indicators?level=commune").json()["total"], 0);
  EXPECT_EQ(c.get("/api/v1/indicators?level=tinh").status, 422);
  EXPECT_EQ(c.get("/api/v1/indicators?set_id=999999").status, 404);
  auto sectors = c.get("/api/v1/indicators/sectors");
  ASSERT_EQ(sectors.status, 200) << sectors.body;
  std::map<std::string, int64_t> by;
  const json sector_list = sectors.json();  // (a range-for over a temporary's member would dangle)
  for (const auto& s : sector_list["items"]) by[s["sector"].get<std::string>()] = s["count"].get<int64_t>();
  EXPECT_EQ(by["Kinh tế"], 16) << sectors.body;
  EXPECT_EQ(by["Xã hội"], 4) << sectors.body;
  EXPECT_EQ(by["Đất đai, dân số"], 17) << sectors.body;
}

}  // namespace
}  // namespace baocao::testing
