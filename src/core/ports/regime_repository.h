// Storage port for report regimes and their versions (core/regime/regime.h; app::RegimeService).
//
// A regime is one row (its head: code, family, name, kind, status, latest and published version
// numbers, an optimistic-lock version) and its versions 1..n. The body of a version is the
// regime's canonical JSON (app::regime_json), opaque to storage: the use case parses and
// validates it. Published versions are immutable: their body is never replaced, only their
// status may move on (published → superseded or retired).
//
// Errors every method may return: StorageError. Thread-safety: like every repository, it
// belongs to its Tx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/regime/regime.h"

namespace baocao::core::ports {

struct StoredRegime {
  int64_t id = 0;                        // assigned by the store
  std::string code;                      // unique
  std::string family;
  std::string name;
  regime::Kind kind = regime::Kind::Periodic;
  /// Draft (never published), Published (a version is in force) or Retired.
  regime::Status status = regime::Status::Draft;
  int latest_version = 1;                // number of the newest version
  std::optional<int> published_version;  // the version in force
  Timestamp updated_at;
  int64_t version = 1;                   // optimistic concurrency: bumped on every change
};

struct StoredRegimeVersion {
  int64_t regime_id = 0;
  int number = 1;
  regime::Status status = regime::Status::Draft;
  std::string body;                      // canonical JSON of the regime
  Timestamp created_at;
  std::optional<int64_t> created_by;     // user id; empty for the command line
  std::optional<Timestamp> published_at;
};

struct RegimeQuery {
  std::string text;                          // folded search over code and name
  std::optional<regime::Status> status;
  std::optional<regime::Kind> kind;
  std::string family;                        // exact family
  int limit = 500;                           // capped at 5,000 by adapters
  int offset = 0;
};

class RegimeRepository {
 public:
  virtual ~RegimeRepository() = default;
  /// Inserts the head (id assigned, version = 1) and its first version (regime_id and number 1
  /// set from the head). AlreadyExists when the code is taken (names the code).
  virtual Result<StoredRegime> create(StoredRegime head, StoredRegimeVersion first) = 0;
  /// Replaces the head's fields when `head.version` equals the stored version; bumps version.
  /// NotFound; Conflict when the version differs; AlreadyExists when the new code is taken.
  virtual Result<StoredRegime> update(const StoredRegime& head) = 0;
  virtual Result<StoredRegime> get(int64_t id) = 0;                      // NotFound
  virtual Result<StoredRegime> getByCode(const std::string& code) = 0;   // NotFound
  /// Ordered by code (bytewise).
  virtual Result<std::vector<StoredRegime>> find(const RegimeQuery& q) = 0;

  /// Inserts version `v.number` of `v.regime_id`, or replaces it when it exists. Replacing the
  /// body of a version whose stored status is not Draft is refused (Conflict): published
  /// versions are immutable; their status may change. NotFound when the regime does not exist.
  virtual Result<void> putVersion(const StoredRegimeVersion& v) = 0;
  virtual Result<StoredRegimeVersion> getVersion(int64_t regime_id, int number) = 0;  // NotFound
  /// Every version, ascending; bodies included only when `with_body`.
  virtual Result<std::vector<StoredRegimeVersion>> versions(int64_t regime_id,
                                                            bool with_body) = 0;
};

}  // namespace baocao::core::ports
