#include "app/indicator_views.h"

namespace baocao::app::views {

using nlohmann::json;
namespace ind = core::indicator;
namespace tgt = core::target;

namespace {
template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
}  // namespace

json breakdowns(const std::vector<ind::Breakdown>& b) {
  json arr = json::array();
  for (const auto& d : b) {
    json parts = json::array();
    for (const auto& p : d.parts) parts.push_back({{"code", p.code}, {"name", p.name}});
    arr.push_back({{"code", d.code}, {"name", d.name}, {"parts", parts}});
  }
  return arr;
}

json indicator(const ind::Indicator& i) {
  return json{{"id", i.id},
              {"code", i.code},
              {"name", i.name},
              {"unit_of_measure", i.unit_of_measure},
              {"value_type", ind::valueTypeId(i.value_type)},
              {"decimals", i.decimals},
              {"sector", i.sector},
              {"agency_id", opt(i.agency_id)},
              {"legal_basis", i.legal_basis},
              {"periodicity", i.periodicity},
              {"direction", ind::directionId(i.direction)},
              {"unit_aggregation", ind::unitAggregationId(i.unit_aggregation)},
              {"weight_code", i.weight_code},
              {"time_aggregation", ind::timeAggregationId(i.time_aggregation)},
              {"breakdowns", breakdowns(i.breakdowns)},
              {"formula", i.formula},
              {"note", i.note},
              {"version", i.version}};
}

json indicatorSet(const ind::IndicatorSet& s) {
  return json{{"id", s.id},
              {"code", s.code},
              {"name", s.name},
              {"plan_period", s.period.id()},
              {"plan_period_label", s.period.label()},
              {"level", ind::setLevelId(s.level)},
              {"level_label", ind::setLevelLabel(s.level)},
              {"owner_unit_id", opt(s.owner_unit_id)},
              {"legal_basis", s.legal_basis},
              {"latest_version", s.latest_version},
              {"version", s.version}};
}

json setVersion(const ind::SetVersion& v, bool with_members) {
  json j{{"set_id", v.set_id},
         {"number", v.number},
         {"note", v.note},
         {"published_at", v.published_at.iso()},
         {"published_by", opt(v.published_by)}};
  if (with_members) {
    json members = json::array();
    for (const auto& m : v.members)
      members.push_back({{"position", m.position},
                         {"indicator_id", m.indicator_id},
                         {"indicator_version", m.indicator_version},
                         {"code", m.code},
                         {"name", m.name},
                         {"unit_of_measure", m.unit_of_measure},
                         {"group", m.group}});
    j["members"] = members;
  }
  return j;
}

json target(const tgt::Target& t) {
  return json{{"id", t.id},
              {"plan_period", t.period.id()},
              {"unit_id", t.unit_id},
              {"indicator_id", t.indicator_id},
              {"owner_unit_id", t.owner_unit_id},
              {"registered_value", opt(t.registered_value)},
              {"assigned_value", opt(t.assigned_value)},
              {"status", tgt::statusId(t.status)},
              {"status_label", tgt::statusLabel(t.status)},
              {"updated_at", t.updated_at.iso()},
              {"version", t.version}};
}

json targetChange(const tgt::TargetChange& c) {
  return json{{"id", c.id},
              {"target_id", c.target_id},
              {"kind", tgt::changeKindId(c.kind)},
              {"kind_label", tgt::changeKindLabel(c.kind)},
              {"old_value", opt(c.old_value)},
              {"new_value", c.new_value},
              {"comment", c.comment},
              {"at", c.at.iso()},
              {"actor_id", opt(c.actor_id)},
              {"actor_name", c.actor_name}};
}

json actual(const tgt::Actual& a) {
  return json{{"id", a.id},
              {"unit_id", a.unit_id},
              {"indicator_id", a.indicator_id},
              {"year", a.year},
              {"value", a.value},
              {"estimate", a.estimate},
              {"source", a.source},
              {"recorded_at", a.recorded_at.iso()},
              {"version", a.version}};
}

json achievement(const tgt::Achievement& a) {
  return json{{"percent", opt(a.percent)},
              {"difference", a.difference},
              {"met", a.met},
              {"label", a.label}};
}

}  // namespace baocao::app::views
