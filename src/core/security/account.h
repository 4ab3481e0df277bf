// Accounts, roles and grants (003 Đ10, Đ15, Đ16; 002 Đ17.4a; DOMAIN.md "Security").
//
// A user holds grants: (role, unit, with or without the unit's subtree). Every server-side
// check asks core::security::Authorizer whether a role set permits an Action on a unit.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::security {

enum class Role {
  SystemAdmin,  // quản trị hệ thống
  UnitAdmin,    // quản trị đơn vị
  DataEntry,    // nhập liệu
  Reviewer,     // kiểm tra (lãnh đạo phòng)
  Approver,     // phê duyệt, ký số (lãnh đạo đơn vị)
  Sender,       // gửi báo cáo
  Aggregator,   // tổng hợp
  Viewer,       // xem
  Inspector,    // thanh tra, kiểm tra (Sở Nội vụ)
};
std::string_view roleId(Role r);         // "system_admin", "unit_admin", "data_entry", ...
std::string_view roleLabel(Role r);      // Vietnamese
Result<Role> parseRole(std::string_view id);
std::vector<Role> allRoles();

struct Grant {
  int64_t id = 0;
  int64_t user_id = 0;
  Role role = Role::Viewer;
  int64_t unit_id = 0;
  bool include_subtree = true;
};

struct User {
  int64_t id = 0;
  std::string username;      // login name, ASCII [a-z0-9._-], unique, case-insensitive
  std::string full_name;     // Vietnamese
  std::string email;
  std::string phone;
  std::optional<Date> birth_date;
  int64_t unit_id = 0;       // home unit (the unit the person works for)
  std::string password_hash; // argon2id PHC string; never leaves the server
  bool must_change_password = true;   // set on creation and reset (003 Đ16.2)
  Timestamp password_changed_at;
  int failed_logins = 0;
  std::optional<Timestamp> locked_until;
  bool revoked = false;
  Timestamp created_at;
  int64_t version = 1;
};

struct Session {
  std::string token_hash;    // SHA-256 of the cookie value (the cookie itself is never stored)
  int64_t user_id = 0;
  std::string csrf_token;
  std::string ip;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;
  std::optional<Timestamp> ended_at;
};

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string token_hash;    // SHA-256 of the secret
  Timestamp created_at;
  std::optional<Timestamp> expires_at;
  bool revoked = false;
};

/// Validates user fields supplied on create/update (not the password). Errors name the field.
Status validateUser(const User& u);

}  // namespace baocao::core::security
