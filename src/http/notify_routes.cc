// Reminders and announcements (docs/api.md "Notifications and announcements"; issue 5 point 8):
//   GET  /api/v1/me/notifications?unread=&limit=&offset=   the user's inbox, unread first
//   POST /api/v1/me/notifications/{id}/read                mark one read
//   POST /api/v1/me/notifications/read-all                 mark every one read
//   GET  /api/v1/announcements                             current and upcoming (no login
//                                                          needed: the login page shows them)
//   POST /api/v1/announcements                             publish (system administrators)
//   PUT  /api/v1/announcements/{id}                        change (version required)
//   DELETE /api/v1/announcements/{id}                      withdraw
//   POST /api/v1/notifications/run                         run today's reminders and digests
//                                                          now (system administrators; the
//                                                          server also does it daily)
// Handlers only adapt; permissions and rules are decided by app::NotifyService.
// Thread-safety: as Api.
#include <nlohmann/json.hpp>
#include <string>

#include "app/notify_service.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using ojson = nlohmann::ordered_json;
namespace nt = core::notify;

namespace {

ojson notificationJson(const core::ports::Notification& n) {
  auto kind = nt::parseReminderKind(n.kind);
  return ojson{{"id", n.id},
               {"kind", n.kind},
               {"kind_label", kind ? std::string(nt::reminderKindLabel(*kind)) : n.kind},
               {"obligation_key", n.obligation_key.empty() ? ojson(nullptr) : ojson(n.obligation_key)},
               {"text", n.text},
               {"created_at", n.created_at.iso()},
               {"read_at", n.read_at ? ojson(n.read_at->iso()) : ojson(nullptr)},
               {"emailed_on", n.digest_day ? ojson(n.digest_day->iso()) : ojson(nullptr)}};
}

ojson announcementJson(const nt::Announcement& a, core::Timestamp now) {
  return ojson{{"id", a.id},
               {"kind", std::string(nt::announcementKindId(a.kind))},
               {"kind_label", std::string(nt::announcementKindLabel(a.kind))},
               {"title", a.title},
               {"body", a.body},
               {"published_at", a.published_at.iso()},
               {"starts_at", a.starts_at.iso()},
               {"ends_at", a.ends_at ? ojson(a.ends_at->iso()) : ojson(nullptr)},
               {"phase", std::string(nt::phaseId(nt::phaseAt(a, now)))},
               {"text", nt::bannerText(a)},
               {"version", a.version}};
}

/// An instant: "2026-03-14T15:00:00Z" (UTC), or "2026-03-14T22:00" / "…:00" without a zone,
/// read as Vietnam time (what the operator's form sends).
core::Result<core::Timestamp> instant(const std::string& text, const char* field) {
  auto bad = [&] {
    std::string m = std::string("Trường '") + field +
                    "': cần thời điểm dạng 2026-03-14T22:00 (giờ Việt Nam) hoặc "
                    "2026-03-14T15:00:00Z, nhận '" + text + "'";
    return makeError(ErrorCode::InvalidField, m, {{field, "thời điểm không hợp lệ"}});
  };
  if (text.size() < 16 || text[10] != 'T') return bad();
  bool utc = text.back() == 'Z';
  std::string iso = utc ? text : (text.size() == 16 ? text + ":00Z" : text + "Z");
  auto t = core::Timestamp::parseIso(iso);
  if (!t) return bad();
  return utc ? *t : t->plusSeconds(-7 * 3600);
}

core::Result<app::AnnouncementInput> readAnnouncement(const JsonBody& b) {
  app::AnnouncementInput in;
  BAOCAO_ASSIGN(auto kind_text, b.str("kind", 20));
  auto kind = nt::parseAnnouncementKind(kind_text);
  if (!kind)
    return makeError(ErrorCode::InvalidField,
                     "Trường 'kind': cần 'maintenance' (bảo trì), 'suspension' (tạm ngưng báo "
                     "cáo) hoặc 'info' (thông báo), nhận '" + kind_text + "'",
                     {{"kind", "không hợp lệ"}});
  in.kind = *kind;
  BAOCAO_ASSIGN(in.title, b.str("title", 2000));
  BAOCAO_ASSIGN(auto body, b.optStr("body", 40000));
  in.body = body.value_or("");
  BAOCAO_ASSIGN(auto starts, b.str("starts_at", 40));
  BAOCAO_ASSIGN(in.starts_at, instant(starts, "starts_at"));
  BAOCAO_ASSIGN(auto ends, b.optStr("ends_at", 40));
  if (ends) {
    BAOCAO_ASSIGN(in.ends_at, instant(*ends, "ends_at"));
  }
  return in;
}

}  // namespace

void Api::registerNotifyRoutes() {
  router_.add("GET", "/api/v1/me/notifications", authed([this](Request& req, app::Actor& a) {
    auto limit = queryInt(req, "limit", 50, 1, 500);
    if (!limit) return problem(limit.error());
    auto offset = queryInt(req, "offset", 0, 0, 1000000);
    if (!offset) return problem(offset.error());
    auto unread = queryText(req, "unread", 10);
    if (!unread) return problem(unread.error());
    if (!unread->empty() && *unread != "true" && *unread != "false")
      return problem(makeError(ErrorCode::InvalidField,
                               "Tham số 'unread': cần true hoặc false, nhận '" + *unread + "'",
                               {{"unread", "không hợp lệ"}}));
    auto r = s_.notify.inbox(a, *unread == "true", *limit, *offset);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& n : r->items) items.push_back(notificationJson(n));
    return ok(ojson{{"unread", r->unread}, {"items", items}});
  }));

  router_.add("POST", "/api/v1/me/notifications/read-all", authed([this](Request&, app::Actor& a) {
    auto r = s_.notify.markAllRead(a);
    if (!r) return problem(r.error());
    return ok(ojson{{"marked", *r}});
  }));

  router_.add("POST", "/api/v1/me/notifications/{id}/read", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto r = s_.notify.markRead(a, *id);
    if (!r) return problem(r.error());
    return ok(notificationJson(*r));
  }));

  router_.add("GET", "/api/v1/announcements", [this](Request&) {
    auto r = s_.notify.announcements();
    if (!r) return problem(r.error());
    core::Timestamp now = s_.notify.now();
    ojson items = ojson::array();
    for (const auto& x : *r) items.push_back(announcementJson(x, now));
    return ok(ojson{{"items", items}});
  });

  router_.add("POST", "/api/v1/announcements", authed([this](Request& req, app::Actor& a) {
    auto b = JsonBody::parse(req, {"kind", "title", "body", "starts_at", "ends_at"});
    if (!b) return problem(b.error());
    auto in = readAnnouncement(*b);
    if (!in) return problem(in.error());
    auto r = s_.notify.publish(a, *in);
    if (!r) return problem(r.error());
    return ok(announcementJson(*r, s_.notify.now()), 201);
  }));

  router_.add("PUT", "/api/v1/announcements/{id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto b = JsonBody::parse(req, {"kind", "title", "body", "starts_at", "ends_at", "version"});
    if (!b) return problem(b.error());
    auto version = b->integer("version");
    if (!version) return problem(version.error());
    auto in = readAnnouncement(*b);
    if (!in) return problem(in.error());
    auto r = s_.notify.change(a, *id, *in, *version);
    if (!r) return problem(r.error());
    return ok(announcementJson(*r, s_.notify.now()));
  }));

  router_.add("DELETE", "/api/v1/announcements/{id}", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto st = s_.notify.withdraw(a, *id);
    if (!st) return problem(st.error());
    return Response::noContent();
  }));

  router_.add("POST", "/api/v1/notifications/run", authed([this](Request&, app::Actor& a) {
    auto r = s_.notify.runDaily(&a, s_.notify.today());
    if (!r) return problem(r.error());
    return ok(ojson{{"today", s_.notify.today().iso()},
                    {"obligations", r->obligations},
                    {"reminders", r->reminders},
                    {"digests", r->digests},
                    {"sent", r->sent},
                    {"failed", r->failed},
                    {"mail_enabled", s_.notify.mailEnabled()}});
  }));
}

}  // namespace baocao::http
