// Password policy of 003 Đ16 (Hanoi socio-economic targets system), also DOMAIN.md:
// at least 8 characters with upper case, lower case, digit and special character; must not
// contain the user's name, birth date or phone number; changed at first login (Đ16.2) and at
// least every 90 days ("ít nhất 03 tháng", Đ16.3); 5 failed logins lock the account 15 minutes.
// Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/security/account.h"

namespace baocao::core::security {

struct PasswordPolicy {
  int min_length = 8;
  int max_age_days = 90;
  int max_failed_logins = 5;
  int lockout_minutes = 15;
};

/// Checks a new password against the policy and the user's personal data.
/// Errors: WeakPassword with a Vietnamese message listing every unmet rule.
Status checkPassword(std::string_view password, const User& user, const PasswordPolicy& p = {});

/// True when the password must be changed before anything else (first login, reset, expiry).
bool passwordChangeDue(const User& user, Timestamp now, const PasswordPolicy& p = {});

}  // namespace baocao::core::security
