#include "storage/memory/memory_store.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/common/text.h"
#include "storage/memory/memory_indicator.h"
#include "storage/memory/memory_regime.h"
#include "storage/memory/memory_notify.h"
#include "storage/memory/memory_obligation.h"
#include "storage/memory/memory_report.h"

namespace baocao::storage::memory {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Status;
using core::Timestamp;
namespace org = core::org;
namespace security = core::security;
namespace audit = core::audit;
namespace ports = core::ports;

// Must equal the latest migration of storage/sql so that both report the same version.
constexpr int kSchemaVersion = 9;  // same number as the SQL migrations
constexpr int kMaxLimit = 5000;
constexpr auto kWriteLockWait = std::chrono::seconds(30);

int clampLimit(int limit) { return std::clamp(limit, 0, kMaxLimit); }

std::string asciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The same word split as the SQL adapter: fold, split on spaces, every word must appear.
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

bool matchesAll(const std::string& folded, const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (folded.find(w) == std::string::npos) return false;
  }
  return true;
}

std::string unitFolded(const org::OrgUnit& u) {
  return core::text::foldVietnamese(u.code + " " + u.name);
}
std::string userFolded(const security::User& u) {
  return core::text::foldVietnamese(u.username + " " + u.full_name);
}

// Messages shared word for word with storage/sql.
core::Error unitNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy đơn vị (id " + std::to_string(id) + ")");
}
core::Error parentNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound,
                   "Không tìm thấy đơn vị cha (id " + std::to_string(id) + ")");
}
core::Error codeTaken(const std::string& code) {
  return makeError(ErrorCode::AlreadyExists, "Mã đơn vị '" + code + "' đã tồn tại");
}
core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}

struct State {
  std::map<int64_t, org::OrgUnit> units;
  std::map<int64_t, std::string> unit_folded;
  std::map<std::string, int64_t> unit_by_code;
  std::map<int64_t, org::SuccessorLink> links;
  std::map<int64_t, security::User> users;
  std::map<std::string, int64_t> user_by_key;  // lower-case username -> id
  std::map<int64_t, security::Grant> grants;
  std::map<std::string, security::Session> sessions;
  std::map<int64_t, security::ApiToken> tokens;
  std::map<std::string, int64_t> token_by_hash;
  std::map<int64_t, audit::AuditEntry> audit;
  int64_t head_seq = 0;
  std::string head_hash = audit::kGenesisHash;
  int64_t next_unit = 1, next_link = 1, next_user = 1, next_grant = 1, next_token = 1;
  // calendar (migration 2)
  std::map<int, core::calendar::OfficialSchedule> official;
  std::map<int64_t, core::calendar::HolidayRule> rules;
  std::optional<core::calendar::WeeklyRestDays> rest_days;
  int64_t calendar_revision = 0;
  int64_t next_rule = 1;
  // indicators, sets, targets (migration 3; memory_indicator.h)
  IndicatorTables planning;
  // report regimes and their versions (migration 4; memory_regime.h)
  RegimeTables regimes;
  // obligations (migration 5; memory_obligation.h)
  ObligationTables obligations;
  // reports (migration 7; memory_report.h)
  ReportTables reports;
  // notifications, digests, announcements (migration 8; memory_notify.h)
  NotifyTables notify;
};

class MemoryStore;

// What a transaction works on: a snapshot (read) or a private working copy (write).
struct TxState {
  std::shared_ptr<const State> snapshot;
  std::unique_ptr<State> work;
  bool done = false;
};

// Shared by the four repositories of one MemoryTx.
class RepoBase {
 protected:
  explicit RepoBase(TxState& t) : t_(t), work_(t.work) {}
  const State& st() const { return t_.work ? *t_.work : *t_.snapshot; }
  Status live() const {
    if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
    return {};
  }
  Status writable() const {
    BAOCAO_TRY(live());
    if (!t_.work) return readOnly();
    return {};
  }
  static void putUnit(State& s, const org::OrgUnit& u) {
    s.units[u.id] = u;
    s.unit_by_code[u.code] = u.id;
    s.unit_folded[u.id] = unitFolded(u);
  }
  static void shiftDescendants(State& s, int64_t root, int delta) {
    std::unordered_map<int64_t, std::vector<int64_t>> children;
    for (const auto& [id, u] : s.units) {
      if (u.parent_id) children[*u.parent_id].push_back(id);
    }
    std::vector<int64_t> stack = {root};
    while (!stack.empty()) {
      int64_t id = stack.back();
      stack.pop_back();
      for (int64_t c : children[id]) {
        s.units[c].level += delta;
        stack.push_back(c);
      }
    }
  }

  template <typename F>
  void forEachMatch(const ports::OrgQuery& q, F&& visit) const {
    auto words = searchWords(q.text);
    for (const auto& [code, id] : st().unit_by_code) {  // ordered by code (bytewise)
      const auto& u = st().units.at(id);
      if (q.parent_id && u.parent_id != q.parent_id) continue;
      if (q.roots_only && u.parent_id) continue;
      if (q.type && u.type != *q.type) continue;
      if (q.active_on && !u.activeOn(*q.active_on)) continue;
      if (!words.empty() && !matchesAll(st().unit_folded.at(id), words)) continue;
      if (!visit(u)) return;
    }
  }

  static core::Error unitConflict() {
    return makeError(ErrorCode::Conflict,
                     "Đơn vị đã được người khác thay đổi; hãy tải lại và thử lại");
  }
  static core::Error cycle() {
    return makeError(ErrorCode::InvalidHierarchy,
                     "Đơn vị cha không được là chính đơn vị hoặc đơn vị cấp dưới của nó");
  }
  static core::Error userNotFound(int64_t id) {
    return makeError(ErrorCode::NotFound, "Không tìm thấy tài khoản (id " + std::to_string(id) +
                                              ")");
  }
  static core::Error usernameTaken(const std::string& username) {
    return makeError(ErrorCode::AlreadyExists, "Tên đăng nhập '" + username + "' đã tồn tại");
  }
  static core::Error grantTaken(const security::Grant& g) {
    return makeError(ErrorCode::AlreadyExists, "Quyền '" + std::string(security::roleId(g.role)) +
                                                   "' tại đơn vị " + std::to_string(g.unit_id) +
                                                   " đã được cấp");
  }
  static core::Error sessionNotFound() {
    return makeError(ErrorCode::NotFound, "Không tìm thấy phiên đăng nhập");
  }
  static core::Error auditHeadMoved(int64_t seq, int64_t head) {
    return makeError(ErrorCode::Conflict, "Nhật ký kiểm toán: số thứ tự " + std::to_string(seq) +
                                              " không nối tiếp " + std::to_string(head));
  }


  TxState& t_;
  std::unique_ptr<State>& work_;
};

class MemOrgs final : public ports::OrgRepository, RepoBase {
 public:
  explicit MemOrgs(TxState& t) : RepoBase(t) {}
  // ---- OrgRepository
  Result<org::OrgUnit> create(org::OrgUnit unit) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    unit.level = 1;
    if (unit.parent_id) {
      auto p = s.units.find(*unit.parent_id);
      if (p == s.units.end()) return parentNotFound(*unit.parent_id);
      unit.level = p->second.level + 1;
    }
    if (s.unit_by_code.count(unit.code)) return codeTaken(unit.code);
    unit.id = s.next_unit++;
    unit.version = 1;
    putUnit(s, unit);
    return unit;
  }

  Result<std::vector<int64_t>> createMany(const std::vector<ImportRow>& rows) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    // Same checks, in the same order, as the SQL adapter: duplicates inside the batch, parent
    // resolution, then codes already stored; nothing is written unless all rows pass.
    std::unordered_map<std::string, size_t> in_batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!in_batch.emplace(rows[i].unit.code, i).second) return codeTaken(rows[i].unit.code);
    }
    std::vector<org::OrgUnit> units;
    units.reserve(rows.size());
    std::unordered_map<std::string, size_t> earlier;
    int64_t next = s.next_unit;
    for (size_t i = 0; i < rows.size(); ++i) {
      org::OrgUnit u = rows[i].unit;
      const std::string& pc = rows[i].parent_code;
      u.level = 1;
      if (!pc.empty()) {
        if (auto e = earlier.find(pc); e != earlier.end()) {
          u.parent_id = units[e->second].id;
          u.level = units[e->second].level + 1;
        } else if (auto x = s.unit_by_code.find(pc); x != s.unit_by_code.end()) {
          u.parent_id = x->second;
          u.level = s.units.at(x->second).level + 1;
        } else {
          return makeError(ErrorCode::NotFound, "Không tìm thấy đơn vị cha có mã '" + pc +
                                                    "' (dòng " + std::to_string(i + 1) + ")");
        }
      } else if (u.parent_id) {
        auto p = s.units.find(*u.parent_id);
        if (p == s.units.end()) return parentNotFound(*u.parent_id);
        u.level = p->second.level + 1;
      }
      u.id = next++;
      u.version = 1;
      earlier.emplace(u.code, i);
      units.push_back(std::move(u));
    }
    for (const auto& u : units) {
      if (s.unit_by_code.count(u.code)) return codeTaken(u.code);
    }
    std::vector<int64_t> ids;
    ids.reserve(units.size());
    for (auto& u : units) {
      ids.push_back(u.id);
      putUnit(s, u);
    }
    s.next_unit = next;
    return ids;
  }

  Result<org::OrgUnit> update(const org::OrgUnit& unit) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    auto it = s.units.find(unit.id);
    if (it == s.units.end()) return unitNotFound(unit.id);
    const org::OrgUnit old = it->second;
    if (old.version != unit.version) return unitConflict();
    org::OrgUnit u = unit;
    u.level = 1;
    if (u.parent_id) {
      auto p = s.units.find(*u.parent_id);
      if (p == s.units.end()) return parentNotFound(*u.parent_id);
      // Walk up from the new parent: meeting the unit itself would close a cycle.
      for (std::optional<int64_t> a = u.parent_id; a; a = s.units.at(*a).parent_id) {
        if (*a == u.id) return cycle();
      }
      u.level = p->second.level + 1;
    }
    if (u.code != old.code && s.unit_by_code.count(u.code)) return codeTaken(u.code);
    u.version = old.version + 1;
    s.unit_by_code.erase(old.code);
    putUnit(s, u);
    if (int delta = u.level - old.level; delta != 0) shiftDescendants(s, u.id, delta);
    return u;
  }

  Result<org::OrgUnit> get(int64_t id) override {
    BAOCAO_TRY(live());
    auto it = st().units.find(id);
    if (it == st().units.end()) return unitNotFound(id);
    return it->second;
  }
  Result<org::OrgUnit> getByCode(const std::string& code) override {
    BAOCAO_TRY(live());
    auto it = st().unit_by_code.find(code);
    if (it == st().unit_by_code.end()) {
      return makeError(ErrorCode::NotFound, "Không tìm thấy đơn vị có mã '" + code + "'");
    }
    return st().units.at(it->second);
  }

  Result<std::vector<org::OrgUnit>> find(const ports::OrgQuery& q) override {
    BAOCAO_TRY(live());
    std::vector<org::OrgUnit> out;
    int skip = std::max(q.offset, 0);
    size_t limit = static_cast<size_t>(clampLimit(q.limit));
    if (limit == 0) return out;
    forEachMatch(q, [&](const org::OrgUnit& u) {
      if (skip > 0) {
        --skip;
        return true;
      }
      out.push_back(u);
      return out.size() < limit;
    });
    return out;
  }
  Result<int64_t> count(const ports::OrgQuery& q) override {
    BAOCAO_TRY(live());
    int64_t n = 0;
    forEachMatch(q, [&](const org::OrgUnit&) {
      ++n;
      return true;
    });
    return n;
  }
  Result<std::vector<int64_t>> childCounts(const std::vector<int64_t>& ids) override {
    BAOCAO_TRY(live());
    std::unordered_map<int64_t, int64_t> counts;
    for (const auto& [id, u] : st().units) {
      if (u.parent_id) ++counts[*u.parent_id];
    }
    std::vector<int64_t> out;
    out.reserve(ids.size());
    for (int64_t id : ids) out.push_back(counts.count(id) ? counts[id] : 0);
    return out;
  }
  Result<std::vector<std::pair<int64_t, std::optional<int64_t>>>> allParents() override {
    BAOCAO_TRY(live());
    std::vector<std::pair<int64_t, std::optional<int64_t>>> out;
    out.reserve(st().units.size());
    for (const auto& [id, u] : st().units) out.emplace_back(id, u.parent_id);
    return out;
  }

  Result<org::SuccessorLink> addLink(org::SuccessorLink link) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    if (!s.units.count(link.from_id)) return unitNotFound(link.from_id);
    if (!s.units.count(link.to_id)) return unitNotFound(link.to_id);
    link.id = s.next_link++;
    s.links[link.id] = link;
    return link;
  }
  Result<void> removeLink(int64_t link_id) override {
    BAOCAO_TRY(writable());
    if (work_->links.erase(link_id) == 0) {
      return makeError(ErrorCode::NotFound,
                       "Không tìm thấy liên kết kế thừa (id " + std::to_string(link_id) + ")");
    }
    return {};
  }
  Result<std::vector<org::SuccessorLink>> linksOf(int64_t unit_id) override {
    BAOCAO_TRY(live());
    std::vector<org::SuccessorLink> out;
    for (const auto& [id, l] : st().links) {
      if (l.from_id == unit_id || l.to_id == unit_id) out.push_back(l);
    }
    return out;
  }
  Result<std::vector<org::SuccessorLink>> allLinks() override {
    BAOCAO_TRY(live());
    std::vector<org::SuccessorLink> out;
    for (const auto& [id, l] : st().links) out.push_back(l);
    return out;
  }

};

class MemUsers final : public ports::UserRepository, RepoBase {
 public:
  explicit MemUsers(TxState& t) : RepoBase(t) {}
  // ---- UserRepository
  Result<security::User> create(security::User user) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    if (user.unit_id != 0 && !s.units.count(user.unit_id)) return unitNotFound(user.unit_id);
    std::string key = asciiLower(user.username);
    if (s.user_by_key.count(key)) return usernameTaken(user.username);
    user.id = s.next_user++;
    user.version = 1;
    s.user_by_key[key] = user.id;
    s.users[user.id] = user;
    return user;
  }
  Result<security::User> update(const security::User& user) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    auto it = s.users.find(user.id);
    if (it == s.users.end()) return userNotFound(user.id);
    if (it->second.version != user.version) {
      return makeError(ErrorCode::Conflict,
                       "Tài khoản đã được người khác thay đổi; hãy tải lại và thử lại");
    }
    if (user.unit_id != 0 && !s.units.count(user.unit_id)) return unitNotFound(user.unit_id);
    std::string old_key = asciiLower(it->second.username);
    std::string key = asciiLower(user.username);
    if (key != old_key && s.user_by_key.count(key)) return usernameTaken(user.username);
    security::User u = user;
    u.version = it->second.version + 1;
    s.user_by_key.erase(old_key);
    s.user_by_key[key] = u.id;
    it->second = u;
    return u;
  }
  Result<security::User> get(int64_t id) override {
    BAOCAO_TRY(live());
    auto it = st().users.find(id);
    if (it == st().users.end()) return userNotFound(id);
    return it->second;
  }
  Result<security::User> getByUsername(const std::string& username) override {
    BAOCAO_TRY(live());
    auto it = st().user_by_key.find(asciiLower(username));
    if (it == st().user_by_key.end()) {
      return makeError(ErrorCode::NotFound, "Không tìm thấy tài khoản '" + username + "'");
    }
    return st().users.at(it->second);
  }
  Result<std::vector<security::User>> find(const Query& q) override {
    BAOCAO_TRY(live());
    std::vector<security::User> out;
    auto words = searchWords(q.text);
    std::set<int64_t> units;
    if (q.unit_ids) units.insert(q.unit_ids->begin(), q.unit_ids->end());
    int skip = std::max(q.offset, 0);
    size_t limit = static_cast<size_t>(clampLimit(q.limit));
    for (const auto& [key, id] : st().user_by_key) {  // ordered by username
      if (out.size() >= limit) break;
      const auto& u = st().users.at(id);
      if (!q.include_revoked && u.revoked) continue;
      if (q.unit_ids && !units.count(u.unit_id)) continue;
      if (!words.empty() && !matchesAll(userFolded(u), words)) continue;
      if (skip > 0) {
        --skip;
        continue;
      }
      out.push_back(u);
    }
    return out;
  }
  Result<security::Grant> addGrant(security::Grant g) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    if (!s.users.count(g.user_id)) return userNotFound(g.user_id);
    if (!s.units.count(g.unit_id)) return unitNotFound(g.unit_id);
    for (const auto& [id, x] : s.grants) {
      if (x.user_id == g.user_id && x.role == g.role && x.unit_id == g.unit_id) {
        return grantTaken(g);
      }
    }
    g.id = s.next_grant++;
    s.grants[g.id] = g;
    return g;
  }
  Result<void> removeGrant(int64_t grant_id) override {
    BAOCAO_TRY(writable());
    if (work_->grants.erase(grant_id) == 0) {
      return makeError(ErrorCode::NotFound,
                       "Không tìm thấy quyền đã cấp (id " + std::to_string(grant_id) + ")");
    }
    return {};
  }
  Result<std::vector<security::Grant>> grantsOf(int64_t user_id) override {
    BAOCAO_TRY(live());
    std::vector<security::Grant> out;
    for (const auto& [id, g] : st().grants) {
      if (g.user_id == user_id) out.push_back(g);
    }
    return out;
  }

};

class MemSessions final : public ports::SessionRepository, RepoBase {
 public:
  explicit MemSessions(TxState& t) : RepoBase(t) {}
  // ---- SessionRepository
  Result<void> create(const security::Session& session) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    if (!s.users.count(session.user_id)) return userNotFound(session.user_id);
    if (s.sessions.count(session.token_hash)) {
      return makeError(ErrorCode::AlreadyExists, "Phiên đăng nhập đã tồn tại");
    }
    s.sessions[session.token_hash] = session;
    return {};
  }
  Result<security::Session> get(const std::string& token_hash) override {
    BAOCAO_TRY(live());
    auto it = st().sessions.find(token_hash);
    if (it == st().sessions.end()) return sessionNotFound();
    return it->second;
  }
  Result<void> touch(const std::string& token_hash, Timestamp last_seen) override {
    BAOCAO_TRY(writable());
    auto it = work_->sessions.find(token_hash);
    if (it == work_->sessions.end()) return sessionNotFound();
    it->second.last_seen_at = last_seen;
    return {};
  }
  Result<void> end(const std::string& token_hash, Timestamp at) override {
    BAOCAO_TRY(writable());
    auto it = work_->sessions.find(token_hash);
    if (it == work_->sessions.end()) return sessionNotFound();
    if (!it->second.ended_at) it->second.ended_at = at;
    return {};
  }
  Result<std::vector<security::Session>> endAllOf(int64_t user_id, Timestamp at) override {
    BAOCAO_TRY(writable());
    std::vector<security::Session> out;
    for (auto& [hash, s] : work_->sessions) {
      if (s.user_id == user_id && !s.ended_at) {
        s.ended_at = at;
        out.push_back(s);
      }
    }
    // Same order as the SQL adapter: created_at, then token_hash.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.created_at < b.created_at;
    });
    return out;
  }
  Result<security::ApiToken> createToken(security::ApiToken t) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    if (!s.users.count(t.user_id)) return userNotFound(t.user_id);
    if (s.token_by_hash.count(t.token_hash)) {
      return makeError(ErrorCode::AlreadyExists, "Mã truy cập API đã tồn tại");
    }
    t.id = s.next_token++;
    s.tokens[t.id] = t;
    s.token_by_hash[t.token_hash] = t.id;
    return t;
  }
  Result<security::ApiToken> getToken(const std::string& token_hash) override {
    BAOCAO_TRY(live());
    auto it = st().token_by_hash.find(token_hash);
    if (it == st().token_by_hash.end()) {
      return makeError(ErrorCode::NotFound, "Không tìm thấy mã truy cập API");
    }
    return st().tokens.at(it->second);
  }
  Result<std::vector<security::ApiToken>> tokensOf(int64_t user_id) override {
    BAOCAO_TRY(live());
    std::vector<security::ApiToken> out;
    for (const auto& [id, t] : st().tokens) {
      if (t.user_id == user_id) out.push_back(t);
    }
    return out;
  }
  Result<void> revokeToken(int64_t token_id) override {
    BAOCAO_TRY(writable());
    auto it = work_->tokens.find(token_id);
    if (it == work_->tokens.end()) {
      return makeError(ErrorCode::NotFound,
                       "Không tìm thấy mã truy cập API (id " + std::to_string(token_id) + ")");
    }
    it->second.revoked = true;
    return {};
  }
  Result<void> revokeAllTokensOf(int64_t user_id) override {
    BAOCAO_TRY(writable());
    for (auto& [id, t] : work_->tokens) {
      if (t.user_id == user_id) t.revoked = true;
    }
    return {};
  }

};

class MemAudit final : public ports::AuditRepository, RepoBase {
 public:
  explicit MemAudit(TxState& t) : RepoBase(t) {}
  // ---- AuditRepository
  Result<std::pair<int64_t, std::string>> lockHead() override {
    BAOCAO_TRY(writable());  // the write mutex already orders writers
    return std::make_pair(work_->head_seq, work_->head_hash);
  }
  Result<void> append(const audit::AuditEntry& e) override {
    BAOCAO_TRY(writable());
    State& s = *work_;
    if (e.seq != s.head_seq + 1) return auditHeadMoved(e.seq, s.head_seq);
    s.audit[e.seq] = e;
    s.head_seq = e.seq;
    s.head_hash = e.hash;
    return {};
  }
  Result<std::vector<audit::AuditEntry>> find(const Query& q) override {
    BAOCAO_TRY(live());
    std::vector<audit::AuditEntry> out;
    size_t limit = static_cast<size_t>(clampLimit(q.limit));
    std::set<int64_t> units;
    if (q.unit_ids) units.insert(q.unit_ids->begin(), q.unit_ids->end());
    for (auto it = st().audit.rbegin(); it != st().audit.rend() && out.size() < limit; ++it) {
      const auto& e = it->second;
      if (q.before_seq && e.seq >= *q.before_seq) continue;
      if (q.actor_id && e.actor_id != q.actor_id) continue;
      if (!q.action_prefix.empty() && e.action.compare(0, q.action_prefix.size(),
                                                       q.action_prefix) != 0) {
        continue;
      }
      if (!q.entity_type.empty() && e.entity_type != q.entity_type) continue;
      if (!q.entity_id.empty() && e.entity_id != q.entity_id) continue;
      if (q.from && e.at < *q.from) continue;
      if (q.to && !(e.at < *q.to)) continue;
      if (q.unit_ids && (!e.unit_id || !units.count(*e.unit_id))) continue;
      out.push_back(e);
    }
    return out;
  }
  Result<std::vector<audit::AuditEntry>> scan(int64_t after_seq, int limit) override {
    BAOCAO_TRY(live());
    std::vector<audit::AuditEntry> out;
    size_t cap = static_cast<size_t>(clampLimit(limit));
    for (auto it = st().audit.upper_bound(after_seq); it != st().audit.end() && out.size() < cap;
         ++it) {
      out.push_back(it->second);
    }
    return out;
  }

};

class MemCalendar final : public ports::CalendarRepository, RepoBase {
 public:
  explicit MemCalendar(TxState& t) : RepoBase(t) {}
  // ---- CalendarRepository
  Result<std::vector<int>> officialYears() override {
    BAOCAO_TRY(live());
    std::vector<int> out;
    for (const auto& [year, s] : st().official) out.push_back(year);
    return out;
  }
  Result<core::calendar::OfficialSchedule> getOfficial(int year) override {
    BAOCAO_TRY(live());
    auto it = st().official.find(year);
    if (it == st().official.end()) return officialNotFound(year);
    return it->second;
  }
  Result<std::vector<core::calendar::OfficialSchedule>> allOfficial() override {
    BAOCAO_TRY(live());
    std::vector<core::calendar::OfficialSchedule> out;
    for (const auto& [year, s] : st().official) out.push_back(s);
    return out;
  }
  Result<void> putOfficial(const core::calendar::OfficialSchedule& schedule) override {
    BAOCAO_TRY(writable());
    // The same checks, in the same order and words, as storage/sql.
    std::set<core::Date> seen;
    for (const auto& d : schedule.days) {
      if (d.date.year() != schedule.year) return dayOutsideYear(schedule.year, d.date);
      if (!seen.insert(d.date).second) return dayRepeated(schedule.year, d.date);
    }
    core::calendar::OfficialSchedule s = schedule;
    std::sort(s.days.begin(), s.days.end(),
              [](const auto& a, const auto& b) { return a.date < b.date; });
    work_->official[s.year] = std::move(s);
    ++work_->calendar_revision;
    return {};
  }
  Result<void> deleteOfficial(int year) override {
    BAOCAO_TRY(writable());
    if (work_->official.erase(year) == 0) return officialNotFound(year);
    ++work_->calendar_revision;
    return {};
  }
  Result<std::vector<ports::StoredHolidayRule>> rules() override {
    BAOCAO_TRY(live());
    std::vector<ports::StoredHolidayRule> out;
    for (const auto& [id, r] : st().rules) out.push_back({id, r});
    return out;
  }
  Result<ports::StoredHolidayRule> addRule(const core::calendar::HolidayRule& rule) override {
    BAOCAO_TRY(writable());
    int64_t id = work_->next_rule++;
    work_->rules[id] = rule;
    ++work_->calendar_revision;
    return ports::StoredHolidayRule{id, rule};
  }
  Result<void> removeRule(int64_t id) override {
    BAOCAO_TRY(writable());
    if (work_->rules.erase(id) == 0) {
      return makeError(ErrorCode::NotFound,
                       "Không tìm thấy quy tắc ngày lễ (id " + std::to_string(id) + ")");
    }
    ++work_->calendar_revision;
    return {};
  }
  Result<std::optional<core::calendar::WeeklyRestDays>> restDays() override {
    BAOCAO_TRY(live());
    return st().rest_days;
  }
  Result<void> setRestDays(core::calendar::WeeklyRestDays rest) override {
    BAOCAO_TRY(writable());
    work_->rest_days = rest;
    ++work_->calendar_revision;
    return {};
  }
  Result<int64_t> revision() override {
    BAOCAO_TRY(live());
    return st().calendar_revision;
  }

 private:
  static core::Error officialNotFound(int year) {
    return makeError(ErrorCode::NotFound, "Chưa có lịch nghỉ chính thức năm " +
                                              std::to_string(year));
  }
  static core::Error dayOutsideYear(int year, core::Date d) {
    return makeError(ErrorCode::InvalidDate, "Lịch nghỉ chính thức năm " + std::to_string(year) +
                                                 ": ngày " + d.iso() + " không thuộc năm " +
                                                 std::to_string(year));
  }
  static core::Error dayRepeated(int year, core::Date d) {
    return makeError(ErrorCode::InvalidDate, "Lịch nghỉ chính thức năm " + std::to_string(year) +
                                                 ": ngày " + d.iso() + " bị lặp lại");
  }
};

class MemoryTx final : public ports::Tx {
 public:
  MemoryTx(MemoryStore& store, std::shared_ptr<const State> snapshot) : store_(store) {
    t_.snapshot = std::move(snapshot);
  }
  MemoryTx(MemoryStore& store, std::unique_lock<std::timed_mutex> lock,
           const std::shared_ptr<const State>& base)
      : store_(store), lock_(std::move(lock)) {
    t_.work = std::make_unique<State>(*base);
  }
  ports::OrgRepository& orgs() override { return orgs_; }
  ports::UserRepository& users() override { return users_; }
  ports::SessionRepository& sessions() override { return sessions_; }
  ports::AuditRepository& audit() override { return audit_; }
  ports::CalendarRepository& calendar() override { return calendar_; }
  ports::IndicatorRepository& indicators() override { return *indicators_; }
  ports::TargetRepository& targets() override { return *targets_; }
  ports::RegimeRepository& regimes() override { return *regimes_; }
  ports::ObligationRepository& obligations() override { return *obligations_; }
  ports::ReportRepository& reports() override { return *reports_; }
  ports::NotifyRepository& notify() override { return *notify_; }
  Result<void> commit() override;

 private:
  MemoryStore& store_;
  std::unique_lock<std::timed_mutex> lock_;  // held by write transactions until commit/destroy
  TxState t_;
  MemOrgs orgs_{t_};
  MemUsers users_{t_};
  MemSessions sessions_{t_};
  MemAudit audit_{t_};
  MemCalendar calendar_{t_};
  TablesAccess planningAccess() {
    return {[this]() -> Status {
              if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
              return {};
            },
            [this]() -> const IndicatorTables& { return t_.work ? t_.work->planning : t_.snapshot->planning; },
            [this]() -> IndicatorTables* { return t_.work ? &t_.work->planning : nullptr; }};
  }
  std::unique_ptr<ports::IndicatorRepository> indicators_ = makeIndicatorRepository(planningAccess());
  std::unique_ptr<ports::TargetRepository> targets_ = makeTargetRepository(planningAccess());
  std::unique_ptr<ports::RegimeRepository> regimes_ = makeRegimeRepository(
      {[this]() -> Status {
         if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
         return {};
       },
       [this]() -> const RegimeTables& { return t_.work ? t_.work->regimes : t_.snapshot->regimes; },
       [this]() -> RegimeTables* { return t_.work ? &t_.work->regimes : nullptr; }});
  std::unique_ptr<ports::ObligationRepository> obligations_ = makeObligationRepository(
      {[this]() -> Status {
         if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
         return {};
       },
       [this]() -> const ObligationTables& {
         return t_.work ? t_.work->obligations : t_.snapshot->obligations;
       },
       [this]() -> ObligationTables* { return t_.work ? &t_.work->obligations : nullptr; }});
  std::unique_ptr<ports::ReportRepository> reports_ = makeReportRepository(
      {[this]() -> Status {
         if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
         return {};
       },
       [this]() -> const ReportTables& { return t_.work ? t_.work->reports : t_.snapshot->reports; },
       [this]() -> ReportTables* { return t_.work ? &t_.work->reports : nullptr; }});
  std::unique_ptr<ports::NotifyRepository> notify_ = makeNotifyRepository(
      {[this]() -> Status {
         if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
         return {};
       },
       [this]() -> const NotifyTables& { return t_.work ? t_.work->notify : t_.snapshot->notify; },
       [this]() -> NotifyTables* { return t_.work ? &t_.work->notify : nullptr; }});
};

class MemoryStore final : public ports::Store {
 public:
  Result<int> migrate() override { return kSchemaVersion; }

  Result<std::unique_ptr<ports::Tx>> begin(ports::TxMode mode) override {
    if (mode == ports::TxMode::Read) {
      return std::unique_ptr<ports::Tx>(std::make_unique<MemoryTx>(*this, current()));
    }
    std::unique_lock<std::timed_mutex> lock(write_mutex_, std::defer_lock);
    if (!lock.try_lock_for(kWriteLockWait)) {
      return makeError(ErrorCode::StorageError,
                       "Hết thời gian chờ giao dịch ghi khác kết thúc (memory store)");
    }
    auto base = current();
    return std::unique_ptr<ports::Tx>(std::make_unique<MemoryTx>(*this, std::move(lock), base));
  }

  std::string kind() const override { return "memory"; }

  Result<void> backup(const std::string& path) override {
    // A readable dump: the memory store has no file format of its own.
    auto s = current();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return makeError(ErrorCode::StorageError, "Không ghi được tệp sao lưu: " + path);
    out << "baocao memory store dump, schema " << kSchemaVersion << "\n";
    for (const auto& [id, u] : s->units) {
      out << "org_unit\t" << id << '\t' << u.code << '\t' << u.name << '\n';
    }
    for (const auto& [id, u] : s->users) out << "app_user\t" << id << '\t' << u.username << '\n';
    for (const auto& [year, sched] : s->official) {
      out << "calendar_official\t" << year << '\t' << sched.days.size() << '\t' << sched.source
          << '\n';
    }
    out << "audit_head\t" << s->head_seq << '\t' << s->head_hash << '\n';
    if (!out.flush()) {
      return makeError(ErrorCode::StorageError, "Không ghi được tệp sao lưu: " + path);
    }
    return {};
  }

  PoolStats poolStats() const override { return PoolStats{1, 0}; }

  std::shared_ptr<const State> current() const {
    std::lock_guard<std::mutex> g(state_mutex_);
    return state_;
  }
  void publish(std::unique_ptr<State> s) {
    std::lock_guard<std::mutex> g(state_mutex_);
    state_ = std::shared_ptr<const State>(std::move(s));
  }

 private:
  mutable std::mutex state_mutex_;
  std::shared_ptr<const State> state_ = std::make_shared<State>();
  std::timed_mutex write_mutex_;
};

Result<void> MemoryTx::commit() {
  if (t_.done) return makeError(ErrorCode::StorageError, "Giao dịch đã kết thúc");
  t_.done = true;
  if (t_.work) {
    store_.publish(std::move(t_.work));
    if (lock_.owns_lock()) lock_.unlock();
  }
  return {};
}

}  // namespace

std::unique_ptr<core::ports::Store> makeMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace baocao::storage::memory
