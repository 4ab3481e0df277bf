// JSON views of domain objects, shared by the audit log (before/after snapshots) and the HTTP
// DTOs so that what the log records is exactly what the API shows. Never includes secrets
// (password hashes, token hashes). Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit/audit_entry.h"
#include "core/org/org_unit.h"
#include "core/security/account.h"

namespace baocao::app::views {

nlohmann::json org(const core::org::OrgUnit& u);
nlohmann::json link(const core::org::SuccessorLink& l);
nlohmann::json user(const core::security::User& u);
nlohmann::json grant(const core::security::Grant& g);
nlohmann::json token(const core::security::ApiToken& t);
nlohmann::json auditEntry(const core::audit::AuditEntry& e);

template <typename T>
nlohmann::json optionalJson(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace baocao::app::views
