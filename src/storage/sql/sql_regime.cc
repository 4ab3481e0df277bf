// RegimeRepository over SQL (migration 4): one `regime` row per regime (its head, with
// name_folded = foldVietnamese("code name") for LIKE search, like org_unit) and one
// `regime_version` row per version holding the regime's canonical JSON. A version whose status is
// not draft keeps its body forever. Same SQL on SQLite and PostgreSQL.
#include "core/common/text.h"
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;
namespace rg = core::regime;

// Messages shared word for word with storage/memory/memory_regime.cc.
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

long long ll(int64_t v) { return static_cast<long long>(v); }
std::optional<long long> optLl(const std::optional<int64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<long long>(*v);
}
std::optional<long long> optLl(const std::optional<int>& v) {
  if (!v) return std::nullopt;
  return static_cast<long long>(*v);
}
std::string folded(const ports::StoredRegime& r) {
  return core::text::foldVietnamese(r.code + " " + r.name);
}

constexpr const char* kHeadCols =
    "id, code, family, name, kind, status, latest_version, published_version, updated_at, version";

struct HeadRow {
  long long id = 0, latest = 0, published = 0, updated = 0, version = 0;
  std::string code, family, name, kind, status;
  soci::indicator published_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(code);
    s.into(family);
    s.into(name);
    s.into(kind);
    s.into(status);
    s.into(latest);
    s.into(published, published_ind);
    s.into(updated);
    s.into(version);
  }
  Result<ports::StoredRegime> get() const {
    ports::StoredRegime r;
    r.id = id;
    r.code = code;
    r.family = family;
    r.name = name;
    auto k = rg::parseKind(kind);
    auto st = rg::parseStatus(status);
    if (!k || !st) return storageError("giá trị liệt kê không hợp lệ ở chế độ báo cáo '" + code + "'");
    r.kind = *k;
    r.status = *st;
    r.latest_version = static_cast<int>(latest);
    if (published_ind == soci::i_ok) r.published_version = static_cast<int>(published);
    r.updated_at = core::Timestamp::fromMicros(updated);
    r.version = version;
    return r;
  }
};

struct VersionRow {
  long long regime_id = 0, number = 0, created = 0, by = 0, published = 0;
  std::string status, body;
  soci::indicator by_ind = soci::i_ok, published_ind = soci::i_ok, body_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(regime_id);
    s.into(number);
    s.into(status);
    s.into(body, body_ind);
    s.into(created);
    s.into(by, by_ind);
    s.into(published, published_ind);
  }
  Result<ports::StoredRegimeVersion> get() const {
    ports::StoredRegimeVersion v;
    v.regime_id = regime_id;
    v.number = static_cast<int>(number);
    auto st = rg::parseStatus(status);
    if (!st) return storageError("trạng thái phiên bản không hợp lệ: '" + status + "'");
    v.status = *st;
    if (body_ind == soci::i_ok) v.body = body;
    v.created_at = core::Timestamp::fromMicros(created);
    if (by_ind == soci::i_ok) v.created_by = by;
    if (published_ind == soci::i_ok) v.published_at = core::Timestamp::fromMicros(published);
    return v;
  }
};

class SqlRegimeRepository final : public ports::RegimeRepository {
 public:
  explicit SqlRegimeRepository(TxContext& c) : c_(c) {}

  Result<ports::StoredRegime> create(ports::StoredRegime head,
                                     ports::StoredRegimeVersion first) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredRegime> {
      return atomically(c_, [&]() -> Result<ports::StoredRegime> {
        head.version = 1;
        head.latest_version = 1;
        Stmt s(c_.sql);
        long long id = 0;
        s.into(id);
        std::string q =
            "INSERT INTO regime (code, family, name, name_folded, kind, status, latest_version, "
            "published_version, updated_at, version) VALUES (" +
            s.param(head.code) + ", " + s.param(head.family) + ", " + s.param(head.name) + ", " +
            s.param(folded(head)) + ", " + s.param(std::string(rg::kindId(head.kind))) + ", " +
            s.param(std::string(rg::statusId(head.status))) + ", 1, " +
            s.param(optLl(head.published_version)) + ", " +
            s.param(static_cast<long long>(head.updated_at.micros())) + ", 1) RETURNING id";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return regimeCodeTaken(head.code);
          throw;
        }
        head.id = id;
        first.regime_id = id;
        first.number = 1;
        insertVersion(first);
        return head;
      });
    });
  }

  Result<ports::StoredRegime> update(const ports::StoredRegime& head) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredRegime> {
      return atomically(c_, [&]() -> Result<ports::StoredRegime> {
        long long version = 0;
        {
          Stmt s(c_.sql);
          s.into(version);
          if (!s.run("SELECT version FROM regime WHERE id = " + s.param(ll(head.id))))
            return regimeNotFound(head.id);
        }
        if (version != head.version) return regimeConflict();
        Stmt s(c_.sql);
        std::string q =
            "UPDATE regime SET code = " + s.param(head.code) + ", family = " + s.param(head.family) +
            ", name = " + s.param(head.name) + ", name_folded = " + s.param(folded(head)) +
            ", kind = " + s.param(std::string(rg::kindId(head.kind))) +
            ", status = " + s.param(std::string(rg::statusId(head.status))) +
            ", latest_version = " + s.param(static_cast<long long>(head.latest_version)) +
            ", published_version = " + s.param(optLl(head.published_version)) +
            ", updated_at = " + s.param(static_cast<long long>(head.updated_at.micros())) +
            ", version = version + 1 WHERE id = " + s.param(ll(head.id)) +
            " AND version = " + s.param(ll(head.version));
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return regimeCodeTaken(head.code);
          throw;
        }
        if (s.affected() == 0) return regimeConflict();
        ports::StoredRegime u = head;
        u.version = head.version + 1;
        return u;
      });
    });
  }

  Result<ports::StoredRegime> get(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredRegime> {
      BAOCAO_ASSIGN(auto v, select([&](Stmt& s) { return " WHERE id = " + s.param(ll(id)); }, ""));
      if (v.empty()) return regimeNotFound(id);
      return std::move(v.front());
    });
  }
  Result<ports::StoredRegime> getByCode(const std::string& code) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredRegime> {
      BAOCAO_ASSIGN(auto v, select([&](Stmt& s) { return " WHERE code = " + s.param(code); }, ""));
      if (v.empty()) return regimeCodeNotFound(code);
      return std::move(v.front());
    });
  }
  Result<std::vector<ports::StoredRegime>> find(const ports::RegimeQuery& q) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredRegime>> {
      int limit = clampLimit(q.limit);
      if (limit == 0) return std::vector<ports::StoredRegime>{};
      return select(
          [&](Stmt& s) {
            std::vector<std::string> conds;
            for (const auto& w : searchWords(q.text))
              conds.push_back("name_folded LIKE " + s.param(likeContains(w)) + " ESCAPE '\\'");
            if (q.status) conds.push_back("status = " + s.param(std::string(rg::statusId(*q.status))));
            if (q.kind) conds.push_back("kind = " + s.param(std::string(rg::kindId(*q.kind))));
            if (!q.family.empty()) conds.push_back("family = " + s.param(q.family));
            std::string w;
            for (size_t i = 0; i < conds.size(); ++i) w += (i ? " AND " : " WHERE ") + conds[i];
            return w;
          },
          " ORDER BY code LIMIT " + std::to_string(limit) + " OFFSET " +
              std::to_string(q.offset < 0 ? 0 : q.offset));
    });
  }

  Result<void> putVersion(const ports::StoredRegimeVersion& v) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        {
          Stmt s(c_.sql);
          long long one = 0;
          s.into(one);
          if (!s.run("SELECT 1 FROM regime WHERE id = " + s.param(ll(v.regime_id))))
            return regimeNotFound(v.regime_id);
        }
        std::string status, body;
        soci::indicator body_ind = soci::i_ok;
        bool exists;
        {
          Stmt s(c_.sql);
          s.into(status);
          s.into(body, body_ind);
          exists = s.run("SELECT status, body FROM regime_version WHERE regime_id = " +
                         s.param(ll(v.regime_id)) +
                         " AND version_no = " + s.param(static_cast<long long>(v.number)));
        }
        if (!exists) {
          insertVersion(v);
          return {};
        }
        if (status != rg::statusId(rg::Status::Draft) && body != v.body) return versionFrozen(v.number);
        Stmt s(c_.sql);
        s.run("UPDATE regime_version SET status = " + s.param(std::string(rg::statusId(v.status))) +
              ", body = " + s.param(v.body) +
              ", created_at = " + s.param(static_cast<long long>(v.created_at.micros())) +
              ", created_by = " + s.param(optLl(v.created_by)) + ", published_at = " +
              s.param(v.published_at ? std::optional<long long>(v.published_at->micros())
                                     : std::nullopt) +
              " WHERE regime_id = " + s.param(ll(v.regime_id)) +
              " AND version_no = " + s.param(static_cast<long long>(v.number)));
        return {};
      });
    });
  }

  Result<ports::StoredRegimeVersion> getVersion(int64_t regime_id, int number) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredRegimeVersion> {
      VersionRow row;
      Stmt s(c_.sql);
      row.bind(s);
      if (!s.run("SELECT regime_id, version_no, status, body, created_at, created_by, "
                 "published_at FROM regime_version WHERE regime_id = " +
                 s.param(ll(regime_id)) +
                 " AND version_no = " + s.param(static_cast<long long>(number))))
        return versionNotFound(regime_id, number);
      return row.get();
    });
  }

  Result<std::vector<ports::StoredRegimeVersion>> versions(int64_t regime_id,
                                                           bool with_body) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredRegimeVersion>> {
      {
        Stmt s(c_.sql);
        long long one = 0;
        s.into(one);
        if (!s.run("SELECT 1 FROM regime WHERE id = " + s.param(ll(regime_id))))
          return regimeNotFound(regime_id);
      }
      std::vector<ports::StoredRegimeVersion> out;
      VersionRow row;
      Stmt s(c_.sql);
      row.bind(s);
      std::string body_col = with_body ? "body" : "NULL";
      bool more = s.run("SELECT regime_id, version_no, status, " + body_col +
                        ", created_at, created_by, published_at FROM regime_version WHERE "
                        "regime_id = " +
                        s.param(ll(regime_id)) + " ORDER BY version_no");
      while (more) {
        BAOCAO_ASSIGN(auto v, row.get());
        out.push_back(std::move(v));
        more = s.fetch();
      }
      return out;
    });
  }

 private:
  void insertVersion(const ports::StoredRegimeVersion& v) {
    Stmt s(c_.sql);
    s.run("INSERT INTO regime_version (regime_id, version_no, status, body, created_at, "
          "created_by, published_at) VALUES (" +
          s.param(ll(v.regime_id)) + ", " + s.param(static_cast<long long>(v.number)) + ", " +
          s.param(std::string(rg::statusId(v.status))) + ", " + s.param(v.body) + ", " +
          s.param(static_cast<long long>(v.created_at.micros())) + ", " +
          s.param(optLl(v.created_by)) + ", " +
          s.param(v.published_at ? std::optional<long long>(v.published_at->micros())
                                 : std::nullopt) +
          ")");
  }

  template <typename W>
  Result<std::vector<ports::StoredRegime>> select(W where, const std::string& tail) {
    std::vector<ports::StoredRegime> out;
    HeadRow row;
    Stmt s(c_.sql);
    row.bind(s);
    std::string w = where(s);
    bool more = s.run(std::string("SELECT ") + kHeadCols + " FROM regime" + w + tail);
    while (more) {
      BAOCAO_ASSIGN(auto r, row.get());
      out.push_back(std::move(r));
      more = s.fetch();
    }
    return out;
  }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::RegimeRepository> makeRegimeRepository(TxContext& c) {
  return std::make_unique<SqlRegimeRepository>(c);
}

}  // namespace baocao::storage::sql
