#include "storage/memory/memory_regime.h"

#include <algorithm>

#include "core/common/text.h"

namespace baocao::storage::memory {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Status;
namespace ports = core::ports;

constexpr int kMaxLimit = 5000;

// Messages shared word for word with storage/sql/sql_regime.cc.
core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}
core::Error regimeNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound,
                   "Không tìm thấy chế độ báo cáo (id " + std::to_string(id) + ")");
}
core::Error regimeCodeNotFound(const std::string& code) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy chế độ báo cáo có mã '" + code + "'");
}
core::Error regimeCodeTaken(const std::string& code) {
  return makeError(ErrorCode::AlreadyExists, "Mã chế độ báo cáo '" + code + "' đã tồn tại");
}
core::Error regimeConflict() {
  return makeError(ErrorCode::Conflict,
                   "Chế độ báo cáo đã được người khác thay đổi; hãy tải lại và thử lại");
}
core::Error versionNotFound(int64_t id, int number) {
  return makeError(ErrorCode::NotFound, "Chế độ báo cáo (id " + std::to_string(id) +
                                            ") không có phiên bản " + std::to_string(number));
}
core::Error versionFrozen(int number) {
  return makeError(ErrorCode::Conflict, "Phiên bản " + std::to_string(number) +
                                            " đã ban hành, không được sửa nội dung");
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string folded = core::text::foldVietnamese(text);
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) out.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

class MemRegimes final : public ports::RegimeRepository {
 public:
  explicit MemRegimes(RegimeTablesAccess a) : a_(std::move(a)) {}

  Result<ports::StoredRegime> create(ports::StoredRegime head,
                                     ports::StoredRegimeVersion first) override {
    BAOCAO_ASSIGN(RegimeTables * t, writable());
    if (t->by_code.count(head.code)) return regimeCodeTaken(head.code);
    head.id = t->next_id++;
    head.version = 1;
    head.latest_version = 1;
    first.regime_id = head.id;
    first.number = 1;
    t->regimes[head.id] = head;
    t->by_code[head.code] = head.id;
    t->versions[{head.id, 1}] = first;
    return head;
  }
  Result<ports::StoredRegime> update(const ports::StoredRegime& head) override {
    BAOCAO_ASSIGN(RegimeTables * t, writable());
    auto it = t->regimes.find(head.id);
    if (it == t->regimes.end()) return regimeNotFound(head.id);
    if (it->second.version != head.version) return regimeConflict();
    if (head.code != it->second.code && t->by_code.count(head.code))
      return regimeCodeTaken(head.code);
    t->by_code.erase(it->second.code);
    ports::StoredRegime h = head;
    h.version = it->second.version + 1;
    it->second = h;
    t->by_code[h.code] = h.id;
    return h;
  }
  Result<ports::StoredRegime> get(int64_t id) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.regimes.find(id);
    if (it == t.regimes.end()) return regimeNotFound(id);
    return it->second;
  }
  Result<ports::StoredRegime> getByCode(const std::string& code) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.by_code.find(code);
    if (it == t.by_code.end()) return regimeCodeNotFound(code);
    return t.regimes.at(it->second);
  }
  Result<std::vector<ports::StoredRegime>> find(const ports::RegimeQuery& q) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto ws = words(q.text);
    std::vector<ports::StoredRegime> out;
    int skip = std::max(q.offset, 0);
    size_t limit = static_cast<size_t>(std::clamp(q.limit, 0, kMaxLimit));
    for (const auto& [code, id] : t.by_code) {
      if (out.size() >= limit) break;
      const auto& r = t.regimes.at(id);
      if (q.status && r.status != *q.status) continue;
      if (q.kind && r.kind != *q.kind) continue;
      if (!q.family.empty() && r.family != q.family) continue;
      if (!ws.empty()) {
        std::string folded = core::text::foldVietnamese(r.code + " " + r.name);
        bool all = std::all_of(ws.begin(), ws.end(), [&](const std::string& w) {
          return folded.find(w) != std::string::npos;
        });
        if (!all) continue;
      }
      if (skip > 0) {
        --skip;
        continue;
      }
      out.push_back(r);
    }
    return out;
  }
  Result<void> putVersion(const ports::StoredRegimeVersion& v) override {
    BAOCAO_ASSIGN(RegimeTables * t, writable());
    if (!t->regimes.count(v.regime_id)) return regimeNotFound(v.regime_id);
    auto it = t->versions.find({v.regime_id, v.number});
    if (it != t->versions.end() && it->second.status != core::regime::Status::Draft &&
        it->second.body != v.body)
      return versionFrozen(v.number);
    t->versions[{v.regime_id, v.number}] = v;
    return {};
  }
  Result<ports::StoredRegimeVersion> getVersion(int64_t regime_id, int number) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.versions.find({regime_id, number});
    if (it == t.versions.end()) return versionNotFound(regime_id, number);
    return it->second;
  }
  Result<std::vector<ports::StoredRegimeVersion>> versions(int64_t regime_id,
                                                           bool with_body) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    if (!t.regimes.count(regime_id)) return regimeNotFound(regime_id);
    std::vector<ports::StoredRegimeVersion> out;
    for (auto it = t.versions.lower_bound({regime_id, 0});
         it != t.versions.end() && it->first.first == regime_id; ++it) {
      out.push_back(it->second);
      if (!with_body) out.back().body.clear();
    }
    return out;
  }

 private:
  Result<RegimeTables*> writable() {
    BAOCAO_TRY(a_.live());
    RegimeTables* t = a_.write();
    if (!t) return readOnly();
    return t;
  }
  RegimeTablesAccess a_;
};

}  // namespace

std::unique_ptr<ports::RegimeRepository> makeRegimeRepository(RegimeTablesAccess access) {
  return std::make_unique<MemRegimes>(std::move(access));
}

}  // namespace baocao::storage::memory
