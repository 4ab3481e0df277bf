// Operator announcements: 24 hours' notice of maintenance (004 Đ14.6), suspension of reporting
// at once (002 Đ17.1d), field errors, phases and the banner text in Vietnam time.
#include "core/notify/announcement.h"

#include <gtest/gtest.h>

namespace baocao::core::notify {
namespace {

Timestamp ts(const char* iso) { return *Timestamp::parseIso(iso); }

const Timestamp kNow = ts("2026-03-14T01:00:00Z");  // 08:00 14/03/2026 in Vietnam

Announcement maintenance(Timestamp start, Timestamp end) {
  Announcement a;
  a.kind = AnnouncementKind::Maintenance;
  a.title = "Nâng cấp máy chủ";
  a.starts_at = start;
  a.ends_at = end;
  return a;
}

TEST(Announcement, MaintenanceNeedsTwentyFourHoursNotice) {
  auto ok = maintenance(kNow.plusSeconds(24 * 3600), kNow.plusSeconds(28 * 3600));
  EXPECT_TRUE(validateAnnouncement(ok, kNow).has_value());
  auto soon = maintenance(kNow.plusSeconds(23 * 3600), kNow.plusSeconds(28 * 3600));
  auto r = validateAnnouncement(soon, kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidDate);
  EXPECT_EQ(r.error().details.at(0).field, "starts_at");
  EXPECT_EQ(r.error().message,
            "Bảo trì, nâng cấp phải được thông báo chậm nhất 24 giờ trước khi tiến hành "
            "(004 Đ14.6): bắt đầu lúc 07:00 15/03/2026 là quá sớm, sớm nhất 08:00 15/03/2026");
  // a change that keeps the start keeps the notice already given, even a day later
  auto later = ok;
  later.title = "Nâng cấp máy chủ (bổ sung nội dung)";
  EXPECT_TRUE(validateAnnouncement(later, kNow.plusSeconds(20 * 3600), &ok).has_value());
  // moving the start needs new notice
  later.starts_at = ok.starts_at.plusSeconds(3600);
  EXPECT_FALSE(validateAnnouncement(later, kNow.plusSeconds(20 * 3600), &ok).has_value());
  auto no_end = ok;
  no_end.ends_at.reset();
  EXPECT_EQ(validateAnnouncement(no_end, kNow).error().details.at(0).field, "ends_at");
}

TEST(Announcement, SuspensionMayStartAtOnce) {
  Announcement a;
  a.kind = AnnouncementKind::Suspension;
  a.title = "Tạm ngưng gửi báo cáo do sự cố đường truyền";
  a.starts_at = kNow;
  EXPECT_TRUE(validateAnnouncement(a, kNow).has_value());
  EXPECT_TRUE(reportingSuspended({a}, kNow));
  EXPECT_FALSE(reportingSuspended({a}, kNow.plusSeconds(-1)));
  a.kind = AnnouncementKind::Info;
  EXPECT_FALSE(reportingSuspended({a}, kNow));
}

TEST(Announcement, FieldsAreCheckedAndNamed) {
  Announcement a;
  a.title = "  ";
  a.starts_at = kNow;
  EXPECT_EQ(validateAnnouncement(a, kNow).error().details.at(0).field, "title");
  a.title = std::string(201, 'x');
  EXPECT_EQ(validateAnnouncement(a, kNow).error().message,
            "Tiêu đề thông báo dài 201 ký tự, tối đa 200");
  a.title = std::string(200, 'x');
  EXPECT_TRUE(validateAnnouncement(a, kNow).has_value());
  a.ends_at = kNow;
  EXPECT_EQ(validateAnnouncement(a, kNow).error().details.at(0).field, "ends_at");
  a.ends_at = kNow.plusSeconds(-60);
  a.starts_at = kNow.plusSeconds(-3600);
  EXPECT_EQ(validateAnnouncement(a, kNow).error().message,
            "Thời điểm kết thúc (07:59 14/03/2026) đã qua");
}

TEST(Announcement, PhasesOrderAndBanner) {
  auto m = maintenance(ts("2026-03-15T15:00:00Z"), ts("2026-03-15T19:00:00Z"));
  m.id = 1;
  Announcement s;
  s.id = 2;
  s.kind = AnnouncementKind::Suspension;
  s.title = "Tạm ngưng báo cáo";
  s.starts_at = kNow.plusSeconds(-3600);
  EXPECT_EQ(phaseAt(m, kNow), Phase::Upcoming);
  EXPECT_EQ(phaseAt(m, ts("2026-03-15T15:00:00Z")), Phase::Current);
  EXPECT_EQ(phaseAt(m, ts("2026-03-15T19:00:00Z")), Phase::Ended);
  auto v = visibleAt({m, s}, kNow);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].id, 2);  // current first
  EXPECT_TRUE(visibleAt({m}, ts("2026-03-16T00:00:00Z")).empty());
  EXPECT_EQ(bannerText(m),
            "Bảo trì, nâng cấp hệ thống từ 22:00 15/03/2026 đến 02:00 16/03/2026: Nâng cấp máy chủ");
}

}  // namespace
}  // namespace baocao::core::notify
