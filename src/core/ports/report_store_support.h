// What every ReportRepository adapter (storage/memory, storage/sql) computes the same way: the
// merge of a DraftPatch into the stored working copy (which entries conflict, which change),
// the plan of replaceDraft(), and the error messages, worded once so that memory, SQLite and
// PostgreSQL answer identically (tests/contract/report_store_test.cc compares them).
//
// The stored working copy keeps a tombstone (value unset) for every entry that was cleared, with
// the revision, user and time of the clearing: without it a cell cleared by someone else after
// the editor's base revision could not be told from a cell nobody ever filled (issue 5 point 5).
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/ports/report_repository.h"

namespace baocao::core::ports::report_store {

using Part = CellConflict::Part;
/// Stable ids of the parts, as stored in the database: "value", "narrative", "explanation".
std::string partId(Part p);
std::optional<Part> parsePart(const std::string& id);

/// One stored entry of the working copy; `value` unset = cleared (a tombstone).
struct StoredCell {
  std::optional<std::string> value;
  int64_t revision = 0;
  int64_t updated_by = 0;
  Timestamp updated_at;
};
using CellKey = std::pair<Part, std::string>;
using StoredCells = std::map<CellKey, StoredCell>;

/// The entries to write (value unset = clear), in key order.
using Changes = std::vector<std::pair<CellKey, std::optional<std::string>>>;

struct MergePlan {
  std::vector<CellConflict> conflicts;  // not empty: write nothing
  Changes changes;  // entries whose value differs from the stored one (empty: bump nothing)
};
/// saveCells(): an entry the patch touches conflicts when it was stored at a revision after
/// `base_revision` and its stored value differs from the new one ("" clears). Entries equal to
/// what is stored are neither conflicts nor changes.
MergePlan planSave(const StoredCells& stored, int64_t base_revision, const DraftPatch& patch);

/// replaceDraft(): values and narrative become exactly `content`'s (entries absent from it are
/// cleared). Explanations are not part of a ReportContent and are left as they are.
Changes planReplace(const StoredCells& stored, const workflow::ReportContent& content);

/// The Draft seen by callers: tombstones left out.
Draft toDraft(const std::string& obligation_key, int64_t revision, int64_t updated_by,
              std::optional<Timestamp> updated_at, const StoredCells& cells);

core::Error draftConflict(int64_t stored_revision, int64_t expected_revision);
core::Error versionNotNext(const std::string& key, int number, int latest);
core::Error versionNotFound(const std::string& key, int number);
core::Error signatureTaken(const std::string& key, int version);
core::Error signatureNotFound(const std::string& key, int version);
core::Error commentNotFound(int64_t id);
core::Error attachmentNotFound(int64_t id);
core::Error unitWorkflowNotFound(int64_t unit_id);
core::Error delegationNotFound(int64_t id);

}  // namespace baocao::core::ports::report_store
