#include "core/period/period.h"

#include <cstdio>

namespace baocao::core::period {
namespace {

Error periodError(std::string_view id, size_t pos, const std::string& what) {
  return makeError(ErrorCode::InvalidPeriod, "Mã kỳ '" + std::string(id) +
                                                 "' không hợp lệ: ký tự " +
                                                 std::to_string(pos + 1) + ": " + what);
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Monday of ISO week 1 of ISO year `year`: the week that contains 4 January.
Date isoWeekOneMonday(int year) {
  const Date jan4 = Date::fromYmd(year, 1, 4);
  return jan4.addDays(-static_cast<int>(jan4.isoWeekday() - 1));
}

int monthsPerIndex(PeriodType t) {
  switch (t) {
    case PeriodType::Monthly:
      return 1;
    case PeriodType::Quarterly:
      return 3;
    case PeriodType::SixMonthly:
      return 6;
    default:
      return 0;
  }
}

Date lastDayOfMonth(int year, int month) {
  return month == 12 ? Date::fromYmd(year, 12, 31)
                     : Date::fromYmd(year, static_cast<unsigned>(month + 1), 1).addDays(-1);
}

// Order of types from the shortest to the longest, to tell whether X can lie within Y.
int rank(PeriodType t) { return static_cast<int>(t); }

}  // namespace

std::string_view periodTypeName(PeriodType type) {
  switch (type) {
    case PeriodType::Weekly:
      return "weekly";
    case PeriodType::Monthly:
      return "monthly";
    case PeriodType::Quarterly:
      return "quarterly";
    case PeriodType::SixMonthly:
      return "six_monthly";
    case PeriodType::NineMonthly:
      return "nine_monthly";
    case PeriodType::Yearly:
      return "yearly";
    case PeriodType::MultiYear:
      return "multi_year";
  }
  return "yearly";
}

std::optional<PeriodType> parsePeriodType(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(PeriodType::MultiYear); ++i) {
    auto t = static_cast<PeriodType>(i);
    if (periodTypeName(t) == name) return t;
  }
  return std::nullopt;
}

int isoWeeksInYear(int year) {
  const unsigned jan1 = Date::fromYmd(year, 1, 1).isoWeekday();
  const bool leap = Date::isValidYmd(year, 2, 29);
  return (jan1 == 4 || (leap && jan1 == 3)) ? 53 : 52;
}

Result<Period> Period::parse(std::string_view id) {
  if (id.empty()) return periodError(id, 0, "mã kỳ trống");
  auto digits = [&](size_t from, size_t count, const char* what) -> Result<int> {
    int v = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (i >= id.size()) return periodError(id, i, std::string("thiếu ký tự: cần chữ số ") + what);
      if (!isDigit(id[i])) return periodError(id, i, std::string("cần chữ số ") + what);
      v = v * 10 + (id[i] - '0');
    }
    return v;
  };
  auto noMore = [&](size_t len) -> Status {
    if (id.size() > len) return periodError(id, len, "thừa ký tự");
    return ok();
  };
  BAOCAO_ASSIGN(int year, digits(0, 4, "của năm"));
  if (year < kMinYear || year > kMaxYear) {
    return periodError(
        id, 0, "năm phải từ " + std::to_string(kMinYear) + " đến " + std::to_string(kMaxYear));
  }
  if (id.size() == 4) return yearly(year);
  const char kind = id[4];
  if (isDigit(kind)) {
    BAOCAO_ASSIGN(int month, digits(4, 2, "của tháng"));
    BAOCAO_TRY(noMore(6));
    if (month < 1 || month > 12) return periodError(id, 4, "tháng phải từ 01 đến 12");
    return monthly(year, month);
  }
  switch (kind) {
    case 'W': {
      BAOCAO_ASSIGN(int week, digits(5, 2, "của tuần"));
      BAOCAO_TRY(noMore(7));
      const int weeks = isoWeeksInYear(year);
      if (week < 1 || week > weeks) {
        return periodError(id, 5,
                           "tuần phải từ 01 đến " + std::to_string(weeks) + " (năm ISO " +
                               std::to_string(year) + ")");
      }
      return weekly(year, week);
    }
    case 'Q': {
      BAOCAO_ASSIGN(int q, digits(5, 1, "của quý"));
      BAOCAO_TRY(noMore(6));
      if (q < 1 || q > 4) return periodError(id, 5, "quý phải từ 1 đến 4");
      return quarterly(year, q);
    }
    case 'S': {
      BAOCAO_ASSIGN(int h, digits(5, 1, "của kỳ 6 tháng"));
      BAOCAO_TRY(noMore(6));
      if (h < 1 || h > 2) return periodError(id, 5, "kỳ 6 tháng phải là 1 hoặc 2");
      return sixMonthly(year, h);
    }
    case 'N': {
      BAOCAO_ASSIGN(int n, digits(5, 1, "của kỳ 9 tháng"));
      BAOCAO_TRY(noMore(6));
      if (n != 9) return periodError(id, 5, "kỳ 9 tháng phải ghi là N9");
      return nineMonthly(year);
    }
    case '-': {
      BAOCAO_ASSIGN(int last, digits(5, 4, "của năm cuối giai đoạn"));
      BAOCAO_TRY(noMore(9));
      const int len = last - year + 1;
      if (len != 3 && len != 5) return periodError(id, 5, "giai đoạn phải gồm 3 hoặc 5 năm");
      if (last > kMaxYear) return periodError(id, 5, "năm phải đến " + std::to_string(kMaxYear));
      return multiYear(year, last);
    }
    default:
      return periodError(id, 4, "sau năm phải là tháng (2 chữ số), W, Q, S, N hoặc '-'");
  }
}

Period Period::weekly(int y, int w) {
  BAOCAO_CHECK(w >= 1 && w <= isoWeeksInYear(y), "ISO week must exist in its year");
  return Period(PeriodType::Weekly, y, w);
}
Period Period::monthly(int y, int m) {
  BAOCAO_CHECK(m >= 1 && m <= 12, "month 1..12");
  return Period(PeriodType::Monthly, y, m);
}
Period Period::quarterly(int y, int q) {
  BAOCAO_CHECK(q >= 1 && q <= 4, "quarter 1..4");
  return Period(PeriodType::Quarterly, y, q);
}
Period Period::sixMonthly(int y, int h) {
  BAOCAO_CHECK(h == 1 || h == 2, "half 1..2");
  return Period(PeriodType::SixMonthly, y, h);
}
Period Period::nineMonthly(int y) { return Period(PeriodType::NineMonthly, y, 9); }
Period Period::yearly(int y) { return Period(PeriodType::Yearly, y, 0); }
Period Period::multiYear(int first, int last) {
  BAOCAO_CHECK(last - first + 1 == 3 || last - first + 1 == 5, "a stage has 3 or 5 years");
  return Period(PeriodType::MultiYear, first, last);
}

Period Period::containing(PeriodType type, Date date) {
  const int y = date.year();
  const int m = static_cast<int>(date.month());
  switch (type) {
    case PeriodType::Weekly: {
      const Date thursday = date.addDays(4 - static_cast<int>(date.isoWeekday()));
      const int iso_year = thursday.year();
      return weekly(iso_year, (thursday - isoWeekOneMonday(iso_year)) / 7 + 1);
    }
    case PeriodType::Monthly:
      return monthly(y, m);
    case PeriodType::Quarterly:
      return quarterly(y, (m - 1) / 3 + 1);
    case PeriodType::SixMonthly:
      return sixMonthly(y, m <= 6 ? 1 : 2);
    case PeriodType::NineMonthly:
      return nineMonthly(y);
    case PeriodType::Yearly:
      return yearly(y);
    case PeriodType::MultiYear: {
      const int first = y - ((y - 1) % 5 + 5) % 5;
      return multiYear(first, first + 4);
    }
  }
  return yearly(y);
}

std::string Period::id() const {
  char buf[16];
  switch (type_) {
    case PeriodType::Weekly:
      std::snprintf(buf, sizeof buf, "%04dW%02d", year_, index_);
      break;
    case PeriodType::Monthly:
      std::snprintf(buf, sizeof buf, "%04d%02d", year_, index_);
      break;
    case PeriodType::Quarterly:
      std::snprintf(buf, sizeof buf, "%04dQ%d", year_, index_);
      break;
    case PeriodType::SixMonthly:
      std::snprintf(buf, sizeof buf, "%04dS%d", year_, index_);
      break;
    case PeriodType::NineMonthly:
      std::snprintf(buf, sizeof buf, "%04dN9", year_);
      break;
    case PeriodType::Yearly:
      std::snprintf(buf, sizeof buf, "%04d", year_);
      break;
    case PeriodType::MultiYear:
      std::snprintf(buf, sizeof buf, "%04d-%04d", year_, index_);
      break;
  }
  return buf;
}

int Period::firstMonth() const {
  switch (type_) {
    case PeriodType::Weekly:
      return static_cast<int>(firstDay().month());
    case PeriodType::Monthly:
    case PeriodType::Quarterly:
    case PeriodType::SixMonthly:
      return (index_ - 1) * monthsPerIndex(type_) + 1;
    default:
      return 1;
  }
}

int Period::lastMonth() const {
  switch (type_) {
    case PeriodType::Weekly:
      return static_cast<int>(lastDay().month());
    case PeriodType::Monthly:
    case PeriodType::Quarterly:
    case PeriodType::SixMonthly:
      return index_ * monthsPerIndex(type_);
    case PeriodType::NineMonthly:
      return 9;
    default:
      return 12;
  }
}

Date Period::firstDay() const {
  if (type_ == PeriodType::Weekly) return isoWeekOneMonday(year_).addDays((index_ - 1) * 7);
  return Date::fromYmd(year_, static_cast<unsigned>(firstMonth()), 1);
}

Date Period::lastDay() const {
  if (type_ == PeriodType::Weekly) return firstDay().addDays(6);
  const int last_year = type_ == PeriodType::MultiYear ? index_ : year_;
  return lastDayOfMonth(last_year, lastMonth());
}

Period Period::next() const {
  switch (type_) {
    case PeriodType::Weekly:
      return index_ < isoWeeksInYear(year_) ? weekly(year_, index_ + 1) : weekly(year_ + 1, 1);
    case PeriodType::Monthly:
      return index_ < 12 ? monthly(year_, index_ + 1) : monthly(year_ + 1, 1);
    case PeriodType::Quarterly:
      return index_ < 4 ? quarterly(year_, index_ + 1) : quarterly(year_ + 1, 1);
    case PeriodType::SixMonthly:
      return index_ < 2 ? sixMonthly(year_, 2) : sixMonthly(year_ + 1, 1);
    case PeriodType::NineMonthly:
      return nineMonthly(year_ + 1);
    case PeriodType::Yearly:
      return yearly(year_ + 1);
    case PeriodType::MultiYear: {
      const int len = index_ - year_ + 1;
      return multiYear(index_ + 1, index_ + len);
    }
  }
  return *this;
}

Period Period::previous() const {
  switch (type_) {
    case PeriodType::Weekly:
      return index_ > 1 ? weekly(year_, index_ - 1) : weekly(year_ - 1, isoWeeksInYear(year_ - 1));
    case PeriodType::Monthly:
      return index_ > 1 ? monthly(year_, index_ - 1) : monthly(year_ - 1, 12);
    case PeriodType::Quarterly:
      return index_ > 1 ? quarterly(year_, index_ - 1) : quarterly(year_ - 1, 4);
    case PeriodType::SixMonthly:
      return index_ > 1 ? sixMonthly(year_, 1) : sixMonthly(year_ - 1, 2);
    case PeriodType::NineMonthly:
      return nineMonthly(year_ - 1);
    case PeriodType::Yearly:
      return yearly(year_ - 1);
    case PeriodType::MultiYear: {
      const int len = index_ - year_ + 1;
      return multiYear(year_ - len, year_ - 1);
    }
  }
  return *this;
}

Period Period::sameLastYear() const {
  switch (type_) {
    case PeriodType::Weekly: {
      const int weeks = isoWeeksInYear(year_ - 1);
      return weekly(year_ - 1, index_ > weeks ? weeks : index_);
    }
    case PeriodType::Yearly:
    case PeriodType::MultiYear:
      return previous();
    default:
      return Period(type_, year_ - 1, index_);
  }
}

std::vector<Period> Period::yearToDate() const {
  std::vector<Period> out;
  if (type_ == PeriodType::NineMonthly || type_ == PeriodType::Yearly ||
      type_ == PeriodType::MultiYear) {
    out.push_back(*this);
    return out;
  }
  for (int i = 1; i <= index_; ++i) out.push_back(Period(type_, year_, i));
  return out;
}

std::vector<Period> Period::periodsWithin(PeriodType type) const {
  std::vector<Period> out;
  if (rank(type) > rank(type_)) return out;
  if (type == type_) {
    out.push_back(*this);
    return out;
  }
  const Date first = firstDay(), last = lastDay();
  if (type == PeriodType::Weekly) {
    // Start from the week containing the first day; keep weeks whose Thursday is inside.
    for (Period w = containing(PeriodType::Weekly, first); w.firstDay() <= last; w = w.next()) {
      const Date thursday = w.firstDay().addDays(3);
      if (thursday >= first && thursday <= last) out.push_back(w);
    }
    return out;
  }
  for (Period p = containing(type, first); p.firstDay() <= last; p = p.next()) {
    if (p.firstDay() >= first && p.lastDay() <= last) out.push_back(p);
  }
  return out;
}

}  // namespace baocao::core::period
