// The errors every ObligationRepository adapter returns, worded once so that memory, SQLite and
// PostgreSQL answer identically (the contract suite compares messages).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/error.h"

namespace baocao::core::ports::obligation_errors {

core::Error obligationNotFound(const std::string& key);
core::Error obligationConflict();
core::Error requestNotFound(const std::string& id);
core::Error windowNotFound(int64_t id);
core::Error windowClosed(int64_t id);

}  // namespace baocao::core::ports::obligation_errors
