#include "core/notify/reminder.h"

#include <array>
#include <map>

#include "core/obligation/compliance.h"

namespace baocao::core::notify {

using workflow::State;

namespace {

struct KindName {
  ReminderKind kind;
  std::string_view id;
  std::string_view label;    // a short tag for the inbox
  std::string_view heading;  // a digest section
};
constexpr std::array<KindName, 6> kKinds{{
    {ReminderKind::Overdue, "overdue", "Quá hạn", "Báo cáo quá hạn"},
    {ReminderKind::Returned, "returned", "Bị trả lại", "Báo cáo bị trả lại"},
    {ReminderKind::DueToday, "due_today", "Hạn hôm nay", "Hạn cuối hôm nay"},
    {ReminderKind::DueSoon, "due_soon", "Sắp đến hạn", "Sắp đến hạn"},
    {ReminderKind::Assigned, "assigned", "Được giao", "Báo cáo mới được giao"},
    {ReminderKind::Accepted, "accepted", "Đã tiếp nhận", "Báo cáo đã được tiếp nhận"},
}};

const KindName& nameOf(ReminderKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n;
  return kKinds[0];
}

std::string subject(const ObligationFacts& f) {
  std::string s = "«" + f.obligation.title + "»";
  if (!f.unit_name.empty()) s += " của " + f.unit_name;
  return s;
}

Reminder make(ReminderKind k, const ObligationFacts& f, std::string suffix, std::string text) {
  Reminder r;
  r.kind = k;
  r.obligation_key = f.obligation.key;
  r.dedupe_key = std::string(reminderKindId(k)) + ":" + f.obligation.key + suffix;
  r.text = std::move(text);
  return r;
}

}  // namespace

std::string_view reminderKindId(ReminderKind k) { return nameOf(k).id; }
std::string_view reminderKindLabel(ReminderKind k) { return nameOf(k).label; }
std::optional<ReminderKind> parseReminderKind(std::string_view id) {
  for (const auto& n : kKinds)
    if (n.id == id) return n.kind;
  return std::nullopt;
}

bool stillOwed(State s) {
  return s != State::Sent && s != State::Accepted && s != State::CorrectionRequested;
}

std::vector<Reminder> dueReminders(const ObligationFacts& f, Date today,
                                   const calendar::HolidayCalendar& cal) {
  std::vector<Reminder> out;
  const auto& o = f.obligation;
  if (stillOwed(f.state) && today >= o.assigned_on) {
    const std::string due = o.deadline.vietnamese();
    Date soon = cal.addWorkingDays(o.deadline, -kDueSoonWorkingDays);
    Date first_overdue = cal.nextWorkingDay(o.deadline);
    if (today > o.deadline) {
      int week = (today - first_overdue) / kOverdueRepeatDays;
      if (today >= first_overdue && week < kOverdueMaxReminders) {
        // "Quá hạn 2 ngày làm việc (4 ngày)" -> "quá hạn 2 ngày làm việc (4 ngày)"
        std::string late = obligation::countdown(o.deadline, today, cal).text;
        late[0] = 'q';
        out.push_back(make(ReminderKind::Overdue, f, ":" + std::to_string(week),
                           subject(f) + " chưa gửi, hạn " + due + " đã qua: " + late));
      }
    } else if (today == o.deadline) {
      out.push_back(make(ReminderKind::DueToday, f, "",
                         "Hôm nay " + due + " là hạn cuối gửi " + subject(f)));
    } else if (today >= soon) {
      std::string left = obligation::countdown(o.deadline, today, cal).text;  // "Còn 3 ngày…"
      left[0] = 'c';
      out.push_back(make(ReminderKind::DueSoon, f, "",
                         subject(f) + " sắp đến hạn gửi " + due + ": " + left));
    } else if (f.state == State::Draft) {
      out.push_back(make(ReminderKind::Assigned, f, "",
                         "Được giao " + subject(f) + ", hạn gửi " + due));
    }
  }
  // A return or acceptance found by the daily job (not reported as an event) is still news
  // within a month of the last amendment day; older states are history, not reminders.
  if (today <= o.amendment_deadline.addDays(kStateReminderHorizonDays))
    if (auto t = transitionReminder(f)) out.push_back(std::move(*t));
  return out;
}

std::optional<Reminder> transitionReminder(const ObligationFacts& f) {
  const std::string v = ":v" + std::to_string(f.version);
  if (f.state == State::Returned)
    return make(ReminderKind::Returned, f, v,
                subject(f) + " bị đơn vị nhận trả lại; cần chỉnh sửa và gửi lại trước hạn " +
                    f.obligation.deadline.vietnamese());
  if (f.state == State::Accepted)
    return make(ReminderKind::Accepted, f, v, subject(f) + " đã được đơn vị nhận tiếp nhận");
  return std::nullopt;
}

DigestMail composeDigest(const std::string& full_name, Date day,
                         const std::vector<DigestItem>& items, const std::string& site_url) {
  DigestMail m;
  if (items.empty()) return m;
  m.subject = "Nhắc việc báo cáo ngày " + day.vietnamese() + ": " + std::to_string(items.size()) +
              " nội dung";
  std::string b = "Kính gửi " + (full_name.empty() ? std::string("anh/chị") : full_name) + ",\n\n";
  b += "Hệ thống báo cáo nhắc anh/chị các nội dung sau (ngày " + day.vietnamese() + "):\n";
  for (const auto& n : kKinds) {  // sections in the order of urgency
    bool any = false;
    for (const auto& it : items) {
      if (it.kind != n.kind) continue;
      if (!any) b += "\n" + std::string(n.heading) + ":\n";
      any = true;
      b += "  - " + it.text + "\n";
    }
  }
  b += "\nXem chi tiết và thực hiện tại: " + (site_url.empty() ? std::string("hệ thống") : site_url) +
       "\n\nThư này được gửi tự động mỗi ngày một lần, gộp mọi nhắc việc trong ngày; "
       "vui lòng không trả lời thư này.\n";
  m.body = std::move(b);
  return m;
}

}  // namespace baocao::core::notify
