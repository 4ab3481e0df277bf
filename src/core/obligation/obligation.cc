#include "core/obligation/obligation.h"

#include <algorithm>
#include <cstdio>

namespace baocao::core::obligation {

using period::Period;
using period::PeriodType;

std::string_view kindId(Kind k) {
  switch (k) {
    case Kind::Periodic:
      return "periodic";
    case Kind::AdHoc:
      return "ad_hoc";
    case Kind::Cascade:
      return "cascade";
  }
  return "periodic";
}

namespace {

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string unitKey(int64_t unit) { return "u" + std::to_string(unit); }

// Keys are "/"- and ">"-separated; a code must not contain either, nor spaces.
Status checkCode(const std::string& code, const char* field, const char* what) {
  if (code.empty())
    return makeError(ErrorCode::MissingField, std::string("Thiếu ") + what, {{field, "bắt buộc"}});
  for (char c : code) {
    if (c == '/' || c == '>' || c == ' ' || c == '\t' || c == '\n')
      return makeError(
          ErrorCode::InvalidField,
          std::string(what) + " '" + code + "' không được chứa dấu '/', '>' hoặc khoảng trắng",
          {{field, "ký tự không hợp lệ"}});
  }
  return ok();
}

Status checkUnits(const std::vector<int64_t>& units, int64_t forbidden, const char* field,
                  const char* forbidden_what) {
  if (units.empty())
    return makeError(ErrorCode::MissingField, "Chưa chọn đơn vị thực hiện báo cáo",
                     {{field, "bắt buộc"}});
  std::set<int64_t> seen;
  for (int64_t u : units) {
    if (!seen.insert(u).second)
      return makeError(ErrorCode::InvalidField,
                       "Đơn vị " + std::to_string(u) + " được chọn hai lần",
                       {{field, "trùng đơn vị " + std::to_string(u)}});
    if (u == forbidden)
      return makeError(ErrorCode::InvalidField,
                       "Đơn vị " + std::to_string(u) + " là " + forbidden_what +
                           ", không thể đồng thời là đơn vị thực hiện",
                       {{field, "trùng " + std::string(forbidden_what)}});
  }
  return ok();
}

std::vector<int64_t> sorted(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

std::string periodLabel(const Period& p) {
  static const char* kRoman[] = {"", "I", "II", "III", "IV"};
  const std::string y = std::to_string(p.year());
  switch (p.type()) {
    case PeriodType::Weekly:
      return "tuần " + two(p.index()) + "/" + y;
    case PeriodType::Monthly:
      return "tháng " + two(p.index()) + "/" + y;
    case PeriodType::Quarterly:
      return std::string("quý ") + kRoman[p.index()] + "/" + y;
    case PeriodType::SixMonthly:
      return (p.index() == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + y;
    case PeriodType::NineMonthly:
      return "9 tháng năm " + y;
    case PeriodType::Yearly:
      return "năm " + y;
    case PeriodType::MultiYear:
      return "giai đoạn " + y + "-" + std::to_string(p.index());
  }
  return p.id();
}

Status validateRegime(const RegimeSchedule& r) {
  BAOCAO_TRY(checkCode(r.regime_code, "regime_code", "Mã chế độ báo cáo"));
  BAOCAO_TRY(checkUnits(r.reporting_unit_ids, r.receiving_unit_id, "reporting_unit_ids",
                        "cơ quan nhận báo cáo"));
  if (r.receiving_unit_id == 0)
    return makeError(ErrorCode::MissingField, "Chưa chọn cơ quan nhận báo cáo",
                     {{"receiving_unit_id", "bắt buộc"}});
  if (r.deadline_rule.levels < 1 || r.level < 0 || r.level >= r.deadline_rule.levels)
    return makeError(ErrorCode::InvalidField,
                     "Cấp báo cáo " + std::to_string(r.level) + " nằm ngoài số cấp có thời hạn (" +
                         std::to_string(r.deadline_rule.levels) + ")",
                     {{"level", "phải từ 0 đến số cấp - 1"}});
  if (r.effective_to && *r.effective_to < r.effective_from)
    return makeError(ErrorCode::InvalidDate, "Ngày hết hiệu lực trước ngày bắt đầu hiệu lực",
                     {{"effective_to", "trước effective_from"}});
  return ok();
}

Result<Generated> generate(const RegimeSchedule& regime, const calendar::HolidayCalendar& cal,
                           const GenerationWindow& window) {
  BAOCAO_TRY(validateRegime(regime));
  if (window.lead_days < 0)
    return makeError(ErrorCode::InvalidField, "Số ngày giao trước không được âm",
                     {{"lead_days", "âm"}});
  Generated out;
  const std::vector<int64_t> units = sorted(regime.reporting_unit_ids);
  Period p = Period::containing(regime.period_type, regime.effective_from);
  // Windows move forward with the period, so the first period not yet due ends the walk; the
  // bound only guards against a misconfigured calendar.
  for (int guard = 0; guard < 100000; ++guard, p = p.next()) {
    if (regime.effective_to && p.firstDay() > *regime.effective_to) break;
    if (p.year() > period::kMaxYear - 1) break;
    const period::PeriodSchedule s = period::schedule(p, regime.deadline_rule, cal);
    const Date appears = s.window.start.addDays(-window.lead_days);
    if (appears > window.today) break;
    if (p.lastDay() < regime.effective_from) continue;
    if (s.replaced_by) {
      out.skipped.push_back({p, *s.replaced_by,
                             "Không lập báo cáo " + periodLabel(p) + " của chế độ " +
                                 regime.regime_code + ": trùng thời hạn gửi với báo cáo " +
                                 periodLabel(*s.replaced_by) +
                                 ", báo cáo đó thay thế (Điều 8 khoản 2)"});
      continue;
    }
    BAOCAO_CHECK(static_cast<int>(s.deadlines.size()) == regime.deadline_rule.levels,
                 "schedule() computes one deadline per level");
    for (int64_t u : units) {
      Obligation o;
      o.key = regime.regime_code + "/" + p.id() + "/" + unitKey(u);
      o.kind = Kind::Periodic;
      o.regime_code = regime.regime_code;
      o.title = regime.name + " " + periodLabel(p);
      o.period = p;
      o.unit_id = u;
      o.receiving_unit_id = regime.receiving_unit_id;
      o.assigned_on = std::max(appears, regime.effective_from);
      o.data_window = s.window;
      o.deadline = s.deadlines[regime.level];
      o.amendment_deadline = s.deadlines.back();
      o.approval_deadline = s.approval_deadline;
      out.obligations.push_back(std::move(o));
    }
  }
  return out;
}

std::vector<Obligation> newObligations(const std::vector<Obligation>& generated,
                                       const std::set<std::string>& existing) {
  std::vector<Obligation> out;
  std::set<std::string> seen;
  for (const auto& o : generated)
    if (!existing.count(o.key) && seen.insert(o.key).second) out.push_back(o);
  return out;
}

Result<std::vector<Obligation>> adHocObligations(const AdHocRequest& r) {
  BAOCAO_TRY(checkCode(r.request_id, "request_id", "Số hiệu yêu cầu báo cáo"));
  if (r.title.empty())
    return makeError(ErrorCode::MissingField, "Thiếu tên báo cáo đột xuất",
                     {{"title", "bắt buộc"}});
  if (r.issuing_unit_id == 0)
    return makeError(ErrorCode::MissingField, "Chưa ghi đơn vị yêu cầu báo cáo",
                     {{"issuing_unit_id", "bắt buộc"}});
  BAOCAO_TRY(checkUnits(r.recipient_unit_ids, r.issuing_unit_id, "recipient_unit_ids",
                        "đơn vị yêu cầu báo cáo"));
  if (r.deadline < r.issued_on)
    return makeError(
        ErrorCode::InvalidDate,
        "Thời hạn " + r.deadline.vietnamese() + " trước ngày yêu cầu " + r.issued_on.vietnamese(),
        {{"deadline", "trước ngày yêu cầu"}});
  std::vector<Obligation> out;
  for (int64_t u : sorted(r.recipient_unit_ids)) {
    Obligation o;
    o.key = "adhoc/" + r.request_id + "/" + unitKey(u);
    o.kind = Kind::AdHoc;
    o.regime_code = r.request_id;
    o.title = r.title;
    o.period = r.period;
    o.unit_id = u;
    o.receiving_unit_id = r.issuing_unit_id;
    o.assigned_on = r.issued_on;
    o.deadline = r.deadline;
    o.amendment_deadline = r.deadline;
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::vector<Obligation>> cascade(const Obligation& parent, const CascadeRequest& r,
                                        const calendar::HolidayCalendar& cal) {
  BAOCAO_TRY(
      checkUnits(r.child_unit_ids, parent.unit_id, "child_unit_ids", "đơn vị được giao báo cáo"));
  Date deadline;
  if (r.internal_deadline) {
    deadline = *r.internal_deadline;
  } else {
    if (r.working_days_before < 1)
      return makeError(ErrorCode::InvalidField, "Số ngày làm việc trước hạn phải từ 1 trở lên",
                       {{"working_days_before", "phải ≥ 1"}});
    deadline = cal.addWorkingDays(parent.deadline, -r.working_days_before);
  }
  if (deadline >= parent.deadline)
    return makeError(ErrorCode::InvalidDate,
                     "Thời hạn nội bộ " + deadline.vietnamese() +
                         " phải trước thời hạn báo cáo của đơn vị (" +
                         parent.deadline.vietnamese() + ")",
                     {{"internal_deadline", "không trước thời hạn của đơn vị"}});
  if (deadline < r.assigned_on)
    return makeError(ErrorCode::InvalidDate,
                     "Thời hạn nội bộ " + deadline.vietnamese() + " đã qua (giao ngày " +
                         r.assigned_on.vietnamese() + "); hãy đặt thời hạn nội bộ khác",
                     {{"internal_deadline", "đã qua"}});
  std::vector<Obligation> out;
  for (int64_t u : sorted(r.child_unit_ids)) {
    Obligation o;
    o.key = parent.key + ">" + unitKey(u);
    o.kind = Kind::Cascade;
    o.regime_code = parent.regime_code;
    o.title = parent.title;
    o.period = parent.period;
    o.unit_id = u;
    o.receiving_unit_id = parent.unit_id;
    o.assigned_on = r.assigned_on;
    o.data_window = parent.data_window;
    o.deadline = deadline;
    o.amendment_deadline = parent.amendment_deadline;
    o.parent_key = parent.key;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace baocao::core::obligation
