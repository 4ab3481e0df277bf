// Log in, sessions, API tokens, password change and lockout (003 Đ16; 002 Đ16; DOMAIN.md).
//
// Sessions: a random 256-bit cookie value; only its SHA-256 is stored. Resolved sessions are
// cached in memory (hot path of every request) and dropped from the cache on logout, revoke,
// password change or grant change. last_seen is written back at most once a minute.
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"

namespace baocao::app {

class AuthService {
 public:
  AuthService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}

  struct LoginResult {
    std::string session_token;  // the cookie value; shown once, never stored
    Actor actor;
    core::security::User user;
  };
  /// BadCredentials (unknown user or wrong password: same message), AccountLocked (with the
  /// time it unlocks), AccountRevoked. Five failures lock the account for 15 minutes.
  core::Result<LoginResult> login(const std::string& username, const std::string& password,
                                  const std::string& ip);
  /// Resolves a session cookie. Unauthenticated when unknown, ended or expired.
  core::Result<Actor> authenticateSession(const std::string& token, const std::string& ip);
  /// Resolves "Authorization: Bearer <token>". Unauthenticated / AccountRevoked.
  core::Result<Actor> authenticateToken(const std::string& token, const std::string& ip);
  /// Ends the session and records its length.
  core::Status logout(const Actor& actor);
  /// BadCredentials when `current` is wrong; WeakPassword listing each unmet rule.
  core::Result<core::security::User> changePassword(const Actor& actor, const std::string& current,
                                                    const std::string& next);
  struct NewToken {
    std::string secret;  // "bct_..." shown once
    core::security::ApiToken token;
  };
  core::Result<NewToken> createToken(const Actor& actor, const std::string& name,
                                     std::optional<core::Date> expires_on);
  core::Result<std::vector<core::security::ApiToken>> listTokens(const Actor& actor);
  core::Status revokeToken(const Actor& actor, int64_t token_id);

  /// Drops cached sessions of a user (after revoke, reset, grant changes).
  void forgetUser(int64_t user_id);
  /// Current grants and flags of a user, as an Actor (for /auth/me after changes).
  core::Result<Actor> refresh(const Actor& actor);

 private:
  struct Cached {
    Cached(Actor a, core::Timestamp exp, core::Timestamp seen)
        : actor(std::move(a)), expires_at(exp), last_seen(seen), last_used_us(seen.micros()) {}
    Actor actor;
    core::Timestamp expires_at;           // absolute limit
    core::Timestamp last_seen;            // as last written to the store
    std::atomic<int64_t> last_used_us;    // in memory; updated under the shared lock
  };
  void remember(const std::string& hash, const Actor& actor, core::Timestamp expires,
                core::Timestamp now);
  core::Result<Actor> buildActor(core::ports::Tx& tx, const core::security::User& u,
                                 const std::string& ip);

  Context& ctx_;
  AuditService& audit_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Cached> cache_;  // token hash -> session
};

}  // namespace baocao::app
