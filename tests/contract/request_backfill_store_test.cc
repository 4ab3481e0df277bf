// Contract: ad hoc requests, backfill windows and backfill records (migration 9) on every store
// (memory, SQLite, PostgreSQL): a request id is stored once and never overwritten; queries by
// issuing unit, newest first; windows get ids, list newest first and close once; a backfill
// record round-trips on its obligation without touching the state's version.
#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
namespace ob = core::obligation;
namespace wf = core::workflow;
namespace period = core::period;

const core::Timestamp kAt = core::Timestamp::fromSeconds(1788220800);  // 01/09/2026 07:00 VN

ports::StoredAdHocRequest request(const std::string& id, int64_t issuer, core::Date issued) {
  ports::StoredAdHocRequest r;
  r.request_id = id;
  r.document_number = id + "/UBND-VX";
  r.title = "Báo cáo nhanh thiệt hại do bão số 3";
  r.issuing_unit_id = issuer;
  r.issued_on = issued;
  r.deadline = core::Date::fromDays(issued.days() + 4);
  r.created_by = 7;
  r.created_at = kAt;
  return r;
}

TEST_P(StoreContract, AdHocRequestStoredOnceAndListedNewestFirst) {
  auto a = request("12", 1, day(2026, 9, 1));
  a.period = period::Period::monthly(2026, 9);
  auto b = request("15", 1, day(2026, 9, 3));
  auto c = request("20", 2, day(2026, 9, 2));
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(bool first, tx.obligations().insertRequest(a));
    EXPECT_TRUE(first);
    auto changed = a;
    changed.title = "khác";
    VALUE_OR_FAIL(bool again, tx.obligations().insertRequest(changed));
    EXPECT_FALSE(again);
    EXPECT_OK(tx.obligations().insertRequest(b));
    EXPECT_OK(tx.obligations().insertRequest(c));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->obligations().getRequest("12"));
  EXPECT_EQ(got, a);
  EXPECT_CODE(tx->obligations().getRequest("99"), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto all, tx->obligations().findRequests({}));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].request_id, "15");
  EXPECT_EQ(all[1].request_id, "20");
  EXPECT_EQ(all[2].request_id, "12");
  ports::AdHocQuery q;
  q.issuing_unit_ids = std::vector<int64_t>{1};
  VALUE_OR_FAIL(auto of1, tx->obligations().findRequests(q));
  ASSERT_EQ(of1.size(), 2u);
  EXPECT_EQ(of1[1].request_id, "12");
  q.issuing_unit_ids = std::vector<int64_t>{};
  VALUE_OR_FAIL(auto none, tx->obligations().findRequests(q));
  EXPECT_TRUE(none.empty());
  EXPECT_CODE(tx->obligations().insertRequest(a), ErrorCode::StorageError);  // read Tx
}

TEST_P(StoreContract, BackfillWindowsOpenListAndCloseOnce) {
  ports::StoredBackfillWindow w;
  w.reason = "Sự cố đường truyền";
  w.outage_from = day(2026, 8, 28);
  w.outage_to = day(2026, 8, 31);
  w.opened_at = kAt;
  w.open_until = kAt.plusSeconds(7 * 86400);
  w.opened_by = 3;
  int64_t first = 0, second = 0;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto a, tx.obligations().createWindow(w));
    VALUE_OR_FAIL(auto b, tx.obligations().createWindow(w));
    EXPECT_GT(a.id, 0);
    EXPECT_GT(b.id, a.id);
    first = a.id;
    second = b.id;
  });
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto closed, tx.obligations().closeWindow(first, kAt.plusSeconds(60), 4));
    EXPECT_EQ(closed.closed_at, std::optional<core::Timestamp>(kAt.plusSeconds(60)));
    EXPECT_EQ(closed.closed_by, std::optional<int64_t>(4));
    EXPECT_CODE(tx.obligations().closeWindow(first, kAt.plusSeconds(90), 4), ErrorCode::Conflict);
    EXPECT_CODE(tx.obligations().closeWindow(999, kAt, 4), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->obligations().windows());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second);
  auto expect = w;
  expect.id = second;
  EXPECT_EQ(all[0], expect);
  EXPECT_TRUE(all[1].closed_at.has_value());
  VALUE_OR_FAIL(auto got, tx->obligations().getWindow(first));
  EXPECT_EQ(got.reason, "Sự cố đường truyền");
  EXPECT_CODE(tx->obligations().getWindow(999), ErrorCode::NotFound);
}

TEST_P(StoreContract, BackfillRecordRoundTripsWithoutTouchingTheVersion) {
  ob::Obligation o;
  o.key = "A/202608/u5";
  o.regime_code = "A";
  o.title = "Báo cáo tháng 08/2026";
  o.period = period::Period::monthly(2026, 8);
  o.unit_id = 5;
  o.receiving_unit_id = 1;
  o.assigned_on = day(2026, 8, 1);
  o.deadline = day(2026, 8, 29);
  o.amendment_deadline = day(2026, 9, 3);
  ports::BackfillRecord b{1, day(2026, 8, 29), "Gửi qua thư điện tử ngày 29/8", 7, kAt};
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.obligations().insert(o, kAt));
    VALUE_OR_FAIL(auto s, tx.obligations().setBackfill(o.key, b));
    EXPECT_EQ(s.backfill, std::optional<ports::BackfillRecord>(b));
    EXPECT_EQ(s.version, 1);
    EXPECT_CODE(tx.obligations().setBackfill("nope", b), ErrorCode::NotFound);
  });
  auto b2 = b;
  b2.true_sent_on = day(2026, 8, 30);
  b2.explanation = "Công văn giấy số 45";
  write([&](ports::Tx& tx) { EXPECT_OK(tx.obligations().setBackfill(o.key, b2)); });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->obligations().get(o.key));
  EXPECT_EQ(got.backfill, std::optional<ports::BackfillRecord>(b2));
  EXPECT_EQ(got.state, wf::State::Draft);
  EXPECT_EQ(got.version, 1);
  VALUE_OR_FAIL(auto all, tx->obligations().find({}));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].backfill, std::optional<ports::BackfillRecord>(b2));
  VALUE_OR_FAIL(auto by_id, tx->obligations().getById(got.id));
  EXPECT_EQ(by_id.obligation.key, o.key);
  EXPECT_CODE(tx->obligations().getById(got.id + 1000), ErrorCode::NotFound);
}

}  // namespace
}  // namespace baocao::contract
