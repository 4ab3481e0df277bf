#include "storage/memory/memory_obligation.h"

#include <algorithm>

#include "core/ports/obligation_errors.h"

namespace baocao::storage::memory {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;

constexpr int kMaxLimit = 5000;

core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}
using namespace core::ports::obligation_errors;  // NOLINT: the shared wording

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

  Result<bool> insertRequest(const ports::StoredAdHocRequest& r) override {
    BAOCAO_ASSIGN(ObligationTables * t, writable());
    return t->requests.emplace(r.request_id, r).second;
  }
  Result<ports::StoredAdHocRequest> getRequest(const std::string& id) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.requests.find(id);
    if (it == t.requests.end()) return requestNotFound(id);
    return it->second;
  }
  Result<std::vector<ports::StoredAdHocRequest>> findRequests(const ports::AdHocQuery& q) override {
    BAOCAO_TRY(a_.live());
    std::vector<const ports::StoredAdHocRequest*> hits;
    for (const auto& [id, r] : a_.read().requests)
      if (contains(q.issuing_unit_ids, r.issuing_unit_id)) hits.push_back(&r);
    std::stable_sort(hits.begin(), hits.end(), [](const auto* a, const auto* b) {
      if (a->issued_on != b->issued_on) return a->issued_on > b->issued_on;
      return a->request_id < b->request_id;
    });
    std::vector<ports::StoredAdHocRequest> out;
    size_t skip = static_cast<size_t>(std::max(q.offset, 0));
    size_t limit = static_cast<size_t>(std::clamp(q.limit, 0, kMaxLimit));
    for (size_t i = skip; i < hits.size() && out.size() < limit; ++i) out.push_back(*hits[i]);
    return out;
  }
  Result<ports::StoredBackfillWindow> createWindow(const ports::StoredBackfillWindow& w) override {
    BAOCAO_ASSIGN(ObligationTables * t, writable());
    ports::StoredBackfillWindow s = w;
    s.id = t->next_window_id++;
    t->windows[s.id] = s;
    return s;
  }
  Result<ports::StoredBackfillWindow> getWindow(int64_t id) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.windows.find(id);
    if (it == t.windows.end()) return windowNotFound(id);
    return it->second;
  }
  Result<std::vector<ports::StoredBackfillWindow>> windows() override {
    BAOCAO_TRY(a_.live());
    std::vector<ports::StoredBackfillWindow> out;
    const auto& w = a_.read().windows;
    for (auto it = w.rbegin(); it != w.rend(); ++it) out.push_back(it->second);
    return out;
  }
  Result<ports::StoredBackfillWindow> closeWindow(int64_t id, core::Timestamp at,
                                                  int64_t by) override {
    BAOCAO_ASSIGN(ObligationTables * t, writable());
    auto it = t->windows.find(id);
    if (it == t->windows.end()) return windowNotFound(id);
    if (it->second.closed_at) return windowClosed(id);
    it->second.closed_at = at;
    it->second.closed_by = by;
    return it->second;
  }
  Result<ports::StoredObligation> setBackfill(const std::string& key,
                                              const ports::BackfillRecord& record) override {
    BAOCAO_ASSIGN(ObligationTables * t, writable());
    auto it = t->by_key.find(key);
    if (it == t->by_key.end()) return obligationNotFound(key);
    it->second.backfill = record;
    return it->second;
  }
  Result<ports::StoredObligation> getById(int64_t id) override {
    BAOCAO_TRY(a_.live());
    for (const auto& [key, s] : a_.read().by_key)
      if (s.id == id) return s;
    return obligationNotFound("#" + std::to_string(id));
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
