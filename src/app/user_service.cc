#include "app/user_service.h"

#include "app/crypto.h"
#include "app/views.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace sec = core::security;

namespace {
core::Error notFoundUser(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy tài khoản " + std::to_string(id));
}
}  // namespace

core::Status UserService::requireManage(const Actor* actor, int64_t unit_id) {
  if (!actor) return core::ok();
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  if (!sec::permits(actor->grants, sec::Action::UserManage, unit_id, anc))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền quản lý tài khoản của đơn vị này (ngoài phạm vi được phân quyền)");
  return core::ok();
}

core::Status UserService::requireRead(const Actor& actor, int64_t unit_id) {
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  if (actor.unit_id == unit_id && sec::permitsAnywhere(actor.grants, sec::Action::UserRead))
    return core::ok();
  if (!sec::permits(actor.grants, sec::Action::UserRead, unit_id, anc))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền xem tài khoản của đơn vị này (ngoài phạm vi được phân quyền)");
  return core::ok();
}

core::Result<std::vector<sec::User>> UserService::list(const Actor& actor,
                                                       core::ports::UserRepository::Query q) {
  if (!sec::permitsAnywhere(actor.grants, sec::Action::UserRead))
    return makeError(ErrorCode::Forbidden, "Không có quyền xem danh sách tài khoản");
  if (!sec::isSystemAdmin(actor.grants)) {
    auto units = ctx_.index.unitsInScope(
        actor.grants, [](sec::Role r) { return sec::rolePermits(r, sec::Action::UserRead); });
    if (q.unit_ids) {
      std::vector<int64_t> both;
      for (int64_t u : *q.unit_ids)
        if (std::binary_search(units.begin(), units.end(), u)) both.push_back(u);
      units = std::move(both);
    }
    q.unit_ids = std::move(units);
  }
  if (q.limit <= 0 || q.limit > 500) q.limit = 500;
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->users().find(q);
}

core::Result<UserService::Detail> UserService::get(const Actor& actor, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  auto u = tx->users().get(id);
  if (!u) return u.error().code == ErrorCode::NotFound ? notFoundUser(id) : u.error();
  if (u->id != actor.user_id) BAOCAO_TRY(requireRead(actor, u->unit_id));
  Detail d{std::move(u).value(), {}};
  BAOCAO_ASSIGN(d.grants, tx->users().grantsOf(id));
  return d;
}

core::Result<sec::User> UserService::create(const Actor* actor, sec::User user,
                                            const std::string& password) {
  user.id = 0;
  BAOCAO_TRY(sec::validateUser(user));
  BAOCAO_TRY(requireManage(actor, user.unit_id));
  {
    auto pw = sec::checkPassword(password, user, ctx_.config.policy);
    if (!pw) {
      core::Error e = pw.error();
      e.message.replace(e.message.find("new_password"), 12, "password");
      for (auto& d : e.details) d.field = "password";
      return e;
    }
  }
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto unit = tx->orgs().get(user.unit_id);
  if (!unit)
    return makeError(ErrorCode::InvalidField, "Trường 'unit_id': không có đơn vị " + std::to_string(user.unit_id),
                     {{"unit_id", "không tồn tại"}});
  user.password_hash = crypto::hashPassword(password, ctx_.config.hash);
  user.must_change_password = true;  // 003 Đ16.2: changed at first login
  user.password_changed_at = ctx_.clock.now();
  user.created_at = ctx_.clock.now();
  user.failed_logins = 0;
  user.locked_until.reset();
  user.revoked = false;
  BAOCAO_ASSIGN(auto created, tx->users().create(user));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"user.create", "user", std::to_string(created.id), created.unit_id, "",
                            views::user(created).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return created;
}

core::Result<sec::User> UserService::update(const Actor& actor, sec::User user) {
  BAOCAO_TRY(sec::validateUser(user));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto found = tx->users().get(user.id);
  if (!found) return found.error().code == ErrorCode::NotFound ? notFoundUser(user.id) : found.error();
  sec::User before = std::move(found).value();
  BAOCAO_TRY(requireManage(&actor, before.unit_id));
  if (user.unit_id != before.unit_id) BAOCAO_TRY(requireManage(&actor, user.unit_id));
  if (before.version != user.version)
    return makeError(ErrorCode::Conflict, "Tài khoản '" + before.username +
                                              "' đã được người khác sửa; hãy tải lại");
  sec::User next = before;
  next.username = user.username;
  next.full_name = user.full_name;
  next.email = user.email;
  next.phone = user.phone;
  next.birth_date = user.birth_date;
  next.unit_id = user.unit_id;
  BAOCAO_ASSIGN(auto after, tx->users().update(next));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"user.update", "user", std::to_string(after.id), after.unit_id,
                            views::user(before).dump(), views::user(after).dump()}));
  BAOCAO_TRY(tx->commit());
  auth_.forgetUser(after.id);
  return after;
}

core::Result<sec::User> UserService::resetPassword(const Actor* actor, int64_t id,
                                                   const std::string& password) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto found = tx->users().get(id);
  if (!found) return found.error().code == ErrorCode::NotFound ? notFoundUser(id) : found.error();
  sec::User u = std::move(found).value();
  BAOCAO_TRY(requireManage(actor, u.unit_id));
  {
    auto pw = sec::checkPassword(password, u, ctx_.config.policy);
    if (!pw) {
      core::Error e = pw.error();
      e.message.replace(e.message.find("new_password"), 12, "password");
      for (auto& d : e.details) d.field = "password";
      return e;
    }
  }
  sec::User before = u;
  u.password_hash = crypto::hashPassword(password, ctx_.config.hash);
  u.must_change_password = true;
  u.password_changed_at = ctx_.clock.now();
  u.failed_logins = 0;
  u.locked_until.reset();
  BAOCAO_ASSIGN(auto after, tx->users().update(u));
  BAOCAO_TRY(tx->sessions().endAllOf(id, ctx_.clock.now()));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"user.reset_password", "user", std::to_string(id), after.unit_id,
                            views::user(before).dump(), views::user(after).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  auth_.forgetUser(id);
  return after;
}

core::Result<sec::User> UserService::revoke(const Actor* actor, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto found = tx->users().get(id);
  if (!found) return found.error().code == ErrorCode::NotFound ? notFoundUser(id) : found.error();
  sec::User u = std::move(found).value();
  BAOCAO_TRY(requireManage(actor, u.unit_id));
  if (actor && actor->user_id == id)
    return makeError(ErrorCode::Forbidden, "Không thể tự thu hồi tài khoản của chính mình");
  sec::User before = u;
  u.revoked = true;
  BAOCAO_ASSIGN(auto after, tx->users().update(u));
  BAOCAO_ASSIGN(auto ended, tx->sessions().endAllOf(id, ctx_.clock.now()));
  BAOCAO_TRY(tx->sessions().revokeAllTokensOf(id));
  nlohmann::json after_json = views::user(after);
  after_json["sessions_ended"] = ended.size();
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"user.revoke", "user", std::to_string(id), after.unit_id,
                            views::user(before).dump(), after_json.dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  auth_.forgetUser(id);
  return after;
}

core::Result<sec::Grant> UserService::addGrant(const Actor* actor, sec::Grant g) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto found = tx->users().get(g.user_id);
  if (!found) return found.error().code == ErrorCode::NotFound ? notFoundUser(g.user_id) : found.error();
  BAOCAO_TRY(requireManage(actor, found->unit_id));
  auto unit = tx->orgs().get(g.unit_id);
  if (!unit)
    return makeError(ErrorCode::InvalidField, "Trường 'unit_id': không có đơn vị " + std::to_string(g.unit_id),
                     {{"unit_id", "không tồn tại"}});
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  if (actor && !sec::mayGrant(actor->grants, g, anc))
    return makeError(ErrorCode::Forbidden,
                     "Không được cấp vai trò '" + std::string(sec::roleLabel(g.role)) +
                         "' trên đơn vị '" + unit->name + "' (vượt quá quyền của người cấp)");
  BAOCAO_ASSIGN(auto existing, tx->users().grantsOf(g.user_id));
  for (const auto& e : existing)
    if (e.role == g.role && e.unit_id == g.unit_id && e.include_subtree == g.include_subtree)
      return makeError(ErrorCode::AlreadyExists, "Tài khoản đã có vai trò này trên đơn vị này");
  BAOCAO_ASSIGN(auto created, tx->users().addGrant(g));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"grant.add", "grant", std::to_string(created.id), created.unit_id, "",
                            views::grant(created).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  auth_.forgetUser(g.user_id);
  return created;
}

core::Status UserService::removeGrant(const Actor& actor, int64_t user_id, int64_t grant_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto found = tx->users().get(user_id);
  if (!found) return found.error().code == ErrorCode::NotFound ? notFoundUser(user_id) : found.error();
  BAOCAO_TRY(requireManage(&actor, found->unit_id));
  BAOCAO_ASSIGN(auto grants, tx->users().grantsOf(user_id));
  const sec::Grant* g = nullptr;
  for (const auto& x : grants)
    if (x.id == grant_id) g = &x;
  if (!g) return makeError(ErrorCode::NotFound, "Không tìm thấy quyền " + std::to_string(grant_id));
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  if (!sec::mayGrant(actor.grants, *g, anc))
    return makeError(ErrorCode::Forbidden, "Không được thu hồi vai trò vượt quá quyền của mình");
  BAOCAO_TRY(tx->users().removeGrant(grant_id));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"grant.remove", "grant", std::to_string(grant_id), g->unit_id,
                            views::grant(*g).dump(), ""}));
  BAOCAO_TRY(tx->commit());
  auth_.forgetUser(user_id);
  return core::ok();
}

}  // namespace baocao::app
