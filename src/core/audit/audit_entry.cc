#include "core/audit/audit_entry.h"

namespace baocao::core::audit {

namespace {
void field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += '\n';
}
}  // namespace

std::string canonical(const AuditEntry& e) {
  std::string out = "baocao-audit-v1\n";
  field(out, std::to_string(e.seq));
  field(out, std::to_string(e.at.micros()));
  field(out, e.actor_id ? std::to_string(*e.actor_id) : "");
  field(out, e.actor_name);
  field(out, e.action);
  field(out, e.entity_type);
  field(out, e.entity_id);
  field(out, e.unit_id ? std::to_string(*e.unit_id) : "");
  field(out, e.before_json);
  field(out, e.after_json);
  field(out, e.ip);
  field(out, e.prev_hash);
  return out;
}

}  // namespace baocao::core::audit
