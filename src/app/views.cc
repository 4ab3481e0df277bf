#include "app/views.h"

namespace baocao::app::views {

using nlohmann::json;

namespace {
json dateOrNull(const std::optional<core::Date>& d) { return d ? json(d->iso()) : json(nullptr); }
json tsOrNull(const std::optional<core::Timestamp>& t) { return t ? json(t->iso()) : json(nullptr); }
}  // namespace

json org(const core::org::OrgUnit& u) {
  return json{{"id", u.id},
              {"code", u.code},
              {"name", u.name},
              {"type", core::org::orgTypeId(u.type)},
              {"type_label", core::org::orgTypeLabel(u.type)},
              {"parent_id", optionalJson(u.parent_id)},
              {"level", u.level},
              {"valid_from", dateOrNull(u.valid_from)},
              {"valid_to", dateOrNull(u.valid_to)},
              {"version", u.version}};
}

json link(const core::org::SuccessorLink& l) {
  return json{{"id", l.id},           {"from_id", l.from_id},
              {"to_id", l.to_id},     {"kind", core::org::linkKindId(l.kind)},
              {"share", l.share},     {"effective", l.effective.iso()}};
}

json user(const core::security::User& u) {
  return json{{"id", u.id},
              {"username", u.username},
              {"full_name", u.full_name},
              {"email", u.email},
              {"phone", u.phone},
              {"birth_date", dateOrNull(u.birth_date)},
              {"unit_id", u.unit_id},
              {"must_change_password", u.must_change_password},
              {"revoked", u.revoked},
              {"locked_until", tsOrNull(u.locked_until)},
              {"created_at", u.created_at.iso()},
              {"version", u.version}};
}

json grant(const core::security::Grant& g) {
  return json{{"id", g.id},
              {"user_id", g.user_id},
              {"role", core::security::roleId(g.role)},
              {"role_label", core::security::roleLabel(g.role)},
              {"unit_id", g.unit_id},
              {"include_subtree", g.include_subtree}};
}

json token(const core::security::ApiToken& t) {
  return json{{"id", t.id},
              {"user_id", t.user_id},
              {"name", t.name},
              {"created_at", t.created_at.iso()},
              {"expires_at", tsOrNull(t.expires_at)},
              {"revoked", t.revoked}};
}

json auditEntry(const core::audit::AuditEntry& e) {
  auto parsed = [](const std::string& s) -> json {
    if (s.empty()) return nullptr;
    auto j = json::parse(s, nullptr, false);
    return j.is_discarded() ? json(s) : j;
  };
  return json{{"seq", e.seq},
              {"at", e.at.iso()},
              {"actor_id", optionalJson(e.actor_id)},
              {"actor_name", e.actor_name},
              {"action", e.action},
              {"entity_type", e.entity_type},
              {"entity_id", e.entity_id},
              {"unit_id", optionalJson(e.unit_id)},
              {"before", parsed(e.before_json)},
              {"after", parsed(e.after_json)},
              {"ip", e.ip},
              {"hash", e.hash}};
}

}  // namespace baocao::app::views
