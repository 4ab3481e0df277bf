// CalendarService on the memory store: the effective calendar (computed, then the stored
// official schedule, rules and rest days), its cache and invalidation (also across two services
// sharing one store, as two processes share a database), permissions, validation naming every
// bad day, all-or-nothing import, and the audit trail of each change.
#include "app/calendar_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "exchange/calendar_csv.h"
#include "storage/memory/memory_store.h"

namespace baocao::app {
namespace {

using core::Date;
using core::ErrorCode;
namespace cal = core::calendar;
namespace sec = core::security;

class FixedClock : public core::ports::Clock {
 public:
  core::Timestamp now() const override { return core::Timestamp::fromSeconds(1767225600); }
};

Date d(int y, unsigned m, unsigned day) { return Date::fromYmd(y, m, day); }

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Actor actorWith(sec::Role role, int64_t id = 7) {
  Actor a;
  a.user_id = id;
  a.username = "u" + std::to_string(id);
  a.grants = {sec::Grant{1, id, role, 1, true}};
  a.ip = "10.0.0.1";
  return a;
}

class CalendarServiceTest : public ::testing::Test {
 protected:
  CalendarServiceTest()
      : store_(storage::memory::makeMemoryStore()),
        index_(*store_),
        ctx_{*store_, clock_, index_, AppConfig{}},
        audit_(ctx_),
        service_(ctx_, audit_) {}

  cal::OfficialSchedule official2026() {
    auto parsed = exchange::parseOfficialScheduleCsv(
        readFile(std::string(BAOCAO_TEST_DATA) + "/calendar/official_2026.csv"), "VPCP 2026");
    EXPECT_TRUE(parsed.has_value());
    return parsed.value().at(0);
  }
  std::vector<core::audit::AuditEntry> auditEntries() {
    auto tx = store_->begin(core::ports::TxMode::Read);
    core::ports::AuditRepository::Query q;
    q.action_prefix = "calendar.";
    return tx.value()->audit().find(q).value();
  }
  cal::CalendarDay dayIn(const std::vector<cal::CalendarDay>& days, Date date) {
    for (const auto& x : days)
      if (x.date == date) return x;
    return cal::CalendarDay{};
  }

  FixedClock clock_;
  std::unique_ptr<core::ports::Store> store_;
  OrgIndex index_;
  Context ctx_;
  AuditService audit_;
  CalendarService service_;
  Actor admin_ = actorWith(sec::Role::SystemAdmin);
  Actor unit_admin_ = actorWith(sec::Role::UnitAdmin, 8);
};

TEST_F(CalendarServiceTest, WithoutStoredDataTheCalendarIsTheComputedStatutoryOne) {
  auto days = service_.holidays(2026);
  ASSERT_TRUE(days.has_value()) << days.error().message;
  cal::HolidayCalendar computed;
  EXPECT_EQ(*days, computed.daysOf(2026));
  EXPECT_EQ(days->front().date, d(2026, 1, 1));
  EXPECT_EQ(days->front().kind, cal::DayKind::Statutory);
  // issue 3 point 5: 202603 with 2 levels
  auto rule = parseDeadlineRule({{"levels", "2"}});
  ASSERT_TRUE(rule.has_value());
  auto s = service_.period("202603", *rule);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->window.start, d(2026, 2, 15));
  EXPECT_EQ(s->window.end, d(2026, 3, 14));
  ASSERT_EQ(s->deadlines.size(), 2u);
  EXPECT_EQ(s->deadlines[0], d(2026, 3, 18));
  EXPECT_EQ(s->deadlines[1], d(2026, 3, 23));
  EXPECT_EQ(calendar_json::periodSchedule(*s).dump(),
            R"({"id":"202603","type":"monthly","start":"2026-02-15","end":"2026-03-14","deadlines":["2026-03-18","2026-03-23"]})");
}

TEST_F(CalendarServiceTest, OfficialSchedulePutReplacesTheComputedYearAndIsAudited) {
  auto before = service_.period("2026W01", {});
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->deadlines[0], d(2026, 1, 2));  // Thu 1 Jan is off: Fri 2 Jan
  auto put = service_.putOfficial(&admin_, official2026());
  ASSERT_TRUE(put.has_value()) << put.error().message;
  // 2 Jan is off in 2026's schedule (swapped with Saturday 10 Jan): Monday 5 Jan
  auto after = service_.period("2026W01", {});
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->deadlines[0], d(2026, 1, 5));
  auto days = service_.holidays(2026).value();
  EXPECT_EQ(dayIn(days, d(2026, 1, 10)).kind, cal::DayKind::Workday);
  EXPECT_EQ(dayIn(days, d(2026, 2, 14)).kind, cal::DayKind::Official);
  EXPECT_EQ(service_.holidays(2025).value(), cal::HolidayCalendar().daysOf(2025));  // untouched
  auto entries = auditEntries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "calendar.official_put");
  EXPECT_EQ(entries[0].entity_type, "calendar_official");
  EXPECT_EQ(entries[0].entity_id, "2026");
  EXPECT_EQ(entries[0].actor_id, admin_.user_id);
  EXPECT_EQ(entries[0].before_json, "");
  EXPECT_NE(entries[0].after_json.find("2026-01-10"), std::string::npos);

  auto list = service_.officialYears().value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].year, 2026);
  EXPECT_EQ(list[0].workdays, 2);
  EXPECT_EQ(list[0].days_off, 25);

  ASSERT_TRUE(service_.deleteOfficial(&admin_, 2026).has_value());
  EXPECT_EQ(service_.period("2026W01", {}).value().deadlines[0], d(2026, 1, 2));
  EXPECT_EQ(auditEntries().front().action, "calendar.official_delete");
  EXPECT_EQ(service_.deleteOfficial(&admin_, 2026).error().code, ErrorCode::NotFound);
}

TEST_F(CalendarServiceTest, OnlyCalendarWritersChangeTheCalendar) {
  for (auto role : {sec::Role::UnitAdmin, sec::Role::Inspector, sec::Role::DataEntry,
                    sec::Role::Viewer, sec::Role::Aggregator}) {
    Actor a = actorWith(role);
    EXPECT_EQ(service_.putOfficial(&a, official2026()).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(service_.deleteOfficial(&a, 2026).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(service_.importOfficial(&a, {official2026()}).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(service_.addRule(&a, cal::HolidayRule{}).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(service_.removeRule(&a, 1).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(service_.setRestDays(&a, cal::WeeklyRestDays{}).error().code, ErrorCode::Forbidden);
  }
  EXPECT_TRUE(service_.officialYears().value().empty());
  EXPECT_TRUE(auditEntries().empty());
  // the operator on the command line (no actor) may
  ASSERT_TRUE(service_.putOfficial(nullptr, official2026()).has_value());
  EXPECT_EQ(auditEntries().front().actor_name, "cli");
}

TEST_F(CalendarServiceTest, ValidationNamesEveryBadDayAndStoresNothing) {
  cal::OfficialSchedule s;
  s.year = 2026;
  s.days = {{d(2026, 1, 5), "Làm bù?", cal::DayKind::Workday},  // Monday: already a working day
            {d(2025, 12, 31), "Năm khác", cal::DayKind::Official},
            {d(2026, 1, 2), "Tết Dương lịch", cal::DayKind::Official},
            {d(2026, 1, 2), "Tết Dương lịch", cal::DayKind::Official},
            {d(2026, 1, 3), " ", cal::DayKind::Official}};
  auto r = service_.putOfficial(&admin_, s);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidDate);
  ASSERT_EQ(r.error().details.size(), 4u) << r.error().message;
  EXPECT_NE(r.error().message.find("4 lỗi"), std::string::npos) << r.error().message;
  // details[i] names the i-th problem in the order the days were given
  EXPECT_EQ(r.error().details[0].field, "days[0]");
  EXPECT_NE(r.error().details[0].message.find("2026-01-05 được ghi là ngày làm bù"), std::string::npos);
  EXPECT_EQ(r.error().details[1].field, "days[1]");
  EXPECT_NE(r.error().details[1].message.find("2025-12-31 không thuộc năm 2026"), std::string::npos);
  EXPECT_EQ(r.error().details[2].field, "days[3]");
  EXPECT_NE(r.error().details[2].message.find("bị lặp lại"), std::string::npos);
  EXPECT_EQ(r.error().details[3].field, "days[4]");
  EXPECT_NE(r.error().details[3].message.find("thiếu tên"), std::string::npos);
  EXPECT_TRUE(service_.officialYears().value().empty());
  EXPECT_TRUE(auditEntries().empty());

  s.year = 1800;
  EXPECT_EQ(service_.putOfficial(&admin_, s).error().code, ErrorCode::InvalidField);
  EXPECT_EQ(service_.holidays(2101).error().code, ErrorCode::InvalidField);
}

TEST_F(CalendarServiceTest, ImportIsAllOrNothingAcrossYears) {
  auto good = official2026();
  cal::OfficialSchedule bad;
  bad.year = 2025;
  bad.days = {{d(2025, 1, 6), "Làm bù?", cal::DayKind::Workday}};
  auto r = service_.importOfficial(&admin_, {good, bad});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidFile);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].field, "2025.days[0]");
  EXPECT_TRUE(service_.officialYears().value().empty());

  bad.days[0] = {d(2025, 4, 26), "Làm bù cho thứ Sáu 02/5/2025", cal::DayKind::Workday};
  auto ok = service_.importOfficial(&admin_, {good, bad});
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].year, 2025);
  EXPECT_EQ(service_.officialYears().value().size(), 2u);
  EXPECT_EQ(auditEntries().size(), 2u);
  EXPECT_EQ(auditEntries()[0].action, "calendar.official_import");
  EXPECT_EQ(service_.importOfficial(&admin_, {}).error().code, ErrorCode::InvalidFile);
}

TEST_F(CalendarServiceTest, RulesAddedAsDataTakeEffectAndAreAudited) {
  cal::HolidayRule r;
  r.basis = cal::HolidayRule::Basis::SolarDate;
  r.month = 11;
  r.day = 24;
  r.name = "Ngày Văn hóa Việt Nam";
  r.valid_from = 2026;
  auto stored = service_.addRule(&admin_, r);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_EQ(stored->id, 1);
  EXPECT_EQ(dayIn(service_.holidays(2026).value(), d(2026, 11, 24)).name, "Ngày Văn hóa Việt Nam");
  EXPECT_EQ(dayIn(service_.holidays(2025).value(), d(2025, 11, 24)).name, "");  // not before 2026
  EXPECT_EQ(auditEntries().front().action, "calendar.rule_add");
  EXPECT_EQ(service_.rules().value().size(), 1u);

  cal::HolidayRule bad = r;
  bad.month = 13;
  EXPECT_EQ(service_.addRule(&admin_, bad).error().code, ErrorCode::InvalidField);
  bad = r;
  bad.valid_to = 2020;
  EXPECT_EQ(service_.addRule(&admin_, bad).error().code, ErrorCode::InvalidField);

  ASSERT_TRUE(service_.removeRule(&admin_, stored->id).has_value());
  EXPECT_EQ(dayIn(service_.holidays(2026).value(), d(2026, 11, 24)).name, "");
  EXPECT_EQ(auditEntries().front().action, "calendar.rule_remove");
  EXPECT_EQ(service_.removeRule(&admin_, stored->id).error().code, ErrorCode::NotFound);
}

TEST_F(CalendarServiceTest, RestDaysAreConfigurableAndGuarded) {
  EXPECT_EQ(service_.restDays().value().mask, cal::WeeklyRestDays{}.mask);
  // Sunday only: Saturday 14 March 2026 becomes a working day
  auto set = service_.setRestDays(&admin_, cal::WeeklyRestDays::of({7}));
  ASSERT_TRUE(set.has_value()) << set.error().message;
  auto c = service_.calendar().value();
  EXPECT_TRUE(c->isWorkingDay(d(2026, 3, 14)));
  EXPECT_EQ(auditEntries().front().action, "calendar.rest_days_set");
  EXPECT_EQ(auditEntries().front().after_json, R"({"days":[7]})");
  // every day a rest day: refused (no deadline could ever fall)
  EXPECT_EQ(service_.setRestDays(&admin_, cal::WeeklyRestDays::of({1, 2, 3, 4, 5, 6, 7})).error().code,
            ErrorCode::InvalidField);
  // a stored make-up Saturday needs Saturday to stay a rest day
  ASSERT_TRUE(service_.setRestDays(&admin_, cal::WeeklyRestDays{}).has_value());
  ASSERT_TRUE(service_.putOfficial(&admin_, official2026()).has_value());
  auto refused = service_.setRestDays(&admin_, cal::WeeklyRestDays::of({7}));
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("2026-01-10"), std::string::npos) << refused.error().message;
}

TEST_F(CalendarServiceTest, CacheIsReusedAndNoticesChangesFromAnotherService) {
  auto first = service_.calendar().value();
  EXPECT_EQ(service_.calendar().value().get(), first.get());  // cached
  // another process on the same database (here: a second service on the same store)
  CalendarService other(ctx_, audit_);
  ASSERT_TRUE(other.putOfficial(&admin_, official2026()).has_value());
  auto fresh = service_.calendar().value();
  EXPECT_NE(fresh.get(), first.get());
  EXPECT_EQ(fresh->dayAt(d(2026, 1, 10))->kind, cal::DayKind::Workday);
}

TEST_F(CalendarServiceTest, LunarConversionAndParameters) {
  auto l = CalendarService::toLunar(d(2026, 2, 17));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(calendar_json::conversion(d(2026, 2, 17), *l).dump(),
            R"({"date":"2026-02-17","lunar":{"year":2026,"month":1,"day":1,"leap":false}})");
  auto lunar = parseLunarDate("2025-6-1", true);
  ASSERT_TRUE(lunar.has_value());
  EXPECT_EQ(CalendarService::toSolar(*lunar).value(), d(2025, 7, 25));
  EXPECT_EQ(CalendarService::toSolar(*parseLunarDate("2026-6-1", true)).error().code,
            ErrorCode::InvalidDate);  // 2026 has no leap 6th month
  auto bad = parseLunarDate("2025-6x-1", false);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("ký tự 7"), std::string::npos) << bad.error().message;
  EXPECT_EQ(parseLunarDate("2025-13-1", false).error().code, ErrorCode::InvalidDate);
  EXPECT_EQ(CalendarService::toLunar(d(1899, 12, 31)).error().code, ErrorCode::InvalidDate);

  EXPECT_EQ(parseDeadlineRule({{"levels", "0"}}).error().code, ErrorCode::InvalidField);
  EXPECT_NE(parseDeadlineRule({{"window", "weird"}}).error().message.find("'window'"),
            std::string::npos);
  auto rule = parseDeadlineRule({{"cut_off_day", "20"}, {"also", "quarterly, yearly"},
                                 {"approval_day", "24"}, {"unit_days", "5"}});
  ASSERT_TRUE(rule.has_value()) << rule.error().message;
  EXPECT_EQ(rule->window.kind, core::period::WindowRule::Kind::DayOfMonth);
  EXPECT_EQ(rule->window.cut_off_day, 20u);
  EXPECT_EQ(rule->also_reported.size(), 2u);
  EXPECT_EQ(rule->unit_working_days, 5);
  EXPECT_EQ(parseDeadlineRule({{"also", "monthly,daily"}}).error().details[0].field, "also");
}

TEST_F(CalendarServiceTest, JsonParsersNameTheField) {
  auto j = nlohmann::json::parse(R"({"source":"x","days":[{"date":"2026-01-02","kind":"official","name":"Tết"},{"date":"2026-13-01","kind":"official","name":"y"}]})");
  auto r = calendar_json::parseOfficial(j, 2026);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details[0].field, "days[1].date");
  j["days"][1] = {{"date", "2026-01-03"}, {"kind", "holiday"}, {"name", "y"}};
  EXPECT_EQ(calendar_json::parseOfficial(j, 2026).error().details[0].field, "days[1].kind");
  j["days"][1] = {{"date", "2026-01-03"}, {"kind", "official"}, {"name", "y"}, {"extra", 1}};
  EXPECT_EQ(calendar_json::parseOfficial(j, 2026).error().code, ErrorCode::UnknownField);
  j["days"][1].erase("extra");
  j["year"] = 2025;
  EXPECT_EQ(calendar_json::parseOfficial(j, 2026).error().details[0].field, "year");
  j.erase("year");
  auto okay = calendar_json::parseOfficial(j, 2026);
  ASSERT_TRUE(okay.has_value()) << okay.error().message;
  EXPECT_EQ(okay->year, 2026);
  EXPECT_EQ(okay->days.size(), 2u);

  auto rest = calendar_json::parseRestDays(nlohmann::json::parse(R"({"days":[8]})"));
  EXPECT_EQ(rest.error().details[0].field, "days[0]");
  auto rule = calendar_json::parseRule(nlohmann::json::parse(
      R"({"basis":"lunar_date","month":3,"day":10,"name":"Giỗ Tổ","valid_from":2007})"));
  ASSERT_TRUE(rule.has_value());
  EXPECT_EQ(calendar_json::rule(*rule, 4).dump(),
            R"({"id":4,"basis":"lunar_date","month":3,"day":10,"name":"Giỗ Tổ","valid_from":2007,"valid_to":null})");
}

}  // namespace
}  // namespace baocao::app
