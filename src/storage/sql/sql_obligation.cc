// ObligationRepository over SQL (migration 5): one `obligation` row per idempotency key (the
// UNIQUE column `okey`); insert() is INSERT … ON CONFLICT (okey) DO NOTHING, so concurrent
// generators never duplicate a key. Same SQL on SQLite and PostgreSQL.
#include "core/ports/obligation_errors.h"
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;
namespace ob = core::obligation;
namespace wf = core::workflow;

using namespace core::ports::obligation_errors;  // NOLINT: the shared wording

constexpr const char* kRequestCols =
    "request_id, document_number, title, issuing_unit_id, issued_on, deadline, period_id, "
    "created_by, created_at";

struct RequestRow {
  long long issuer = 0, by = 0, at = 0;
  std::string id, number, title, issued, deadline, period;
  soci::indicator period_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(number);
    s.into(title);
    s.into(issuer);
    s.into(issued);
    s.into(deadline);
    s.into(period, period_ind);
    s.into(by);
    s.into(at);
  }
  Result<ports::StoredAdHocRequest> get() const {
    ports::StoredAdHocRequest r;
    r.request_id = id;
    r.document_number = number;
    r.title = title;
    r.issuing_unit_id = issuer;
    BAOCAO_ASSIGN(r.issued_on, core::Date::parseIso(issued));
    BAOCAO_ASSIGN(r.deadline, core::Date::parseIso(deadline));
    if (period_ind == soci::i_ok) {
      BAOCAO_ASSIGN(r.period, core::period::Period::parse(period));
    }
    r.created_by = by;
    r.created_at = core::Timestamp::fromMicros(at);
    return r;
  }
};

constexpr const char* kWindowCols =
    "id, reason, outage_from, outage_to, opened_at, open_until, opened_by, closed_at, closed_by";

struct WindowRow {
  long long id = 0, opened = 0, until = 0, by = 0, closed = 0, closed_by = 0;
  std::string reason, from, to;
  soci::indicator closed_ind = soci::i_ok, closed_by_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(reason);
    s.into(from);
    s.into(to);
    s.into(opened);
    s.into(until);
    s.into(by);
    s.into(closed, closed_ind);
    s.into(closed_by, closed_by_ind);
  }
  Result<ports::StoredBackfillWindow> get() const {
    ports::StoredBackfillWindow w;
    w.id = id;
    w.reason = reason;
    BAOCAO_ASSIGN(w.outage_from, core::Date::parseIso(from));
    BAOCAO_ASSIGN(w.outage_to, core::Date::parseIso(to));
    w.opened_at = core::Timestamp::fromMicros(opened);
    w.open_until = core::Timestamp::fromMicros(until);
    w.opened_by = by;
    if (closed_ind == soci::i_ok) w.closed_at = core::Timestamp::fromMicros(closed);
    if (closed_by_ind == soci::i_ok) w.closed_by = closed_by;
    return w;
  }
};

std::optional<ob::Kind> parseKind(const std::string& s) {
  for (auto k : {ob::Kind::Periodic, ob::Kind::AdHoc, ob::Kind::Cascade})
    if (ob::kindId(k) == s) return k;
  return std::nullopt;
}

constexpr const char* kCols =
    "id, okey, kind, regime_code, title, period_id, unit_id, receiving_unit_id, assigned_on, "
    "window_start, window_end, deadline, amendment_deadline, approval_deadline, parent_key, "
    "state, created_at, first_sent_at, version, backfill_window_id, backfill_true_sent_on, "
    "backfill_explanation, backfill_by, backfill_at";

struct Row {
  long long id = 0, unit = 0, receiver = 0, created = 0, sent = 0, version = 0;
  std::string key, kind, regime, title, period, assigned, wstart, wend, deadline, amend,
      approval, parent, state;
  soci::indicator period_ind = soci::i_ok, wstart_ind = soci::i_ok, wend_ind = soci::i_ok,
                  approval_ind = soci::i_ok, parent_ind = soci::i_ok, sent_ind = soci::i_ok;
  // backfill record (migration 9): all set or all NULL
  long long bf_window = 0, bf_by = 0, bf_at = 0;
  std::string bf_date, bf_text;
  soci::indicator bf_window_ind = soci::i_ok, bf_by_ind = soci::i_ok, bf_at_ind = soci::i_ok,
                  bf_date_ind = soci::i_ok, bf_text_ind = soci::i_ok;
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
    s.into(bf_window, bf_window_ind);
    s.into(bf_date, bf_date_ind);
    s.into(bf_text, bf_text_ind);
    s.into(bf_by, bf_by_ind);
    s.into(bf_at, bf_at_ind);
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
    if (bf_window_ind == soci::i_ok) {
      ports::BackfillRecord b;
      b.window_id = bf_window;
      BAOCAO_ASSIGN(b.true_sent_on, core::Date::parseIso(bf_date));
      if (bf_text_ind == soci::i_ok) b.explanation = bf_text;
      if (bf_by_ind == soci::i_ok) b.recorded_by = bf_by;
      if (bf_at_ind == soci::i_ok) b.recorded_at = core::Timestamp::fromMicros(bf_at);
      s.backfill = std::move(b);
    }
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
    return selectOne([&](Stmt& s) { return "okey = " + s.param(key); }, key);
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

  Result<bool> insertRequest(const ports::StoredAdHocRequest& r) override {
    return guarded(c_, true, [&]() -> Result<bool> {
      Stmt s(c_.sql);
      std::optional<std::string> period;
      if (r.period) period = r.period->id();
      s.run(std::string("INSERT INTO adhoc_request (") + kRequestCols + ") VALUES (" +
            s.param(r.request_id) + ", " + s.param(r.document_number) + ", " +
            s.param(r.title) + ", " + s.param(static_cast<long long>(r.issuing_unit_id)) + ", " +
            s.param(r.issued_on.iso()) + ", " + s.param(r.deadline.iso()) + ", " +
            s.param(period) + ", " + s.param(static_cast<long long>(r.created_by)) + ", " +
            s.param(static_cast<long long>(r.created_at.micros())) +
            ") ON CONFLICT (request_id) DO NOTHING");
      return s.affected() > 0;
    });
  }

  Result<ports::StoredAdHocRequest> getRequest(const std::string& id) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredAdHocRequest> {
      Stmt s(c_.sql);
      RequestRow r;
      r.bind(s);
      if (!s.run(std::string("SELECT ") + kRequestCols +
                 " FROM adhoc_request WHERE request_id = " + s.param(id)))
        return requestNotFound(id);
      return r.get();
    });
  }

  Result<std::vector<ports::StoredAdHocRequest>> findRequests(const ports::AdHocQuery& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredAdHocRequest>> {
      std::vector<ports::StoredAdHocRequest> out;
      if (q.issuing_unit_ids && q.issuing_unit_ids->empty()) return out;
      Stmt s(c_.sql);
      RequestRow r;
      r.bind(s);
      std::string where;
      if (q.issuing_unit_ids)
        where = " WHERE issuing_unit_id IN (" +
                idList(*q.issuing_unit_ids, 0, q.issuing_unit_ids->size()) + ")";
      if (!s.run(std::string("SELECT ") + kRequestCols + " FROM adhoc_request" + where +
                 " ORDER BY issued_on DESC, request_id LIMIT " +
                 std::to_string(clampLimit(q.limit)) + " OFFSET " +
                 std::to_string(std::max(q.offset, 0))))
        return out;
      do {
        BAOCAO_ASSIGN(auto v, r.get());
        out.push_back(std::move(v));
      } while (s.fetch());
      return out;
    });
  }

  Result<ports::StoredBackfillWindow> createWindow(const ports::StoredBackfillWindow& w) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredBackfillWindow> {
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      std::optional<long long> closed, closed_by;
      if (w.closed_at) closed = static_cast<long long>(w.closed_at->micros());
      if (w.closed_by) closed_by = static_cast<long long>(*w.closed_by);
      s.run(
          "INSERT INTO backfill_window (reason, outage_from, outage_to, opened_at, open_until, "
          "opened_by, closed_at, closed_by) VALUES (" +
          s.param(w.reason) + ", " + s.param(w.outage_from.iso()) + ", " +
          s.param(w.outage_to.iso()) + ", " + s.param(static_cast<long long>(w.opened_at.micros())) +
          ", " + s.param(static_cast<long long>(w.open_until.micros())) + ", " +
          s.param(static_cast<long long>(w.opened_by)) + ", " + s.param(closed) + ", " +
          s.param(closed_by) + ") RETURNING id");
      ports::StoredBackfillWindow out = w;
      out.id = id;
      return out;
    });
  }

  Result<ports::StoredBackfillWindow> getWindow(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredBackfillWindow> {
      Stmt s(c_.sql);
      WindowRow r;
      r.bind(s);
      if (!s.run(std::string("SELECT ") + kWindowCols + " FROM backfill_window WHERE id = " +
                 s.param(static_cast<long long>(id))))
        return windowNotFound(id);
      return r.get();
    });
  }

  Result<std::vector<ports::StoredBackfillWindow>> windows() override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredBackfillWindow>> {
      std::vector<ports::StoredBackfillWindow> out;
      Stmt s(c_.sql);
      WindowRow r;
      r.bind(s);
      if (!s.run(std::string("SELECT ") + kWindowCols + " FROM backfill_window ORDER BY id DESC"))
        return out;
      do {
        BAOCAO_ASSIGN(auto v, r.get());
        out.push_back(std::move(v));
      } while (s.fetch());
      return out;
    });
  }

  Result<ports::StoredBackfillWindow> closeWindow(int64_t id, core::Timestamp at,
                                                  int64_t by) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredBackfillWindow> {
      Stmt s(c_.sql);
      s.run("UPDATE backfill_window SET closed_at = " +
            s.param(static_cast<long long>(at.micros())) +
            ", closed_by = " + s.param(static_cast<long long>(by)) +
            " WHERE id = " + s.param(static_cast<long long>(id)) + " AND closed_at IS NULL");
      if (s.affected() == 0) {
        BAOCAO_TRY(getWindow(id));  // NotFound
        return windowClosed(id);
      }
      return getWindow(id);
    });
  }

  Result<ports::StoredObligation> setBackfill(const std::string& key,
                                              const ports::BackfillRecord& b) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredObligation> {
      Stmt s(c_.sql);
      s.run("UPDATE obligation SET backfill_window_id = " +
            s.param(static_cast<long long>(b.window_id)) +
            ", backfill_true_sent_on = " + s.param(b.true_sent_on.iso()) +
            ", backfill_explanation = " + s.param(b.explanation) +
            ", backfill_by = " + s.param(static_cast<long long>(b.recorded_by)) +
            ", backfill_at = " + s.param(static_cast<long long>(b.recorded_at.micros())) +
            " WHERE okey = " + s.param(key));
      if (s.affected() == 0) return obligationNotFound(key);
      return get(key);
    });
  }

  Result<ports::StoredObligation> getById(int64_t id) override {
    return selectOne([&](Stmt& s) { return "id = " + s.param(static_cast<long long>(id)); },
                     "#" + std::to_string(id));
  }

 private:
  /// The one row matching the condition `where(s)` builds; NotFound names `what`.
  template <typename Where>
  Result<ports::StoredObligation> selectOne(Where where, const std::string& what) {
    return guarded(c_, false, [&]() -> Result<ports::StoredObligation> {
      Stmt s(c_.sql);
      Row r;
      r.bind(s);
      if (!s.run(std::string("SELECT ") + kCols + " FROM obligation WHERE " + where(s)))
        return obligationNotFound(what);
      return r.get();
    });
  }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::ObligationRepository> makeObligationRepository(TxContext& c) {
  return std::make_unique<SqlObligationRepository>(c);
}

}  // namespace baocao::storage::sql
