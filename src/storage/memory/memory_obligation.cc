#include "storage/memory/memory_obligation.h"

#include <algorithm>

namespace baocao::storage::memory {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;

constexpr int kMaxLimit = 5000;

// Messages shared word for word with storage/sql/sql_obligation.cc.
core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}
core::Error obligationNotFound(const std::string& key) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy nghĩa vụ báo cáo '" + key + "'");
}
core::Error obligationConflict() {
  return makeError(ErrorCode::Conflict,
                   "Báo cáo đã được người khác thay đổi trạng thái; hãy tải lại và thử lại");
}

bool contains(const std::optional<std::vector<int64_t>>& ids, int64_t id) {
  return !ids || std::find(ids->begin(), ids->end(), id) != ids->end();
}

class MemObligations final : public ports::ObligationRepository {
 public:
  explicit MemObligations(ObligationTablesAccess a) : a_(std::move(a)) {}

  Result<bool> insert(const core::obligation::Obligation& o, core::Timestamp now) override {
    BAOCAO_ASSIGN(ObligationTables * t, writable());
    if (t->by_key.count(o.key)) return false;
    ports::StoredObligation s;
    s.id = t->next_id++;
    s.obligation = o;
    s.created_at = now;
    t->by_key[o.key] = s;
    return true;
  }
  Result<ports::StoredObligation> get(const std::string& key) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.by_key.find(key);
    if (it == t.by_key.end()) return obligationNotFound(key);
    return it->second;
  }
  Result<std::vector<ports::StoredObligation>> find(const ports::ObligationQuery& q) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    std::vector<const ports::StoredObligation*> hits;
    for (const auto& [key, s] : t.by_key) {
      const auto& o = s.obligation;
      if (!contains(q.unit_ids, o.unit_id)) continue;
      if (!contains(q.receiving_unit_ids, o.receiving_unit_id)) continue;
      if (q.state && s.state != *q.state) continue;
      if (!q.regime_code.empty() && o.regime_code != q.regime_code) continue;
      if (!q.period_id.empty() && (!o.period || o.period->id() != q.period_id)) continue;
      hits.push_back(&s);
    }
    std::stable_sort(hits.begin(), hits.end(), [](const auto* a, const auto* b) {
      if (a->obligation.deadline != b->obligation.deadline)
        return a->obligation.deadline < b->obligation.deadline;
      return a->obligation.key < b->obligation.key;
    });
    std::vector<ports::StoredObligation> out;
    size_t skip = static_cast<size_t>(std::max(q.offset, 0));
    size_t limit = static_cast<size_t>(std::clamp(q.limit, 0, kMaxLimit));
    for (size_t i = skip; i < hits.size() && out.size() < limit; ++i) out.push_back(*hits[i]);
    return out;
  }
  Result<std::set<std::string>> keysOf(const std::string& regime_code) override {
    BAOCAO_TRY(a_.live());
    std::set<std::string> out;
    for (const auto& [key, s] : a_.read().by_key)
      if (s.obligation.regime_code == regime_code) out.insert(key);
    return out;
  }
  Result<ports::StoredObligation> setState(const std::string& key, core::workflow::State state,
                                           int64_t expected_version,
                                           std::optional<core::Timestamp> sent_at) override {
    BAOCAO_ASSIGN(ObligationTables * t, writable());
    auto it = t->by_key.find(key);
    if (it == t->by_key.end()) return obligationNotFound(key);
    if (it->second.version != expected_version) return obligationConflict();
    it->second.state = state;
    it->second.version += 1;
    if (sent_at && !it->second.first_sent_at) it->second.first_sent_at = sent_at;
    return it->second;
  }

 private:
  Result<ObligationTables*> writable() {
    BAOCAO_TRY(a_.live());
    ObligationTables* t = a_.write();
    if (!t) return readOnly();
    return t;
  }
  ObligationTablesAccess a_;
};

}  // namespace

std::unique_ptr<ports::ObligationRepository> makeObligationRepository(
    ObligationTablesAccess access) {
  return std::make_unique<MemObligations>(std::move(access));
}

}  // namespace baocao::storage::memory
