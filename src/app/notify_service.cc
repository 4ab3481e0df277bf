#include "app/notify_service.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace nt = core::notify;
namespace ports = core::ports;
namespace sec = core::security;
namespace wf = core::workflow;

namespace {

std::string announcementJson(const nt::Announcement& a) {
  nlohmann::ordered_json j{{"id", a.id},
                           {"kind", std::string(nt::announcementKindId(a.kind))},
                           {"title", a.title},
                           {"body", a.body},
                           {"published_at", a.published_at.iso()},
                           {"starts_at", a.starts_at.iso()},
                           {"ends_at", a.ends_at ? nlohmann::ordered_json(a.ends_at->iso())
                                                 : nlohmann::ordered_json(nullptr)},
                           {"version", a.version}};
  return j.dump();
}

void apply(nt::Announcement& a, const AnnouncementInput& in) {
  a.kind = in.kind;
  a.title = in.title;
  a.body = in.body;
  a.starts_at = in.starts_at;
  a.ends_at = in.ends_at;
}

nt::ObligationFacts factsOf(const ports::StoredObligation& s, const std::string& unit_name) {
  nt::ObligationFacts f;
  f.obligation = s.obligation;
  f.state = s.state;
  f.version = s.version;
  f.unit_name = unit_name;
  return f;
}

}  // namespace

void NotifyService::setMailer(std::shared_ptr<Mailer> mailer, NotifyConfig config) {
  mailer_ = std::move(mailer);
  config_ = std::move(config);
}

core::Result<int> NotifyService::store(
    const std::vector<std::pair<int64_t, nt::Reminder>>& items) {
  if (items.empty()) return 0;
  core::Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  int created = 0;
  for (const auto& [user, r] : items) {
    ports::Notification n;
    n.user_id = user;
    n.kind = std::string(nt::reminderKindId(r.kind));
    n.obligation_key = r.obligation_key;
    n.dedupe_key = r.dedupe_key;
    n.text = r.text;
    n.created_at = now;
    BAOCAO_ASSIGN(auto added, tx->notify().addNotification(n));
    created += added.has_value();
  }
  BAOCAO_TRY(tx->commit());
  return created;
}

core::Result<NotifyRunReport> NotifyService::remind(core::Date today) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  NotifyRunReport rep;
  std::vector<std::pair<nt::Reminder, int64_t>> due;  // reminder, reporting unit
  std::map<int64_t, std::string> unit_names;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    ports::ObligationQuery q;
    q.limit = 5000;
    for (q.offset = 0;; q.offset += q.limit) {
      BAOCAO_ASSIGN(auto page, tx->obligations().find(q));
      for (const auto& s : page) {
        ++rep.obligations;
        int64_t unit = s.obligation.unit_id;
        auto name = unit_names.find(unit);
        if (name == unit_names.end()) {
          auto u = tx->orgs().get(unit);
          name = unit_names.emplace(unit, u ? u->name : std::string()).first;
        }
        for (auto& r : nt::dueReminders(factsOf(s, name->second), today, *cal))
          due.emplace_back(std::move(r), unit);
      }
      if (page.size() < static_cast<size_t>(q.limit)) break;
    }
  }
  std::set<int64_t> units;
  for (const auto& [r, unit] : due) units.insert(unit);
  BAOCAO_ASSIGN(auto reporters,
                obligations_.reportersOf(std::vector<int64_t>(units.begin(), units.end())));
  std::vector<std::pair<int64_t, nt::Reminder>> items;
  for (const auto& [r, unit] : due)
    for (int64_t user : reporters[unit]) items.emplace_back(user, r);
  BAOCAO_ASSIGN(rep.reminders, store(items));
  return rep;
}

core::Result<int> NotifyService::composeDigests(core::Date today) {
  int composed = 0;
  std::vector<int64_t> users;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    BAOCAO_ASSIGN(users, tx->notify().usersWithUndigested());
  }
  core::Timestamp now = ctx_.clock.now();
  // one short write Tx per user: a digest and the marks on what it carries commit together
  for (int64_t user_id : users) {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
    BAOCAO_ASSIGN(auto user, tx->users().get(user_id));
    BAOCAO_ASSIGN(auto pending, tx->notify().undigestedOf(user_id));
    if (pending.empty()) continue;
    std::vector<nt::DigestItem> items;
    std::vector<int64_t> ids;
    for (const auto& n : pending) {
      auto kind = nt::parseReminderKind(n.kind);
      items.push_back({kind.value_or(nt::ReminderKind::Assigned), n.text});
      ids.push_back(n.id);
    }
    auto mail = nt::composeDigest(user.full_name, today, items, config_.site_url);
    ports::Digest d;
    d.user_id = user_id;
    d.day = today;
    d.recipient = user.email;
    d.subject = mail.subject;
    d.body = mail.body;
    d.items = static_cast<int>(items.size());
    d.created_at = now;
    if (user.revoked) {
      d.status = ports::DigestStatus::Skipped;
      d.error = "Tài khoản đã bị thu hồi";
    } else if (!mailer_) {
      d.status = ports::DigestStatus::Skipped;
      d.error = "Máy chủ chưa cấu hình SMTP: chỉ thông báo trong ứng dụng";
    } else if (!nt::plausibleAddress(user.email)) {
      d.status = ports::DigestStatus::Skipped;
      d.error = user.email.empty() ? "Người dùng chưa có địa chỉ thư điện tử"
                                   : "Địa chỉ thư điện tử không hợp lệ: " + user.email;
    }
    BAOCAO_ASSIGN(auto created, tx->notify().createDigest(d, ids));
    if (!created) continue;  // already has today's digest: these wait for tomorrow's
    BAOCAO_TRY(tx->commit());
    ++composed;
  }
  return composed;
}

core::Result<NotifyRunReport> NotifyService::deliver() {
  NotifyRunReport rep;
  if (!mailer_) return rep;
  std::vector<ports::Digest> waiting;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    BAOCAO_ASSIGN(waiting, tx->notify().deliverable(config_.max_attempts));
  }
  for (const auto& d : waiting) {
    {
      BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
      BAOCAO_ASSIGN(bool mine, tx->notify().claimDigest(d.id));
      if (!mine) continue;
      BAOCAO_TRY(tx->commit());
    }
    BAOCAO_ASSIGN(auto user, [&]() -> core::Result<sec::User> {
      BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
      return tx->users().get(d.user_id);
    }());
    nt::MailMessage m;
    m.from = config_.from;
    m.to = {d.recipient, user.full_name};
    m.subject = d.subject;
    m.body = d.body;
    m.date = ctx_.clock.now();
    m.message_id = "<digest-" + std::to_string(d.id) + "-" + d.day.iso() + "@baocao>";
    auto sent = mailer_->send(m);  // outside any transaction: SMTP may take seconds
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
    BAOCAO_TRY(tx->notify().finishDigest(d.id, sent.has_value(),
                                         sent ? std::string() : sent.error().message,
                                         ctx_.clock.now()));
    BAOCAO_TRY(tx->commit());
    ++(sent ? rep.sent : rep.failed);
  }
  return rep;
}

core::Result<NotifyRunReport> NotifyService::runDaily(const Actor* actor, core::Date today) {
  if (actor) BAOCAO_TRY(requireOperator(*actor, "chạy nhắc việc"));
  BAOCAO_ASSIGN(auto rep, remind(today));
  BAOCAO_ASSIGN(rep.digests, composeDigests(today));
  BAOCAO_ASSIGN(auto delivered, deliver());
  rep.sent = delivered.sent;
  rep.failed = delivered.failed;
  return rep;
}

core::Status NotifyService::onReportTransition(const std::string& key, wf::State from,
                                               wf::State to, const Actor* actor) {
  (void)from;
  (void)actor;
  if (to != wf::State::Returned && to != wf::State::Accepted) return {};
  nt::ObligationFacts facts;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
    BAOCAO_ASSIGN(auto s, tx->obligations().get(key));
    auto unit = tx->orgs().get(s.obligation.unit_id);
    facts = factsOf(s, unit ? unit->name : std::string());
  }
  auto r = nt::transitionReminder(facts);
  if (!r) return {};  // the state moved on again meanwhile
  BAOCAO_ASSIGN(auto reporters, obligations_.reportersOf({facts.obligation.unit_id}));
  std::vector<std::pair<int64_t, nt::Reminder>> items;
  for (int64_t user : reporters[facts.obligation.unit_id]) items.emplace_back(user, *r);
  BAOCAO_TRY(store(items));
  return {};
}

core::Result<Inbox> NotifyService::inbox(const Actor& actor, bool unread_only, int limit,
                                         int offset) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  Inbox out;
  BAOCAO_ASSIGN(out.items, tx->notify().notificationsOf(actor.user_id, unread_only, limit, offset));
  BAOCAO_ASSIGN(out.unread, tx->notify().unreadCount(actor.user_id));
  return out;
}

core::Result<ports::Notification> NotifyService::markRead(const Actor& actor, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto n, tx->notify().markRead(actor.user_id, id, ctx_.clock.now()));
  BAOCAO_TRY(tx->commit());
  return n;
}

core::Result<int64_t> NotifyService::markAllRead(const Actor& actor) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(int64_t n, tx->notify().markAllRead(actor.user_id, ctx_.clock.now()));
  BAOCAO_TRY(tx->commit());
  return n;
}

core::Result<std::vector<nt::Announcement>> NotifyService::announcements() {
  core::Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto all, tx->notify().announcementsNotEndedAt(now));
  return nt::visibleAt(std::move(all), now);
}

core::Status NotifyService::requireOperator(const Actor& actor, const std::string& what) const {
  if (!sec::isSystemAdmin(actor.grants))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền " + what + ": thao tác này dành cho quản trị hệ thống");
  return {};
}

core::Result<nt::Announcement> NotifyService::publish(const Actor& actor,
                                                      const AnnouncementInput& in) {
  BAOCAO_TRY(requireOperator(actor, "đăng thông báo vận hành"));
  core::Timestamp now = ctx_.clock.now();
  nt::Announcement a;
  apply(a, in);
  a.published_at = now;
  a.updated_at = now;
  a.created_by = actor.user_id;
  BAOCAO_TRY(nt::validateAnnouncement(a, now));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(a, tx->notify().createAnnouncement(a));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"announcement.create", "announcement", std::to_string(a.id),
                            std::nullopt, "", announcementJson(a)}));
  BAOCAO_TRY(tx->commit());
  return a;
}

core::Result<nt::Announcement> NotifyService::change(const Actor& actor, int64_t id,
                                                     const AnnouncementInput& in,
                                                     int64_t version) {
  BAOCAO_TRY(requireOperator(actor, "sửa thông báo vận hành"));
  core::Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto before, tx->notify().announcement(id));
  nt::Announcement a = before;
  apply(a, in);
  a.version = version;
  a.updated_at = now;
  BAOCAO_TRY(nt::validateAnnouncement(a, now, &before));
  // a maintenance moved to another start is a new notice: the 24 hours count from now
  if (a.starts_at != before.starts_at || a.kind != before.kind) a.published_at = now;
  BAOCAO_ASSIGN(a, tx->notify().updateAnnouncement(a));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"announcement.update", "announcement", std::to_string(id),
                            std::nullopt, announcementJson(before), announcementJson(a)}));
  BAOCAO_TRY(tx->commit());
  return a;
}

core::Status NotifyService::withdraw(const Actor& actor, int64_t id) {
  BAOCAO_TRY(requireOperator(actor, "gỡ thông báo vận hành"));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto before, tx->notify().announcement(id));
  BAOCAO_TRY(tx->notify().deleteAnnouncement(id));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"announcement.delete", "announcement", std::to_string(id),
                            std::nullopt, announcementJson(before), ""}));
  BAOCAO_TRY(tx->commit());
  return {};
}

}  // namespace baocao::app
