// Operator announcements (thông báo vận hành) shown to every user, on every page and on the
// login page (issue 5 point 8; DOMAIN.md "Security and operation"):
//   maintenance — an upgrade or maintenance stop. "Kế hoạch nâng cấp hệ thống phải được thông
//                 báo … chậm nhất 24 giờ trước khi tiến hành" (004 Đ14.6): its start must be at
//                 least kMaintenanceNoticeHours after the moment it is published (or re-timed);
//                 it has an end.
//   suspension  — partial or full suspension of reporting on the system when a fault cannot be
//                 fixed in time (002 Đ17.1d: "thông báo trên Hệ thống … về việc tạm ngưng một
//                 phần hoặc toàn bộ việc triển khai báo cáo"); may start at once.
//   info        — any other notice (001 Đ8.3: changes "được cập nhật và thông báo trực tiếp
//                 trên Hệ thống").
// An announcement is shown from its publication until it ends: "upcoming" before its start,
// "current" between start and end. Times are UTC instants, shown in Vietnam time.
// Thread-safety: pure functions over plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::notify {

inline constexpr int kMaintenanceNoticeHours = 24;  // 004 Đ14.6
inline constexpr size_t kTitleMaxChars = 200;
inline constexpr size_t kBodyMaxChars = 4000;

enum class AnnouncementKind { Maintenance, Suspension, Info };
std::string_view announcementKindId(AnnouncementKind k);     // "maintenance", "suspension", "info"
std::string_view announcementKindLabel(AnnouncementKind k);  // "Bảo trì, nâng cấp", ...
std::optional<AnnouncementKind> parseAnnouncementKind(std::string_view id);

struct Announcement {
  int64_t id = 0;
  AnnouncementKind kind = AnnouncementKind::Info;
  std::string title;
  std::string body;
  Timestamp published_at;  // set by the server when created (and when re-timed)
  Timestamp starts_at;
  std::optional<Timestamp> ends_at;  // required for maintenance; unset = until withdrawn
  int64_t created_by = 0;
  Timestamp updated_at;
  int64_t version = 1;
  bool operator==(const Announcement&) const = default;
};

/// Validates an announcement published (or changed) at `now`; `previous` is the stored one on
/// an update: a maintenance whose start did not move keeps its original notice. Errors name the
/// field: title empty or over 200 characters, body over 4,000, end not after start, maintenance
/// without end, maintenance starting less than 24 hours after `now` (004 Đ14.6), an end already
/// past.
Status validateAnnouncement(const Announcement& a, Timestamp now,
                            const Announcement* previous = nullptr);

enum class Phase { Upcoming, Current, Ended };
Phase phaseAt(const Announcement& a, Timestamp now);
std::string_view phaseId(Phase p);  // "upcoming", "current", "ended"

/// Announcements to show at `now` (upcoming or current): current first, then by start.
std::vector<Announcement> visibleAt(std::vector<Announcement> all, Timestamp now);

/// True when a current suspension stops reporting at `now` (what the workflow may consult).
bool reportingSuspended(const std::vector<Announcement>& all, Timestamp now);

/// "22:00 14/03/2026" in Vietnam time (UTC+7).
std::string vietnamTime(Timestamp t);
/// One line for a banner: "Bảo trì, nâng cấp từ 22:00 14/03/2026 đến 02:00 15/03/2026: <title>".
std::string bannerText(const Announcement& a);

}  // namespace baocao::core::notify
