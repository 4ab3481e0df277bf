// What every use case needs: the store, the clock, the tree index and the settings.
// Built once by the composition root (server/) and shared. Thread-safety: the members are.
#pragma once

#include "app/crypto.h"
#include "app/org_index.h"
#include "core/ports/clock.h"
#include "core/ports/store.h"
#include "core/security/password_policy.h"

namespace baocao::app {

/// Settings the use cases receive (the core never reads configuration itself).
struct AppConfig {
  crypto::HashParams hash;                   // argon2id cost
  core::security::PasswordPolicy policy;     // 003 Đ16
  int session_idle_minutes = 30;             // a session unused this long ends
  int session_max_hours = 12;                // and none lasts longer than this
};

struct Context {
  core::ports::Store& store;
  const core::ports::Clock& clock;
  OrgIndex& index;
  AppConfig config;
};

}  // namespace baocao::app
