// Which reminders are due on a day (assigned, 3 working days before, on the deadline, overdue
// weekly, returned, accepted), their dedupe keys, and the daily digest's Vietnamese text.
#include "core/notify/reminder.h"

#include <gtest/gtest.h>

namespace baocao::core::notify {
namespace {

using workflow::State;

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

ObligationFacts facts(Date deadline, State state = State::Draft) {
  ObligationFacts f;
  f.obligation.key = "HCM-KTXH/202604/u10";
  f.obligation.title = "Báo cáo tình hình kinh tế - xã hội tháng 04/2026";
  f.obligation.assigned_on = d(2026, 3, 8);
  f.obligation.deadline = deadline;
  f.obligation.amendment_deadline = deadline.addDays(7);
  f.state = state;
  f.version = 4;
  f.unit_name = "Sở Tài chính";
  return f;
}

std::vector<std::string> keys(const std::vector<Reminder>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.dedupe_key);
  return out;
}

TEST(Reminders, FollowTheDeadlineFromAssignmentToOverdue) {
  calendar::HolidayCalendar cal;
  auto f = facts(d(2026, 4, 17));  // Friday
  using V = std::vector<std::string>;
  EXPECT_EQ(keys(dueReminders(f, d(2026, 3, 7), cal)), V{});  // not yet assigned
  EXPECT_EQ(keys(dueReminders(f, d(2026, 3, 9), cal)), V{"assigned:HCM-KTXH/202604/u10"});
  // 3 working days before Friday 17/04 is Tuesday 14/04
  EXPECT_EQ(keys(dueReminders(f, d(2026, 4, 13), cal)), V{"assigned:HCM-KTXH/202604/u10"});
  auto soon = dueReminders(f, d(2026, 4, 14), cal);
  ASSERT_EQ(keys(soon), V{"due_soon:HCM-KTXH/202604/u10"});
  EXPECT_EQ(soon[0].text,
            "«Báo cáo tình hình kinh tế - xã hội tháng 04/2026» của Sở Tài chính sắp đến hạn gửi "
            "17/04/2026: còn 3 ngày làm việc (3 ngày)");
  // a server down on Tuesday still warns on Wednesday, with the same key
  EXPECT_EQ(keys(dueReminders(f, d(2026, 4, 15), cal)), V{"due_soon:HCM-KTXH/202604/u10"});
  auto today = dueReminders(f, d(2026, 4, 17), cal);
  ASSERT_EQ(keys(today), V{"due_today:HCM-KTXH/202604/u10"});
  EXPECT_EQ(today[0].text,
            "Hôm nay 17/04/2026 là hạn cuối gửi «Báo cáo tình hình kinh tế - xã hội tháng "
            "04/2026» của Sở Tài chính");
  // the weekend after the deadline is quiet; Monday is the first overdue reminder
  EXPECT_EQ(keys(dueReminders(f, d(2026, 4, 18), cal)), V{});
  auto late = dueReminders(f, d(2026, 4, 20), cal);
  ASSERT_EQ(keys(late), V{"overdue:HCM-KTXH/202604/u10:0"});
  EXPECT_EQ(late[0].text,
            "«Báo cáo tình hình kinh tế - xã hội tháng 04/2026» của Sở Tài chính chưa gửi, hạn "
            "17/04/2026 đã qua: quá hạn 1 ngày làm việc (3 ngày)");
  EXPECT_EQ(keys(dueReminders(f, d(2026, 4, 26), cal)), V{"overdue:HCM-KTXH/202604/u10:0"});
  EXPECT_EQ(keys(dueReminders(f, d(2026, 4, 27), cal)), V{"overdue:HCM-KTXH/202604/u10:1"});
  // weekly reminders stop after kOverdueMaxReminders
  EXPECT_EQ(keys(dueReminders(f, d(2026, 4, 20).addDays(7 * kOverdueMaxReminders), cal)), V{});
}

TEST(Reminders, DueSoonCountsWorkingDaysAcrossHolidays) {
  calendar::HolidayCalendar cal;
  // 30/04 and 01/05/2026 are holidays: 3 working days before Tuesday 05/05 is Tuesday 28/04
  auto f = facts(d(2026, 5, 5));
  EXPECT_EQ(dueReminders(f, d(2026, 4, 28), cal).at(0).kind, ReminderKind::DueSoon);
  EXPECT_EQ(dueReminders(f, d(2026, 4, 24), cal).at(0).kind, ReminderKind::Assigned);
}

TEST(Reminders, SentReportsAreNotChasedAndAssignedOnlyInDraft) {
  calendar::HolidayCalendar cal;
  auto sent = facts(d(2026, 4, 17), State::Sent);
  EXPECT_TRUE(dueReminders(sent, d(2026, 4, 17), cal).empty());
  EXPECT_TRUE(dueReminders(sent, d(2026, 4, 20), cal).empty());
  auto checking = facts(d(2026, 4, 17), State::AwaitingCheck);
  EXPECT_TRUE(dueReminders(checking, d(2026, 3, 9), cal).empty());  // work has started
  EXPECT_EQ(dueReminders(checking, d(2026, 4, 17), cal).at(0).kind, ReminderKind::DueToday);
}

TEST(Reminders, ReturnAndAcceptanceOncePerVersion) {
  calendar::HolidayCalendar cal;
  auto returned = facts(d(2026, 4, 17), State::Returned);
  auto rs = dueReminders(returned, d(2026, 4, 16), cal);
  ASSERT_EQ(keys(rs), (std::vector<std::string>{"due_soon:HCM-KTXH/202604/u10",
                                               "returned:HCM-KTXH/202604/u10:v4"}));
  EXPECT_EQ(rs[1].text,
            "«Báo cáo tình hình kinh tế - xã hội tháng 04/2026» của Sở Tài chính bị đơn vị nhận "
            "trả lại; cần chỉnh sửa và gửi lại trước hạn 17/04/2026");
  // the event and the daily job agree on the key
  EXPECT_EQ(transitionReminder(returned)->dedupe_key, rs[1].dedupe_key);
  returned.version = 6;  // returned a second time
  EXPECT_EQ(transitionReminder(returned)->dedupe_key, "returned:HCM-KTXH/202604/u10:v6");
  auto accepted = facts(d(2026, 4, 17), State::Accepted);
  auto a = dueReminders(accepted, d(2026, 4, 20), cal);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, ReminderKind::Accepted);
  EXPECT_EQ(a[0].text, "«Báo cáo tình hình kinh tế - xã hội tháng 04/2026» của Sở Tài chính đã "
                       "được đơn vị nhận tiếp nhận");
  // history older than the horizon is not news
  EXPECT_TRUE(dueReminders(accepted, d(2026, 4, 24).addDays(kStateReminderHorizonDays + 1), cal)
                  .empty());
  EXPECT_FALSE(transitionReminder(facts(d(2026, 4, 17), State::Sent)).has_value());
}

TEST(ReminderKinds, RoundTripTheirIds) {
  for (auto k : {ReminderKind::Assigned, ReminderKind::DueSoon, ReminderKind::DueToday,
                 ReminderKind::Overdue, ReminderKind::Returned, ReminderKind::Accepted})
    EXPECT_EQ(parseReminderKind(reminderKindId(k)), k);
  EXPECT_FALSE(parseReminderKind("later").has_value());
}

TEST(Digest, GroupsEveryItemOfTheDayUrgentFirst) {
  std::vector<DigestItem> items{{ReminderKind::Assigned, "Được giao «A»"},
                                {ReminderKind::Overdue, "«B» chưa gửi"},
                                {ReminderKind::Assigned, "Được giao «C»"}};
  auto m = composeDigest("Nguyễn Văn An", d(2026, 3, 14), items, "https://baocao.example.vn");
  EXPECT_EQ(m.subject, "Nhắc việc báo cáo ngày 14/03/2026: 3 nội dung");
  EXPECT_EQ(m.body,
            "Kính gửi Nguyễn Văn An,\n\n"
            "Hệ thống báo cáo nhắc anh/chị các nội dung sau (ngày 14/03/2026):\n"
            "\nBáo cáo quá hạn:\n  - «B» chưa gửi\n"
            "\nBáo cáo mới được giao:\n  - Được giao «A»\n  - Được giao «C»\n"
            "\nXem chi tiết và thực hiện tại: https://baocao.example.vn\n\n"
            "Thư này được gửi tự động mỗi ngày một lần, gộp mọi nhắc việc trong ngày; vui lòng "
            "không trả lời thư này.\n");
  EXPECT_TRUE(composeDigest("X", d(2026, 3, 14), {}, "").subject.empty());
}

}  // namespace
}  // namespace baocao::core::notify
