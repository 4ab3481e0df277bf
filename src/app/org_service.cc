#include "app/org_service.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "app/unit_scope.h"
#include "app/views.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace sec = core::security;
namespace org = core::org;

namespace {
core::Error forbidden(const std::string& what) {
  return makeError(ErrorCode::Forbidden, "Không có quyền " + what + " (ngoài phạm vi được phân quyền)");
}
}  // namespace

core::Status OrgService::requireWrite(const Actor& actor, std::optional<int64_t> unit_id) {
  if (!unit_id) {
    if (sec::isSystemAdmin(actor.grants)) return core::ok();
    return forbidden("tạo đơn vị cấp cao nhất");
  }
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  if (!sec::permits(actor.grants, sec::Action::OrgWrite, *unit_id, anc)) {
    std::string name = std::to_string(*unit_id);
    if (auto tx = ctx_.store.begin(TxMode::Read))
      if (auto u = tx.value()->orgs().get(*unit_id)) name = "'" + u->name + "' (" + u->code + ")";
    return forbidden("sửa cơ cấu tổ chức của đơn vị " + name);
  }
  return core::ok();
}

core::Result<OrgService::Page> OrgService::list(const Actor& actor,
                                                const core::ports::OrgQuery& q) {
  if (!sec::permitsAnywhere(actor.grants, sec::Action::OrgRead))
    return makeError(ErrorCode::Forbidden, "Không có quyền xem cơ cấu tổ chức");
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  Page p;
  BAOCAO_ASSIGN(p.items, tx->orgs().find(q));
  BAOCAO_ASSIGN(p.total, tx->orgs().count(q));
  std::vector<int64_t> ids;
  for (const auto& u : p.items) ids.push_back(u.id);
  BAOCAO_ASSIGN(p.child_counts, tx->orgs().childCounts(ids));
  return p;
}

core::Result<OrgDetail> OrgService::get(const Actor& actor, int64_t id) {
  if (!sec::permitsAnywhere(actor.grants, sec::Action::OrgRead))
    return makeError(ErrorCode::Forbidden, "Không có quyền xem cơ cấu tổ chức");
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  OrgDetail d;
  BAOCAO_ASSIGN(d.unit, tx->orgs().get(id));
  std::optional<int64_t> cur = d.unit.parent_id;
  for (int i = 0; cur && i < 64; ++i) {
    BAOCAO_ASSIGN(auto p, tx->orgs().get(*cur));
    cur = p.parent_id;
    d.path.insert(d.path.begin(), std::move(p));
  }
  BAOCAO_ASSIGN(auto links, tx->orgs().linksOf(id));
  for (const auto& l : links) {
    BAOCAO_ASSIGN(auto from, tx->orgs().get(l.from_id));
    BAOCAO_ASSIGN(auto to, tx->orgs().get(l.to_id));
    OrgDetail::LinkView v{l, std::move(from), std::move(to)};
    (l.to_id == id ? d.predecessors : d.successors).push_back(std::move(v));
  }
  BAOCAO_ASSIGN(auto counts, tx->orgs().childCounts({id}));
  d.child_count = counts.empty() ? 0 : counts[0];
  return d;
}

core::Result<std::vector<org::OrgUnit>> OrgService::unitsByIds(const std::vector<int64_t>& ids) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  std::vector<org::OrgUnit> out;
  for (int64_t id : ids) {
    auto u = tx->orgs().get(id);
    if (u) out.push_back(std::move(u).value());
    else if (u.error().code != ErrorCode::NotFound) return u.error();
  }
  return out;
}

core::Result<org::OrgUnit> OrgService::create(const Actor& actor, org::OrgUnit unit) {
  unit.id = 0;
  BAOCAO_TRY(org::validateUnit(unit));
  BAOCAO_TRY(requireWrite(actor, unit.parent_id));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  unit.level = 1;
  if (unit.parent_id) {
    auto parent = tx->orgs().get(*unit.parent_id);
    if (!parent) {
      if (parent.error().code == ErrorCode::NotFound)
        return makeError(ErrorCode::InvalidField, "Trường 'parent_id': không có đơn vị cấp trên " +
                                                      std::to_string(*unit.parent_id),
                         {{"parent_id", "không tồn tại"}});
      return parent.error();
    }
    unit.level = parent->level + 1;
  }
  BAOCAO_ASSIGN(auto created, tx->orgs().create(unit));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"org.create", "org_unit", std::to_string(created.id), created.id, "",
                            views::org(created).dump()}));
  BAOCAO_TRY(tx->commit());
  ctx_.index.invalidate();
  return created;
}

core::Result<org::OrgUnit> OrgService::update(const Actor& actor, org::OrgUnit unit) {
  BAOCAO_TRY(org::validateUnit(unit));
  BAOCAO_TRY(requireWrite(actor, unit.id));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto before, tx->orgs().get(unit.id));
  if (before.version != unit.version)
    return makeError(ErrorCode::Conflict,
                     "Đơn vị '" + before.name + "' đã được người khác sửa (phiên bản " +
                         std::to_string(before.version) + ", bạn đang sửa phiên bản " +
                         std::to_string(unit.version) + "); hãy tải lại");
  unit.level = 1;
  if (unit.parent_id) {
    if (*unit.parent_id != before.parent_id.value_or(-1)) {
      BAOCAO_TRY(requireWrite(actor, unit.parent_id));
      if (ctx_.index.isAncestorOrSelf(unit.id, *unit.parent_id))
        return makeError(ErrorCode::InvalidHierarchy,
                         "Trường 'parent_id': không thể chuyển đơn vị vào đơn vị cấp dưới của chính nó",
                         {{"parent_id", "tạo vòng lặp"}});
    }
    auto parent = tx->orgs().get(*unit.parent_id);
    if (!parent)
      return makeError(ErrorCode::InvalidField, "Trường 'parent_id': không có đơn vị cấp trên " +
                                                    std::to_string(*unit.parent_id),
                       {{"parent_id", "không tồn tại"}});
    unit.level = parent->level + 1;
  } else if (before.parent_id) {
    BAOCAO_TRY(requireWrite(actor, std::nullopt));
  }
  BAOCAO_ASSIGN(auto after, tx->orgs().update(unit));
  // (the store recomputes the levels of a moved subtree)
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"org.update", "org_unit", std::to_string(after.id), after.id,
                            views::org(before).dump(), views::org(after).dump()}));
  BAOCAO_TRY(tx->commit());
  ctx_.index.invalidate();
  return after;
}

core::Result<org::SuccessorLink> OrgService::addLink(const Actor& actor, org::SuccessorLink l) {
  BAOCAO_TRY(org::validateLink(l));
  BAOCAO_TRY(requireWrite(actor, l.from_id));
  BAOCAO_TRY(requireWrite(actor, l.to_id));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  for (int64_t id : {l.from_id, l.to_id}) {
    auto u = tx->orgs().get(id);
    if (!u)
      return makeError(ErrorCode::InvalidField,
                       std::string("Trường '") + (id == l.from_id ? "from_id" : "to_id") +
                           "': không có đơn vị " + std::to_string(id),
                       {{id == l.from_id ? "from_id" : "to_id", "không tồn tại"}});
  }
  BAOCAO_ASSIGN(auto created, tx->orgs().addLink(l));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"org.link_add", "org_link", std::to_string(created.id), created.to_id,
                            "", views::link(created).dump()}));
  BAOCAO_TRY(tx->commit());
  return created;
}

core::Status OrgService::removeLink(const Actor& actor, int64_t link_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto all, tx->orgs().allLinks());
  const org::SuccessorLink* found = nullptr;
  for (const auto& l : all)
    if (l.id == link_id) found = &l;
  if (!found) return makeError(ErrorCode::NotFound, "Không tìm thấy liên kết kế thừa " + std::to_string(link_id));
  BAOCAO_TRY(requireWrite(actor, found->from_id));
  BAOCAO_TRY(requireWrite(actor, found->to_id));
  BAOCAO_TRY(tx->orgs().removeLink(link_id));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"org.link_remove", "org_link", std::to_string(link_id), found->to_id,
                            views::link(*found).dump(), ""}));
  return tx->commit();
}

core::Result<ImportReport> OrgService::importUnits(const Actor* actor, const OrgImport& file) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  // Existing units by code, to decide create vs update and to resolve parents.
  std::unordered_map<std::string, org::OrgUnit> existing;
  {
    BAOCAO_ASSIGN(auto units, allUnits(*tx));
    for (auto& u : units) existing.emplace(u.code, std::move(u));
  }
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  auto mayWrite = [&](std::optional<int64_t> unit_id) {
    if (!actor) return true;  // the operator on the command line
    if (!unit_id) return sec::isSystemAdmin(actor->grants);
    return sec::permits(actor->grants, sec::Action::OrgWrite, *unit_id, anc);
  };
  std::vector<core::ErrorDetail> problems;
  auto problem = [&](size_t row, std::string msg) {
    if (problems.size() < 100)
      problems.push_back({"dòng " + std::to_string(row + 1), std::move(msg)});
  };
  std::vector<core::ports::OrgRepository::ImportRow> fresh;
  std::unordered_set<std::string> in_file;
  ImportReport rep;
  std::vector<std::pair<size_t, org::OrgUnit>> changed;  // row, updated unit
  for (size_t i = 0; i < file.units.size(); ++i) {
    const auto& row = file.units[i];
    auto v = org::validateUnit(row.unit);
    if (!v) {
      problem(i, v.error().message);
      continue;
    }
    if (!in_file.insert(row.unit.code).second) {
      problem(i, "mã '" + row.unit.code + "' trùng với một dòng trước");
      continue;
    }
    std::optional<int64_t> parent_id;
    bool parent_in_file_new = false;
    if (!row.parent_code.empty()) {
      auto it = existing.find(row.parent_code);
      if (it != existing.end()) {
        parent_id = it->second.id;
      } else if (in_file.count(row.parent_code)) {
        parent_in_file_new = true;  // created earlier in this file; scope checked there
      } else {
        problem(i, "mã cấp trên '" + row.parent_code + "' không có trong tệp hoặc hệ thống");
        continue;
      }
    }
    auto ex = existing.find(row.unit.code);
    if (ex == existing.end()) {
      if (!parent_in_file_new && !mayWrite(parent_id)) {
        problem(i, "không có quyền thêm đơn vị vào đơn vị cấp trên '" + row.parent_code + "'");
        continue;
      }
      fresh.push_back({row.unit, row.parent_code});
    } else {
      org::OrgUnit u = ex->second;
      if (!mayWrite(u.id)) {
        problem(i, "không có quyền sửa đơn vị '" + u.code + "'");
        continue;
      }
      if (parent_in_file_new) {
        problem(i, "không thể chuyển đơn vị đã có vào đơn vị mới trong cùng tệp");
        continue;
      }
      bool same = u.name == row.unit.name && u.type == row.unit.type && u.parent_id == parent_id &&
                  u.valid_from == row.unit.valid_from && u.valid_to == row.unit.valid_to;
      if (same) {
        ++rep.unchanged;
        continue;
      }
      org::OrgUnit before = u;
      u.name = row.unit.name;
      u.type = row.unit.type;
      u.valid_from = row.unit.valid_from;
      u.valid_to = row.unit.valid_to;
      if (u.parent_id != parent_id) {
        if (parent_id && ctx_.index.isAncestorOrSelf(u.id, *parent_id)) {
          problem(i, "chuyển đơn vị '" + u.code + "' vào cấp dưới của chính nó");
          continue;
        }
        u.parent_id = parent_id;
        u.level = parent_id ? existing.at(row.parent_code).level + 1 : 1;
      }
      changed.emplace_back(i, u);
      (void)before;
    }
  }
  if (!problems.empty()) {
    // The message is built before `problems` is handed over (argument order is unspecified).
    std::string msg = "Tệp có " + std::to_string(problems.size()) +
                      (problems.size() >= 100 ? "+" : "") + " lỗi; không dòng nào được nhập. " +
                      problems.front().field + ": " + problems.front().message;
    return makeError(ErrorCode::InvalidFile, std::move(msg), std::move(problems));
  }
  if (!fresh.empty()) {
    BAOCAO_ASSIGN(auto ids, tx->orgs().createMany(fresh));
    rep.created = static_cast<int64_t>(ids.size());
  }
  for (auto& [row, u] : changed) {
    const org::OrgUnit& before = existing.at(u.code);
    BAOCAO_ASSIGN(auto after, tx->orgs().update(u));
    ++rep.updated;
    BAOCAO_TRY(audit_.append(*tx, actor,
                             {"org.update", "org_unit", std::to_string(after.id), after.id,
                              views::org(before).dump(), views::org(after).dump()},
                             actor ? "" : "cli"));
  }
  // Links by code, skipping ones that already exist.
  if (!file.links.empty()) {
    std::unordered_map<std::string, int64_t> ids;
    {
      BAOCAO_ASSIGN(auto units, allUnits(*tx));
      for (const auto& u : units) ids.emplace(u.code, u.id);
    }
    BAOCAO_ASSIGN(auto have, tx->orgs().allLinks());
    std::unordered_set<std::string> seen;
    auto key = [](int64_t a, int64_t b) { return std::to_string(a) + ">" + std::to_string(b); };
    for (const auto& l : have) seen.insert(key(l.from_id, l.to_id));
    for (size_t i = 0; i < file.links.size(); ++i) {
      const auto& lr = file.links[i];
      auto f = ids.find(lr.from_code), t = ids.find(lr.to_code);
      if (f == ids.end() || t == ids.end()) {
        problem(i, "liên kết kế thừa " + lr.from_code + " → " + lr.to_code + ": mã đơn vị không tồn tại");
        continue;
      }
      if (!seen.insert(key(f->second, t->second)).second) continue;
      org::SuccessorLink l{0, f->second, t->second, lr.kind, lr.share, lr.effective};
      auto v = org::validateLink(l);
      if (!v) {
        problem(i, "liên kết " + lr.from_code + " → " + lr.to_code + ": " + v.error().message);
        continue;
      }
      if (actor && (!mayWrite(l.from_id) || !mayWrite(l.to_id))) {
        problem(i, "không có quyền thêm liên kết " + lr.from_code + " → " + lr.to_code);
        continue;
      }
      BAOCAO_TRY(tx->orgs().addLink(l));
      ++rep.links;
    }
    if (!problems.empty()) {
      std::string msg = "Tệp có lỗi ở phần liên kết kế thừa; không dòng nào được nhập. liên kết " +
                        problems.front().field + ": " + problems.front().message;
      return makeError(ErrorCode::InvalidFile, std::move(msg), std::move(problems));
    }
  }
  nlohmann::json summary{{"created", rep.created},
                         {"updated", rep.updated},
                         {"unchanged", rep.unchanged},
                         {"links", rep.links}};
  BAOCAO_TRY(audit_.append(*tx, actor, {"org.import", "org_unit", "", std::nullopt, "", summary.dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  ctx_.index.invalidate();
  return rep;
}

core::Result<OrgImport> OrgService::exportUnits(const Actor* actor, std::optional<int64_t> root_id) {
  if (actor && !sec::permitsAnywhere(actor->grants, sec::Action::OrgRead))
    return makeError(ErrorCode::Forbidden, "Không có quyền xem cơ cấu tổ chức");
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto units, allUnits(*tx));
  std::unordered_map<int64_t, const org::OrgUnit*> by_id;
  for (const auto& u : units) by_id[u.id] = &u;
  std::unordered_set<int64_t> keep;
  if (root_id) {
    if (!by_id.count(*root_id)) return makeError(ErrorCode::NotFound, "Không tìm thấy đơn vị " + std::to_string(*root_id));
    for (int64_t id : ctx_.index.subtree(*root_id)) keep.insert(id);
  }
  // parent before child: order by level, then code
  std::vector<const org::OrgUnit*> order;
  for (const auto& u : units)
    if (!root_id || keep.count(u.id)) order.push_back(&u);
  std::stable_sort(order.begin(), order.end(),
                   [](const org::OrgUnit* a, const org::OrgUnit* b) { return a->level < b->level; });
  OrgImport out;
  for (const auto* u : order) {
    OrgImport::Row r{*u, ""};
    // The root of a subtree export keeps its parent's code so that re-importing it into the
    // same system changes nothing.
    if (u->parent_id && by_id.count(*u->parent_id))
      r.parent_code = by_id.at(*u->parent_id)->code;
    out.units.push_back(std::move(r));
  }
  BAOCAO_ASSIGN(auto links, tx->orgs().allLinks());
  for (const auto& l : links) {
    if (root_id && !(keep.count(l.from_id) && keep.count(l.to_id))) continue;
    if (!by_id.count(l.from_id) || !by_id.count(l.to_id)) continue;
    out.links.push_back({by_id.at(l.from_id)->code, by_id.at(l.to_id)->code, l.kind, l.share, l.effective});
  }
  return out;
}

}  // namespace baocao::app
