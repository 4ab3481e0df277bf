// UserRepository over SQL. username_key (ASCII lower case) carries the case-insensitive
// uniqueness; search_folded holds foldVietnamese("username full name").
#include "core/common/text.h"
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Timestamp;
namespace security = core::security;
namespace ports = core::ports;

constexpr const char* kCols =
    "id, username, full_name, email, phone, birth_date, unit_id, password_hash, "
    "must_change_password, password_changed_at, failed_logins, locked_until, revoked, "
    "created_at, version";

struct UserRow {
  long long id = 0, unit_id = 0, must_change = 0, changed_at = 0, failed = 0, locked_until = 0,
            revoked = 0, created_at = 0, version = 0;
  std::string username, full_name, email, phone, birth_date, password_hash;
  soci::indicator birth_ind = soci::i_ok, unit_ind = soci::i_ok, locked_ind = soci::i_ok;

  void bind(Stmt& s) {
    s.into(id);
    s.into(username);
    s.into(full_name);
    s.into(email);
    s.into(phone);
    s.into(birth_date, birth_ind);
    s.into(unit_id, unit_ind);
    s.into(password_hash);
    s.into(must_change);
    s.into(changed_at);
    s.into(failed);
    s.into(locked_until, locked_ind);
    s.into(revoked);
    s.into(created_at);
    s.into(version);
  }
  Result<security::User> user() const {
    security::User u;
    u.id = id;
    u.username = username;
    u.full_name = full_name;
    u.email = email;
    u.phone = phone;
    BAOCAO_ASSIGN(u.birth_date, parseDate(birth_date, birth_ind));
    u.unit_id = unit_ind == soci::i_ok ? unit_id : 0;
    u.password_hash = password_hash;
    u.must_change_password = must_change != 0;
    u.password_changed_at = Timestamp::fromMicros(changed_at);
    u.failed_logins = static_cast<int>(failed);
    if (locked_ind == soci::i_ok) u.locked_until = Timestamp::fromMicros(locked_until);
    u.revoked = revoked != 0;
    u.created_at = Timestamp::fromMicros(created_at);
    u.version = version;
    return u;
  }
};

std::optional<long long> unitRef(int64_t unit_id) {
  if (unit_id == 0) return std::nullopt;  // no home unit
  return static_cast<long long>(unit_id);
}
std::optional<long long> optMicros(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return static_cast<long long>(t->micros());
}

core::Error userNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy tài khoản (id " + std::to_string(id) + ")");
}
core::Error unitNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy đơn vị (id " + std::to_string(id) + ")");
}
core::Error usernameTaken(const std::string& username) {
  return makeError(ErrorCode::AlreadyExists, "Tên đăng nhập '" + username + "' đã tồn tại");
}

class SqlUserRepository final : public ports::UserRepository {
 public:
  explicit SqlUserRepository(TxContext& c) : c_(c) {}

  Result<security::User> create(security::User user) override {
    return guarded(c_, true, [&]() -> Result<security::User> {
      return atomically(c_, [&]() -> Result<security::User> {
        if (user.unit_id != 0 && !exists("org_unit", user.unit_id)) {
          return unitNotFound(user.unit_id);
        }
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::string q =
            "INSERT INTO app_user (username, username_key, full_name, search_folded, email, "
            "phone, birth_date, unit_id, password_hash, must_change_password, "
            "password_changed_at, failed_logins, locked_until, revoked, created_at, version) "
            "VALUES (" + values(s, user) + ", 1) RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return usernameTaken(user.username);
          throw;
        }
        user.id = id;
        user.version = 1;
        return user;
      });
    });
  }

  Result<security::User> update(const security::User& user) override {
    return guarded(c_, true, [&]() -> Result<security::User> {
      return atomically(c_, [&]() -> Result<security::User> {
        long long version = 0;
        {
          Stmt s(c_.sql);
          s.into(version);
          if (!s.run("SELECT version FROM app_user WHERE id = " +
                     s.param(static_cast<long long>(user.id)))) {
            return userNotFound(user.id);
          }
        }
        if (version != user.version) return conflict();
        if (user.unit_id != 0 && !exists("org_unit", user.unit_id)) {
          return unitNotFound(user.unit_id);
        }
        Stmt s(c_.sql);
        std::string q =
            "UPDATE app_user SET (username, username_key, full_name, search_folded, email, "
            "phone, birth_date, unit_id, password_hash, must_change_password, "
            "password_changed_at, failed_logins, locked_until, revoked, created_at) = (" +
            values(s, user) + "), version = version + 1 WHERE id = " +
            s.param(static_cast<long long>(user.id)) +
            " AND version = " + s.param(static_cast<long long>(user.version));
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return usernameTaken(user.username);
          throw;
        }
        if (s.affected() == 0) return conflict();
        security::User u = user;
        u.version = version + 1;
        return u;
      });
    });
  }

  Result<security::User> get(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<security::User> {
      Stmt s(c_.sql);
      UserRow row;
      row.bind(s);
      if (!s.run(std::string("SELECT ") + kCols + " FROM app_user WHERE id = " +
                 s.param(static_cast<long long>(id)))) {
        return userNotFound(id);
      }
      return row.user();
    });
  }

  Result<security::User> getByUsername(const std::string& username) override {
    return guarded(c_, false, [&]() -> Result<security::User> {
      Stmt s(c_.sql);
      UserRow row;
      row.bind(s);
      if (!s.run(std::string("SELECT ") + kCols + " FROM app_user WHERE username_key = " +
                 s.param(asciiLower(username)))) {
        return makeError(ErrorCode::NotFound, "Không tìm thấy tài khoản '" + username + "'");
      }
      return row.user();
    });
  }

  Result<std::vector<security::User>> find(const Query& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<security::User>> {
      std::vector<security::User> out;
      int limit = clampLimit(q.limit);
      if (limit == 0 || (q.unit_ids && q.unit_ids->empty())) return out;
      Stmt s(c_.sql);
      UserRow row;
      row.bind(s);
      std::vector<std::string> conds;
      for (const auto& w : searchWords(q.text)) {
        conds.push_back("search_folded LIKE " + s.param(likeContains(w)) + " ESCAPE '\\'");
      }
      if (q.unit_ids) {
        conds.push_back("unit_id IN (" + idList(*q.unit_ids, 0, q.unit_ids->size()) + ")");
      }
      if (!q.include_revoked) conds.push_back("revoked = 0");
      std::string sql = std::string("SELECT ") + kCols + " FROM app_user";
      for (size_t i = 0; i < conds.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + conds[i];
      sql += " ORDER BY username_key LIMIT " + std::to_string(limit) + " OFFSET " +
             std::to_string(q.offset < 0 ? 0 : q.offset);
      if (s.run(sql)) {
        do {
          BAOCAO_ASSIGN(auto u, row.user());
          out.push_back(std::move(u));
        } while (s.fetch());
      }
      return out;
    });
  }

  Result<security::Grant> addGrant(security::Grant g) override {
    return guarded(c_, true, [&]() -> Result<security::Grant> {
      return atomically(c_, [&]() -> Result<security::Grant> {
        if (!exists("app_user", g.user_id)) return userNotFound(g.user_id);
        if (!exists("org_unit", g.unit_id)) return unitNotFound(g.unit_id);
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::string q =
            "INSERT INTO user_grant (user_id, role, unit_id, include_subtree) VALUES (" +
            s.param(static_cast<long long>(g.user_id)) + ", " +
            s.param(std::string(security::roleId(g.role))) + ", " +
            s.param(static_cast<long long>(g.unit_id)) + ", " +
            s.param(static_cast<long long>(g.include_subtree ? 1 : 0)) + ") RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) {
            return makeError(ErrorCode::AlreadyExists,
                             "Quyền '" + std::string(security::roleId(g.role)) + "' tại đơn vị " +
                                 std::to_string(g.unit_id) + " đã được cấp");
          }
          throw;
        }
        g.id = id;
        return g;
      });
    });
  }

  Result<void> removeGrant(int64_t grant_id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("DELETE FROM user_grant WHERE id = " + s.param(static_cast<long long>(grant_id)));
      if (s.affected() == 0) {
        return makeError(ErrorCode::NotFound,
                         "Không tìm thấy quyền đã cấp (id " + std::to_string(grant_id) + ")");
      }
      return {};
    });
  }

  Result<std::vector<security::Grant>> grantsOf(int64_t user_id) override {
    return guarded(c_, false, [&]() -> Result<std::vector<security::Grant>> {
      std::vector<security::Grant> out;
      Stmt s(c_.sql);
      long long id = 0, uid = 0, unit = 0, subtree = 0;
      std::string role;
      s.into(id);
      s.into(uid);
      s.into(role);
      s.into(unit);
      s.into(subtree);
      if (s.run("SELECT id, user_id, role, unit_id, include_subtree FROM user_grant "
                "WHERE user_id = " + s.param(static_cast<long long>(user_id)) + " ORDER BY id")) {
        do {
          auto r = security::parseRole(role);
          if (!r) return storageError("vai trò không hợp lệ: '" + role + "'");
          out.push_back(security::Grant{id, uid, *r, unit, subtree != 0});
        } while (s.fetch());
      }
      return out;
    });
  }

 private:
  static core::Error conflict() {
    return makeError(ErrorCode::Conflict,
                     "Tài khoản đã được người khác thay đổi; hãy tải lại và thử lại");
  }

  bool exists(const char* table, int64_t id) {
    Stmt s(c_.sql);
    long long one = 0;
    s.into(one);
    return s.run(std::string("SELECT 1 FROM ") + table + " WHERE id = " +
                 s.param(static_cast<long long>(id)));
  }

  // The 15 column values shared by INSERT and UPDATE, in kCols order minus id and version.
  static std::string values(Stmt& s, const security::User& u) {
    return s.param(u.username) + ", " + s.param(asciiLower(u.username)) + ", " +
           s.param(u.full_name) + ", " +
           s.param(core::text::foldVietnamese(u.username + " " + u.full_name)) + ", " +
           s.param(u.email) + ", " + s.param(u.phone) + ", " + s.param(dateText(u.birth_date)) +
           ", " + s.param(unitRef(u.unit_id)) + ", " + s.param(u.password_hash) + ", " +
           s.param(static_cast<long long>(u.must_change_password ? 1 : 0)) + ", " +
           s.param(static_cast<long long>(u.password_changed_at.micros())) + ", " +
           s.param(static_cast<long long>(u.failed_logins)) + ", " +
           s.param(optMicros(u.locked_until)) + ", " +
           s.param(static_cast<long long>(u.revoked ? 1 : 0)) + ", " +
           s.param(static_cast<long long>(u.created_at.micros()));
  }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::UserRepository> makeUserRepository(TxContext& c) {
  return std::make_unique<SqlUserRepository>(c);
}

}  // namespace baocao::storage::sql
