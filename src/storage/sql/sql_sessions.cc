// SessionRepository over SQL: browser sessions (keyed by the cookie's SHA-256) and API tokens.
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Timestamp;
namespace security = core::security;
namespace ports = core::ports;

constexpr const char* kSessionCols =
    "token_hash, user_id, csrf_token, ip, created_at, last_seen_at, expires_at, ended_at";
constexpr const char* kTokenCols = "id, user_id, name, token_hash, created_at, expires_at, revoked";

struct SessionRow {
  std::string token_hash, csrf, ip;
  long long user_id = 0, created = 0, seen = 0, expires = 0, ended = 0;
  soci::indicator ended_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(token_hash);
    s.into(user_id);
    s.into(csrf);
    s.into(ip);
    s.into(created);
    s.into(seen);
    s.into(expires);
    s.into(ended, ended_ind);
  }
  security::Session session() const {
    security::Session x;
    x.token_hash = token_hash;
    x.user_id = user_id;
    x.csrf_token = csrf;
    x.ip = ip;
    x.created_at = Timestamp::fromMicros(created);
    x.last_seen_at = Timestamp::fromMicros(seen);
    x.expires_at = Timestamp::fromMicros(expires);
    if (ended_ind == soci::i_ok) x.ended_at = Timestamp::fromMicros(ended);
    return x;
  }
};

struct TokenRow {
  long long id = 0, user_id = 0, created = 0, expires = 0, revoked = 0;
  std::string name, token_hash;
  soci::indicator expires_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(user_id);
    s.into(name);
    s.into(token_hash);
    s.into(created);
    s.into(expires, expires_ind);
    s.into(revoked);
  }
  security::ApiToken token() const {
    security::ApiToken t;
    t.id = id;
    t.user_id = user_id;
    t.name = name;
    t.token_hash = token_hash;
    t.created_at = Timestamp::fromMicros(created);
    if (expires_ind == soci::i_ok) t.expires_at = Timestamp::fromMicros(expires);
    t.revoked = revoked != 0;
    return t;
  }
};

core::Error sessionNotFound() {
  return makeError(ErrorCode::NotFound, "Không tìm thấy phiên đăng nhập");
}
core::Error userNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy tài khoản (id " + std::to_string(id) + ")");
}
long long us(Timestamp t) { return static_cast<long long>(t.micros()); }

class SqlSessionRepository final : public ports::SessionRepository {
 public:
  explicit SqlSessionRepository(TxContext& c) : c_(c) {}

  Result<void> create(const security::Session& x) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        if (!userExists(x.user_id)) return userNotFound(x.user_id);
        Stmt s(c_.sql);
        std::optional<long long> ended;
        if (x.ended_at) ended = us(*x.ended_at);
        std::string q = std::string("INSERT INTO session (") + kSessionCols + ") VALUES (" +
                        s.param(x.token_hash) + ", " + s.param(static_cast<long long>(x.user_id)) +
                        ", " + s.param(x.csrf_token) + ", " + s.param(x.ip) + ", " +
                        s.param(us(x.created_at)) + ", " + s.param(us(x.last_seen_at)) + ", " +
                        s.param(us(x.expires_at)) + ", " + s.param(ended) + ")";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) {
            return makeError(ErrorCode::AlreadyExists, "Phiên đăng nhập đã tồn tại");
          }
          throw;
        }
        return {};
      });
    });
  }

  Result<security::Session> get(const std::string& token_hash) override {
    return guarded(c_, false, [&]() -> Result<security::Session> {
      Stmt s(c_.sql);
      SessionRow row;
      row.bind(s);
      if (!s.run(std::string("SELECT ") + kSessionCols + " FROM session WHERE token_hash = " +
                 s.param(token_hash))) {
        return sessionNotFound();
      }
      return row.session();
    });
  }

  Result<void> touch(const std::string& token_hash, Timestamp last_seen) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      std::string seen = s.param(us(last_seen));
      s.run("UPDATE session SET last_seen_at = " + seen + " WHERE token_hash = " +
            s.param(token_hash));
      if (s.affected() == 0) return sessionNotFound();
      return {};
    });
  }

  Result<void> end(const std::string& token_hash, Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      std::string when = s.param(us(at));
      std::string key = s.param(token_hash);
      // COALESCE keeps the first end time, so ending twice is a no-op that still finds the row.
      s.run("UPDATE session SET ended_at = COALESCE(ended_at, " + when +
            ") WHERE token_hash = " + key);
      if (s.affected() == 0) return sessionNotFound();
      return {};
    });
  }

  Result<std::vector<security::Session>> endAllOf(int64_t user_id, Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<std::vector<security::Session>> {
      std::vector<security::Session> out;
      {
        Stmt s(c_.sql);
        SessionRow row;
        row.bind(s);
        if (s.run(std::string("SELECT ") + kSessionCols + " FROM session WHERE user_id = " +
                  s.param(static_cast<long long>(user_id)) +
                  " AND ended_at IS NULL ORDER BY created_at, token_hash")) {
          do {
            out.push_back(row.session());
            out.back().ended_at = at;
          } while (s.fetch());
        }
      }
      Stmt s(c_.sql);
      std::string when = s.param(us(at));
      s.run("UPDATE session SET ended_at = " + when + " WHERE user_id = " +
            s.param(static_cast<long long>(user_id)) + " AND ended_at IS NULL");
      return out;
    });
  }

  Result<security::ApiToken> createToken(security::ApiToken t) override {
    return guarded(c_, true, [&]() -> Result<security::ApiToken> {
      return atomically(c_, [&]() -> Result<security::ApiToken> {
        if (!userExists(t.user_id)) return userNotFound(t.user_id);
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::optional<long long> expires;
        if (t.expires_at) expires = us(*t.expires_at);
        std::string q = "INSERT INTO api_token (user_id, name, token_hash, created_at, "
                        "expires_at, revoked) VALUES (" +
                        s.param(static_cast<long long>(t.user_id)) + ", " + s.param(t.name) +
                        ", " + s.param(t.token_hash) + ", " + s.param(us(t.created_at)) + ", " +
                        s.param(expires) + ", " +
                        s.param(static_cast<long long>(t.revoked ? 1 : 0)) + ") RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) {
            return makeError(ErrorCode::AlreadyExists, "Mã truy cập API đã tồn tại");
          }
          throw;
        }
        t.id = id;
        return t;
      });
    });
  }

  Result<security::ApiToken> getToken(const std::string& token_hash) override {
    return guarded(c_, false, [&]() -> Result<security::ApiToken> {
      Stmt s(c_.sql);
      TokenRow row;
      row.bind(s);
      if (!s.run(std::string("SELECT ") + kTokenCols + " FROM api_token WHERE token_hash = " +
                 s.param(token_hash))) {
        return makeError(ErrorCode::NotFound, "Không tìm thấy mã truy cập API");
      }
      return row.token();
    });
  }

  Result<std::vector<security::ApiToken>> tokensOf(int64_t user_id) override {
    return guarded(c_, false, [&]() -> Result<std::vector<security::ApiToken>> {
      std::vector<security::ApiToken> out;
      Stmt s(c_.sql);
      TokenRow row;
      row.bind(s);
      if (s.run(std::string("SELECT ") + kTokenCols + " FROM api_token WHERE user_id = " +
                s.param(static_cast<long long>(user_id)) + " ORDER BY id")) {
        do out.push_back(row.token());
        while (s.fetch());
      }
      return out;
    });
  }

  Result<void> revokeToken(int64_t token_id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("UPDATE api_token SET revoked = 1 WHERE id = " +
            s.param(static_cast<long long>(token_id)));
      if (s.affected() == 0) {
        return makeError(ErrorCode::NotFound,
                         "Không tìm thấy mã truy cập API (id " + std::to_string(token_id) + ")");
      }
      return {};
    });
  }

  Result<void> revokeAllTokensOf(int64_t user_id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("UPDATE api_token SET revoked = 1 WHERE user_id = " +
            s.param(static_cast<long long>(user_id)));
      return {};
    });
  }

 private:
  bool userExists(int64_t id) {
    Stmt s(c_.sql);
    long long one = 0;
    s.into(one);
    return s.run("SELECT 1 FROM app_user WHERE id = " + s.param(static_cast<long long>(id)));
  }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::SessionRepository> makeSessionRepository(TxContext& c) {
  return std::make_unique<SqlSessionRepository>(c);
}

}  // namespace baocao::storage::sql
