// In-memory twin of the obligation table (storage/sql/sql_obligation.cc): the data lives in
// ObligationTables, a value member of the memory store's State, so a write Tx works on its
// private copy like every other table. Same error codes, messages and ordering as the SQL
// adapter (tests/contract/obligation_store_test.cc).
// Thread-safety: a repository belongs to its Tx (one thread at a time).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/ports/obligation_repository.h"

namespace baocao::storage::memory {

struct ObligationTables {
  std::map<std::string, core::ports::StoredObligation> by_key;
  int64_t next_id = 1;
  // migration 9: ad hoc requests and backfill windows
  std::map<std::string, core::ports::StoredAdHocRequest> requests;
  std::map<int64_t, core::ports::StoredBackfillWindow> windows;
  int64_t next_window_id = 1;
};

struct ObligationTablesAccess {
  std::function<core::Status()> live;
  std::function<const ObligationTables&()> read;
  std::function<ObligationTables*()> write;  // nullptr in a read Tx
};

std::unique_ptr<core::ports::ObligationRepository> makeObligationRepository(
    ObligationTablesAccess access);

}  // namespace baocao::storage::memory
