// ObligationRepository over SQL (migration 5): one `obligation` row per idempotency key (the
// UNIQUE column `okey`); insert() is INSERT … ON CONFLICT (okey) DO NOTHING, so concurrent
// generators never duplicate a key. Same SQL on SQLite and PostgreSQL.
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;
namespace ob = core::obligation;
namespace wf = core::workflow;

// Messages shared word for word with storage/memory/memory_obligation.cc.
core::Error obligationNotFound(const std::string& key) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy nghĩa vụ báo cáo '" + key + "'");
}
core::Error obligationConflict() {
  return makeError(ErrorCode::Conflict,
                   "Báo cáo đã được người khác thay đổi trạng thái; hãy tải lại và thử lại");
}

std::optional<ob::Kind> parseKind(const std::string& s) {
  for (auto k : {ob::Kind::Periodic, ob::Kind::AdHoc, ob::Kind::Cascade})
    if (ob::kindId(k) == s) return k;
  return std::nullopt;
}

constexpr const char* kCols =
    "id, okey, kind, regime_code, title, period_id, unit_id, receiving_unit_id, assigned_on, "
    "window_start, window_end, deadline, amendment_deadline, approval_deadline, parent_key, "
    "state, created_at, first_sent_at, version";

struct Row {
  long long id = 0, unit = 0, receiver = 0, created = 0, sent = 0, version = 0;
  std::string key, kind, regime, title, period, assigned, wstart, wend, deadline, amend,
      approval, parent, state;
  soci::indicator period_ind = soci::i_ok, wstart_ind = soci::i_ok, wend_ind = soci::i_ok,
                  approval_ind = soci::i_ok, parent_ind = soci::i_ok, sent_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(key);
    s.into(kind);
    s.into(regime);
    s.into(title);
    s.into(period, period_ind);
    s.into(unit);
    s.into(receiver);
    s.into(assigned);
    s.into(wstart, wstart_ind);
    s.into(wend, wend_ind);
    s.into(deadline);
    s.into(amend);
    s.into(approval, approval_ind);
    s.into(parent, parent_ind);
    s.into(state);
    s.into(created);
    s.into(sent, sent_ind);
    s.into(version);
  }
  Result<ports::StoredObligation> get() const {
    ports::StoredObligation s;
    s.id = id;
    auto& o = s.obligation;
    o.key = key;
    auto k = parseKind(kind);
    auto st = wf::parseState(state);
    if (!k || !st) return storageError("giá trị liệt kê không hợp lệ ở nghĩa vụ '" + key + "'");
    o.kind = *k;
    s.state = *st;
    o.regime_code = regime;
    o.title = title;
    if (period_ind == soci::i_ok) {
      BAOCAO_ASSIGN(o.period, core::period::Period::parse(period));
    }
    o.unit_id = unit;
    o.receiving_unit_id = receiver;
    BAOCAO_ASSIGN(o.assigned_on, core::Date::parseIso(assigned));
    BAOCAO_ASSIGN(auto ws, parseDate(wstart, wstart_ind));
    BAOCAO_ASSIGN(auto we, parseDate(wend, wend_ind));
    if (ws && we) o.data_window = core::period::Window{*ws, *we};
    BAOCAO_ASSIGN(o.deadline, core::Date::parseIso(deadline));
    BAOCAO_ASSIGN(o.amendment_deadline, core::Date::parseIso(amend));
    BAOCAO_ASSIGN(o.approval_deadline, parseDate(approval, approval_ind));
    if (parent_ind == soci::i_ok) o.parent_key = parent;
    s.created_at = core::Timestamp::fromMicros(created);
    if (sent_ind == soci::i_ok) s.first_sent_at = core::Timestamp::fromMicros(sent);
    s.version = version;
    return s;
  }
};

class SqlObligationRepository final : public ports::ObligationRepository {
 public:
  explicit SqlObligationRepository(TxContext& c) : c_(c) {}

  Result<bool> insert(const ob::Obligation& o, core::Timestamp now) override {
    return guarded(c_, true, [&]() -> Result<bool> {
      Stmt s(c_.sql);
      std::optional<std::string> period, wstart, wend, parent;
      if (o.period) period = o.period->id();
      if (o.data_window) {
        wstart = o.data_window->start.iso();
        wend = o.data_window->end.iso();
      }
      parent = o.parent_key;
      std::string q =
          "INSERT INTO obligation (okey, kind, regime_code, title, period_id, unit_id, "
          "receiving_unit_id, assigned_on, window_start, window_end, deadline, "
          "amendment_deadline, approval_deadline, parent_key, state, created_at, first_sent_at, "
          "version) VALUES (" +
          s.param(o.key) + ", " + s.param(std::string(ob::kindId(o.kind))) + ", " +
          s.param(o.regime_code) + ", " + s.param(o.title) + ", " + s.param(period) + ", " +
          s.param(static_cast<long long>(o.unit_id)) + ", " +
          s.param(static_cast<long long>(o.receiving_unit_id)) + ", " +
          s.param(o.assigned_on.iso()) + ", " + s.param(wstart) + ", " + s.param(wend) + ", " +
          s.param(o.deadline.iso()) + ", " + s.param(o.amendment_deadline.iso()) + ", " +
          s.param(dateText(o.approval_deadline)) + ", " + s.param(parent) + ", " +
          s.param(std::string(wf::stateId(wf::State::Draft))) + ", " +
          s.param(static_cast<long long>(now.micros())) +
          ", NULL, 1) ON CONFLICT (okey) DO NOTHING";
      s.run(q);
      return s.affected() > 0;
    });
  }

  Result<ports::StoredObligation> get(const std::string& key) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredObligation> {
      Stmt s(c_.sql);
      Row r;
      r.bind(s);
      if (!s.run(std::string("SELECT ") + kCols + " FROM obligation WHERE okey = " + s.param(key)))
        return obligationNotFound(key);
      return r.get();
    });
  }

  Result<std::vector<ports::StoredObligation>> find(const ports::ObligationQuery& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredObligation>> {
      std::vector<ports::StoredObligation> out;
      if ((q.unit_ids && q.unit_ids->empty()) ||
          (q.receiving_unit_ids && q.receiving_unit_ids->empty()))
        return out;
      Stmt s(c_.sql);
      Row r;
      r.bind(s);
      std::string where = " WHERE 1 = 1";
      if (q.unit_ids)
        where += " AND unit_id IN (" + idList(*q.unit_ids, 0, q.unit_ids->size()) + ")";
      if (q.receiving_unit_ids)
        where += " AND receiving_unit_id IN (" +
                 idList(*q.receiving_unit_ids, 0, q.receiving_unit_ids->size()) + ")";
      if (q.state) where += " AND state = " + s.param(std::string(wf::stateId(*q.state)));
      if (!q.regime_code.empty()) where += " AND regime_code = " + s.param(q.regime_code);
      if (!q.period_id.empty()) where += " AND period_id = " + s.param(q.period_id);
      std::string sql_text = std::string("SELECT ") + kCols + " FROM obligation" + where +
                             " ORDER BY deadline, okey LIMIT " +
                             std::to_string(clampLimit(q.limit)) + " OFFSET " +
                             std::to_string(std::max(q.offset, 0));
      if (!s.run(sql_text)) return out;
      do {
        BAOCAO_ASSIGN(auto v, r.get());
        out.push_back(std::move(v));
      } while (s.fetch());
      return out;
    });
  }

  Result<std::set<std::string>> keysOf(const std::string& regime_code) override {
    return guarded(c_, false, [&]() -> Result<std::set<std::string>> {
      std::set<std::string> out;
      Stmt s(c_.sql);
      std::string key;
      s.into(key);
      if (!s.run("SELECT okey FROM obligation WHERE regime_code = " + s.param(regime_code)))
        return out;
      do out.insert(key);
      while (s.fetch());
      return out;
    });
  }

  Result<ports::StoredObligation> setState(const std::string& key, wf::State state,
                                           int64_t expected_version,
                                           std::optional<core::Timestamp> sent_at) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredObligation> {
      std::optional<long long> sent;
      if (sent_at) sent = static_cast<long long>(sent_at->micros());
      Stmt s(c_.sql);
      std::string q = "UPDATE obligation SET state = " +
                      s.param(std::string(wf::stateId(state))) +
                      ", first_sent_at = COALESCE(first_sent_at, " + s.param(sent) +
                      "), version = version + 1 WHERE okey = " + s.param(key) +
                      " AND version = " + s.param(static_cast<long long>(expected_version));
      s.run(q);
      if (s.affected() == 0) {
        Stmt e(c_.sql);
        long long one = 0;
        e.into(one);
        if (!e.run("SELECT 1 FROM obligation WHERE okey = " + e.param(key)))
          return obligationNotFound(key);
        return obligationConflict();
      }
      return get(key);
    });
  }

 private:
  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::ObligationRepository> makeObligationRepository(TxContext& c) {
  return std::make_unique<SqlObligationRepository>(c);
}

}  // namespace baocao::storage::sql
