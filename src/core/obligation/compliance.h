// "What do I owe" and "who has reported": the view model of a user's obligations (status,
// deadline, days left or overdue, next step) and the compliance classification of each
// obligation — on time, late, not submitted — including reports entered afterwards through a
// backfill window opened by the operator after an outage (002 Đ5.4; 004 Đ9.4).
//
// Days are counted two ways (docs/domain/workflow.md, "Counting days"): working days, the unit
// in which the regulation sets deadlines (002 Đ8.1) and the one shown first, and calendar days,
// shown beside it. The current day is a parameter. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/holiday_calendar.h"
#include "core/obligation/obligation.h"
#include "core/workflow/workflow.h"

namespace baocao::core::obligation {

/// Time left before a deadline, or past it.
struct Countdown {
  bool overdue = false;   // today is after the deadline
  int calendar_days = 0;  // days left (deadline - today) or, when overdue, days past it
  /// Working days left: working days d with today < d ≤ deadline (0 = due today); when
  /// overdue, working days d with deadline < d ≤ today.
  int working_days = 0;
  std::string text;  // "Còn 3 ngày làm việc (5 ngày)", "Hạn cuối hôm nay",
                     // "Quá hạn 2 ngày làm việc (4 ngày)"
};
Countdown countdown(Date deadline, Date today, const calendar::HolidayCalendar& calendar);

/// One line of a user's home page.
struct OwedItem {
  std::string obligation_key;
  std::string title;
  Date deadline;
  workflow::State state = workflow::State::Draft;
  std::string state_label;
  /// True once the unit has sent the report (Sent, Accepted, CorrectionRequested): nothing is
  /// owed unless it comes back.
  bool done = false;
  Countdown countdown;
  std::vector<workflow::Action> actions;  // workflow::allowedActions for this user
  std::string next_step;  // "Bạn cần: Trình" / "Chờ lãnh đạo phòng kiểm tra"
};
/// `situation` describes the user and the report (its state, config, amendment deadline, today).
OwedItem owedItem(const Obligation& obligation, const workflow::Situation& situation,
                  const calendar::HolidayCalendar& calendar);
/// Orders a home page: what the user must act on first, then not done before done; within
/// each, overdue first, then by deadline, then by key.
void sortOwed(std::vector<OwedItem>& items);

enum class Compliance {
  Pending,       // chưa đến hạn: not sent, deadline not passed
  OnTime,        // đúng hạn
  Late,          // trễ hạn
  NotSubmitted,  // chưa gửi, quá hạn
};
std::string_view complianceId(Compliance c);     // "pending", "on_time", "late", "not_submitted"
std::string_view complianceLabel(Compliance c);  // "Chưa đến hạn", "Đúng hạn", ...

/// A window the operator opens after an outage, in which reports sent outside the system
/// (e-mail, document system, paper: 002 Đ5.3–5.4; 004 Đ9.4) are entered with their true date.
struct BackfillWindow {
  int64_t id = 0;
  std::string reason;             // "Hệ thống gián đoạn do sự cố đường truyền"
  Date outage_from;               // first day the system could not be used
  Date outage_to;                 // last day
  Timestamp opens_at;             // late entry accepted from ...
  Timestamp closes_at;            // ... until (exclusive)
  std::vector<int64_t> unit_ids;  // units concerned; empty = every unit
};
/// Errors (InvalidDate): outage_to before outage_from, closes_at not after opens_at, or the
/// window opening before the outage began.
Status validateWindow(const BackfillWindow& w);

/// A report entered through a backfill window.
struct BackfillEntry {
  int64_t window_id = 0;
  Date true_sent_date;      // when it was really sent outside the system
  std::string explanation;  // how it was sent (số văn bản, e-mail...) — required
  Timestamp recorded_at;    // when it was entered in the system
};
/// Whether `entry` may be counted with its true date. Errors: NotFound (no such window),
/// DeadlinePassed (recorded outside the window's opening hours), Forbidden (unit not covered),
/// MissingField (no explanation), InvalidDate (true date outside the outage, after the day it
/// was recorded, or before the obligation was assigned).
Status validateBackfill(const BackfillEntry& entry, const std::vector<BackfillWindow>& windows,
                        const Obligation& obligation);

/// What the system knows about the sending of one obligation's report.
struct SendingFacts {
  std::optional<Timestamp> first_sent_at;  // Submission::firstSentAt()
  std::optional<BackfillEntry> backfill;
};

struct ComplianceResult {
  Compliance status = Compliance::Pending;
  std::optional<Date> counted_sent_date;  // the date compliance used
  bool backfilled = false;                // counted with a backfill entry's true date
  int calendar_days_late = 0;             // late, or overdue when not submitted
  int working_days_late = 0;
  std::string note;  // Vietnamese, e.g. why a backfill entry was not counted
};

/// Classifies one obligation as of `as_of`. The sending date is the first time the report was
/// sent (a later return does not reset it), or the true date of a valid backfill entry; on
/// time when it is on or before the deadline (002 Đ5.4; 004 Đ9.4). An invalid backfill entry
/// counts with the day it was recorded, and the note says why.
ComplianceResult classify(const Obligation& obligation, const SendingFacts& facts,
                          const std::vector<BackfillWindow>& windows, Date as_of,
                          const calendar::HolidayCalendar& calendar);

/// Receiver's overview: "42/168 đơn vị đã báo cáo (40 đúng hạn, 2 trễ hạn)".
struct ComplianceSummary {
  int total = 0;
  int on_time = 0;
  int late = 0;
  int not_submitted = 0;
  int pending = 0;
  std::string text;
};
ComplianceSummary summarize(const std::vector<ComplianceResult>& results);

}  // namespace baocao::core::obligation
