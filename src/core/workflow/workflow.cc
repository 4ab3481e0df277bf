#include "core/workflow/workflow.h"

#include <algorithm>

namespace baocao::core::workflow {

using security::Role;

namespace {

struct StateInfo {
  State s;
  std::string_view id;
  std::string_view label;
};
constexpr StateInfo kStates[] = {
    {State::Draft, "draft", "Đang nhập"},
    {State::AwaitingCheck, "awaiting_check", "Chờ kiểm tra"},
    {State::AwaitingApproval, "awaiting_approval", "Đã kiểm tra, chờ duyệt"},
    {State::Approved, "approved", "Đã duyệt, ký số; chờ gửi"},
    {State::Sent, "sent", "Đã gửi"},
    {State::Accepted, "accepted", "Đã tiếp nhận"},
    {State::Returned, "returned", "Bị trả lại"},
    {State::CorrectionRequested, "correction_requested", "Đề nghị đính chính"},
};

struct ActionInfo {
  Action a;
  std::string_view id;
  std::string_view label;
  bool reason;
  bool amendment;
};
constexpr ActionInfo kActions[] = {
    {Action::Edit, "edit", "Nhập, sửa số liệu", false, false},
    {Action::Submit, "submit", "Trình", false, false},
    {Action::Check, "check", "Kiểm tra, trình duyệt", false, false},
    {Action::Approve, "approve", "Duyệt và ký số", false, false},
    {Action::Send, "send", "Gửi báo cáo", false, false},
    {Action::SendBack, "send_back", "Trả lại người nhập", true, false},
    {Action::Recall, "recall", "Thu hồi", false, true},
    {Action::Accept, "accept", "Tiếp nhận", false, false},
    {Action::Return, "return", "Trả lại", true, false},
    {Action::RequestCorrection, "request_correction", "Đề nghị đính chính", true, true},
    {Action::GrantCorrection, "grant_correction", "Đồng ý đính chính (mở lại)", false, true},
    {Action::RejectCorrection, "reject_correction", "Từ chối đính chính", true, false},
};

const StateInfo& info(State s) {
  for (const auto& i : kStates)
    if (i.s == s) return i;
  BAOCAO_CHECK(false, "every State has a row in kStates");
  return kStates[0];
}
const ActionInfo& info(Action a) {
  for (const auto& i : kActions)
    if (i.a == a) return i;
  BAOCAO_CHECK(false, "every Action has a row in kActions");
  return kActions[0];
}

bool has(const std::vector<Role>& roles, Role r) {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

bool actorIs(const Situation& s, Party p) {
  const Actor& a = s.actor;
  switch (p) {
    case Party::Entry:
      return has(a.roles_on_unit, Role::DataEntry);
    case Party::Reviewer:
      return has(a.roles_on_unit, Role::Reviewer);
    case Party::ApproverRole:
      return has(a.roles_on_unit, Role::Approver) || a.delegated_approval;
    case Party::SenderRole:
      // With a separate sender (3 steps) only the Sender account sends and therefore recalls;
      // otherwise the approval sent the report, so the approver side acts for the sender.
      if (s.config.internal_steps >= 3) return has(a.roles_on_unit, Role::Sender);
      return has(a.roles_on_unit, Role::Approver) || a.delegated_approval;
    case Party::Receiver:
      return has(a.roles_on_receiver, Role::Aggregator);
  }
  return false;
}

std::string partyText(Party p, const WorkflowConfig& c) {
  if (p == Party::SenderRole && c.internal_steps < 3)
    return std::string(partyLabel(Party::ApproverRole));
  return std::string(partyLabel(p));
}

bool inSteps(const Transition& t, int steps) {
  return std::find(t.steps.begin(), t.steps.end(), steps) != t.steps.end();
}

const Transition* findRow(State from, Action a, int steps) {
  for (const auto& t : transitionTable())
    if (t.from == from && t.action == a && inSteps(t, steps)) return &t;
  return nullptr;
}

}  // namespace

std::string_view stateId(State s) { return info(s).id; }
std::string_view actionId(Action a) { return info(a).id; }
std::string_view stateLabel(State s) { return info(s).label; }
std::string_view actionLabel(Action a) { return info(a).label; }
bool requiresReason(Action a) { return info(a).reason; }
bool isAmendment(Action a) { return info(a).amendment; }

std::optional<State> parseState(std::string_view id) {
  for (const auto& i : kStates)
    if (i.id == id) return i.s;
  return std::nullopt;
}
std::optional<Action> parseAction(std::string_view id) {
  for (const auto& i : kActions)
    if (i.id == id) return i.a;
  return std::nullopt;
}
std::vector<State> allStates() {
  std::vector<State> out;
  for (const auto& i : kStates) out.push_back(i.s);
  return out;
}
std::vector<Action> allActions() {
  std::vector<Action> out;
  for (const auto& i : kActions) out.push_back(i.a);
  return out;
}

std::string_view partyLabel(Party p) {
  switch (p) {
    case Party::Entry:
      return "chuyên viên nhập liệu của đơn vị báo cáo";
    case Party::Reviewer:
      return "lãnh đạo phòng (tài khoản kiểm tra) của đơn vị báo cáo";
    case Party::ApproverRole:
      return "lãnh đạo đơn vị (tài khoản phê duyệt) hoặc người được ủy quyền phê duyệt";
    case Party::SenderRole:
      return "người gửi báo cáo (tài khoản gửi) của đơn vị báo cáo";
    case Party::Receiver:
      return "cơ quan nhận báo cáo (tài khoản tổng hợp)";
  }
  return "";
}

Status validateConfig(const WorkflowConfig& config) {
  if (config.internal_steps < 1 || config.internal_steps > 3) {
    return makeError(
        ErrorCode::InvalidField,
        "Số bước xử lý nội bộ phải từ 1 đến 3, nhận được " + std::to_string(config.internal_steps),
        {{"internal_steps", "phải từ 1 đến 3"}});
  }
  return ok();
}

Status validateDelegation(const Delegation& d) {
  if (d.unit_id == 0)
    return makeError(ErrorCode::MissingField, "Ủy quyền phê duyệt phải ghi rõ đơn vị",
                     {{"unit_id", "bắt buộc"}});
  if (d.delegator_user_id == d.delegate_user_id)
    return makeError(ErrorCode::InvalidField, "Không thể tự ủy quyền phê duyệt cho chính mình",
                     {{"delegate_user_id", "trùng người ủy quyền"}});
  if (d.valid_to < d.valid_from)
    return makeError(ErrorCode::InvalidDate,
                     "Ngày kết thúc ủy quyền (" + d.valid_to.vietnamese() +
                         ") trước ngày bắt đầu (" + d.valid_from.vietnamese() + ")",
                     {{"valid_to", "trước ngày bắt đầu"}});
  return ok();
}

bool hasDelegatedApproval(const std::vector<Delegation>& delegations, int64_t user_id,
                          int64_t unit_id, std::string_view regime_code, Date today) {
  return std::any_of(delegations.begin(), delegations.end(), [&](const Delegation& d) {
    return !d.revoked && d.delegate_user_id == user_id && d.unit_id == unit_id &&
           (d.regime_code.empty() || d.regime_code == regime_code) && d.valid_from <= today &&
           today <= d.valid_to;
  });
}

const std::vector<Transition>& transitionTable() {
  // Entry into AwaitingCheck/Approved depends on the configuration; leaving them does not, so a
  // configuration change never strands a report already in flight.
  // clang-format off
  static const std::vector<Transition> kTable = {
    // from                      action                     steps      parties                                   to
    {State::Draft,               Action::Edit,              {1, 2, 3}, {Party::Entry},                           State::Draft},
    {State::Draft,               Action::Submit,            {1},       {Party::Entry},                           State::AwaitingApproval},
    {State::Draft,               Action::Submit,            {2, 3},    {Party::Entry},                           State::AwaitingCheck},
    {State::Returned,            Action::Edit,              {1, 2, 3}, {Party::Entry},                           State::Returned},
    {State::Returned,            Action::Submit,            {1},       {Party::Entry},                           State::AwaitingApproval},
    {State::Returned,            Action::Submit,            {2, 3},    {Party::Entry},                           State::AwaitingCheck},
    {State::AwaitingCheck,       Action::Check,             {1, 2, 3}, {Party::Reviewer},                        State::AwaitingApproval},
    {State::AwaitingCheck,       Action::SendBack,          {1, 2, 3}, {Party::Reviewer},                        State::Draft},
    {State::AwaitingApproval,    Action::Approve,           {1, 2},    {Party::ApproverRole},                    State::Sent},
    {State::AwaitingApproval,    Action::Approve,           {3},       {Party::ApproverRole},                    State::Approved},
    {State::AwaitingApproval,    Action::SendBack,          {1, 2, 3}, {Party::ApproverRole},                    State::Draft},
    {State::Approved,            Action::Send,              {1, 2, 3}, {Party::SenderRole},                      State::Sent},
    {State::Approved,            Action::SendBack,          {1, 2, 3}, {Party::ApproverRole, Party::SenderRole}, State::Draft},
    {State::Sent,                Action::Recall,            {1, 2, 3}, {Party::SenderRole},                      State::Draft},
    {State::Sent,                Action::Accept,            {1, 2, 3}, {Party::Receiver},                        State::Accepted},
    {State::Sent,                Action::Return,            {1, 2, 3}, {Party::Receiver},                        State::Returned},
    {State::Accepted,            Action::RequestCorrection, {1, 2, 3}, {Party::SenderRole},                      State::CorrectionRequested},
    {State::CorrectionRequested, Action::GrantCorrection,   {1, 2, 3}, {Party::Receiver},                        State::Draft},
    {State::CorrectionRequested, Action::RejectCorrection,  {1, 2, 3}, {Party::Receiver},                        State::Accepted},
  };
  // clang-format on
  return kTable;
}

namespace {

// The decision without the reason check: shared by allowedActions() and apply().
Result<State> decide(const Situation& s, Action action) {
  BAOCAO_TRY(validateConfig(s.config));
  const Transition* row = findRow(s.state, action, s.config.internal_steps);
  if (row == nullptr) {
    std::string possible;
    for (const auto& t : transitionTable()) {
      if (t.from != s.state || !inSteps(t, s.config.internal_steps)) continue;
      std::string label(actionLabel(t.action));
      if (possible.find(label) != std::string::npos) continue;
      possible += (possible.empty() ? "" : ", ") + label;
    }
    return makeError(
        ErrorCode::InvalidTransition,
        "Không thể «" + std::string(actionLabel(action)) + "» khi báo cáo đang ở trạng thái «" +
            std::string(stateLabel(s.state)) + "»" +
            (possible.empty() ? std::string() : "; ở trạng thái này chỉ có thể: " + possible));
  }
  const bool permitted =
      std::any_of(row->parties.begin(), row->parties.end(), [&](Party p) { return actorIs(s, p); });
  if (!permitted) {
    std::string who;
    for (Party p : row->parties) who += (who.empty() ? "" : " hoặc ") + partyText(p, s.config);
    return makeError(ErrorCode::Forbidden, "Không có quyền «" + std::string(actionLabel(action)) +
                                               "»: thao tác này dành cho " + who);
  }
  if (isAmendment(action) && s.amendment_deadline && s.today > *s.amendment_deadline) {
    return makeError(ErrorCode::DeadlinePassed,
                     "Không thể «" + std::string(actionLabel(action)) +
                         "»: đã quá thời hạn chỉnh lý, bổ sung báo cáo (" +
                         s.amendment_deadline->vietnamese() +
                         ", thời hạn của cấp nhận báo cáo cuối cùng — Điều 9 khoản 3 quy định "
                         "chế độ báo cáo định kỳ)");
  }
  return row->to;
}

}  // namespace

std::vector<Action> allowedActions(const Situation& situation) {
  std::vector<Action> out;
  for (const auto& t : transitionTable()) {
    if (t.from != situation.state) continue;
    if (std::find(out.begin(), out.end(), t.action) != out.end()) continue;
    if (decide(situation, t.action).has_value()) out.push_back(t.action);
  }
  return out;
}

Result<State> apply(const Situation& situation, Action action, std::string_view reason) {
  BAOCAO_ASSIGN(State to, decide(situation, action));
  if (requiresReason(action)) {
    bool blank = std::all_of(reason.begin(), reason.end(), [](char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    });
    if (blank) {
      return makeError(ErrorCode::MissingField,
                       "«" + std::string(actionLabel(action)) + "» cần nêu rõ lý do",
                       {{"reason", "bắt buộc"}});
    }
  }
  return to;
}

}  // namespace baocao::core::workflow
