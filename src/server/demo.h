// Demo data for `make run`: Ho Chi Minh City's real organisation tree (data/orgs/demo-hcmc.json)
// and one account per role. Only applied to an empty database. Thread-safety: call once.
#pragma once

#include <string>
#include <vector>

#include "server/runtime.h"

namespace baocao::server {

struct DemoAccount {
  std::string username;
  std::string full_name;
  std::string role_label;
  std::string unit_name;
};

inline constexpr const char* kDemoPassword = "Baocao@2026";

/// Seeds when the database has no account yet; returns the demo accounts (empty when the
/// database already had data). `data_dir` holds orgs/demo-hcmc.json.
core::Result<std::vector<DemoAccount>> seedDemo(Runtime& rt, const std::string& data_dir);

/// Reads an organisation file (json/csv/xlsx by extension) and imports it all-or-nothing.
core::Result<app::ImportReport> importOrgFile(Runtime& rt, const std::string& path,
                                              const std::string& format);

}  // namespace baocao::server
