// "What do I owe" (countdown, next step, ordering) and compliance with backfill windows
// (002 Đ5.4; 004 Đ9.4). Time is always a parameter.
#include "core/obligation/compliance.h"

#include <gtest/gtest.h>

namespace baocao::core::obligation {
namespace {

using security::Role;
using workflow::Action;
using workflow::State;

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }
Timestamp ts(const char* iso) { return *Timestamp::parseIso(iso); }

Obligation march() {
  Obligation o;
  o.key = "BC-KTXH/202604/u10";
  o.title = "Báo cáo tình hình kinh tế - xã hội tháng 04/2026";
  o.unit_id = 10;
  o.receiving_unit_id = 1;
  o.assigned_on = d(2026, 3, 8);
  o.deadline = d(2026, 4, 17);  // Friday
  o.amendment_deadline = d(2026, 4, 24);
  return o;
}

TEST(Countdown, CountsWorkingDaysFirstAndCalendarDaysBeside) {
  calendar::HolidayCalendar cal;
  const Date deadline = d(2026, 4, 17);               // Friday
  auto c = countdown(deadline, d(2026, 4, 13), cal);  // Monday
  EXPECT_FALSE(c.overdue);
  EXPECT_EQ(c.working_days, 4);
  EXPECT_EQ(c.calendar_days, 4);
  EXPECT_EQ(c.text, "Còn 4 ngày làm việc (4 ngày)");
  c = countdown(deadline, d(2026, 4, 11), cal);  // Saturday: the weekend does not count
  EXPECT_EQ(c.working_days, 5);
  EXPECT_EQ(c.calendar_days, 6);
  c = countdown(deadline, deadline, cal);
  EXPECT_EQ(c.text, "Hạn cuối hôm nay");
  EXPECT_EQ(c.working_days, 0);
  c = countdown(deadline, d(2026, 4, 20), cal);  // next Monday
  EXPECT_TRUE(c.overdue);
  EXPECT_EQ(c.calendar_days, 3);
  EXPECT_EQ(c.working_days, 1);
  EXPECT_EQ(c.text, "Quá hạn 1 ngày làm việc (3 ngày)");
  // Across the 30/4–1/5 holidays (Thursday, Friday) and a weekend.
  c = countdown(d(2026, 5, 4), d(2026, 4, 29), cal);
  EXPECT_EQ(c.calendar_days, 5);
  EXPECT_EQ(c.working_days, 1);  // only Monday 04/05
}

workflow::Situation who(State s, workflow::Actor a, Date today) {
  workflow::Situation x;
  x.state = s;
  x.actor = std::move(a);
  x.today = today;
  x.amendment_deadline = d(2026, 4, 24);
  return x;
}
const workflow::Actor kOfficer{1, {Role::DataEntry}, {}, false};
const workflow::Actor kHead{2, {Role::Reviewer}, {}, false};
const workflow::Actor kReceiver{6, {}, {Role::Aggregator}, false};

TEST(OwedItem, TellsEachUserWhatToDoNext) {
  calendar::HolidayCalendar cal;
  auto mine = owedItem(march(), who(State::Draft, kOfficer, d(2026, 4, 15)), cal);
  EXPECT_EQ(mine.next_step, "Bạn cần: Nhập, sửa số liệu / Trình");
  EXPECT_EQ(mine.state_label, "Đang nhập");
  EXPECT_EQ(mine.countdown.text, "Còn 2 ngày làm việc (2 ngày)");
  EXPECT_FALSE(mine.done);

  auto waiting = owedItem(march(), who(State::Draft, kHead, d(2026, 4, 15)), cal);
  EXPECT_TRUE(waiting.actions.empty());
  EXPECT_EQ(waiting.next_step, "Chờ chuyên viên nhập số liệu và trình");

  auto receiver = owedItem(march(), who(State::Sent, kReceiver, d(2026, 4, 20)), cal);
  EXPECT_EQ(receiver.next_step, "Bạn cần: Tiếp nhận / Trả lại");
  EXPECT_TRUE(receiver.done);
  // sent after its deadline: nothing is owed any more, so no "quá hạn" alarm on the home page
  EXPECT_FALSE(receiver.countdown.overdue);
  EXPECT_EQ(receiver.countdown.text, "Đã gửi");

  auto returned = owedItem(march(), who(State::Returned, kHead, d(2026, 4, 20)), cal);
  EXPECT_EQ(returned.next_step, "Bị trả lại: chờ chuyên viên sửa và trình lại");
  EXPECT_TRUE(returned.countdown.overdue);
}

TEST(OwedItem, HomePageListsMyWorkFirstThenOverdueThenByDeadline) {
  calendar::HolidayCalendar cal;
  const Date today = d(2026, 4, 20);
  Obligation a = march();
  a.key = "a";
  a.deadline = d(2026, 4, 30);
  Obligation b = march();
  b.key = "b";
  b.deadline = d(2026, 4, 10);  // overdue
  Obligation c = march();
  c.key = "c";
  c.deadline = d(2026, 4, 22);
  Obligation done = march();
  done.key = "done";
  done.deadline = d(2026, 4, 1);
  std::vector<OwedItem> items = {
      owedItem(a, who(State::Draft, kOfficer, today), cal),
      owedItem(done, who(State::Accepted, kOfficer, today), cal),
      owedItem(c, who(State::Returned, kOfficer, today), cal),
      owedItem(b, who(State::AwaitingCheck, kOfficer, today), cal),  // not my step
      owedItem(c, who(State::Draft, kOfficer, today), cal),
  };
  items[4].obligation_key = "c2";
  sortOwed(items);
  std::vector<std::string> order;
  for (const auto& i : items) order.push_back(i.obligation_key);
  EXPECT_EQ(order, (std::vector<std::string>{"c", "c2", "a", "b", "done"}));
}

TEST(Compliance, SendingOnTheDeadlineDayInVietnamIsOnTime) {
  calendar::HolidayCalendar cal;
  // 23:30 on 17/04 in Hà Nội is 16:30 UTC.
  auto r = classify(march(), {ts("2026-04-17T16:30:00Z"), std::nullopt}, {}, d(2026, 5, 1), cal);
  EXPECT_EQ(r.status, Compliance::OnTime);
  EXPECT_EQ(r.counted_sent_date, d(2026, 4, 17));
  // 00:30 on Saturday 18/04 in Hà Nội: late by one calendar day, no working day.
  r = classify(march(), {ts("2026-04-17T17:30:00Z"), std::nullopt}, {}, d(2026, 5, 1), cal);
  EXPECT_EQ(r.status, Compliance::Late);
  EXPECT_EQ(r.calendar_days_late, 1);
  EXPECT_EQ(r.working_days_late, 0);
  r = classify(march(), {ts("2026-04-21T03:00:00Z"), std::nullopt}, {}, d(2026, 5, 1), cal);
  EXPECT_EQ(r.status, Compliance::Late);
  EXPECT_EQ(r.working_days_late, 2);
}

TEST(Compliance, UnsentReportsArePendingUntilTheDeadlineThenNotSubmitted) {
  calendar::HolidayCalendar cal;
  EXPECT_EQ(classify(march(), {}, {}, d(2026, 4, 17), cal).status, Compliance::Pending);
  auto r = classify(march(), {}, {}, d(2026, 4, 21), cal);
  EXPECT_EQ(r.status, Compliance::NotSubmitted);
  EXPECT_EQ(r.calendar_days_late, 4);
  EXPECT_EQ(r.working_days_late, 2);
  EXPECT_EQ(complianceLabel(r.status), "Chưa gửi, quá hạn");
}

BackfillWindow outage() {
  BackfillWindow w;
  w.id = 7;
  w.reason = "Hệ thống gián đoạn do sự cố trung tâm dữ liệu";
  w.outage_from = d(2026, 4, 15);
  w.outage_to = d(2026, 4, 18);
  w.opens_at = ts("2026-04-20T01:00:00Z");
  w.closes_at = ts("2026-04-25T10:00:00Z");
  return w;
}

TEST(Compliance, BackfilledReportsCountWithTheirTrueSendingDate) {
  calendar::HolidayCalendar cal;
  ASSERT_TRUE(validateWindow(outage()).has_value());
  BackfillEntry e{7, d(2026, 4, 16), "Đã gửi qua thư điện tử công vụ, văn bản số 123/BC-STC",
                  ts("2026-04-21T02:00:00Z")};
  ASSERT_TRUE(validateBackfill(e, {outage()}, march()).has_value());
  auto r = classify(march(), {std::nullopt, e}, {outage()}, d(2026, 5, 1), cal);
  EXPECT_EQ(r.status, Compliance::OnTime);  // entered on 21/04, sent on 16/04 (deadline 17/04)
  EXPECT_TRUE(r.backfilled);
  EXPECT_EQ(r.counted_sent_date, d(2026, 4, 16));

  // A true date after the deadline stays late.
  e.true_sent_date = d(2026, 4, 18);
  r = classify(march(), {std::nullopt, e}, {outage()}, d(2026, 5, 1), cal);
  EXPECT_EQ(r.status, Compliance::Late);
  EXPECT_TRUE(r.backfilled);
}

TEST(Compliance, InvalidBackfillEntriesCountWithTheDayTheyWereEntered) {
  calendar::HolidayCalendar cal;
  const BackfillEntry good{7, d(2026, 4, 16), "Văn bản số 123/BC-STC", ts("2026-04-21T02:00:00Z")};
  struct Case {
    const char* what;
    BackfillEntry e;
    std::vector<int64_t> units;
    ErrorCode code;
  };
  BackfillEntry closed = good;
  closed.recorded_at = ts("2026-04-26T02:00:00Z");
  BackfillEntry no_reason = good;
  no_reason.explanation = "   ";
  BackfillEntry before_outage = good;
  before_outage.true_sent_date = d(2026, 4, 14);
  BackfillEntry unknown = good;
  unknown.window_id = 8;
  BackfillEntry future = good;
  future.true_sent_date = d(2026, 4, 18);
  future.recorded_at = ts("2026-04-17T02:00:00Z");
  for (const Case& c : {Case{"closed", closed, {}, ErrorCode::DeadlinePassed},
                        Case{"no explanation", no_reason, {}, ErrorCode::MissingField},
                        Case{"outside outage", before_outage, {}, ErrorCode::InvalidDate},
                        Case{"unknown window", unknown, {}, ErrorCode::NotFound},
                        Case{"other units", good, {11, 12}, ErrorCode::Forbidden},
                        Case{"recorded before sent", future, {}, ErrorCode::DeadlinePassed}}) {
    BackfillWindow w = outage();
    w.unit_ids = c.units;
    auto v = validateBackfill(c.e, {w}, march());
    ASSERT_FALSE(v.has_value()) << c.what;
    EXPECT_EQ(v.error().code, c.code) << c.what << ": " << v.error().message;
    auto r = classify(march(), {std::nullopt, c.e}, {w}, d(2026, 5, 1), cal);
    EXPECT_FALSE(r.backfilled) << c.what;
    EXPECT_EQ(r.counted_sent_date, c.e.recorded_at.vietnamDate()) << c.what;
    EXPECT_NE(r.note.find("Không tính ngày gửi thực tế"), std::string::npos) << c.what;
  }
}

TEST(Compliance, TheEarlierOfSystemSendingAndBackfillCounts) {
  calendar::HolidayCalendar cal;
  BackfillEntry e{7, d(2026, 4, 18), "Văn bản số 123/BC-STC", ts("2026-04-21T02:00:00Z")};
  auto r = classify(march(), {ts("2026-04-15T03:00:00Z"), e}, {outage()}, d(2026, 5, 1), cal);
  EXPECT_EQ(r.status, Compliance::OnTime);
  EXPECT_FALSE(r.backfilled);
  EXPECT_EQ(r.counted_sent_date, d(2026, 4, 15));
}

TEST(Compliance, WindowsMustFollowTheOutage) {
  BackfillWindow w = outage();
  w.outage_to = d(2026, 4, 14);
  EXPECT_EQ(validateWindow(w).error().code, ErrorCode::InvalidDate);
  w = outage();
  w.closes_at = w.opens_at;
  EXPECT_EQ(validateWindow(w).error().code, ErrorCode::InvalidDate);
  w = outage();
  w.opens_at = ts("2026-04-10T01:00:00Z");
  EXPECT_EQ(validateWindow(w).error().code, ErrorCode::InvalidDate);
}

TEST(ComplianceSummary, CountsWhoHasReported) {
  std::vector<ComplianceResult> rs(5);
  rs[0].status = Compliance::OnTime;
  rs[1].status = Compliance::OnTime;
  rs[2].status = Compliance::Late;
  rs[3].status = Compliance::NotSubmitted;
  rs[4].status = Compliance::Pending;
  auto s = summarize(rs);
  EXPECT_EQ(s.on_time, 2);
  EXPECT_EQ(s.late, 1);
  EXPECT_EQ(s.not_submitted, 1);
  EXPECT_EQ(s.pending, 1);
  EXPECT_EQ(s.text, "3/5 đơn vị đã báo cáo (2 đúng hạn, 1 trễ hạn); 1 quá hạn chưa gửi");
}

}  // namespace
}  // namespace baocao::core::obligation
