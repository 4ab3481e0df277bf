#include "core/common/date.h"

#include <cstdio>

namespace baocao::core {

using namespace std::chrono;

Date Date::fromYmd(int y, unsigned m, unsigned d) {
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  BAOCAO_CHECK(ymd.ok(), "Date::fromYmd needs a valid calendar date");
  return Date(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

bool Date::isValidYmd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

year_month_day Date::ymd() const { return year_month_day{sys_days{std::chrono::days{days_}}}; }
int Date::year() const { return static_cast<int>(ymd().year()); }
unsigned Date::month() const { return static_cast<unsigned>(ymd().month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymd().day()); }
unsigned Date::isoWeekday() const {
  return weekday{sys_days{std::chrono::days{days_}}}.iso_encoding();
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::vietnamese() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", day(), month(), year());
  return buf;
}

namespace {
Error dateError(std::string_view text, size_t pos, const char* what) {
  return makeError(ErrorCode::InvalidDate, "Ngày '" + std::string(text) + "' không hợp lệ: ký tự " +
                                               std::to_string(pos + 1) + ": " + what);
}
}  // namespace

Result<Date> Date::parseIso(std::string_view t) {
  // YYYY-MM-DD exactly.
  static constexpr char kShape[] = "dddd-dd-dd";
  for (size_t i = 0; i < 10; ++i) {
    if (i >= t.size()) return dateError(t, i, "thiếu ký tự (định dạng YYYY-MM-DD)");
    bool want_digit = kShape[i] == 'd';
    bool is_digit = t[i] >= '0' && t[i] <= '9';
    if (want_digit && !is_digit) return dateError(t, i, "cần chữ số");
    if (!want_digit && t[i] != '-') return dateError(t, i, "cần dấu '-'");
  }
  if (t.size() > 10) return dateError(t, 10, "thừa ký tự");
  auto num = [&](size_t a, size_t n) {
    int v = 0;
    for (size_t i = a; i < a + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  int y = num(0, 4);
  unsigned m = static_cast<unsigned>(num(5, 2)), d = static_cast<unsigned>(num(8, 2));
  if (m < 1 || m > 12) return dateError(t, 5, "tháng phải từ 01 đến 12");
  if (!isValidYmd(y, m, d)) return dateError(t, 8, "ngày không có trong tháng");
  return fromYmd(y, m, d);
}

std::string Timestamp::iso() const {
  auto tp = sys_time<microseconds>{microseconds{us_}};
  auto dp = floor<days>(tp);
  year_month_day ymd{dp};
  hh_mm_ss hms{floor<milliseconds>(tp - dp)};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

Result<Timestamp> Timestamp::parseIso(std::string_view t) {
  // Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[.fff]Z
  BAOCAO_ASSIGN(Date d, Date::parseIso(t.substr(0, std::min<size_t>(10, t.size()))));
  int64_t us = int64_t{d.days()} * 86400 * 1000000;
  if (t.size() == 10) return fromMicros(us);
  int hh, mm, ss, ms = 0;
  char z = 0;
  std::string s(t.substr(10));
  if (std::sscanf(s.c_str(), "T%2d:%2d:%2d.%3d%c", &hh, &mm, &ss, &ms, &z) == 5 ||
      std::sscanf(s.c_str(), "T%2d:%2d:%2d%c", &hh, &mm, &ss, &z) == 4) {
    if (z == 'Z' && hh < 24 && mm < 60 && ss < 61) {
      return fromMicros(us + ((hh * 3600LL + mm * 60 + ss) * 1000 + ms) * 1000);
    }
  }
  return makeError(ErrorCode::InvalidDate,
                   "Thời điểm '" + std::string(t) + "' không hợp lệ (cần YYYY-MM-DDTHH:MM:SSZ)");
}

Date Timestamp::vietnamDate() const {
  int64_t s = seconds() + 7 * 3600;
  int64_t d = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  return Date::fromDays(static_cast<int32_t>(d));
}

}  // namespace baocao::core
