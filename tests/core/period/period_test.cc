#include "core/period/period.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace baocao::core::period {
namespace {

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

std::string ids(const std::vector<Period>& ps) {
  std::string out;
  for (const Period& p : ps) {
    if (!out.empty()) out += ' ';
    out += p.id();
  }
  return out;
}

Period P(std::string_view id) {
  auto p = Period::parse(id);
  EXPECT_TRUE(p.has_value()) << id;
  return *p;
}

TEST(PeriodId, EveryTypeParsesAndPrintsExactly) {
  const std::vector<std::pair<std::string, PeriodType>> cases = {
      {"2026W09", PeriodType::Weekly},      {"2020W53", PeriodType::Weekly},
      {"202603", PeriodType::Monthly},      {"2026Q1", PeriodType::Quarterly},
      {"2026S1", PeriodType::SixMonthly},   {"2026S2", PeriodType::SixMonthly},
      {"2026N9", PeriodType::NineMonthly},  {"2026", PeriodType::Yearly},
      {"2021-2025", PeriodType::MultiYear}, {"2024-2026", PeriodType::MultiYear},
  };
  for (const auto& [id, type] : cases) {
    auto p = Period::parse(id);
    ASSERT_TRUE(p.has_value()) << id << ": " << p.error().message;
    EXPECT_EQ(p->type(), type) << id;
    EXPECT_EQ(p->id(), id);
  }
}

TEST(PeriodId, MalformedIdsNameTheOffendingCharacter) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2026Q5", "Mã kỳ '2026Q5' không hợp lệ: ký tự 6: quý phải từ 1 đến 4"},
      {"202613", "Mã kỳ '202613' không hợp lệ: ký tự 5: tháng phải từ 01 đến 12"},
      {"2026W54", "Mã kỳ '2026W54' không hợp lệ: ký tự 6: tuần phải từ 01 đến 53 (năm ISO 2026)"},
      {"2025W53", "Mã kỳ '2025W53' không hợp lệ: ký tự 6: tuần phải từ 01 đến 52 (năm ISO 2025)"},
      {"2026S3", "Mã kỳ '2026S3' không hợp lệ: ký tự 6: kỳ 6 tháng phải là 1 hoặc 2"},
      {"2026N6", "Mã kỳ '2026N6' không hợp lệ: ký tự 6: kỳ 9 tháng phải ghi là N9"},
      {"2021-2024", "Mã kỳ '2021-2024' không hợp lệ: ký tự 6: giai đoạn phải gồm 3 hoặc 5 năm"},
      {"20x6", "Mã kỳ '20x6' không hợp lệ: ký tự 3: cần chữ số của năm"},
      {"2026X1",
       "Mã kỳ '2026X1' không hợp lệ: ký tự 5: sau năm phải là tháng (2 chữ số), W, Q, S, N hoặc "
       "'-'"},
      {"2026Q1 ", "Mã kỳ '2026Q1 ' không hợp lệ: ký tự 7: thừa ký tự"},
      {"2026W9", "Mã kỳ '2026W9' không hợp lệ: ký tự 7: thiếu ký tự: cần chữ số của tuần"},
      {"2026q1",
       "Mã kỳ '2026q1' không hợp lệ: ký tự 5: sau năm phải là tháng (2 chữ số), W, Q, S, N hoặc "
       "'-'"},
      {"1899", "Mã kỳ '1899' không hợp lệ: ký tự 1: năm phải từ 1900 đến 2100"},
      {"", "Mã kỳ '' không hợp lệ: ký tự 1: mã kỳ trống"},
  };
  for (const auto& [id, message] : cases) {
    auto p = Period::parse(id);
    ASSERT_FALSE(p.has_value()) << id;
    EXPECT_EQ(p.error().code, ErrorCode::InvalidPeriod);
    EXPECT_EQ(p.error().message, message);
  }
}

TEST(PeriodDays, EveryTypeHasItsCalendarSpan) {
  EXPECT_EQ(P("2026W09").firstDay(), d(2026, 2, 23));
  EXPECT_EQ(P("2026W01").firstDay(), d(2025, 12, 29));  // ISO week 1 holds 4 January
  EXPECT_EQ(P("2020W53").lastDay(), d(2021, 1, 3));
  EXPECT_EQ(P("202402").lastDay(), d(2024, 2, 29));
  EXPECT_EQ(P("2026Q3").firstDay(), d(2026, 7, 1));
  EXPECT_EQ(P("2026Q3").lastDay(), d(2026, 9, 30));
  EXPECT_EQ(P("2026S2").firstDay(), d(2026, 7, 1));
  EXPECT_EQ(P("2026N9").lastDay(), d(2026, 9, 30));
  EXPECT_EQ(P("2021-2025").firstDay(), d(2021, 1, 1));
  EXPECT_EQ(P("2021-2025").lastDay(), d(2025, 12, 31));
}

TEST(PeriodNavigation, NextPreviousForEveryType) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"2026W09", "2026W10", "2026W08"},       {"2020W53", "2021W01", "2020W52"},
      {"2021W01", "2021W02", "2020W53"},       {"202612", "202701", "202611"},
      {"202601", "202602", "202512"},          {"2026Q4", "2027Q1", "2026Q3"},
      {"2026Q1", "2026Q2", "2025Q4"},          {"2026S1", "2026S2", "2025S2"},
      {"2026N9", "2027N9", "2025N9"},          {"2026", "2027", "2025"},
      {"2021-2025", "2026-2030", "2016-2020"}, {"2024-2026", "2027-2029", "2021-2023"},
  };
  for (const auto& [id, next, prev] : cases) {
    EXPECT_EQ(P(id).next().id(), next) << id;
    EXPECT_EQ(P(id).previous().id(), prev) << id;
    EXPECT_EQ(P(id).next().previous(), P(id));
  }
}

TEST(PeriodNavigation, SameLastYearForEveryType) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2026W09", "2025W09"}, {"2020W53", "2019W52"},     {"202603", "202503"},
      {"2026Q2", "2025Q2"},   {"2026S2", "2025S2"},       {"2026N9", "2025N9"},
      {"2026", "2025"},       {"2021-2025", "2016-2020"},
  };
  for (const auto& [id, want] : cases) EXPECT_EQ(P(id).sameLastYear().id(), want) << id;
}

TEST(PeriodNavigation, YearToDateForEveryType) {
  EXPECT_EQ(ids(P("202603").yearToDate()), "202601 202602 202603");
  EXPECT_EQ(ids(P("2026W03").yearToDate()), "2026W01 2026W02 2026W03");
  EXPECT_EQ(ids(P("2026Q2").yearToDate()), "2026Q1 2026Q2");
  EXPECT_EQ(ids(P("2026S2").yearToDate()), "2026S1 2026S2");
  EXPECT_EQ(ids(P("2026N9").yearToDate()), "2026N9");
  EXPECT_EQ(ids(P("2026").yearToDate()), "2026");
  EXPECT_EQ(ids(P("2021-2025").yearToDate()), "2021-2025");
}

TEST(PeriodsWithin, EveryPairOfTypes) {
  EXPECT_EQ(ids(P("2026Q1").periodsWithin(PeriodType::Monthly)), "202601 202602 202603");
  EXPECT_EQ(ids(P("2026S2").periodsWithin(PeriodType::Quarterly)), "2026Q3 2026Q4");
  EXPECT_EQ(ids(P("2026N9").periodsWithin(PeriodType::Quarterly)), "2026Q1 2026Q2 2026Q3");
  EXPECT_EQ(ids(P("2026N9").periodsWithin(PeriodType::SixMonthly)), "2026S1");
  EXPECT_EQ(P("2026N9").periodsWithin(PeriodType::Monthly).size(), 9u);
  EXPECT_EQ(ids(P("2026").periodsWithin(PeriodType::SixMonthly)), "2026S1 2026S2");
  EXPECT_EQ(ids(P("2026").periodsWithin(PeriodType::NineMonthly)), "2026N9");
  EXPECT_EQ(ids(P("2021-2025").periodsWithin(PeriodType::Yearly)), "2021 2022 2023 2024 2025");
  EXPECT_EQ(P("2021-2025").periodsWithin(PeriodType::Quarterly).size(), 20u);
  EXPECT_EQ(ids(P("2021-2025").periodsWithin(PeriodType::MultiYear)), "2021-2025");
  // Weeks belong to the month/year of their Thursday.
  // March 2026: W10 (Mon 2 Mar) .. W13; W14's Thursday is 2 April.
  EXPECT_EQ(ids(P("202603").periodsWithin(PeriodType::Weekly)), "2026W10 2026W11 2026W12 2026W13");
  EXPECT_EQ(ids(P("202604").periodsWithin(PeriodType::Weekly)),
            "2026W14 2026W15 2026W16 2026W17 2026W18");
  EXPECT_EQ(P("2026").periodsWithin(PeriodType::Weekly).size(), 53u);
  EXPECT_EQ(P("2026").periodsWithin(PeriodType::Weekly).front().id(), "2026W01");
  EXPECT_EQ(P("2020").periodsWithin(PeriodType::Weekly).back().id(), "2020W53");
  // A longer type never lies within a shorter one.
  EXPECT_TRUE(P("202603").periodsWithin(PeriodType::Quarterly).empty());
  EXPECT_TRUE(P("2026S1").periodsWithin(PeriodType::NineMonthly).empty());
  EXPECT_TRUE(P("2026W09").periodsWithin(PeriodType::Monthly).empty());
  EXPECT_EQ(ids(P("2026W09").periodsWithin(PeriodType::Weekly)), "2026W09");
}

TEST(PeriodsWithin, EveryWeekOfAYearIsInExactlyOneMonth) {
  for (int y : {2020, 2021, 2026}) {
    size_t weeks = 0;
    for (int m = 1; m <= 12; ++m)
      weeks += Period::monthly(y, m).periodsWithin(PeriodType::Weekly).size();
    EXPECT_EQ(weeks, static_cast<size_t>(isoWeeksInYear(y))) << y;
  }
}

TEST(PeriodContaining, FindsThePeriodOfADate) {
  EXPECT_EQ(Period::containing(PeriodType::Weekly, d(2026, 1, 1)).id(), "2026W01");
  EXPECT_EQ(Period::containing(PeriodType::Weekly, d(2021, 1, 3)).id(), "2020W53");
  EXPECT_EQ(Period::containing(PeriodType::Quarterly, d(2026, 8, 15)).id(), "2026Q3");
  EXPECT_EQ(Period::containing(PeriodType::MultiYear, d(2026, 8, 15)).id(), "2026-2030");
  EXPECT_EQ(Period::containing(PeriodType::MultiYear, d(2025, 12, 31)).id(), "2021-2025");
}

TEST(PeriodType, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(PeriodType::MultiYear); ++i) {
    auto t = static_cast<PeriodType>(i);
    EXPECT_EQ(parsePeriodType(periodTypeName(t)), t);
  }
  EXPECT_EQ(periodTypeName(PeriodType::Monthly), "monthly");
  EXPECT_FALSE(parsePeriodType("fortnightly").has_value());
}

}  // namespace
}  // namespace baocao::core::period
