// Report as XLSX and consolidation over real HTTP (issue 5 points 3 and 7), on the demo city
// with a fixed clock (10/03/2026). Sở Tài chính receives the socio-economic report (HCM-KTXH)
// of the departments and communes and sends its own report up to the city (two levels):
//  - cv.stc downloads Sở Tài chính's own report as a pre-filled workbook and uploads it back:
//    only the cells changed in Excel are saved, against the revision of the download; a file
//    with bad cells is refused as a whole with every cell named in Vietnamese and nothing
//    changes; a cell someone else changed meanwhile is a 409;
//  - th.vp (aggregator of the city) sees the aggregates of the accepted reports of the units
//    reporting to Sở Tài chính, with completeness and drill-down; cv.stc pulls them into the
//    Sở's own report; an officer outside the scope is refused.
#include <gtest/gtest.h>

#include "app/regime_json.h"
#include "exchange/report_xlsx.h"
#include "support/fake_clock.h"
#include "support/xlsx_edit.h"
#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;
using namespace xlsx;
namespace ports = core::ports;
namespace wf = core::workflow;

std::string enc(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '/' ? std::string("%2F") : std::string(1, c);
  return out;
}

class ReportXlsxApi : public ::testing::Test {
 protected:
  // 10/03/2026 09:00 in Vietnam
  FakeClock clock_{core::Timestamp::fromSeconds(1773108000)};
  TestServer srv_{true, &clock_};
  int64_t stc_ = 0;
  std::string own_;                  // Sở Tài chính's own report
  std::vector<ports::StoredObligation> children_;  // reports sent to Sở Tài chính, same period

  void SetUp() override {
    Client admin(srv_.port());
    ASSERT_EQ(admin.login("quantri").status, 200);
    ASSERT_EQ(admin.post("/api/v1/obligations/generate", json::object()).status, 200);
    stc_ = unitId(srv_, "79.STC");
    auto tx = srv_.runtime().store().begin(ports::TxMode::Read).value();
    ports::ObligationQuery mine;
    mine.unit_ids = std::vector<int64_t>{stc_};
    mine.regime_code = "HCM-KTXH";
    std::string seen;  // for the failure message
    auto owned = tx->obligations().find(mine).value();  // (not in the for: it would dangle)
    for (const auto& o : owned) {
      ports::ObligationQuery kids;
      kids.receiving_unit_ids = std::vector<int64_t>{stc_};
      kids.regime_code = "HCM-KTXH";
      kids.period_id = o.obligation.period ? o.obligation.period->id() : "";
      auto found = tx->obligations().find(kids).value();
      seen += o.obligation.key + " " + o.obligation.deadline.iso() + " " +
              std::to_string(found.size()) + "; ";
      if (!o.obligation.period || o.obligation.deadline < core::Date::fromYmd(2026, 3, 10)) continue;
      if (found.size() < 3) continue;
      own_ = o.obligation.key;
      children_ = found;
      break;
    }
    ASSERT_FALSE(own_.empty()) << "no HCM-KTXH report of Sở Tài chính with units reporting to "
                                  "it: " << seen;
  }

  // The receiver accepted `o` with these B01 values (stored directly: the workflow that gets a
  // report there is tested elsewhere).
  void accept(const ports::StoredObligation& o, const std::map<std::string, std::string>& b01) {
    auto tx = srv_.runtime().store().begin(ports::TxMode::Write).value();
    ports::StoredVersion v;
    v.version.number = 1;
    v.version.content_hash = std::string(64, 'a');
    v.version.created_at = clock_.now();
    v.content.obligation_key = o.obligation.key;
    v.content.regime_code = "HCM-KTXH";
    v.content.period_id = o.obligation.period->id();
    v.content.unit_id = o.obligation.unit_id;
    for (const auto& [cell, value] : b01) v.content.values["B01/" + cell] = value;
    ASSERT_TRUE(tx->reports().addVersion(o.obligation.key, v));
    ASSERT_TRUE(tx->obligations().setState(o.obligation.key, wf::State::Accepted, o.version));
    ASSERT_TRUE(tx->commit());
  }

  // The regime's forms and the workbook identity of Sở Tài chính's report, as the server has them.
  std::pair<std::vector<core::form::Form>, exchange::ReportXlsxInfo> workbookOf(int64_t revision) {
    auto tx = srv_.runtime().store().begin(ports::TxMode::Read).value();
    auto head = tx->regimes().getByCode("HCM-KTXH").value();
    auto body = tx->regimes().getVersion(head.id, head.published_version.value()).value().body;
    auto regime = app::regime_json::parseBody(body).value();
    exchange::ReportXlsxInfo info;
    info.obligation_key = own_;
    info.revision = revision;
    info.sections = regime.outline;
    for (const auto& f : regime.forms)
      for (auto s : f.sections) {
        s.code = f.code + "/" + s.code;
        info.sections.push_back(s);
      }
    return {regime.forms, info};
  }

  HttpResult upload(Client& c, const std::string& bytes, const std::string& query = "") {
    return c.request("PUT", "/api/v1/reports/" + enc(own_) + "/xlsx" + query, bytes,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
};

TEST_F(ReportXlsxApi, DownloadEditInExcelUploadSavesOnlyTheChangedCells) {
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto saved = cv.patch("/api/v1/reports/" + enc(own_) + "/draft",
                        {{"base_revision", 0},
                         {"values", {{"B01/HCM_THU_NS.KH", "480000"}, {"B01/HCM_XK.TH", "4.25"}}},
                         {"narrative", {{"I", "Kinh tế tiếp tục phục hồi."}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(saved.json()["revision"], 1);

  auto d = cv.get("/api/v1/reports/" + enc(own_) + "/xlsx");
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(d.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(d.header("Content-Disposition").find(".xlsx"), std::string::npos);

  // uploading the file as downloaded changes nothing
  auto same = upload(cv, d.body);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json()["revision"], 1);

  // the officer types figures in Excel and saves
  const std::string sheet = "xl/worksheets/sheet1.xml", notes = "xl/worksheets/sheet2.xml";
  std::string xk = addressOf(d.body, "HCM_XK.TH"), nk = addressOf(d.body, "HCM_NK.TH"),
              ii = addressOf(d.body, "II");
  std::string file = setCell(d.body, sheet, xk, number(xk, "4.5"));
  file = setCell(file, sheet, nk, number(nk, "3.7500000000000004"));
  file = setCell(file, notes, ii, inlineText(ii, "Đề nghị Thành phố bổ sung vốn đầu tư công."));
  // another session saves another cell in between: no conflict, it is not among the changes
  Client tp(srv_.port());
  ASSERT_EQ(tp.login("cv.stc").status, 200);
  ASSERT_EQ(tp.patch("/api/v1/reports/" + enc(own_) + "/draft",
                     {{"base_revision", 1}, {"values", {{"B01/HCM_FDI.TH", "120.5"}}}})
                .status,
            200);
  auto up = upload(cv, file);
  ASSERT_EQ(up.status, 200) << up.body;
  auto j = up.json();
  EXPECT_EQ(j["cells"]["B01/HCM_XK.TH"]["value"], "4.5");
  EXPECT_EQ(j["cells"]["B01/HCM_NK.TH"]["value"], "3.75");
  EXPECT_EQ(j["cells"]["B01/HCM_FDI.TH"]["value"], "120.5");  // the other save survives
  EXPECT_EQ(j["cells"]["B01/HCM_XNK.TH"]["value"], "8.25");   // subtotal recomputed
  bool narrative = false;
  for (const auto& s : j["sections"])
    if (s["code"] == "II") narrative = s["value"] == "Đề nghị Thành phố bổ sung vốn đầu tư công.";
  EXPECT_TRUE(narrative) << j["sections"].dump();
}

TEST_F(ReportXlsxApi, ABadFileIsRefusedAsAWholeWithEveryCellNamed) {
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto d = cv.get("/api/v1/reports/" + enc(own_) + "/xlsx");
  ASSERT_EQ(d.status, 200);
  const std::string sheet = "xl/worksheets/sheet1.xml";
  std::string blhh_at = addressOf(d.body, "HCM_BLHH.TH"), xk_at = addressOf(d.body, "HCM_XK.TH"),
              thu_at = addressOf(d.body, "HCM_THU_NS.KH");
  std::string file = setCell(d.body, sheet, blhh_at, inlineText(blhh_at, "khoảng 50 nghìn"));
  file = setCell(file, sheet, xk_at, number(xk_at, "1.234"));
  file = setCell(file, sheet, thu_at, number(thu_at, "1000"));
  auto r = upload(cv, file);
  ASSERT_EQ(r.status, 422) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["code"], "E1008_INVALID_FILE");
  ASSERT_EQ(j["errors"].size(), 2u) << r.body;
  std::string blhh = j["errors"][0]["message"], xk = j["errors"][1]["message"];
  EXPECT_EQ(j["errors"][0]["field"], "B01/HCM_BLHH.TH");
  EXPECT_EQ(blhh, "Biểu B01, ô " + blhh_at + " (HCM_BLHH.TH): 'khoảng 50 nghìn' không phải là số");
  EXPECT_EQ(xk, "Biểu B01, ô " + xk_at + " (HCM_XK.TH): '1,234' có 3 chữ số sau dấu phẩy, ô này "
                "chỉ cho phép 2");
  // nothing was saved, not even the good cell
  auto report = cv.get("/api/v1/reports/" + enc(own_)).json();
  EXPECT_EQ(report["revision"], 0);
  EXPECT_TRUE(report["cells"]["B01/HCM_THU_NS.KH"]["value"].is_null());
  // a file of another report
  auto other = workbookOf(0);
  other.second.obligation_key = children_.front().obligation.key;
  auto foreign = exchange::reportXlsx(other.first, other.second, {}, {}).value();
  auto f = upload(cv, foreign);
  EXPECT_EQ(f.status, 422);
  EXPECT_NE(f.json()["detail"].get<std::string>().find("Tệp này là của báo cáo"), std::string::npos);
}

TEST_F(ReportXlsxApi, TheSameCellChangedMeanwhileIsAConflictAndNothingIsSaved) {
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto d = cv.get("/api/v1/reports/" + enc(own_) + "/xlsx");
  ASSERT_EQ(d.status, 200);
  const std::string sheet = "xl/worksheets/sheet1.xml";
  std::string xk = addressOf(d.body, "HCM_XK.TH"), nk = addressOf(d.body, "HCM_NK.TH");
  std::string file = setCell(setCell(d.body, sheet, xk, number(xk, "5")), sheet, nk, number(nk, "1"));
  ASSERT_EQ(cv.patch("/api/v1/reports/" + enc(own_) + "/draft",
                     {{"base_revision", 0}, {"values", {{"B01/HCM_XK.TH", "7"}}}})
                .status,
            200);
  auto r = upload(cv, file);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["conflicts"][0]["cell"], "B01/HCM_XK.TH");
  auto report = cv.get("/api/v1/reports/" + enc(own_)).json();
  EXPECT_EQ(report["cells"]["B01/HCM_XK.TH"]["value"], "7");
  EXPECT_TRUE(report["cells"]["B01/HCM_NK.TH"]["value"].is_null());
}

TEST_F(ReportXlsxApi, ReceiverSeesAggregatesCompletenessAndDrillDownThenPullsThem) {
  accept(children_[0], {{"HCM_THU_NS.TH", "1000"}, {"HCM_XK.TH", "1.25"}, {"HCM_XK.CK", "1"}});
  accept(children_[1], {{"HCM_THU_NS.TH", "2500"}, {"HCM_XK.TH", "0.75"}, {"HCM_XK.CK", "1.5"}});
  const std::string period = children_[0].obligation.period->id();
  const std::string q = "/api/v1/consolidation?unit=" + std::to_string(stc_) +
                        "&regime=HCM-KTXH&period=" + period;
  Client th(srv_.port());
  ASSERT_EQ(th.login("th.vp").status, 200);
  auto r = th.get(q);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  const int n = static_cast<int>(children_.size());
  EXPECT_EQ(j["completeness"], "2/" + std::to_string(n) + " đơn vị");
  EXPECT_EQ(j["units"].size(), 2u);
  EXPECT_EQ(j["missing"].size(), static_cast<size_t>(n - 2));
  json thu, xk, ss;
  for (const auto& c : j["forms"][0]["cells"]) {
    if (c["cell"] == "B01/HCM_THU_NS.TH") thu = c;
    if (c["cell"] == "B01/HCM_XK.TH") xk = c;
    if (c["cell"] == "B01/HCM_XK.SSCK") ss = c;
  }
  EXPECT_EQ(thu["value"], "3500");
  EXPECT_EQ(thu["method"], "sum");
  EXPECT_EQ(thu["reported"], 2);
  EXPECT_EQ(xk["value"], "2");
  ASSERT_EQ(xk["units"].size(), 2u);
  EXPECT_EQ(ss["method"], "computed");
  EXPECT_TRUE(ss["value"].is_null());  // LK is blank: no rate
  EXPECT_EQ(j["own_report"]["key"], own_);
  EXPECT_EQ(j["can_pull"], true) << j["pull_blocked"].dump();

  // the Sở's officer prepares the Sở's report upward: sees the same figures and pulls them in
  Client cv(srv_.port());
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  EXPECT_EQ(cv.get(q).status, 200);
  auto p = cv.post("/api/v1/reports/" + enc(own_) + "/pull-consolidation", {{"base_revision", 0}});
  ASSERT_EQ(p.status, 200) << p.body;
  auto mine = p.json();
  EXPECT_EQ(mine["revision"], 1);
  EXPECT_EQ(mine["cells"]["B01/HCM_THU_NS.TH"]["value"], "3500");
  EXPECT_EQ(mine["cells"]["B01/HCM_XK.TH"]["value"], "2");
  EXPECT_EQ(mine["cells"]["B01/HCM_XK.CK"]["value"], "2.5");
  EXPECT_EQ(mine["cells"]["B01/HCM_XNK.TH"]["value"], "2");  // its own subtotal follows
  // a stale base revision is a conflict once the cells changed
  auto stale = cv.patch("/api/v1/reports/" + enc(own_) + "/draft",
                        {{"base_revision", 1}, {"values", {{"B01/HCM_THU_NS.TH", "3600"}}}});
  ASSERT_EQ(stale.status, 200);
  EXPECT_EQ(cv.post("/api/v1/reports/" + enc(own_) + "/pull-consolidation", {{"base_revision", 1}}).status,
            409);

  // outside the scope: cv.stc has no role on the city, which receives the Sở's report
  auto city = cv.get("/api/v1/consolidation?unit=" + std::to_string(unitId(srv_, "79")) +
                     "&regime=HCM-KTXH&period=" + period);
  EXPECT_EQ(city.status, 403) << city.body;
}

TEST_F(ReportXlsxApi, PullingAfterTheDeadlineIsRefused) {
  core::Date deadline;
  {
    auto tx = srv_.runtime().store().begin(ports::TxMode::Read).value();
    deadline = tx->obligations().get(own_).value().obligation.deadline;
  }
  clock_.advanceSeconds(86400LL * ((deadline - core::Date::fromYmd(2026, 3, 10)) + 1));
  Client cv(srv_.port());  // (a session does not outlive the days the clock skipped)
  ASSERT_EQ(cv.login("cv.stc").status, 200);
  auto p = cv.post("/api/v1/reports/" + enc(own_) + "/pull-consolidation", {{"base_revision", 0}});
  EXPECT_EQ(p.status, 409) << p.body;
  EXPECT_EQ(p.json()["detail"], "Đã quá hạn gửi báo cáo (" + deadline.vietnamese() +
                                    "): không lấy số liệu tổng hợp vào báo cáo được nữa");
}

TEST_F(ReportXlsxApi, ConsolidationNeedsAUnitRegimeAndPeriod) {
  Client th(srv_.port());
  ASSERT_EQ(th.login("th.vp").status, 200);
  EXPECT_EQ(th.get("/api/v1/consolidation?regime=HCM-KTXH&period=202602").status, 422);
  auto none = th.get("/api/v1/consolidation?unit=" + std::to_string(stc_) + "&regime=HCM-KTXH&period=190001");
  EXPECT_EQ(none.status, 404) << none.body;
}

}  // namespace
}  // namespace baocao::testing
