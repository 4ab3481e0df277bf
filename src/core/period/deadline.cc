#include "core/period/deadline.h"

#include <algorithm>

namespace baocao::core::period {
namespace {

Date clampedDay(int year, int month, unsigned day) {
  while (!Date::isValidYmd(year, static_cast<unsigned>(month), day)) --day;
  return Date::fromYmd(year, static_cast<unsigned>(month), day);
}

// The window ending on `day` of the period's last month and starting the day after `day` of the
// month before its first month: 002 Đ7.2–7.6 with day = 14.
Window dayOfMonthWindow(const Period& p, unsigned day) {
  const int last_year = p.type() == PeriodType::MultiYear ? p.index() : p.year();
  const Date end = clampedDay(last_year, p.lastMonth(), day);
  int before_year = p.year(), before_month = p.firstMonth() - 1;
  if (before_month == 0) {
    before_month = 12;
    --before_year;
  }
  return {clampedDay(before_year, before_month, day).addDays(1), end};
}

}  // namespace

Window cutOffWindow(const Period& period, const WindowRule& rule) {
  if (rule.kind == WindowRule::Kind::Calendar) return {period.firstDay(), period.lastDay()};
  if (period.type() == PeriodType::Weekly) {
    // 002 Đ7.1: from Thursday of the previous week to the end of Wednesday of the report week.
    const Date monday = period.firstDay();
    return {monday.addDays(-4), monday.addDays(2)};
  }
  const unsigned day = rule.kind == WindowRule::Kind::Regulation ? 14 : rule.cut_off_day;
  BAOCAO_CHECK(day >= 1 && day <= 31, "a cut-off day of month runs from 1 to 31");
  return dayOfMonthWindow(period, day);
}

namespace {

std::vector<Date> deadlinesOf(const Period& period, const Window& window, const DeadlineRule& rule,
                              const calendar::HolidayCalendar& cal) {
  BAOCAO_CHECK(rule.levels >= 1, "at least the reporting unit has a deadline");
  std::vector<Date> out;
  Date unit;
  if (period.type() == PeriodType::Weekly && rule.weekly_due_thursday) {
    unit = cal.workingDayOnOrAfter(period.firstDay().addDays(3));
  } else {
    // N working days after the cut-off, counting from the day after it (002 Đ8.1a); the result
    // of counting working days is itself a working day, which also satisfies Đ8.3.
    unit = cal.workingDayOnOrAfter(cal.addWorkingDays(window.end, rule.unit_working_days));
  }
  out.push_back(unit);
  for (int k = 1; k < rule.levels; ++k) {
    out.push_back(cal.workingDayOnOrAfter(cal.addWorkingDays(out.back(), rule.level_working_days)));
  }
  return out;
}

}  // namespace

PeriodSchedule schedule(const Period& period, const DeadlineRule& rule,
                        const calendar::HolidayCalendar& cal) {
  PeriodSchedule out{period, cutOffWindow(period, rule.window), {}, std::nullopt, std::nullopt};
  out.deadlines = deadlinesOf(period, out.window, rule, cal);
  if (rule.approval_day && period.type() != PeriodType::Weekly) {
    const int last_year = period.type() == PeriodType::MultiYear ? period.index() : period.year();
    out.approval_deadline =
        cal.workingDayOnOrAfter(clampedDay(last_year, period.lastMonth(), *rule.approval_day));
  }
  if (period.type() == PeriodType::Monthly) {
    // 002 Đ8.2: the longest period of the same regime, containing this month, whose unit
    // deadline is the same day replaces the monthly report.
    for (PeriodType t : {PeriodType::Yearly, PeriodType::NineMonthly, PeriodType::SixMonthly,
                         PeriodType::Quarterly}) {
      if (std::find(rule.also_reported.begin(), rule.also_reported.end(), t) ==
          rule.also_reported.end()) {
        continue;
      }
      const Period candidate = Period::containing(
          t, Date::fromYmd(period.year(), static_cast<unsigned>(period.index()), 1));
      if (candidate.type() == PeriodType::NineMonthly && period.index() > 9) continue;
      const Window w = cutOffWindow(candidate, rule.window);
      if (deadlinesOf(candidate, w, rule, cal).front() == out.deadlines.front()) {
        out.replaced_by = candidate;
        break;
      }
    }
  }
  return out;
}

}  // namespace baocao::core::period
