#include "app/indicator_service.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "app/indicator_views.h"
#include "core/common/text.h"
#include "core/expr/dependency_graph.h"
#include "core/expr/formula.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace sec = core::security;
namespace ind = core::indicator;

namespace {

constexpr size_t kMaxProblems = 100;

core::Error invalid(const std::string& field, const std::string& msg) {
  return makeError(ErrorCode::InvalidField, "Trường '" + field + "': " + msg, {{field, msg}});
}

// Every indicator matching `q`, in pages (adapters cap one query at 5,000 rows).
core::Result<std::vector<ind::Indicator>> findAll(core::ports::Tx& tx, core::ports::IndicatorQuery q) {
  std::vector<ind::Indicator> out;
  q.limit = 5000;
  for (q.offset = 0;; q.offset += q.limit) {
    BAOCAO_ASSIGN(auto page, tx.indicators().find(q));
    size_t n = page.size();
    for (auto& i : page) out.push_back(std::move(i));
    if (n < static_cast<size_t>(q.limit)) break;
  }
  return out;
}

/// Parses a formula (core::expr) and checks that every indicator it references exists
/// (`exists(code)`); a formula may read its own indicator (prev([X]) + …).
template <typename Exists>
core::Status checkFormula(const ind::Indicator& i, Exists&& exists) {
  if (i.formula.empty()) return core::ok();
  auto f = core::expr::Formula::parse(i.formula);
  if (!f) {
    core::Error e = f.error();
    e.message = "Trường 'formula': " + e.message;
    e.details = {{"formula", f.error().message}};
    return e;
  }
  for (const auto& r : f->references()) {
    if (r.code == i.code) continue;
    BAOCAO_ASSIGN(bool ok, exists(r.code));
    if (!ok)
      return invalid("formula", "ký tự " + std::to_string(r.position) + ": không có chỉ tiêu mã '" +
                                    r.code + "' trong danh mục");
  }
  return core::ok();
}

/// code → parsed formula of every computed indicator in `all` (a stored formula that no longer
/// parses cannot read anything and is left out).
std::map<std::string, core::expr::Formula> catalogFormulas(const std::vector<ind::Indicator>& all) {
  std::map<std::string, core::expr::Formula> out;
  for (const auto& i : all) {
    if (i.formula.empty()) continue;
    if (auto f = core::expr::Formula::parse(i.formula)) out.insert_or_assign(i.code, std::move(f).value());
  }
  return out;
}

/// The cycle that the formula of `code` closes through other computed indicators of the
/// catalog, same period ("Công thức tạo vòng lặp: A → B → A"); empty when none. Reading an
/// earlier period of itself (prev([A]) + …) is not a cycle (docs/domain/formulas.md).
std::string cycleMessage(const std::map<std::string, core::expr::Formula>& formulas, const std::string& code) {
  auto cycle = core::expr::DependencyGraph::cycleThrough(formulas, code);
  if (cycle.empty()) return "";
  std::string msg = "Công thức tạo vòng lặp: ";
  for (size_t k = 0; k < cycle.size(); ++k) msg += (k ? " → " : "") + cycle[k];
  return msg;
}

/// Same content, ignoring id and version (an import that changes nothing writes nothing).
bool sameContent(ind::Indicator a, ind::Indicator b) {
  a.id = b.id = 0;
  a.version = b.version = 0;
  return views::indicator(a) == views::indicator(b);
}

}  // namespace

core::Status IndicatorService::requireWrite(const Actor* actor, std::optional<int64_t> unit_id,
                                            const char* what) {
  if (!actor) return core::ok();  // the operator on the command line / demo seed
  if (!unit_id) {
    if (sec::isSystemAdmin(actor->grants)) return core::ok();
    return makeError(ErrorCode::Forbidden, std::string("Chỉ quản trị hệ thống được ") + what +
                                               " không gắn với cơ quan nào");
  }
  auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
  if (sec::permits(actor->grants, sec::Action::IndicatorWrite, *unit_id, anc)) return core::ok();
  std::string name = "(id " + std::to_string(*unit_id) + ")";
  if (auto tx = ctx_.store.begin(TxMode::Read))
    if (auto u = tx.value()->orgs().get(*unit_id)) name = "'" + u->name + "' (" + u->code + ")";
  return makeError(ErrorCode::Forbidden, std::string("Không có quyền ") + what + " của cơ quan " +
                                             name + " (ngoài phạm vi được phân quyền)");
}

core::Status IndicatorService::checkRefs(core::ports::Tx& tx, const ind::Indicator& i) {
  if (i.agency_id) {
    auto u = tx.orgs().get(*i.agency_id);
    if (!u) {
      if (u.error().code != ErrorCode::NotFound) return u.error();
      return invalid("agency_id", "không có đơn vị " + std::to_string(*i.agency_id));
    }
  }
  if (!i.weight_code.empty()) {
    auto w = tx.indicators().getByCode(i.weight_code);
    if (!w) {
      if (w.error().code != ErrorCode::NotFound) return w.error();
      return invalid("weight_code", "không có chỉ tiêu mã '" + i.weight_code + "' để làm trọng số");
    }
  }
  BAOCAO_TRY(checkFormula(i, [&](const std::string& code) -> core::Result<bool> {
    auto x = tx.indicators().getByCode(code);
    if (x) return true;
    if (x.error().code != ErrorCode::NotFound) return x.error();
    return false;
  }));
  if (i.formula.empty()) return core::ok();
  // The catalog as it would be after the save: this indicator's stored row (id) is replaced.
  BAOCAO_ASSIGN(auto all, findAll(tx, {}));
  std::erase_if(all, [&](const ind::Indicator& x) { return x.id == i.id || x.code == i.code; });
  all.push_back(i);
  if (std::string msg = cycleMessage(catalogFormulas(all), i.code); !msg.empty())
    return makeError(ErrorCode::InvalidField, msg, {{"formula", msg}});
  return core::ok();
}

core::Result<IndicatorService::Page> IndicatorService::list(const Actor&,
                                                            const core::ports::IndicatorQuery& q) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  Page p;
  BAOCAO_ASSIGN(p.items, tx->indicators().find(q));
  BAOCAO_ASSIGN(p.total, tx->indicators().count(q));
  return p;
}

core::Result<IndicatorService::Page> IndicatorService::list(const Actor& actor,
                                                            const core::ports::IndicatorQuery& q,
                                                            const Membership& m) {
  if (!m.set_id && !m.level) return list(actor, q);
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  std::vector<ind::IndicatorSet> sets;
  if (m.set_id) {
    BAOCAO_ASSIGN(auto s, tx->indicators().getSet(*m.set_id));
    if (!m.level || s.level == *m.level) sets.push_back(std::move(s));
  } else {
    BAOCAO_ASSIGN(sets, tx->indicators().findSets(std::nullopt, m.level));
  }
  std::unordered_set<int64_t> members;
  for (const auto& s : sets) {
    if (s.latest_version == 0) continue;
    BAOCAO_ASSIGN(auto v, tx->indicators().getVersion(s.id, s.latest_version));
    for (const auto& mem : v.members) members.insert(mem.indicator_id);
  }
  BAOCAO_ASSIGN(auto all, findAll(*tx, q));
  std::erase_if(all, [&](const ind::Indicator& i) { return !members.count(i.id); });
  Page p;
  p.total = static_cast<int64_t>(all.size());
  size_t from = std::min(all.size(), static_cast<size_t>(std::max(q.offset, 0)));
  size_t to = std::min(all.size(), from + static_cast<size_t>(std::max(q.limit, 0)));
  p.items.assign(std::make_move_iterator(all.begin() + static_cast<long>(from)),
                 std::make_move_iterator(all.begin() + static_cast<long>(to)));
  return p;
}

core::Result<std::vector<std::pair<std::string, int64_t>>> IndicatorService::sectors(const Actor&) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto all, findAll(*tx, {}));
  std::map<std::string, int64_t> count;
  for (const auto& i : all) ++count[i.sector];
  return std::vector<std::pair<std::string, int64_t>>(count.begin(), count.end());
}

core::Result<ind::Indicator> IndicatorService::get(const Actor&, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->indicators().get(id);
}

core::Result<ind::Indicator> IndicatorService::getByCode(const Actor&, const std::string& code) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->indicators().getByCode(code);
}

core::Result<ind::Indicator> IndicatorService::create(const Actor* actor, ind::Indicator i) {
  i.id = 0;
  BAOCAO_TRY(ind::validateIndicator(i));
  BAOCAO_TRY(requireWrite(actor, i.agency_id, "thêm chỉ tiêu"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_TRY(checkRefs(*tx, i));
  BAOCAO_ASSIGN(auto created, tx->indicators().create(i));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"indicator.create", "indicator", std::to_string(created.id),
                            created.agency_id, "", views::indicator(created).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return created;
}

core::Result<ind::Indicator> IndicatorService::update(const Actor* actor, ind::Indicator i) {
  BAOCAO_TRY(ind::validateIndicator(i));
  BAOCAO_TRY(requireWrite(actor, i.agency_id, "sửa chỉ tiêu"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto before, tx->indicators().get(i.id));
  if (before.agency_id != i.agency_id) BAOCAO_TRY(requireWrite(actor, before.agency_id, "sửa chỉ tiêu"));
  if (before.version != i.version)
    return makeError(ErrorCode::Conflict, "Chỉ tiêu '" + before.name + "' đã được người khác sửa (phiên bản " +
                                              std::to_string(before.version) + ", bạn đang sửa phiên bản " +
                                              std::to_string(i.version) + "); hãy tải lại");
  BAOCAO_TRY(checkRefs(*tx, i));
  BAOCAO_ASSIGN(auto after, tx->indicators().update(i));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"indicator.update", "indicator", std::to_string(after.id), after.agency_id,
                            views::indicator(before).dump(), views::indicator(after).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return after;
}

core::Result<IndicatorImportReport> IndicatorService::importCatalog(
    const Actor* actor, const std::vector<IndicatorImportRow>& rows, size_t first_line) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  std::unordered_map<std::string, ind::Indicator> existing;
  {
    BAOCAO_ASSIGN(auto all, findAll(*tx, {}));
    for (auto& i : all) existing.emplace(i.code, std::move(i));
  }
  std::unordered_map<std::string, int64_t> unit_ids;
  std::vector<core::ErrorDetail> problems;
  size_t total_problems = 0;
  auto problem = [&](size_t row, const std::string& msg) {
    ++total_problems;
    if (problems.size() < kMaxProblems)
      problems.push_back({"dòng " + std::to_string(rows[row].line ? rows[row].line : row + first_line), msg});
  };
  std::unordered_set<std::string> in_file;
  for (const auto& r : rows) in_file.insert(r.indicator.code);
  std::unordered_set<std::string> seen;
  std::vector<std::pair<ind::Indicator, const ind::Indicator*>> work;  // new value, before (or null)
  std::vector<size_t> work_row;                                          // its index in `rows`
  for (size_t k = 0; k < rows.size(); ++k) {
    ind::Indicator i = rows[k].indicator;
    if (!seen.insert(i.code).second) {
      problem(k, "mã '" + i.code + "' trùng với một dòng trước");
      continue;
    }
    i.agency_id.reset();
    if (!rows[k].agency_code.empty()) {
      auto it = unit_ids.find(rows[k].agency_code);
      if (it == unit_ids.end()) {
        auto u = tx->orgs().getByCode(rows[k].agency_code);
        if (!u) {
          if (u.error().code != ErrorCode::NotFound) return u.error();
          problem(k, "không có đơn vị mã '" + rows[k].agency_code + "' (cơ quan chịu trách nhiệm)");
          continue;
        }
        it = unit_ids.emplace(rows[k].agency_code, u->id).first;
      }
      i.agency_id = it->second;
    }
    if (auto v = ind::validateIndicator(i); !v) {
      problem(k, v.error().message);
      continue;
    }
    if (!i.weight_code.empty() && !in_file.count(i.weight_code) && !existing.count(i.weight_code)) {
      problem(k, "Trường 'weight_code': không có chỉ tiêu mã '" + i.weight_code + "' trong tệp hoặc hệ thống");
      continue;
    }
    if (auto f = checkFormula(i, [&](const std::string& code) -> core::Result<bool> {
          return in_file.count(code) > 0 || existing.count(code) > 0;
        });
        !f) {
      problem(k, f.error().message);
      continue;
    }
    auto ex = existing.find(i.code);
    const ind::Indicator* before = ex == existing.end() ? nullptr : &ex->second;
    if (auto p = requireWrite(actor, i.agency_id, before ? "sửa chỉ tiêu" : "thêm chỉ tiêu"); !p) {
      problem(k, p.error().message);
      continue;
    }
    if (before && before->agency_id != i.agency_id) {
      if (auto p = requireWrite(actor, before->agency_id, "sửa chỉ tiêu"); !p) {
        problem(k, p.error().message);
        continue;
      }
    }
    work.emplace_back(std::move(i), before);
    work_row.push_back(k);
  }
  {
    // Cycles through the formulas of the file and of the catalog as it would be after the
    // import (rows of the file replace the stored indicators of the same code).
    std::vector<ind::Indicator> after;
    for (const auto& [code, i] : existing)
      if (!seen.count(code)) after.push_back(i);
    for (const auto& w : work) after.push_back(w.first);
    auto formulas = catalogFormulas(after);
    for (size_t w = 0; w < work.size(); ++w)
      if (std::string msg = cycleMessage(formulas, work[w].first.code); !msg.empty()) problem(work_row[w], msg);
  }
  if (total_problems > 0) {
    std::string first = problems.front().field + ": " + problems.front().message;
    return makeError(ErrorCode::InvalidFile,
                     "Tệp có " + std::to_string(total_problems) + " lỗi; không dòng nào được nhập. " + first,
                     std::move(problems));
  }
  IndicatorImportReport rep;
  for (auto& [i, before] : work) {
    if (!before) {
      BAOCAO_ASSIGN(auto created, tx->indicators().create(i));
      ++rep.created;
      BAOCAO_TRY(audit_.append(*tx, actor,
                               {"indicator.create", "indicator", std::to_string(created.id),
                                created.agency_id, "", views::indicator(created).dump()},
                               actor ? "" : "cli"));
      continue;
    }
    i.id = before->id;
    i.version = before->version;
    if (sameContent(i, *before)) {
      ++rep.unchanged;
      continue;
    }
    BAOCAO_ASSIGN(auto after, tx->indicators().update(i));
    ++rep.updated;
    BAOCAO_TRY(audit_.append(*tx, actor,
                             {"indicator.update", "indicator", std::to_string(after.id), after.agency_id,
                              views::indicator(*before).dump(), views::indicator(after).dump()},
                             actor ? "" : "cli"));
  }
  nlohmann::json summary{{"created", rep.created}, {"updated", rep.updated}, {"unchanged", rep.unchanged}};
  BAOCAO_TRY(audit_.append(*tx, actor, {"indicator.import", "indicator", "", std::nullopt, "", summary.dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return rep;
}

core::Result<std::vector<IndicatorImportRow>> IndicatorService::exportCatalog(
    const Actor*, core::ports::IndicatorQuery q) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto all, findAll(*tx, q));
  std::unordered_map<int64_t, std::string> codes;
  std::vector<IndicatorImportRow> out;
  out.reserve(all.size());
  for (auto& i : all) {
    IndicatorImportRow r;
    if (i.agency_id) {
      auto it = codes.find(*i.agency_id);
      if (it == codes.end()) {
        BAOCAO_ASSIGN(auto u, tx->orgs().get(*i.agency_id));
        it = codes.emplace(*i.agency_id, u.code).first;
      }
      r.agency_code = it->second;
    }
    r.indicator = std::move(i);
    out.push_back(std::move(r));
  }
  return out;
}

// ---- sets ------------------------------------------------------------------------------------

core::Result<std::vector<ind::IndicatorSet>> IndicatorService::listSets(
    const Actor&, const std::optional<std::string>& period_id,
    const std::optional<ind::SetLevel>& level) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->indicators().findSets(period_id, level);
}

core::Result<IndicatorService::SetDetail> IndicatorService::getSet(const Actor&, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  SetDetail d;
  BAOCAO_ASSIGN(d.set, tx->indicators().getSet(id));
  BAOCAO_ASSIGN(d.versions, tx->indicators().versionsOf(id));
  return d;
}

core::Result<ind::SetVersion> IndicatorService::getVersion(const Actor&, int64_t set_id, int number) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  if (number == 0) {
    BAOCAO_ASSIGN(auto s, tx->indicators().getSet(set_id));
    if (s.latest_version == 0)
      return makeError(ErrorCode::NotFound, "Bộ chỉ tiêu '" + s.name + "' chưa công bố phiên bản nào");
    number = s.latest_version;
  }
  return tx->indicators().getVersion(set_id, number);
}

core::Result<ind::IndicatorSet> IndicatorService::createSet(const Actor* actor, ind::IndicatorSet s) {
  s.id = 0;
  BAOCAO_TRY(ind::validateSet(s));
  BAOCAO_TRY(requireWrite(actor, s.owner_unit_id, "tạo bộ chỉ tiêu"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  if (s.owner_unit_id) {
    auto u = tx->orgs().get(*s.owner_unit_id);
    if (!u) {
      if (u.error().code != ErrorCode::NotFound) return u.error();
      return invalid("owner_unit_id", "không có đơn vị " + std::to_string(*s.owner_unit_id));
    }
  }
  BAOCAO_ASSIGN(auto created, tx->indicators().createSet(s));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"indicator_set.create", "indicator_set", std::to_string(created.id),
                            created.owner_unit_id, "", views::indicatorSet(created).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return created;
}

core::Result<ind::SetVersion> IndicatorService::publish(const Actor* actor, int64_t set_id,
                                                        int expected_latest,
                                                        const std::vector<MemberSpec>& members,
                                                        const std::string& note) {
  if (!core::text::isValidUtf8(note) || note.size() > 2000)
    return invalid("note", "phải là UTF-8, tối đa 2000 byte");
  if (members.empty()) return invalid("members", "một phiên bản cần ít nhất một chỉ tiêu");
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto set, tx->indicators().getSet(set_id));
  BAOCAO_TRY(requireWrite(actor, set.owner_unit_id, "công bố bộ chỉ tiêu"));
  ind::SetVersion v;
  v.note = note;
  v.published_at = ctx_.clock.now();
  if (actor) v.published_by = actor->user_id;
  for (size_t k = 0; k < members.size(); ++k) {
    auto i = tx->indicators().getByCode(members[k].code);
    if (!i) {
      if (i.error().code != ErrorCode::NotFound) return i.error();
      return invalid("members[" + std::to_string(k) + "].code",
                     "không có chỉ tiêu mã '" + members[k].code + "' trong danh mục");
    }
    ind::SetMember m;
    m.indicator_id = i->id;
    m.indicator_version = i->version;
    m.code = i->code;
    m.name = i->name;
    m.unit_of_measure = i->unit_of_measure;
    m.group = members[k].group;
    m.position = static_cast<int>(k + 1);
    v.members.push_back(std::move(m));
  }
  BAOCAO_TRY(ind::validateMembers(v.members));
  BAOCAO_ASSIGN(auto published, tx->indicators().publishVersion(set_id, expected_latest, v));
  nlohmann::json after = views::setVersion(published, false);
  after["members"] = static_cast<int64_t>(published.members.size());
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"indicator_set.publish", "indicator_set", std::to_string(set_id),
                            set.owner_unit_id, views::indicatorSet(set).dump(), after.dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return published;
}

}  // namespace baocao::app
