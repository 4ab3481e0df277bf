// ReportRepository over SQL (migration 7), the same SQL on SQLite and PostgreSQL.
//
// No lost update (issue 5 point 5): every write of the working copy first locks its
// report_draft row with an upsert (INSERT … ON CONFLICT (okey) DO UPDATE), then reads the
// revision and the cells. On PostgreSQL a second writer blocks on that row until the first
// commits, then reads the first's revision and cells (READ COMMITTED: each statement sees what
// is committed); on SQLite write transactions are serialised by the store. The merge itself is
// core/ports/report_store_support.h, shared with the memory store.
//
// Bytes (canonical content, DER CMS, attachment files) are stored as base64 TEXT (see
// migration 7 in sql_schema.cc for why).
#include <algorithm>
#include <array>

#include "core/ports/report_store_support.h"
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::Result;
using ll = long long;
namespace ports = core::ports;
namespace wf = core::workflow;
namespace rs = core::ports::report_store;

// Rows per multi-row INSERT (7 parameters a row stays far below SQLite's 32766).
constexpr size_t kRowsPerInsert = 200;
// Keys per IN list of latestVersions().
constexpr size_t kKeysPerQuery = 500;

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string toBase64(const std::string& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) |
                 uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kB64[(n >> s) & 63]);
  }
  if (i < in.size()) {
    uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) n |= uint32_t(uint8_t(in[i + 1])) << 8;
    out.push_back(kB64[(n >> 18) & 63]);
    out.push_back(kB64[(n >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kB64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::string> fromBase64(const std::string& in) {
  static const std::array<int, 256> kVal = [] {
    std::array<int, 256> v{};
    v.fill(-1);
    for (int i = 0; i < 64; ++i) v[static_cast<uint8_t>(kB64[i])] = i;
    return v;
  }();
  if (in.size() % 4 != 0) return storageError("dữ liệu base64 hỏng (độ dài)");
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (size_t i = 0; i < in.size(); i += 4) {
    uint32_t n = 0;
    int pad = 0;
    for (size_t j = 0; j < 4; ++j) {
      char ch = in[i + j];
      int v = kVal[static_cast<uint8_t>(ch)];
      if (ch == '=' && i + 4 == in.size() && j >= 2) {
        ++pad;
        v = 0;
      } else if (v < 0 || pad > 0) {
        return storageError("dữ liệu base64 hỏng (ký tự)");
      }
      n = (n << 6) | static_cast<uint32_t>(v);
    }
    out.push_back(static_cast<char>((n >> 16) & 255));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 255));
    if (pad < 1) out.push_back(static_cast<char>(n & 255));
  }
  return out;
}

ll big(int64_t v) { return static_cast<ll>(v); }
core::Timestamp ts(ll us) { return core::Timestamp::fromMicros(us); }

constexpr const char* kVersionCols =
    "x.okey, x.number, x.content_hash, x.content_okey, x.regime_code, x.period_id, x.unit_id, "
    "x.canonical_b64, x.created_at, x.created_by, x.note, x.signer_subject, x.signed_at, "
    "x.signed_by, x.signature_ref";

struct VersionRow {
  std::string okey, hash, content_okey, regime, period, canonical, note, subject, ref;
  int number = 0;
  ll unit = 0, created = 0, by = 0, signed_at = 0, signed_by = 0;
  soci::indicator subject_ind = soci::i_ok, at_ind = soci::i_ok, signed_by_ind = soci::i_ok,
                  ref_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(okey);
    s.into(number);
    s.into(hash);
    s.into(content_okey);
    s.into(regime);
    s.into(period);
    s.into(unit);
    s.into(canonical);
    s.into(created);
    s.into(by);
    s.into(note);
    s.into(subject, subject_ind);
    s.into(signed_at, at_ind);
    s.into(signed_by, signed_by_ind);
    s.into(ref, ref_ind);
  }
  Result<ports::StoredVersion> get() const {
    ports::StoredVersion v;
    v.version.number = number;
    v.version.content_hash = hash;
    v.version.created_at = ts(created);
    v.version.created_by_user_id = by;
    v.version.note = note;
    if (subject_ind == soci::i_ok) {
      wf::SignatureInfo info;
      info.signer_subject = subject;
      if (at_ind == soci::i_ok) info.signed_at = ts(signed_at);
      if (signed_by_ind == soci::i_ok) info.signed_by_user_id = signed_by;
      if (ref_ind == soci::i_ok) info.signature_ref = ref;
      v.version.signature = std::move(info);
    }
    v.content.obligation_key = content_okey;
    v.content.regime_code = regime;
    v.content.period_id = period;
    v.content.unit_id = unit;
    BAOCAO_ASSIGN(v.canonical, fromBase64(canonical));
    return v;
  }
};

using VersionKey = std::pair<std::string, int>;

class SqlReportRepository final : public ports::ReportRepository {
 public:
  explicit SqlReportRepository(TxContext& c) : c_(c) {}

  // --- working copy -------------------------------------------------------------------------
  Result<ports::Draft> draft(const std::string& key) override {
    return guarded(c_, false, [&]() -> Result<ports::Draft> { return loadDraft(key); });
  }

  Result<ports::SaveOutcome> saveCells(const std::string& key, int64_t base_revision,
                                       const ports::DraftPatch& patch, int64_t by,
                                       core::Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<ports::SaveOutcome> {
      return atomically(c_, [&]() -> Result<ports::SaveOutcome> {
        lockDraft(key);
        BAOCAO_ASSIGN(rs::StoredCells cells, loadCells(key));
        rs::MergePlan plan = rs::planSave(cells, base_revision, patch);
        ports::SaveOutcome out;
        if (plan.conflicts.empty() && !plan.changes.empty())
          writeChanges(key, plan.changes, by, at);
        out.conflicts = std::move(plan.conflicts);
        BAOCAO_ASSIGN(out.draft, loadDraft(key));
        return out;
      });
    });
  }

  Result<ports::Draft> replaceDraft(const std::string& key, int64_t expected_revision,
                                    const wf::ReportContent& content, int64_t by,
                                    core::Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<ports::Draft> {
      return atomically(c_, [&]() -> Result<ports::Draft> {
        int64_t stored = lockDraft(key);
        if (stored != expected_revision) return rs::draftConflict(stored, expected_revision);
        BAOCAO_ASSIGN(rs::StoredCells cells, loadCells(key));
        writeChanges(key, rs::planReplace(cells, content), by, at);
        return loadDraft(key);
      });
    });
  }

  // --- versions, history, signatures --------------------------------------------------------
  Result<void> addVersion(const std::string& key, const ports::StoredVersion& v) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        const int number = v.version.number;
        int latest = 0;
        {
          Stmt s(c_.sql);
          s.into(latest);
          s.run("SELECT COALESCE(MAX(number), 0) FROM report_version WHERE okey = " +
                s.param(key));
        }
        if (number != latest + 1) return rs::versionNotNext(key, number, latest);
        const auto& c = v.content;
        Stmt s(c_.sql);
        std::string q =
            "INSERT INTO report_version (okey, number, content_hash, content_okey, regime_code, "
            "period_id, unit_id, canonical_b64, created_at, created_by, note, signer_subject, "
            "signed_at, signed_by, signature_ref) VALUES (" +
            s.param(key) + ", " + s.param(ll(number)) + ", " + s.param(v.version.content_hash) +
            ", " + s.param(c.obligation_key) + ", " + s.param(c.regime_code) + ", " +
            s.param(c.period_id) + ", " + s.param(big(c.unit_id)) + ", " +
            s.param(toBase64(v.canonical)) + ", " +
            s.param(big(v.version.created_at.micros())) + ", " +
            s.param(big(v.version.created_by_user_id)) + ", " + s.param(v.version.note) + ", " +
            signatureParams(s, v.version.signature) + ")";
        try {
          s.run(q);
        } catch (const soci::soci_error& e) {
          // Another approver froze this number between our MAX() and our INSERT.
          if (isUniqueViolation(e)) return rs::versionNotNext(key, number, number);
          throw;
        }
        insertEntries(key, number, rs::Part::Value, c.values);
        insertEntries(key, number, rs::Part::Narrative, c.narrative);
        insertAttachments(key, number, c.attachments);
        return {};
      });
    });
  }

  Result<std::vector<ports::StoredVersion>> versions(const std::string& key) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredVersion>> {
      BAOCAO_ASSIGN(auto found,
                    loadVersions([&](Stmt& s) { return "x.okey = " + s.param(key); }));
      std::vector<ports::StoredVersion> out;
      for (auto& [k, v] : found) out.push_back(std::move(v));
      return out;
    });
  }

  Result<ports::StoredVersion> version(const std::string& key, int number) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredVersion> {
      BAOCAO_ASSIGN(auto found, loadVersions([&](Stmt& s) {
                      return "x.okey = " + s.param(key) + " AND x.number = " + s.param(ll(number));
                    }));
      if (found.empty()) return rs::versionNotFound(key, number);
      return std::move(found.begin()->second);
    });
  }

  Result<std::map<std::string, ports::StoredVersion>> latestVersions(
      const std::vector<std::string>& keys) override {
    return guarded(c_, false, [&]() -> Result<std::map<std::string, ports::StoredVersion>> {
      std::map<std::string, ports::StoredVersion> out;
      for (size_t from = 0; from < keys.size(); from += kKeysPerQuery) {
        size_t to = std::min(keys.size(), from + kKeysPerQuery);
        BAOCAO_ASSIGN(auto found, loadVersions([&](Stmt& s) {
                        std::string in;
                        for (size_t i = from; i < to; ++i) in += (i > from ? ", " : "") + s.param(keys[i]);
                        return "x.okey IN (" + in +
                               ") AND x.number = (SELECT MAX(m.number) FROM report_version m "
                               "WHERE m.okey = x.okey)";
                      }));
        for (auto& [k, v] : found) out[k.first] = std::move(v);
      }
      return out;
    });
  }

  Result<void> addSignature(const ports::StoredSignature& sig) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        const std::string& key = sig.obligation_key;
        const auto& i = sig.info;
        // Conditional: of two signers racing on PostgreSQL, the second re-checks the row after
        // the first commits and updates nothing.
        Stmt s(c_.sql);
        s.run("UPDATE report_version SET signer_subject = " + s.param(i.signer_subject) +
              ", signed_at = " + s.param(big(i.signed_at.micros())) + ", signed_by = " +
              s.param(big(i.signed_by_user_id)) + ", signature_ref = " + s.param(i.signature_ref) +
              " WHERE okey = " + s.param(key) + " AND number = " + s.param(ll(sig.version)) +
              " AND signer_subject IS NULL");
        if (s.affected() == 0) {
          Stmt e(c_.sql);
          int one = 0;
          e.into(one);
          if (!e.run("SELECT 1 FROM report_version WHERE okey = " + e.param(key) +
                     " AND number = " + e.param(ll(sig.version))))
            return rs::versionNotFound(key, sig.version);
          return rs::signatureTaken(key, sig.version);
        }
        Stmt w(c_.sql);
        std::string q = "INSERT INTO report_signature (okey, version, cms_der_b64) VALUES (" +
                        w.param(key) + ", " + w.param(ll(sig.version)) + ", " +
                        w.param(toBase64(sig.cms_der)) + ")";
        try {
          w.run(q);
        } catch (const soci::soci_error& e) {
          if (isUniqueViolation(e)) return rs::signatureTaken(key, sig.version);
          throw;
        }
        return {};
      });
    });
  }

  Result<ports::StoredSignature> signature(const std::string& key, int number) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredSignature> {
      Stmt s(c_.sql);
      std::string der, subject, ref;
      ll at = 0, by = 0;
      soci::indicator subject_ind = soci::i_ok, at_ind = soci::i_ok, by_ind = soci::i_ok,
                      ref_ind = soci::i_ok;
      s.into(der);
      s.into(subject, subject_ind);
      s.into(at, at_ind);
      s.into(by, by_ind);
      s.into(ref, ref_ind);
      if (!s.run("SELECT g.cms_der_b64, v.signer_subject, v.signed_at, v.signed_by, "
                 "v.signature_ref FROM report_signature g JOIN report_version v ON v.okey = "
                 "g.okey AND v.number = g.version WHERE g.okey = " +
                 s.param(key) + " AND g.version = " + s.param(ll(number))) ||
          subject_ind != soci::i_ok)
        return rs::signatureNotFound(key, number);
      ports::StoredSignature out;
      out.obligation_key = key;
      out.version = number;
      BAOCAO_ASSIGN(out.cms_der, fromBase64(der));
      out.info.signer_subject = subject;
      if (at_ind == soci::i_ok) out.info.signed_at = ts(at);
      if (by_ind == soci::i_ok) out.info.signed_by_user_id = by;
      if (ref_ind == soci::i_ok) out.info.signature_ref = ref;
      return out;
    });
  }

  Result<void> addHistory(const std::string& key, const wf::HistoryEntry& e) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("INSERT INTO report_history (okey, action, from_state, to_state, actor_id, acted_at, "
            "reason, version) VALUES (" +
            s.param(key) + ", " + s.param(std::string(wf::actionId(e.action))) + ", " +
            s.param(std::string(wf::stateId(e.from))) + ", " +
            s.param(std::string(wf::stateId(e.to))) + ", " + s.param(big(e.actor_user_id)) +
            ", " + s.param(big(e.at.micros())) + ", " + s.param(e.reason) + ", " +
            s.param(ll(e.version)) + ")");
      return {};
    });
  }

  Result<std::vector<wf::HistoryEntry>> history(const std::string& key) override {
    return guarded(c_, false, [&]() -> Result<std::vector<wf::HistoryEntry>> {
      std::vector<wf::HistoryEntry> out;
      Stmt s(c_.sql);
      std::string action, from, to, reason;
      ll actor = 0, at = 0;
      int version = 0;
      s.into(action);
      s.into(from);
      s.into(to);
      s.into(actor);
      s.into(at);
      s.into(reason);
      s.into(version);
      if (!s.run("SELECT action, from_state, to_state, actor_id, acted_at, reason, version FROM "
                 "report_history WHERE okey = " +
                 s.param(key) + " ORDER BY id"))
        return out;
      do {
        auto a = wf::parseAction(action);
        auto f = wf::parseState(from);
        auto t = wf::parseState(to);
        if (!a || !f || !t) return storageError("giá trị liệt kê không hợp lệ ở lịch sử '" + key + "'");
        out.push_back(wf::HistoryEntry{*a, *f, *t, actor, ts(at), reason, version});
      } while (s.fetch());
      return out;
    });
  }

  // --- comments and attachments -------------------------------------------------------------
  Result<ports::Comment> addComment(ports::Comment c) override {
    return guarded(c_, true, [&]() -> Result<ports::Comment> {
      Stmt s(c_.sql);
      ll id = 0;
      s.into(id);
      s.run("INSERT INTO report_comment (okey, cell, body, author_id, created_at, resolved) "
            "VALUES (" +
            s.param(c.obligation_key) + ", " + s.param(c.cell) + ", " + s.param(c.text) + ", " +
            s.param(big(c.author_id)) + ", " + s.param(big(c.at.micros())) + ", " +
            s.param(ll(c.resolved ? 1 : 0)) + ") RETURNING id");
      c.id = id;
      return c;
    });
  }

  Result<std::vector<ports::Comment>> comments(const std::string& key) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::Comment>> {
      std::vector<ports::Comment> out;
      Stmt s(c_.sql);
      ports::Comment c;
      ll id = 0, author = 0, at = 0;
      int resolved = 0;
      s.into(id);
      s.into(c.cell);
      s.into(c.text);
      s.into(author);
      s.into(at);
      s.into(resolved);
      if (!s.run("SELECT id, cell, body, author_id, created_at, resolved FROM report_comment "
                 "WHERE okey = " +
                 s.param(key) + " ORDER BY id"))
        return out;
      do {
        c.id = id;
        c.obligation_key = key;
        c.author_id = author;
        c.at = ts(at);
        c.resolved = resolved != 0;
        out.push_back(c);
      } while (s.fetch());
      return out;
    });
  }

  Result<void> resolveComment(int64_t id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("UPDATE report_comment SET resolved = 1 WHERE id = " + s.param(big(id)));
      if (s.affected() == 0) return rs::commentNotFound(id);
      return {};
    });
  }

  Result<ports::StoredAttachment> addAttachment(ports::StoredAttachment a,
                                                const std::string& bytes) override {
    return guarded(c_, true, [&]() -> Result<ports::StoredAttachment> {
      return atomically(c_, [&]() -> Result<ports::StoredAttachment> {
        Stmt s(c_.sql);
        ll id = 0;
        s.into(id);
        s.run("INSERT INTO report_attachment (okey, name, media_type, size, sha256, uploaded_by, "
              "uploaded_at, removed, bytes_b64) VALUES (" +
              s.param(a.obligation_key) + ", " + s.param(a.meta.name) + ", " +
              s.param(a.meta.media_type) + ", " + s.param(ll(a.meta.size)) + ", " +
              s.param(a.meta.sha256) + ", " + s.param(big(a.uploaded_by)) + ", " +
              s.param(big(a.uploaded_at.micros())) + ", 0, " + s.param(toBase64(bytes)) +
              ") RETURNING id");
        a.id = id;
        a.removed = false;
        bumpDraft(a.obligation_key, std::make_pair(a.uploaded_by, a.uploaded_at));
        return a;
      });
    });
  }

  Result<std::vector<ports::StoredAttachment>> attachments(const std::string& key) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::StoredAttachment>> {
      return loadAttachments([&](Stmt& s) {
        return "okey = " + s.param(key) + " AND removed = 0 ORDER BY name, id";
      });
    });
  }

  Result<ports::StoredAttachment> attachment(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<ports::StoredAttachment> {
      BAOCAO_ASSIGN(auto found,
                    loadAttachments([&](Stmt& s) { return "id = " + s.param(big(id)); }));
      if (found.empty()) return rs::attachmentNotFound(id);
      return found.front();
    });
  }

  Result<std::string> attachmentBytes(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<std::string> {
      Stmt s(c_.sql);
      std::string b64;
      s.into(b64);
      if (!s.run("SELECT bytes_b64 FROM report_attachment WHERE id = " + s.param(big(id))))
        return rs::attachmentNotFound(id);
      return fromBase64(b64);
    });
  }

  Result<void> removeAttachment(int64_t id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      return atomically(c_, [&]() -> Result<void> {
        BAOCAO_ASSIGN(auto found,
                      loadAttachments([&](Stmt& s) { return "id = " + s.param(big(id)); }));
        if (found.empty()) return rs::attachmentNotFound(id);
        if (found.front().removed) return {};
        Stmt s(c_.sql);
        s.run("UPDATE report_attachment SET removed = 1 WHERE id = " + s.param(big(id)));
        bumpDraft(found.front().obligation_key, std::nullopt);
        return {};
      });
    });
  }

  // --- unit settings and delegations --------------------------------------------------------
  Result<ports::UnitWorkflow> unitWorkflow(int64_t unit_id) override {
    return guarded(c_, false, [&]() -> Result<ports::UnitWorkflow> {
      Stmt s(c_.sql);
      ports::UnitWorkflow w;
      int steps = 0;
      ll by = 0, at = 0;
      s.into(steps);
      s.into(by);
      s.into(at);
      if (!s.run("SELECT internal_steps, updated_by, updated_at FROM unit_workflow WHERE "
                 "unit_id = " +
                 s.param(big(unit_id))))
        return rs::unitWorkflowNotFound(unit_id);
      w.unit_id = unit_id;
      w.config.internal_steps = steps;
      w.updated_by = by;
      w.updated_at = ts(at);
      return w;
    });
  }

  Result<void> setUnitWorkflow(const ports::UnitWorkflow& w) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("INSERT INTO unit_workflow (unit_id, internal_steps, updated_by, updated_at) VALUES (" +
            s.param(big(w.unit_id)) + ", " + s.param(ll(w.config.internal_steps)) + ", " +
            s.param(big(w.updated_by)) + ", " + s.param(big(w.updated_at.micros())) +
            ") ON CONFLICT (unit_id) DO UPDATE SET internal_steps = excluded.internal_steps, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at");
      return {};
    });
  }

  Result<wf::Delegation> addDelegation(wf::Delegation d) override {
    return guarded(c_, true, [&]() -> Result<wf::Delegation> {
      Stmt s(c_.sql);
      ll id = 0;
      s.into(id);
      s.run("INSERT INTO approval_delegation (unit_id, delegator_id, delegate_id, regime_code, "
            "valid_from, valid_to, revoked) VALUES (" +
            s.param(big(d.unit_id)) + ", " + s.param(big(d.delegator_user_id)) + ", " +
            s.param(big(d.delegate_user_id)) + ", " + s.param(d.regime_code) + ", " +
            s.param(d.valid_from.iso()) + ", " + s.param(d.valid_to.iso()) + ", " +
            s.param(ll(d.revoked ? 1 : 0)) + ") RETURNING id");
      d.id = id;
      return d;
    });
  }

  Result<std::vector<wf::Delegation>> delegations(int64_t unit_id) override {
    return guarded(c_, false, [&]() -> Result<std::vector<wf::Delegation>> {
      std::vector<wf::Delegation> out;
      Stmt s(c_.sql);
      ll id = 0, delegator = 0, delegate = 0;
      std::string regime, from, to;
      int revoked = 0;
      s.into(id);
      s.into(delegator);
      s.into(delegate);
      s.into(regime);
      s.into(from);
      s.into(to);
      s.into(revoked);
      if (!s.run("SELECT id, delegator_id, delegate_id, regime_code, valid_from, valid_to, "
                 "revoked FROM approval_delegation WHERE unit_id = " +
                 s.param(big(unit_id)) + " ORDER BY id DESC"))
        return out;
      do {
        wf::Delegation d;
        d.id = id;
        d.unit_id = unit_id;
        d.delegator_user_id = delegator;
        d.delegate_user_id = delegate;
        d.regime_code = regime;
        BAOCAO_ASSIGN(d.valid_from, core::Date::parseIso(from));
        BAOCAO_ASSIGN(d.valid_to, core::Date::parseIso(to));
        d.revoked = revoked != 0;
        out.push_back(std::move(d));
      } while (s.fetch());
      return out;
    });
  }

  Result<void> revokeDelegation(int64_t id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("UPDATE approval_delegation SET revoked = 1 WHERE id = " + s.param(big(id)));
      if (s.affected() == 0) return rs::delegationNotFound(id);
      return {};
    });
  }

 private:
  /// Creates the report_draft row if needed and locks it for the rest of the Tx; returns the
  /// stored revision (0 before the first save).
  int64_t lockDraft(const std::string& key) {
    {
      Stmt s(c_.sql);
      s.run("INSERT INTO report_draft (okey, revision, updated_by, updated_at) VALUES (" +
            s.param(key) +
            ", 0, 0, NULL) ON CONFLICT (okey) DO UPDATE SET revision = report_draft.revision");
    }
    Stmt s(c_.sql);
    ll revision = 0;
    s.into(revision);
    s.run("SELECT revision FROM report_draft WHERE okey = " + s.param(key));
    return revision;
  }

  /// One more revision of the working copy; `who` unset keeps the last editor (a removal).
  int64_t bumpDraft(const std::string& key,
                    const std::optional<std::pair<int64_t, core::Timestamp>>& who) {
    std::optional<ll> by, at;
    if (who) {
      by = who->first;
      at = who->second.micros();
    }
    Stmt s(c_.sql);
    ll revision = 0;
    s.into(revision);
    s.run("INSERT INTO report_draft (okey, revision, updated_by, updated_at) VALUES (" +
          s.param(key) + ", 1, " + s.param(by.value_or(0)) + ", " + s.param(at) +
          ") ON CONFLICT (okey) DO UPDATE SET revision = report_draft.revision + 1, updated_by = " +
          (who ? "excluded.updated_by" : "report_draft.updated_by") + ", updated_at = " +
          (who ? "excluded.updated_at" : "report_draft.updated_at") + " RETURNING revision");
    return revision;
  }

  void writeChanges(const std::string& key, const rs::Changes& changes, int64_t by,
                    core::Timestamp at) {
    int64_t revision = bumpDraft(key, std::make_pair(by, at));
    for (size_t from = 0; from < changes.size(); from += kRowsPerInsert) {
      size_t to = std::min(changes.size(), from + kRowsPerInsert);
      Stmt s(c_.sql);
      std::string q =
          "INSERT INTO report_cell (okey, part, ckey, value, revision, updated_by, updated_at) "
          "VALUES ";
      for (size_t i = from; i < to; ++i) {
        const auto& [k, value] = changes[i];
        q += (i > from ? ", (" : "(") + s.param(key) + ", " + s.param(rs::partId(k.first)) +
             ", " + s.param(k.second) + ", " + s.param(value) + ", " + s.param(big(revision)) +
             ", " + s.param(big(by)) + ", " + s.param(big(at.micros())) + ")";
      }
      q += " ON CONFLICT (okey, part, ckey) DO UPDATE SET value = excluded.value, revision = "
           "excluded.revision, updated_by = excluded.updated_by, updated_at = "
           "excluded.updated_at";
      s.run(q);
    }
  }

  Result<rs::StoredCells> loadCells(const std::string& key) {
    rs::StoredCells out;
    Stmt s(c_.sql);
    std::string part, ckey, value;
    soci::indicator value_ind = soci::i_ok;
    ll revision = 0, by = 0, at = 0;
    s.into(part);
    s.into(ckey);
    s.into(value, value_ind);
    s.into(revision);
    s.into(by);
    s.into(at);
    if (!s.run("SELECT part, ckey, value, revision, updated_by, updated_at FROM report_cell "
               "WHERE okey = " +
               s.param(key)))
      return out;
    do {
      auto p = rs::parsePart(part);
      if (!p) return storageError("phần không hợp lệ '" + part + "' ở báo cáo '" + key + "'");
      std::optional<std::string> v;
      if (value_ind == soci::i_ok) v = value;
      out[{*p, ckey}] = rs::StoredCell{std::move(v), revision, by, ts(at)};
    } while (s.fetch());
    return out;
  }

  Result<ports::Draft> loadDraft(const std::string& key) {
    ll revision = 0, by = 0, at = 0;
    soci::indicator at_ind = soci::i_null;
    {
      Stmt s(c_.sql);
      s.into(revision);
      s.into(by);
      s.into(at, at_ind);
      if (!s.run("SELECT revision, updated_by, updated_at FROM report_draft WHERE okey = " +
                 s.param(key)))
        return rs::toDraft(key, 0, 0, std::nullopt, {});
    }
    BAOCAO_ASSIGN(rs::StoredCells cells, loadCells(key));
    std::optional<core::Timestamp> when;
    if (at_ind == soci::i_ok) when = ts(at);
    return rs::toDraft(key, revision, by, when, cells);
  }

  static std::string signatureParams(Stmt& s, const std::optional<wf::SignatureInfo>& sig) {
    std::optional<std::string> subject, ref;
    std::optional<ll> at, by;
    if (sig) {
      subject = sig->signer_subject;
      ref = sig->signature_ref;
      at = sig->signed_at.micros();
      by = sig->signed_by_user_id;
    }
    return s.param(subject) + ", " + s.param(at) + ", " + s.param(by) + ", " + s.param(ref);
  }

  void insertEntries(const std::string& key, int number, rs::Part part,
                     const std::map<std::string, std::string>& entries) {
    std::vector<const std::pair<const std::string, std::string>*> rows;
    for (const auto& e : entries) rows.push_back(&e);
    for (size_t from = 0; from < rows.size(); from += kRowsPerInsert) {
      size_t to = std::min(rows.size(), from + kRowsPerInsert);
      Stmt s(c_.sql);
      std::string q = "INSERT INTO report_version_entry (okey, number, part, ekey, value) VALUES ";
      for (size_t i = from; i < to; ++i) {
        q += (i > from ? ", (" : "(") + s.param(key) + ", " + s.param(ll(number)) + ", " +
             s.param(rs::partId(part)) + ", " + s.param(rows[i]->first) + ", " +
             s.param(rows[i]->second) + ")";
      }
      s.run(q);
    }
  }

  void insertAttachments(const std::string& key, int number,
                         const std::vector<wf::Attachment>& list) {
    for (size_t i = 0; i < list.size(); ++i) {
      const auto& a = list[i];
      Stmt s(c_.sql);
      s.run("INSERT INTO report_version_attachment (okey, number, seq, name, media_type, size, "
            "sha256) VALUES (" +
            s.param(key) + ", " + s.param(ll(number)) + ", " + s.param(ll(i)) + ", " +
            s.param(a.name) + ", " + s.param(a.media_type) + ", " + s.param(ll(a.size)) + ", " +
            s.param(a.sha256) + ")");
    }
  }

  /// Versions matching `where` (over alias x, applied to the version, entry and attachment
  /// tables alike), with their content, by key and number.
  template <typename Where>
  Result<std::map<VersionKey, ports::StoredVersion>> loadVersions(Where where) {
    std::map<VersionKey, ports::StoredVersion> out;
    {
      Stmt s(c_.sql);
      VersionRow r;
      r.bind(s);
      if (!s.run(std::string("SELECT ") + kVersionCols + " FROM report_version x WHERE " +
                 where(s) + " ORDER BY x.okey, x.number"))
        return out;
      do {
        BAOCAO_ASSIGN(auto v, r.get());
        out[{r.okey, r.number}] = std::move(v);
      } while (s.fetch());
    }
    {
      Stmt s(c_.sql);
      std::string okey, part, ekey, value;
      int number = 0;
      s.into(okey);
      s.into(number);
      s.into(part);
      s.into(ekey);
      s.into(value);
      if (s.run("SELECT x.okey, x.number, x.part, x.ekey, x.value FROM report_version_entry x "
                "WHERE " +
                where(s))) {
        do {
          auto it = out.find({okey, number});
          auto p = rs::parsePart(part);
          if (it == out.end() || !p) continue;
          auto& c = it->second.content;
          (*p == rs::Part::Narrative ? c.narrative : c.values)[ekey] = value;
        } while (s.fetch());
      }
    }
    {
      Stmt s(c_.sql);
      std::string okey;
      int number = 0;
      wf::Attachment a;
      ll size = 0;
      s.into(okey);
      s.into(number);
      s.into(a.name);
      s.into(a.media_type);
      s.into(size);
      s.into(a.sha256);
      if (s.run("SELECT x.okey, x.number, x.name, x.media_type, x.size, x.sha256 FROM "
                "report_version_attachment x WHERE " +
                where(s) + " ORDER BY x.okey, x.number, x.seq")) {
        do {
          auto it = out.find({okey, number});
          if (it == out.end()) continue;
          a.size = static_cast<uint64_t>(size);
          it->second.content.attachments.push_back(a);
        } while (s.fetch());
      }
    }
    return out;
  }

  /// Attachment rows (without their bytes) matching `where` (which may end in ORDER BY).
  template <typename Where>
  Result<std::vector<ports::StoredAttachment>> loadAttachments(Where where) {
    std::vector<ports::StoredAttachment> out;
    Stmt s(c_.sql);
    ports::StoredAttachment a;
    ll id = 0, size = 0, by = 0, at = 0;
    int removed = 0;
    s.into(id);
    s.into(a.obligation_key);
    s.into(a.meta.name);
    s.into(a.meta.media_type);
    s.into(size);
    s.into(a.meta.sha256);
    s.into(by);
    s.into(at);
    s.into(removed);
    if (!s.run("SELECT id, okey, name, media_type, size, sha256, uploaded_by, uploaded_at, "
               "removed FROM report_attachment WHERE " +
               where(s)))
      return out;
    do {
      a.id = id;
      a.meta.size = static_cast<uint64_t>(size);
      a.uploaded_by = by;
      a.uploaded_at = ts(at);
      a.removed = removed != 0;
      out.push_back(a);
    } while (s.fetch());
    return out;
  }

  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::ReportRepository> makeReportRepository(TxContext& c) {
  return std::make_unique<SqlReportRepository>(c);
}

}  // namespace baocao::storage::sql
