// Storage port for obligations (core/obligation/obligation.h; app::ObligationService).
//
// An obligation is stored once per key (its idempotency key, "BC-KTXH/202603/u42"): insert()
// never duplicates — a key already stored is left as it is and reported as not inserted, so two
// schedulers racing, or a run after a restart, create nothing twice (SQL: a UNIQUE key and
// INSERT … ON CONFLICT DO NOTHING). The workflow state of the obligation's report is kept on the
// row (`state`, optimistic `version`).
//
// Errors every method may return: StorageError. Thread-safety: like every repository, it
// belongs to its Tx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/obligation/obligation.h"
#include "core/workflow/workflow.h"

namespace baocao::core::ports {

struct StoredObligation {
  int64_t id = 0;  // assigned by the store
  obligation::Obligation obligation;
  workflow::State state = workflow::State::Draft;
  Timestamp created_at;
  std::optional<Timestamp> first_sent_at;  // the first time the report was sent
  int64_t version = 1;                     // optimistic concurrency: bumped on every change
};

struct ObligationQuery {
  /// Reporting units (any of them); unset = every unit.
  std::optional<std::vector<int64_t>> unit_ids;
  /// Receiving units (any of them); unset = every unit.
  std::optional<std::vector<int64_t>> receiving_unit_ids;
  std::optional<workflow::State> state;
  std::string regime_code;  // exact; empty = any
  std::string period_id;    // exact ("202603"); empty = any
  int limit = 1000;         // capped at 5,000 by adapters
  int offset = 0;
};

class ObligationRepository {
 public:
  virtual ~ObligationRepository() = default;
  /// Inserts `o` in state Draft unless its key is stored; true when inserted. A stored key is
  /// left unchanged (never overwritten, never duplicated).
  virtual Result<bool> insert(const obligation::Obligation& o, Timestamp now) = 0;
  virtual Result<StoredObligation> get(const std::string& key) = 0;  // NotFound
  /// Ordered by deadline, then key (bytewise).
  virtual Result<std::vector<StoredObligation>> find(const ObligationQuery& q) = 0;
  /// Keys stored for one regime code (what generation compares against).
  virtual Result<std::set<std::string>> keysOf(const std::string& regime_code) = 0;
  /// Sets the state when `expected_version` is the stored version (bumps it); `first_sent_at`
  /// is recorded the first time it is given and never replaced. NotFound; Conflict.
  virtual Result<StoredObligation> setState(const std::string& key, workflow::State state,
                                            int64_t expected_version,
                                            std::optional<Timestamp> sent_at = std::nullopt) = 0;
};

}  // namespace baocao::core::ports
