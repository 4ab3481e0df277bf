// Contract: NotifyRepository on every store (memory, SQLite, PostgreSQL): a reminder is stored
// once per (user, dedupe key) even across transactions; the inbox lists unread first, then
// newest; read marks are the user's own; one digest per user and day carries each notification
// once; a digest is claimed by one sender only; announcements round-trip with optimistic
// versions and the "not ended" query.
#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
using core::Timestamp;
namespace nt = core::notify;

const Timestamp kT0 = Timestamp::fromSeconds(1773450000);  // 14/03/2026 08:00 Vietnam time

struct Users {
  int64_t an = 0, binh = 0;
};

Users seedUsers(ports::Tx& tx) {
  Users out;
  auto u = tx.orgs().create(unit("79", "TP HCM", org::OrgType::ProvinceCommittee));
  EXPECT_TRUE(u.has_value());
  int i = 0;
  for (int64_t* id : {&out.an, &out.binh}) {
    security::User p;
    p.username = i++ == 0 ? "an" : "binh";
    p.full_name = "Người dùng " + p.username;
    p.unit_id = u->id;
    p.password_hash = "x";
    auto c = tx.users().create(p);
    EXPECT_TRUE(c.has_value());
    *id = c->id;
  }
  return out;
}

ports::Notification note(int64_t user, const std::string& dkey, Timestamp at) {
  ports::Notification n;
  n.user_id = user;
  n.kind = "due_soon";
  n.obligation_key = "BC-KTXH/202603/u42";
  n.dedupe_key = dkey;
  n.text = "«Báo cáo tình hình kinh tế - xã hội tháng 03/2026» sắp đến hạn gửi 18/03/2026";
  n.created_at = at;
  return n;
}

TEST_P(StoreContract, NotificationStoredOncePerUserAndKey) {
  Users u;
  int64_t first_id = 0;
  write([&](ports::Tx& tx) {
    u = seedUsers(tx);
    VALUE_OR_FAIL(auto a, tx.notify().addNotification(note(u.an, "due_soon:k", kT0)));
    ASSERT_TRUE(a.has_value());
    EXPECT_GT(a->id, 0);
    first_id = a->id;
    VALUE_OR_FAIL(auto again, tx.notify().addNotification(note(u.an, "due_soon:k", kT0)));
    EXPECT_FALSE(again.has_value());
    // the same key for another user is another notification
    VALUE_OR_FAIL(auto other, tx.notify().addNotification(note(u.binh, "due_soon:k", kT0)));
    EXPECT_TRUE(other.has_value());
  });
  write([&](ports::Tx& tx) {  // a second run of the job, after a restart
    VALUE_OR_FAIL(auto again, tx.notify().addNotification(note(u.an, "due_soon:k", kT0)));
    EXPECT_FALSE(again.has_value());
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto inbox, tx->notify().notificationsOf(u.an, false, 50));
  ASSERT_EQ(inbox.size(), 1u);
  auto expected = note(u.an, "due_soon:k", kT0);
  expected.id = first_id;
  EXPECT_EQ(inbox[0], expected);
  VALUE_OR_FAIL(int64_t unread, tx->notify().unreadCount(u.an));
  EXPECT_EQ(unread, 1);
}

TEST_P(StoreContract, InboxListsUnreadFirstThenNewestAndReadMarksAreOwn) {
  Users u;
  std::vector<int64_t> ids;
  write([&](ports::Tx& tx) {
    u = seedUsers(tx);
    for (int i = 0; i < 3; ++i) {
      VALUE_OR_FAIL(auto n, tx.notify().addNotification(
                                note(u.an, "k" + std::to_string(i), kT0.plusSeconds(60 * i))));
      ids.push_back(n->id);
    }
  });
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto r, tx.notify().markRead(u.an, ids[2], kT0.plusSeconds(3600)));
    EXPECT_EQ(r.read_at, kT0.plusSeconds(3600));
    // marking again keeps the first read time
    VALUE_OR_FAIL(auto r2, tx.notify().markRead(u.an, ids[2], kT0.plusSeconds(7200)));
    EXPECT_EQ(r2.read_at, kT0.plusSeconds(3600));
    // another user's notification is not found, and stays unread
    EXPECT_CODE(tx.notify().markRead(u.binh, ids[0], kT0), ErrorCode::NotFound);
    EXPECT_CODE(tx.notify().markRead(u.an, 999999, kT0), ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto inbox, tx->notify().notificationsOf(u.an, false, 50));
    ASSERT_EQ(inbox.size(), 3u);
    EXPECT_EQ(inbox[0].id, ids[1]);  // unread, newest
    EXPECT_EQ(inbox[1].id, ids[0]);  // unread, older
    EXPECT_EQ(inbox[2].id, ids[2]);  // read, though newest
    VALUE_OR_FAIL(auto unread, tx->notify().notificationsOf(u.an, true, 50));
    EXPECT_EQ(unread.size(), 2u);
    VALUE_OR_FAIL(auto page, tx->notify().notificationsOf(u.an, false, 1, 1));
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].id, ids[0]);
  }
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(int64_t n, tx.notify().markAllRead(u.an, kT0.plusSeconds(9000)));
    EXPECT_EQ(n, 2);
    VALUE_OR_FAIL(int64_t left, tx.notify().unreadCount(u.an));
    EXPECT_EQ(left, 0);
  });
}

TEST_P(StoreContract, OneDigestPerUserAndDayCarriesEachNotificationOnce) {
  Users u;
  std::vector<int64_t> ids;
  write([&](ports::Tx& tx) {
    u = seedUsers(tx);
    for (const char* k : {"a", "b"}) {
      VALUE_OR_FAIL(auto n, tx.notify().addNotification(note(u.an, k, kT0)));
      ids.push_back(n->id);
    }
    VALUE_OR_FAIL(auto n, tx.notify().addNotification(note(u.binh, "a", kT0)));
    (void)n;
  });
  const core::Date d14 = day(2026, 3, 14);
  ports::Digest d;
  d.user_id = u.an;
  d.day = d14;
  d.recipient = "an@hochiminhcity.gov.vn";
  d.subject = "Nhắc việc báo cáo ngày 14/03/2026: 2 nội dung";
  d.body = "Kính gửi …";
  d.items = 2;
  d.created_at = kT0;
  int64_t digest_id = 0;
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto users, tx->notify().usersWithUndigested());
    EXPECT_EQ(users, (std::vector<int64_t>{u.an, u.binh}));
    VALUE_OR_FAIL(auto pending, tx->notify().undigestedOf(u.an));
    EXPECT_EQ(pending.size(), 2u);
  }
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto c, tx.notify().createDigest(d, ids));
    ASSERT_TRUE(c.has_value());
    digest_id = c->id;
    VALUE_OR_FAIL(auto twice, tx.notify().createDigest(d, ids));
    EXPECT_FALSE(twice.has_value());
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto users, tx->notify().usersWithUndigested());
    EXPECT_EQ(users, (std::vector<int64_t>{u.binh}));
    VALUE_OR_FAIL(auto inbox, tx->notify().notificationsOf(u.an, false, 10));
    for (const auto& n : inbox) EXPECT_EQ(n.digest_day, d14);
    VALUE_OR_FAIL(auto on, tx->notify().digestsOn(d14, std::nullopt));
    ASSERT_EQ(on.size(), 1u);
    auto want = d;
    want.id = digest_id;
    EXPECT_EQ(on[0], want);
    VALUE_OR_FAIL(auto deliverable, tx->notify().deliverable(3));
    ASSERT_EQ(deliverable.size(), 1u);
  }
  // one sender claims it; a second claim fails; a failure can be retried
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(bool mine, tx.notify().claimDigest(digest_id));
    EXPECT_TRUE(mine);
    VALUE_OR_FAIL(bool again, tx.notify().claimDigest(digest_id));
    EXPECT_FALSE(again);
    EXPECT_OK(tx.notify().finishDigest(digest_id, false, "SMTP 451", kT0));
  });
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto retry, tx.notify().deliverable(3));
    ASSERT_EQ(retry.size(), 1u);
    EXPECT_EQ(retry[0].status, ports::DigestStatus::Failed);
    EXPECT_EQ(retry[0].error, "SMTP 451");
    EXPECT_EQ(retry[0].attempts, 1);
    VALUE_OR_FAIL(auto none, tx.notify().deliverable(1));
    EXPECT_TRUE(none.empty());
    VALUE_OR_FAIL(bool mine, tx.notify().claimDigest(digest_id));
    EXPECT_TRUE(mine);
    EXPECT_OK(tx.notify().finishDigest(digest_id, true, "", kT0.plusSeconds(5)));
    EXPECT_CODE(tx.notify().finishDigest(424242, true, "", kT0), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto on, tx->notify().digestsOn(d14, u.an));
  ASSERT_EQ(on.size(), 1u);
  EXPECT_EQ(on[0].status, ports::DigestStatus::Sent);
  EXPECT_EQ(on[0].attempts, 2);
  EXPECT_EQ(on[0].sent_at, kT0.plusSeconds(5));
  EXPECT_EQ(on[0].error, "");
  VALUE_OR_FAIL(auto left, tx->notify().deliverable(3));
  EXPECT_TRUE(left.empty());
}

TEST_P(StoreContract, AnnouncementsRoundTripWithVersions) {
  nt::Announcement a;
  a.kind = nt::AnnouncementKind::Maintenance;
  a.title = "Nâng cấp máy chủ cơ sở dữ liệu";
  a.body = "Hệ thống tạm dừng để nâng cấp.";
  a.published_at = kT0;
  a.starts_at = kT0.plusSeconds(2 * 86400);
  a.ends_at = kT0.plusSeconds(2 * 86400 + 4 * 3600);
  a.created_by = 1;
  a.updated_at = kT0;
  nt::Announcement info;
  info.title = "Đã có biểu mẫu mới";
  info.published_at = kT0;
  info.starts_at = kT0;
  info.updated_at = kT0;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(a, tx.notify().createAnnouncement(a));
    EXPECT_GT(a.id, 0);
    EXPECT_EQ(a.version, 1);
    VALUE_OR_FAIL(info, tx.notify().createAnnouncement(info));
  });
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto got, tx.notify().announcement(a.id));
    EXPECT_EQ(got, a);
    auto changed = a;
    changed.title = "Nâng cấp máy chủ (đổi giờ)";
    VALUE_OR_FAIL(auto updated, tx.notify().updateAnnouncement(changed));
    EXPECT_EQ(updated.version, 2);
    EXPECT_EQ(updated.title, "Nâng cấp máy chủ (đổi giờ)");
    EXPECT_CODE(tx.notify().updateAnnouncement(changed), ErrorCode::Conflict);  // stale version
    auto ghost = changed;
    ghost.id = 999999;
    EXPECT_CODE(tx.notify().updateAnnouncement(ghost), ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    // before the maintenance ends both show; after it, only the open-ended notice
    VALUE_OR_FAIL(auto now, tx->notify().announcementsNotEndedAt(kT0.plusSeconds(60)));
    ASSERT_EQ(now.size(), 2u);
    EXPECT_EQ(now[0].id, info.id);  // earlier start first
    VALUE_OR_FAIL(auto later, tx->notify().announcementsNotEndedAt(*a.ends_at));
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0].id, info.id);
  }
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.notify().deleteAnnouncement(a.id));
    EXPECT_CODE(tx.notify().deleteAnnouncement(a.id), ErrorCode::NotFound);
    EXPECT_CODE(tx.notify().announcement(a.id), ErrorCode::NotFound);
  });
}

TEST_P(StoreContract, NotifyWritesNeedAWriteTransaction) {
  auto tx = reader();
  ports::Notification n;
  n.user_id = 1;
  n.dedupe_key = "x";
  EXPECT_CODE(tx->notify().addNotification(n), ErrorCode::StorageError);
}

}  // namespace
}  // namespace baocao::contract
