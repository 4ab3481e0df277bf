#include "core/ports/report_store_support.h"

namespace baocao::core::ports::report_store {

using core::ErrorCode;
using core::makeError;

std::string partId(Part p) {
  switch (p) {
    case Part::Value:
      return "value";
    case Part::Narrative:
      return "narrative";
    case Part::Explanation:
      return "explanation";
  }
  return "value";
}

std::optional<Part> parsePart(const std::string& id) {
  for (auto p : {Part::Value, Part::Narrative, Part::Explanation})
    if (partId(p) == id) return p;
  return std::nullopt;
}

namespace {

std::optional<std::string> asStored(const std::string& v) {
  if (v.empty()) return std::nullopt;
  return v;
}

const StoredCell* find(const StoredCells& stored, const CellKey& key) {
  auto it = stored.find(key);
  return it == stored.end() ? nullptr : &it->second;
}

}  // namespace

MergePlan planSave(const StoredCells& stored, int64_t base_revision, const DraftPatch& patch) {
  MergePlan plan;
  auto visit = [&](Part part, const std::map<std::string, std::string>& entries) {
    for (const auto& [key, mine] : entries) {
      CellKey k{part, key};
      std::optional<std::string> wanted = asStored(mine);
      const StoredCell* cell = find(stored, k);
      std::optional<std::string> current = cell ? cell->value : std::nullopt;
      if (current == wanted) continue;  // the same value: neither a conflict nor a change
      if (cell && cell->revision > base_revision) {
        CellConflict c;
        c.part = part;
        c.key = key;
        c.mine = mine;
        c.theirs = cell->value;
        c.their_revision = cell->revision;
        c.their_user_id = cell->updated_by;
        c.their_at = cell->updated_at;
        plan.conflicts.push_back(std::move(c));
        continue;
      }
      plan.changes.emplace_back(std::move(k), std::move(wanted));
    }
  };
  visit(Part::Value, patch.values);
  visit(Part::Narrative, patch.narrative);
  visit(Part::Explanation, patch.explanations);
  return plan;
}

Changes planReplace(const StoredCells& stored, const workflow::ReportContent& content) {
  Changes changes;
  auto visit = [&](Part part, const std::map<std::string, std::string>& entries) {
    for (const auto& [key, value] : entries) {
      const StoredCell* cell = find(stored, {part, key});
      std::optional<std::string> wanted = asStored(value);
      if ((cell ? cell->value : std::nullopt) != wanted) changes.push_back({{part, key}, wanted});
    }
    for (const auto& [k, cell] : stored) {  // stored entries absent from the content: cleared
      if (k.first != part || !cell.value || entries.count(k.second)) continue;
      changes.push_back({k, std::nullopt});
    }
  };
  visit(Part::Value, content.values);
  visit(Part::Narrative, content.narrative);
  return changes;
}

Draft toDraft(const std::string& obligation_key, int64_t revision, int64_t updated_by,
              std::optional<Timestamp> updated_at, const StoredCells& cells) {
  Draft d;
  d.obligation_key = obligation_key;
  d.revision = revision;
  d.updated_by = updated_by;
  d.updated_at = updated_at;
  for (const auto& [k, cell] : cells) {
    if (!cell.value) continue;
    DraftCell out{*cell.value, cell.revision, cell.updated_by, cell.updated_at};
    switch (k.first) {
      case Part::Value:
        d.values[k.second] = std::move(out);
        break;
      case Part::Narrative:
        d.narrative[k.second] = std::move(out);
        break;
      case Part::Explanation:
        d.explanations[k.second] = std::move(out);
        break;
    }
  }
  return d;
}

core::Error draftConflict(int64_t stored_revision, int64_t expected_revision) {
  return makeError(ErrorCode::Conflict,
                   "Bản đang nhập đã được người khác lưu (phiên bản lưu " +
                       std::to_string(stored_revision) + ", bạn đang sửa từ " +
                       std::to_string(expected_revision) + "); hãy tải lại và thử lại");
}
core::Error versionNotNext(const std::string& key, int number, int latest) {
  return makeError(ErrorCode::AlreadyExists,
                   "Báo cáo '" + key + "': phiên bản " + std::to_string(number) +
                       " không phải phiên bản kế tiếp (phiên bản mới nhất là " +
                       std::to_string(latest) + ")");
}
core::Error versionNotFound(const std::string& key, int number) {
  return makeError(ErrorCode::NotFound, "Báo cáo '" + key + "' không có phiên bản " +
                                            std::to_string(number));
}
core::Error signatureTaken(const std::string& key, int version) {
  return makeError(ErrorCode::AlreadyExists,
                   "Phiên bản " + std::to_string(version) + " của báo cáo '" + key +
                       "' đã được ký; chữ ký không thể thay đổi");
}
core::Error signatureNotFound(const std::string& key, int version) {
  return makeError(ErrorCode::NotFound, "Phiên bản " + std::to_string(version) +
                                            " của báo cáo '" + key + "' chưa được ký");
}
core::Error commentNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy ý kiến (id " + std::to_string(id) + ")");
}
core::Error attachmentNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound,
                   "Không tìm thấy tệp đính kèm (id " + std::to_string(id) + ")");
}
core::Error unitWorkflowNotFound(int64_t unit_id) {
  return makeError(ErrorCode::NotFound, "Đơn vị (id " + std::to_string(unit_id) +
                                            ") chưa có cấu hình quy trình duyệt riêng");
}
core::Error delegationNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound,
                   "Không tìm thấy ủy quyền duyệt (id " + std::to_string(id) + ")");
}

}  // namespace baocao::core::ports::report_store
