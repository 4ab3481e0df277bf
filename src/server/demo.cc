#include "server/demo.h"

#include <fstream>
#include <sstream>

#include "exchange/org_io.h"
#include "server/demo_indicators.h"
#include "server/demo_reports.h"
#include "server/demo_regimes.h"

namespace baocao::server {

using core::ErrorCode;
using core::makeError;
namespace sec = core::security;

core::Result<app::ImportReport> importOrgFile(Runtime& rt, const std::string& path,
                                              const std::string& format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::InvalidFile, "Không mở được tệp '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  BAOCAO_ASSIGN(auto fmt, exchange::orgFormatFromName(format.empty() ? path : format));
  BAOCAO_ASSIGN(auto file, exchange::readOrgFile(fmt, ss.str()));
  app::OrgImport imp;
  for (auto& r : file.units) imp.units.push_back({std::move(r.unit), std::move(r.parent_code)});
  for (auto& l : file.links) imp.links.push_back({l.from_code, l.to_code, l.kind, l.share, l.effective});
  return rt.orgs().importUnits(nullptr, imp);
}

namespace {
struct DemoUser {
  const char* username;
  const char* full_name;
  const char* unit_code;   // home unit
  sec::Role role;
  const char* grant_code;  // unit of the grant
  bool subtree;
  bool must_change;
};

// Invented people; real units (data/orgs/demo-hcmc.json).
constexpr DemoUser kUsers[] = {
    {"quantri", "Trần Minh Quân", "79.VP", sec::Role::SystemAdmin, "79", true, false},
    {"qt.stc", "Lê Thị Hồng Nhung", "79.STC", sec::Role::UnitAdmin, "79.STC", true, false},
    {"cv.stc", "Phạm Văn Khoa", "79.STC.QLNS", sec::Role::DataEntry, "79.STC.QLNS", false, false},
    {"tp.stc", "Đặng Thu Trang", "79.STC.QLNS", sec::Role::Reviewer, "79.STC.QLNS", false, false},
    {"ld.stc", "Hoàng Đức Thắng", "79.STC", sec::Role::Approver, "79.STC", true, false},
    {"th.vp", "Ngô Thanh Tâm", "79.VP.TH", sec::Role::Aggregator, "79", true, false},
    {"thanhtra", "Vũ Ngọc Lan", "79.SNV", sec::Role::Inspector, "79", true, false},
    {"lanhdao", "Nguyễn Văn Bình", "79", sec::Role::Viewer, "79", true, false},
    {"nguoimoi", "Bùi Gia Huy", "79.STC", sec::Role::DataEntry, "79.STC", false, true},
    // văn thư: sends the reports of Sở Tài chính (3 internal steps, demo_reports.h)
    {"vt.stc", "Trương Thị Mai", "79.STC.VP", sec::Role::Sender, "79.STC", false, false},
};
}  // namespace

core::Result<app::Actor> demoActor(Runtime& rt, const std::string& username) {
  BAOCAO_ASSIGN(auto tx, rt.store().begin(core::ports::TxMode::Read));
  BAOCAO_ASSIGN(auto u, tx->users().getByUsername(username));
  app::Actor a;
  a.user_id = u.id;
  a.username = u.username;
  a.unit_id = u.unit_id;
  BAOCAO_ASSIGN(a.grants, tx->users().grantsOf(u.id));
  a.ip = "demo";
  return a;
}

core::Result<std::vector<DemoAccount>> seedDemo(Runtime& rt, const std::string& data_dir,
                                                const DemoOptions& options) {
  {
    BAOCAO_ASSIGN(auto tx, rt.store().begin(core::ports::TxMode::Read));
    core::ports::UserRepository::Query q;
    q.limit = 1;
    BAOCAO_ASSIGN(auto any, tx->users().find(q));
    if (!any.empty()) return std::vector<DemoAccount>{};
  }
  BAOCAO_TRY(importOrgFile(rt, data_dir + "/orgs/demo-hcmc.json", "json"));
  std::vector<DemoAccount> out;
  for (const auto& d : kUsers) {
    int64_t home, target;
    std::string target_name;
    {
      BAOCAO_ASSIGN(auto tx, rt.store().begin(core::ports::TxMode::Read));
      BAOCAO_ASSIGN(auto h, tx->orgs().getByCode(d.unit_code));
      BAOCAO_ASSIGN(auto t, tx->orgs().getByCode(d.grant_code));
      home = h.id;
      target = t.id;
      target_name = t.name;
    }
    sec::User u;
    u.username = d.username;
    u.full_name = d.full_name;
    u.unit_id = home;
    u.email = std::string(d.username) + "@tphcm.gov.vn";
    BAOCAO_ASSIGN(auto created, rt.users().create(nullptr, u, kDemoPassword));
    BAOCAO_TRY(rt.users().addGrant(nullptr, sec::Grant{0, created.id, d.role, target, d.subtree}));
    if (!d.must_change) {
      // Demo accounts are ready to use; real accounts change their password at first login.
      BAOCAO_ASSIGN(auto tx, rt.store().begin(core::ports::TxMode::Write));
      BAOCAO_ASSIGN(auto fresh, tx->users().get(created.id));
      fresh.must_change_password = false;
      BAOCAO_TRY(tx->users().update(fresh));
      BAOCAO_TRY(tx->commit());
    }
    out.push_back({d.username, d.full_name, std::string(sec::roleLabel(d.role)), target_name});
  }
  // Indicators, sets, results and 2026 targets (demo_indicators.h); needs the accounts above.
  BAOCAO_TRY(seedDemoIndicators(rt, data_dir));
  // Report regimes with their forms (demo_regimes.h); forms name the indicators above.
  // With reports, the regimes are published back in time and the reports played
  // (demo_reports.h).
  if (options.reports) {
    BAOCAO_TRY(seedDemoReports(rt, data_dir, options));
  } else {
    BAOCAO_TRY(seedDemoRegimes(rt, data_dir));
  }
  return out;
}

}  // namespace baocao::server
