// CalendarRepository over SQL (migration 2): calendar_official (one row per year) with its days
// in calendar_official_day, calendar_rule, and the single row calendar_setting (rest days mask,
// revision). Every write first bumps calendar_setting.revision, which on PostgreSQL also locks
// that row, so concurrent calendar writers run one after another. Same SQL on both databases.
#include <map>
#include <set>

#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace cal = core::calendar;
namespace ports = core::ports;

// Messages shared word for word with storage/memory.
core::Error officialNotFound(int year) {
  return makeError(ErrorCode::NotFound, "Chưa có lịch nghỉ chính thức năm " + std::to_string(year));
}
core::Error dayOutsideYear(int year, core::Date d) {
  return makeError(ErrorCode::InvalidDate, "Lịch nghỉ chính thức năm " + std::to_string(year) +
                                               ": ngày " + d.iso() + " không thuộc năm " +
                                               std::to_string(year));
}
core::Error dayRepeated(int year, core::Date d) {
  return makeError(ErrorCode::InvalidDate, "Lịch nghỉ chính thức năm " + std::to_string(year) +
                                               ": ngày " + d.iso() + " bị lặp lại");
}

Result<cal::CalendarDay> dayFromRow(const std::string& date, const std::string& kind,
                                    const std::string& name) {
  auto d = core::Date::parseIso(date);
  if (!d) return storageError("ngày không hợp lệ trong cơ sở dữ liệu: '" + date + "'");
  auto k = cal::parseDayKind(kind);
  if (!k) return storageError("loại ngày không hợp lệ trong cơ sở dữ liệu: '" + kind + "'");
  return cal::CalendarDay{*d, name, *k};
}

class SqlCalendarRepository final : public ports::CalendarRepository {
 public:
  explicit SqlCalendarRepository(TxContext& c) : c_(c) {}

  Result<std::vector<int>> officialYears() override {
    return guarded(c_, false, [&]() -> Result<std::vector<int>> {
      std::vector<int> out;
      Stmt s(c_.sql);
      long long year = 0;
      s.into(year);
      if (s.run("SELECT year FROM calendar_official ORDER BY year")) {
        do out.push_back(static_cast<int>(year));
        while (s.fetch());
      }
      return out;
    });
  }

  Result<cal::OfficialSchedule> getOfficial(int year) override {
    return guarded(c_, false, [&]() -> Result<cal::OfficialSchedule> {
      cal::OfficialSchedule out;
      out.year = year;
      {
        Stmt s(c_.sql);
        s.into(out.source);
        if (!s.run("SELECT source FROM calendar_official WHERE year = " +
                   s.param(static_cast<long long>(year)))) {
          return officialNotFound(year);
        }
      }
      Stmt s(c_.sql);
      std::string date, kind, name;
      s.into(date);
      s.into(kind);
      s.into(name);
      if (s.run("SELECT day_date, kind, name FROM calendar_official_day WHERE year = " +
                s.param(static_cast<long long>(year)) + " ORDER BY day_date")) {
        do {
          BAOCAO_ASSIGN(auto d, dayFromRow(date, kind, name));
          out.days.push_back(std::move(d));
        } while (s.fetch());
      }
      return out;
    });
  }

  Result<std::vector<cal::OfficialSchedule>> allOfficial() override {
    return guarded(c_, false, [&]() -> Result<std::vector<cal::OfficialSchedule>> {
      std::map<int, cal::OfficialSchedule> by_year;
      {
        Stmt s(c_.sql);
        long long year = 0;
        std::string source;
        s.into(year);
        s.into(source);
        if (s.run("SELECT year, source FROM calendar_official ORDER BY year")) {
          do {
            auto& o = by_year[static_cast<int>(year)];
            o.year = static_cast<int>(year);
            o.source = source;
          } while (s.fetch());
        }
      }
      Stmt s(c_.sql);
      long long year = 0;
      std::string date, kind, name;
      s.into(year);
      s.into(date);
      s.into(kind);
      s.into(name);
      if (s.run("SELECT year, day_date, kind, name FROM calendar_official_day ORDER BY day_date")) {
        do {
          BAOCAO_ASSIGN(auto d, dayFromRow(date, kind, name));
          by_year[static_cast<int>(year)].days.push_back(std::move(d));
        } while (s.fetch());
      }
      std::vector<cal::OfficialSchedule> out;
      for (auto& [y, o] : by_year) out.push_back(std::move(o));
      return out;
    });
  }

  Result<void> putOfficial(const cal::OfficialSchedule& schedule) override {
    return guarded(c_, true, [&]() -> Result<void> {
      std::set<core::Date> seen;
      for (const auto& d : schedule.days) {
        if (d.date.year() != schedule.year) return dayOutsideYear(schedule.year, d.date);
        if (!seen.insert(d.date).second) return dayRepeated(schedule.year, d.date);
      }
      return atomically(c_, [&]() -> Result<void> {
        bump();
        const auto year = static_cast<long long>(schedule.year);
        {
          Stmt s(c_.sql);
          s.run("DELETE FROM calendar_official_day WHERE year = " + s.param(year));
        }
        {
          Stmt s(c_.sql);
          s.run("DELETE FROM calendar_official WHERE year = " + s.param(year));
        }
        {
          Stmt s(c_.sql);
          s.run("INSERT INTO calendar_official (year, source) VALUES (" + s.param(year) + ", " +
                s.param(schedule.source) + ")");
        }
        // One prepared statement, executed per day (SQLite and libpq alike).
        long long y = year;
        std::string date, kind, name;
        soci::statement ins =
            (c_.sql.prepare << "INSERT INTO calendar_official_day (day_date, year, kind, name) "
                               "VALUES (:d, :y, :k, :n)",
             soci::use(date, "d"), soci::use(y, "y"), soci::use(kind, "k"), soci::use(name, "n"));
        for (const auto& d : schedule.days) {
          date = d.date.iso();
          kind = std::string(cal::dayKindName(d.kind));
          name = d.name;
          ins.execute(true);
        }
        return Result<void>();
      });
    });
  }

  Result<void> deleteOfficial(int year) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        {
          Stmt s(c_.sql);
          s.run("DELETE FROM calendar_official_day WHERE year = " +
                s.param(static_cast<long long>(year)));
        }
        Stmt s(c_.sql);
        s.run("DELETE FROM calendar_official WHERE year = " + s.param(static_cast<long long>(year)));
        if (s.affected() == 0) return officialNotFound(year);  // the savepoint undoes nothing
        bump();
        return Result<void>();
      });
    });
  }

  Result<std::vector<ports::StoredHolidayRule>> rules() override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredHolidayRule>> {
      std::vector<ports::StoredHolidayRule> out;
      Stmt s(c_.sql);
      long long id = 0, month = 0, day = 0, from = 0, to = 0;
      std::string basis, name;
      s.into(id);
      s.into(basis);
      s.into(month);
      s.into(day);
      s.into(name);
      s.into(from);
      s.into(to);
      if (s.run("SELECT id, basis, rule_month, rule_day, name, valid_from, valid_to "
                "FROM calendar_rule ORDER BY id")) {
        do {
          auto b = ports::parseRuleBasis(basis);
          if (!b) return storageError("loại quy tắc không hợp lệ trong cơ sở dữ liệu: '" + basis + "'");
          cal::HolidayRule r;
          r.basis = *b;
          r.month = static_cast<unsigned>(month);
          r.day = static_cast<unsigned>(day);
          r.name = name;
          r.valid_from = static_cast<int>(from);
          r.valid_to = static_cast<int>(to);
          out.push_back({static_cast<int64_t>(id), std::move(r)});
        } while (s.fetch());
      }
      return out;
    });
  }

  Result<ports::StoredHolidayRule> addRule(const cal::HolidayRule& rule) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredHolidayRule> {
      bump();
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      s.run("INSERT INTO calendar_rule (basis, rule_month, rule_day, name, valid_from, valid_to) "
            "VALUES (" +
            s.param(std::string(ports::ruleBasisId(rule.basis))) + ", " +
            s.param(static_cast<long long>(rule.month)) + ", " +
            s.param(static_cast<long long>(rule.day)) + ", " + s.param(rule.name) + ", " +
            s.param(static_cast<long long>(rule.valid_from)) + ", " +
            s.param(static_cast<long long>(rule.valid_to)) + ") RETURNING id");
      return ports::StoredHolidayRule{static_cast<int64_t>(id), rule};
    });
  }

  Result<void> removeRule(int64_t id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("DELETE FROM calendar_rule WHERE id = " + s.param(static_cast<long long>(id)));
      if (s.affected() == 0) {
        return makeError(ErrorCode::NotFound,
                         "Không tìm thấy quy tắc ngày lễ (id " + std::to_string(id) + ")");
      }
      bump();
      return Result<void>();
    });
  }

  Result<std::optional<cal::WeeklyRestDays>> restDays() override {
    return guarded(c_, false, [&]() -> Result<std::optional<cal::WeeklyRestDays>> {
      long long mask = 0;
      soci::indicator ind = soci::i_ok;
      Stmt s(c_.sql);
      s.into(mask, ind);
      if (!s.run("SELECT rest_days FROM calendar_setting WHERE id = 1")) {
        return storageError("thiếu dòng calendar_setting");
      }
      if (ind == soci::i_null) return std::optional<cal::WeeklyRestDays>();
      cal::WeeklyRestDays r;
      r.mask = static_cast<unsigned char>(mask);
      return std::optional<cal::WeeklyRestDays>(r);
    });
  }

  Result<void> setRestDays(cal::WeeklyRestDays rest) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("UPDATE calendar_setting SET rest_days = " + s.param(static_cast<long long>(rest.mask)) +
            ", revision = revision + 1 WHERE id = 1");
      return Result<void>();
    });
  }

  Result<int64_t> revision() override {
    return guarded(c_, false, [&]() -> Result<int64_t> {
      long long rev = 0;
      Stmt s(c_.sql);
      s.into(rev);
      if (!s.run("SELECT revision FROM calendar_setting WHERE id = 1")) {
        return storageError("thiếu dòng calendar_setting");
      }
      return static_cast<int64_t>(rev);
    });
  }

 private:
  // Adds 1 to the revision (and, on PostgreSQL, locks the row until the Tx ends).
  void bump() { c_.exec("UPDATE calendar_setting SET revision = revision + 1 WHERE id = 1"); }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::CalendarRepository> makeCalendarRepository(TxContext& c) {
  return std::make_unique<SqlCalendarRepository>(c);
}

}  // namespace baocao::storage::sql
