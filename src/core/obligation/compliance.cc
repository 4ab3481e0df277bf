#include "core/obligation/compliance.h"

#include <algorithm>
#include <tuple>

#include "core/common/text.h"

namespace baocao::core::obligation {

using workflow::Action;
using workflow::State;

namespace {

// Working days d with from < d ≤ to (0 when to ≤ from).
int workingDaysBetween(Date from, Date to, const calendar::HolidayCalendar& cal) {
  int n = 0;
  for (Date d = from.addDays(1); d <= to; d = d.addDays(1))
    if (cal.isWorkingDay(d)) ++n;
  return n;
}

bool isDuty(Action a) {
  switch (a) {
    case Action::Edit:
    case Action::Submit:
    case Action::Check:
    case Action::Approve:
    case Action::Send:
    case Action::Accept:
    case Action::Return:
    case Action::GrantCorrection:
    case Action::RejectCorrection:
      return true;
    default:
      return false;  // SendBack, Recall, RequestCorrection are options, not duties
  }
}

std::string waitingText(State s) {
  switch (s) {
    case State::Draft:
      return "Chờ chuyên viên nhập số liệu và trình";
    case State::Returned:
      return "Bị trả lại: chờ chuyên viên sửa và trình lại";
    case State::AwaitingCheck:
      return "Chờ lãnh đạo phòng kiểm tra";
    case State::AwaitingApproval:
      return "Chờ lãnh đạo đơn vị duyệt và ký số";
    case State::Approved:
      return "Đã duyệt, chờ gửi cơ quan nhận";
    case State::Sent:
      return "Đã gửi, chờ cơ quan nhận tiếp nhận";
    case State::Accepted:
      return "Hoàn thành: cơ quan nhận đã tiếp nhận";
    case State::CorrectionRequested:
      return "Chờ cơ quan nhận xem xét đề nghị đính chính";
  }
  return "";
}

}  // namespace

Countdown countdown(Date deadline, Date today, const calendar::HolidayCalendar& cal) {
  Countdown c;
  if (today > deadline) {
    c.overdue = true;
    c.calendar_days = today - deadline;
    c.working_days = workingDaysBetween(deadline, today, cal);
    c.text = "Quá hạn " + std::to_string(c.working_days) + " ngày làm việc (" +
             std::to_string(c.calendar_days) + " ngày)";
  } else {
    c.calendar_days = deadline - today;
    c.working_days = workingDaysBetween(today, deadline, cal);
    c.text = c.calendar_days == 0 ? "Hạn cuối hôm nay"
                                  : "Còn " + std::to_string(c.working_days) + " ngày làm việc (" +
                                        std::to_string(c.calendar_days) + " ngày)";
  }
  return c;
}

OwedItem owedItem(const Obligation& o, const workflow::Situation& s,
                  const calendar::HolidayCalendar& cal) {
  OwedItem it;
  it.obligation_key = o.key;
  it.title = o.title;
  it.deadline = o.deadline;
  it.state = s.state;
  it.state_label = std::string(workflow::stateLabel(s.state));
  it.done =
      s.state == State::Sent || s.state == State::Accepted || s.state == State::CorrectionRequested;
  it.countdown = countdown(o.deadline, s.today, cal);
  if (it.done) {
    // Sent: nothing is owed any more, so no countdown ("quá hạn" on an accepted report would
    // alarm for nothing); whether it was on time is the receiver's compliance view.
    it.countdown = Countdown{};
    it.countdown.text = "Đã gửi";
  }
  it.actions = workflow::allowedActions(s);
  std::string duties;
  for (Action a : it.actions) {
    if (!isDuty(a)) continue;
    duties += (duties.empty() ? "" : " / ") + std::string(workflow::actionLabel(a));
  }
  it.next_step = duties.empty() ? waitingText(s.state) : "Bạn cần: " + duties;
  return it;
}

void sortOwed(std::vector<OwedItem>& items) {
  auto mine = [](const OwedItem& i) {
    return std::any_of(i.actions.begin(), i.actions.end(), isDuty);
  };
  std::stable_sort(items.begin(), items.end(), [&](const OwedItem& a, const OwedItem& b) {
    return std::make_tuple(!mine(a), a.done, !a.countdown.overdue, a.deadline, a.obligation_key) <
           std::make_tuple(!mine(b), b.done, !b.countdown.overdue, b.deadline, b.obligation_key);
  });
}

std::string_view complianceId(Compliance c) {
  switch (c) {
    case Compliance::Pending:
      return "pending";
    case Compliance::OnTime:
      return "on_time";
    case Compliance::Late:
      return "late";
    case Compliance::NotSubmitted:
      return "not_submitted";
  }
  return "pending";
}

std::string_view complianceLabel(Compliance c) {
  switch (c) {
    case Compliance::Pending:
      return "Chưa đến hạn";
    case Compliance::OnTime:
      return "Đúng hạn";
    case Compliance::Late:
      return "Trễ hạn";
    case Compliance::NotSubmitted:
      return "Chưa gửi, quá hạn";
  }
  return "";
}

Status validateWindow(const BackfillWindow& w) {
  if (w.outage_to < w.outage_from)
    return makeError(ErrorCode::InvalidDate, "Ngày kết thúc sự cố trước ngày bắt đầu sự cố",
                     {{"outage_to", "trước outage_from"}});
  if (w.closes_at <= w.opens_at)
    return makeError(ErrorCode::InvalidDate, "Thời điểm đóng cửa sổ nhập bù phải sau thời điểm mở",
                     {{"closes_at", "không sau opens_at"}});
  if (w.opens_at.vietnamDate() < w.outage_from)
    return makeError(
        ErrorCode::InvalidDate,
        "Cửa sổ nhập bù không thể mở trước khi sự cố bắt đầu (" + w.outage_from.vietnamese() + ")",
        {{"opens_at", "trước outage_from"}});
  return ok();
}

Status validateBackfill(const BackfillEntry& e, const std::vector<BackfillWindow>& windows,
                        const Obligation& o) {
  auto it = std::find_if(windows.begin(), windows.end(),
                         [&](const BackfillWindow& w) { return w.id == e.window_id; });
  if (it == windows.end())
    return makeError(ErrorCode::NotFound, "Không có đợt nhập bù số " + std::to_string(e.window_id));
  const BackfillWindow& w = *it;
  if (e.recorded_at < w.opens_at || e.recorded_at >= w.closes_at)
    return makeError(ErrorCode::DeadlinePassed, "Đợt nhập bù «" + w.reason +
                                                    "» chỉ nhận báo cáo từ " + w.opens_at.iso() +
                                                    " đến trước " + w.closes_at.iso());
  if (!w.unit_ids.empty() &&
      std::find(w.unit_ids.begin(), w.unit_ids.end(), o.unit_id) == w.unit_ids.end())
    return makeError(ErrorCode::Forbidden, "Đơn vị " + std::to_string(o.unit_id) +
                                               " không thuộc đợt nhập bù «" + w.reason + "»");
  if (text::trim(e.explanation).empty())
    return makeError(
        ErrorCode::MissingField,
        "Phải giải trình cách đã gửi báo cáo ngoài hệ thống (số văn bản, thư điện tử...)",
        {{"explanation", "bắt buộc"}});
  if (e.true_sent_date < w.outage_from || e.true_sent_date > w.outage_to)
    return makeError(ErrorCode::InvalidDate,
                     "Ngày gửi thực tế " + e.true_sent_date.vietnamese() +
                         " nằm ngoài thời gian hệ thống gián đoạn (" + w.outage_from.vietnamese() +
                         " – " + w.outage_to.vietnamese() + ")",
                     {{"true_sent_date", "ngoài thời gian sự cố"}});
  if (e.true_sent_date > e.recorded_at.vietnamDate())
    return makeError(ErrorCode::InvalidDate,
                     "Ngày gửi thực tế " + e.true_sent_date.vietnamese() + " sau ngày nhập bù",
                     {{"true_sent_date", "ở tương lai"}});
  if (e.true_sent_date < o.assigned_on)
    return makeError(ErrorCode::InvalidDate,
                     "Ngày gửi thực tế " + e.true_sent_date.vietnamese() +
                         " trước ngày giao báo cáo (" + o.assigned_on.vietnamese() + ")",
                     {{"true_sent_date", "trước ngày giao"}});
  return ok();
}

ComplianceResult classify(const Obligation& o, const SendingFacts& facts,
                          const std::vector<BackfillWindow>& windows, Date as_of,
                          const calendar::HolidayCalendar& cal) {
  ComplianceResult r;
  std::optional<Date> sent;
  if (facts.backfill) {
    Status valid = validateBackfill(*facts.backfill, windows, o);
    if (valid.has_value()) {
      sent = facts.backfill->true_sent_date;
      r.backfilled = true;
      r.note = "Nhập bù: tính theo ngày gửi thực tế " + sent->vietnamese();
    } else {
      sent = facts.backfill->recorded_at.vietnamDate();
      r.note = "Không tính ngày gửi thực tế: " + valid.error().message;
    }
  }
  if (facts.first_sent_at) {
    const Date system_date = facts.first_sent_at->vietnamDate();
    if (!sent || system_date < *sent) {
      sent = system_date;
      r.backfilled = false;
      r.note.clear();
    }
  }
  if (sent) {
    r.counted_sent_date = sent;
    if (*sent <= o.deadline) {
      r.status = Compliance::OnTime;
    } else {
      r.status = Compliance::Late;
      r.calendar_days_late = *sent - o.deadline;
      r.working_days_late = workingDaysBetween(o.deadline, *sent, cal);
    }
    return r;
  }
  if (as_of > o.deadline) {
    r.status = Compliance::NotSubmitted;
    r.calendar_days_late = as_of - o.deadline;
    r.working_days_late = workingDaysBetween(o.deadline, as_of, cal);
  } else {
    r.status = Compliance::Pending;
  }
  return r;
}

ComplianceSummary summarize(const std::vector<ComplianceResult>& results) {
  ComplianceSummary s;
  s.total = static_cast<int>(results.size());
  for (const auto& r : results) {
    switch (r.status) {
      case Compliance::OnTime:
        ++s.on_time;
        break;
      case Compliance::Late:
        ++s.late;
        break;
      case Compliance::NotSubmitted:
        ++s.not_submitted;
        break;
      case Compliance::Pending:
        ++s.pending;
        break;
    }
  }
  s.text = std::to_string(s.on_time + s.late) + "/" + std::to_string(s.total) +
           " đơn vị đã báo cáo (" + std::to_string(s.on_time) + " đúng hạn, " +
           std::to_string(s.late) + " trễ hạn); " + std::to_string(s.not_submitted) +
           " quá hạn chưa gửi";
  return s;
}

}  // namespace baocao::core::obligation
