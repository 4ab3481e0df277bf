// Demo data for `make run`: Ho Chi Minh City's real organisation tree (data/orgs/demo-hcmc.json)
// and one account per role. Only applied to an empty database. Thread-safety: call once.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "server/runtime.h"

namespace baocao::server {

struct DemoAccount {
  std::string username;
  std::string full_name;
  std::string role_label;
  std::string unit_name;
};

inline constexpr const char* kDemoPassword = "Baocao@2026";

/// What seedDemo adds beyond the catalog.
struct DemoOptions {
  /// Reports in every workflow state (server/demo_reports.h): on for `serve --demo`; off by
  /// default because every HTTP test seeds the demo and most do not need them.
  bool reports = false;
  std::string signing_dir;                        // agency.p12; empty = DATA_DIR/demo-ca
  std::string signing_password = "baocao-demo";  // scripts/demo-ca.sh's default
};

/// Seeds when the database has no account yet; returns the demo accounts (empty when the
/// database already had data). `data_dir` holds orgs/demo-hcmc.json.
core::Result<std::vector<DemoAccount>> seedDemo(Runtime& rt, const std::string& data_dir,
                                                const DemoOptions& options = {});

/// An actor for a demo account, so that the history names who did what (demo_indicators.h,
/// demo_reports.h).
core::Result<app::Actor> demoActor(Runtime& rt, const std::string& username);

/// Reads an organisation file (json/csv/xlsx by extension) and imports it all-or-nothing.
core::Result<app::ImportReport> importOrgFile(Runtime& rt, const std::string& path,
                                              const std::string& format);

}  // namespace baocao::server
