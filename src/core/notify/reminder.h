// Reminders (nhắc việc) about obligations and the daily digest that carries them by e-mail
// (issue 5 point 8; docs/domain/workflow.md "Reminders").
//
// Units must report on time (002 Đ8; 001 Đ8.3: "đúng thời hạn, đúng kỳ báo cáo theo yêu cầu
// được hiển thị trên Hệ thống"); the system reminds the people who owe a report:
//   assigned   — the obligation appeared in the unit's list (once, in state draft, before the
//                due-soon window: inside it the due_soon reminder says the same);
//   due_soon   — 3 working days before the deadline (kDueSoonWorkingDays; counted on the
//                holiday calendar, so a Tết week does not eat the warning);
//   due_today  — on the deadline day;
//   overdue    — on the first working day after the deadline, then every 7 days while the
//                report is still not sent (at most kOverdueMaxReminders);
//   returned   — the receiver returned the report (002 Đ4.4b; 004 Đ7.3b), once per return;
//   accepted   — the receiver accepted it, once per acceptance.
// Each reminder carries a dedupe key; the store keeps one notification per (user, key), so a
// job run twice, after a restart or from two servers, reminds nobody twice. A reminder not sent
// on its exact day (server down) is still sent on a later day while it makes sense (due_soon
// until the deadline, overdue for the current week).
// The current day is a parameter. Thread-safety: pure functions over plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/holiday_calendar.h"
#include "core/common/date.h"
#include "core/obligation/obligation.h"
#include "core/workflow/workflow.h"

namespace baocao::core::notify {

inline constexpr int kDueSoonWorkingDays = 3;
inline constexpr int kOverdueRepeatDays = 7;
/// Weekly overdue reminders stop after this many (the receiver's follow-up takes over).
inline constexpr int kOverdueMaxReminders = 8;
/// The daily job reports a returned/accepted state only until this many days after the
/// obligation's amendment deadline (so old history does not flood a new installation).
inline constexpr int kStateReminderHorizonDays = 30;

enum class ReminderKind { Assigned, DueSoon, DueToday, Overdue, Returned, Accepted };
std::string_view reminderKindId(ReminderKind k);  // "assigned", "due_soon", ...
std::optional<ReminderKind> parseReminderKind(std::string_view id);
std::string_view reminderKindLabel(ReminderKind k);  // "Được giao", "Sắp đến hạn", ...

/// What a reminder needs to know about one obligation.
struct ObligationFacts {
  obligation::Obligation obligation;
  workflow::State state = workflow::State::Draft;
  int64_t version = 1;       // the stored version: a new return or acceptance has a new one
  std::string unit_name;     // the reporting unit, named in the text
};

struct Reminder {
  ReminderKind kind = ReminderKind::Assigned;
  std::string obligation_key;
  /// Unique per obligation and occurrence: "due_soon:BC/202603/u42",
  /// "overdue:BC/202603/u42:1" (the second weekly reminder), "returned:BC/202603/u42:v7".
  std::string dedupe_key;
  std::string text;  // one Vietnamese line, dates as dd/mm/yyyy
  bool operator==(const Reminder&) const = default;
};

/// True when the unit still owes the report (not sent, or returned to it).
bool stillOwed(workflow::State s);

/// The reminders due for one obligation on `today` (at most two: a deadline reminder and a
/// state reminder). Deterministic; the caller drops those already stored.
std::vector<Reminder> dueReminders(const ObligationFacts& facts, Date today,
                                   const calendar::HolidayCalendar& calendar);

/// A reminder for a state change reported by the workflow (returned or accepted); nullopt for
/// other states. `facts.version` is the version after the change, so the daily job, which
/// finds the same state, yields the same dedupe key.
std::optional<Reminder> transitionReminder(const ObligationFacts& facts);

/// One line of a digest.
struct DigestItem {
  ReminderKind kind = ReminderKind::Assigned;
  std::string text;
};

/// The one e-mail a user receives per day (instead of one per reminder).
struct DigestMail {
  std::string subject;  // "Nhắc việc báo cáo ngày 14/03/2026: 3 nội dung"
  std::string body;     // plain text, UTF-8, grouped by kind, overdue first
};
/// Errors: none; an empty item list gives an empty subject (nothing to send).
DigestMail composeDigest(const std::string& full_name, Date day,
                         const std::vector<DigestItem>& items, const std::string& site_url);

}  // namespace baocao::core::notify
