#include "storage/sql/sql_store.h"

#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <sstream>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/common/text.h"
#include "storage/sql/sql_internal.h"

extern char** environ;

namespace baocao::storage::sql {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Status;
namespace ports = core::ports;

// ---------------------------------------------------------------------------------- helpers

Status TxContext::live() const {
  if (done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
  return {};
}

Status TxContext::writable() const {
  BAOCAO_TRY(live());
  if (mode != ports::TxMode::Write) {
    return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
  }
  return {};
}

std::string Stmt::param(long long v) {
  ints_.push_back(v);
  inds_.push_back(soci::i_ok);
  return bind(ints_.back());
}
std::string Stmt::param(const std::string& v) {
  strs_.push_back(v);
  inds_.push_back(soci::i_ok);
  return bind(strs_.back());
}
std::string Stmt::param(double v) {
  dbls_.push_back(v);
  inds_.push_back(soci::i_ok);
  return bind(dbls_.back());
}
std::string Stmt::param(std::optional<long long> v) {
  ints_.push_back(v.value_or(0));
  inds_.push_back(v ? soci::i_ok : soci::i_null);
  return bind(ints_.back());
}
std::string Stmt::param(std::optional<std::string> v) {
  strs_.push_back(v.value_or(std::string()));
  inds_.push_back(v ? soci::i_ok : soci::i_null);
  return bind(strs_.back());
}
std::string Stmt::param(std::optional<double> v) {
  dbls_.push_back(v.value_or(0.0));
  inds_.push_back(v ? soci::i_ok : soci::i_null);
  return bind(dbls_.back());
}

bool Stmt::run(const std::string& sql_text) {
  st_.alloc();
  st_.prepare(sql_text);
  st_.define_and_bind();
  return st_.execute(true);
}

bool isUniqueViolation(const soci::soci_error& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return lite->result() == SQLITE_CONSTRAINT &&
           std::strstr(e.what(), "UNIQUE constraint failed") != nullptr;
  }
  return false;
}

core::Error storageError(const std::string& what) {
  return makeError(ErrorCode::StorageError, "Lỗi cơ sở dữ liệu: " + what);
}

std::string likeEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 4);
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}
std::string likeContains(const std::string& word) {
  std::string out(1, '%');
  out += likeEscape(word);
  out += '%';
  return out;
}
std::string likePrefix(const std::string& prefix) { return likeEscape(prefix) + "%"; }

std::vector<std::string> searchWords(const std::string& text) {
  std::vector<std::string> words;
  std::string folded = core::text::foldVietnamese(text);
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) words.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

std::string asciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string idList(const std::vector<int64_t>& ids, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::optional<std::string> dateText(const std::optional<core::Date>& d) {
  if (!d) return std::nullopt;
  return d->iso();
}

Result<std::optional<core::Date>> parseDate(const std::string& text, soci::indicator ind) {
  if (ind == soci::i_null) return std::optional<core::Date>();
  auto d = core::Date::parseIso(text);
  if (!d) return storageError("ngày không hợp lệ trong cơ sở dữ liệu: '" + text + "'");
  return std::optional<core::Date>(*d);
}

namespace {

constexpr auto kLeaseWait = std::chrono::seconds(30);
constexpr long long kMigrationLockKey = 7406202501;  // pg_advisory_xact_lock key for migrate()

long long nowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Target {
  Dialect dialect;
  std::string where;  // SQLite file path or libpq conninfo / URI
};

// SOCI 4.0 rewrites the connect string it is given (it looks for its own options), which mangles
// URIs; libpq parses the URI here and SOCI gets plain keyword='value' pairs.
Result<std::string> keywordConninfo(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (!opts) {
    std::string msg = err ? err : "invalid connection string";
    if (err) PQfreemem(err);
    return makeError(ErrorCode::InvalidField, "Địa chỉ PostgreSQL không hợp lệ: " + msg);
  }
  std::string out;
  bool has_encoding = false;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    if (std::strcmp(o->keyword, "client_encoding") == 0) has_encoding = true;
    std::string v;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') v.push_back('\\');
      v.push_back(*c);
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + v + "'";
  }
  PQconninfoFree(opts);
  if (!has_encoding) out += " client_encoding='UTF8'";
  return out;
}

Result<Target> parseUrl(const std::string& url) {
  auto starts = [&](const char* p) { return url.rfind(p, 0) == 0; };
  if (starts("sqlite:")) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://PATH
    if (path.empty()) return makeError(ErrorCode::InvalidField, "Thiếu đường dẫn tệp SQLite");
    if (path.find('"') != std::string::npos) {
      return makeError(ErrorCode::InvalidField, "Đường dẫn tệp SQLite không được chứa dấu \"");
    }
    return Target{Dialect::Sqlite, path};
  }
  if (starts("postgresql://") || starts("postgres://") || starts("postgresql:")) {
    std::string conninfo = starts("postgresql:") && !starts("postgresql://") ? url.substr(11) : url;
    auto kw = keywordConninfo(conninfo);
    if (!kw) return kw.error();
    return Target{Dialect::Postgres, *kw};
  }
  return makeError(ErrorCode::InvalidField,
                   "Địa chỉ cơ sở dữ liệu phải bắt đầu bằng 'sqlite:' hoặc 'postgresql://'");
}

std::unique_ptr<soci::session> connect(const Target& t) {
  std::unique_ptr<soci::session> s;
  if (t.dialect == Dialect::Sqlite) {
    // Quoted: SOCI splits the connect string on spaces.
    s = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + t.where + "\" timeout=5");
    std::string mode;
    *s << "PRAGMA journal_mode=WAL", soci::into(mode);
    *s << "PRAGMA foreign_keys=ON";
    *s << "PRAGMA busy_timeout=5000";
    *s << "PRAGMA synchronous=NORMAL";
    // 32 MiB page cache (default 2 MiB): a large import otherwise spills pages to the WAL
    // again and again before it commits.
    *s << "PRAGMA cache_size=-32768";
    // Savepoints keep their undo (statement journal) in memory instead of a temp file.
    *s << "PRAGMA temp_store=MEMORY";
  } else {
    s = std::make_unique<soci::session>(soci::postgresql, t.where);
    *s << "SET client_encoding TO 'UTF8'";
    *s << "SET client_min_messages TO WARNING";  // no NOTICEs on stderr (CREATE ... IF NOT EXISTS)
  }
  return s;
}

// A fixed set of sessions opened up front; a lease is an index.
class Pool {
 public:
  void add(std::unique_ptr<soci::session> s) {
    free_.push_back(sessions_.size());
    sessions_.push_back(std::move(s));
  }
  std::optional<size_t> lease() {
    std::unique_lock<std::mutex> lock(m_);
    if (!cv_.wait_for(lock, kLeaseWait, [&] { return !free_.empty(); })) return std::nullopt;
    size_t i = free_.back();
    free_.pop_back();
    return i;
  }
  void giveBack(size_t i) {
    {
      std::lock_guard<std::mutex> lock(m_);
      free_.push_back(i);
    }
    cv_.notify_one();
  }
  soci::session& at(size_t i) { return *sessions_[i]; }
  ports::Store::PoolStats stats() const {
    std::lock_guard<std::mutex> lock(m_);
    int size = static_cast<int>(sessions_.size());
    return {size, size - static_cast<int>(free_.size())};
  }

 private:
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  std::vector<size_t> free_;
};

// A leased session, returned to the pool (after a health check if a statement failed).
class Lease {
 public:
  Lease(Pool& pool, size_t i) : pool_(&pool), i_(i) {}
  Lease(Lease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), i_(o.i_) {}
  Lease& operator=(Lease&&) = delete;
  ~Lease() { release(false); }
  soci::session& sql() { return pool_->at(i_); }
  void release(bool suspect) {
    if (!pool_) return;
    if (suspect) {
      try {
        sql() << "SELECT 1";
      } catch (...) {
        try {
          sql().reconnect();
        } catch (...) {  // the next user gets StorageError and tries again
        }
      }
    }
    pool_->giveBack(i_);
    pool_ = nullptr;
  }

 private:
  Pool* pool_;
  size_t i_;
};

class SqlTx final : public ports::Tx {
 public:
  SqlTx(Lease lease, std::unique_lock<std::timed_mutex> write_lock, Dialect d, ports::TxMode m)
      : lease_(std::move(lease)),
        write_lock_(std::move(write_lock)),
        ctx_{lease_.sql(), d, m},
        orgs_(makeOrgRepository(ctx_)),
        users_(makeUserRepository(ctx_)),
        sessions_(makeSessionRepository(ctx_)),
        audit_(makeAuditRepository(ctx_)),
        calendar_(makeCalendarRepository(ctx_)),
        indicators_(makeIndicatorRepository(ctx_)),
        targets_(makeTargetRepository(ctx_)),
        regimes_(makeRegimeRepository(ctx_)),
        obligations_(makeObligationRepository(ctx_)),
        reports_(makeReportRepository(ctx_)),
        notify_(makeNotifyRepository(ctx_)) {}

  ~SqlTx() override {
    if (!committed_) {
      try {
        ctx_.exec("ROLLBACK");
      } catch (...) {
        ctx_.broken = true;
      }
    }
    lease_.release(ctx_.broken);
  }

  ports::OrgRepository& orgs() override { return *orgs_; }
  ports::UserRepository& users() override { return *users_; }
  ports::SessionRepository& sessions() override { return *sessions_; }
  ports::AuditRepository& audit() override { return *audit_; }
  ports::CalendarRepository& calendar() override { return *calendar_; }
  ports::IndicatorRepository& indicators() override { return *indicators_; }
  ports::TargetRepository& targets() override { return *targets_; }
  ports::RegimeRepository& regimes() override { return *regimes_; }
  ports::ObligationRepository& obligations() override { return *obligations_; }
  ports::ReportRepository& reports() override { return *reports_; }
  ports::NotifyRepository& notify() override { return *notify_; }

  Result<void> commit() override {
    BAOCAO_TRY(ctx_.live());
    ctx_.done = true;
    try {
      ctx_.exec("COMMIT");
      committed_ = true;
    } catch (const std::exception& e) {
      ctx_.broken = true;
      return storageError(e.what());
    }
    return {};
  }

 private:
  Lease lease_;
  std::unique_lock<std::timed_mutex> write_lock_;
  TxContext ctx_;
  bool committed_ = false;
  std::unique_ptr<ports::OrgRepository> orgs_;
  std::unique_ptr<ports::UserRepository> users_;
  std::unique_ptr<ports::SessionRepository> sessions_;
  std::unique_ptr<ports::AuditRepository> audit_;
  std::unique_ptr<ports::CalendarRepository> calendar_;
  std::unique_ptr<ports::IndicatorRepository> indicators_;
  std::unique_ptr<ports::TargetRepository> targets_;
  std::unique_ptr<ports::RegimeRepository> regimes_;
  std::unique_ptr<ports::ObligationRepository> obligations_;
  std::unique_ptr<ports::ReportRepository> reports_;
  std::unique_ptr<ports::NotifyRepository> notify_;
};

class SqlStore final : public ports::Store {
 public:
  explicit SqlStore(Target t) : target_(std::move(t)) {}

  Status open(int pool_size) {
    for (int i = 0; i < pool_size; ++i) pool_.add(connect(target_));
    return {};
  }

  Result<int> migrate() override {
    auto lease = acquire();
    if (!lease) return lease.error();
    std::unique_lock<std::timed_mutex> wl;
    if (target_.dialect == Dialect::Sqlite) {
      wl = std::unique_lock<std::timed_mutex>(write_mutex_, std::defer_lock);
      if (!wl.try_lock_for(kLeaseWait)) return busy();
    }
    soci::session& s = lease->sql();
    bool open = false;
    try {
      if (target_.dialect == Dialect::Sqlite) {
        s << "BEGIN IMMEDIATE";
        open = true;
      } else {
        s << "BEGIN";
        open = true;
        // Two processes starting together: the second waits here, then finds nothing to do.
        s << "SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")";
      }
      s << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";
      long long current = 0;
      s << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", soci::into(current);
      auto all = migrations(target_.dialect);
      for (size_t v = static_cast<size_t>(current); v < all.size(); ++v) {
        for (const auto& stmt : all[v]) s << stmt;
        long long version = static_cast<long long>(v + 1);
        long long at = nowMicros();
        s << "INSERT INTO schema_migrations (version, applied_at) VALUES (:v, :t)",
            soci::use(version), soci::use(at);
      }
      s << "COMMIT";
      return static_cast<int>(all.size());
    } catch (const std::exception& e) {
      if (open) {
        try {
          s << "ROLLBACK";
        } catch (...) {
        }
      }
      lease->release(true);
      return storageError(std::string("migrate: ") + e.what());
    }
  }

  Result<std::unique_ptr<ports::Tx>> begin(ports::TxMode mode) override {
    std::unique_lock<std::timed_mutex> wl;
    // SQLite allows one writer; waiting here (in order) beats spinning on SQLITE_BUSY.
    if (target_.dialect == Dialect::Sqlite && mode == ports::TxMode::Write) {
      wl = std::unique_lock<std::timed_mutex>(write_mutex_, std::defer_lock);
      if (!wl.try_lock_for(kLeaseWait)) return busy();
    }
    auto lease = acquire();
    if (!lease) return lease.error();
    try {
      const char* begin_sql = "BEGIN";
      if (target_.dialect == Dialect::Sqlite) {
        if (mode == ports::TxMode::Write) begin_sql = "BEGIN IMMEDIATE";
      } else if (mode == ports::TxMode::Read) {
        begin_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
      }
      lease->sql() << begin_sql;
    } catch (const std::exception& e) {
      lease->release(true);
      return storageError(e.what());
    }
    return std::unique_ptr<ports::Tx>(
        std::make_unique<SqlTx>(std::move(*lease), std::move(wl), target_.dialect, mode));
  }

  std::string kind() const override {
    return target_.dialect == Dialect::Sqlite ? "sqlite" : "postgresql";
  }

  Result<void> backup(const std::string& path) override {
    if (target_.dialect == Dialect::Postgres) return pgDump(path);
    auto lease = acquire();
    if (!lease) return lease.error();
    try {
      Stmt st(lease->sql());
      std::string p = st.param(path);
      st.run("VACUUM INTO " + p);
    } catch (const std::exception& e) {
      lease->release(true);
      return storageError(std::string("backup: ") + e.what());
    }
    return {};
  }

  PoolStats poolStats() const override { return pool_.stats(); }

 private:
  Result<Lease> acquire() {
    auto i = pool_.lease();
    if (!i) {
      return makeError(ErrorCode::StorageError,
                       "Hết thời gian chờ kết nối cơ sở dữ liệu (pool đầy)");
    }
    return Lease(pool_, *i);
  }
  static core::Error busy() {
    return makeError(ErrorCode::StorageError, "Hết thời gian chờ giao dịch ghi khác kết thúc");
  }

  Result<void> pgDump(const std::string& path) {
    std::string file_arg = "--file=" + path;
    std::string db_arg = "--dbname=" + target_.where;
    std::vector<char*> argv = {const_cast<char*>("pg_dump"),
                               const_cast<char*>("--format=custom"), file_arg.data(),
                               db_arg.data(), nullptr};
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ);
    if (rc != 0) return storageError(std::string("pg_dump: ") + std::strerror(rc));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
      if (errno != EINTR) return storageError(std::string("pg_dump: ") + std::strerror(errno));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return storageError("pg_dump thất bại (mã thoát " +
                          std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
    }
    return {};
  }

  Target target_;
  Pool pool_;
  std::timed_mutex write_mutex_;  // SQLite only
};

}  // namespace

Result<std::unique_ptr<ports::Store>> openSqlStore(const std::string& url, int pool_size) {
  auto target = parseUrl(url);
  if (!target) return target.error();
  if (pool_size < 1) pool_size = 1;
  // Every SQLite connection to ":memory:" is a separate database: one connection only.
  if (target->dialect == Dialect::Sqlite && target->where == ":memory:") pool_size = 1;
  try {
    auto store = std::make_unique<SqlStore>(*target);
    BAOCAO_TRY(store->open(pool_size));
    return std::unique_ptr<ports::Store>(std::move(store));
  } catch (const std::exception& e) {
    return storageError(std::string("open: ") + e.what());
  }
}

Status executeSql(const std::string& url, const std::string& statement) {
  auto target = parseUrl(url);
  if (!target) return target.error();
  try {
    auto s = connect(*target);
    *s << statement;
    return {};
  } catch (const std::exception& e) {
    return storageError(e.what());
  }
}

}  // namespace baocao::storage::sql
