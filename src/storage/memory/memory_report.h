// In-memory twin of the report tables (storage/sql/sql_report.cc, migration 7): the data lives in
// ReportTables, a value member of the memory store's State, so a write Tx works on its private
// copy like every other table (attachment bytes are shared, immutable, so copying is cheap).
// Same error codes, messages and ordering as the SQL adapter; the merge of a save is computed by
// core/ports/report_store_support.h for both (tests/contract/report_store_test.cc).
// Thread-safety: a repository belongs to its Tx (one thread at a time).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/ports/report_repository.h"
#include "core/ports/report_store_support.h"

namespace baocao::storage::memory {

struct ReportTables {
  struct DraftRow {
    int64_t revision = 0;
    int64_t updated_by = 0;
    std::optional<core::Timestamp> updated_at;
    core::ports::report_store::StoredCells cells;  // with tombstones
  };
  std::map<std::string, DraftRow> drafts;
  std::map<std::string, std::vector<core::ports::StoredVersion>> versions;  // [i] = number i+1
  std::map<std::pair<std::string, int>, std::string> signatures;             // DER CMS
  std::map<std::string, std::vector<core::workflow::HistoryEntry>> history;
  std::map<int64_t, core::ports::Comment> comments;
  std::map<int64_t, core::ports::StoredAttachment> attachments;
  std::map<int64_t, std::shared_ptr<const std::string>> attachment_bytes;
  std::map<int64_t, core::ports::UnitWorkflow> unit_workflows;
  std::map<int64_t, core::workflow::Delegation> delegations;
  int64_t next_comment = 1, next_attachment = 1, next_delegation = 1;
};

struct ReportTablesAccess {
  std::function<core::Status()> live;
  std::function<const ReportTables&()> read;
  std::function<ReportTables*()> write;  // nullptr in a read Tx
};

std::unique_ptr<core::ports::ReportRepository> makeReportRepository(ReportTablesAccess access);

}  // namespace baocao::storage::memory
