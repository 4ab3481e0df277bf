// Use cases on obligations (docs/domain/workflow.md "Obligations"; issue 5 points 1–2):
//  - generateDue(today): for every published periodic or statistical regime, the obligations of
//    the periods whose data window has opened (lead days ahead), for every reporting unit
//    resolved on that day (level 0, to the receiving unit) and, when the regime has more than
//    one level, for the receiving unit itself (level 1, to its parent unit). The regime takes
//    effect on the day its version was published. Idempotent: the store inserts only keys it
//    does not have (core::obligation::newObligations + a unique key), so running twice, after a
//    restart, or from two servers at once creates nothing twice. Called at server start and
//    once a day (server/obligation_scheduler.h), and by a system administrator through the API.
//  - owed(actor, today): "what do I owe" — the obligations of the units on which the actor holds
//    a reporting role (data_entry, reviewer, approver, sender; with the subtree when the grant
//    has it; a role on a division of an agency counts for the agency, whose reports its
//    divisions prepare), each with its countdown, state and next step (core::obligation::owedItem).
//  - received(actor, regime, period): for a receiving unit in the actor's scope, who has and has
//    not reported, on time or late (core::obligation::classify / summarize).
// The internal workflow configuration of a unit is not stored yet: 2 steps (the default).
// Thread-safety: stateless beyond Context; every method may be called concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/calendar_service.h"
#include "app/context.h"
#include "core/obligation/compliance.h"
#include "core/ports/obligation_repository.h"

namespace baocao::app {

struct GenerationReport {
  int regimes = 0;     // published regimes considered
  int generated = 0;   // obligations due by today (new and existing)
  int created = 0;     // inserted now
  int existing = 0;    // already stored
  std::vector<std::string> skipped;   // 002 Đ8.2 replacements, in Vietnamese
  std::vector<std::string> problems;  // regimes that could not be generated, in Vietnamese
};

/// One line of "what do I owe".
struct OwedView {
  core::ports::StoredObligation stored;
  core::obligation::OwedItem item;
  std::string regime_name;
  std::string period_label;  // "tháng 03/2026"
  std::string unit_code, unit_name;
  std::string receiving_code, receiving_name;
};

/// One reporting unit in a receiver's view.
struct ReceivedRow {
  core::ports::StoredObligation stored;
  std::string unit_code, unit_name;
  std::string period_label;
  core::obligation::ComplianceResult compliance;
};
struct ReceivedView {
  std::string regime_code;
  std::string regime_name;
  std::string period_id;  // empty = every period
  std::vector<ReceivedRow> rows;
  core::obligation::ComplianceSummary summary;
};

/// One (regime, period, receiving unit) a receiver awaits reports for, with its summary.
struct ReceivedGroup {
  std::string regime_code, regime_name;
  std::optional<core::period::Period> period;
  std::string period_label;
  int64_t receiving_unit_id = 0;
  std::string receiving_code, receiving_name;
  core::Date deadline;  // the latest deadline of the group's obligations
  core::obligation::ComplianceSummary summary;
};

class ObligationService {
 public:
  ObligationService(Context& ctx, AuditService& audit, CalendarService& calendar)
      : ctx_(ctx), audit_(audit), calendar_(calendar) {}

  /// Creates the obligations due by `today`. `actor` nullptr = the scheduler or the command
  /// line; otherwise a system administrator (Forbidden). Audited ("obligation.generate") when
  /// something was created.
  core::Result<GenerationReport> generateDue(const Actor* actor, core::Date today);
  /// "What do I owe", ordered by core::obligation::sortOwed.
  core::Result<std::vector<OwedView>> owed(const Actor& actor, core::Date today);
  /// A receiver's view of one regime (and period, when given). Forbidden when the actor has no
  /// role on a receiving unit of that regime; NotFound for an unknown regime code.
  core::Result<ReceivedView> received(const Actor& actor, const std::string& regime_code,
                                      const std::string& period_id, core::Date today);

  /// Every (regime, period, receiving unit) in the actor's receiving scope, the latest deadline
  /// first (at most `limit` groups).
  core::Result<std::vector<ReceivedGroup>> receivedGroups(const Actor& actor, core::Date today,
                                                          int limit = 50);

  /// Days before a period's data window opens when its obligations appear (default 7).
  void setLeadDays(int days) { lead_days_ = days; }
  int leadDays() const { return lead_days_; }
  core::Date today() const { return ctx_.clock.now().vietnamDate(); }

  /// For each unit of `unit_ids`, the active (not revoked) users who owe its reports — a
  /// reporting role reaching it, exactly as owed() counts — ascending by user id. Used to
  /// address reminders (app::NotifyService).
  core::Result<std::map<int64_t, std::vector<int64_t>>> reportersOf(
      const std::vector<int64_t>& unit_ids);

 private:
  Context& ctx_;
  AuditService& audit_;
  CalendarService& calendar_;
  int lead_days_ = 7;
};

}  // namespace baocao::app
