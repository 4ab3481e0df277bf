// Composition root: opens the store named by a URL, migrates it, and wires the use cases.
// The only place that knows every adapter. Thread-safety: built once; members are thread-safe.
#pragma once

#include <memory>
#include <string>

#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/calendar_service.h"
#include "app/context.h"
#include "app/indicator_service.h"
#include "app/notify_service.h"
#include "app/obligation_service.h"
#include "app/org_service.h"
#include "app/regime_service.h"
#include "app/report_service.h"
#include "app/consolidation_service.h"
#include "app/target_service.h"
#include "app/user_service.h"
#include "core/ports/clock.h"
#include "core/ports/store.h"

namespace baocao::server {

class SystemClock : public core::ports::Clock {
 public:
  core::Timestamp now() const override;
};

class Runtime {
 public:
  /// url: "sqlite:PATH", "postgresql://...", or "memory:" (tests). Migrates the schema.
  static core::Result<std::unique_ptr<Runtime>> open(const std::string& url, app::AppConfig config,
                                                     int pool_size = 8,
                                                     const core::ports::Clock* clock = nullptr);
  /// Wraps an existing store (tests).
  Runtime(std::unique_ptr<core::ports::Store> store, app::AppConfig config,
          const core::ports::Clock* clock);

  core::ports::Store& store() { return *store_; }
  app::AuditService& audit() { return audit_; }
  app::AuthService& auth() { return auth_; }
  app::OrgService& orgs() { return orgs_; }
  app::UserService& users() { return users_; }
  app::CalendarService& calendar() { return calendar_; }
  app::IndicatorService& indicators() { return indicators_; }
  app::TargetService& targets() { return targets_; }
  app::RegimeService& regimes() { return regimes_; }
  app::ObligationService& obligations() { return obligations_; }
  app::ReportService& reports() { return reports_; }
  app::ConsolidationService& consolidation() { return consolidation_; }
  app::NotifyService& notify() { return notify_; }
  app::Context& context() { return ctx_; }
  int schemaVersion() const { return schema_version_; }

 private:
  std::unique_ptr<core::ports::Store> store_;
  SystemClock system_clock_;
  app::OrgIndex index_;
  app::Context ctx_;
  app::AuditService audit_;
  app::AuthService auth_;
  app::OrgService orgs_;
  app::UserService users_;
  app::CalendarService calendar_;
  app::IndicatorService indicators_;
  app::TargetService targets_;
  app::RegimeService regimes_;
  app::ObligationService obligations_;
  app::ReportService reports_;
  app::ConsolidationService consolidation_;
  app::NotifyService notify_;
  int schema_version_ = 0;
};

/// Opens a store from a URL without wiring anything (for backup, migrate).
core::Result<std::unique_ptr<core::ports::Store>> openStore(const std::string& url, int pool_size);

}  // namespace baocao::server
