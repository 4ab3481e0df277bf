#include "storage/memory/memory_indicator.h"

#include <algorithm>

#include "core/common/text.h"
#include "core/ports/indicator_errors.h"

namespace baocao::storage::memory {
namespace {

using namespace core::ports::indicator_errors;  // the shared wording

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Status;
namespace ind = core::indicator;
namespace tgt = core::target;
namespace ports = core::ports;

constexpr int kMaxLimit = 5000;

core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}
std::vector<std::string> searchWords(const std::string& text) {
  std::vector<std::string> words;
  std::string folded = core::text::foldVietnamese(text);
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) words.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

class Base {
 protected:
  explicit Base(TablesAccess a) : a_(std::move(a)) {}
  const IndicatorTables& st() const { return a_.read(); }
  Status live() const { return a_.live(); }
  Result<IndicatorTables*> writable() const {
    BAOCAO_TRY(a_.live());
    IndicatorTables* w = a_.write();
    if (!w) return readOnly();
    return w;
  }
  TablesAccess a_;
};

class MemIndicators final : public ports::IndicatorRepository, Base {
 public:
  explicit MemIndicators(TablesAccess a) : Base(std::move(a)) {}

  Result<ind::Indicator> create(ind::Indicator i) override {
    BAOCAO_ASSIGN(auto* w, writable());
    if (w->indicator_by_code.count(i.code)) return indicatorCodeTaken(i.code);
    i.id = w->next_indicator++;
    i.version = 1;
    w->indicators[i.id] = i;
    w->indicator_by_code[i.code] = i.id;
    return i;
  }
  Result<ind::Indicator> update(const ind::Indicator& i) override {
    BAOCAO_ASSIGN(auto* w, writable());
    auto it = w->indicators.find(i.id);
    if (it == w->indicators.end()) return indicatorNotFound(i.id);
    if (it->second.version != i.version) return indicatorConflict();
    auto by = w->indicator_by_code.find(i.code);
    if (by != w->indicator_by_code.end() && by->second != i.id) return indicatorCodeTaken(i.code);
    w->indicator_by_code.erase(it->second.code);
    ind::Indicator u = i;
    u.version = i.version + 1;
    it->second = u;
    w->indicator_by_code[u.code] = u.id;
    return u;
  }
  Result<ind::Indicator> get(int64_t id) override {
    BAOCAO_TRY(live());
    auto it = st().indicators.find(id);
    if (it == st().indicators.end()) return indicatorNotFound(id);
    return it->second;
  }
  Result<ind::Indicator> getByCode(const std::string& code) override {
    BAOCAO_TRY(live());
    auto it = st().indicator_by_code.find(code);
    if (it == st().indicator_by_code.end()) return indicatorCodeNotFound(code);
    return st().indicators.at(it->second);
  }
  Result<std::vector<ind::Indicator>> find(const ports::IndicatorQuery& q) override {
    BAOCAO_TRY(live());
    std::vector<ind::Indicator> out;
    size_t limit = static_cast<size_t>(std::clamp(q.limit, 0, kMaxLimit));
    size_t skip = static_cast<size_t>(std::max(q.offset, 0));
    forEachMatch(q, [&](const ind::Indicator& i) {
      if (skip > 0) {
        --skip;
        return true;
      }
      if (out.size() >= limit) return false;
      out.push_back(i);
      return true;
    });
    return out;
  }
  Result<int64_t> count(const ports::IndicatorQuery& q) override {
    BAOCAO_TRY(live());
    int64_t n = 0;
    forEachMatch(q, [&](const ind::Indicator&) {
      ++n;
      return true;
    });
    return n;
  }

  Result<ind::IndicatorSet> createSet(ind::IndicatorSet s) override {
    BAOCAO_ASSIGN(auto* w, writable());
    if (w->set_by_code.count(s.code)) return setCodeTaken(s.code);
    s.id = w->next_set++;
    s.version = 1;
    s.latest_version = 0;
    w->sets[s.id] = s;
    w->set_by_code[s.code] = s.id;
    return s;
  }
  Result<ind::IndicatorSet> getSet(int64_t id) override {
    BAOCAO_TRY(live());
    auto it = st().sets.find(id);
    if (it == st().sets.end()) return setNotFound(id);
    return it->second;
  }
  Result<ind::IndicatorSet> getSetByCode(const std::string& code) override {
    BAOCAO_TRY(live());
    auto it = st().set_by_code.find(code);
    if (it == st().set_by_code.end()) return setCodeNotFound(code);
    return st().sets.at(it->second);
  }
  Result<std::vector<ind::IndicatorSet>> findSets(const std::optional<std::string>& period_id,
                                                  const std::optional<ind::SetLevel>& level) override {
    BAOCAO_TRY(live());
    std::vector<ind::IndicatorSet> out;
    for (const auto& [code, id] : st().set_by_code) {
      const auto& s = st().sets.at(id);
      if (period_id && s.period.id() != *period_id) continue;
      if (level && s.level != *level) continue;
      out.push_back(s);
    }
    return out;
  }
  Result<ind::SetVersion> publishVersion(int64_t set_id, int expected_latest,
                                         ind::SetVersion v) override {
    BAOCAO_ASSIGN(auto* w, writable());
    auto it = w->sets.find(set_id);
    if (it == w->sets.end()) return setNotFound(set_id);
    if (it->second.latest_version != expected_latest)
      return versionConflict(it->second.latest_version, expected_latest);
    v.set_id = set_id;
    v.number = expected_latest + 1;
    it->second.latest_version = v.number;
    w->set_versions[{set_id, v.number}] = v;
    return v;
  }
  Result<ind::SetVersion> getVersion(int64_t set_id, int number) override {
    BAOCAO_TRY(live());
    if (!st().sets.count(set_id)) return setNotFound(set_id);
    auto it = st().set_versions.find({set_id, number});
    if (it == st().set_versions.end()) return versionNotFound(set_id, number);
    ind::SetVersion v = it->second;
    std::stable_sort(v.members.begin(), v.members.end(),
                     [](const auto& a, const auto& b) { return a.position < b.position; });
    return v;
  }
  Result<std::vector<ind::SetVersion>> versionsOf(int64_t set_id) override {
    BAOCAO_TRY(live());
    std::vector<ind::SetVersion> out;
    for (auto it = st().set_versions.lower_bound({set_id, 0});
         it != st().set_versions.end() && it->first.first == set_id; ++it) {
      ind::SetVersion v = it->second;
      v.members.clear();
      out.push_back(std::move(v));
    }
    return out;
  }

 private:
  template <typename F>
  void forEachMatch(const ports::IndicatorQuery& q, F&& visit) const {
    auto words = searchWords(q.text);
    for (const auto& [code, id] : st().indicator_by_code) {
      const auto& i = st().indicators.at(id);
      if (!q.sector.empty() && i.sector != q.sector) continue;
      if (q.agency_id && i.agency_id != q.agency_id) continue;
      if (!words.empty()) {
        std::string folded = core::text::foldVietnamese(i.code + " " + i.name);
        bool all = true;
        for (const auto& w : words) all = all && folded.find(w) != std::string::npos;
        if (!all) continue;
      }
      if (!visit(i)) return;
    }
  }
};

class MemTargets final : public ports::TargetRepository, Base {
 public:
  explicit MemTargets(TablesAccess a) : Base(std::move(a)) {}

  Result<tgt::Target> create(tgt::Target t) override {
    BAOCAO_ASSIGN(auto* w, writable());
    auto key = std::make_tuple(t.period.id(), t.unit_id, t.indicator_id);
    if (w->target_by_key.count(key)) return targetTaken(t.period.id(), t.unit_id, t.indicator_id);
    t.id = w->next_target++;
    t.version = 1;
    w->targets[t.id] = t;
    w->target_by_key[key] = t.id;
    return t;
  }
  Result<tgt::Target> update(const tgt::Target& t) override {
    BAOCAO_ASSIGN(auto* w, writable());
    auto it = w->targets.find(t.id);
    if (it == w->targets.end()) return targetNotFound(t.id);
    if (it->second.version != t.version) return targetConflict();
    tgt::Target u = it->second;  // identity (period, unit, indicator, owner) never changes
    u.registered_value = t.registered_value;
    u.assigned_value = t.assigned_value;
    u.status = t.status;
    u.updated_at = t.updated_at;
    u.version = t.version + 1;
    it->second = u;
    return u;
  }
  Result<tgt::Target> get(int64_t id) override {
    BAOCAO_TRY(live());
    auto it = st().targets.find(id);
    if (it == st().targets.end()) return targetNotFound(id);
    return it->second;
  }
  Result<tgt::Target> getFor(const std::string& period_id, int64_t unit_id,
                             int64_t indicator_id) override {
    BAOCAO_TRY(live());
    auto it = st().target_by_key.find(std::make_tuple(period_id, unit_id, indicator_id));
    if (it == st().target_by_key.end()) return targetForNotFound(period_id, unit_id, indicator_id);
    return st().targets.at(it->second);
  }
  Result<std::vector<tgt::Target>> find(const ports::TargetQuery& q) override {
    BAOCAO_TRY(live());
    std::vector<tgt::Target> out;
    size_t limit = static_cast<size_t>(std::clamp(q.limit, 0, kMaxLimit));
    size_t skip = static_cast<size_t>(std::max(q.offset, 0));
    for (const auto& [key, id] : st().target_by_key) {  // period, unit, indicator
      const auto& t = st().targets.at(id);
      if (q.period_id && std::get<0>(key) != *q.period_id) continue;
      if (q.unit_id && t.unit_id != *q.unit_id) continue;
      if (q.indicator_id && t.indicator_id != *q.indicator_id) continue;
      if (q.owner_unit_id && t.owner_unit_id != *q.owner_unit_id) continue;
      if (q.status && t.status != *q.status) continue;
      if (skip > 0) {
        --skip;
        continue;
      }
      if (out.size() >= limit) break;
      out.push_back(t);
    }
    return out;
  }
  Result<tgt::TargetChange> addChange(tgt::TargetChange c) override {
    BAOCAO_ASSIGN(auto* w, writable());
    if (!w->targets.count(c.target_id)) return targetNotFound(c.target_id);
    c.id = w->next_change++;
    w->changes[c.id] = c;
    return c;
  }
  Result<std::vector<tgt::TargetChange>> history(int64_t target_id) override {
    BAOCAO_TRY(live());
    std::vector<tgt::TargetChange> out;
    for (const auto& [id, c] : st().changes)
      if (c.target_id == target_id) out.push_back(c);
    return out;
  }
  Result<tgt::Actual> putActual(tgt::Actual a) override {
    BAOCAO_ASSIGN(auto* w, writable());
    auto key = std::make_tuple(a.year, a.unit_id, a.indicator_id);
    auto it = w->actuals.find(key);
    if (it == w->actuals.end()) {
      a.id = w->next_actual++;
      a.version = 1;
    } else {
      a.id = it->second.id;
      a.version = it->second.version + 1;
    }
    w->actuals[key] = a;
    return a;
  }
  Result<tgt::Actual> getActual(int64_t unit_id, int64_t indicator_id, int year) override {
    BAOCAO_TRY(live());
    auto it = st().actuals.find(std::make_tuple(year, unit_id, indicator_id));
    if (it == st().actuals.end()) return actualNotFound(unit_id, indicator_id, year);
    return it->second;
  }
  Result<std::vector<tgt::Actual>> actuals(const ports::ActualQuery& q) override {
    BAOCAO_TRY(live());
    std::vector<tgt::Actual> out;
    for (const auto& [key, a] : st().actuals) {
      if (q.year && a.year != *q.year) continue;
      if (q.unit_id && a.unit_id != *q.unit_id) continue;
      if (q.indicator_id && a.indicator_id != *q.indicator_id) continue;
      out.push_back(a);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::IndicatorRepository> makeIndicatorRepository(TablesAccess access) {
  return std::make_unique<MemIndicators>(std::move(access));
}
std::unique_ptr<ports::TargetRepository> makeTargetRepository(TablesAccess access) {
  return std::make_unique<MemTargets>(std::move(access));
}

}  // namespace baocao::storage::memory
