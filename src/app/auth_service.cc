#include "app/auth_service.h"

#include <algorithm>

#include "app/crypto.h"
#include "app/views.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::Timestamp;
using core::ports::TxMode;
namespace sec = core::security;

namespace {
constexpr const char* kTokenPrefix = "bct_";

std::string lockMessage(Timestamp until) {
  // shown in Vietnam time, dd/mm/yyyy HH:MM
  Timestamp local = until.plusSeconds(7 * 3600);
  std::string iso = local.iso();  // 2026-03-14T08:30:00.000Z
  return "Tài khoản tạm khóa do đăng nhập sai quá 5 lần; thử lại sau " + iso.substr(11, 5) +
         " ngày " + until.vietnamDate().vietnamese();
}
}  // namespace

core::Result<Actor> AuthService::buildActor(core::ports::Tx& tx, const sec::User& u,
                                            const std::string& ip) {
  BAOCAO_ASSIGN(auto grants, tx.users().grantsOf(u.id));
  Actor a;
  a.user_id = u.id;
  a.username = u.username;
  a.unit_id = u.unit_id;
  a.grants = std::move(grants);
  a.ip = ip;
  a.must_change_password = sec::passwordChangeDue(u, ctx_.clock.now(), ctx_.config.policy);
  return a;
}

core::Result<AuthService::LoginResult> AuthService::login(const std::string& username,
                                                          const std::string& password,
                                                          const std::string& ip) {
  Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto found = tx->users().getByUsername(username);
  if (!found) {
    if (found.error().code != ErrorCode::NotFound) return found.error();
    // Spend the same time as a real check so that timing does not reveal which names exist.
    static const std::string dummy = crypto::hashPassword("dummy-password", ctx_.config.hash);
    crypto::verifyPassword(password, dummy);
    BAOCAO_TRY(audit_.append(*tx, nullptr,
                             {"auth.login_failed", "user", "", std::nullopt, "",
                              nlohmann::json{{"reason", "unknown_user"}}.dump()},
                             username.substr(0, 64), ip));
    BAOCAO_TRY(tx->commit());
    return makeError(ErrorCode::BadCredentials);
  }
  sec::User u = std::move(found).value();
  if (u.revoked) return makeError(ErrorCode::AccountRevoked);
  if (u.locked_until && now < *u.locked_until)
    return makeError(ErrorCode::AccountLocked, lockMessage(*u.locked_until));

  if (!crypto::verifyPassword(password, u.password_hash)) {
    u.failed_logins += 1;
    bool lock = u.failed_logins >= ctx_.config.policy.max_failed_logins;
    if (lock) {
      u.locked_until = now.plusSeconds(int64_t{ctx_.config.policy.lockout_minutes} * 60);
      u.failed_logins = 0;
    }
    BAOCAO_ASSIGN(auto saved, tx->users().update(u));
    BAOCAO_TRY(audit_.append(*tx, nullptr,
                             {lock ? "auth.locked" : "auth.login_failed", "user",
                              std::to_string(u.id), u.unit_id, "",
                              nlohmann::json{{"reason", "wrong_password"},
                                             {"failed_logins", lock ? 5 : saved.failed_logins}}
                                  .dump()},
                             u.username, ip));
    BAOCAO_TRY(tx->commit());
    if (lock) return makeError(ErrorCode::AccountLocked, lockMessage(*saved.locked_until));
    return makeError(ErrorCode::BadCredentials);
  }

  if (u.failed_logins != 0 || u.locked_until) {
    u.failed_logins = 0;
    u.locked_until.reset();
    BAOCAO_ASSIGN(auto saved, tx->users().update(u));
    u = saved;
  }
  sec::Session s;
  std::string token = crypto::randomToken(32);
  s.token_hash = crypto::sha256Hex(token);
  s.user_id = u.id;
  s.csrf_token = crypto::randomToken(24);
  s.ip = ip;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now.plusSeconds(int64_t{ctx_.config.session_max_hours} * 3600);
  BAOCAO_TRY(tx->sessions().create(s));
  BAOCAO_ASSIGN(Actor actor, buildActor(*tx, u, ip));
  actor.session_hash = s.token_hash;
  actor.csrf_token = s.csrf_token;
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"auth.login", "session", s.token_hash.substr(0, 12), u.unit_id, "",
                            nlohmann::json{{"ip", ip}, {"session", s.token_hash.substr(0, 12)}}
                                .dump()}));
  BAOCAO_TRY(tx->commit());
  remember(s.token_hash, actor, s.expires_at, now);
  return LoginResult{token, actor, u};
}

core::Result<Actor> AuthService::authenticateSession(const std::string& token,
                                                     const std::string& ip) {
  if (token.empty() || token.size() > 100) return makeError(ErrorCode::Unauthenticated);
  Timestamp now = ctx_.clock.now();
  const int64_t idle = int64_t{ctx_.config.session_idle_minutes} * 60;
  std::string h = crypto::sha256Hex(token);
  bool write_back = false;
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(h);
    if (it != cache_.end()) {
      Cached& c = it->second;
      int64_t last_used_s = c.last_used_us.load(std::memory_order_relaxed) / 1000000;
      if (now >= c.expires_at || now.seconds() - last_used_s > idle) {
        // expired: fall through to the slow path, which ends it
      } else {
        c.last_used_us.store(now.micros(), std::memory_order_relaxed);
        write_back = now.seconds() - c.last_seen.seconds() >= 60;
        if (!write_back) {
          Actor a = c.actor;
          a.ip = ip;
          return a;
        }
      }
    }
  }
  // Slow path: load from the store (first request after restart, expiry, or write-back).
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto s = tx->sessions().get(h);
  if (!s) {
    if (s.error().code == ErrorCode::NotFound) return makeError(ErrorCode::Unauthenticated);
    return s.error();
  }
  sec::Session sess = std::move(s).value();
  bool expired = sess.ended_at.has_value() || now >= sess.expires_at ||
                 now.seconds() - sess.last_seen_at.seconds() > idle;
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(h);
    if (it != cache_.end() &&
        now.seconds() - it->second.last_used_us.load() / 1000000 <= idle &&
        !sess.ended_at && now < sess.expires_at)
      expired = false;  // in-memory use kept it alive since the last write-back
  }
  if (expired) {
    if (!sess.ended_at) {
      // Record the session's length like a logout (002 Đ16: logins and session times).
      Timestamp ended = std::min(now, sess.expires_at);
      BAOCAO_TRY(tx->sessions().end(h, ended));
      auto user = tx->users().get(sess.user_id);
      BAOCAO_TRY(audit_.append(
          *tx, nullptr,
          {"auth.session_expired", "session", h.substr(0, 12),
           user ? std::optional<int64_t>(user->unit_id) : std::nullopt, "",
           nlohmann::json{{"session_seconds", ended.seconds() - sess.created_at.seconds()},
                          {"last_seen", sess.last_seen_at.iso()}}
               .dump()},
          user ? user->username : std::string(), sess.ip));
      BAOCAO_TRY(tx->commit());
    }
    std::unique_lock lock(mu_);
    cache_.erase(h);
    return makeError(ErrorCode::Unauthenticated);
  }
  BAOCAO_ASSIGN(auto user, tx->users().get(sess.user_id));
  if (user.revoked) return makeError(ErrorCode::Unauthenticated);
  BAOCAO_TRY(tx->sessions().touch(h, now));
  BAOCAO_ASSIGN(Actor actor, buildActor(*tx, user, ip));
  BAOCAO_TRY(tx->commit());
  actor.session_hash = h;
  actor.csrf_token = sess.csrf_token;
  remember(h, actor, sess.expires_at, now);
  return actor;
}

core::Result<Actor> AuthService::authenticateToken(const std::string& token,
                                                   const std::string& ip) {
  if (token.rfind(kTokenPrefix, 0) != 0 || token.size() > 100)
    return makeError(ErrorCode::Unauthenticated);
  std::string h = crypto::sha256Hex(token);
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  auto t = tx->sessions().getToken(h);
  if (!t) {
    if (t.error().code == ErrorCode::NotFound) return makeError(ErrorCode::Unauthenticated);
    return t.error();
  }
  Timestamp now = ctx_.clock.now();
  if (t->revoked || (t->expires_at && now >= *t->expires_at))
    return makeError(ErrorCode::Unauthenticated, "Mã truy cập API đã bị thu hồi hoặc hết hạn");
  BAOCAO_ASSIGN(auto user, tx->users().get(t->user_id));
  if (user.revoked) return makeError(ErrorCode::AccountRevoked);
  BAOCAO_ASSIGN(Actor actor, buildActor(*tx, user, ip));
  actor.via_token = true;
  actor.must_change_password = false;  // machine clients have no password to change
  return actor;
}

core::Status AuthService::logout(const Actor& actor) {
  if (actor.session_hash.empty()) return core::ok();
  Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto s = tx->sessions().get(actor.session_hash);
  if (s && !s->ended_at) {
    BAOCAO_TRY(tx->sessions().end(actor.session_hash, now));
    int64_t secs = now.seconds() - s->created_at.seconds();
    BAOCAO_TRY(audit_.append(*tx, &actor,
                             {"auth.logout", "session", actor.session_hash.substr(0, 12),
                              actor.unit_id, "",
                              nlohmann::json{{"session_seconds", secs}}.dump()}));
  }
  BAOCAO_TRY(tx->commit());
  std::unique_lock lock(mu_);
  cache_.erase(actor.session_hash);
  return core::ok();
}

core::Result<sec::User> AuthService::changePassword(const Actor& actor, const std::string& current,
                                                    const std::string& next) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(sec::User u, tx->users().get(actor.user_id));
  if (!crypto::verifyPassword(current, u.password_hash))
    return makeError(ErrorCode::BadCredentials, "Trường 'current_password': mật khẩu hiện tại không đúng",
                     {{"current_password", "không đúng"}});
  BAOCAO_TRY(sec::checkPassword(next, u, ctx_.config.policy));
  if (crypto::verifyPassword(next, u.password_hash))
    return makeError(ErrorCode::WeakPassword, "Trường 'new_password': mật khẩu mới phải khác mật khẩu cũ",
                     {{"new_password", "trùng mật khẩu cũ"}});
  u.password_hash = crypto::hashPassword(next, ctx_.config.hash);
  u.must_change_password = false;
  u.password_changed_at = ctx_.clock.now();
  BAOCAO_ASSIGN(auto saved, tx->users().update(u));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"auth.password_changed", "user", std::to_string(u.id), u.unit_id, "",
                            ""}));
  BAOCAO_TRY(tx->commit());
  forgetUser(u.id);
  return saved;
}

core::Result<AuthService::NewToken> AuthService::createToken(const Actor& actor,
                                                             const std::string& name,
                                                             std::optional<core::Date> expires_on) {
  if (name.empty() || name.size() > 100)
    return makeError(ErrorCode::InvalidField, "Trường 'name': tên mã truy cập phải từ 1 đến 100 ký tự",
                     {{"name", "độ dài không hợp lệ"}});
  NewToken out;
  out.secret = kTokenPrefix + crypto::randomToken(32);
  sec::ApiToken t;
  t.user_id = actor.user_id;
  t.name = name;
  t.token_hash = crypto::sha256Hex(out.secret);
  t.created_at = ctx_.clock.now();
  if (expires_on) t.expires_at = core::Timestamp::fromSeconds(int64_t{expires_on->days()} * 86400 - 7 * 3600 + 86400);
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(out.token, tx->sessions().createToken(t));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"token.create", "api_token", std::to_string(out.token.id),
                            actor.unit_id, "", views::token(out.token).dump()}));
  BAOCAO_TRY(tx->commit());
  return out;
}

core::Result<std::vector<sec::ApiToken>> AuthService::listTokens(const Actor& actor) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->sessions().tokensOf(actor.user_id);
}

core::Status AuthService::revokeToken(const Actor& actor, int64_t token_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto mine, tx->sessions().tokensOf(actor.user_id));
  const sec::ApiToken* found = nullptr;
  for (const auto& t : mine)
    if (t.id == token_id) found = &t;
  if (!found) return makeError(ErrorCode::NotFound, "Không tìm thấy mã truy cập " + std::to_string(token_id));
  BAOCAO_TRY(tx->sessions().revokeToken(token_id));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"token.revoke", "api_token", std::to_string(token_id), actor.unit_id,
                            views::token(*found).dump(), ""}));
  return tx->commit();
}

void AuthService::remember(const std::string& hash, const Actor& actor, Timestamp expires,
                           Timestamp now) {
  std::unique_lock lock(mu_);
  cache_.erase(hash);
  cache_.try_emplace(hash, actor, expires, now);
}

void AuthService::forgetUser(int64_t user_id) {
  std::unique_lock lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.actor.user_id == user_id)
      it = cache_.erase(it);
    else
      ++it;
  }
}

core::Result<Actor> AuthService::refresh(const Actor& actor) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto u, tx->users().get(actor.user_id));
  BAOCAO_ASSIGN(Actor a, buildActor(*tx, u, actor.ip));
  a.session_hash = actor.session_hash;
  a.csrf_token = actor.csrf_token;
  a.via_token = actor.via_token;
  if (a.via_token) a.must_change_password = false;
  return a;
}

}  // namespace baocao::app
