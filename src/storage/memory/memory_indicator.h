// In-memory twin of the indicator, set and target tables (storage/sql/sql_indicator.cc):
// the data lives in IndicatorTables, a value member of the memory store's State, so a write
// Tx works on its private copy like every other table. Same error codes, messages and
// ordering as the SQL adapter (tests/contract/indicator_store_test.cc).
// Thread-safety: a repository belongs to its Tx (one thread at a time).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "core/ports/indicator_repository.h"

namespace baocao::storage::memory {

struct IndicatorTables {
  std::map<int64_t, core::indicator::Indicator> indicators;
  std::map<std::string, int64_t> indicator_by_code;
  std::map<int64_t, core::indicator::IndicatorSet> sets;
  std::map<std::string, int64_t> set_by_code;
  std::map<std::pair<int64_t, int>, core::indicator::SetVersion> set_versions;
  std::map<int64_t, core::target::Target> targets;
  std::map<std::tuple<std::string, int64_t, int64_t>, int64_t> target_by_key;
  std::map<int64_t, core::target::TargetChange> changes;
  std::map<std::tuple<int, int64_t, int64_t>, core::target::Actual> actuals;  // year, unit, indicator
  int64_t next_indicator = 1, next_set = 1, next_target = 1, next_change = 1, next_actual = 1;
};

/// How a repository reaches the tables of its Tx: `read` gives the snapshot or the working
/// copy; `write` gives the working copy, or nullptr in a read Tx; `live` fails once the Tx
/// has ended.
struct TablesAccess {
  std::function<core::Status()> live;
  std::function<const IndicatorTables&()> read;
  std::function<IndicatorTables*()> write;
};

std::unique_ptr<core::ports::IndicatorRepository> makeIndicatorRepository(TablesAccess access);
std::unique_ptr<core::ports::TargetRepository> makeTargetRepository(TablesAccess access);

}  // namespace baocao::storage::memory
