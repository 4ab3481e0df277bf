// Storage ports for the indicator catalog, indicator sets and plan targets
// (core/indicator/indicator.h, core/target/target.h).
//
// The repositories store what they are given after the checks that need the database
// (unique codes, optimistic versions, the immutability of published set versions); the use
// cases (app::IndicatorService, app::TargetService) validate fields and permissions.
// Errors every method may return: StorageError. Thread-safety: like every repository, it
// belongs to its Tx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/indicator/indicator.h"
#include "core/target/target.h"

namespace baocao::core::ports {

struct IndicatorQuery {
  std::string text;                   // folded search over code and name ("ty le ngheo")
  std::string sector;                 // exact sector
  std::optional<int64_t> agency_id;   // responsible agency
  int limit = 100;                    // capped at 5,000 by adapters
  int offset = 0;
};

class IndicatorRepository {
 public:
  virtual ~IndicatorRepository() = default;
  /// Inserts; sets id and version = 1. AlreadyExists when the code is taken (names the code).
  virtual Result<indicator::Indicator> create(indicator::Indicator ind) = 0;
  /// Replaces every field when `ind.version` equals the stored version; bumps version.
  /// NotFound; Conflict when the version differs; AlreadyExists when the new code is taken.
  virtual Result<indicator::Indicator> update(const indicator::Indicator& ind) = 0;
  virtual Result<indicator::Indicator> get(int64_t id) = 0;                    // NotFound
  virtual Result<indicator::Indicator> getByCode(const std::string& code) = 0; // NotFound
  /// Ordered by code (bytewise).
  virtual Result<std::vector<indicator::Indicator>> find(const IndicatorQuery& q) = 0;
  virtual Result<int64_t> count(const IndicatorQuery& q) = 0;

  // ---- sets ----
  /// Inserts with latest_version = 0 and version = 1. AlreadyExists when the code is taken.
  virtual Result<indicator::IndicatorSet> createSet(indicator::IndicatorSet s) = 0;
  virtual Result<indicator::IndicatorSet> getSet(int64_t id) = 0;                     // NotFound
  virtual Result<indicator::IndicatorSet> getSetByCode(const std::string& code) = 0;  // NotFound
  /// Every set (optionally of one period id and/or level), ordered by code.
  virtual Result<std::vector<indicator::IndicatorSet>> findSets(
      const std::optional<std::string>& period_id,
      const std::optional<indicator::SetLevel>& level) = 0;
  /// Appends version latest+1 with `v.members` (stored as given, positions included) and
  /// sets the set's latest_version. Conflict when the set's latest_version is not
  /// `expected_latest` (someone published meanwhile); NotFound when the set does not exist.
  /// Earlier versions are never touched.
  virtual Result<indicator::SetVersion> publishVersion(int64_t set_id, int expected_latest,
                                                       indicator::SetVersion v) = 0;
  /// Version `number` with its members in position order. NotFound.
  virtual Result<indicator::SetVersion> getVersion(int64_t set_id, int number) = 0;
  /// Every version of the set, ascending, without members.
  virtual Result<std::vector<indicator::SetVersion>> versionsOf(int64_t set_id) = 0;
};

struct TargetQuery {
  std::optional<std::string> period_id;  // "2026" / "2026-2030"
  std::optional<int64_t> unit_id;
  std::optional<int64_t> indicator_id;
  std::optional<int64_t> owner_unit_id;
  std::optional<target::TargetStatus> status;
  int limit = 1000;                      // capped at 5,000 by adapters
  int offset = 0;
};

struct ActualQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> indicator_id;
  std::optional<int> year;
};

class TargetRepository {
 public:
  virtual ~TargetRepository() = default;
  /// Inserts; sets id and version = 1. AlreadyExists when the unit already has a target for
  /// this indicator and period.
  virtual Result<target::Target> create(target::Target t) = 0;
  /// Optimistic update of values, status and updated_at. NotFound; Conflict.
  virtual Result<target::Target> update(const target::Target& t) = 0;
  virtual Result<target::Target> get(int64_t id) = 0;  // NotFound
  /// The target of a unit for an indicator in a period. NotFound.
  virtual Result<target::Target> getFor(const std::string& period_id, int64_t unit_id,
                                        int64_t indicator_id) = 0;
  /// Ordered by period, unit id, indicator id.
  virtual Result<std::vector<target::Target>> find(const TargetQuery& q) = 0;
  /// Appends to the history; sets id. NotFound when the target does not exist.
  virtual Result<target::TargetChange> addChange(target::TargetChange c) = 0;
  /// The history of a target, oldest first.
  virtual Result<std::vector<target::TargetChange>> history(int64_t target_id) = 0;

  /// Inserts or replaces the result of (unit, indicator, year); version 1 on insert, +1 on
  /// replace. Returns the stored row.
  virtual Result<target::Actual> putActual(target::Actual a) = 0;
  virtual Result<target::Actual> getActual(int64_t unit_id, int64_t indicator_id, int year) = 0;  // NotFound
  /// Ordered by year, unit id, indicator id.
  virtual Result<std::vector<target::Actual>> actuals(const ActualQuery& q) = 0;
};

}  // namespace baocao::core::ports
