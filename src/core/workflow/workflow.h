// Workflow of one report (báo cáo) from data entry to acceptance: an explicit state model that
// tells the UI what the current user may do (cf. DHIS2 DataApprovalState).
//
// The rules (docs/domain/workflow.md; 000 Đ6; 002 Đ4, Đ8.4, Đ9; 003 Đ7, Đ10; 004 Đ7–Đ9):
//  - inside the reporting unit, 1 to 3 internal steps (WorkflowConfig::internal_steps):
//      1: officer enters → leader approves and signs (approval sends);
//      2: officer enters → division head checks → leader approves and signs (approval sends);
//      3: as 2, then a separate sender account sends (003 Đ7.1, Đ10.5);
//  - the leader may delegate approval of a report kind to a division head for a date range
//    (000 Đ6), see Delegation / hasDelegatedApproval();
//  - the receiver accepts or returns with a reason (002 Đ4.4b; 004 Đ7.3b); a returned report is
//    edited and submitted again;
//  - before acceptance the sender may recall it (004 Đ8.1); after acceptance the sender requests
//    a correction and the receiver grants it by reopening, or rejects it (004 Đ8.2);
//  - recall and correction (chỉnh lý, bổ sung) are possible only until the deadline of the last
//    level that receives the report (002 Đ9.3), passed in as Situation::amendment_deadline.
//
// Every transition is one row of a table (transitionTable()); allowedActions() and apply() both
// read it, so what the UI offers is exactly what the server accepts. Nothing here reads a clock:
// the current day is a parameter. Thread-safety: pure functions over plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/security/account.h"

namespace baocao::core::workflow {

enum class State {
  Draft,                // đang nhập
  AwaitingCheck,        // chờ kiểm tra (trình lãnh đạo phòng)
  AwaitingApproval,     // đã kiểm tra, chờ duyệt (trình lãnh đạo đơn vị)
  Approved,             // đã duyệt, ký số; chờ gửi (only with 3 internal steps)
  Sent,                 // đã gửi, chờ tiếp nhận
  Accepted,             // đã tiếp nhận
  Returned,             // bị trả lại (with the receiver's reason)
  CorrectionRequested,  // đề nghị đính chính (after acceptance)
};

enum class Action {
  Edit,               // nhập, sửa số liệu (no state change)
  Submit,             // trình kiểm tra / trình duyệt
  Check,              // kiểm tra xong, trình duyệt
  Approve,            // duyệt và ký số (and send, with 1 or 2 internal steps)
  Send,               // gửi (3 internal steps)
  SendBack,           // trả lại người nhập (inside the unit; reason required)
  Recall,             // thu hồi (sender, before acceptance, until the amendment deadline)
  Accept,             // tiếp nhận (receiver)
  Return,             // trả lại (receiver; reason required)
  RequestCorrection,  // đề nghị đính chính (sender, after acceptance; reason required)
  GrantCorrection,    // đồng ý đính chính: the receiver reopens the report
  RejectCorrection,   // từ chối đính chính (receiver; reason required)
};

/// Stable ids: "draft", "awaiting_check", ...; "edit", "submit", "request_correction", ...
std::string_view stateId(State s);
std::string_view actionId(Action a);
std::optional<State> parseState(std::string_view id);
std::optional<Action> parseAction(std::string_view id);
/// Vietnamese labels for the UI: "Đang nhập", "Đã gửi"...; "Trình kiểm tra", "Tiếp nhận"...
std::string_view stateLabel(State s);
std::string_view actionLabel(Action a);
std::vector<State> allStates();
std::vector<Action> allActions();
/// Return, SendBack, RequestCorrection and RejectCorrection need a non-empty reason.
bool requiresReason(Action a);
/// True when the action changes what the receiver has (Recall, RequestCorrection,
/// GrantCorrection): limited to the amendment deadline (002 Đ9.3).
bool isAmendment(Action a);

/// How a reporting unit runs its internal workflow (configured per unit, not coded).
struct WorkflowConfig {
  /// 1 = entry → approve; 2 = entry → check → approve; 3 = entry → check → approve → send.
  int internal_steps = 2;
};
/// Errors (InvalidField): internal_steps outside 1..3.
Status validateConfig(const WorkflowConfig& config);

/// A leader's delegation of approval of one report kind to another person (000 Đ6).
struct Delegation {
  int64_t id = 0;
  int64_t unit_id = 0;            // the reporting unit whose reports are concerned
  int64_t delegator_user_id = 0;  // the leader (holds Approver on the unit)
  int64_t delegate_user_id = 0;   // usually a division head
  std::string regime_code;        // the report kind; empty = every report of the unit
  Date valid_from;                // first day the delegate may approve
  Date valid_to;                  // last day (inclusive)
  bool revoked = false;
};
/// Errors (InvalidField/InvalidDate): delegating to oneself, valid_to before valid_from, no unit.
Status validateDelegation(const Delegation& d);
/// True when one of `delegations` lets `user_id` approve `regime_code` reports of `unit_id` on
/// `today`. Delegations are not transitive: only the delegator's own right passes on.
bool hasDelegatedApproval(const std::vector<Delegation>& delegations, int64_t user_id,
                          int64_t unit_id, std::string_view regime_code, Date today);

/// Who is acting. Scope is resolved by the caller (security::permits): `roles_on_unit` are the
/// roles the user holds on the reporting unit, `roles_on_receiver` those on the receiving unit.
struct Actor {
  int64_t user_id = 0;
  std::vector<security::Role> roles_on_unit;
  std::vector<security::Role> roles_on_receiver;
  bool delegated_approval = false;  // hasDelegatedApproval(...) for this report
};

/// Everything a decision depends on.
struct Situation {
  State state = State::Draft;
  WorkflowConfig config;
  Actor actor;
  Date today;  // the Vietnam date of "now" (Timestamp::vietnamDate())
  /// The deadline of the last level that receives the report (002 Đ9.3); unset = no limit.
  std::optional<Date> amendment_deadline;
};

/// Which party may take an action in a transition row.
enum class Party {
  Entry,         // DataEntry on the reporting unit
  Reviewer,      // Reviewer on the reporting unit
  ApproverRole,  // Approver on the reporting unit, or a delegate (delegated_approval)
  SenderRole,    // who sends for the unit: Sender with 3 steps, otherwise the approver party
  Receiver,      // Aggregator on the receiving unit
};
std::string_view partyLabel(Party p);

/// One row of the transition table.
struct Transition {
  State from;
  Action action;
  std::vector<int> steps;  // internal_steps values this row applies to
  std::vector<Party> parties;
  State to;
};
/// The whole table, in display order (docs/domain/workflow.md prints it).
const std::vector<Transition>& transitionTable();

/// The actions the actor may take now, in the table's order (the UI shows exactly these).
/// A reason-requiring action is listed; apply() then refuses it without a reason.
std::vector<Action> allowedActions(const Situation& situation);

/// The state after `action`, or why it is refused, checked in this order:
///   InvalidTransition: the action does not exist in this state (or with this configuration);
///   Forbidden: the actor's roles do not allow it (the message names the required role);
///   DeadlinePassed: an amendment after the amendment deadline (002 Đ9.3);
///   MissingField: a reason-requiring action without a reason.
Result<State> apply(const Situation& situation, Action action, std::string_view reason = {});

}  // namespace baocao::core::workflow
