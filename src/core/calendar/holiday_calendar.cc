#include "core/calendar/holiday_calendar.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/calendar/lunar.h"

namespace baocao::core::calendar {

struct HolidayCalendar::Cache {
  std::mutex mu;
  std::map<int, std::map<Date, CalendarDay>> years;
};

std::string_view dayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::Statutory:
      return "statutory";
    case DayKind::Compensatory:
      return "compensatory";
    case DayKind::Official:
      return "official";
    case DayKind::Workday:
      return "workday";
  }
  return "statutory";
}

std::optional<DayKind> parseDayKind(std::string_view name) {
  for (DayKind k :
       {DayKind::Statutory, DayKind::Compensatory, DayKind::Official, DayKind::Workday}) {
    if (dayKindName(k) == name) return k;
  }
  return std::nullopt;
}

WeeklyRestDays WeeklyRestDays::of(std::initializer_list<unsigned> iso_weekdays) {
  WeeklyRestDays r;
  r.mask = 0;
  for (unsigned d : iso_weekdays) {
    BAOCAO_CHECK(d >= 1 && d <= 7, "ISO weekdays run from 1 (Monday) to 7 (Sunday)");
    r.mask = static_cast<unsigned char>(r.mask | (1u << d));
  }
  return r;
}

std::vector<HolidayRule> statutoryRules() {
  using B = HolidayRule::Basis;
  // Labour Code 2019 Art. 112.1. Start years: Tết has 5 days since Labour Code 2012 (in force
  // 1 May 2013, so from Tết 2014; before: the eve + 3 days); Hùng Kings' day since the 2007
  // amendment; the day adjacent to 2 Sep since Labour Code 2019 (in force 1 Jan 2021). Older
  // history (e.g. years before 30 Apr existed as a holiday) is not modelled.
  return {
      {B::SolarDate, 1, 1, "Tết Dương lịch", 1900, 9999},
      {B::LunarYearEnd, 12, 30, "Tết Nguyên đán (giao thừa)", 1900, 9999},
      {B::LunarDate, 1, 1, "Tết Nguyên đán (mùng 1)", 1900, 9999},
      {B::LunarDate, 1, 2, "Tết Nguyên đán (mùng 2)", 1900, 9999},
      {B::LunarDate, 1, 3, "Tết Nguyên đán (mùng 3)", 1900, 9999},
      {B::LunarDate, 1, 4, "Tết Nguyên đán (mùng 4)", 2014, 9999},
      {B::LunarDate, 3, 10, "Giỗ Tổ Hùng Vương", 2007, 9999},
      {B::SolarDate, 4, 30, "Ngày Chiến thắng", 1900, 9999},
      {B::SolarDate, 5, 1, "Ngày Quốc tế Lao động", 1900, 9999},
      {B::SolarDate, 9, 2, "Quốc khánh", 1900, 9999},
      {B::AdjacentSolar, 9, 2, "Quốc khánh (ngày liền kề)", 2021, 9999},
  };
}

HolidayCalendar::HolidayCalendar() : rules_(statutoryRules()), cache_(std::make_shared<Cache>()) {}

void HolidayCalendar::invalidate() { cache_ = std::make_shared<Cache>(); }

void HolidayCalendar::setWeeklyRestDays(WeeklyRestDays rest) {
  rest_ = rest;
  invalidate();
}

Status HolidayCalendar::addRule(HolidayRule rule) {
  auto bad = [&](const std::string& why) {
    return makeError(ErrorCode::InvalidField,
                     "Quy tắc ngày lễ '" + rule.name + "' không hợp lệ: " + why);
  };
  if (rule.name.empty()) return bad("thiếu tên ngày lễ");
  if (rule.month < 1 || rule.month > 12) return bad("tháng phải từ 1 đến 12");
  const unsigned max_day = rule.basis == HolidayRule::Basis::LunarDate ? 30 : 31;
  if (rule.day < 1 || rule.day > max_day)
    return bad("ngày phải từ 1 đến " + std::to_string(max_day));
  if (rule.basis != HolidayRule::Basis::LunarDate &&
      rule.basis != HolidayRule::Basis::LunarYearEnd &&
      !Date::isValidYmd(2000, rule.month, rule.day)) {
    return bad("ngày không có trong tháng");
  }
  if (rule.valid_from > rule.valid_to) return bad("năm bắt đầu sau năm kết thúc");
  rules_.push_back(std::move(rule));
  invalidate();
  return ok();
}

Status HolidayCalendar::setOfficialSchedule(OfficialSchedule schedule) {
  std::set<Date> seen;
  for (const CalendarDay& d : schedule.days) {
    const std::string where = "Lịch nghỉ chính thức năm " + std::to_string(schedule.year) +
                              ": ngày " + d.date.iso() + " ";
    if (d.date.year() != schedule.year) {
      return makeError(ErrorCode::InvalidDate,
                       where + "không thuộc năm " + std::to_string(schedule.year));
    }
    if (!seen.insert(d.date).second) return makeError(ErrorCode::InvalidDate, where + "bị lặp lại");
    if (d.kind == DayKind::Workday && !rest_.contains(d.date.isoWeekday())) {
      return makeError(ErrorCode::InvalidDate,
                       where + "được ghi là ngày làm bù nhưng vốn đã là ngày làm việc");
    }
  }
  std::sort(schedule.days.begin(), schedule.days.end(),
            [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  official_[schedule.year] = std::move(schedule);
  invalidate();
  return ok();
}

void HolidayCalendar::clearOfficialSchedule(int year) {
  official_.erase(year);
  invalidate();
}

const OfficialSchedule* HolidayCalendar::officialSchedule(int year) const {
  auto it = official_.find(year);
  return it == official_.end() ? nullptr : &it->second;
}

namespace {

struct Computed {
  std::map<Date, CalendarDay> days;  // may include compensatory days spilling into next year
};

// 2 Sep's adjacent day (Labour Code 2019 Art. 112.1.đ leaves the choice to the government). The
// default reproduces every choice of 2021–2026: take the neighbour that is a working day; if
// both are, take the one that joins a weekly rest day (Tuesday → Monday 1 Sep, Thursday →
// Friday 3 Sep); otherwise the day before.
Date adjacentDay(Date anchor, const WeeklyRestDays& rest) {
  auto working = [&](Date d) { return !rest.contains(d.isoWeekday()); };
  const Date before = anchor.addDays(-1), after = anchor.addDays(1);
  if (working(before) && !working(after)) return before;
  if (!working(before) && working(after)) return after;
  if (working(before) && working(after)) {
    if (!working(before.addDays(-1))) return before;
    if (!working(after.addDays(1))) return after;
  }
  return before;
}

Computed computeYear(int year, const std::vector<HolidayRule>& rules, const WeeklyRestDays& rest) {
  using B = HolidayRule::Basis;
  std::map<Date, std::string> holidays;
  auto add = [&](Date d, const std::string& name) {
    if (d.year() != year) return;
    auto [it, inserted] = holidays.emplace(d, name);
    if (!inserted) it->second += " + " + name;  // coinciding holidays give one day off
  };
  for (const HolidayRule& r : rules) {
    if (year < r.valid_from || year > r.valid_to) continue;
    switch (r.basis) {
      case B::SolarDate:
        if (Date::isValidYmd(year, r.month, r.day))
          add(Date::fromYmd(year, r.month, r.day), r.name);
        break;
      case B::LunarDate:
        // A lunar date of lunar year Y-1 (months 11–12) may fall in solar year Y.
        for (int lunar_year : {year - 1, year}) {
          auto d = toSolar({lunar_year, static_cast<int>(r.month), static_cast<int>(r.day), false});
          if (d.has_value()) add(*d, r.name);
        }
        break;
      case B::LunarYearEnd:
        add(lunarYearEnd(year - 1), r.name);
        break;
      case B::AdjacentSolar:
        if (Date::isValidYmd(year, r.month, r.day)) {
          add(adjacentDay(Date::fromYmd(year, r.month, r.day), rest), r.name);
        }
        break;
    }
  }
  Computed out;
  for (const auto& [d, name] : holidays) out.days[d] = CalendarDay{d, name, DayKind::Statutory};
  // Labour Code 2019 Art. 111.3: a holiday on a weekly rest day is compensated on the next
  // working day — one that is neither a rest day, a holiday nor already a compensatory day.
  for (const auto& [d, name] : holidays) {
    if (!rest.contains(d.isoWeekday())) continue;
    Date c = d.addDays(1);
    while (rest.contains(c.isoWeekday()) || out.days.count(c)) c = c.addDays(1);
    out.days[c] = CalendarDay{c, "Nghỉ bù " + name, DayKind::Compensatory};
  }
  return out;
}

}  // namespace

std::vector<CalendarDay> HolidayCalendar::computedDaysOf(int year) const {
  std::map<Date, CalendarDay> merged;
  for (int y : {year - 1, year}) {
    for (const auto& [d, day] : computeYear(y, rules_, rest_).days) {
      if (d.year() == year) merged.emplace(d, day);
    }
  }
  std::vector<CalendarDay> out;
  for (auto& [d, day] : merged) out.push_back(day);
  return out;
}

std::map<Date, CalendarDay> HolidayCalendar::yearMap(int year) const {
  std::map<Date, CalendarDay> out;
  if (const OfficialSchedule* s = officialSchedule(year)) {
    for (const CalendarDay& d : s->days) out[d.date] = d;
    return out;
  }
  for (const CalendarDay& d : computedDaysOf(year)) out[d.date] = d;
  return out;
}

const std::map<Date, CalendarDay>& HolidayCalendar::cachedYear(int year) const {
  std::shared_ptr<Cache> cache = cache_;
  {
    std::lock_guard<std::mutex> lock(cache->mu);
    auto it = cache->years.find(year);
    if (it != cache->years.end()) return it->second;
  }
  std::map<Date, CalendarDay> computed = yearMap(year);
  std::lock_guard<std::mutex> lock(cache->mu);
  // std::map nodes are stable, so the reference stays valid while this calendar is unchanged.
  return cache->years.emplace(year, std::move(computed)).first->second;
}

std::vector<CalendarDay> HolidayCalendar::daysOf(int year) const {
  std::vector<CalendarDay> out;
  for (const auto& [d, day] : cachedYear(year)) out.push_back(day);
  return out;
}

std::optional<CalendarDay> HolidayCalendar::dayAt(Date date) const {
  const auto& m = cachedYear(date.year());
  auto it = m.find(date);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

bool HolidayCalendar::isWorkingDay(Date date) const {
  const auto& m = cachedYear(date.year());
  auto it = m.find(date);
  if (it != m.end()) return it->second.kind == DayKind::Workday;
  return !rest_.contains(date.isoWeekday());
}

Date HolidayCalendar::workingDayOnOrAfter(Date date) const {
  BAOCAO_CHECK(rest_.mask != 0xfe, "at least one weekday must be a working day");
  while (!isWorkingDay(date)) date = date.addDays(1);
  return date;
}

Date HolidayCalendar::nextWorkingDay(Date date) const {
  return workingDayOnOrAfter(date.addDays(1));
}

Date HolidayCalendar::addWorkingDays(Date date, int n) const {
  BAOCAO_CHECK(rest_.mask != 0xfe, "at least one weekday must be a working day");
  const int step = n >= 0 ? 1 : -1;
  for (int left = n >= 0 ? n : -n; left > 0;) {
    date = date.addDays(step);
    if (isWorkingDay(date)) --left;
  }
  return date;
}

}  // namespace baocao::core::calendar
