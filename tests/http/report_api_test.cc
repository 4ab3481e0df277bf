// Reports over real HTTP (issue 5 points 3–6) on the demo city with a fixed clock (10/03/2026):
// Sở Tài chính's own socio-economic report goes from entry (cv.stc, officer) through the check
// (tp.stc, division head), signature and approval (ld.stc, leader) to the receiver (th.vp,
// Văn phòng UBND), is returned, corrected, sent again, recalled, sent and accepted; two officers
// saving the same cell from the same revision get exactly one 200 and one 409 that shows the
// other's value; forbidden actions per role and out of scope; precise errors on bad input with
// nothing changed; signatures verify inside and with the openssl command line, any changed byte
// fails, and a signature made outside with `openssl cms -sign` verifies inside.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <thread>

#include "app/signing/canonical.h"
#include "support/fake_clock.h"
#include "test_server.h"

namespace baocao::testing {
namespace {

using nlohmann::json;

std::string enc(const std::string& key) {
  std::string out;
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string base64(const std::string& in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += t[(n >> k) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += t[(n >> 18) & 63];
    out += t[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += t[(n >> 18) & 63];
    out += t[(n >> 12) & 63];
    out += t[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string readAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void writeAll(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

/// The files of a stored (uncompressed) ZIP archive, as app/signing/package.h writes them.
std::map<std::string, std::string> unzipStored(const std::string& z) {
  std::map<std::string, std::string> out;
  size_t p = 0;
  auto u16 = [&](size_t at) { return uint32_t(uint8_t(z[at])) | uint32_t(uint8_t(z[at + 1])) << 8; };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  while (p + 30 <= z.size() && u32(p) == 0x04034b50) {
    uint32_t size = u32(p + 18), nlen = u16(p + 26), elen = u16(p + 28);
    std::string name = z.substr(p + 30, nlen);
    out[name] = z.substr(p + 30 + nlen + elen, size);
    p += 30 + nlen + elen + size;
  }
  return out;
}

/// A data-entry officer created as the demo accounts are (ready to use).
int64_t addOfficer(TestServer& srv, const std::string& username, const std::string& full_name,
                   const std::string& unit_code) {
  auto& rt = srv.runtime();
  const int64_t unit = unitId(srv, unit_code);
  core::security::User u;
  u.username = username;
  u.full_name = full_name;
  u.unit_id = unit;
  u.email = username + "@tphcm.gov.vn";
  auto created = rt.users().create(nullptr, u, server::kDemoPassword);
  if (!created) throw std::runtime_error(created.error().message);
  auto g = rt.users().addGrant(nullptr, core::security::Grant{0, created->id, core::security::Role::DataEntry, unit, false});
  if (!g) throw std::runtime_error(g.error().message);
  auto tx = rt.store().begin(core::ports::TxMode::Write).value();
  auto fresh = tx->users().get(created->id).value();
  fresh.must_change_password = false;
  (void)tx->users().update(fresh);
  (void)tx->commit();
  return created->id;
}

class ReportApi : public ::testing::Test {
 protected:
  // 10/03/2026 09:00 in Vietnam
  FakeClock clock_{core::Timestamp::fromSeconds(1773108000)};
  TestServer srv_{true, &clock_};
  std::filesystem::path ca_;
  std::string key_;

  void SetUp() override {
    ca_ = srv_.enableSigning();
    Client admin(srv_.port());
    ASSERT_EQ(admin.login("quantri").status, 200);
    ASSERT_EQ(admin.post("/api/v1/obligations/generate", json::object()).status, 200);
    // Sở Tài chính's own socio-economic report (to UBND TP.), the monthly one when there is one
    Client cv(srv_.port());
    ASSERT_EQ(cv.login("cv.stc").status, 200);
    auto owed = cv.get("/api/v1/me/obligations").json();
    const std::string stc = "/u" + std::to_string(unitId(srv_, "79.STC"));
    for (const auto& it : owed["items"]) {
      std::string k = it["key"];
      if (k.rfind("HCM-KTXH/", 0) != 0 || k.size() < stc.size() ||
          k.compare(k.size() - stc.size(), stc.size(), stc) != 0)
        continue;
      // recall and correction need the amendment deadline ahead (002 Đ9.3)
      if (it["amendment_deadline"].get<std::string>() < "2026-03-20") continue;
      if (key_.empty() || it["period"]["type"] == "monthly") key_ = k;
    }
    ASSERT_FALSE(key_.empty()) << owed.dump();
    RecordProperty("report_key", key_);
  }

  std::string url(const std::string& suffix = "") { return "/api/v1/reports/" + enc(key_) + suffix; }

  Client login(const std::string& user) {
    Client c(srv_.port());
    EXPECT_EQ(c.login(user).status, 200) << user;
    return c;
  }

  HttpResult act(Client& c, const std::string& action, const json& body = json::object()) {
    return c.post(url("/actions/" + action), body);
  }

  /// A complete, valid entry: every input of B01 that the rules read, the narrative.
  json fullEntry(int64_t base) {
    return json{{"base_revision", base},
                {"values",
                 {{"B01/HCM_THU_NS.KH", "1.500.000"},  // Vietnamese grouping
                  {"B01/HCM_THU_NS.TH", "45000"},
                  {"B01/HCM_THU_NS.LK", 130000},  // a JSON number
                  {"B01/HCM_THU_NS.CK", "120000"},
                  {"B01/HCM_XK.TH", "4,5"},
                  {"B01/HCM_XK.LK", "12.25"},
                  {"B01/HCM_NK.TH", "3,25"},
                  {"B01/HCM_NK.LK", "9"},
                  {"B01/HCM_DN_MOI.TH", "1234"}}},
                {"narrative",
                 {{"I", "Tình hình kinh tế tháng ổn định."},
                  {"II", "Thu ngân sách đạt kế hoạch."},
                  {"III", "Các nhiệm vụ trọng tâm tháng tới."},
                  {"B01/TM", "Số liệu ước tính."}}}};
  }

  std::set<std::string> actions(const json& report) {
    std::set<std::string> out;
    for (const auto& a : report["actions"]) out.insert(a["id"].get<std::string>());
    return out;
  }
};

TEST_F(ReportApi, MonthlyReportFromEntryToAcceptanceWithReturnAndRecall) {
  Client cv = login("cv.stc"), tp = login("tp.stc"), ld = login("ld.stc"), th = login("th.vp");

  // the officer opens the report: forms, cells, sections, the actions offered
  auto r = cv.get(url());
  ASSERT_EQ(r.status, 200) << r.body;
  auto rep = r.json();
  EXPECT_EQ(rep["key"], key_);
  EXPECT_EQ(rep["state"], "draft");
  EXPECT_EQ(rep["revision"], 0);
  EXPECT_EQ(rep["workflow"]["internal_steps"], 2);
  EXPECT_TRUE(actions(rep).count("edit"));
  EXPECT_TRUE(actions(rep).count("submit"));
  EXPECT_TRUE(rep["can_edit"].get<bool>());
  ASSERT_EQ(rep["forms"].size(), 1u);
  EXPECT_EQ(rep["forms"][0]["code"], "B01");
  EXPECT_EQ(rep["cells"]["B01/HCM_XNK.TH"]["kind"], "computed");
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["kind"], "input");
  EXPECT_EQ(rep["cells"]["B01/HCM_DN_MOI.TH"]["value_type"], "integer");
  EXPECT_TRUE(rep["signing"]["agency_key"].get<bool>());
  // the others: nothing to do yet; the receiver does not see the working copy
  EXPECT_TRUE(actions(tp.get(url()).json()).empty());
  auto seen = th.get(url()).json();
  EXPECT_FALSE(seen["working_copy"].get<bool>());
  EXPECT_TRUE(actions(seen).empty());

  // entry: values in both notations, computed cells, a row rule error, a warning
  auto entry = fullEntry(0);
  entry["values"]["B01/HCM_THU_NS.LK"] = "40000";  // below TH: rule R1 (error)
  r = cv.patch(url("/draft"), entry);
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["revision"], 1);
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.KH"]["value"], "1500000");
  EXPECT_EQ(rep["cells"]["B01/HCM_XK.TH"]["value"], "4.5");
  EXPECT_EQ(rep["cells"]["B01/HCM_DN_MOI.TH"]["value"], "1234");
  EXPECT_EQ(rep["cells"]["B01/HCM_XNK.TH"]["value"], "7.75");          // subtotal
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.SSCK"]["value"], "33.3");     // 40000/120000, 1 decimal
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["updated_by"]["name"], "Phạm Văn Khoa");
  EXPECT_EQ(rep["validation"]["errors"], 1) << rep["validation"].dump();
  EXPECT_EQ(rep["validation"]["items"][0]["key"], "B01/R1@HCM_THU_NS");
  EXPECT_FALSE(rep["validation"]["can_submit"].get<bool>());
  r = act(cv, "submit");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("Lũy kế"), std::string::npos) << r.body;

  // fix the error; the plan is now exceeded by more than 20%: a warning needs an explanation
  r = cv.patch(url("/draft"), json{{"base_revision", 1},
                                   {"values", {{"B01/HCM_THU_NS.LK", "130000"}, {"B01/HCM_THU_NS.KH", "100000"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["validation"]["errors"], 0) << rep["validation"].dump();
  EXPECT_EQ(rep["validation"]["unexplained_warnings"], 1);
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.SSKH"]["value"], "130");
  r = act(cv, "submit");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["code"], "E1003_MISSING_FIELD") << r.body;
  r = cv.patch(url("/draft"), json{{"base_revision", rep["revision"]},
                                   {"explanations", {{"B01/R2", "Thu tiền sử dụng đất tăng đột biến"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["validation"]["can_submit"].get<bool>());

  // submit: version 1 frozen; the reviewer checks
  r = act(cv, "submit");
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["state"], "awaiting_check");
  ASSERT_EQ(rep["versions"].size(), 1u);
  EXPECT_EQ(rep["versions"][0]["content_hash"].get<std::string>().size(), 64u);
  EXPECT_FALSE(rep["can_edit"].get<bool>());
  EXPECT_EQ(cv.patch(url("/draft"), json{{"base_revision", rep["revision"]}, {"values", {{"B01/HCM_DL.TH", "1"}}}}).status, 409);
  EXPECT_EQ(act(cv, "check").status, 403);
  EXPECT_EQ(act(ld, "check").status, 403);
  r = act(tp, "check");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "awaiting_approval");

  // approval needs the signature first; a wrong PKCS#12 password is refused; the leader signs
  r = act(ld, "approve");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("ký số"), std::string::npos);
  EXPECT_TRUE(ld.get(url()).json()["signing"]["can_sign"].get<bool>());
  EXPECT_EQ(cv.post(url("/sign"), json{{"method", "agency"}}).status, 403);
  const std::string p12 = base64(readAll(ca_ / "leader.p12"));
  r = ld.post(url("/sign"), json{{"method", "pkcs12"}, {"pkcs12_base64", p12}, {"password", "sai"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = ld.post(url("/sign"), json{{"method", "pkcs12"}, {"pkcs12_base64", p12}, {"password", "baocao-demo"}});
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_NE(rep["versions"][0]["signature"]["subject"].get<std::string>().find("Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(ld.post(url("/sign"), json{{"method", "agency"}}).status, 409);  // signed once
  // a stale obligation version is refused
  r = act(ld, "approve", json{{"version", rep["obligation"]["version"].get<int64_t>() - 1}});
  EXPECT_EQ(r.status, 409) << r.body;
  r = act(ld, "approve", json{{"version", rep["obligation"]["version"]}});
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["state"], "sent");
  EXPECT_FALSE(rep["obligation"]["first_sent_at"].is_null());
  const std::string first_sent = rep["obligation"]["first_sent_at"];

  // the receiver sees the sent version and returns it with a reason
  seen = th.get(url()).json();
  EXPECT_EQ(seen["cells"]["B01/HCM_THU_NS.LK"]["value"], "130000");
  EXPECT_EQ(seen["explanations"]["B01/R2"], "Thu tiền sử dụng đất tăng đột biến");
  EXPECT_EQ(actions(seen), (std::set<std::string>{"accept", "return"}));
  r = act(th, "return");
  EXPECT_EQ(r.status, 422) << r.body;  // no reason
  r = act(th, "return", json{{"reason", "Bổ sung số liệu du lịch"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "returned");
  // the officer learns it at once, in the app (not only from the next day's reminder job)
  bool told = false;
  const auto inbox = cv.get("/api/v1/me/notifications").json();
  for (const auto& n : inbox["items"])
    told |= n["kind"] == "returned" && n["obligation_key"] == key_;
  EXPECT_TRUE(told) << inbox.dump();

  // the officer corrects and submits again: version 2
  rep = cv.get(url()).json();
  EXPECT_TRUE(actions(rep).count("edit"));
  r = cv.patch(url("/draft"), json{{"base_revision", rep["revision"]}, {"values", {{"B01/HCM_DL.TH", "15000"}, {"B01/HCM_DL.LK", "40000"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(act(cv, "submit").status, 200);
  ASSERT_EQ(act(tp, "check").status, 200);
  ASSERT_EQ(ld.post(url("/sign"), json{{"method", "agency"}}).status, 200);
  r = act(ld, "approve");
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["versions"].size(), 2u);
  EXPECT_EQ(rep["versions"][1]["note"], "Trình lại sau khi bị trả lại");
  EXPECT_NE(rep["versions"][1]["signature"]["subject"].get<std::string>().find("Sở Tài chính"), std::string::npos);
  EXPECT_EQ(rep["obligation"]["first_sent_at"], first_sent);  // the first sending counts

  // versions side by side
  auto d = cv.get(url("/compare?from=1&to=2")).json();
  ASSERT_EQ(d["differences"].size(), 2u) << d.dump();
  EXPECT_EQ(d["differences"][0]["key"], "B01/HCM_DL.LK");
  EXPECT_TRUE(d["differences"][0]["before"].is_null());
  EXPECT_EQ(d["differences"][0]["after"], "40000");

  // recall before acceptance (004 Đ8.1), then send again unchanged: no new version, no new
  // signature needed
  EXPECT_EQ(act(cv, "recall").status, 403);
  r = act(ld, "recall");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "draft");
  ASSERT_EQ(act(cv, "submit").status, 200);
  ASSERT_EQ(act(tp, "check").status, 200);
  r = act(ld, "approve");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["versions"].size(), 2u);

  // acceptance; then a correction request granted by reopening
  EXPECT_EQ(act(cv, "accept").status, 403);
  r = act(th, "accept");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "accepted");
  EXPECT_TRUE(actions(r.json()).empty());
  r = act(ld, "request_correction", json{{"reason", "Sai số liệu xuất khẩu"}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = act(th, "grant_correction");
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["state"], "draft");

  // the history has every step with who and why
  rep = cv.get(url()).json();
  std::vector<std::string> steps;
  for (const auto& h : rep["history"]) steps.push_back(h["action"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"submit", "check", "approve", "return", "submit", "check", "approve",
                                             "recall", "submit", "check", "approve", "accept", "request_correction",
                                             "grant_correction"}));
  EXPECT_EQ(rep["history"][3]["reason"], "Bổ sung số liệu du lịch");
  EXPECT_EQ(rep["history"][3]["actor"]["name"], "Ngô Thanh Tâm");

  // every change is audited
  Client admin = login("quantri");
  auto audit = admin.get("/api/v1/audit?action=report.&limit=200").json();
  std::set<std::string> audited;
  for (const auto& e : audit["items"]) audited.insert(e["action"].get<std::string>());
  for (const char* a : {"report.save", "report.submit", "report.check", "report.sign", "report.approve",
                        "report.return", "report.recall", "report.accept"})
    EXPECT_TRUE(audited.count(a)) << a;
}

TEST_F(ReportApi, ConcurrentWritersOfOneCellGetExactlyOneConflict) {
  addOfficer(srv_, "cv2.stc", "Lý Thị Mai", "79.STC.QLNS");
  Client a = login("cv.stc"), b = login("cv2.stc");
  ASSERT_EQ(a.get(url()).json()["revision"], 0);
  ASSERT_EQ(b.get(url()).json()["revision"], 0);
  // both start from revision 0 and save the same cell at the same time
  HttpResult ra, rb;
  std::thread ta([&] { ra = a.patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_THU_NS.TH", "111"}}}}); });
  std::thread tb([&] { rb = b.patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_THU_NS.TH", "222"}}}}); });
  ta.join();
  tb.join();
  std::multiset<int> statuses{ra.status, rb.status};
  ASSERT_EQ(statuses, (std::multiset<int>{200, 409})) << ra.body << "\n" << rb.body;
  const bool a_won = ra.status == 200;
  const HttpResult& lost = a_won ? rb : ra;
  auto p = lost.json();
  EXPECT_EQ(p["code"], "E3002_CONFLICT");
  EXPECT_EQ(lost.content_type.rfind("application/problem+json", 0), 0u);
  ASSERT_EQ(p["conflicts"].size(), 1u) << lost.body;
  const auto& c = p["conflicts"][0];
  EXPECT_EQ(c["cell"], "B01/HCM_THU_NS.TH");
  EXPECT_EQ(c["mine"], a_won ? "222" : "111");
  EXPECT_EQ(c["theirs"], a_won ? "111" : "222");
  EXPECT_EQ(c["by"]["name"], a_won ? "Phạm Văn Khoa" : "Lý Thị Mai");
  EXPECT_FALSE(c["at"].get<std::string>().empty());
  EXPECT_EQ(p["revision"], 1);
  EXPECT_NE(p["detail"].get<std::string>().find(a_won ? "Phạm Văn Khoa" : "Lý Thị Mai"), std::string::npos);
  // the stored value is the winner's, once
  auto rep = a.get(url()).json();
  EXPECT_EQ(rep["revision"], 1);
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["value"], a_won ? "111" : "222");

  // different cells from the same old base merge: nobody else touched them
  Client& loser = a_won ? b : a;
  auto r = loser.patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_XK.TH", "5"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  rep = r.json();
  EXPECT_EQ(rep["revision"], 2);
  EXPECT_EQ(rep["cells"]["B01/HCM_XK.TH"]["value"], "5");
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["value"], a_won ? "111" : "222");
  // saving the value that is already stored is no conflict
  r = loser.patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_THU_NS.TH", a_won ? "111" : "222"}}}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ReportApi, BadInputIsRefusedCellByCellAndChangesNothing) {
  Client cv = login("cv.stc");
  ASSERT_EQ(cv.patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_THU_NS.TH", "100"}}}}).status, 200);
  auto bad = [&](const json& values, const std::string& field, const std::string& message) {
    auto r = cv.patch(url("/draft"), json{{"base_revision", 1}, {"values", values}});
    EXPECT_EQ(r.status, 422) << r.body;
    auto p = r.json();
    bool found = false;
    for (const auto& e : p["errors"])
      if (e["field"] == field) {
        found = true;
        EXPECT_NE(e["message"].get<std::string>().find(message), std::string::npos) << e.dump();
      }
    EXPECT_TRUE(found) << r.body;
  };
  bad({{"B01/HCM_THU_NS.TH", "12,3a"}}, "values.B01/HCM_THU_NS.TH", "Ô B01/HCM_THU_NS.TH: '12,3a' không phải là số");
  bad({{"B01/HCM_THU_NS.TH", "12,5"}}, "values.B01/HCM_THU_NS.TH", "tối đa 0");
  bad({{"B01/HCM_DN_MOI.TH", "7.5"}}, "values.B01/HCM_DN_MOI.TH", "phải là số nguyên");
  bad({{"B01/HCM_XK.TH", "1,234"}}, "values.B01/HCM_XK.TH", "3 chữ số thập phân, tối đa 2");
  bad({{"B01/KHONG_CO.TH", "1"}}, "values.B01/KHONG_CO.TH", "không có trong biểu mẫu");
  bad({{"B01/HCM_XNK.TH", "1"}}, "values.B01/HCM_XNK.TH", "tính tự động");
  bad({{"B01/HCM_THU_NS.SSCK", "1"}}, "values.B01/HCM_THU_NS.SSCK", "tính tự động");
  bad({{"B01/I.TH", "1"}}, "values.B01/I.TH", "không áp dụng");
  // one bad cell among good ones: nothing is saved
  bad({{"B01/HCM_THU_NS.TH", "200"}, {"B01/HCM_XK.TH", "abc"}}, "values.B01/HCM_XK.TH", "không phải là số");
  // wrong shapes
  EXPECT_EQ(cv.patch(url("/draft"), json{{"base_revision", 1}, {"values", json::array({1})}}).status, 422);
  EXPECT_EQ(cv.patch(url("/draft"), json{{"base_revision", 1}, {"values", {{"B01/HCM_XK.TH", true}}}}).status, 422);
  EXPECT_EQ(cv.patch(url("/draft"), json{{"values", {{"B01/HCM_XK.TH", "1"}}}}).status, 422);
  EXPECT_EQ(cv.patch(url("/draft"), json{{"base_revision", 1}, {"valeus", json::object()}}).status, 400);
  auto r = cv.patch(url("/draft"), json{{"base_revision", 1}, {"narrative", {{"IX", "x"}}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Mục 'IX'"), std::string::npos) << r.body;
  r = cv.patch(url("/draft"), json{{"base_revision", 1}, {"explanations", {{"B01/R1", "x"}}}});
  EXPECT_EQ(r.status, 422) << r.body;  // R1 is an error, not a warning
  EXPECT_EQ(cv.post(url("/actions/fly"), json::object()).status, 404);
  EXPECT_EQ(cv.get("/api/v1/reports/" + enc("HCM-KTXH/209901/u1")).status, 404);
  EXPECT_EQ(cv.get(url("/compare?from=1")).status, 422);
  // nothing changed
  auto rep = cv.get(url()).json();
  EXPECT_EQ(rep["revision"], 1);
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["value"], "100");
  EXPECT_TRUE(rep["cells"]["B01/HCM_XK.TH"]["value"].is_null());
}

TEST_F(ReportApi, RolesAndScopeAreCheckedOnEveryRoute) {
  addOfficer(srv_, "cv.syt", "Trần Văn Hùng", "79.SYT");
  Client cv = login("cv.stc"), syt = login("cv.syt"), th = login("th.vp"), qt = login("qt.stc"),
         ld = login("ld.stc");
  // another department's officer and the unit's user administrator do not see the report
  for (Client* c : {&syt, &qt}) {
    EXPECT_EQ(c->get(url()).status, 403);
    EXPECT_EQ(c->patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_XK.TH", "1"}}}}).status, 403);
    EXPECT_EQ(c->post(url("/actions/submit"), json::object()).status, 403);
    EXPECT_EQ(c->get(url("/comments")).status, 403);
    EXPECT_EQ(c->post(url("/comments"), json{{"text", "x"}}).status, 403);
  }
  // the receiver, the inspector and the city leadership read but do not edit
  EXPECT_EQ(th.patch(url("/draft"), json{{"base_revision", 0}, {"values", {{"B01/HCM_XK.TH", "1"}}}}).status, 403);
  EXPECT_EQ(login("thanhtra").get(url()).status, 200);
  EXPECT_EQ(login("lanhdao").get(url()).status, 200);
  // the leader cannot submit in the officer's place; the receiver cannot act on a draft
  EXPECT_EQ(act(ld, "submit").status, 403);
  EXPECT_EQ(act(th, "accept").status, 409);  // not sent: no such step now
  // without a session
  Client anon(srv_.port());
  EXPECT_EQ(anon.get(url()).status, 401);
  // comments: anyone who reads may comment, on a cell of the report only
  auto r = th.post(url("/comments"), json{{"cell", "B01/HCM_XK.TH"}, {"text", "Đề nghị kiểm tra lại"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(th.post(url("/comments"), json{{"cell", "B01/XX.TH"}, {"text", "x"}}).status, 422);
  EXPECT_EQ(th.post(url("/comments"), json{{"text", "   "}}).status, 422);
  int64_t id = r.json()["id"];
  auto list = cv.get(url("/comments")).json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["author"]["name"], "Ngô Thanh Tâm");
  r = cv.post(url("/comments/" + std::to_string(id) + "/resolve"), json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(cv.get(url()).json()["comments"][0]["resolved"].get<bool>());

  // a unit's workflow: its user administrator sets 1..3 steps; others may not
  const int64_t stc = unitId(srv_, "79.STC");
  const std::string wf = "/api/v1/orgs/" + std::to_string(stc) + "/workflow";
  EXPECT_EQ(cv.get(wf).json()["internal_steps"], 2);
  EXPECT_EQ(cv.request("PUT", wf, json{{"internal_steps", 1}}.dump()).status, 403);
  EXPECT_EQ(qt.request("PUT", wf, json{{"internal_steps", 4}}.dump()).status, 422);
  r = qt.request("PUT", wf, json{{"internal_steps", 1}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["configured"].get<bool>());
  EXPECT_EQ(syt.get(wf).status, 403);
  // with one step the officer's submission goes straight to the leader
  auto e = fullEntry(0);
  ASSERT_EQ(cv.patch(url("/draft"), e).status, 200);
  r = act(cv, "submit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "awaiting_approval");
}

TEST_F(ReportApi, ApprovalCanBeDelegatedAndRevoked) {
  Client cv = login("cv.stc"), tp = login("tp.stc"), ld = login("ld.stc");
  ASSERT_EQ(cv.patch(url("/draft"), fullEntry(0)).status, 200);
  ASSERT_EQ(act(cv, "submit").status, 200);
  ASSERT_EQ(act(tp, "check").status, 200);
  EXPECT_EQ(tp.post(url("/sign"), json{{"method", "agency"}}).status, 403);
  const int64_t stc = unitId(srv_, "79.STC");
  const std::string base = "/api/v1/orgs/" + std::to_string(stc) + "/delegations";
  int64_t tp_id = 0;
  {
    auto tx = srv_.runtime().store().begin(core::ports::TxMode::Read).value();
    tp_id = tx->users().getByUsername("tp.stc").value().id;
  }
  json d{{"delegate_user_id", tp_id}, {"regime_code", "HCM-KTXH"}, {"valid_from", "2026-03-01"}, {"valid_to", "2026-03-31"}};
  EXPECT_EQ(tp.post(base, d).status, 403);  // only the leader delegates (000 Đ6)
  auto bad = d;
  bad["valid_to"] = "2026-02-01";
  EXPECT_EQ(ld.post(base, bad).status, 422);
  auto r = ld.post(base, d);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json()["active"].get<bool>());
  int64_t id = r.json()["id"];
  auto rep = tp.get(url()).json();
  EXPECT_TRUE(rep["workflow"]["delegated_approval"].get<bool>());
  EXPECT_TRUE(rep["signing"]["can_sign"].get<bool>());
  // revoked: the division head may no longer sign
  r = ld.post(base + "/" + std::to_string(id) + "/revoke", json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["revoked"].get<bool>());
  EXPECT_EQ(tp.post(url("/sign"), json{{"method", "agency"}}).status, 403);
  auto list = ld.get(base).json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_FALSE(list["items"][0]["active"].get<bool>());
}

TEST_F(ReportApi, AttachmentsAreCheckedByContentSizeAndName) {
  Client cv = login("cv.stc"), th = login("th.vp");
  const std::string pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
  auto up = [&](Client& c, const std::string& name, const std::string& bytes) {
    return c.request("POST", url("/attachments?filename=" + enc(name)), bytes, "application/octet-stream");
  };
  auto r = up(cv, "Phụ lục 1.pdf", pdf);
  ASSERT_EQ(r.status, 201) << r.body;
  auto att = r.json();
  EXPECT_EQ(att["media_type"], "application/pdf");
  EXPECT_EQ(att["size"], pdf.size());
  EXPECT_EQ(up(cv, "Phụ lục 1.pdf", pdf).status, 409);                            // same name
  EXPECT_EQ(up(cv, "anh.pdf", std::string("\x89PNG\r\n\x1a\n0000", 12)).status, 415);  // PNG named .pdf
  EXPECT_EQ(up(cv, "virus.pdf", "MZ\x90\x00 not a pdf").status, 415);
  EXPECT_EQ(up(cv, "../../etc/passwd.pdf", pdf).status, 400);
  EXPECT_EQ(up(cv, "empty.pdf", "").status, 422);
  EXPECT_EQ(up(th, "x.pdf", pdf).status, 403);
  r = up(cv, "bieu do.png", std::string("\x89PNG\r\n\x1a\n", 8) + "data");
  ASSERT_EQ(r.status, 201) << r.body;
  auto list = cv.get(url("/attachments")).json();
  ASSERT_EQ(list["items"].size(), 2u);
  r = cv.get(url("/attachments/" + std::to_string(att["id"].get<int64_t>())));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, pdf);
  EXPECT_NE(r.header("Content-Disposition").find("filename*=UTF-8''Ph%E1%BB%A5"), std::string::npos);
  // the receiver sees no file before it is sent
  EXPECT_EQ(th.get(url("/attachments/" + std::to_string(att["id"].get<int64_t>()))).status, 404);
  // the attachment's hash is part of the signed content
  ASSERT_EQ(cv.patch(url("/draft"), fullEntry(cv.get(url()).json()["revision"])).status, 200);
  ASSERT_EQ(act(cv, "submit").status, 200);
  auto v1 = cv.get(url("/versions/1")).json();
  ASSERT_EQ(v1["content"]["attachments"].size(), 2u);
  bool signed_hash = false;
  for (const auto& a : v1["content"]["attachments"])
    signed_hash |= a["name"] == "Phụ lục 1.pdf" && a["sha256"] == att["sha256"];
  EXPECT_TRUE(signed_hash) << v1.dump();
  EXPECT_EQ(cv.request("DELETE", url("/attachments/" + std::to_string(att["id"].get<int64_t>()))).status, 409);
}

TEST_F(ReportApi, SignatureVerifiesInsideAndWithOpenssl) {
  Client cv = login("cv.stc"), tp = login("tp.stc"), ld = login("ld.stc"), th = login("th.vp");
  ASSERT_EQ(cv.patch(url("/draft"), fullEntry(0)).status, 200);
  ASSERT_EQ(act(cv, "submit").status, 200);
  EXPECT_FALSE(cv.get(url("/versions/1/verify")).json()["signed"].get<bool>());
  EXPECT_EQ(cv.get(url("/versions/1/package")).status, 409);
  ASSERT_EQ(act(tp, "check").status, 200);
  ASSERT_EQ(ld.post(url("/sign"), json{{"method", "agency"}}).status, 200);
  ASSERT_EQ(act(ld, "approve").status, 200);

  auto v = th.get(url("/versions/1/verify"));
  ASSERT_EQ(v.status, 200) << v.body;
  auto vj = v.json();
  EXPECT_TRUE(vj["ok"].get<bool>()) << v.body;
  EXPECT_TRUE(vj["content_hash_ok"].get<bool>());
  EXPECT_NE(vj["subject"].get<std::string>().find("Sở Tài chính"), std::string::npos);
  EXPECT_EQ(vj["signed_by"]["name"], "Hoàng Đức Thắng");

  // the package verifies with the openssl command line; any changed byte fails
  auto pkg = th.get(url("/versions/1/package"));
  ASSERT_EQ(pkg.status, 200);
  EXPECT_EQ(pkg.content_type, "application/zip");
  auto files = unzipStored(pkg.body);
  ASSERT_TRUE(files.count("report.bin") && files.count("report.p7s") && files.count("ca.crt") && files.count("README.txt"));
  EXPECT_EQ(files["report.bin"], cv.get(url("/versions/1/content")).body);
  auto dir = ca_.parent_path() / "pkg";
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : files) writeAll(dir / name, bytes);
  const std::string verify = "openssl cms -verify -binary -inform DER -in '" + (dir / "report.p7s").string() +
                             "' -content '" + (dir / "report.bin").string() + "' -CAfile '" +
                             (dir / "ca.crt").string() + "' -purpose any -out /dev/null 2>/dev/null";
  EXPECT_EQ(std::system(verify.c_str()), 0);
  std::string changed = files["report.bin"];
  changed[changed.size() / 2] ^= 0x01;
  writeAll(dir / "report.bin", changed);
  EXPECT_NE(std::system(verify.c_str()), 0);

  // inside: one byte of the stored content changed behind the server's back is detected, by the
  // version hash, and by the signature when the hash was rewritten too
  auto sql = [&](const std::string& set) {
    std::string cmd = "sqlite3 '" + srv_.dbPath().string() + "' \"UPDATE report_version SET " + set +
                      " WHERE okey = '" + key_ + "' AND number = 1\"";
    return std::system(cmd.c_str());
  };
  ASSERT_EQ(sql("canonical_b64 = '" + base64(changed) + "'"), 0);
  vj = th.get(url("/versions/1/verify")).json();
  EXPECT_FALSE(vj["ok"].get<bool>()) << vj.dump();
  EXPECT_FALSE(vj["content_hash_ok"].get<bool>());
  EXPECT_NE(vj["reason"].get<std::string>().find("bị thay đổi"), std::string::npos) << vj.dump();
  ASSERT_EQ(sql("content_hash = '" + app::signing::sha256Hex(changed) + "'"), 0);
  vj = th.get(url("/versions/1/verify")).json();
  EXPECT_FALSE(vj["ok"].get<bool>()) << vj.dump();
  EXPECT_TRUE(vj["content_hash_ok"].get<bool>());
  EXPECT_NE(vj["reason"].get<std::string>().find("thay đổi sau khi ký"), std::string::npos) << vj.dump();
}

TEST_F(ReportApi, SignatureMadeOutsideWithOpensslVerifiesInside) {
  Client cv = login("cv.stc"), tp = login("tp.stc"), ld = login("ld.stc");
  ASSERT_EQ(cv.patch(url("/draft"), fullEntry(0)).status, 200);
  ASSERT_EQ(act(cv, "submit").status, 200);
  ASSERT_EQ(act(tp, "check").status, 200);
  // the leader downloads the canonical content and signs it with his own tool
  auto content = ld.get(url("/versions/1/content"));
  ASSERT_EQ(content.status, 200);
  auto dir = ca_.parent_path() / "outside";
  std::filesystem::create_directories(dir);
  writeAll(dir / "report.bin", content.body);
  auto sign = [&](const std::string& in, const std::string& out) {
    std::string cmd = "openssl cms -sign -binary -md sha256 -outform DER -in '" + (dir / in).string() + "' -signer '" +
                      (ca_ / "leader.crt").string() + "' -inkey '" + (ca_ / "leader.key").string() +
                      "' -certfile '" + (ca_ / "ca.crt").string() + "' -out '" + (dir / out).string() + "' 2>/dev/null";
    return std::system(cmd.c_str());
  };
  ASSERT_EQ(sign("report.bin", "report.p7s"), 0);
  // a signature of other bytes (one changed) is refused and nothing is stored
  std::string changed = content.body;
  changed[10] ^= 0x20;
  writeAll(dir / "changed.bin", changed);
  ASSERT_EQ(sign("changed.bin", "changed.p7s"), 0);
  auto r = ld.post(url("/versions/1/signature"), json{{"cms_base64", base64(readAll(dir / "changed.p7s"))}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("thay đổi"), std::string::npos) << r.body;
  EXPECT_EQ(cv.post(url("/versions/1/signature"), json{{"cms_base64", base64(readAll(dir / "report.p7s"))}}).status, 403);
  r = ld.post(url("/versions/1/signature"), json{{"cms_base64", base64(readAll(dir / "report.p7s"))}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.json()["versions"][0]["signature"]["subject"].get<std::string>().find("Nguyễn Văn An"), std::string::npos);
  auto v = ld.get(url("/versions/1/verify")).json();
  EXPECT_TRUE(v["ok"].get<bool>()) << v.dump();
  ASSERT_EQ(act(ld, "approve").status, 200);
}

}  // namespace
}  // namespace baocao::testing

namespace baocao::testing {
namespace {

/// Stores the obligation of `period` for the same unit and regime as `key` (as if generated
/// when that period was due) and returns its key.
std::string addEarlierObligation(TestServer& srv, const std::string& key, const core::period::Period& period) {
  auto tx = srv.runtime().store().begin(core::ports::TxMode::Write).value();
  auto stored = tx->obligations().get(key).value();
  auto o = stored.obligation;
  o.period = period;
  o.key = o.regime_code + "/" + period.id() + "/u" + std::to_string(o.unit_id);
  EXPECT_TRUE(tx->obligations().insert(o, core::Timestamp::fromSeconds(1773108000)).value());
  EXPECT_TRUE(tx->commit().has_value());
  return o.key;
}

TEST_F(ReportApi, PreviousPeriodAndSamePeriodLastYearAreShownBesideEachValue) {
  auto current = srv_.runtime().store().begin(core::ports::TxMode::Read).value()->obligations().get(key_).value();
  ASSERT_TRUE(current.obligation.period.has_value());
  const auto prev = current.obligation.period->previous();
  const auto last_year = current.obligation.period->sameLastYear();
  const std::string prev_key = addEarlierObligation(srv_, key_, prev);
  const std::string ly_key = addEarlierObligation(srv_, key_, last_year);
  Client cv = login("cv.stc");
  // the earlier reports were submitted: their latest versions are what is shown
  for (const auto& [k, value] : std::vector<std::pair<std::string, std::string>>{{prev_key, "41000"}, {ly_key, "39000"}}) {
    auto e = fullEntry(0);
    e["values"]["B01/HCM_THU_NS.TH"] = value;
    std::string u = "/api/v1/reports/" + enc(k);
    ASSERT_EQ(cv.patch(u + "/draft", e).status, 200);
    auto r = cv.post(u + "/actions/submit", json::object());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto rep = cv.get(url()).json();
  EXPECT_EQ(rep["previous_period"]["key"], prev_key);
  EXPECT_EQ(rep["previous_period"]["label"].get<std::string>().empty(), false);
  EXPECT_EQ(rep["last_year_period"]["key"], ly_key);
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["previous"], "41000");
  EXPECT_EQ(rep["cells"]["B01/HCM_THU_NS.TH"]["last_year"], "39000");
  EXPECT_EQ(rep["cells"]["B01/HCM_XNK.TH"]["previous"], "7.75");  // computed values were frozen too
  EXPECT_TRUE(rep["cells"]["B01/HCM_DL.TH"]["previous"].is_null());
}

}  // namespace
}  // namespace baocao::testing
