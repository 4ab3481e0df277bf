#include "storage/memory/memory_notify.h"

#include <algorithm>

#include "core/ports/notify_errors.h"

namespace baocao::storage::memory {
namespace {

using core::ErrorCode;
using core::makeError;
using core::Result;
namespace ports = core::ports;
namespace nt = core::notify;

constexpr int kMaxLimit = 5000;

core::Error readOnly() {
  return makeError(ErrorCode::StorageError, "Giao dịch chỉ đọc không được ghi dữ liệu");
}

class MemNotify final : public ports::NotifyRepository {
 public:
  explicit MemNotify(NotifyTablesAccess a) : a_(std::move(a)) {}

  Result<std::optional<ports::Notification>> addNotification(
      const ports::Notification& n) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    auto key = std::make_pair(n.user_id, n.dedupe_key);
    if (t->by_dedupe.count(key)) return std::optional<ports::Notification>();
    ports::Notification s = n;
    s.id = t->next_notification++;
    s.read_at.reset();
    s.digest_day.reset();
    t->notifications[s.id] = s;
    t->by_dedupe[key] = s.id;
    return std::optional<ports::Notification>(s);
  }

  Result<std::vector<ports::Notification>> notificationsOf(int64_t user_id, bool unread_only,
                                                           int limit, int offset) override {
    BAOCAO_TRY(a_.live());
    std::vector<const ports::Notification*> hits;
    for (const auto& [id, n] : a_.read().notifications)
      if (n.user_id == user_id && (!unread_only || !n.read_at)) hits.push_back(&n);
    std::stable_sort(hits.begin(), hits.end(), [](const auto* a, const auto* b) {
      if (a->read_at.has_value() != b->read_at.has_value()) return !a->read_at.has_value();
      if (a->created_at != b->created_at) return a->created_at > b->created_at;
      return a->id > b->id;
    });
    std::vector<ports::Notification> out;
    size_t skip = static_cast<size_t>(std::max(offset, 0));
    size_t cap = static_cast<size_t>(std::clamp(limit, 0, kMaxLimit));
    for (size_t i = skip; i < hits.size() && out.size() < cap; ++i) out.push_back(*hits[i]);
    return out;
  }

  Result<int64_t> unreadCount(int64_t user_id) override {
    BAOCAO_TRY(a_.live());
    int64_t n = 0;
    for (const auto& [id, x] : a_.read().notifications) n += x.user_id == user_id && !x.read_at;
    return n;
  }

  Result<ports::Notification> markRead(int64_t user_id, int64_t id, core::Timestamp at) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    auto it = t->notifications.find(id);
    if (it == t->notifications.end() || it->second.user_id != user_id)
      return ports::notificationNotFound(id);
    if (!it->second.read_at) it->second.read_at = at;
    return it->second;
  }

  Result<int64_t> markAllRead(int64_t user_id, core::Timestamp at) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    int64_t n = 0;
    for (auto& [id, x] : t->notifications)
      if (x.user_id == user_id && !x.read_at) {
        x.read_at = at;
        ++n;
      }
    return n;
  }

  Result<std::vector<int64_t>> usersWithUndigested() override {
    BAOCAO_TRY(a_.live());
    std::vector<int64_t> out;
    for (const auto& [id, n] : a_.read().notifications)
      if (!n.digest_day) out.push_back(n.user_id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  Result<std::vector<ports::Notification>> undigestedOf(int64_t user_id) override {
    BAOCAO_TRY(a_.live());
    std::vector<ports::Notification> out;
    for (const auto& [id, n] : a_.read().notifications)
      if (n.user_id == user_id && !n.digest_day) out.push_back(n);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
    });
    return out;
  }

  Result<std::optional<ports::Digest>> createDigest(
      const ports::Digest& d, const std::vector<int64_t>& notification_ids) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    for (const auto& [id, x] : t->digests)
      if (x.user_id == d.user_id && x.day == d.day) return std::optional<ports::Digest>();
    ports::Digest s = d;
    s.id = t->next_digest++;
    s.attempts = 0;
    s.sent_at.reset();
    t->digests[s.id] = s;
    for (int64_t id : notification_ids) {
      auto it = t->notifications.find(id);
      if (it != t->notifications.end() && it->second.user_id == d.user_id &&
          !it->second.digest_day)
        it->second.digest_day = d.day;
    }
    return std::optional<ports::Digest>(s);
  }

  Result<std::vector<ports::Digest>> deliverable(int max_attempts) override {
    BAOCAO_TRY(a_.live());
    std::vector<ports::Digest> out;
    for (const auto& [id, d] : a_.read().digests)
      if (d.status == ports::DigestStatus::Pending ||
          (d.status == ports::DigestStatus::Failed && d.attempts < max_attempts))
        out.push_back(d);
    return out;
  }

  Result<bool> claimDigest(int64_t id) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    auto it = t->digests.find(id);
    if (it == t->digests.end()) return false;
    auto& d = it->second;
    if (d.status != ports::DigestStatus::Pending && d.status != ports::DigestStatus::Failed)
      return false;
    d.status = ports::DigestStatus::Sending;
    d.attempts += 1;
    return true;
  }

  Result<void> finishDigest(int64_t id, bool sent, const std::string& error,
                            core::Timestamp at) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    auto it = t->digests.find(id);
    if (it == t->digests.end()) return ports::digestNotFound(id);
    auto& d = it->second;
    d.status = sent ? ports::DigestStatus::Sent : ports::DigestStatus::Failed;
    d.error = sent ? std::string() : error;
    if (sent) d.sent_at = at;
    return {};
  }

  Result<std::vector<ports::Digest>> digestsOn(core::Date day,
                                               std::optional<int64_t> user_id) override {
    BAOCAO_TRY(a_.live());
    std::vector<ports::Digest> out;
    for (const auto& [id, d] : a_.read().digests)
      if (d.day == day && (!user_id || d.user_id == *user_id)) out.push_back(d);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
    return out;
  }

  Result<nt::Announcement> createAnnouncement(nt::Announcement a) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    a.id = t->next_announcement++;
    a.version = 1;
    t->announcements[a.id] = a;
    return a;
  }

  Result<nt::Announcement> updateAnnouncement(const nt::Announcement& a) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    auto it = t->announcements.find(a.id);
    if (it == t->announcements.end()) return ports::announcementNotFound(a.id);
    if (it->second.version != a.version) return ports::announcementConflict();
    it->second = a;
    it->second.version = a.version + 1;
    return it->second;
  }

  Result<void> deleteAnnouncement(int64_t id) override {
    BAOCAO_ASSIGN(NotifyTables * t, writable());
    if (!t->announcements.erase(id)) return ports::announcementNotFound(id);
    return {};
  }

  Result<nt::Announcement> announcement(int64_t id) override {
    BAOCAO_TRY(a_.live());
    const auto& t = a_.read();
    auto it = t.announcements.find(id);
    if (it == t.announcements.end()) return ports::announcementNotFound(id);
    return it->second;
  }

  Result<std::vector<nt::Announcement>> announcementsNotEndedAt(core::Timestamp now) override {
    BAOCAO_TRY(a_.live());
    std::vector<nt::Announcement> out;
    for (const auto& [id, a] : a_.read().announcements)
      if (!a.ends_at || *a.ends_at > now) out.push_back(a);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.starts_at != b.starts_at ? a.starts_at < b.starts_at : a.id < b.id;
    });
    return out;
  }

 private:
  Result<NotifyTables*> writable() {
    BAOCAO_TRY(a_.live());
    NotifyTables* t = a_.write();
    if (!t) return readOnly();
    return t;
  }
  NotifyTablesAccess a_;
};

}  // namespace

std::unique_ptr<ports::NotifyRepository> makeNotifyRepository(NotifyTablesAccess access) {
  return std::make_unique<MemNotify>(std::move(access));
}

}  // namespace baocao::storage::memory
