#include "core/notify/announcement.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/common/text.h"

namespace baocao::core::notify {

namespace {

struct KindName {
  AnnouncementKind kind;
  std::string_view id, label;
};
constexpr std::array<KindName, 3> kKinds{{
    {AnnouncementKind::Maintenance, "maintenance", "Bảo trì, nâng cấp hệ thống"},
    {AnnouncementKind::Suspension, "suspension", "Tạm ngưng báo cáo trên hệ thống"},
    {AnnouncementKind::Info, "info", "Thông báo"},
}};

size_t chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

Error fieldError(ErrorCode code, const std::string& field, const std::string& message) {
  return makeError(code, message, {{field, message}});
}

}  // namespace

std::string_view announcementKindId(AnnouncementKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.id;
  return "info";
}
std::string_view announcementKindLabel(AnnouncementKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.label;
  return "Thông báo";
}
std::optional<AnnouncementKind> parseAnnouncementKind(std::string_view id) {
  for (const auto& n : kKinds)
    if (n.id == id) return n.kind;
  return std::nullopt;
}

std::string vietnamTime(Timestamp t) {
  int64_t s = t.seconds() + 7 * 3600;
  int64_t in_day = ((s % 86400) + 86400) % 86400;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(in_day / 3600),
                static_cast<int>(in_day % 3600 / 60));
  return std::string(hm) + " " + t.vietnamDate().vietnamese();
}

Status validateAnnouncement(const Announcement& a, Timestamp now, const Announcement* previous) {
  std::string title = trimmed(a.title);
  if (title.empty())
    return fieldError(ErrorCode::MissingField, "title", "Tiêu đề thông báo không được để trống");
  if (!text::isValidUtf8(a.title) || !text::isValidUtf8(a.body))
    return fieldError(ErrorCode::InvalidUtf8, text::isValidUtf8(a.title) ? "body" : "title",
                      "Thông báo chứa ký tự không phải UTF-8");
  if (chars(a.title) > kTitleMaxChars)
    return fieldError(ErrorCode::InvalidField, "title",
                      "Tiêu đề thông báo dài " + std::to_string(chars(a.title)) +
                          " ký tự, tối đa " + std::to_string(kTitleMaxChars));
  if (chars(a.body) > kBodyMaxChars)
    return fieldError(ErrorCode::InvalidField, "body",
                      "Nội dung thông báo dài " + std::to_string(chars(a.body)) +
                          " ký tự, tối đa " + std::to_string(kBodyMaxChars));
  if (a.ends_at && *a.ends_at <= a.starts_at)
    return fieldError(ErrorCode::InvalidDate, "ends_at",
                      "Thời điểm kết thúc (" + vietnamTime(*a.ends_at) +
                          ") phải sau thời điểm bắt đầu (" + vietnamTime(a.starts_at) + ")");
  if (a.ends_at && *a.ends_at <= now)
    return fieldError(ErrorCode::InvalidDate, "ends_at",
                      "Thời điểm kết thúc (" + vietnamTime(*a.ends_at) + ") đã qua");
  if (a.kind == AnnouncementKind::Maintenance) {
    if (!a.ends_at)
      return fieldError(ErrorCode::MissingField, "ends_at",
                        "Thông báo bảo trì phải có thời điểm kết thúc");
    // 004 Đ14.6: at least 24 hours' notice. A change that keeps the start keeps the notice
    // already given; moving the start (or turning a notice into a maintenance) needs new notice.
    bool same_notice = previous && previous->kind == AnnouncementKind::Maintenance &&
                       previous->starts_at == a.starts_at;
    Timestamp earliest = now.plusSeconds(int64_t{kMaintenanceNoticeHours} * 3600);
    if (!same_notice && a.starts_at < earliest)
      return fieldError(ErrorCode::InvalidDate, "starts_at",
                        "Bảo trì, nâng cấp phải được thông báo chậm nhất 24 giờ trước khi tiến "
                        "hành (004 Đ14.6): bắt đầu lúc " +
                            vietnamTime(a.starts_at) + " là quá sớm, sớm nhất " +
                            vietnamTime(earliest));
  }
  return {};
}

Phase phaseAt(const Announcement& a, Timestamp now) {
  if (a.ends_at && now >= *a.ends_at) return Phase::Ended;
  return now < a.starts_at ? Phase::Upcoming : Phase::Current;
}

std::string_view phaseId(Phase p) {
  switch (p) {
    case Phase::Upcoming: return "upcoming";
    case Phase::Current: return "current";
    case Phase::Ended: return "ended";
  }
  return "ended";
}

std::vector<Announcement> visibleAt(std::vector<Announcement> all, Timestamp now) {
  std::erase_if(all, [&](const Announcement& a) { return phaseAt(a, now) == Phase::Ended; });
  std::stable_sort(all.begin(), all.end(), [&](const Announcement& x, const Announcement& y) {
    bool cx = phaseAt(x, now) == Phase::Current, cy = phaseAt(y, now) == Phase::Current;
    if (cx != cy) return cx;
    if (x.starts_at != y.starts_at) return x.starts_at < y.starts_at;
    return x.id < y.id;
  });
  return all;
}

bool reportingSuspended(const std::vector<Announcement>& all, Timestamp now) {
  return std::any_of(all.begin(), all.end(), [&](const Announcement& a) {
    return a.kind == AnnouncementKind::Suspension && phaseAt(a, now) == Phase::Current;
  });
}

std::string bannerText(const Announcement& a) {
  std::string s(announcementKindLabel(a.kind));
  s += " từ " + vietnamTime(a.starts_at);
  if (a.ends_at) s += " đến " + vietnamTime(*a.ends_at);
  return s + ": " + a.title;
}

}  // namespace baocao::core::notify
