// Workflow rules beyond the exhaustive table: reasons, messages, delegation, configuration,
// and a whole report's life with versions and signatures (Submission).
#include "core/workflow/workflow.h"

#include <gtest/gtest.h>

#include <string>

#include "core/workflow/submission.h"

namespace baocao::core::workflow {
namespace {

using security::Role;

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

Situation at(State s, Actor a, int steps = 2) {
  Situation x;
  x.state = s;
  x.actor = std::move(a);
  x.config.internal_steps = steps;
  x.today = d(2026, 3, 19);
  x.amendment_deadline = d(2026, 3, 25);
  return x;
}
const Actor kOfficer{1, {Role::DataEntry}, {}, false};
const Actor kHead{2, {Role::Reviewer}, {}, false};
const Actor kLeader{3, {Role::Approver}, {}, false};
const Actor kSender{5, {Role::Sender}, {}, false};
const Actor kReceiver{6, {}, {Role::Aggregator}, false};

std::string hashOf(char c) { return std::string(64, c); }

TEST(WorkflowReason, ReturnSendBackAndCorrectionNeedAReason) {
  struct Case {
    State s;
    Action a;
    Actor who;
  };
  for (const Case& c : {Case{State::Sent, Action::Return, kReceiver},
                        Case{State::AwaitingCheck, Action::SendBack, kHead},
                        Case{State::Accepted, Action::RequestCorrection, kLeader},
                        Case{State::CorrectionRequested, Action::RejectCorrection, kReceiver}}) {
    EXPECT_TRUE(requiresReason(c.a));
    for (std::string_view blank : {"", "   ", " \n\t"}) {
      auto r = apply(at(c.s, c.who), c.a, blank);
      ASSERT_FALSE(r.has_value()) << actionId(c.a);
      EXPECT_EQ(r.error().code, ErrorCode::MissingField);
      EXPECT_NE(r.error().message.find("lý do"), std::string::npos) << r.error().message;
    }
    EXPECT_TRUE(apply(at(c.s, c.who), c.a, "Thiếu số liệu quý I").has_value());
  }
}

TEST(WorkflowReason, RecallAndAcceptNeedNoReason) {
  EXPECT_TRUE(apply(at(State::Sent, kLeader), Action::Recall).has_value());
  EXPECT_TRUE(apply(at(State::Sent, kReceiver), Action::Accept).has_value());
  EXPECT_TRUE(
      apply(at(State::CorrectionRequested, kReceiver), Action::GrantCorrection).has_value());
}

TEST(WorkflowMessages, RefusalsSayWhyInVietnamese) {
  auto wrong_state = apply(at(State::Draft, kReceiver), Action::Accept);
  ASSERT_FALSE(wrong_state.has_value());
  EXPECT_EQ(wrong_state.error().message,
            "Không thể «Tiếp nhận» khi báo cáo đang ở trạng thái «Đang nhập»; ở trạng thái này "
            "chỉ có thể: Nhập, sửa số liệu, Trình");

  auto wrong_role = apply(at(State::AwaitingCheck, kOfficer), Action::Check);
  ASSERT_FALSE(wrong_role.has_value());
  EXPECT_EQ(wrong_role.error().message,
            "Không có quyền «Kiểm tra, trình duyệt»: thao tác này dành cho lãnh đạo phòng (tài "
            "khoản kiểm tra) của đơn vị báo cáo");

  Situation late = at(State::Sent, kLeader);
  late.today = d(2026, 3, 26);
  auto too_late = apply(late, Action::Recall);
  ASSERT_FALSE(too_late.has_value());
  EXPECT_EQ(too_late.error().code, ErrorCode::DeadlinePassed);
  EXPECT_NE(too_late.error().message.find("25/03/2026"), std::string::npos);
  EXPECT_NE(too_late.error().message.find("Điều 9 khoản 3"), std::string::npos);

  // With a separate sender the recall belongs to the sender account, and the message says so.
  auto sender_only = apply(at(State::Sent, kLeader, 3), Action::Recall);
  ASSERT_FALSE(sender_only.has_value());
  EXPECT_NE(sender_only.error().message.find("tài khoản gửi"), std::string::npos);
}

TEST(WorkflowDeadline, AmendmentIsAllowedOnTheDeadlineDayAndWithoutADeadline) {
  Situation s = at(State::Sent, kLeader);
  s.today = *s.amendment_deadline;
  EXPECT_TRUE(apply(s, Action::Recall).has_value());
  s.today = s.amendment_deadline->addDays(1);
  EXPECT_FALSE(apply(s, Action::Recall).has_value());
  s.amendment_deadline.reset();
  EXPECT_TRUE(apply(s, Action::Recall).has_value());
}

TEST(WorkflowDeadline, AcceptReturnAndFirstSendingAreNeverBlockedByTheDeadline) {
  Situation s = at(State::Sent, kReceiver);
  s.today = d(2026, 6, 1);
  EXPECT_TRUE(apply(s, Action::Accept).has_value());
  EXPECT_TRUE(apply(s, Action::Return, "Sai số liệu").has_value());
  Situation a = at(State::AwaitingApproval, kLeader);
  a.today = d(2026, 6, 1);
  EXPECT_EQ(*apply(a, Action::Approve), State::Sent);  // a late report can still be sent
}

TEST(WorkflowConfig, InternalStepsMustBeOneToThree) {
  for (int steps : {0, 4, -1}) {
    WorkflowConfig c{steps};
    EXPECT_EQ(validateConfig(c).error().code, ErrorCode::InvalidField);
    Situation s = at(State::Draft, kOfficer, steps);
    EXPECT_EQ(apply(s, Action::Submit).error().code, ErrorCode::InvalidField);
    EXPECT_TRUE(allowedActions(s).empty());
  }
}

TEST(WorkflowConfig, ReportsInFlightSurviveAConfigurationChange) {
  // Submitted under 2 steps, the unit switches to 1: the check still completes.
  EXPECT_EQ(*apply(at(State::AwaitingCheck, kHead, 1), Action::Check), State::AwaitingApproval);
  // Approved under 3 steps, the unit switches to 2: the leader sends.
  EXPECT_EQ(*apply(at(State::Approved, kLeader, 2), Action::Send), State::Sent);
}

TEST(WorkflowAllowedActions, TellTheUiWhatEachPersonMayDo) {
  EXPECT_EQ(allowedActions(at(State::Draft, kOfficer)),
            (std::vector<Action>{Action::Edit, Action::Submit}));
  EXPECT_EQ(allowedActions(at(State::Sent, kReceiver)),
            (std::vector<Action>{Action::Accept, Action::Return}));
  EXPECT_EQ(allowedActions(at(State::Sent, kLeader)), (std::vector<Action>{Action::Recall}));
  Situation late = at(State::Sent, kLeader);
  late.today = d(2026, 4, 1);
  EXPECT_TRUE(allowedActions(late).empty());
  // One person with several roles gets the union.
  Actor both{9, {Role::DataEntry, Role::Reviewer, Role::Approver}, {}, false};
  EXPECT_EQ(allowedActions(at(State::AwaitingApproval, both)),
            (std::vector<Action>{Action::Approve, Action::SendBack}));
}

TEST(WorkflowIds, RoundTrip) {
  for (State s : allStates()) EXPECT_EQ(parseState(stateId(s)), s);
  for (Action a : allActions()) EXPECT_EQ(parseAction(actionId(a)), a);
  EXPECT_FALSE(parseState("done"));
  EXPECT_FALSE(parseAction("delete"));
  EXPECT_EQ(allStates().size(), 8u);
  EXPECT_EQ(allActions().size(), 12u);
}

TEST(WorkflowDelegation, AppliesToItsDelegateUnitReportKindAndDates) {
  Delegation dg{1, 42, 3, 4, "BC-KTXH", d(2026, 3, 1), d(2026, 3, 31), false};
  ASSERT_TRUE(validateDelegation(dg).has_value());
  std::vector<Delegation> all = {dg};
  EXPECT_TRUE(hasDelegatedApproval(all, 4, 42, "BC-KTXH", d(2026, 3, 1)));
  EXPECT_TRUE(hasDelegatedApproval(all, 4, 42, "BC-KTXH", d(2026, 3, 31)));
  EXPECT_FALSE(hasDelegatedApproval(all, 4, 42, "BC-KTXH", d(2026, 2, 28)));
  EXPECT_FALSE(hasDelegatedApproval(all, 4, 42, "BC-KTXH", d(2026, 4, 1)));
  EXPECT_FALSE(hasDelegatedApproval(all, 4, 42, "BC-TCNS", d(2026, 3, 10)));  // other kind
  EXPECT_FALSE(hasDelegatedApproval(all, 4, 43, "BC-KTXH", d(2026, 3, 10)));  // other unit
  EXPECT_FALSE(hasDelegatedApproval(all, 5, 42, "BC-KTXH", d(2026, 3, 10)));  // other person
  all[0].revoked = true;
  EXPECT_FALSE(hasDelegatedApproval(all, 4, 42, "BC-KTXH", d(2026, 3, 10)));
  Delegation every = dg;
  every.regime_code.clear();
  EXPECT_TRUE(hasDelegatedApproval({every}, 4, 42, "BC-TCNS", d(2026, 3, 10)));
}

TEST(WorkflowDelegation, InvalidDelegationsAreRefused) {
  Delegation self{1, 42, 3, 3, "", d(2026, 3, 1), d(2026, 3, 31), false};
  EXPECT_EQ(validateDelegation(self).error().code, ErrorCode::InvalidField);
  Delegation backwards{1, 42, 3, 4, "", d(2026, 3, 31), d(2026, 3, 1), false};
  EXPECT_EQ(validateDelegation(backwards).error().code, ErrorCode::InvalidDate);
  Delegation no_unit{1, 0, 3, 4, "", d(2026, 3, 1), d(2026, 3, 31), false};
  EXPECT_EQ(validateDelegation(no_unit).error().code, ErrorCode::MissingField);
}

TEST(WorkflowDelegation, ADelegateApprovesButAPlainDivisionHeadCannot) {
  Actor delegate{4, {Role::Reviewer}, {}, true};
  EXPECT_EQ(*apply(at(State::AwaitingApproval, delegate), Action::Approve), State::Sent);
  EXPECT_EQ(apply(at(State::AwaitingApproval, kHead), Action::Approve).error().code,
            ErrorCode::Forbidden);
}

TEST(Submission, AMonthlyReportLivesThroughReturnRecallAndCorrection) {
  Submission sub("BC-KTXH/202603/u42");
  Timestamp t = Timestamp::fromSeconds(1773900000);
  auto step = [&](Actor who, Action a, std::string_view reason = {}) {
    Situation s = at(sub.state(), who);
    t = t.plusSeconds(3600);
    return sub.perform(s, a, reason, t);
  };
  // Submit needs a frozen version.
  EXPECT_EQ(step(kOfficer, Action::Submit).error().code, ErrorCode::InvalidTransition);
  ASSERT_EQ(*sub.freezeVersion(hashOf('a'), 1, t, "Trình lần đầu"), 1);
  ASSERT_EQ(*step(kOfficer, Action::Submit), State::AwaitingCheck);
  // Content is frozen while it is checked.
  EXPECT_EQ(sub.freezeVersion(hashOf('b'), 1, t, "").error().code, ErrorCode::InvalidTransition);
  ASSERT_EQ(*step(kHead, Action::Check), State::AwaitingApproval);
  // Approve needs the signature on the latest version.
  EXPECT_EQ(step(kLeader, Action::Approve).error().code, ErrorCode::InvalidTransition);
  ASSERT_TRUE(sub.attachSignature(1, {"CN=Nguyễn Văn An", t, 3, "sig-1"}).has_value());
  EXPECT_FALSE(sub.attachSignature(1, {"CN=Khác", t, 3, "sig-x"}).has_value());  // immutable
  ASSERT_EQ(*step(kLeader, Action::Approve), State::Sent);
  const Timestamp first_sent = *sub.firstSentAt();
  // Returned with a reason, corrected as version 2, sent again.
  ASSERT_EQ(*step(kReceiver, Action::Return, "Chỉ tiêu 05 chưa khớp"), State::Returned);
  ASSERT_EQ(*sub.freezeVersion(hashOf('b'), 1, t, "Sửa theo yêu cầu trả lại"), 2);
  ASSERT_EQ(*sub.freezeVersion(hashOf('b'), 1, t, "Lưu lại"), 2);  // same content: no new version
  ASSERT_EQ(*step(kOfficer, Action::Submit), State::AwaitingCheck);
  ASSERT_EQ(*step(kHead, Action::Check), State::AwaitingApproval);
  ASSERT_TRUE(sub.attachSignature(2, {"CN=Nguyễn Văn An", t, 3, "sig-2"}).has_value());
  ASSERT_EQ(*step(kLeader, Action::Approve), State::Sent);
  // Recalled by the sender, version 3, sent and accepted.
  ASSERT_EQ(*step(kLeader, Action::Recall), State::Draft);
  ASSERT_EQ(*sub.freezeVersion(hashOf('c'), 1, t, "Bổ sung sau thu hồi"), 3);
  ASSERT_EQ(*step(kOfficer, Action::Submit), State::AwaitingCheck);
  ASSERT_EQ(*step(kHead, Action::Check), State::AwaitingApproval);
  ASSERT_TRUE(sub.attachSignature(3, {"CN=Nguyễn Văn An", t, 3, "sig-3"}).has_value());
  EXPECT_FALSE(sub.attachSignature(2, {"CN=Nguyễn Văn An", t, 3, "sig-2b"}).has_value());
  ASSERT_EQ(*step(kLeader, Action::Approve), State::Sent);
  ASSERT_EQ(*step(kReceiver, Action::Accept), State::Accepted);
  // Correction requested, granted: back to draft; every version is kept.
  ASSERT_EQ(*step(kLeader, Action::RequestCorrection, "Sai đơn vị tính"),
            State::CorrectionRequested);
  ASSERT_EQ(*step(kReceiver, Action::GrantCorrection), State::Draft);
  EXPECT_EQ(sub.versions().size(), 3u);
  EXPECT_EQ(sub.version(2)->content_hash, hashOf('b'));
  EXPECT_EQ(sub.version(2)->signature->signature_ref, "sig-2");
  EXPECT_EQ(sub.version(4).error().code, ErrorCode::NotFound);
  EXPECT_EQ(*sub.firstSentAt(), first_sent);  // compliance counts the first sending
  EXPECT_GT(*sub.lastSentAt(), first_sent);
  ASSERT_EQ(sub.history().size(), 14u);
  EXPECT_EQ(sub.history()[3].action, Action::Return);
  EXPECT_EQ(sub.history()[3].reason, "Chỉ tiêu 05 chưa khớp");
  EXPECT_EQ(sub.history()[3].actor_user_id, 6);
  EXPECT_EQ(sub.history().back().to, State::Draft);
}

TEST(Submission, RestoredFromStorageContinuesWhereItStopped) {
  Submission sub("BC-KTXH/202603/u42");
  Timestamp t = Timestamp::fromSeconds(1773900000);
  ASSERT_EQ(*sub.freezeVersion(hashOf('a'), 1, t, "Trình"), 1);
  ASSERT_EQ(*sub.perform(at(State::Draft, kOfficer), Action::Submit, {}, t), State::AwaitingCheck);
  ASSERT_EQ(*sub.perform(at(State::AwaitingCheck, kHead), Action::Check, {}, t.plusSeconds(60)),
            State::AwaitingApproval);
  ASSERT_TRUE(sub.attachSignature(1, {"CN=Nguyễn Văn An", t, 3, "sig-1"}).has_value());
  ASSERT_EQ(*sub.perform(at(State::AwaitingApproval, kLeader), Action::Approve, {},
                         t.plusSeconds(120)),
            State::Sent);

  Submission back = Submission::restore(sub.obligationKey(), sub.state(), sub.versions(),
                                        sub.history());
  EXPECT_EQ(back.state(), State::Sent);
  EXPECT_EQ(*back.firstSentAt(), t.plusSeconds(120));
  EXPECT_EQ(back.history().size(), 3u);
  EXPECT_EQ(back.latest()->signature->signature_ref, "sig-1");
  // It goes on from there: the receiver returns it and a second version can be frozen.
  ASSERT_EQ(*back.perform(at(State::Sent, kReceiver), Action::Return, "Thiếu số liệu",
                          t.plusSeconds(180)),
            State::Returned);
  EXPECT_EQ(*back.freezeVersion(hashOf('b'), 1, t.plusSeconds(240), "Sửa"), 2);
}

TEST(Submission, RefusesAHashThatIsNotSha256Hex) {
  Submission sub("k");
  EXPECT_EQ(sub.freezeVersion("abc", 1, {}, "").error().code, ErrorCode::InvalidField);
  EXPECT_EQ(sub.freezeVersion(std::string(64, 'A'), 1, {}, "").error().code,
            ErrorCode::InvalidField);
  EXPECT_TRUE(sub.versions().empty());
}

TEST(Submission, AFailedActionLeavesNoTrace) {
  Submission sub("k");
  ASSERT_TRUE(sub.freezeVersion(hashOf('a'), 1, {}, "").has_value());
  EXPECT_FALSE(sub.perform(at(State::Draft, kReceiver), Action::Submit, {}, {}).has_value());
  EXPECT_TRUE(sub.history().empty());
  EXPECT_EQ(sub.state(), State::Draft);
}

TEST(CompareContents, ListsChangedAddedAndRemovedItems) {
  ReportContent a;
  a.values = {{"B01/01", "100"}, {"B01/02", "200"}, {"B01/03", "5"}};
  a.narrative = {{"1", "Tình hình chung"}};
  a.attachments = {{"phu-luc.pdf", "application/pdf", 10, hashOf('1')}};
  ReportContent b = a;
  EXPECT_TRUE(compareContents(a, b).empty());
  b.values["B01/02"] = "250";
  b.values.erase("B01/03");
  b.values["B01/04"] = "7";
  b.narrative["2"] = "Kiến nghị";
  b.attachments[0].sha256 = hashOf('2');
  auto diff = compareContents(a, b);
  ASSERT_EQ(diff.size(), 5u);
  EXPECT_EQ(diff[0], (Difference{Difference::Kind::Value, "B01/02", "200", "250"}));
  EXPECT_EQ(diff[1], (Difference{Difference::Kind::Value, "B01/03", "5", std::nullopt}));
  EXPECT_EQ(diff[2], (Difference{Difference::Kind::Value, "B01/04", std::nullopt, "7"}));
  EXPECT_EQ(diff[3], (Difference{Difference::Kind::Narrative, "2", std::nullopt, "Kiến nghị"}));
  EXPECT_EQ(diff[4].kind, Difference::Kind::Attachment);
  EXPECT_EQ(diff[4].key, "phu-luc.pdf");
}

}  // namespace
}  // namespace baocao::core::workflow
