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

/// Re-assignment of an owed obligation to divisions or subordinate units (002 Đ8.4a).
struct CascadeInput {
  std::vector<int64_t> child_unit_ids;
  std::optional<core::Date> internal_deadline;  // unset: working_days_before the parent's
  std::optional<int> working_days_before;       // default 2
};
struct CascadeOutcome {
  core::ports::StoredObligation parent;
  std::vector<core::ports::StoredObligation> children;  // as stored (existing ones unchanged)
  int created = 0;
  int existing = 0;
};

/// A leader's ad hoc request (báo cáo đột xuất; 002 Đ1.2; 003 Đ14.3).
struct AdHocInput {
  std::string document_number;              // "123/UBND-VX"
  std::string title;
  std::optional<int64_t> issuing_unit_id;   // unset: the unit where the actor is the leader
  std::vector<int64_t> recipient_unit_ids;
  std::optional<core::Date> deadline;
  std::string period_id;                    // optional ("202609")
};
struct AdHocView {
  core::ports::StoredAdHocRequest request;
  std::string issuing_code, issuing_name;
  std::string period_label;
  core::obligation::ComplianceSummary summary;  // of its recipients
};
struct AdHocOutcome {
  AdHocView view;
  std::vector<core::ports::StoredObligation> obligations;
  bool created = false;  // false: the same request was already stored (a repeated call)
};

/// The operator's backfill window (002 Đ5.4; 004 Đ9.4).
struct BackfillWindowInput {
  std::string reason;
  std::optional<core::Date> outage_from, outage_to;
  std::optional<core::Date> open_until;  // last day late entries are accepted (inclusive)
};
struct BackfillWindowView {
  core::ports::StoredBackfillWindow window;
  core::Timestamp closes_at;  // min(open_until, closed_at)
  bool open = false;          // accepting entries now
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

  // --- cascade, ad hoc requests, backfill (obligation_requests.cc; issue 5 points 1 and 9) ---

  /// Splits the obligation `key` owed by a unit down to its divisions or subordinate units
  /// (002 Đ8.4a; 004 Đ7.1b). Only the aggregator, approver or unit administrator of the owing
  /// unit (or above it with the subtree); children must lie below that unit in the tree and be
  /// in force today. Idempotent: a child already assigned is left as it is. Audited
  /// ("obligation.cascade") when something was created. Forbidden, NotFound, InvalidField,
  /// InvalidDate, InvalidTransition (already sent).
  core::Result<CascadeOutcome> cascade(const Actor& actor, const std::string& key,
                                       const CascadeInput& in, core::Date today);
  /// Issues an ad hoc request: the approver (leader) of the issuing unit addresses units below
  /// it. Stored with one obligation per recipient; repeating the same request changes nothing
  /// (created = false); another request with the same document number is AlreadyExists.
  /// Audited ("request.create").
  core::Result<AdHocOutcome> issueRequest(const Actor& actor, const AdHocInput& in,
                                          core::Date today);
  /// The ad hoc requests issued by units in the actor's receiving scope, newest first.
  core::Result<std::vector<AdHocView>> requests(const Actor& actor, core::Date today);

  /// Opens a backfill window after an outage (system administrators: the operator).
  /// Audited ("backfill.open").
  core::Result<BackfillWindowView> openWindow(const Actor& actor, const BackfillWindowInput& in);
  /// Closes it before open_until (system administrators). Audited ("backfill.close").
  core::Result<BackfillWindowView> closeWindow(const Actor& actor, int64_t id);
  /// Every window, newest first (any signed-in user: reporters need to know one is open).
  core::Result<std::vector<BackfillWindowView>> windows(const Actor& actor);
  /// Records that the report of `key` was really sent outside the system on `true_sent_on`
  /// during an outage, with an explanation (002 Đ5.4; 004 Đ9.4), through the open window whose
  /// outage covers that day. The approver or sender of the reporting unit, or a system
  /// administrator. Replaces an earlier record. Audited ("obligation.backfill").
  core::Result<core::ports::StoredObligation> recordBackfill(const Actor& actor,
                                                             const std::string& key,
                                                             core::Date true_sent_on,
                                                             const std::string& explanation);
  /// The key of the obligation with store id `id` (URLs cannot carry keys, which contain '/').
  core::Result<std::string> keyOf(int64_t id);

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
