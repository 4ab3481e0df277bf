#include "app/target_service.h"

#include <cstdio>
#include <map>

#include "app/indicator_views.h"
#include "core/common/text.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace sec = core::security;
namespace ind = core::indicator;
namespace tgt = core::target;

namespace {

core::Error invalid(const std::string& field, const std::string& msg) {
  return makeError(ErrorCode::InvalidField, "Trường '" + field + "': " + msg, {{field, msg}});
}

std::string fmtValue(std::optional<double> v) {
  if (!v) return "chưa có";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", *v);
  return buf;
}

/// What the first phase of a change reads.
struct Snapshot {
  ind::Indicator indicator;
  core::org::OrgUnit unit;
  std::optional<tgt::Target> existing;
  int64_t owner_id = 0;
  std::string owner_name;
};

}  // namespace

core::Result<tgt::Target> TargetService::registerTarget(const Actor* actor, const Change& c) {
  return change(actor, c, tgt::ChangeKind::Register);
}

core::Result<tgt::Target> TargetService::assign(const Actor* actor, const Change& c) {
  return change(actor, c, tgt::ChangeKind::Assign);
}

core::Result<tgt::Target> TargetService::change(const Actor* actor, const Change& c,
                                                tgt::ChangeKind kind) {
  BAOCAO_ASSIGN(auto period, ind::parsePlanPeriod(c.plan_period));
  BAOCAO_TRY(tgt::validateComment(c.comment));
  // Phase 1 (read): what the permission check needs, so that the tree index may load without
  // a write transaction held.
  Snapshot snap;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    auto i = tx->indicators().get(c.indicator_id);
    if (!i) {
      if (i.error().code != ErrorCode::NotFound) return i.error();
      return invalid("indicator_id", "không có chỉ tiêu " + std::to_string(c.indicator_id));
    }
    snap.indicator = std::move(i).value();
    auto u = tx->orgs().get(c.unit_id);
    if (!u) {
      if (u.error().code != ErrorCode::NotFound) return u.error();
      return invalid("unit_id", "không có đơn vị " + std::to_string(c.unit_id));
    }
    snap.unit = std::move(u).value();
    auto ex = tx->targets().getFor(period.id(), c.unit_id, c.indicator_id);
    if (ex) snap.existing = std::move(ex).value();
    else if (ex.error().code != ErrorCode::NotFound) return ex.error();
    if (snap.existing) {
      snap.owner_id = snap.existing->owner_unit_id;
    } else if (c.owner_unit_id) {
      snap.owner_id = *c.owner_unit_id;
    } else {
      // The top of the unit's tree: the province that owns the plan.
      core::org::OrgUnit top = snap.unit;
      for (int depth = 0; top.parent_id && depth < 64; ++depth) {
        BAOCAO_ASSIGN(top, tx->orgs().get(*top.parent_id));
      }
      snap.owner_id = top.id;
    }
    auto owner = tx->orgs().get(snap.owner_id);
    if (!owner) {
      if (owner.error().code != ErrorCode::NotFound) return owner.error();
      return invalid("owner_unit_id", "không có đơn vị " + std::to_string(snap.owner_id));
    }
    snap.owner_name = owner->name;
  }
  BAOCAO_TRY(tgt::validateValue(snap.indicator, c.value, "value"));
  if (!snap.existing && !ctx_.index.isAncestorOrSelf(snap.owner_id, c.unit_id))
    return invalid("owner_unit_id", "cơ quan giao chỉ tiêu phải là chính đơn vị '" + snap.unit.name +
                                        "' hoặc cấp trên của đơn vị");
  if (actor) {
    auto anc = [this](int64_t a, int64_t u) { return ctx_.index.isAncestorOrSelf(a, u); };
    if (kind == tgt::ChangeKind::Register &&
        !sec::permits(actor->grants, sec::Action::TargetRegister, c.unit_id, anc))
      return makeError(ErrorCode::Forbidden, "Không có quyền đăng ký chỉ tiêu kế hoạch cho đơn vị '" +
                                                 snap.unit.name + "' (ngoài phạm vi được phân quyền)");
    if (kind == tgt::ChangeKind::Assign &&
        !sec::permits(actor->grants, sec::Action::TargetAssign, snap.owner_id, anc))
      return makeError(ErrorCode::Forbidden, "Không có quyền giao chỉ tiêu kế hoạch: chỉ cơ quan giao '" +
                                                 snap.owner_name + "' được giao");
  }
  if (snap.existing && c.version && *c.version != snap.existing->version)
    return makeError(ErrorCode::Conflict, "Chỉ tiêu kế hoạch " + period.id() + " '" + snap.indicator.name +
                                              "' của " + snap.unit.name +
                                              " đã được thay đổi (phiên bản " +
                                              std::to_string(snap.existing->version) +
                                              ", bạn đang sửa phiên bản " + std::to_string(*c.version) +
                                              "); hãy tải lại");
  if (kind == tgt::ChangeKind::Register && snap.existing &&
      snap.existing->status == tgt::TargetStatus::Assigned)
    return makeError(ErrorCode::Conflict, "Chỉ tiêu '" + snap.indicator.name + "' năm " + period.id() +
                                              " của " + snap.unit.name + " đã được giao (" +
                                              fmtValue(snap.existing->assigned_value) +
                                              "); chỉ " + snap.owner_name + " điều chỉnh được");

  // Phase 2 (write): the target must be as read in phase 1.
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  auto now_ex = tx->targets().getFor(period.id(), c.unit_id, c.indicator_id);
  if (!now_ex && now_ex.error().code != ErrorCode::NotFound) return now_ex.error();
  bool same = now_ex.has_value() == snap.existing.has_value() &&
              (!now_ex || now_ex->version == snap.existing->version);
  if (!same)
    return makeError(ErrorCode::Conflict, "Chỉ tiêu kế hoạch vừa được người khác thay đổi; hãy tải lại");
  tgt::Target t;
  if (snap.existing) {
    t = *snap.existing;
  } else {
    t.period = period;
    t.unit_id = c.unit_id;
    t.indicator_id = c.indicator_id;
    t.owner_unit_id = snap.owner_id;
  }
  const tgt::Target before = t;
  std::optional<double> old_value;
  if (kind == tgt::ChangeKind::Register) {
    old_value = t.registered_value;
    t.registered_value = c.value;
    t.status = tgt::TargetStatus::Registered;
  } else {
    old_value = t.assigned_value;
    t.assigned_value = c.value;
    t.status = tgt::TargetStatus::Assigned;
  }
  t.updated_at = ctx_.clock.now();
  tgt::Target after;
  if (snap.existing) {
    BAOCAO_ASSIGN(after, tx->targets().update(t));
  } else {
    BAOCAO_ASSIGN(after, tx->targets().create(t));
  }
  tgt::TargetChange ch;
  ch.target_id = after.id;
  ch.kind = kind;
  ch.old_value = old_value;
  ch.new_value = c.value;
  ch.comment = c.comment;
  ch.at = t.updated_at;
  if (actor) {
    ch.actor_id = actor->user_id;
    ch.actor_name = actor->username;
  } else {
    ch.actor_name = "cli";
  }
  BAOCAO_ASSIGN(auto stored, tx->targets().addChange(ch));
  nlohmann::json after_json = views::target(after);
  after_json["change"] = views::targetChange(stored);
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {kind == tgt::ChangeKind::Register ? "target.register" : "target.assign",
                            "plan_target", std::to_string(after.id), after.unit_id,
                            snap.existing ? views::target(before).dump() : "", after_json.dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return after;
}

core::Result<std::vector<tgt::Target>> TargetService::list(const Actor&,
                                                           const core::ports::TargetQuery& q) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  return tx->targets().find(q);
}

core::Result<TargetService::Detail> TargetService::get(const Actor&, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  Detail d;
  BAOCAO_ASSIGN(d.target, tx->targets().get(id));
  BAOCAO_ASSIGN(d.history, tx->targets().history(id));
  return d;
}

core::Result<tgt::Actual> TargetService::recordActual(const Actor* actor, tgt::Actual a) {
  if (a.year < 2000 || a.year > 2100) return invalid("year", "phải từ 2000 đến 2100");
  if (!core::text::isValidUtf8(a.source) || a.source.size() > 1000)
    return invalid("source", "phải là UTF-8, tối đa 1000 byte");
  std::string unit_name;
  ind::Indicator indicator;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    auto i = tx->indicators().get(a.indicator_id);
    if (!i) {
      if (i.error().code != ErrorCode::NotFound) return i.error();
      return invalid("indicator_id", "không có chỉ tiêu " + std::to_string(a.indicator_id));
    }
    indicator = std::move(i).value();
    auto u = tx->orgs().get(a.unit_id);
    if (!u) {
      if (u.error().code != ErrorCode::NotFound) return u.error();
      return invalid("unit_id", "không có đơn vị " + std::to_string(a.unit_id));
    }
    unit_name = u->name;
  }
  BAOCAO_TRY(tgt::validateValue(indicator, a.value, "value"));
  if (actor) {
    auto anc = [this](int64_t x, int64_t u) { return ctx_.index.isAncestorOrSelf(x, u); };
    if (!sec::permits(actor->grants, sec::Action::TargetRegister, a.unit_id, anc))
      return makeError(ErrorCode::Forbidden, "Không có quyền cập nhật kết quả thực hiện của đơn vị '" +
                                                 unit_name + "' (ngoài phạm vi được phân quyền)");
  }
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  std::string before;
  if (auto old = tx->targets().getActual(a.unit_id, a.indicator_id, a.year)) before = views::actual(*old).dump();
  a.recorded_at = ctx_.clock.now();
  BAOCAO_ASSIGN(auto stored, tx->targets().putActual(a));
  BAOCAO_TRY(audit_.append(*tx, actor,
                           {"target.actual", "indicator_actual", std::to_string(stored.id), stored.unit_id,
                            before, views::actual(stored).dump()},
                           actor ? "" : "cli"));
  BAOCAO_TRY(tx->commit());
  return stored;
}

core::Result<std::vector<TargetService::AchievementRow>> TargetService::achievement(
    const Actor&, const AchievementQuery& q) {
  BAOCAO_ASSIGN(auto period, ind::parsePlanPeriod(q.plan_period));
  if (q.actual && (!q.unit_id || !q.indicator_id))
    return invalid("actual", "chỉ dùng khi đã chọn một đơn vị (unit_id) và một chỉ tiêu (indicator_id)");
  int year = q.year.value_or(period.to_year);
  if (!period.contains(year))
    return invalid("year", "năm " + std::to_string(year) + " không thuộc kỳ kế hoạch " + period.id());
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  core::ports::TargetQuery tq;
  tq.period_id = period.id();
  tq.unit_id = q.unit_id;
  tq.indicator_id = q.indicator_id;
  tq.limit = 5000;
  BAOCAO_ASSIGN(auto targets, tx->targets().find(tq));
  std::map<int64_t, ind::Indicator> indicators;
  std::vector<AchievementRow> out;
  for (auto& t : targets) {
    AchievementRow r;
    auto it = indicators.find(t.indicator_id);
    if (it == indicators.end()) {
      BAOCAO_ASSIGN(auto i, tx->indicators().get(t.indicator_id));
      it = indicators.emplace(t.indicator_id, std::move(i)).first;
    }
    r.indicator = it->second;
    r.year = year;
    r.target_assigned = t.assigned_value.has_value();
    r.target_value = t.assigned_value ? t.assigned_value : t.registered_value;
    if (q.actual) {
      tgt::Actual a;
      a.unit_id = t.unit_id;
      a.indicator_id = t.indicator_id;
      a.year = year;
      a.value = *q.actual;
      a.source = "giá trị nhập để tính thử";
      r.actual = a;
    } else {
      auto a = tx->targets().getActual(t.unit_id, t.indicator_id, year);
      if (a) r.actual = std::move(a).value();
      else if (a.error().code != ErrorCode::NotFound) return a.error();
    }
    if (!r.target_value) {
      r.note = "chưa có giá trị kế hoạch";
    } else if (!r.actual) {
      r.note = "chưa có kết quả năm " + std::to_string(year);
    } else {
      auto ach = tgt::achievement(r.indicator.direction, *r.target_value, r.actual->value);
      if (ach) r.achievement = std::move(ach).value();
      else r.note = ach.error().message;
    }
    r.target = std::move(t);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace baocao::app
