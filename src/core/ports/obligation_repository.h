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

/// A report sent outside the system while it was down, entered afterwards through a backfill
/// window with its true sending date (002 Đ5.4; 004 Đ9.4; core::obligation::BackfillEntry).
struct BackfillRecord {
  int64_t window_id = 0;
  Date true_sent_on;        // when it was really sent (e-mail, document system, paper)
  std::string explanation;  // how: số văn bản, thư điện tử...
  int64_t recorded_by = 0;  // user id
  Timestamp recorded_at;
  bool operator==(const BackfillRecord&) const = default;
};

struct StoredObligation {
  int64_t id = 0;  // assigned by the store
  obligation::Obligation obligation;
  workflow::State state = workflow::State::Draft;
  Timestamp created_at;
  std::optional<Timestamp> first_sent_at;  // the first time the report was sent
  int64_t version = 1;                     // optimistic concurrency: bumped on every change
  std::optional<BackfillRecord> backfill;  // entered through a backfill window (setBackfill)
};

/// A leader's ad hoc request (báo cáo đột xuất; 002 Đ1.2; 003 Đ14.3) as stored; its
/// obligations have regime_code = request_id (core::obligation::adHocObligations).
struct StoredAdHocRequest {
  std::string request_id;       // derived from the document number, unique ("123-UBND-VX")
  std::string document_number;  // as written on the document ("123/UBND-VX")
  std::string title;
  int64_t issuing_unit_id = 0;  // receives the reports
  Date issued_on;
  Date deadline;
  std::optional<period::Period> period;
  int64_t created_by = 0;
  Timestamp created_at;
  bool operator==(const StoredAdHocRequest&) const = default;
};

struct AdHocQuery {
  /// Issuing units (any of them); unset = every unit.
  std::optional<std::vector<int64_t>> issuing_unit_ids;
  int limit = 100;  // capped at 5,000 by adapters
  int offset = 0;
};

/// A backfill window the operator opened after an outage (002 Đ5.4; 004 Đ9.4). Late entry is
/// accepted from opened_at until the earlier of open_until and closed_at (exclusive).
struct StoredBackfillWindow {
  int64_t id = 0;  // assigned by the store
  std::string reason;
  Date outage_from;  // first day the system could not be used
  Date outage_to;    // last day
  Timestamp opened_at;
  Timestamp open_until;
  int64_t opened_by = 0;
  std::optional<Timestamp> closed_at;  // closed early by the operator
  std::optional<int64_t> closed_by;
  bool operator==(const StoredBackfillWindow&) const = default;
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

  // --- ad hoc requests and backfill (migration 9) ---
  /// Stores the request unless its request_id is stored; true when inserted (a stored one is
  /// left unchanged).
  virtual Result<bool> insertRequest(const StoredAdHocRequest& r) = 0;
  virtual Result<StoredAdHocRequest> getRequest(const std::string& request_id) = 0;  // NotFound
  /// Newest issue day first, then request_id.
  virtual Result<std::vector<StoredAdHocRequest>> findRequests(const AdHocQuery& q) = 0;
  /// Stores a window; returns it with its id.
  virtual Result<StoredBackfillWindow> createWindow(const StoredBackfillWindow& w) = 0;
  virtual Result<StoredBackfillWindow> getWindow(int64_t id) = 0;  // NotFound
  /// Every window, newest (highest id) first.
  virtual Result<std::vector<StoredBackfillWindow>> windows() = 0;
  /// Sets closed_at/closed_by. NotFound; Conflict when already closed.
  virtual Result<StoredBackfillWindow> closeWindow(int64_t id, Timestamp at, int64_t by) = 0;
  /// Sets (or replaces) the obligation's backfill record. Does not touch the state nor its
  /// version (the report's optimistic lock). NotFound.
  virtual Result<StoredObligation> setBackfill(const std::string& key,
                                               const BackfillRecord& record) = 0;
  /// By the store's id (URLs: keys contain '/'). NotFound.
  virtual Result<StoredObligation> getById(int64_t id) = 0;
};

}  // namespace baocao::core::ports
