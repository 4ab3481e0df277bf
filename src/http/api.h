// The JSON API under /api/v1 plus /healthz, /metrics and the web UI. Each handler only
// adapts: authenticate, read the request, call one use case, map the Result (Envoy's
// "handler only adapts"). Authorisation happens inside the use cases; this layer adds the
// session, CSRF and forced-password-change gates. Thread-safety: handle() is called
// concurrently; all state it touches is thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/calendar_service.h"
#include "app/indicator_service.h"
#include "app/notify_service.h"
#include "app/obligation_service.h"
#include "app/org_service.h"
#include "app/regime_service.h"
#include "app/report_service.h"
#include "app/target_service.h"
#include "app/user_service.h"
#include "app/consolidation_service.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace baocao::http {

struct ApiOptions {
  bool cookie_secure = false;   // add "Secure" to the session cookie (behind HTTPS)
  std::string web_root;         // built web UI (web/dist); empty = API only
  int session_max_hours = 12;   // cookie Max-Age
  int schema_version = 0;       // reported by /healthz
};

struct Services {
  core::ports::Store& store;
  app::AuthService& auth;
  app::OrgService& orgs;
  app::UserService& users;
  app::AuditService& audit;
  app::CalendarService& calendar;
  app::IndicatorService& indicators;
  app::TargetService& targets;
  app::RegimeService& regimes;
  app::ObligationService& obligations;
  app::ReportService& reports;
  app::ConsolidationService& consolidation;
  app::NotifyService& notify;
};

class Api {
 public:
  using AuthedHandler = std::function<Response(Request&, app::Actor&)>;
  Api(Services s, ApiOptions opts);
  /// Entry point for every request (never throws).
  Response handle(Request& req);
  /// Answer for requests refused by the transport (oversize, malformed HTTP).
  Response reject(int status, const std::string& code, const std::string& detail);
  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }

 private:
  void registerRoutes();
  void registerCalendarRoutes();  // calendar_routes.cc
  void registerIndicatorRoutes(); // indicator_routes.cc
  void registerRegimeRoutes();    // regime_routes.cc
  void registerObligationRoutes();  // obligation_routes.cc
  void registerReportRoutes();      // report_routes.cc
  void registerRequestRoutes();     // request_routes.cc (cascade, ad hoc, backfill)
  void registerReportXlsxRoutes();  // report_xlsx_routes.cc (XLSX, consolidation)
  void registerNotifyRoutes();  // notify_routes.cc
  /// Wraps a handler with authentication (session cookie or Bearer token), the CSRF check
  /// for unsafe methods with a cookie, and the forced-password-change gate.
  RouteHandler authed(AuthedHandler fn, bool allow_password_change = false);
  Response dispatch(Request& req);

  Services s_;
  ApiOptions opts_;
  Router router_;
  Metrics metrics_;
  StaticFiles web_;
};

class JsonWriter;
/// Writes an organisation unit exactly as app::views::org plus "child_count" (hot path).
void writeOrg(JsonWriter& w, const core::org::OrgUnit& u, int64_t child_count);

/// The OpenAPI document: src/http/openapi.json with the "paths" and "components" of every
/// src/http/openapi/*.json fragment merged in (embedded at build time).
const std::string& openApiDocument();

}  // namespace baocao::http
