// NotifyRepository over SQL (migration 8). The inbox's UNIQUE (user_id, dkey) with INSERT … ON
// CONFLICT DO NOTHING RETURNING id makes a reminder idempotent even between two servers; the
// digest's UNIQUE (user_id, day) does the same for e-mails, and claimDigest is a conditional
// UPDATE so only one sender gets each digest. Same SQL on SQLite and PostgreSQL.
#include "core/ports/notify_errors.h"
#include "storage/sql/sql_internal.h"

namespace baocao::storage::sql {
namespace {

using core::Result;
namespace ports = core::ports;
namespace nt = core::notify;

constexpr const char* kNotificationCols =
    "id, user_id, kind, obligation_key, dkey, text, created_at, read_at, digest_day";
constexpr const char* kDigestCols =
    "id, user_id, day, recipient, subject, body, items, status, attempts, error, created_at, "
    "sent_at";
constexpr const char* kAnnouncementCols =
    "id, kind, title, body, published_at, starts_at, ends_at, created_by, updated_at, version";

std::optional<long long> optMicros(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return static_cast<long long>(t->micros());
}
long long micros(core::Timestamp t) { return static_cast<long long>(t.micros()); }

struct NotificationRow {
  long long id = 0, user = 0, created = 0, read = 0;
  std::string kind, okey, dkey, text, digest;
  soci::indicator okey_ind = soci::i_ok, read_ind = soci::i_ok, digest_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(user);
    s.into(kind);
    s.into(okey, okey_ind);
    s.into(dkey);
    s.into(text);
    s.into(created);
    s.into(read, read_ind);
    s.into(digest, digest_ind);
  }
  Result<ports::Notification> get() const {
    ports::Notification n;
    n.id = id;
    n.user_id = user;
    n.kind = kind;
    if (okey_ind == soci::i_ok) n.obligation_key = okey;
    n.dedupe_key = dkey;
    n.text = text;
    n.created_at = core::Timestamp::fromMicros(created);
    if (read_ind == soci::i_ok) n.read_at = core::Timestamp::fromMicros(read);
    BAOCAO_ASSIGN(n.digest_day, parseDate(digest, digest_ind));
    return n;
  }
};

struct DigestRow {
  long long id = 0, user = 0, created = 0, sent = 0;
  int items = 0, attempts = 0;
  std::string day, recipient, subject, body, status, error;
  soci::indicator sent_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(user);
    s.into(day);
    s.into(recipient);
    s.into(subject);
    s.into(body);
    s.into(items);
    s.into(status);
    s.into(attempts);
    s.into(error);
    s.into(created);
    s.into(sent, sent_ind);
  }
  Result<ports::Digest> get() const {
    ports::Digest d;
    d.id = id;
    d.user_id = user;
    BAOCAO_ASSIGN(d.day, core::Date::parseIso(day));
    d.recipient = recipient;
    d.subject = subject;
    d.body = body;
    d.items = items;
    auto st = ports::parseDigestStatus(status);
    if (!st) return storageError("trạng thái thư nhắc việc không hợp lệ: " + status);
    d.status = *st;
    d.attempts = attempts;
    d.error = error;
    d.created_at = core::Timestamp::fromMicros(created);
    if (sent_ind == soci::i_ok) d.sent_at = core::Timestamp::fromMicros(sent);
    return d;
  }
};

struct AnnouncementRow {
  long long id = 0, published = 0, starts = 0, ends = 0, by = 0, updated = 0, version = 0;
  std::string kind, title, body;
  soci::indicator ends_ind = soci::i_ok;
  void bind(Stmt& s) {
    s.into(id);
    s.into(kind);
    s.into(title);
    s.into(body);
    s.into(published);
    s.into(starts);
    s.into(ends, ends_ind);
    s.into(by);
    s.into(updated);
    s.into(version);
  }
  Result<nt::Announcement> get() const {
    nt::Announcement a;
    a.id = id;
    auto k = nt::parseAnnouncementKind(kind);
    if (!k) return storageError("loại thông báo vận hành không hợp lệ: " + kind);
    a.kind = *k;
    a.title = title;
    a.body = body;
    a.published_at = core::Timestamp::fromMicros(published);
    a.starts_at = core::Timestamp::fromMicros(starts);
    if (ends_ind == soci::i_ok) a.ends_at = core::Timestamp::fromMicros(ends);
    a.created_by = by;
    a.updated_at = core::Timestamp::fromMicros(updated);
    a.version = version;
    return a;
  }
};

/// Runs a SELECT bound to a Row type and collects every row.
template <typename RowT, typename T>
Result<std::vector<T>> collect(TxContext& c, const std::string& cols, const std::string& rest,
                               const std::function<void(Stmt&, std::string&)>& params = {}) {
  Stmt s(c.sql);
  RowT r;
  r.bind(s);
  std::string tail = rest;
  if (params) params(s, tail);
  std::vector<T> out;
  if (!s.run("SELECT " + cols + " " + tail)) return out;
  do {
    BAOCAO_ASSIGN(auto v, r.get());
    out.push_back(std::move(v));
  } while (s.fetch());
  return out;
}

class SqlNotifyRepository final : public ports::NotifyRepository {
 public:
  explicit SqlNotifyRepository(TxContext& c) : c_(c) {}

  Result<std::optional<ports::Notification>> addNotification(
      const ports::Notification& n) override {
    return guarded(c_, true, [&]() -> Result<std::optional<ports::Notification>> {
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      std::optional<std::string> okey;
      if (!n.obligation_key.empty()) okey = n.obligation_key;
      std::string q =
          "INSERT INTO notification (user_id, kind, obligation_key, dkey, text, created_at) "
          "VALUES (" +
          s.param(static_cast<long long>(n.user_id)) + ", " + s.param(n.kind) + ", " +
          s.param(okey) + ", " + s.param(n.dedupe_key) + ", " + s.param(n.text) + ", " +
          s.param(micros(n.created_at)) + ") ON CONFLICT (user_id, dkey) DO NOTHING RETURNING id";
      if (!s.run(q)) return std::optional<ports::Notification>();
      ports::Notification out = n;
      out.id = id;
      out.read_at.reset();
      out.digest_day.reset();
      return std::optional<ports::Notification>(out);
    });
  }

  Result<std::vector<ports::Notification>> notificationsOf(int64_t user_id, bool unread_only,
                                                           int limit, int offset) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::Notification>> {
      return collect<NotificationRow, ports::Notification>(
          c_, kNotificationCols, "", [&](Stmt& s, std::string& q) {
            q = "FROM notification WHERE user_id = " + s.param(static_cast<long long>(user_id)) +
                (unread_only ? " AND read_at IS NULL" : "") +
                " ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC"
                " LIMIT " +
                std::to_string(clampLimit(limit)) + " OFFSET " + std::to_string(std::max(offset, 0));
          });
    });
  }

  Result<int64_t> unreadCount(int64_t user_id) override {
    return guarded(c_, false, [&]() -> Result<int64_t> {
      Stmt s(c_.sql);
      long long n = 0;
      s.into(n);
      s.run("SELECT COUNT(*) FROM notification WHERE user_id = " +
            s.param(static_cast<long long>(user_id)) + " AND read_at IS NULL");
      return n;
    });
  }

  Result<ports::Notification> markRead(int64_t user_id, int64_t id, core::Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<ports::Notification> {
      Stmt u(c_.sql);
      u.run("UPDATE notification SET read_at = COALESCE(read_at, " + u.param(micros(at)) +
            ") WHERE id = " + u.param(static_cast<long long>(id)) +
            " AND user_id = " + u.param(static_cast<long long>(user_id)));
      BAOCAO_ASSIGN(auto rows, (collect<NotificationRow, ports::Notification>(
                                   c_, kNotificationCols, "", [&](Stmt& s, std::string& q) {
                                     q = "FROM notification WHERE id = " +
                                         s.param(static_cast<long long>(id)) + " AND user_id = " +
                                         s.param(static_cast<long long>(user_id));
                                   })));
      if (rows.empty()) return ports::notificationNotFound(id);
      return rows.front();
    });
  }

  Result<int64_t> markAllRead(int64_t user_id, core::Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<int64_t> {
      Stmt s(c_.sql);
      s.run("UPDATE notification SET read_at = " + s.param(micros(at)) +
            " WHERE user_id = " + s.param(static_cast<long long>(user_id)) +
            " AND read_at IS NULL");
      return static_cast<int64_t>(s.affected());
    });
  }

  Result<std::vector<int64_t>> usersWithUndigested() override {
    return guarded(c_, false, [&]() -> Result<std::vector<int64_t>> {
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      std::vector<int64_t> out;
      if (!s.run("SELECT DISTINCT user_id FROM notification WHERE digest_day IS NULL "
                 "ORDER BY user_id"))
        return out;
      do out.push_back(id);
      while (s.fetch());
      return out;
    });
  }

  Result<std::vector<ports::Notification>> undigestedOf(int64_t user_id) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::Notification>> {
      return collect<NotificationRow, ports::Notification>(
          c_, kNotificationCols, "", [&](Stmt& s, std::string& q) {
            q = "FROM notification WHERE digest_day IS NULL AND user_id = " +
                s.param(static_cast<long long>(user_id)) + " ORDER BY created_at, id";
          });
    });
  }

  Result<std::optional<ports::Digest>> createDigest(
      const ports::Digest& d, const std::vector<int64_t>& ids) override {
    return guarded(c_, true, [&]() -> Result<std::optional<ports::Digest>> {
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      std::string q =
          "INSERT INTO notify_digest (user_id, day, recipient, subject, body, items, status, "
          "attempts, error, created_at, sent_at) VALUES (" +
          s.param(static_cast<long long>(d.user_id)) + ", " + s.param(d.day.iso()) + ", " +
          s.param(d.recipient) + ", " + s.param(d.subject) + ", " + s.param(d.body) + ", " +
          s.param(static_cast<long long>(d.items)) + ", " +
          s.param(std::string(ports::digestStatusId(d.status))) + ", 0, " + s.param(d.error) +
          ", " + s.param(micros(d.created_at)) +
          ", NULL) ON CONFLICT (user_id, day) DO NOTHING RETURNING id";
      if (!s.run(q)) return std::optional<ports::Digest>();
      for (size_t from = 0; from < ids.size(); from += 500) {
        size_t to = std::min(ids.size(), from + 500);
        Stmt u(c_.sql);
        u.run("UPDATE notification SET digest_day = " + u.param(d.day.iso()) +
              " WHERE digest_day IS NULL AND user_id = " +
              u.param(static_cast<long long>(d.user_id)) + " AND id IN (" +
              idList(ids, from, to) + ")");
      }
      ports::Digest out = d;
      out.id = id;
      out.attempts = 0;
      out.sent_at.reset();
      return std::optional<ports::Digest>(out);
    });
  }

  Result<std::vector<ports::Digest>> deliverable(int max_attempts) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::Digest>> {
      return collect<DigestRow, ports::Digest>(
          c_, kDigestCols, "", [&](Stmt& s, std::string& q) {
            q = "FROM notify_digest WHERE status = 'pending' OR (status = 'failed' AND attempts < " +
                s.param(static_cast<long long>(max_attempts)) + ") ORDER BY id";
          });
    });
  }

  Result<bool> claimDigest(int64_t id) override {
    return guarded(c_, true, [&]() -> Result<bool> {
      Stmt s(c_.sql);
      s.run("UPDATE notify_digest SET status = 'sending', attempts = attempts + 1 WHERE id = " +
            s.param(static_cast<long long>(id)) + " AND status IN ('pending', 'failed')");
      return s.affected() > 0;
    });
  }

  Result<void> finishDigest(int64_t id, bool sent, const std::string& error,
                            core::Timestamp at) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      std::optional<long long> sent_at;
      if (sent) sent_at = micros(at);
      s.run("UPDATE notify_digest SET status = " + s.param(std::string(sent ? "sent" : "failed")) +
            ", error = " + s.param(sent ? std::string() : error) + ", sent_at = " +
            s.param(sent_at) + " WHERE id = " + s.param(static_cast<long long>(id)));
      if (s.affected() == 0) return ports::digestNotFound(id);
      return {};
    });
  }

  Result<std::vector<ports::Digest>> digestsOn(core::Date day,
                                               std::optional<int64_t> user_id) override {
    return guarded(c_, false, [&]() -> Result<std::vector<ports::Digest>> {
      return collect<DigestRow, ports::Digest>(
          c_, kDigestCols, "", [&](Stmt& s, std::string& q) {
            q = "FROM notify_digest WHERE day = " + s.param(day.iso());
            if (user_id) q += " AND user_id = " + s.param(static_cast<long long>(*user_id));
            q += " ORDER BY user_id";
          });
    });
  }

  Result<nt::Announcement> createAnnouncement(nt::Announcement a) override {
    return guarded(c_, true, [&]() -> Result<nt::Announcement> {
      Stmt s(c_.sql);
      long long id = 0;
      s.into(id);
      s.run("INSERT INTO announcement (kind, title, body, published_at, starts_at, ends_at, "
            "created_by, updated_at, version) VALUES (" +
            s.param(std::string(nt::announcementKindId(a.kind))) + ", " + s.param(a.title) +
            ", " + s.param(a.body) + ", " + s.param(micros(a.published_at)) + ", " +
            s.param(micros(a.starts_at)) + ", " + s.param(optMicros(a.ends_at)) + ", " +
            s.param(static_cast<long long>(a.created_by)) + ", " + s.param(micros(a.updated_at)) +
            ", 1) RETURNING id");
      a.id = id;
      a.version = 1;
      return a;
    });
  }

  Result<nt::Announcement> updateAnnouncement(const nt::Announcement& a) override {
    return guarded(c_, true, [&]() -> Result<nt::Announcement> {
      Stmt s(c_.sql);
      s.run("UPDATE announcement SET kind = " +
            s.param(std::string(nt::announcementKindId(a.kind))) + ", title = " +
            s.param(a.title) + ", body = " + s.param(a.body) + ", published_at = " +
            s.param(micros(a.published_at)) + ", starts_at = " + s.param(micros(a.starts_at)) +
            ", ends_at = " + s.param(optMicros(a.ends_at)) + ", created_by = " +
            s.param(static_cast<long long>(a.created_by)) + ", updated_at = " +
            s.param(micros(a.updated_at)) + ", version = version + 1 WHERE id = " +
            s.param(static_cast<long long>(a.id)) +
            " AND version = " + s.param(static_cast<long long>(a.version)));
      if (s.affected() == 0) {
        BAOCAO_TRY(announcement(a.id));
        return ports::announcementConflict();
      }
      return announcement(a.id);
    });
  }

  Result<void> deleteAnnouncement(int64_t id) override {
    return guarded(c_, true, [&]() -> Result<void> {
      Stmt s(c_.sql);
      s.run("DELETE FROM announcement WHERE id = " + s.param(static_cast<long long>(id)));
      if (s.affected() == 0) return ports::announcementNotFound(id);
      return {};
    });
  }

  Result<nt::Announcement> announcement(int64_t id) override {
    return guarded(c_, false, [&]() -> Result<nt::Announcement> {
      BAOCAO_ASSIGN(auto rows, (collect<AnnouncementRow, nt::Announcement>(
                                   c_, kAnnouncementCols, "", [&](Stmt& s, std::string& q) {
                                     q = "FROM announcement WHERE id = " +
                                         s.param(static_cast<long long>(id));
                                   })));
      if (rows.empty()) return ports::announcementNotFound(id);
      return rows.front();
    });
  }

  Result<std::vector<nt::Announcement>> announcementsNotEndedAt(core::Timestamp now) override {
    return guarded(c_, false, [&]() -> Result<std::vector<nt::Announcement>> {
      return collect<AnnouncementRow, nt::Announcement>(
          c_, kAnnouncementCols, "", [&](Stmt& s, std::string& q) {
            q = "FROM announcement WHERE ends_at IS NULL OR ends_at > " + s.param(micros(now)) +
                " ORDER BY starts_at, id";
          });
    });
  }

 private:
  TxContext& c_;
};

}  // namespace

std::unique_ptr<ports::NotifyRepository> makeNotifyRepository(TxContext& c) {
  return std::make_unique<SqlNotifyRepository>(c);
}

}  // namespace baocao::storage::sql
