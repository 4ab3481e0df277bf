#include "app/audit_service.h"

#include <algorithm>

#include "app/crypto.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
namespace sec = core::security;

core::Status AuditService::append(core::ports::Tx& tx, const Actor* actor, const AuditEvent& ev,
                                  const std::string& actor_name_override,
                                  const std::string& ip_override) {
  BAOCAO_ASSIGN(auto head, tx.audit().lockHead());
  core::audit::AuditEntry e;
  e.seq = head.first + 1;
  e.prev_hash = head.second;
  e.at = ctx_.clock.now();
  if (actor) {
    e.actor_id = actor->user_id;
    e.actor_name = actor->username;
    e.ip = actor->ip;
  }
  if (!actor_name_override.empty()) e.actor_name = actor_name_override;
  if (!ip_override.empty()) e.ip = ip_override;
  e.action = ev.action;
  e.entity_type = ev.entity_type;
  e.entity_id = ev.entity_id;
  e.unit_id = ev.unit_id;
  e.before_json = ev.before_json;
  e.after_json = ev.after_json;
  e.hash = crypto::sha256Hex(core::audit::canonical(e));
  return tx.audit().append(e);
}

core::Result<std::vector<core::audit::AuditEntry>> AuditService::find(
    const Actor& actor, core::ports::AuditRepository::Query q) {
  if (!sec::permitsAnywhere(actor.grants, sec::Action::AuditRead))
    return makeError(ErrorCode::Forbidden, "Không có quyền xem nhật ký hệ thống");
  if (!sec::isSystemAdmin(actor.grants)) {
    q.unit_ids = ctx_.index.unitsInScope(
        actor.grants, [](sec::Role r) { return sec::rolePermits(r, sec::Action::AuditRead); });
  }
  if (q.limit <= 0 || q.limit > 200) q.limit = 200;
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(core::ports::TxMode::Read));
  return tx->audit().find(q);
}

core::Result<VerifyReport> AuditService::verify(const Actor* actor) {
  if (actor && !sec::isSystemAdmin(actor->grants) &&
      std::none_of(actor->grants.begin(), actor->grants.end(),
                   [](const sec::Grant& g) { return g.role == sec::Role::Inspector; }))
    return makeError(ErrorCode::Forbidden,
                     "Chỉ quản trị hệ thống và thanh tra được kiểm tra toàn vẹn nhật ký");
  // A write transaction holds the chain head still while we read, so entries appended
  // meanwhile cannot be mistaken for tampering. Nothing is written; the Tx is rolled back.
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(core::ports::TxMode::Write));
  BAOCAO_ASSIGN(auto head, tx->audit().lockHead());
  VerifyReport rep;
  std::string prev = core::audit::kGenesisHash;
  int64_t expect_seq = 1;
  int64_t after = 0;
  for (;;) {
    BAOCAO_ASSIGN(auto page, tx->audit().scan(after, 2000));
    if (page.empty()) break;
    for (const auto& e : page) {
      auto fail = [&](std::string why) {
        rep.ok = false;
        rep.first_bad_seq = e.seq;
        rep.problem = std::move(why);
      };
      if (e.seq != expect_seq) {
        rep.ok = false;
        rep.first_bad_seq = expect_seq;
        rep.problem = "Thiếu bản ghi số " + std::to_string(expect_seq) + " (đã bị xóa)";
        return rep;
      }
      if (e.prev_hash != prev) {
        fail("Bản ghi số " + std::to_string(e.seq) +
             ": mã băm của bản ghi trước không khớp (bản ghi trước đã bị sửa hoặc xóa)");
        return rep;
      }
      if (crypto::sha256Hex(core::audit::canonical(e)) != e.hash) {
        fail("Bản ghi số " + std::to_string(e.seq) + ": nội dung đã bị sửa sau khi ghi");
        return rep;
      }
      prev = e.hash;
      ++expect_seq;
      ++rep.checked;
      after = e.seq;
    }
  }
  // The chain head must match the last entry: catches deletion of the newest entries.
  if (head.first != rep.checked || head.second != prev) {
    rep.ok = false;
    rep.first_bad_seq = rep.checked + 1;
    rep.problem = "Nhật ký kết thúc ở bản ghi số " + std::to_string(rep.checked) +
                  " nhưng đầu chuỗi ghi nhận bản ghi số " + std::to_string(head.first) +
                  " (các bản ghi cuối đã bị xóa hoặc sửa)";
  }
  return rep;
}

}  // namespace baocao::app
