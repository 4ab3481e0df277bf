// The errors every IndicatorRepository/TargetRepository adapter returns, worded once so that
// memory, SQLite and PostgreSQL answer identically (the contract suite compares messages).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/error.h"

namespace baocao::core::ports::indicator_errors {

core::Error indicatorNotFound(int64_t id);
core::Error indicatorCodeNotFound(const std::string& code);
core::Error indicatorCodeTaken(const std::string& code);
core::Error indicatorConflict();
core::Error setNotFound(int64_t id);
core::Error setCodeNotFound(const std::string& code);
core::Error setCodeTaken(const std::string& code);
core::Error versionConflict(int latest, int expected);
core::Error versionNotFound(int64_t set_id, int number);
core::Error targetNotFound(int64_t id);
core::Error targetForNotFound(const std::string& period, int64_t unit, int64_t indicator);
core::Error targetTaken(const std::string& period, int64_t unit, int64_t indicator);
core::Error targetConflict();
core::Error actualNotFound(int64_t unit, int64_t indicator, int year);

}  // namespace baocao::core::ports::indicator_errors
