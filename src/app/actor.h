// Who is calling: the authenticated user with their grants, and where from.
// Built by AuthService::authenticate*; passed to every use case, which checks permissions.
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/security/account.h"

namespace baocao::app {

struct Actor {
  int64_t user_id = 0;
  std::string username;
  int64_t unit_id = 0;
  std::vector<core::security::Grant> grants;
  std::string ip;
  bool via_token = false;             // API token (machine client): no CSRF, no password expiry
  bool must_change_password = false;  // first login, reset, or older than 90 days
  std::string session_hash;           // empty for tokens
  std::string csrf_token;
};

}  // namespace baocao::app
