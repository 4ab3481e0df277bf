// Storage port for reports (báo cáo): the working copy an officer fills in for one obligation,
// its frozen versions with their signatures, the history of workflow actions, comments on
// values, attachments, and the per-unit workflow settings and approval delegations
// (core/workflow; issue 5 points 3–6; docs/domain/workflow.md).
//
// A report is identified by its obligation key ("BC-KTXH/202603/u42"); the report's workflow
// state lives on the obligation row (ObligationRepository::setState), so "what do I owe" and
// the report never disagree. The service changes both in one Tx.
//
// No lost update (issue 5 point 5): every cell of the working copy carries the draft revision
// at which it last changed. saveCells() takes the revision the editor started from; a cell that
// someone else changed after that revision is a conflict (unless the new value equals the stored
// one), and then NOTHING is written — the caller answers 409 with the other person's value, who
// and when (CellConflict). Cells nobody else touched merge: two officers typing in different
// rows never block each other.
//
// Errors every method may return: StorageError. Thread-safety: like every repository, it
// belongs to its Tx (one thread at a time).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/workflow/submission.h"
#include "core/workflow/workflow.h"

namespace baocao::core::ports {

/// One cell (or narrative section) of the working copy.
struct DraftCell {
  std::string value;       // as stored: decimal with '.' and no grouping, or text; never ""
  int64_t revision = 0;    // the draft revision at which it last changed
  int64_t updated_by = 0;  // user id
  Timestamp updated_at;
  bool operator==(const DraftCell&) const = default;
};

/// The working copy of a report. `revision` is 0 before the first save and grows by one on
/// every successful save (cells, narrative, explanations or attachments).
struct Draft {
  std::string obligation_key;
  int64_t revision = 0;
  std::map<std::string, DraftCell> values;        // cell code ("CT01.TH") → cell
  std::map<std::string, DraftCell> narrative;     // section code ("I") → text
  /// Explanations of warnings (004 Đ7: a warning needs the officer's explanation), rule code
  /// ("R2", or "R2@CT01" for a row rule) → text.
  std::map<std::string, DraftCell> explanations;
  std::optional<Timestamp> updated_at;  // unset before the first save
  int64_t updated_by = 0;
};

/// What one save changes. A value "" (or a narrative/explanation "") clears that entry.
struct DraftPatch {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> narrative;
  std::map<std::string, std::string> explanations;
};

/// A cell someone else changed after the editor's base revision.
struct CellConflict {
  enum class Part { Value, Narrative, Explanation };
  Part part = Part::Value;
  std::string key;              // cell / section / rule code
  std::string mine;             // the value the caller tried to save ("" = clear)
  std::optional<std::string> theirs;  // the stored value (unset = cleared by them)
  int64_t their_revision = 0;
  int64_t their_user_id = 0;
  Timestamp their_at;
};

struct SaveOutcome {
  /// Empty: saved, `draft` is the new working copy. Not empty: nothing was written, `draft` is
  /// the stored working copy as it is.
  std::vector<CellConflict> conflicts;
  Draft draft;
};

/// A frozen version: the content as it was (core::workflow::SubmissionVersion + the content).
struct StoredVersion {
  workflow::SubmissionVersion version;  // number, hash, when, who, note, signature info
  workflow::ReportContent content;
  /// The canonical bytes that were hashed (app/signing/canonical.h), kept verbatim so that a
  /// signature can be checked years later even if the canonical format evolves.
  std::string canonical;
};

/// The DER CMS of a version's signature.
struct StoredSignature {
  std::string obligation_key;
  int version = 0;
  std::string cms_der;
  workflow::SignatureInfo info;
};

struct Comment {
  int64_t id = 0;  // assigned by the store
  std::string obligation_key;
  std::string cell;  // cell code, section code, or "" for the report as a whole
  std::string text;
  int64_t author_id = 0;
  Timestamp at;
  bool resolved = false;
};

struct StoredAttachment {
  int64_t id = 0;  // assigned by the store
  std::string obligation_key;
  workflow::Attachment meta;  // name, media type, size, sha256
  int64_t uploaded_by = 0;
  Timestamp uploaded_at;
  bool removed = false;  // removed from the working copy; versions still reference its hash
};

/// A unit's internal workflow (1–3 steps) and whether approval needs a signature.
struct UnitWorkflow {
  int64_t unit_id = 0;
  workflow::WorkflowConfig config;
  int64_t updated_by = 0;
  Timestamp updated_at;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;

  // --- working copy -------------------------------------------------------------------------
  /// The working copy; an empty Draft (revision 0) when nothing was saved yet (never NotFound).
  virtual Result<Draft> draft(const std::string& obligation_key) = 0;
  /// Applies `patch` when no entry it touches changed after `base_revision` (see the header
  /// comment); otherwise writes nothing and lists the conflicts. An empty patch bumps nothing
  /// and returns the stored draft.
  virtual Result<SaveOutcome> saveCells(const std::string& obligation_key, int64_t base_revision,
                                        const DraftPatch& patch, int64_t by_user_id,
                                        Timestamp at) = 0;
  /// Replaces the whole working copy with `content` (restoring a version after a return, or
  /// applying an uploaded XLSX atomically): entries absent from `content` are cleared; bumps the
  /// revision once. Conflict when the stored revision is not `expected_revision`.
  virtual Result<Draft> replaceDraft(const std::string& obligation_key, int64_t expected_revision,
                                     const workflow::ReportContent& content, int64_t by_user_id,
                                     Timestamp at) = 0;

  // --- versions, history, signatures --------------------------------------------------------
  /// Appends version `v.version.number`, which must be the next number (1, 2, …): AlreadyExists
  /// otherwise (two approvers racing).
  virtual Result<void> addVersion(const std::string& obligation_key, const StoredVersion& v) = 0;
  /// Oldest first, with content.
  virtual Result<std::vector<StoredVersion>> versions(const std::string& obligation_key) = 0;
  virtual Result<StoredVersion> version(const std::string& obligation_key, int number) = 0;
  /// The latest version of each key that has one (keys without a version are absent), for
  /// consolidation over many units in one query.
  virtual Result<std::map<std::string, StoredVersion>> latestVersions(
      const std::vector<std::string>& obligation_keys) = 0;
  /// Stores the signature of a version and its SignatureInfo on the version. NotFound (no such
  /// version); AlreadyExists (the version is signed: a signature never changes).
  virtual Result<void> addSignature(const StoredSignature& s) = 0;
  virtual Result<StoredSignature> signature(const std::string& obligation_key, int version) = 0;
  /// Appends one workflow action; history is never edited.
  virtual Result<void> addHistory(const std::string& obligation_key,
                                  const workflow::HistoryEntry& e) = 0;
  virtual Result<std::vector<workflow::HistoryEntry>> history(
      const std::string& obligation_key) = 0;  // oldest first

  // --- comments and attachments -------------------------------------------------------------
  virtual Result<Comment> addComment(Comment c) = 0;
  virtual Result<std::vector<Comment>> comments(const std::string& obligation_key) = 0;
  virtual Result<void> resolveComment(int64_t comment_id) = 0;  // NotFound
  /// Stores the bytes; `a.meta.sha256` and `size` must describe them (the service computes).
  virtual Result<StoredAttachment> addAttachment(StoredAttachment a, const std::string& bytes) = 0;
  /// Non-removed attachments of the working copy, by name.
  virtual Result<std::vector<StoredAttachment>> attachments(const std::string& obligation_key) = 0;
  virtual Result<StoredAttachment> attachment(int64_t id) = 0;       // NotFound
  virtual Result<std::string> attachmentBytes(int64_t id) = 0;      // NotFound
  virtual Result<void> removeAttachment(int64_t id) = 0;            // NotFound

  // --- unit settings and delegations --------------------------------------------------------
  /// NotFound when the unit has no stored setting (the service then uses 2 steps).
  virtual Result<UnitWorkflow> unitWorkflow(int64_t unit_id) = 0;
  virtual Result<void> setUnitWorkflow(const UnitWorkflow& w) = 0;  // insert or replace
  virtual Result<workflow::Delegation> addDelegation(workflow::Delegation d) = 0;  // sets id
  /// Delegations concerning a unit (revoked ones included), newest first.
  virtual Result<std::vector<workflow::Delegation>> delegations(int64_t unit_id) = 0;
  virtual Result<void> revokeDelegation(int64_t delegation_id) = 0;  // NotFound
};

}  // namespace baocao::core::ports
