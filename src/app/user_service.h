// Use cases on accounts and role grants (002 Đ17.4a; 003 Đ10, Đ16). Unit administrators act
// only inside their scope and cannot hand out system_admin; revoking an account ends its
// sessions and API tokens at once. Thread-safety: stateless beyond Context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/context.h"

namespace baocao::app {

class UserService {
 public:
  UserService(Context& ctx, AuditService& audit, AuthService& auth)
      : ctx_(ctx), audit_(audit), auth_(auth) {}

  core::Result<std::vector<core::security::User>> list(const Actor& actor,
                                                       core::ports::UserRepository::Query q);
  struct Detail {
    core::security::User user;
    std::vector<core::security::Grant> grants;
  };
  core::Result<Detail> get(const Actor& actor, int64_t id);
  /// `actor` nullptr = the operator on the command line (`baocao user add`).
  core::Result<core::security::User> create(const Actor* actor, core::security::User user,
                                            const std::string& password);
  /// Changes profile fields; `user.version` must match (Conflict otherwise).
  core::Result<core::security::User> update(const Actor& actor, core::security::User user);
  core::Result<core::security::User> resetPassword(const Actor* actor, int64_t id,
                                                   const std::string& password);
  core::Result<core::security::User> revoke(const Actor* actor, int64_t id);
  core::Result<core::security::Grant> addGrant(const Actor* actor, core::security::Grant g);
  core::Status removeGrant(const Actor& actor, int64_t user_id, int64_t grant_id);

 private:
  core::Status requireManage(const Actor* actor, int64_t unit_id);
  core::Status requireRead(const Actor& actor, int64_t unit_id);
  Context& ctx_;
  AuditService& audit_;
  AuthService& auth_;
};

}  // namespace baocao::app
