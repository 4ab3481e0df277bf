// AuditRepository over SQL. audit_head is a single row (seq, hash): lockHead() reads it with
// FOR UPDATE on PostgreSQL (SQLite's write transaction is already exclusive), append() moves it
// forward only from seq-1, so two writers can never both append the same seq.
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Timestamp;
namespace audit = core::audit;
namespace ports = core::ports;

constexpr const char* kCols =
    "seq, at, actor_id, actor_name, action, entity_type, entity_id, unit_id, before_json, "
    "after_json, ip, prev_hash, hash";

struct AuditRow {
  long long seq = 0, at = 0, actor_id = 0, unit_id = 0;
  std::string actor_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash;
  soci::indicator actor_ind = soci::i_ok, unit_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(seq);
    s.into(at);
    s.into(actor_id, actor_ind);
    s.into(actor_name);
    s.into(action);
    s.into(entity_type);
    s.into(entity_id);
    s.into(unit_id, unit_ind);
    s.into(before);
    s.into(after);
    s.into(ip);
    s.into(prev_hash);
    s.into(hash);
  }
  audit::AuditEntry entry() const {
    audit::AuditEntry e;
    e.seq = seq;
    e.at = Timestamp::fromMicros(at);
    if (actor_ind == soci::i_ok) e.actor_id = actor_id;
    e.actor_name = actor_name;
    e.action = action;
    e.entity_type = entity_type;
    e.entity_id = entity_id;
    if (unit_ind == soci::i_ok) e.unit_id = unit_id;
    e.before_json = before;
    e.after_json = after;
    e.ip = ip;
    e.prev_hash = prev_hash;
    e.hash = hash;
    return e;
  }
};

std::optional<long long> opt(const std::optional<int64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<long long>(*v);
}

class SqlAuditRepository final : public ports::AuditRepository {
 public:
  explicit SqlAuditRepository(TxContext& c) : c_(c) {}

  Result<std::pair<int64_t, std::string>> lockHead() override {
    return guarded(c_, true, [&]() -> Result<std::pair<int64_t, std::string>> {
      Stmt s(c_.sql);
      long long seq = 0;
      std::string hash;
      s.into(seq);
      s.into(hash);
      std::string q = "SELECT seq, hash FROM audit_head WHERE id = 1";
      if (c_.dialect == Dialect::Postgres) q += " FOR UPDATE";
      if (!s.run(q)) return storageError("thiếu dòng audit_head");
      return std::make_pair(static_cast<int64_t>(seq), hash);
    });
  }

  Result<void> append(const audit::AuditEntry& e) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        {
          Stmt s(c_.sql);
          std::string seq = s.param(static_cast<long long>(e.seq));
          std::string hash = s.param(e.hash);
          std::string prev = s.param(static_cast<long long>(e.seq - 1));
          s.run("UPDATE audit_head SET seq = " + seq + ", hash = " + hash +
                " WHERE id = 1 AND seq = " + prev);
          if (s.affected() == 0) {
            long long head = 0;
            c_.sql << "SELECT seq FROM audit_head WHERE id = 1", soci::into(head);
            return makeError(ErrorCode::Conflict, "Nhật ký kiểm toán: số thứ tự " +
                                                      std::to_string(e.seq) +
                                                      " không nối tiếp " + std::to_string(head));
          }
        }
        Stmt s(c_.sql);
        std::string q = std::string("INSERT INTO audit_log (") + kCols + ") VALUES (" +
                        s.param(static_cast<long long>(e.seq)) + ", " +
                        s.param(static_cast<long long>(e.at.micros())) + ", " +
                        s.param(opt(e.actor_id)) + ", " + s.param(e.actor_name) + ", " +
                        s.param(e.action) + ", " + s.param(e.entity_type) + ", " +
                        s.param(e.entity_id) + ", " + s.param(opt(e.unit_id)) + ", " +
                        s.param(e.before_json) + ", " + s.param(e.after_json) + ", " +
                        s.param(e.ip) + ", " + s.param(e.prev_hash) + ", " + s.param(e.hash) + ")";
        s.run(q);
        return {};
      });
    });
  }

  Result<std::vector<audit::AuditEntry>> find(const Query& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<audit::AuditEntry>> {
      std::vector<audit::AuditEntry> out;
      int limit = clampLimit(q.limit);
      if (limit == 0 || (q.unit_ids && q.unit_ids->empty())) return out;
      Stmt s(c_.sql);
      AuditRow row;
      row.bind(s);
      std::vector<std::string> conds;
      if (q.actor_id) conds.push_back("actor_id = " + s.param(static_cast<long long>(*q.actor_id)));
      if (!q.action_prefix.empty()) {
        conds.push_back("action LIKE " + s.param(likePrefix(q.action_prefix)) + " ESCAPE '\\'");
      }
      if (!q.entity_type.empty()) conds.push_back("entity_type = " + s.param(q.entity_type));
      if (!q.entity_id.empty()) conds.push_back("entity_id = " + s.param(q.entity_id));
      if (q.from) conds.push_back("at >= " + s.param(static_cast<long long>(q.from->micros())));
      if (q.to) conds.push_back("at < " + s.param(static_cast<long long>(q.to->micros())));
      if (q.unit_ids) {
        conds.push_back("unit_id IN (" + idList(*q.unit_ids, 0, q.unit_ids->size()) + ")");
      }
      if (q.before_seq) {
        conds.push_back("seq < " + s.param(static_cast<long long>(*q.before_seq)));
      }
      std::string sql = std::string("SELECT ") + kCols + " FROM audit_log";
      for (size_t i = 0; i < conds.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + conds[i];
      sql += " ORDER BY seq DESC LIMIT " + std::to_string(limit);
      if (s.run(sql)) {
        do out.push_back(row.entry());
        while (s.fetch());
      }
      return out;
    });
  }

  Result<std::vector<audit::AuditEntry>> scan(int64_t after_seq, int limit) override {
    return guarded(c_, false, [&]() -> Result<std::vector<audit::AuditEntry>> {
      std::vector<audit::AuditEntry> out;
      int cap = clampLimit(limit);
      if (cap == 0) return out;
      Stmt s(c_.sql);
      AuditRow row;
      row.bind(s);
      if (s.run(std::string("SELECT ") + kCols + " FROM audit_log WHERE seq > " +
                s.param(static_cast<long long>(after_seq)) + " ORDER BY seq LIMIT " +
                std::to_string(cap))) {
        do out.push_back(row.entry());
        while (s.fetch());
      }
      return out;
    });
  }

 private:
  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::AuditRepository> makeAuditRepository(TxContext& c) {
  return std::make_unique<SqlAuditRepository>(c);
}

}  // namespace baocao::storage::sql
