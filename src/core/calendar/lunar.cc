#include "core/calendar/lunar.h"

#include <cmath>
#include <string>

namespace baocao::core::calendar {
namespace {

// Julian day number of 1970-01-01, the epoch of Date.
constexpr int64_t kJdOfEpoch = 2440588;
constexpr double kPi = 3.14159265358979323846;
// Mean synodic month and the Julian date of the new moon of 1900-01-01 (k = 0) used by
// Hồ Ngọc Đức's formulas.
constexpr double kSynodicMonth = 29.530588853;
constexpr double kNewMoonEpoch = 2415021.076998695;

int64_t julianDay(Date d) { return d.days() + kJdOfEpoch; }
Date fromJulianDay(int64_t jd) { return Date::fromDays(static_cast<int32_t>(jd - kJdOfEpoch)); }

// ΔT = TT − UT in seconds for a decimal year: the polynomials of Espenak & Meeus (NASA, "Five
// Millennium Canon of Solar Eclipses", 2006), for the range the calendar supports.
double deltaTSeconds(double y) {
  if (y < 1900) {
    const double t = y - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
           0.0004473624 * t * t * t * t + t * t * t * t * t / 233174;
  }
  if (y < 1920) {
    const double t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
           0.000197 * t * t * t * t;
  }
  if (y < 1941) {
    const double t = y - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (y < 1961) {
    const double t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (y < 1986) {
    const double t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (y < 2005) {
    const double t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
           0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
  }
  if (y < 2050) {
    const double t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const double u = (y - 1820) / 100;
  if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
  return -20 + 32 * u * u;
}

// Julian date (UT) of the k-th new moon after 2000-01-06 (k may be negative): the "true phase"
// of Meeus, "Astronomical Algorithms" 2nd ed. 1998, ch. 49, with all periodic and planetary
// terms (error below a minute), converted from dynamical to universal time with ΔT. The
// precision matters: a new moon a few minutes from local midnight decides a month's first day.
double newMoonUt(int64_t k) {
  const double kd = static_cast<double>(k);
  const double t = kd / 1236.85;
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  const double dr = kPi / 180;
  const double jde =
      2451550.09766 + 29.530588861 * kd + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1 - 0.002516 * t - 0.0000074 * t2;
  const double m = (2.5534 + 29.10535670 * kd - 0.0000014 * t2 - 0.00000011 * t3) * dr;
  const double mp =
      (201.5643 + 385.81693528 * kd + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * dr;
  const double f =
      (160.7108 + 390.67050284 * kd - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * dr;
  const double om = (124.7746 - 1.56375588 * kd + 0.0020672 * t2 + 0.00000215 * t3) * dr;
  double c = -0.40720 * std::sin(mp) + 0.17241 * e * std::sin(m) + 0.01608 * std::sin(2 * mp) +
             0.01039 * std::sin(2 * f) + 0.00739 * e * std::sin(mp - m) -
             0.00514 * e * std::sin(mp + m) + 0.00208 * e * e * std::sin(2 * m) -
             0.00111 * std::sin(mp - 2 * f) - 0.00057 * std::sin(mp + 2 * f) +
             0.00056 * e * std::sin(2 * mp + m) - 0.00042 * std::sin(3 * mp) +
             0.00042 * e * std::sin(m + 2 * f) + 0.00038 * e * std::sin(m - 2 * f) -
             0.00024 * e * std::sin(2 * mp - m) - 0.00017 * std::sin(om) -
             0.00007 * std::sin(mp + 2 * m) + 0.00004 * std::sin(2 * mp - 2 * f) +
             0.00004 * std::sin(3 * m) + 0.00003 * std::sin(mp + m - 2 * f) +
             0.00003 * std::sin(2 * mp + 2 * f) - 0.00003 * std::sin(mp + m + 2 * f) +
             0.00003 * std::sin(mp - m + 2 * f) - 0.00002 * std::sin(mp - m - 2 * f) -
             0.00002 * std::sin(3 * mp + m) + 0.00002 * std::sin(4 * mp);
  static constexpr double kPlanetary[14][3] = {
      {299.77, 0.107408, 325},  {251.88, 0.016321, 165}, {251.83, 26.651886, 164},
      {349.42, 36.412478, 126}, {84.66, 18.206239, 110}, {141.74, 53.303771, 62},
      {207.14, 2.453732, 60},   {154.84, 7.306860, 56},  {34.52, 27.261239, 47},
      {207.19, 0.121824, 42},   {291.34, 1.844379, 40},  {161.72, 24.198154, 37},
      {239.56, 25.513099, 35},  {331.55, 3.592518, 23}};
  double w = 0;
  for (int i = 0; i < 14; ++i) {
    double arg = kPlanetary[i][0] + kPlanetary[i][1] * kd;
    if (i == 0) arg -= 0.009173 * t2;
    w += kPlanetary[i][2] * 1e-6 * std::sin(arg * dr);
  }
  const double tt = jde + c + w;
  const double year = 2000 + (tt - 2451545.0) / 365.25;
  return tt - deltaTSeconds(year) / 86400;
}

// The sun's apparent ecliptic longitude in radians [0, 2π) at Julian date `jdn` (Meeus,
// "Astronomical Algorithms" 1998, ch. 25, low accuracy).
double sunLongitude(double jdn) {
  const double t = (jdn - 2451545.0) / 36525;
  const double t2 = t * t;
  const double dr = kPi / 180;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) + 0.000290 * std::sin(dr * 3 * m);
  // Apparent longitude: correct the true longitude for nutation and aberration (Meeus 25.8).
  const double omega = 125.04 - 1934.136 * t;
  double l = (l0 + dl - 0.00569 - 0.00478 * std::sin(omega * dr)) * dr;
  l -= kPi * 2 * std::floor(l / (kPi * 2));
  return l;
}

// The local day (Julian day number) that contains the k-th new moon.
// `k` counts new moons from 1900-01-01 (as in Hồ Ngọc Đức's formulas); Meeus counts from
// 2000-01-06, 1237 lunations later.
int64_t newMoonDay(int64_t k, double tz) {
  return static_cast<int64_t>(std::floor(newMoonUt(k - 1237) + 0.5 + tz / 24));
}

// Which 30° sector of the ecliptic the sun is in at the start (00:00 local) of day `jd`:
// 0 = from the March equinox, ..., 9 = from the winter solstice.
int sunSector(int64_t jd, double tz) {
  return static_cast<int>(
      std::floor(sunLongitude(static_cast<double>(jd) - 0.5 - tz / 24) / kPi * 6));
}

// First day (JDN) of lunar month 11 — the month that contains the winter solstice of
// December of solar year `yy`.
int64_t lunarMonth11(int yy, double tz) {
  const int64_t off = julianDay(Date::fromYmd(yy, 12, 31)) - 2415021;
  const auto k = static_cast<int64_t>(std::floor(static_cast<double>(off) / kSynodicMonth));
  const int64_t nm = newMoonDay(k, tz);
  // A new moon at or after the solstice (sector 9 = 270°) starts month 12, not 11.
  if (sunSector(nm, tz) >= 9) return newMoonDay(k - 1, tz);
  return nm;
}

int64_t newMoonIndex(int64_t jd) {
  return static_cast<int64_t>(
      std::floor((static_cast<double>(jd) - kNewMoonEpoch) / kSynodicMonth + 0.5));
}

// In a 13-month span starting at month 11 (`a11`), the index (1..13) of the leap month: the
// first month whose start lies in the same sun sector as the next month's start, i.e. that
// contains no major term.
int leapMonthOffset(int64_t a11, double tz) {
  const int64_t k = newMoonIndex(a11);
  int i = 1;
  int arc = sunSector(newMoonDay(k + i, tz), tz);
  int last;
  do {
    last = arc;
    ++i;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

// A month of the span between two consecutive months 11.
struct SpanMonth {
  int month;
  bool leap;
  int64_t start;  // JDN
};

// The months from month 11 of solar year `yy` up to and including the next month 11.
std::vector<SpanMonth> spanFromMonth11(int yy, double tz) {
  const int64_t a11 = lunarMonth11(yy, tz);
  const int64_t b11 = lunarMonth11(yy + 1, tz);
  const int64_t k = newMoonIndex(a11);
  const int count = static_cast<int>(std::lround(static_cast<double>(b11 - a11) / kSynodicMonth));
  const int leap_off = count == 13 ? leapMonthOffset(a11, tz) : -1;
  std::vector<SpanMonth> out;
  out.reserve(static_cast<size_t>(count) + 1);
  for (int i = 0; i <= count; ++i) {
    int label = 11 + i;
    bool leap = false;
    if (leap_off > 0 && i >= leap_off) {
      label = 11 + i - 1;
      leap = i == leap_off;
    }
    while (label > 12) label -= 12;
    const int64_t start = i == 0 ? a11 : (i == count ? b11 : newMoonDay(k + i, tz));
    out.push_back({label, leap, start});
  }
  return out;
}

Error lunarError(const LunarDate& l, const std::string& why) {
  return makeError(ErrorCode::InvalidDate, "Ngày âm lịch " + std::to_string(l.day) + "/" +
                                               std::to_string(l.month) + (l.leap ? " nhuận" : "") +
                                               "/" + std::to_string(l.year) +
                                               " không hợp lệ: " + why);
}

}  // namespace

LunarDate toLunar(Date solar, double tz) {
  const int64_t jd = julianDay(solar);
  int base = solar.year();
  if (jd < lunarMonth11(base, tz)) base -= 1;
  const std::vector<SpanMonth> span = spanFromMonth11(base, tz);
  size_t i = 0;
  while (i + 1 < span.size() && span[i + 1].start <= jd) ++i;
  LunarDate out;
  out.month = span[i].month;
  out.leap = span[i].leap;
  out.day = static_cast<int>(jd - span[i].start) + 1;
  // Months 11 and 12 (and a leap 11/12) at the head of the span still belong to lunar year
  // `base`; everything from month 1 on belongs to the next one.
  out.year = (out.month >= 11 && i < 4) ? base : base + 1;
  return out;
}

std::vector<LunarMonth> monthsOfLunarYear(int lunar_year, double tz) {
  // Months 1..10 (+leap) come from the span after month 11 of solar year Y-1; months 11, 12
  // (+leap) from the span after month 11 of solar year Y.
  std::vector<SpanMonth> all;
  for (int yy : {lunar_year - 1, lunar_year}) {
    std::vector<SpanMonth> span = spanFromMonth11(yy, tz);
    for (size_t i = 0; i + 1 < span.size(); ++i) {
      const bool head = span[i].month >= 11 && i < 4;
      const int year_of_month = head ? yy : yy + 1;
      if (year_of_month == lunar_year) all.push_back(span[i]);
    }
    if (yy == lunar_year) {
      // The end marker: the start of month 1 of the next year.
      for (size_t i = 0; i + 1 < span.size(); ++i) {
        if (span[i].month == 1 && !span[i].leap) {
          all.push_back(span[i]);
          break;
        }
      }
    }
  }
  std::vector<LunarMonth> out;
  for (size_t i = 0; i + 1 < all.size(); ++i) {
    out.push_back({all[i].month, all[i].leap, fromJulianDay(all[i].start),
                   static_cast<int>(all[i + 1].start - all[i].start)});
  }
  return out;
}

Result<Date> toSolar(const LunarDate& lunar, double tz) {
  if (lunar.month < 1 || lunar.month > 12) return lunarError(lunar, "tháng phải từ 1 đến 12");
  if (lunar.day < 1 || lunar.day > 30) return lunarError(lunar, "ngày phải từ 1 đến 30");
  for (const LunarMonth& m : monthsOfLunarYear(lunar.year, tz)) {
    if (m.month != lunar.month || m.leap != lunar.leap) continue;
    if (lunar.day > m.length) {
      return lunarError(lunar, "tháng này chỉ có " + std::to_string(m.length) + " ngày");
    }
    return m.first_day.addDays(lunar.day - 1);
  }
  return lunarError(lunar, "năm âm lịch " + std::to_string(lunar.year) + " không có tháng " +
                               std::to_string(lunar.month) + " nhuận");
}

std::optional<int> leapMonthOf(int lunar_year, double tz) {
  for (const LunarMonth& m : monthsOfLunarYear(lunar_year, tz)) {
    if (m.leap) return m.month;
  }
  return std::nullopt;
}

Date lunarNewYear(int lunar_year, double tz) {
  // Month 1 is the third or fourth month after month 11 of the previous solar year.
  for (const SpanMonth& m : spanFromMonth11(lunar_year - 1, tz)) {
    if (m.month == 1 && !m.leap) return fromJulianDay(m.start);
  }
  BAOCAO_CHECK(false, "every span between two months 11 contains a month 1");
  return {};
}

Date lunarYearEnd(int lunar_year, double tz) {
  return lunarNewYear(lunar_year + 1, tz).addDays(-1);
}

}  // namespace baocao::core::calendar
