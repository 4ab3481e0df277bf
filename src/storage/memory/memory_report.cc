#include "storage/memory/memory_report.h"

#include <algorithm>

namespace baocao::storage::memory {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;
namespace wf = core::workflow;
namespace rs = core::ports::report_store;

core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}

class MemReports final : public ports::ReportRepository {
 public:
  explicit MemReports(ReportTablesAccess a) : a_(std::move(a)) {}

  // --- working copy
  Result<ports::Draft> draft(const std::string& key) override {
    BAOCAO_TRY(a_.live());
    return draftOf(a_.read(), key);
  }

  Result<ports::SaveOutcome> saveCells(const std::string& key, int64_t base_revision,
                                       const ports::DraftPatch& patch, int64_t by,
                                       core::Timestamp at) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    ports::SaveOutcome out;
    auto it = t->drafts.find(key);
    rs::MergePlan plan =
        it == t->drafts.end() ? rs::planSave({}, base_revision, patch)
                              : rs::planSave(it->second.cells, base_revision, patch);
    if (plan.conflicts.empty() && !plan.changes.empty()) apply(*t, key, plan.changes, by, at);
    out.conflicts = std::move(plan.conflicts);
    out.draft = draftOf(*t, key);
    return out;
  }

  Result<ports::Draft> replaceDraft(const std::string& key, int64_t expected_revision,
                                    const wf::ReportContent& content, int64_t by,
                                    core::Timestamp at) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    auto it = t->drafts.find(key);
    int64_t stored = it == t->drafts.end() ? 0 : it->second.revision;
    if (stored != expected_revision) return rs::draftConflict(stored, expected_revision);
    rs::Changes changes = rs::planReplace(
        it == t->drafts.end() ? rs::StoredCells{} : it->second.cells, content);
    apply(*t, key, changes, by, at);
    return draftOf(*t, key);
  }

  // --- versions, history, signatures
  Result<void> addVersion(const std::string& key, const ports::StoredVersion& v) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    auto& list = t->versions[key];
    int latest = static_cast<int>(list.size());
    if (v.version.number != latest + 1) return rs::versionNotNext(key, v.version.number, latest);
    list.push_back(v);
    return {};
  }
  Result<std::vector<ports::StoredVersion>> versions(const std::string& key) override {
    BAOCAO_TRY(a_.live());
    auto it = a_.read().versions.find(key);
    if (it == a_.read().versions.end()) return std::vector<ports::StoredVersion>{};
    return it->second;
  }
  Result<ports::StoredVersion> version(const std::string& key, int number) override {
    BAOCAO_TRY(a_.live());
    const ports::StoredVersion* v = find(a_.read(), key, number);
    if (!v) return rs::versionNotFound(key, number);
    return *v;
  }
  Result<std::map<std::string, ports::StoredVersion>> latestVersions(
      const std::vector<std::string>& keys) override {
    BAOCAO_TRY(a_.live());
    std::map<std::string, ports::StoredVersion> out;
    for (const auto& key : keys) {
      auto it = a_.read().versions.find(key);
      if (it != a_.read().versions.end() && !it->second.empty()) out[key] = it->second.back();
    }
    return out;
  }
  Result<void> addSignature(const ports::StoredSignature& s) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    auto it = t->versions.find(s.obligation_key);
    if (it == t->versions.end() || s.version < 1 ||
        s.version > static_cast<int>(it->second.size()))
      return rs::versionNotFound(s.obligation_key, s.version);
    auto& v = it->second[static_cast<size_t>(s.version - 1)];
    if (v.version.signature) return rs::signatureTaken(s.obligation_key, s.version);
    v.version.signature = s.info;
    t->signatures[{s.obligation_key, s.version}] = s.cms_der;
    return {};
  }
  Result<ports::StoredSignature> signature(const std::string& key, int number) override {
    BAOCAO_TRY(a_.live());
    const ports::StoredVersion* v = find(a_.read(), key, number);
    auto it = a_.read().signatures.find({key, number});
    if (!v || !v->version.signature || it == a_.read().signatures.end())
      return rs::signatureNotFound(key, number);
    return ports::StoredSignature{key, number, it->second, *v->version.signature};
  }
  Result<void> addHistory(const std::string& key, const wf::HistoryEntry& e) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    t->history[key].push_back(e);
    return {};
  }
  Result<std::vector<wf::HistoryEntry>> history(const std::string& key) override {
    BAOCAO_TRY(a_.live());
    auto it = a_.read().history.find(key);
    if (it == a_.read().history.end()) return std::vector<wf::HistoryEntry>{};
    return it->second;
  }

  // --- comments and attachments
  Result<ports::Comment> addComment(ports::Comment c) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    c.id = t->next_comment++;
    t->comments[c.id] = c;
    return c;
  }
  Result<std::vector<ports::Comment>> comments(const std::string& key) override {
    BAOCAO_TRY(a_.live());
    std::vector<ports::Comment> out;
    for (const auto& [id, c] : a_.read().comments)
      if (c.obligation_key == key) out.push_back(c);
    return out;
  }
  Result<void> resolveComment(int64_t id) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    auto it = t->comments.find(id);
    if (it == t->comments.end()) return rs::commentNotFound(id);
    it->second.resolved = true;
    return {};
  }
  Result<ports::StoredAttachment> addAttachment(ports::StoredAttachment a,
                                                const std::string& bytes) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    a.id = t->next_attachment++;
    a.removed = false;
    t->attachments[a.id] = a;
    t->attachment_bytes[a.id] = std::make_shared<const std::string>(bytes);
    bump(*t, a.obligation_key, a.uploaded_by, a.uploaded_at);
    return a;
  }
  Result<std::vector<ports::StoredAttachment>> attachments(const std::string& key) override {
    BAOCAO_TRY(a_.live());
    std::vector<ports::StoredAttachment> out;
    for (const auto& [id, a] : a_.read().attachments)
      if (a.obligation_key == key && !a.removed) out.push_back(a);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& x, const auto& y) { return x.meta.name < y.meta.name; });
    return out;
  }
  Result<ports::StoredAttachment> attachment(int64_t id) override {
    BAOCAO_TRY(a_.live());
    auto it = a_.read().attachments.find(id);
    if (it == a_.read().attachments.end()) return rs::attachmentNotFound(id);
    return it->second;
  }
  Result<std::string> attachmentBytes(int64_t id) override {
    BAOCAO_TRY(a_.live());
    auto it = a_.read().attachment_bytes.find(id);
    if (it == a_.read().attachment_bytes.end()) return rs::attachmentNotFound(id);
    return *it->second;
  }
  Result<void> removeAttachment(int64_t id) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    auto it = t->attachments.find(id);
    if (it == t->attachments.end()) return rs::attachmentNotFound(id);
    if (it->second.removed) return {};
    it->second.removed = true;
    t->drafts[it->second.obligation_key].revision += 1;  // a change of the working copy
    return {};
  }

  // --- unit settings and delegations
  Result<ports::UnitWorkflow> unitWorkflow(int64_t unit_id) override {
    BAOCAO_TRY(a_.live());
    auto it = a_.read().unit_workflows.find(unit_id);
    if (it == a_.read().unit_workflows.end()) return rs::unitWorkflowNotFound(unit_id);
    return it->second;
  }
  Result<void> setUnitWorkflow(const ports::UnitWorkflow& w) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    t->unit_workflows[w.unit_id] = w;
    return {};
  }
  Result<wf::Delegation> addDelegation(wf::Delegation d) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    d.id = t->next_delegation++;
    t->delegations[d.id] = d;
    return d;
  }
  Result<std::vector<wf::Delegation>> delegations(int64_t unit_id) override {
    BAOCAO_TRY(a_.live());
    std::vector<wf::Delegation> out;
    const auto& all = a_.read().delegations;
    for (auto it = all.rbegin(); it != all.rend(); ++it)
      if (it->second.unit_id == unit_id) out.push_back(it->second);
    return out;
  }
  Result<void> revokeDelegation(int64_t id) override {
    BAOCAO_ASSIGN(ReportTables * t, writable());
    auto it = t->delegations.find(id);
    if (it == t->delegations.end()) return rs::delegationNotFound(id);
    it->second.revoked = true;
    return {};
  }

 private:
  Result<ReportTables*> writable() {
    BAOCAO_TRY(a_.live());
    ReportTables* t = a_.write();
    if (!t) return readOnly();
    return t;
  }
  static ports::Draft draftOf(const ReportTables& t, const std::string& key) {
    auto it = t.drafts.find(key);
    if (it == t.drafts.end()) return rs::toDraft(key, 0, 0, std::nullopt, {});
    const auto& d = it->second;
    return rs::toDraft(key, d.revision, d.updated_by, d.updated_at, d.cells);
  }
  static const ports::StoredVersion* find(const ReportTables& t, const std::string& key,
                                          int number) {
    auto it = t.versions.find(key);
    if (it == t.versions.end() || number < 1 || number > static_cast<int>(it->second.size()))
      return nullptr;
    return &it->second[static_cast<size_t>(number - 1)];
  }
  // One successful save: the revision grows by one, the changed entries carry it.
  static ReportTables::DraftRow& bump(ReportTables& t, const std::string& key, int64_t by,
                                      core::Timestamp at) {
    auto& d = t.drafts[key];
    d.revision += 1;
    d.updated_by = by;
    d.updated_at = at;
    return d;
  }
  static void apply(ReportTables& t, const std::string& key, const rs::Changes& changes,
                    int64_t by, core::Timestamp at) {
    auto& d = bump(t, key, by, at);
    for (const auto& [k, value] : changes) d.cells[k] = rs::StoredCell{value, d.revision, by, at};
  }

  ReportTablesAccess a_;
};

}  // namespace

std::unique_ptr<ports::ReportRepository> makeReportRepository(ReportTablesAccess access) {
  return std::make_unique<MemReports>(std::move(access));
}

}  // namespace baocao::storage::memory
