#include "http/api.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "app/crypto.h"
#include "app/views.h"
#include "core/common/text.h"
#include "core/security/permission.h"
#include "exchange/org_io.h"
#include "http/json_body.h"
#include "http/file_transfer.h"
#include "http/json_writer.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using nlohmann::json;
namespace sec = core::security;
namespace org = core::org;

namespace {

constexpr const char* kCookie = "baocao_session";

}  // namespace

void writeOrg(JsonWriter& w, const org::OrgUnit& u, int64_t child_count) {
  auto date = [&](const std::optional<core::Date>& d) -> JsonWriter& {
    return d ? w.value(d->iso()) : w.null();
  };
  w.beginObject();
  w.key("id").value(u.id);
  w.key("code").value(u.code);
  w.key("name").value(u.name);
  w.key("type").value(org::orgTypeId(u.type));
  w.key("type_label").value(org::orgTypeLabel(u.type));
  w.key("parent_id").value(u.parent_id);
  w.key("level").value(u.level);
  w.key("valid_from");
  date(u.valid_from);
  w.key("valid_to");
  date(u.valid_to);
  w.key("version").value(u.version);
  w.key("child_count").value(child_count);
  w.endObject();
}

namespace {

bool unsafe(const std::string& m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

}  // namespace

const std::vector<std::string>& openApiParts();  // generated: cmake/embed.cmake

const std::string& openApiDocument() {
  static const std::string doc = [] {
    const auto& parts = openApiParts();
    json main = json::parse(parts.at(0));
    for (size_t i = 1; i < parts.size(); ++i) {
      json frag = json::parse(parts[i]);
      for (auto it = frag["paths"].begin(); it != frag["paths"].end(); ++it) main["paths"][it.key()] = it.value();
      if (frag.contains("components"))
        for (auto sec = frag["components"].begin(); sec != frag["components"].end(); ++sec)
          for (auto it = sec.value().begin(); it != sec.value().end(); ++it)
            main["components"][sec.key()][it.key()] = it.value();
      if (frag.contains("tags"))
        for (const auto& t : frag["tags"]) main["tags"].push_back(t);
    }
    return main.dump(-1, ' ', false, json::error_handler_t::replace);
  }();
  return doc;
}

Api::Api(Services s, ApiOptions opts) : s_(s), opts_(std::move(opts)) {
  if (!opts_.web_root.empty()) {
    size_t n = web_.load(opts_.web_root);
    if (n == 0) spdlog::warn("web UI not found in '{}': run `make web`", opts_.web_root);
  }
  registerRoutes();
}

Response Api::reject(int status, const std::string& code, const std::string& detail) {
  metrics_.observe("?", "(rejected)", status, 0);
  return problem(status, code, detail);
}

Response Api::handle(Request& req) {
  auto t0 = std::chrono::steady_clock::now();
  Response r;
  try {
    r = dispatch(req);
  } catch (const std::exception& e) {
    // Last-resort catch: no exception crosses into the transport.
    spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, e.what());
    r = problem(makeError(ErrorCode::Internal));
  }
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  if (r.content_type.rfind("text/html", 0) == 0)
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                           "frame-ancestors 'none'");
  if (req.path.rfind("/api/", 0) == 0) r.headers.emplace_back("Cache-Control", "no-store");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  metrics_.observe(req.method, req.route.empty() ? "(other)" : req.route, r.status, secs);
  if (r.status >= 500) spdlog::error("{} {} -> {}", req.method, req.path, r.status);
  return r;
}

Response Api::dispatch(Request& req) {
  const Route* route = nullptr;
  auto m = router_.match(req, &route);
  if (m == Router::Match::Found) return route->handler(req);
  if (m == Router::Match::MethodNotAllowed)
    return problem(405, "E1010_METHOD_NOT_ALLOWED", "Phương thức " + req.method.substr(0, 10) +
                                                        " không được hỗ trợ cho " + req.path.substr(0, 200));
  if (req.path.rfind("/api/", 0) == 0 || req.method != "GET" || web_.empty())
    return problem(404, "E3001_NOT_FOUND", "Không có đường dẫn " + req.path.substr(0, 200));
  auto f = web_.serve(req.path);
  if (!f) return problem(404, "E3001_NOT_FOUND", "Không có tệp " + req.path.substr(0, 200));
  req.route = "(web)";
  return *f;
}

RouteHandler Api::authed(AuthedHandler fn, bool allow_pw_change) {
  return [this, fn, allow_pw_change](Request& req) -> Response {
    core::Result<app::Actor> actor = makeError(ErrorCode::Unauthenticated);
    std::string bearer = req.header("authorization");
    bool via_cookie = false;
    if (bearer.rfind("Bearer ", 0) == 0) {
      actor = s_.auth.authenticateToken(bearer.substr(7), req.remote_ip);
    } else {
      std::string c = req.cookie(kCookie);
      if (!c.empty()) {
        actor = s_.auth.authenticateSession(c, req.remote_ip);
        via_cookie = true;
      }
    }
    if (!actor) return problem(actor.error());
    if (via_cookie && unsafe(req.method) &&
        !app::crypto::equalConstantTime(req.header("x-csrf-token"), actor->csrf_token))
      return problem(makeError(ErrorCode::CsrfMismatch,
                               "Thiếu hoặc sai tiêu đề X-CSRF-Token (chống giả mạo yêu cầu)"));
    if (actor->must_change_password && !allow_pw_change)
      return problem(makeError(ErrorCode::PasswordChangeRequired,
                               "Cần đổi mật khẩu trước khi tiếp tục (lần đầu đăng nhập, mật khẩu "
                               "được cấp lại hoặc đã quá 90 ngày)"));
    return fn(req, actor.value());
  };
}

void Api::registerRoutes() {
  auto authed = [this](AuthedHandler fn, bool allow = false) { return this->authed(std::move(fn), allow); };

  auto meJson = [this](const app::Actor& a) -> core::Result<json> {
    auto detail = s_.users.get(a, a.user_id);
    if (!detail) return detail.error();
    std::vector<int64_t> ids{detail->user.unit_id};
    for (const auto& g : a.grants) ids.push_back(g.unit_id);
    auto units = s_.orgs.unitsByIds(ids);
    std::unordered_map<int64_t, std::string> names;
    if (units)
      for (const auto& u : *units) names[u.id] = u.name;
    json user = app::views::user(detail->user);
    user["unit_name"] = names[detail->user.unit_id];
    json grants = json::array();
    for (const auto& g : a.grants) {
      json gj = app::views::grant(g);
      gj["unit_name"] = names[g.unit_id];
      grants.push_back(gj);
    }
    json perms = json::array();
    for (auto act : {sec::Action::OrgRead, sec::Action::OrgWrite, sec::Action::UserRead,
                     sec::Action::UserManage, sec::Action::AuditRead, sec::Action::CalendarWrite,
                     sec::Action::SystemManage, sec::Action::IndicatorWrite,
                     sec::Action::TargetRegister, sec::Action::TargetAssign,
                     sec::Action::RegimeWrite})
      if (sec::permitsAnywhere(a.grants, act)) perms.push_back(sec::actionId(act));
    auto expires = core::Timestamp::fromSeconds(detail->user.password_changed_at.seconds() +
                                                90LL * 86400);
    return json{{"user", user},
                {"grants", grants},
                {"csrf_token", a.csrf_token},
                {"must_change_password", a.must_change_password},
                {"password_expires_on", expires.vietnamDate().iso()},
                {"permissions", perms}};
  };

  auto sessionCookie = [this](const std::string& value, int max_age) {
    std::string c = std::string(kCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                    std::to_string(max_age);
    if (opts_.cookie_secure) c += "; Secure";
    return c;
  };

  // ---- operations ----
  router_.add("GET", "/healthz", [this](Request&) {
    auto tx = s_.store.begin(core::ports::TxMode::Read);
    if (!tx) return problem(503, "E9001_STORAGE", "Cơ sở dữ liệu không sẵn sàng");
    return ok(json{{"status", "ok"}, {"db", s_.store.kind()}, {"schema_version", opts_.schema_version}});
  });
  router_.add("GET", "/metrics", [this](Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.render([this] {
      auto p = s_.store.poolStats();
      return "# HELP baocao_db_pool_size Database connections in the pool.\n"
             "# TYPE baocao_db_pool_size gauge\nbaocao_db_pool_size " +
             std::to_string(p.size) +
             "\n# HELP baocao_db_pool_in_use Database connections in use.\n"
             "# TYPE baocao_db_pool_in_use gauge\nbaocao_db_pool_in_use " +
             std::to_string(p.in_use) + "\n";
    });
    return r;
  });
  router_.add("GET", "/api/v1/openapi.json", [](Request&) {
    return Response::json(200, openApiDocument());
  });

  // ---- auth ----
  router_.add("POST", "/api/v1/auth/login", [this, meJson, sessionCookie](Request& req) {
    auto body = JsonBody::parse(req, {"username", "password"});
    if (!body) return problem(body.error());
    auto username = body->str("username", 64);
    if (!username) return problem(username.error());
    auto password = body->str("password", 256);
    if (!password) return problem(password.error());
    std::string uname = *username;
    for (auto& c : uname) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto res = s_.auth.login(uname, *password, req.remote_ip);
    if (!res) return problem(res.error());
    auto me = meJson(res->actor);
    if (!me) return problem(me.error());
    Response r = ok(*me);
    r.headers.emplace_back("Set-Cookie", sessionCookie(res->session_token, opts_.session_max_hours * 3600));
    return r;
  });
  router_.add("POST", "/api/v1/auth/logout", authed([this, sessionCookie](Request&, app::Actor& a) {
    auto st = s_.auth.logout(a);
    if (!st) return problem(st.error());
    Response r = Response::noContent();
    r.headers.emplace_back("Set-Cookie", sessionCookie("", 0));
    return r;
  }, true));
  router_.add("GET", "/api/v1/auth/me", authed([meJson](Request&, app::Actor& a) {
    auto me = meJson(a);
    if (!me) return problem(me.error());
    return ok(*me);
  }, true));
  router_.add("POST", "/api/v1/auth/change-password", authed([this, meJson](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"current_password", "new_password"});
    if (!body) return problem(body.error());
    auto cur = body->str("current_password", 256);
    if (!cur) return problem(cur.error());
    auto next = body->str("new_password", 256);
    if (!next) return problem(next.error());
    auto u = s_.auth.changePassword(a, *cur, *next);
    if (!u) return problem(u.error());
    auto fresh = s_.auth.refresh(a);
    if (!fresh) return problem(fresh.error());
    auto me = meJson(*fresh);
    if (!me) return problem(me.error());
    return ok(*me);
  }, true));
  router_.add("GET", "/api/v1/auth/tokens", authed([this](Request&, app::Actor& a) {
    auto r = s_.auth.listTokens(a);
    if (!r) return problem(r.error());
    json items = json::array();
    for (const auto& t : *r) items.push_back(app::views::token(t));
    return ok(json{{"items", items}});
  }));
  router_.add("POST", "/api/v1/auth/tokens", authed([this](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"name", "expires_on"});
    if (!body) return problem(body.error());
    auto name = body->str("name", 100);
    if (!name) return problem(name.error());
    auto exp = body->optDate("expires_on");
    if (!exp) return problem(exp.error());
    auto r = s_.auth.createToken(a, *name, *exp);
    if (!r) return problem(r.error());
    return ok(json{{"token", r->secret}, {"item", app::views::token(r->token)}}, 201);
  }));
  router_.add("DELETE", "/api/v1/auth/tokens/{id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto st = s_.auth.revokeToken(a, *id);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));

  // ---- organisation tree ----
  auto orgJson = [](const org::OrgUnit& u, int64_t child_count) {
    json j = app::views::org(u);
    j["child_count"] = child_count;
    return j;
  };
  router_.add("GET", "/api/v1/orgs/types", authed([](Request&, app::Actor&) {
    json items = json::array();
    for (auto t : org::allOrgTypes())
      items.push_back({{"id", org::orgTypeId(t)}, {"label", org::orgTypeLabel(t)}});
    return ok(json{{"items", items}});
  }));
  router_.add("GET", "/api/v1/orgs", authed([this, orgJson](Request& req, app::Actor& a) {
    core::ports::OrgQuery q;
    q.text = req.q("q");
    if (!core::text::isValidUtf8(q.text))
      return problem(makeError(ErrorCode::InvalidUtf8, "Tham số 'q' không phải UTF-8 hợp lệ"));
    if (q.text.size() > 200)
      return problem(makeError(ErrorCode::InvalidField, "Tham số 'q': dài quá 200 byte", {{"q", "quá dài"}}));
    if (req.has("parent_id")) {
      auto p = parseId(req.q("parent_id"), "parent_id");
      if (!p) return problem(p.error());
      q.parent_id = *p;
    }
    q.roots_only = req.q("roots") == "1" || req.q("roots") == "true";
    auto d = queryDate(req, "active_on");
    if (!d) return problem(d.error());
    q.active_on = *d;
    if (req.has("type") && !req.q("type").empty()) {
      auto t = org::parseOrgType(req.q("type"));
      if (!t) return problem(t.error());
      q.type = *t;
    }
    auto limit = queryInt(req, "limit", 50, 1, 500);
    if (!limit) return problem(limit.error());
    auto offset = queryInt(req, "offset", 0, 0, 10000000);
    if (!offset) return problem(offset.error());
    q.limit = *limit;
    q.offset = *offset;
    auto page = s_.orgs.list(a, q);
    if (!page) return problem(page.error());
    // The hot read of the tree screen: written directly (same fields as views::org).
    JsonWriter w;
    w.beginObject().key("items").beginArray();
    for (size_t i = 0; i < page->items.size(); ++i)
      writeOrg(w, page->items[i], i < page->child_counts.size() ? page->child_counts[i] : 0);
    w.endArray().key("total").value(page->total).endObject();
    return Response::json(200, w.take());
  }));
  router_.add("GET", "/api/v1/orgs/export", authed([this](Request& req, app::Actor& a) {
    auto fmt = exchange::orgFormatFromName(req.q("format").empty() ? "json" : req.q("format"));
    if (!fmt) return problem(fmt.error());
    std::optional<int64_t> root;
    if (req.has("root_id")) {
      auto r = parseId(req.q("root_id"), "root_id");
      if (!r) return problem(r.error());
      root = *r;
    }
    auto data = s_.orgs.exportUnits(&a, root);
    if (!data) return problem(data.error());
    exchange::OrgFile f;
    for (const auto& r : data->units) f.units.push_back({r.unit, r.parent_code});
    for (const auto& l : data->links) f.links.push_back({l.from_code, l.to_code, l.kind, l.share, l.effective});
    auto bytes = exchange::writeOrgFile(*fmt, f);
    if (!bytes) return problem(bytes.error());
    return fileDownload(std::move(bytes).value(), exchange::orgFormatMimeType(*fmt),
                        "co-cau-to-chuc." + std::string(exchange::orgFormatExtension(*fmt)));
  }));
  router_.add("POST", "/api/v1/orgs/import", authed([this](Request& req, app::Actor& a) {
    auto name = uploadFormatName(req);
    if (!name) return problem(name.error());
    auto fmt = exchange::orgFormatFromName(*name);
    if (!fmt) return problem(fmt.error());
    auto file = exchange::readOrgFile(*fmt, req.body);
    if (!file) return problem(file.error());
    app::OrgImport imp;
    for (auto& r : file->units) imp.units.push_back({std::move(r.unit), std::move(r.parent_code)});
    for (auto& l : file->links) imp.links.push_back({l.from_code, l.to_code, l.kind, l.share, l.effective});
    auto rep = s_.orgs.importUnits(&a, imp);
    if (!rep) return problem(rep.error());
    return ok(json{{"created", rep->created}, {"updated", rep->updated},
                   {"unchanged", rep->unchanged}, {"links", rep->links}});
  }));
  router_.add("GET", "/api/v1/orgs/{id}", authed([this, orgJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto d = s_.orgs.get(a, *id);
    if (!d) return problem(d.error());
    json j = orgJson(d->unit, d->child_count);
    json path = json::array();
    for (const auto& p : d->path) path.push_back({{"id", p.id}, {"code", p.code}, {"name", p.name}});
    j["path"] = path;
    auto links = [](const std::vector<app::OrgDetail::LinkView>& v) {
      json arr = json::array();
      for (const auto& lv : v) {
        json l = app::views::link(lv.link);
        l["from_code"] = lv.from.code;
        l["from_name"] = lv.from.name;
        l["to_code"] = lv.to.code;
        l["to_name"] = lv.to.name;
        arr.push_back(l);
      }
      return arr;
    };
    j["predecessors"] = links(d->predecessors);
    j["successors"] = links(d->successors);
    return ok(j);
  }));
  auto readUnitFields = [](const JsonBody& b, org::OrgUnit& u, bool partial) -> core::Status {
    if (!partial || b.has("code")) {
      BAOCAO_ASSIGN(u.code, b.str("code", 32));
    }
    if (!partial || b.has("name")) {
      BAOCAO_ASSIGN(u.name, b.str("name", 300));
    }
    if (!partial || b.has("type")) {
      BAOCAO_ASSIGN(auto t, b.str("type", 32));
      BAOCAO_ASSIGN(u.type, org::parseOrgType(t));
    }
    if (b.has("parent_id")) {
      BAOCAO_ASSIGN(auto p, b.optInteger("parent_id"));
      u.parent_id = p;
    } else if (b.isNull("parent_id")) {
      u.parent_id.reset();
    }
    if (b.has("valid_from") || b.isNull("valid_from")) {
      BAOCAO_ASSIGN(u.valid_from, b.optDate("valid_from"));
    }
    if (b.has("valid_to") || b.isNull("valid_to")) {
      BAOCAO_ASSIGN(u.valid_to, b.optDate("valid_to"));
    }
    return core::ok();
  };
  router_.add("POST", "/api/v1/orgs", authed([this, orgJson, readUnitFields](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"code", "name", "type", "parent_id", "valid_from", "valid_to"});
    if (!body) return problem(body.error());
    org::OrgUnit u;
    auto st = readUnitFields(*body, u, false);
    if (!st) return problem(st.error());
    auto r = s_.orgs.create(a, u);
    if (!r) return problem(r.error());
    return ok(orgJson(*r, 0), 201);
  }));
  router_.add("PATCH", "/api/v1/orgs/{id}", authed([this, orgJson, readUnitFields](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"version", "code", "name", "type", "parent_id", "valid_from", "valid_to"});
    if (!body) return problem(body.error());
    auto version = body->integer("version");
    if (!version) return problem(version.error());
    auto cur = s_.orgs.get(a, *id);
    if (!cur) return problem(cur.error());
    org::OrgUnit u = cur->unit;
    auto st = readUnitFields(*body, u, true);
    if (!st) return problem(st.error());
    u.version = *version;
    auto r = s_.orgs.update(a, u);
    if (!r) {
      if (r.error().code == ErrorCode::Conflict) {
        auto fresh = s_.orgs.get(a, *id);
        if (fresh) return problem(r.error(), json{{"current", orgJson(fresh->unit, fresh->child_count)}});
      }
      return problem(r.error());
    }
    return ok(orgJson(*r, cur->child_count));
  }));
  router_.add("POST", "/api/v1/orgs/links", authed([this](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"from_id", "to_id", "kind", "share", "effective"});
    if (!body) return problem(body.error());
    org::SuccessorLink l;
    auto from = body->integer("from_id");
    if (!from) return problem(from.error());
    auto to = body->integer("to_id");
    if (!to) return problem(to.error());
    auto kind = body->str("kind", 16);
    if (!kind) return problem(kind.error());
    auto k = org::parseLinkKind(*kind);
    if (!k) return problem(k.error());
    double share = 1.0;
    if (body->has("share")) {
      auto s = body->number("share");
      if (!s) return problem(s.error());
      share = *s;
    }
    auto eff = body->optDate("effective");
    if (!eff) return problem(eff.error());
    if (!*eff) return problem(missingField("effective"));
    l.from_id = *from;
    l.to_id = *to;
    l.kind = *k;
    l.share = share;
    l.effective = **eff;
    auto r = s_.orgs.addLink(a, l);
    if (!r) return problem(r.error());
    return ok(app::views::link(*r), 201);
  }));
  router_.add("DELETE", "/api/v1/orgs/links/{id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto st = s_.orgs.removeLink(a, *id);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));

  // ---- users and roles ----
  router_.add("GET", "/api/v1/roles", authed([](Request&, app::Actor&) {
    json items = json::array();
    for (auto r : sec::allRoles()) items.push_back({{"id", sec::roleId(r)}, {"label", sec::roleLabel(r)}});
    return ok(json{{"items", items}});
  }));
  auto userJson = [this](const std::vector<sec::User>& users) {
    std::vector<int64_t> ids;
    for (const auto& u : users) ids.push_back(u.unit_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::unordered_map<int64_t, std::string> names;
    auto units = s_.orgs.unitsByIds(ids);
    if (units)
      for (const auto& u : *units) names[u.id] = u.name;
    json arr = json::array();
    for (const auto& u : users) {
      json j = app::views::user(u);
      j["unit_name"] = names[u.unit_id];
      arr.push_back(j);
    }
    return arr;
  };
  router_.add("GET", "/api/v1/users", authed([this, userJson](Request& req, app::Actor& a) {
    core::ports::UserRepository::Query q;
    q.text = req.q("q");
    if (!core::text::isValidUtf8(q.text))
      return problem(makeError(ErrorCode::InvalidUtf8, "Tham số 'q' không phải UTF-8 hợp lệ"));
    if (req.has("unit_id")) {
      auto u = parseId(req.q("unit_id"), "unit_id");
      if (!u) return problem(u.error());
      q.unit_ids = std::vector<int64_t>{*u};
    }
    auto limit = queryInt(req, "limit", 100, 1, 500);
    if (!limit) return problem(limit.error());
    auto offset = queryInt(req, "offset", 0, 0, 10000000);
    if (!offset) return problem(offset.error());
    q.limit = *limit;
    q.offset = *offset;
    auto r = s_.users.list(a, q);
    if (!r) return problem(r.error());
    return ok(json{{"items", userJson(*r)}});
  }));
  auto readUserFields = [](const JsonBody& b, sec::User& u, bool partial) -> core::Status {
    if (!partial || b.has("username")) {
      BAOCAO_ASSIGN(u.username, b.str("username", 64));
    }
    if (!partial || b.has("full_name")) {
      BAOCAO_ASSIGN(u.full_name, b.str("full_name", 200));
    }
    if (!partial || b.has("unit_id")) {
      BAOCAO_ASSIGN(u.unit_id, b.integer("unit_id"));
    }
    if (b.has("email") || b.isNull("email")) {
      BAOCAO_ASSIGN(auto e, b.optStr("email", 200));
      u.email = e.value_or("");
    }
    if (b.has("phone") || b.isNull("phone")) {
      BAOCAO_ASSIGN(auto p, b.optStr("phone", 30));
      u.phone = p.value_or("");
    }
    if (b.has("birth_date") || b.isNull("birth_date")) {
      BAOCAO_ASSIGN(u.birth_date, b.optDate("birth_date"));
    }
    return core::ok();
  };
  router_.add("POST", "/api/v1/users", authed([this, userJson, readUserFields](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"username", "full_name", "unit_id", "email", "phone", "birth_date", "password"});
    if (!body) return problem(body.error());
    sec::User u;
    auto st = readUserFields(*body, u, false);
    if (!st) return problem(st.error());
    auto pw = body->str("password", 256);
    if (!pw) return problem(pw.error());
    auto r = s_.users.create(&a, u, *pw);
    if (!r) return problem(r.error());
    return ok(userJson({*r})[0], 201);
  }));
  router_.add("GET", "/api/v1/users/{id}", authed([this, userJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto d = s_.users.get(a, *id);
    if (!d) return problem(d.error());
    json j = userJson({d->user})[0];
    std::vector<int64_t> ids;
    for (const auto& g : d->grants) ids.push_back(g.unit_id);
    std::unordered_map<int64_t, std::string> names;
    if (auto units = s_.orgs.unitsByIds(ids))
      for (const auto& u : *units) names[u.id] = u.name;
    json grants = json::array();
    for (const auto& g : d->grants) {
      json gj = app::views::grant(g);
      gj["unit_name"] = names[g.unit_id];
      grants.push_back(gj);
    }
    j["grants"] = grants;
    return ok(j);
  }));
  router_.add("PATCH", "/api/v1/users/{id}", authed([this, userJson, readUserFields](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"version", "username", "full_name", "unit_id", "email", "phone", "birth_date"});
    if (!body) return problem(body.error());
    auto version = body->integer("version");
    if (!version) return problem(version.error());
    auto cur = s_.users.get(a, *id);
    if (!cur) return problem(cur.error());
    sec::User u = cur->user;
    auto st = readUserFields(*body, u, true);
    if (!st) return problem(st.error());
    u.version = *version;
    auto r = s_.users.update(a, u);
    if (!r) {
      if (r.error().code == ErrorCode::Conflict) {
        auto fresh = s_.users.get(a, *id);
        if (fresh) return problem(r.error(), json{{"current", userJson({fresh->user})[0]}});
      }
      return problem(r.error());
    }
    return ok(userJson({*r})[0]);
  }));
  router_.add("POST", "/api/v1/users/{id}/reset-password", authed([this, userJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"password"});
    if (!body) return problem(body.error());
    auto pw = body->str("password", 256);
    if (!pw) return problem(pw.error());
    auto r = s_.users.resetPassword(&a, *id, *pw);
    if (!r) return problem(r.error());
    return ok(userJson({*r})[0]);
  }));
  router_.add("POST", "/api/v1/users/{id}/revoke", authed([this, userJson](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto r = s_.users.revoke(&a, *id);
    if (!r) return problem(r.error());
    return ok(userJson({*r})[0]);
  }));
  router_.add("POST", "/api/v1/users/{id}/grants", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"role", "unit_id", "include_subtree"});
    if (!body) return problem(body.error());
    auto role = body->str("role", 32);
    if (!role) return problem(role.error());
    auto r = sec::parseRole(*role);
    if (!r) return problem(r.error());
    auto unit = body->integer("unit_id");
    if (!unit) return problem(unit.error());
    auto sub = body->boolean("include_subtree", true);
    if (!sub) return problem(sub.error());
    sec::Grant g{0, *id, *r, *unit, *sub};
    auto created = s_.users.addGrant(&a, g);
    if (!created) return problem(created.error());
    json j = app::views::grant(*created);
    if (auto units = s_.orgs.unitsByIds({created->unit_id}); units && !units->empty())
      j["unit_name"] = units->front().name;
    return ok(j, 201);
  }));
  router_.add("DELETE", "/api/v1/users/{id}/grants/{grant_id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto gid = parseId(req.params["grant_id"], "grant_id");
    if (!gid) return problem(gid.error());
    auto st = s_.users.removeGrant(a, *id, *gid);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));

  // ---- audit ----
  router_.add("GET", "/api/v1/audit", authed([this](Request& req, app::Actor& a) {
    core::ports::AuditRepository::Query q;
    if (req.has("actor_id")) {
      auto v = parseId(req.q("actor_id"), "actor_id");
      if (!v) return problem(v.error());
      q.actor_id = *v;
    }
    q.action_prefix = req.q("action").substr(0, 64);
    q.entity_type = req.q("entity_type").substr(0, 64);
    q.entity_id = req.q("entity_id").substr(0, 64);
    auto from = queryDate(req, "from");
    if (!from) return problem(from.error());
    auto to = queryDate(req, "to");
    if (!to) return problem(to.error());
    // dates are Vietnam days: [from 00:00+07, to+1 00:00+07)
    if (*from) q.from = core::Timestamp::fromSeconds(int64_t{(*from)->days()} * 86400 - 7 * 3600);
    if (*to) q.to = core::Timestamp::fromSeconds(int64_t{(*to)->days() + 1} * 86400 - 7 * 3600);
    if (req.has("before_seq")) {
      auto v = parseId(req.q("before_seq"), "before_seq");
      if (!v) return problem(v.error());
      q.before_seq = *v;
    }
    auto limit = queryInt(req, "limit", 50, 1, 200);
    if (!limit) return problem(limit.error());
    q.limit = *limit;
    auto r = s_.audit.find(a, q);
    if (!r) return problem(r.error());
    json items = json::array();
    for (const auto& e : *r) items.push_back(app::views::auditEntry(e));
    json next = r->size() == static_cast<size_t>(q.limit) && !r->empty() ? json(r->back().seq) : json(nullptr);
    return ok(json{{"items", items}, {"next_before_seq", next}});
  }));
  router_.add("GET", "/api/v1/audit/verify", authed([this](Request&, app::Actor& a) {
    auto r = s_.audit.verify(&a);
    if (!r) return problem(r.error());
    json j{{"ok", r->ok}, {"checked", r->checked}};
    if (!r->ok) {
      j["first_bad_seq"] = r->first_bad_seq ? json(*r->first_bad_seq) : json(nullptr);
      j["problem"] = r->problem;
    }
    return ok(j);
  }));
  registerCalendarRoutes();
  registerIndicatorRoutes();
  registerRegimeRoutes();
  registerObligationRoutes();
  registerReportRoutes();
  registerRequestRoutes();
  registerReportXlsxRoutes();
  registerNotifyRoutes();
}

}  // namespace baocao::http
