// IndicatorRepository and TargetRepository over SQL (migration 3): indicator with its
// breakdowns in indicator_breakdown (one row per part), indicator_set with its published
// versions (indicator_set_version + indicator_set_member, insert-only), plan_target with its
// history plan_target_change, and indicator_actual. name_folded holds foldVietnamese("code
// name") for LIKE search, like org_unit. Same SQL on SQLite and PostgreSQL.
#include <map>

#include "core/common/text.h"
#include "core/ports/indicator_errors.h"
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using namespace core::ports::indicator_errors;  // the shared wording

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ind = core::indicator;
namespace tgt = core::target;
namespace ports = core::ports;


long long ll(int64_t v) { return static_cast<long long>(v); }
std::optional<long long> optLl(const std::optional<int64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<long long>(*v);
}
std::string folded(const ind::Indicator& i) { return core::text::foldVietnamese(i.code + " " + i.name); }

constexpr const char* kIndicatorCols =
    "id, code, name, unit_of_measure, value_type, decimals, sector, agency_id, legal_basis, "
    "periodicity, direction, unit_aggregation, weight_code, time_aggregation, formula, note, version";

struct IndicatorRow {
  long long id = 0, decimals = 0, agency_id = 0, version = 0;
  std::string code, name, unit, value_type, sector, legal, periodicity, direction, unit_agg,
      weight, time_agg, formula, note;
  soci::indicator agency_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(code);
    s.into(name);
    s.into(unit);
    s.into(value_type);
    s.into(decimals);
    s.into(sector);
    s.into(agency_id, agency_ind);
    s.into(legal);
    s.into(periodicity);
    s.into(direction);
    s.into(unit_agg);
    s.into(weight);
    s.into(time_agg);
    s.into(formula);
    s.into(note);
    s.into(version);
  }
  Result<ind::Indicator> get() const {
    ind::Indicator i;
    i.id = id;
    i.code = code;
    i.name = name;
    i.unit_of_measure = unit;
    auto vt = ind::parseValueType(value_type);
    auto dir = ind::parseDirection(direction);
    auto ua = ind::parseUnitAggregation(unit_agg);
    auto ta = ind::parseTimeAggregation(time_agg);
    if (!vt || !dir || !ua || !ta) return storageError("giá trị liệt kê không hợp lệ ở chỉ tiêu '" + code + "'");
    i.value_type = *vt;
    i.direction = *dir;
    i.unit_aggregation = *ua;
    i.time_aggregation = *ta;
    i.decimals = static_cast<int>(decimals);
    i.sector = sector;
    if (agency_ind == soci::i_ok) i.agency_id = agency_id;
    i.legal_basis = legal;
    i.periodicity = periodicity;
    i.weight_code = weight;
    i.formula = formula;
    i.note = note;
    i.version = version;
    return i;
  }
};

constexpr const char* kSetCols =
    "id, code, name, from_year, to_year, level, owner_unit_id, legal_basis, latest_version, version";

struct SetRow {
  long long id = 0, from = 0, to = 0, owner = 0, latest = 0, version = 0;
  std::string code, name, level, legal;
  soci::indicator owner_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(code);
    s.into(name);
    s.into(from);
    s.into(to);
    s.into(level);
    s.into(owner, owner_ind);
    s.into(legal);
    s.into(latest);
    s.into(version);
  }
  Result<ind::IndicatorSet> get() const {
    ind::IndicatorSet x;
    x.id = id;
    x.code = code;
    x.name = name;
    x.period = {static_cast<int>(from), static_cast<int>(to)};
    auto l = ind::parseSetLevel(level);
    if (!l) return storageError("cấp bộ chỉ tiêu không hợp lệ: '" + level + "'");
    x.level = *l;
    if (owner_ind == soci::i_ok) x.owner_unit_id = owner;
    x.legal_basis = legal;
    x.latest_version = static_cast<int>(latest);
    x.version = version;
    return x;
  }
};

class SqlIndicatorRepository final : public ports::IndicatorRepository {
 public:
  explicit SqlIndicatorRepository(TxContext& c) : c_(c) {}

  Result<ind::Indicator> create(ind::Indicator i) override {
    return guarded(c_, true, [&]() -> Result<ind::Indicator> {
      return atomically(c_, [&]() -> Result<ind::Indicator> {
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::string q =
            "INSERT INTO indicator (code, name, name_folded, unit_of_measure, value_type, decimals, "
            "sector, agency_id, legal_basis, periodicity, direction, unit_aggregation, weight_code, "
            "time_aggregation, formula, note, version) VALUES (" +
            fields(s, i) + ", 1) RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return indicatorCodeTaken(i.code);
          throw;
        }
        i.id = id;
        i.version = 1;
        writeBreakdowns(i);
        return i;
      });
    });
  }

  Result<ind::Indicator> update(const ind::Indicator& i) override {
    return guarded(c_, true, [&]() -> Result<ind::Indicator> {
      return atomically(c_, [&]() -> Result<ind::Indicator> {
        long long version = 0;
        {
          Stmt s(c_.sql);
          s.into(version);
          if (!s.run("SELECT version FROM indicator WHERE id = " + s.param(ll(i.id))))
            return indicatorNotFound(i.id);
        }
        if (version != i.version) return indicatorConflict();
        Stmt s(c_.sql);
        std::string q =
            "UPDATE indicator SET code = " + s.param(i.code) + ", name = " + s.param(i.name) +
            ", name_folded = " + s.param(folded(i)) + ", unit_of_measure = " + s.param(i.unit_of_measure) +
            ", value_type = " + s.param(std::string(ind::valueTypeId(i.value_type))) +
            ", decimals = " + s.param(static_cast<long long>(i.decimals)) +
            ", sector = " + s.param(i.sector) + ", agency_id = " + s.param(optLl(i.agency_id)) +
            ", legal_basis = " + s.param(i.legal_basis) + ", periodicity = " + s.param(i.periodicity) +
            ", direction = " + s.param(std::string(ind::directionId(i.direction))) +
            ", unit_aggregation = " + s.param(std::string(ind::unitAggregationId(i.unit_aggregation))) +
            ", weight_code = " + s.param(i.weight_code) +
            ", time_aggregation = " + s.param(std::string(ind::timeAggregationId(i.time_aggregation))) +
            ", formula = " + s.param(i.formula) + ", note = " + s.param(i.note) +
            ", version = version + 1 WHERE id = " + s.param(ll(i.id)) +
            " AND version = " + s.param(ll(i.version));
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return indicatorCodeTaken(i.code);
          throw;
        }
        if (s.affected() == 0) return indicatorConflict();
        {
          Stmt d(c_.sql);
          d.run("DELETE FROM indicator_breakdown WHERE indicator_id = " + d.param(ll(i.id)));
        }
        ind::Indicator u = i;
        u.version = i.version + 1;
        writeBreakdowns(u);
        return u;
      });
    });
  }

  Result<ind::Indicator> get(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<ind::Indicator> {
      BAOCAO_ASSIGN(auto v, select([&](Stmt& s) { return " WHERE id = " + s.param(ll(id)); }, ""));
      if (v.empty()) return indicatorNotFound(id);
      return std::move(v.front());
    });
  }

  Result<ind::Indicator> getByCode(const std::string& code) override {
    return guarded(c_, false, [&]() -> Result<ind::Indicator> {
      BAOCAO_ASSIGN(auto v, select([&](Stmt& s) { return " WHERE code = " + s.param(code); }, ""));
      if (v.empty()) return indicatorCodeNotFound(code);
      return std::move(v.front());
    });
  }

  Result<std::vector<ind::Indicator>> find(const ports::IndicatorQuery& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ind::Indicator>> {
      int limit = clampLimit(q.limit);
      if (limit == 0) return std::vector<ind::Indicator>{};
      return select([&](Stmt& s) { return where(s, q); },
                    " ORDER BY code LIMIT " + std::to_string(limit) + " OFFSET " +
                        std::to_string(q.offset < 0 ? 0 : q.offset));
    });
  }

  Result<int64_t> count(const ports::IndicatorQuery& q) override {
    return guarded(c_, false, [&]() -> Result<int64_t> {
      Stmt s(c_.sql);
      long long n = 0;
      s.into(n);
      s.run("SELECT COUNT(*) FROM indicator" + where(s, q));
      return static_cast<int64_t>(n);
    });
  }

  Result<ind::IndicatorSet> createSet(ind::IndicatorSet x) override {
    return guarded(c_, true, [&]() -> Result<ind::IndicatorSet> {
      return atomically(c_, [&]() -> Result<ind::IndicatorSet> {
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::string q =
            "INSERT INTO indicator_set (code, name, period_id, from_year, to_year, level, "
            "owner_unit_id, legal_basis, latest_version, version) VALUES (" +
            s.param(x.code) + ", " + s.param(x.name) + ", " + s.param(x.period.id()) + ", " +
            s.param(static_cast<long long>(x.period.from_year)) + ", " +
            s.param(static_cast<long long>(x.period.to_year)) + ", " +
            s.param(std::string(ind::setLevelId(x.level))) + ", " + s.param(optLl(x.owner_unit_id)) +
            ", " + s.param(x.legal_basis) + ", 0, 1) RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return setCodeTaken(x.code);
          throw;
        }
        x.id = id;
        x.latest_version = 0;
        x.version = 1;
        return x;
      });
    });
  }

  Result<ind::IndicatorSet> getSet(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<ind::IndicatorSet> {
      BAOCAO_ASSIGN(auto v, selectSets([&](Stmt& s) { return " WHERE id = " + s.param(ll(id)); }));
      if (v.empty()) return setNotFound(id);
      return std::move(v.front());
    });
  }

  Result<ind::IndicatorSet> getSetByCode(const std::string& code) override {
    return guarded(c_, false, [&]() -> Result<ind::IndicatorSet> {
      BAOCAO_ASSIGN(auto v, selectSets([&](Stmt& s) { return " WHERE code = " + s.param(code); }));
      if (v.empty()) return setCodeNotFound(code);
      return std::move(v.front());
    });
  }

  Result<std::vector<ind::IndicatorSet>> findSets(const std::optional<std::string>& period_id,
                                                  const std::optional<ind::SetLevel>& level) override {
    return guarded(c_, false, [&]() {
      return selectSets([&](Stmt& s) {
        std::string w;
        if (period_id) w += " WHERE period_id = " + s.param(*period_id);
        if (level)
          w += std::string(w.empty() ? " WHERE " : " AND ") + "level = " +
               s.param(std::string(ind::setLevelId(*level)));
        return w;
      });
    });
  }

  Result<ind::SetVersion> publishVersion(int64_t set_id, int expected_latest,
                                         ind::SetVersion v) override {
    return guarded(c_, true, [&]() -> Result<ind::SetVersion> {
      return atomically(c_, [&]() -> Result<ind::SetVersion> {
        // Moving latest_version from the expected value is the lock: a concurrent publisher
        // updates no row (or waits on PostgreSQL, then updates none) and gets Conflict.
        {
          Stmt s(c_.sql);
          s.run("UPDATE indicator_set SET latest_version = latest_version + 1 WHERE id = " +
                s.param(ll(set_id)) + " AND latest_version = " +
                s.param(static_cast<long long>(expected_latest)));
          if (s.affected() == 0) {
            Stmt g(c_.sql);
            long long latest = 0;
            g.into(latest);
            if (!g.run("SELECT latest_version FROM indicator_set WHERE id = " + g.param(ll(set_id))))
              return setNotFound(set_id);
            return versionConflict(static_cast<int>(latest), expected_latest);
          }
        }
        v.set_id = set_id;
        v.number = expected_latest + 1;
        {
          Stmt s(c_.sql);
          s.run("INSERT INTO indicator_set_version (set_id, version_no, note, published_at, "
                "published_by) VALUES (" +
                s.param(ll(set_id)) + ", " + s.param(static_cast<long long>(v.number)) + ", " +
                s.param(v.note) + ", " + s.param(static_cast<long long>(v.published_at.micros())) +
                ", " + s.param(optLl(v.published_by)) + ")");
        }
        long long sid = set_id, no = v.number, pos = 0, iid = 0, iver = 0;
        std::string code, name, unit, group;
        soci::statement ins =
            (c_.sql.prepare << "INSERT INTO indicator_set_member (set_id, version_no, pos, "
                               "indicator_id, indicator_version, code, name, unit_of_measure, "
                               "group_name) VALUES (:s, :n, :p, :i, :v, :c, :m, :u, :g)",
             soci::use(sid, "s"), soci::use(no, "n"), soci::use(pos, "p"), soci::use(iid, "i"),
             soci::use(iver, "v"), soci::use(code, "c"), soci::use(name, "m"), soci::use(unit, "u"),
             soci::use(group, "g"));
        for (const auto& m : v.members) {
          pos = m.position;
          iid = m.indicator_id;
          iver = m.indicator_version;
          code = m.code;
          name = m.name;
          unit = m.unit_of_measure;
          group = m.group;
          ins.execute(true);
        }
        return v;
      });
    });
  }

  Result<ind::SetVersion> getVersion(int64_t set_id, int number) override {
    return guarded(c_, false, [&]() -> Result<ind::SetVersion> {
      BAOCAO_ASSIGN(auto all, versions(set_id, number));
      if (all.empty()) {
        BAOCAO_ASSIGN(auto sets, selectSets([&](Stmt& s) { return " WHERE id = " + s.param(ll(set_id)); }));
        if (sets.empty()) return setNotFound(set_id);
        return versionNotFound(set_id, number);
      }
      ind::SetVersion v = std::move(all.front());
      Stmt s(c_.sql);
      ind::SetMember m;
      long long pos = 0, iid = 0, iver = 0;
      s.into(pos);
      s.into(iid);
      s.into(iver);
      s.into(m.code);
      s.into(m.name);
      s.into(m.unit_of_measure);
      s.into(m.group);
      if (s.run("SELECT pos, indicator_id, indicator_version, code, name, unit_of_measure, "
                "group_name FROM indicator_set_member WHERE set_id = " +
                s.param(ll(set_id)) + " AND version_no = " + s.param(static_cast<long long>(number)) +
                " ORDER BY pos")) {
        do {
          m.position = static_cast<int>(pos);
          m.indicator_id = iid;
          m.indicator_version = iver;
          v.members.push_back(m);
        } while (s.fetch());
      }
      return v;
    });
  }

  Result<std::vector<ind::SetVersion>> versionsOf(int64_t set_id) override {
    return guarded(c_, false, [&]() { return versions(set_id, std::nullopt); });
  }

 private:
  std::string fields(Stmt& s, const ind::Indicator& i) {
    return s.param(i.code) + ", " + s.param(i.name) + ", " + s.param(folded(i)) + ", " +
           s.param(i.unit_of_measure) + ", " + s.param(std::string(ind::valueTypeId(i.value_type))) +
           ", " + s.param(static_cast<long long>(i.decimals)) + ", " + s.param(i.sector) + ", " +
           s.param(optLl(i.agency_id)) + ", " + s.param(i.legal_basis) + ", " +
           s.param(i.periodicity) + ", " + s.param(std::string(ind::directionId(i.direction))) +
           ", " + s.param(std::string(ind::unitAggregationId(i.unit_aggregation))) + ", " +
           s.param(i.weight_code) + ", " +
           s.param(std::string(ind::timeAggregationId(i.time_aggregation))) + ", " +
           s.param(i.formula) + ", " + s.param(i.note);
  }

  void writeBreakdowns(const ind::Indicator& i) {
    if (i.breakdowns.empty()) return;
    long long id = i.id, dpos = 0, ppos = 0;
    std::string dcode, dname, pcode, pname;
    soci::statement ins =
        (c_.sql.prepare << "INSERT INTO indicator_breakdown (indicator_id, dim_pos, part_pos, "
                           "dim_code, dim_name, part_code, part_name) VALUES (:i, :d, :p, :dc, "
                           ":dn, :pc, :pn)",
         soci::use(id, "i"), soci::use(dpos, "d"), soci::use(ppos, "p"), soci::use(dcode, "dc"),
         soci::use(dname, "dn"), soci::use(pcode, "pc"), soci::use(pname, "pn"));
    for (size_t d = 0; d < i.breakdowns.size(); ++d) {
      for (size_t p = 0; p < i.breakdowns[d].parts.size(); ++p) {
        dpos = static_cast<long long>(d);
        ppos = static_cast<long long>(p);
        dcode = i.breakdowns[d].code;
        dname = i.breakdowns[d].name;
        pcode = i.breakdowns[d].parts[p].code;
        pname = i.breakdowns[d].parts[p].name;
        ins.execute(true);
      }
    }
  }

  std::string where(Stmt& s, const ports::IndicatorQuery& q) {
    std::vector<std::string> conds;
    for (const auto& w : searchWords(q.text))
      conds.push_back("name_folded LIKE " + s.param(likeContains(w)) + " ESCAPE '\\'");
    if (!q.sector.empty()) conds.push_back("sector = " + s.param(q.sector));
    if (q.agency_id) conds.push_back("agency_id = " + s.param(ll(*q.agency_id)));
    std::string out;
    for (size_t i = 0; i < conds.size(); ++i) out += (i == 0 ? " WHERE " : " AND ") + conds[i];
    return out;
  }

  template <typename W>
  Result<std::vector<ind::Indicator>> select(W&& where_fn, const std::string& tail) {
    std::vector<ind::Indicator> out;
    {
      Stmt s(c_.sql);
      IndicatorRow row;
      row.bind(s);
      std::string w = where_fn(s);
      if (s.run(std::string("SELECT ") + kIndicatorCols + " FROM indicator" + w + tail)) {
        do {
          BAOCAO_ASSIGN(auto i, row.get());
          out.push_back(std::move(i));
        } while (s.fetch());
      }
    }
    if (out.empty()) return out;
    // Breakdowns of the rows read, in chunks of ids.
    std::map<int64_t, size_t> at;
    std::vector<int64_t> ids;
    for (size_t k = 0; k < out.size(); ++k) {
      at[out[k].id] = k;
      ids.push_back(out[k].id);
    }
    constexpr size_t kChunk = 500;
    for (size_t from = 0; from < ids.size(); from += kChunk) {
      size_t to = std::min(ids.size(), from + kChunk);
      Stmt s(c_.sql);
      long long iid = 0, dpos = 0, ppos = 0;
      std::string dcode, dname, pcode, pname;
      s.into(iid);
      s.into(dpos);
      s.into(ppos);
      s.into(dcode);
      s.into(dname);
      s.into(pcode);
      s.into(pname);
      if (s.run("SELECT indicator_id, dim_pos, part_pos, dim_code, dim_name, part_code, part_name "
                "FROM indicator_breakdown WHERE indicator_id IN (" +
                idList(ids, from, to) + ") ORDER BY indicator_id, dim_pos, part_pos")) {
        do {
          auto& i = out[at.at(iid)];
          if (i.breakdowns.size() <= static_cast<size_t>(dpos)) i.breakdowns.resize(dpos + 1);
          auto& d = i.breakdowns[dpos];
          d.code = dcode;
          d.name = dname;
          d.parts.push_back({pcode, pname});
        } while (s.fetch());
      }
    }
    return out;
  }

  template <typename W>
  Result<std::vector<ind::IndicatorSet>> selectSets(W&& where_fn) {
    std::vector<ind::IndicatorSet> out;
    Stmt s(c_.sql);
    SetRow row;
    row.bind(s);
    std::string w = where_fn(s);
    if (s.run(std::string("SELECT ") + kSetCols + " FROM indicator_set" + w + " ORDER BY code")) {
      do {
        BAOCAO_ASSIGN(auto x, row.get());
        out.push_back(std::move(x));
      } while (s.fetch());
    }
    return out;
  }

  Result<std::vector<ind::SetVersion>> versions(int64_t set_id, std::optional<int> number) {
    std::vector<ind::SetVersion> out;
    Stmt s(c_.sql);
    long long no = 0, at = 0, by = 0;
    soci::indicator by_ind = soci::i_ok;
    std::string note;
    s.into(no);
    s.into(note);
    s.into(at);
    s.into(by, by_ind);
    std::string q = "SELECT version_no, note, published_at, published_by FROM indicator_set_version "
                    "WHERE set_id = " + s.param(ll(set_id));
    if (number) q += " AND version_no = " + s.param(static_cast<long long>(*number));
    if (s.run(q + " ORDER BY version_no")) {
      do {
        ind::SetVersion v;
        v.set_id = set_id;
        v.number = static_cast<int>(no);
        v.note = note;
        v.published_at = core::Timestamp::fromMicros(at);
        if (by_ind == soci::i_ok) v.published_by = by;
        out.push_back(std::move(v));
      } while (s.fetch());
    }
    return out;
  }

  TxContext& c_;
};

// ------------------------------------------------------------------------------------ targets

constexpr const char* kTargetCols =
    "id, from_year, to_year, unit_id, indicator_id, owner_unit_id, registered_value, "
    "assigned_value, status, updated_at, version";

struct TargetRow {
  long long id = 0, from = 0, to = 0, unit = 0, indicator = 0, owner = 0, at = 0, version = 0;
  double reg = 0, asg = 0;
  std::string status;
  soci::indicator reg_ind = soci::i_ok, asg_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(from);
    s.into(to);
    s.into(unit);
    s.into(indicator);
    s.into(owner);
    s.into(reg, reg_ind);
    s.into(asg, asg_ind);
    s.into(status);
    s.into(at);
    s.into(version);
  }
  Result<tgt::Target> get() const {
    tgt::Target t;
    t.id = id;
    t.period = {static_cast<int>(from), static_cast<int>(to)};
    t.unit_id = unit;
    t.indicator_id = indicator;
    t.owner_unit_id = owner;
    if (reg_ind == soci::i_ok) t.registered_value = reg;
    if (asg_ind == soci::i_ok) t.assigned_value = asg;
    auto st = tgt::parseStatus(status);
    if (!st) return storageError("trạng thái chỉ tiêu kế hoạch không hợp lệ: '" + status + "'");
    t.status = *st;
    t.updated_at = core::Timestamp::fromMicros(at);
    t.version = version;
    return t;
  }
};

class SqlTargetRepository final : public ports::TargetRepository {
 public:
  explicit SqlTargetRepository(TxContext& c) : c_(c) {}

  Result<tgt::Target> create(tgt::Target t) override {
    return guarded(c_, true, [&]() -> Result<tgt::Target> {
      return atomically(c_, [&]() -> Result<tgt::Target> {
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::string q =
            "INSERT INTO plan_target (period_id, from_year, to_year, unit_id, indicator_id, "
            "owner_unit_id, registered_value, assigned_value, status, updated_at, version) VALUES (" +
            s.param(t.period.id()) + ", " + s.param(static_cast<long long>(t.period.from_year)) +
            ", " + s.param(static_cast<long long>(t.period.to_year)) + ", " + s.param(ll(t.unit_id)) +
            ", " + s.param(ll(t.indicator_id)) + ", " + s.param(ll(t.owner_unit_id)) + ", " +
            s.param(t.registered_value) + ", " + s.param(t.assigned_value) + ", " +
            s.param(std::string(tgt::statusId(t.status))) + ", " +
            s.param(static_cast<long long>(t.updated_at.micros())) + ", 1) RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return targetTaken(t.period.id(), t.unit_id, t.indicator_id);
          throw;
        }
        t.id = id;
        t.version = 1;
        return t;
      });
    });
  }

  Result<tgt::Target> update(const tgt::Target& t) override {
    return guarded(c_, true, [&]() -> Result<tgt::Target> {
      Stmt s(c_.sql);
      s.run("UPDATE plan_target SET registered_value = " + s.param(t.registered_value) +
            ", assigned_value = " + s.param(t.assigned_value) +
            ", status = " + s.param(std::string(tgt::statusId(t.status))) +
            ", updated_at = " + s.param(static_cast<long long>(t.updated_at.micros())) +
            ", version = version + 1 WHERE id = " + s.param(ll(t.id)) +
            " AND version = " + s.param(ll(t.version)));
      if (s.affected() == 0) {
        BAOCAO_ASSIGN(auto v, select([&](Stmt& g) { return " WHERE id = " + g.param(ll(t.id)); }, ""));
        if (v.empty()) return targetNotFound(t.id);
        return targetConflict();
      }
      BAOCAO_ASSIGN(auto v, select([&](Stmt& g) { return " WHERE id = " + g.param(ll(t.id)); }, ""));
      return std::move(v.front());
    });
  }

  Result<tgt::Target> get(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<tgt::Target> {
      BAOCAO_ASSIGN(auto v, select([&](Stmt& s) { return " WHERE id = " + s.param(ll(id)); }, ""));
      if (v.empty()) return targetNotFound(id);
      return std::move(v.front());
    });
  }

  Result<tgt::Target> getFor(const std::string& period_id, int64_t unit_id,
                             int64_t indicator_id) override {
    return guarded(c_, false, [&]() -> Result<tgt::Target> {
      BAOCAO_ASSIGN(auto v, select(
                                [&](Stmt& s) {
                                  std::string a = s.param(period_id);
                                  std::string b = s.param(ll(unit_id));
                                  std::string c = s.param(ll(indicator_id));
                                  return " WHERE period_id = " + a + " AND unit_id = " + b +
                                         " AND indicator_id = " + c;
                                },
                                ""));
      if (v.empty()) return targetForNotFound(period_id, unit_id, indicator_id);
      return std::move(v.front());
    });
  }

  Result<std::vector<tgt::Target>> find(const ports::TargetQuery& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<tgt::Target>> {
      int limit = clampLimit(q.limit);
      if (limit == 0) return std::vector<tgt::Target>{};
      return select(
          [&](Stmt& s) {
            std::vector<std::string> conds;
            if (q.period_id) conds.push_back("period_id = " + s.param(*q.period_id));
            if (q.unit_id) conds.push_back("unit_id = " + s.param(ll(*q.unit_id)));
            if (q.indicator_id) conds.push_back("indicator_id = " + s.param(ll(*q.indicator_id)));
            if (q.owner_unit_id) conds.push_back("owner_unit_id = " + s.param(ll(*q.owner_unit_id)));
            if (q.status) conds.push_back("status = " + s.param(std::string(tgt::statusId(*q.status))));
            std::string out;
            for (size_t i = 0; i < conds.size(); ++i) out += (i == 0 ? " WHERE " : " AND ") + conds[i];
            return out;
          },
          " ORDER BY period_id, unit_id, indicator_id LIMIT " + std::to_string(limit) + " OFFSET " +
              std::to_string(q.offset < 0 ? 0 : q.offset));
    });
  }

  Result<tgt::TargetChange> addChange(tgt::TargetChange c) override {
    return guarded(c_, true, [&]() -> Result<tgt::TargetChange> {
      {
        BAOCAO_ASSIGN(auto v, select([&](Stmt& s) { return " WHERE id = " + s.param(ll(c.target_id)); }, ""));
        if (v.empty()) return targetNotFound(c.target_id);
      }
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      s.run("INSERT INTO plan_target_change (target_id, kind, old_value, new_value, comment, at, "
            "actor_id, actor_name) VALUES (" +
            s.param(ll(c.target_id)) + ", " + s.param(std::string(tgt::changeKindId(c.kind))) + ", " +
            s.param(c.old_value) + ", " + s.param(c.new_value) + ", " + s.param(c.comment) + ", " +
            s.param(static_cast<long long>(c.at.micros())) + ", " + s.param(optLl(c.actor_id)) +
            ", " + s.param(c.actor_name) + ") RETURNING id");
      c.id = id;
      return c;
    });
  }

  Result<std::vector<tgt::TargetChange>> history(int64_t target_id) override {
    return guarded(c_, false, [&]() -> Result<std::vector<tgt::TargetChange>> {
      std::vector<tgt::TargetChange> out;
      Stmt s(c_.sql);
      long long id = 0, at = 0, actor = 0;
      double old_v = 0, new_v = 0;
      soci::indicator old_ind = soci::i_ok, actor_ind = soci::i_ok;
      std::string kind, comment, actor_name;
      s.into(id);
      s.into(kind);
      s.into(old_v, old_ind);
      s.into(new_v);
      s.into(comment);
      s.into(at);
      s.into(actor, actor_ind);
      s.into(actor_name);
      if (s.run("SELECT id, kind, old_value, new_value, comment, at, actor_id, actor_name FROM "
                "plan_target_change WHERE target_id = " +
                s.param(ll(target_id)) + " ORDER BY id")) {
        do {
          tgt::TargetChange c;
          c.id = id;
          c.target_id = target_id;
          auto k = tgt::parseChangeKind(kind);
          if (!k) return storageError("loại thay đổi không hợp lệ: '" + kind + "'");
          c.kind = *k;
          if (old_ind == soci::i_ok) c.old_value = old_v;
          c.new_value = new_v;
          c.comment = comment;
          c.at = core::Timestamp::fromMicros(at);
          if (actor_ind == soci::i_ok) c.actor_id = actor;
          c.actor_name = actor_name;
          out.push_back(std::move(c));
        } while (s.fetch());
      }
      return out;
    });
  }

  Result<tgt::Actual> putActual(tgt::Actual a) override {
    return guarded(c_, true, [&]() -> Result<tgt::Actual> {
      return atomically(c_, [&]() -> Result<tgt::Actual> {
        BAOCAO_ASSIGN(auto have, selectActuals(ports::ActualQuery{a.unit_id, a.indicator_id, a.year}));
        Stmt s(c_.sql);
        if (have.empty()) {
          long long id = 0;
          s.into(id);
          s.run("INSERT INTO indicator_actual (year, unit_id, indicator_id, actual_value, estimate, "
                "source, recorded_at, version) VALUES (" +
                s.param(static_cast<long long>(a.year)) + ", " + s.param(ll(a.unit_id)) + ", " +
                s.param(ll(a.indicator_id)) + ", " + s.param(a.value) + ", " +
                s.param(static_cast<long long>(a.estimate ? 1 : 0)) + ", " + s.param(a.source) +
                ", " + s.param(static_cast<long long>(a.recorded_at.micros())) + ", 1) RETURNING id");
          a.id = id;
          a.version = 1;
        } else {
          a.id = have.front().id;
          a.version = have.front().version + 1;
          s.run("UPDATE indicator_actual SET actual_value = " + s.param(a.value) +
                ", estimate = " + s.param(static_cast<long long>(a.estimate ? 1 : 0)) +
                ", source = " + s.param(a.source) +
                ", recorded_at = " + s.param(static_cast<long long>(a.recorded_at.micros())) +
                ", version = " + s.param(ll(a.version)) + " WHERE id = " + s.param(ll(a.id)));
        }
        return a;
      });
    });
  }

  Result<tgt::Actual> getActual(int64_t unit_id, int64_t indicator_id, int year) override {
    return guarded(c_, false, [&]() -> Result<tgt::Actual> {
      BAOCAO_ASSIGN(auto v, selectActuals(ports::ActualQuery{unit_id, indicator_id, year}));
      if (v.empty()) return actualNotFound(unit_id, indicator_id, year);
      return std::move(v.front());
    });
  }

  Result<std::vector<tgt::Actual>> actuals(const ports::ActualQuery& q) override {
    return guarded(c_, false, [&]() { return selectActuals(q); });
  }

 private:
  template <typename W>
  Result<std::vector<tgt::Target>> select(W&& where_fn, const std::string& tail) {
    std::vector<tgt::Target> out;
    Stmt s(c_.sql);
    TargetRow row;
    row.bind(s);
    std::string w = where_fn(s);
    if (s.run(std::string("SELECT ") + kTargetCols + " FROM plan_target" + w + tail)) {
      do {
        BAOCAO_ASSIGN(auto t, row.get());
        out.push_back(std::move(t));
      } while (s.fetch());
    }
    return out;
  }

  Result<std::vector<tgt::Actual>> selectActuals(const ports::ActualQuery& q) {
    std::vector<tgt::Actual> out;
    Stmt s(c_.sql);
    long long id = 0, year = 0, unit = 0, indicator = 0, estimate = 0, at = 0, version = 0;
    double value = 0;
    std::string source;
    s.into(id);
    s.into(year);
    s.into(unit);
    s.into(indicator);
    s.into(value);
    s.into(estimate);
    s.into(source);
    s.into(at);
    s.into(version);
    std::vector<std::string> conds;
    if (q.year) conds.push_back("year = " + s.param(static_cast<long long>(*q.year)));
    if (q.unit_id) conds.push_back("unit_id = " + s.param(ll(*q.unit_id)));
    if (q.indicator_id) conds.push_back("indicator_id = " + s.param(ll(*q.indicator_id)));
    std::string w;
    for (size_t i = 0; i < conds.size(); ++i) w += (i == 0 ? " WHERE " : " AND ") + conds[i];
    if (s.run("SELECT id, year, unit_id, indicator_id, actual_value, estimate, source, recorded_at, "
              "version FROM indicator_actual" +
              w + " ORDER BY year, unit_id, indicator_id")) {
      do {
        tgt::Actual a;
        a.id = id;
        a.year = static_cast<int>(year);
        a.unit_id = unit;
        a.indicator_id = indicator;
        a.value = value;
        a.estimate = estimate != 0;
        a.source = source;
        a.recorded_at = core::Timestamp::fromMicros(at);
        a.version = version;
        out.push_back(std::move(a));
      } while (s.fetch());
    }
    return out;
  }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::IndicatorRepository> makeIndicatorRepository(TxContext& c) {
  return std::make_unique<SqlIndicatorRepository>(c);
}
std::unique_ptr<ports::TargetRepository> makeTargetRepository(TxContext& c) {
  return std::make_unique<SqlTargetRepository>(c);
}

}  // namespace baocao::storage::sql
