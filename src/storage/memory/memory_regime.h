// In-memory twin of the regime tables (storage/sql/sql_regime.cc): the data lives in
// RegimeTables, a value member of the memory store's State, so a write Tx works on its private
// copy like every other table. Same error codes, messages and ordering as the SQL adapter
// (tests/contract/regime_store_test.cc).
// Thread-safety: a repository belongs to its Tx (one thread at a time).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "core/ports/regime_repository.h"

namespace baocao::storage::memory {

struct RegimeTables {
  std::map<int64_t, core::ports::StoredRegime> regimes;
  std::map<std::string, int64_t> by_code;
  std::map<std::pair<int64_t, int>, core::ports::StoredRegimeVersion> versions;
  int64_t next_id = 1;
};

/// How the repository reaches the tables of its Tx (see memory_indicator.h TablesAccess).
struct RegimeTablesAccess {
  std::function<core::Status()> live;
  std::function<const RegimeTables&()> read;
  std::function<RegimeTables*()> write;  // nullptr in a read Tx
};

std::unique_ptr<core::ports::RegimeRepository> makeRegimeRepository(RegimeTablesAccess access);

}  // namespace baocao::storage::memory
