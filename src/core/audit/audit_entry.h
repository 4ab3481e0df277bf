// One entry of the append-only, hash-chained audit log (002 Đ16; 003 Đ15; 004 Đ14:
// non-repudiation — who created or changed each piece of information is known and cannot be
// denied later). Each entry's hash covers its canonical text and the previous entry's hash,
// so editing or deleting any entry breaks the chain from that point on.
// Thread-safety: plain values; canonical() is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/common/date.h"

namespace baocao::core::audit {

struct AuditEntry {
  int64_t seq = 0;                 // 1, 2, 3 ... without gaps
  Timestamp at;
  std::optional<int64_t> actor_id; // empty for anonymous events (failed login of unknown name)
  std::string actor_name;          // username at the time of the event
  std::string action;              // stable id: "auth.login", "auth.login_failed", "org.update" ...
  std::string entity_type;         // "org_unit", "user", "grant", "session", ...
  std::string entity_id;
  std::optional<int64_t> unit_id;  // org unit the event concerns (for scoped reading)
  std::string before_json;         // state before ("" for create)
  std::string after_json;          // state after ("" for delete)
  std::string ip;
  std::string prev_hash;           // hex SHA-256 of the previous entry ("" for seq 1 -> 64 zeros)
  std::string hash;                // hex SHA-256 of canonical(entry)
};

/// The exact bytes that are hashed: every field but `hash`, length-prefixed so that no
/// choice of field contents can make two different entries serialise identically.
std::string canonical(const AuditEntry& e);

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace baocao::core::audit
