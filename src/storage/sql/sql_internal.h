// Internals of the SQL adapter shared by its .cc files: dialect, per-Tx context, dynamic
// statement binding and error mapping. Not part of the public API (see sql_store.h).
// Thread-safety: a TxContext belongs to the thread that owns its Tx.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/ports/store.h"

namespace baocao::storage::sql {

enum class Dialect { Sqlite, Postgres };

inline constexpr int kMaxLimit = 5000;
inline int clampLimit(int limit) { return limit < 0 ? 0 : (limit > kMaxLimit ? kMaxLimit : limit); }

/// The per-transaction state every repository works through.
struct TxContext {
  soci::session& sql;
  Dialect dialect;
  core::ports::TxMode mode;
  bool done = false;     // committed, rolled back or failed to begin
  bool broken = false;   // a statement threw: the connection is checked before reuse
  int savepoints = 0;    // counter for unique savepoint names

  void exec(const std::string& statement) { sql << statement; }
  core::Status live() const;
  core::Status writable() const;
};

/// Builds and runs one statement with a variable set of parameters. Values are owned here
/// (deques keep addresses stable while SOCI holds references). Placeholders are :p1, :p2 ...
class Stmt {
 public:
  explicit Stmt(soci::session& s) : st_(s) {}

  /// Appends a parameter and returns its placeholder.
  std::string param(long long v);
  std::string param(const std::string& v);
  std::string param(double v);
  std::string param(std::optional<long long> v);
  std::string param(std::optional<std::string> v);
  std::string param(std::optional<double> v);

  template <typename T>
  void into(T& v, soci::indicator& ind) {
    st_.exchange(soci::into(v, ind));
  }
  template <typename T>
  void into(T& v) {
    st_.exchange(soci::into(v));
  }

  /// Prepares and executes; true when a first row was fetched (then call fetch() for more).
  bool run(const std::string& sql_text);
  bool fetch() { return st_.fetch(); }
  long long affected() { return st_.get_affected_rows(); }

 private:
  // Named binding: the order in which a caller's expression evaluates param() calls does not
  // matter (operands of + are unsequenced).
  template <typename T>
  std::string bind(T& v) {
    std::string name(1, 'p');
    name += std::to_string(++n_);
    st_.exchange(soci::use(v, inds_.back(), name));
    std::string placeholder(1, ':');
    placeholder += name;
    return placeholder;
  }
  soci::statement st_;
  int n_ = 0;
  std::deque<long long> ints_;
  std::deque<std::string> strs_;
  std::deque<double> dbls_;
  std::deque<soci::indicator> inds_;
};

/// True when `e` is a unique-key violation (PostgreSQL 23505, SQLite "UNIQUE constraint").
bool isUniqueViolation(const soci::soci_error& e);
core::Error storageError(const std::string& what);

/// Runs `f` (returning Result<T>) under the Tx checks; exceptions become StorageError.
template <typename F>
auto guarded(TxContext& c, bool write, F&& f) -> decltype(f()) {
  if (auto s = write ? c.writable() : c.live(); !s.has_value()) return s.error();
  try {
    return f();
  } catch (const std::exception& e) {
    c.broken = true;
    return storageError(e.what());
  }
}

/// Runs `f` inside a savepoint: an error Result or an exception undoes everything `f` wrote and
/// keeps the transaction usable (PostgreSQL aborts the whole transaction on a failed statement).
template <typename F>
auto atomically(TxContext& c, F&& f) -> decltype(f()) {
  std::string name = "sp_" + std::to_string(++c.savepoints);
  c.exec("SAVEPOINT " + name);
  try {
    auto r = f();
    if (r.has_value()) {
      c.exec("RELEASE SAVEPOINT " + name);
    } else {
      c.exec("ROLLBACK TO SAVEPOINT " + name);
      c.exec("RELEASE SAVEPOINT " + name);
    }
    return r;
  } catch (...) {
    try {
      c.exec("ROLLBACK TO SAVEPOINT " + name);
      c.exec("RELEASE SAVEPOINT " + name);
    } catch (...) {
    }
    throw;
  }
}

/// LIKE pattern '%word%' with %, _ and \ escaped (used with ESCAPE '\').
std::string likeContains(const std::string& word);
std::string likePrefix(const std::string& prefix);
/// Folds and splits a search text like the memory store.
std::vector<std::string> searchWords(const std::string& text);
std::string asciiLower(std::string s);
/// "1,2,3" for an IN list (integers are formatted, never user text).
std::string idList(const std::vector<int64_t>& ids, size_t from, size_t to);

std::optional<std::string> dateText(const std::optional<core::Date>& d);
core::Result<std::optional<core::Date>> parseDate(const std::string& text, soci::indicator ind);

// Repositories (one object per Tx; see sql_*.cc).
std::unique_ptr<core::ports::OrgRepository> makeOrgRepository(TxContext& c);
std::unique_ptr<core::ports::UserRepository> makeUserRepository(TxContext& c);
std::unique_ptr<core::ports::SessionRepository> makeSessionRepository(TxContext& c);
std::unique_ptr<core::ports::AuditRepository> makeAuditRepository(TxContext& c);
std::unique_ptr<core::ports::CalendarRepository> makeCalendarRepository(TxContext& c);
std::unique_ptr<core::ports::IndicatorRepository> makeIndicatorRepository(TxContext& c);
std::unique_ptr<core::ports::TargetRepository> makeTargetRepository(TxContext& c);
std::unique_ptr<core::ports::RegimeRepository> makeRegimeRepository(TxContext& c);
std::unique_ptr<core::ports::ObligationRepository> makeObligationRepository(TxContext& c);
std::unique_ptr<core::ports::ReportRepository> makeReportRepository(TxContext& c);
std::unique_ptr<core::ports::NotifyRepository> makeNotifyRepository(TxContext& c);

/// Migrations in order; statement texts for `d`. Index i is version i+1.
std::vector<std::vector<std::string>> migrations(Dialect d);

}  // namespace baocao::storage::sql
