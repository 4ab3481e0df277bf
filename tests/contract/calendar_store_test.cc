// Contract: CalendarRepository (official schedules, holiday rules, weekly rest days, revision)
// on every store. Instantiated with the rest of the suite (audit_tx_store_test.cc).
#include <atomic>
#include <thread>

#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
namespace cal = core::calendar;

cal::OfficialSchedule schedule2026() {
  cal::OfficialSchedule s;
  s.year = 2026;
  s.source = "Văn bản 12729/VPCP-KGVX ngày 25/12/2025";
  // deliberately not in date order: the store returns days sorted
  s.days = {{day(2026, 2, 17), "Tết Nguyên đán, \"mùng 1\"", cal::DayKind::Official},
            {day(2026, 1, 10), "Làm bù cho thứ Sáu 02/01/2026", cal::DayKind::Workday},
            {day(2026, 1, 1), "Tết Dương lịch", cal::DayKind::Statutory},
            {day(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương", cal::DayKind::Compensatory}};
  return s;
}

cal::HolidayRule cultureDay() {
  cal::HolidayRule r;
  r.basis = cal::HolidayRule::Basis::SolarDate;
  r.month = 11;
  r.day = 24;
  r.name = "Ngày Văn hóa Việt Nam";
  r.valid_from = 2026;
  return r;
}

TEST_P(StoreContract, CalendarStartsEmptyAtRevisionZero) {
  auto tx = reader();
  VALUE_OR_FAIL(auto years, tx->calendar().officialYears());
  EXPECT_TRUE(years.empty());
  VALUE_OR_FAIL(auto all, tx->calendar().allOfficial());
  EXPECT_TRUE(all.empty());
  VALUE_OR_FAIL(auto rules, tx->calendar().rules());
  EXPECT_TRUE(rules.empty());
  VALUE_OR_FAIL(auto rest, tx->calendar().restDays());
  EXPECT_FALSE(rest.has_value());
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 0);
  EXPECT_CODE(tx->calendar().getOfficial(2026), ErrorCode::NotFound);
}

TEST_P(StoreContract, OfficialScheduleRoundTripsSortedAndReplaces) {
  write([](ports::Tx& tx) { EXPECT_OK(tx.calendar().putOfficial(schedule2026())); });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto s, tx->calendar().getOfficial(2026));
    EXPECT_EQ(s.year, 2026);
    EXPECT_EQ(s.source, "Văn bản 12729/VPCP-KGVX ngày 25/12/2025");
    ASSERT_EQ(s.days.size(), 4u);
    EXPECT_EQ(s.days[0], (cal::CalendarDay{day(2026, 1, 1), "Tết Dương lịch", cal::DayKind::Statutory}));
    EXPECT_EQ(s.days[1].kind, cal::DayKind::Workday);
    EXPECT_EQ(s.days[2].name, "Tết Nguyên đán, \"mùng 1\"");
    EXPECT_EQ(s.days[3].kind, cal::DayKind::Compensatory);
    VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
    EXPECT_EQ(rev, 1);
  }
  // another year, then replace 2026 with fewer days
  cal::OfficialSchedule s2025;
  s2025.year = 2025;
  s2025.days = {{day(2025, 4, 26), "Làm bù", cal::DayKind::Workday}};
  cal::OfficialSchedule smaller = schedule2026();
  smaller.days.resize(1);
  smaller.source = "";
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.calendar().putOfficial(s2025));
    EXPECT_OK(tx.calendar().putOfficial(smaller));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto years, tx->calendar().officialYears());
  EXPECT_EQ(years, (std::vector<int>{2025, 2026}));
  VALUE_OR_FAIL(auto all, tx->calendar().allOfficial());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].year, 2025);
  EXPECT_EQ(all[0].days.size(), 1u);
  EXPECT_EQ(all[1].year, 2026);
  ASSERT_EQ(all[1].days.size(), 1u);
  EXPECT_EQ(all[1].days[0].date, day(2026, 2, 17));
  EXPECT_EQ(all[1].source, "");
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 3);
}

TEST_P(StoreContract, OfficialScheduleRejectsForeignAndRepeatedDaysWritingNothing) {
  auto tx = begin();
  cal::OfficialSchedule s = schedule2026();
  s.days.push_back({day(2025, 12, 31), "Năm khác", cal::DayKind::Official});
  EXPECT_CODE(tx->calendar().putOfficial(s), ErrorCode::InvalidDate);
  s = schedule2026();
  s.days.push_back(s.days[0]);
  EXPECT_CODE(tx->calendar().putOfficial(s), ErrorCode::InvalidDate);
  // the Tx stays usable (PostgreSQL aborts a transaction on a failed statement otherwise)
  EXPECT_OK(tx->calendar().putOfficial(schedule2026()));
  ASSERT_TRUE(tx->commit().has_value());
  auto r = reader();
  VALUE_OR_FAIL(auto got, r->calendar().getOfficial(2026));
  EXPECT_EQ(got.days.size(), 4u);
  VALUE_OR_FAIL(int64_t rev, r->calendar().revision());
  EXPECT_EQ(rev, 1);
}

TEST_P(StoreContract, OfficialScheduleDeleteAndNotFound) {
  write([](ports::Tx& tx) { EXPECT_OK(tx.calendar().putOfficial(schedule2026())); });
  {
    auto tx = begin();
    EXPECT_CODE(tx->calendar().deleteOfficial(2025), ErrorCode::NotFound);
    EXPECT_OK(tx->calendar().deleteOfficial(2026));
    EXPECT_CODE(tx->calendar().getOfficial(2026), ErrorCode::NotFound);
    ASSERT_TRUE(tx->commit().has_value());
  }
  auto tx = reader();
  VALUE_OR_FAIL(auto years, tx->calendar().officialYears());
  EXPECT_TRUE(years.empty());
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 2);  // a failed delete does not count
  // the year can be entered again
  auto w = begin();
  EXPECT_OK(w->calendar().putOfficial(schedule2026()));
}

TEST_P(StoreContract, UncommittedCalendarChangesVanish) {
  {
    auto tx = begin();
    EXPECT_OK(tx->calendar().putOfficial(schedule2026()));
    EXPECT_OK(tx->calendar().addRule(cultureDay()));
    EXPECT_OK(tx->calendar().setRestDays(cal::WeeklyRestDays::of({7})));
    VALUE_OR_FAIL(int64_t inside, tx->calendar().revision());
    EXPECT_EQ(inside, 3);
  }  // rolled back
  auto tx = reader();
  VALUE_OR_FAIL(auto years, tx->calendar().officialYears());
  EXPECT_TRUE(years.empty());
  VALUE_OR_FAIL(auto rules, tx->calendar().rules());
  EXPECT_TRUE(rules.empty());
  VALUE_OR_FAIL(auto rest, tx->calendar().restDays());
  EXPECT_FALSE(rest.has_value());
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 0);
}

TEST_P(StoreContract, HolidayRulesGetIdsInOrderAndRemove) {
  cal::HolidayRule lunar;
  lunar.basis = cal::HolidayRule::Basis::LunarDate;
  lunar.month = 3;
  lunar.day = 10;
  lunar.name = "Giỗ Tổ Hùng Vương";
  lunar.valid_from = 2007;
  lunar.valid_to = 2099;
  cal::HolidayRule eve;
  eve.basis = cal::HolidayRule::Basis::LunarYearEnd;
  eve.month = 12;
  eve.day = 1;
  eve.name = "Giao thừa";
  cal::HolidayRule adj;
  adj.basis = cal::HolidayRule::Basis::AdjacentSolar;
  adj.month = 9;
  adj.day = 2;
  adj.name = "Quốc khánh (ngày liền kề)";
  int64_t first = 0, second = 0;
  {
    auto tx = begin();
    VALUE_OR_FAIL(auto a, tx->calendar().addRule(cultureDay()));
    VALUE_OR_FAIL(auto b, tx->calendar().addRule(lunar));
    VALUE_OR_FAIL(auto c, tx->calendar().addRule(eve));
    VALUE_OR_FAIL(auto d, tx->calendar().addRule(adj));
    EXPECT_GT(a.id, 0);
    EXPECT_LT(a.id, b.id);
    EXPECT_LT(b.id, c.id);
    EXPECT_LT(c.id, d.id);
    first = a.id;
    second = b.id;
    ASSERT_TRUE(tx->commit().has_value());
  }
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto rules, tx->calendar().rules());
    ASSERT_EQ(rules.size(), 4u);
    EXPECT_EQ(rules[0].id, first);
    EXPECT_EQ(rules[0].rule.basis, cal::HolidayRule::Basis::SolarDate);
    EXPECT_EQ(rules[0].rule.month, 11u);
    EXPECT_EQ(rules[0].rule.day, 24u);
    EXPECT_EQ(rules[0].rule.name, "Ngày Văn hóa Việt Nam");
    EXPECT_EQ(rules[0].rule.valid_from, 2026);
    EXPECT_EQ(rules[0].rule.valid_to, 9999);
    EXPECT_EQ(rules[1].rule.basis, cal::HolidayRule::Basis::LunarDate);
    EXPECT_EQ(rules[1].rule.valid_from, 2007);
    EXPECT_EQ(rules[1].rule.valid_to, 2099);
    EXPECT_EQ(rules[2].rule.basis, cal::HolidayRule::Basis::LunarYearEnd);
    EXPECT_EQ(rules[3].rule.basis, cal::HolidayRule::Basis::AdjacentSolar);
  }
  {
    auto tx = begin();
    EXPECT_OK(tx->calendar().removeRule(second));
    EXPECT_CODE(tx->calendar().removeRule(second), ErrorCode::NotFound);
    EXPECT_CODE(tx->calendar().removeRule(987654), ErrorCode::NotFound);
    ASSERT_TRUE(tx->commit().has_value());
  }
  auto tx = reader();
  VALUE_OR_FAIL(auto rules, tx->calendar().rules());
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].id, first);
  EXPECT_NE(rules[1].id, second);
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 5);
}

TEST_P(StoreContract, RestDaysRoundTrip) {
  write([](ports::Tx& tx) { EXPECT_OK(tx.calendar().setRestDays(cal::WeeklyRestDays::of({5, 7}))); });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto rest, tx->calendar().restDays());
    ASSERT_TRUE(rest.has_value());
    EXPECT_TRUE(rest->contains(5));
    EXPECT_FALSE(rest->contains(6));
    EXPECT_TRUE(rest->contains(7));
    EXPECT_EQ(rest->mask, cal::WeeklyRestDays::of({5, 7}).mask);
  }
  write([](ports::Tx& tx) { EXPECT_OK(tx.calendar().setRestDays(cal::WeeklyRestDays{})); });
  auto tx = reader();
  VALUE_OR_FAIL(auto rest, tx->calendar().restDays());
  ASSERT_TRUE(rest.has_value());
  EXPECT_EQ(rest->mask, cal::WeeklyRestDays{}.mask);
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 2);
}

TEST_P(StoreContract, ReadOnlyTxCannotWriteTheCalendar) {
  auto tx = reader();
  EXPECT_CODE(tx->calendar().putOfficial(schedule2026()), ErrorCode::StorageError);
  EXPECT_CODE(tx->calendar().addRule(cultureDay()), ErrorCode::StorageError);
  EXPECT_CODE(tx->calendar().setRestDays(cal::WeeklyRestDays{}), ErrorCode::StorageError);
  EXPECT_CODE(tx->calendar().deleteOfficial(2026), ErrorCode::StorageError);
  EXPECT_CODE(tx->calendar().removeRule(1), ErrorCode::StorageError);
}

TEST_P(StoreContract, ConcurrentCalendarWritersAllLand) {
  // Writers on different years and rules at once: every change lands, the revision counts all.
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto tx = store_->begin(ports::TxMode::Write);
      if (!tx) {
        ++failures;
        return;
      }
      cal::OfficialSchedule s = schedule2026();
      s.year = 2030 + t;
      for (auto& d : s.days) d.date = core::Date::fromYmd(s.year, d.date.month(), d.date.day());
      bool ok = tx.value()->calendar().putOfficial(s).has_value() &&
                tx.value()->calendar().addRule(cultureDay()).has_value() &&
                tx.value()->commit().has_value();
      if (!ok) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = reader();
  VALUE_OR_FAIL(auto years, tx->calendar().officialYears());
  EXPECT_EQ(years.size(), static_cast<size_t>(kThreads));
  VALUE_OR_FAIL(auto rules, tx->calendar().rules());
  EXPECT_EQ(rules.size(), static_cast<size_t>(kThreads));
  VALUE_OR_FAIL(int64_t rev, tx->calendar().revision());
  EXPECT_EQ(rev, 2 * kThreads);
}

}  // namespace
}  // namespace baocao::contract
