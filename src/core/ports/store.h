// Storage ports: one repository interface per aggregate, grouped in a unit of work (Tx).
//
// A Tx is one database transaction: everything done through its repositories becomes visible
// together on commit() or not at all (destroying an uncommitted Tx rolls back). Adapters:
// storage/memory (tests), storage/sql (SQLite default, PostgreSQL). One contract suite
// (tests/contract) runs against all three.
//
// Errors every method may return: StorageError (the database failed; the Tx must be dropped).
// Thread-safety: a Store is shared by all threads; a Tx belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit_entry.h"
#include "core/common/result.h"
#include "core/org/org_unit.h"
#include "core/ports/calendar_repository.h"
#include "core/ports/indicator_repository.h"
#include "core/ports/notify_repository.h"
#include "core/ports/obligation_repository.h"
#include "core/ports/regime_repository.h"
#include "core/ports/report_repository.h"
#include "core/security/account.h"

namespace baocao::core::ports {

struct OrgQuery {
  std::string text;                    // folded search over code and name ("thu duc")
  std::optional<int64_t> parent_id;    // direct children of this unit
  bool roots_only = false;             // units without parent
  std::optional<Date> active_on;       // only units valid on that day
  std::optional<org::OrgType> type;
  int limit = 100;                     // capped at 5,000 by adapters
  int offset = 0;
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  /// Inserts; sets id and version=1. AlreadyExists when the code is taken.
  virtual Result<org::OrgUnit> create(org::OrgUnit unit) = 0;
  /// Bulk insert for imports (SQLite: prepared batch, PostgreSQL: COPY). Units are given in
  /// parent-before-child order with parent_code set; returns assigned ids in the same order.
  /// AlreadyExists names the first duplicate code.
  struct ImportRow {
    org::OrgUnit unit;
    std::string parent_code;  // resolved against earlier rows and existing units
  };
  virtual Result<std::vector<int64_t>> createMany(const std::vector<ImportRow>& rows) = 0;
  /// Updates all fields when `unit.version` equals the stored version; bumps version.
  /// NotFound; Conflict when the version differs; AlreadyExists when the new code is taken.
  virtual Result<org::OrgUnit> update(const org::OrgUnit& unit) = 0;
  virtual Result<org::OrgUnit> get(int64_t id) = 0;               // NotFound
  virtual Result<org::OrgUnit> getByCode(const std::string& code) = 0;  // NotFound
  virtual Result<std::vector<org::OrgUnit>> find(const OrgQuery& q) = 0;  // ordered by code
  virtual Result<int64_t> count(const OrgQuery& q) = 0;
  /// Number of direct children of each unit in `ids` (same order).
  virtual Result<std::vector<int64_t>> childCounts(const std::vector<int64_t>& ids) = 0;
  /// Every unit (id, parent_id) pair, for building the in-memory ancestry index.
  virtual Result<std::vector<std::pair<int64_t, std::optional<int64_t>>>> allParents() = 0;

  virtual Result<org::SuccessorLink> addLink(org::SuccessorLink link) = 0;
  virtual Result<void> removeLink(int64_t link_id) = 0;   // NotFound
  /// Links where the unit is the old (from) or the new (to) side.
  virtual Result<std::vector<org::SuccessorLink>> linksOf(int64_t unit_id) = 0;
  virtual Result<std::vector<org::SuccessorLink>> allLinks() = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<security::User> create(security::User user) = 0;  // AlreadyExists (username)
  /// Optimistic update like OrgRepository::update.
  virtual Result<security::User> update(const security::User& user) = 0;
  virtual Result<security::User> get(int64_t id) = 0;
  virtual Result<security::User> getByUsername(const std::string& username) = 0;
  struct Query {
    std::string text;                         // folded over username and full name
    std::optional<std::vector<int64_t>> unit_ids;  // restrict to these home units
    bool include_revoked = true;
    int limit = 100;
    int offset = 0;
  };
  virtual Result<std::vector<security::User>> find(const Query& q) = 0;

  virtual Result<security::Grant> addGrant(security::Grant g) = 0;
  virtual Result<void> removeGrant(int64_t grant_id) = 0;  // NotFound
  virtual Result<std::vector<security::Grant>> grantsOf(int64_t user_id) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<void> create(const security::Session& s) = 0;
  virtual Result<security::Session> get(const std::string& token_hash) = 0;  // NotFound
  virtual Result<void> touch(const std::string& token_hash, Timestamp last_seen) = 0;
  /// Sets ended_at; no-op when already ended.
  virtual Result<void> end(const std::string& token_hash, Timestamp at) = 0;
  /// Ends every open session of the user; returns the ended sessions.
  virtual Result<std::vector<security::Session>> endAllOf(int64_t user_id, Timestamp at) = 0;

  virtual Result<security::ApiToken> createToken(security::ApiToken t) = 0;
  virtual Result<security::ApiToken> getToken(const std::string& token_hash) = 0;
  virtual Result<std::vector<security::ApiToken>> tokensOf(int64_t user_id) = 0;
  virtual Result<void> revokeToken(int64_t token_id) = 0;
  virtual Result<void> revokeAllTokensOf(int64_t user_id) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  /// The last entry (seq, hash), locking the chain head for the rest of the Tx so that
  /// concurrent writers append one after another. seq 0 and kGenesisHash when empty.
  virtual Result<std::pair<int64_t, std::string>> lockHead() = 0;
  virtual Result<void> append(const audit::AuditEntry& e) = 0;
  struct Query {
    std::optional<int64_t> actor_id;
    std::string action_prefix;            // "auth." / "org." ...
    std::string entity_type;
    std::string entity_id;
    std::optional<Timestamp> from, to;    // inclusive / exclusive
    std::optional<std::vector<int64_t>> unit_ids;  // restrict to these units
    std::optional<int64_t> before_seq;    // page backwards
    int limit = 100;
  };
  /// Newest first.
  virtual Result<std::vector<audit::AuditEntry>> find(const Query& q) = 0;
  /// All entries in seq order, in pages: seq > after_seq, at most `limit`.
  virtual Result<std::vector<audit::AuditEntry>> scan(int64_t after_seq, int limit) = 0;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual OrgRepository& orgs() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AuditRepository& audit() = 0;
  /// Official holiday schedules, holiday rules and weekly rest days (calendar_repository.h).
  virtual CalendarRepository& calendar() = 0;
  /// The indicator catalog and indicator sets (indicator_repository.h).
  virtual IndicatorRepository& indicators() = 0;
  /// Plan targets, their history and results (indicator_repository.h).
  virtual TargetRepository& targets() = 0;
  /// Report regimes and their versions (regime_repository.h).
  virtual RegimeRepository& regimes() = 0;
  /// Obligations: unit × regime × period, with their report's state (obligation_repository.h).
  virtual ObligationRepository& obligations() = 0;
  /// Reports: working copy, versions, signatures, history, comments, attachments, unit
  /// workflow settings and delegations (report_repository.h).
  virtual ReportRepository& reports() = 0;
  /// In-app notifications, e-mail digests and operator announcements (notify_repository.h).
  virtual NotifyRepository& notify() = 0;
  /// Makes every change visible. StorageError on failure (nothing is written).
  virtual Result<void> commit() = 0;
};

enum class TxMode { Read, Write };

class Store {
 public:
  virtual ~Store() = default;
  /// Applies pending schema migrations in one transaction; idempotent.
  virtual Result<int> migrate() = 0;  // returns the schema version
  /// Starts a transaction. Write transactions are serialised where the database requires it.
  virtual Result<std::unique_ptr<Tx>> begin(TxMode mode) = 0;
  /// "sqlite", "postgresql", "memory".
  virtual std::string kind() const = 0;
  /// Consistent online copy to `path` (SQLite: VACUUM INTO; PostgreSQL: pg_dump to a file).
  virtual Result<void> backup(const std::string& path) = 0;
  /// Connection pool figures for /metrics.
  struct PoolStats {
    int size = 0;
    int in_use = 0;
  };
  virtual PoolStats poolStats() const = 0;
};

}  // namespace baocao::core::ports
