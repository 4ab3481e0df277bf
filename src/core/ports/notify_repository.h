// Storage port for reminders and announcements (core/notify; app::NotifyService; migration 8).
//
//  - notifications: the in-app inbox, one row per (user, dedupe key) — addNotification() never
//    duplicates a key for a user, so the daily job run twice, after a restart or from two
//    servers reminds nobody twice (SQL: UNIQUE (user_id, dkey) and ON CONFLICT DO NOTHING);
//  - digests: at most one e-mail per user per day (UNIQUE (user_id, day)); createDigest() also
//    marks the notifications it carries, so a notification goes into one digest only. A digest
//    is sent by whoever claims it (claimDigest: pending/failed → sending), so two servers never
//    send the same one;
//  - announcements: operator notices (maintenance, suspension, info), optimistic version.
//
// Errors every method may return: StorageError. Thread-safety: like every repository, it
// belongs to its Tx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/notify/announcement.h"

namespace baocao::core::ports {

struct Notification {
  int64_t id = 0;  // assigned by the store
  int64_t user_id = 0;
  std::string kind;            // core::notify::reminderKindId, or "announcement"
  std::string obligation_key;  // empty when not about an obligation
  std::string dedupe_key;      // unique per user
  std::string text;            // Vietnamese
  Timestamp created_at;
  std::optional<Timestamp> read_at;
  std::optional<Date> digest_day;  // the day of the e-mail digest that carried it
  bool operator==(const Notification&) const = default;
};

enum class DigestStatus { Pending, Sending, Sent, Failed, Skipped };
inline constexpr std::string_view kDigestStatusIds[] = {"pending", "sending", "sent", "failed",
                                                        "skipped"};
inline std::string_view digestStatusId(DigestStatus s) {
  return kDigestStatusIds[static_cast<int>(s)];
}
inline std::optional<DigestStatus> parseDigestStatus(std::string_view id) {
  for (int i = 0; i < 5; ++i)
    if (kDigestStatusIds[i] == id) return static_cast<DigestStatus>(i);
  return std::nullopt;
}

struct Digest {
  int64_t id = 0;
  int64_t user_id = 0;
  Date day;
  std::string recipient;  // e-mail address; empty = the user has none (status Skipped)
  std::string subject;
  std::string body;
  int items = 0;
  DigestStatus status = DigestStatus::Pending;
  int attempts = 0;
  std::string error;  // the last delivery failure
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
  bool operator==(const Digest&) const = default;
};

class NotifyRepository {
 public:
  virtual ~NotifyRepository() = default;

  /// Inserts `n` (id and read_at/digest_day ignored) unless the user already has its dedupe
  /// key; the stored notification with its id when inserted, nullopt when the key exists.
  virtual Result<std::optional<Notification>> addNotification(const Notification& n) = 0;
  /// A user's inbox: unread first, then newest first (created_at, then id descending).
  virtual Result<std::vector<Notification>> notificationsOf(int64_t user_id, bool unread_only,
                                                            int limit, int offset = 0) = 0;
  virtual Result<int64_t> unreadCount(int64_t user_id) = 0;
  /// Sets read_at (kept when already read). NotFound when the id is not one of the user's.
  virtual Result<Notification> markRead(int64_t user_id, int64_t id, Timestamp at) = 0;
  /// Marks every unread notification of the user read; returns how many.
  virtual Result<int64_t> markAllRead(int64_t user_id, Timestamp at) = 0;

  /// Users with notifications not yet carried by a digest, ascending.
  virtual Result<std::vector<int64_t>> usersWithUndigested() = 0;
  /// A user's notifications not yet carried by a digest, oldest first.
  virtual Result<std::vector<Notification>> undigestedOf(int64_t user_id) = 0;
  /// Stores the digest of (user, day) and sets digest_day on `notification_ids`; nullopt (and
  /// nothing changed) when that user already has a digest that day.
  virtual Result<std::optional<Digest>> createDigest(const Digest& d,
                                                     const std::vector<int64_t>& notification_ids) = 0;
  /// Digests waiting for delivery: Pending, or Failed with fewer than `max_attempts`; by id.
  virtual Result<std::vector<Digest>> deliverable(int max_attempts) = 0;
  /// Pending/Failed → Sending, attempts + 1; false when another sender has it (or it is done).
  virtual Result<bool> claimDigest(int64_t id) = 0;
  /// Sending → Sent (sent_at = at) or Failed (error kept). NotFound.
  virtual Result<void> finishDigest(int64_t id, bool sent, const std::string& error,
                                    Timestamp at) = 0;
  /// Digests of one day (every user when user_id is unset), by user.
  virtual Result<std::vector<Digest>> digestsOn(Date day, std::optional<int64_t> user_id) = 0;

  /// Inserts; sets id, version 1.
  virtual Result<notify::Announcement> createAnnouncement(notify::Announcement a) = 0;
  /// Replaces every field when `a.version` is the stored version; bumps it. NotFound; Conflict.
  virtual Result<notify::Announcement> updateAnnouncement(const notify::Announcement& a) = 0;
  virtual Result<void> deleteAnnouncement(int64_t id) = 0;  // NotFound
  virtual Result<notify::Announcement> announcement(int64_t id) = 0;  // NotFound
  /// Announcements not ended at `now` (ends_at unset or after now), by start then id.
  virtual Result<std::vector<notify::Announcement>> announcementsNotEndedAt(Timestamp now) = 0;
};

}  // namespace baocao::core::ports
