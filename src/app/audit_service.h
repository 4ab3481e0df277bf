// Appends to and reads the hash-chained audit log (002 Đ16; 003 Đ15; 004 Đ14).
// append() must be called inside the write Tx that makes the change, so the change and its
// record commit together or not at all. Thread-safety: stateless beyond Context.
#pragma once

#include <optional>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "core/audit/audit_entry.h"

namespace baocao::app {

struct AuditEvent {
  std::string action;       // "org.update"
  std::string entity_type;  // "org_unit"
  std::string entity_id;
  std::optional<int64_t> unit_id;
  std::string before_json;
  std::string after_json;
};

struct VerifyReport {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_bad_seq;
  std::string problem;  // Vietnamese
};

class AuditService {
 public:
  explicit AuditService(Context& ctx) : ctx_(ctx) {}
  /// Records `ev` done by `actor` (nullptr for anonymous) in `tx`.
  core::Status append(core::ports::Tx& tx, const Actor* actor, const AuditEvent& ev,
                      const std::string& actor_name_override = {},
                      const std::string& ip_override = {});
  /// Audit entries the actor may read (AuditRead scope), newest first.
  core::Result<std::vector<core::audit::AuditEntry>> find(const Actor& actor,
                                                          core::ports::AuditRepository::Query q);
  /// Recomputes the chain from the first entry; reports the first edited/deleted entry.
  /// Forbidden unless `actor` is a system administrator or an inspector; nullptr is the
  /// operator on the command line (`baocao audit verify`).
  core::Result<VerifyReport> verify(const Actor* actor);

 private:
  Context& ctx_;
};

}  // namespace baocao::app
