// Contract: ObligationRepository on every store (memory, SQLite, PostgreSQL): insert by key
// never duplicates (nor overwrites), round trip of every field, queries by unit, receiver,
// state, regime and period, optimistic state changes, first sending time kept.
#include <thread>

#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
namespace ob = core::obligation;
namespace wf = core::workflow;
namespace period = core::period;

ob::Obligation obligation(const std::string& regime, const period::Period& p, int64_t unit,
                          int64_t receiver, core::Date deadline) {
  ob::Obligation o;
  o.key = regime + "/" + p.id() + "/u" + std::to_string(unit);
  o.kind = ob::Kind::Periodic;
  o.regime_code = regime;
  o.title = "Báo cáo tình hình kinh tế - xã hội " + ob::periodLabel(p);
  o.period = p;
  o.unit_id = unit;
  o.receiving_unit_id = receiver;
  o.assigned_on = p.firstDay();
  o.data_window = period::Window{p.firstDay(), p.lastDay()};
  o.deadline = deadline;
  o.amendment_deadline = deadline;
  return o;
}

const core::Timestamp kNow = core::Timestamp::fromSeconds(1767225600);

TEST_P(StoreContract, ObligationRoundTripAndNoDuplicates) {
  auto m3 = period::Period::monthly(2026, 3);
  auto o = obligation("BC-KTXH", m3, 42, 7, day(2026, 3, 18));
  o.approval_deadline = day(2026, 3, 17);
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(bool first, tx.obligations().insert(o, kNow));
    EXPECT_TRUE(first);
    auto changed = o;
    changed.title = "khác";
    VALUE_OR_FAIL(bool again, tx.obligations().insert(changed, kNow));
    EXPECT_FALSE(again);
  });
  write([&](ports::Tx& tx) {  // after a "restart": another transaction
    VALUE_OR_FAIL(bool again, tx.obligations().insert(o, kNow));
    EXPECT_FALSE(again);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->obligations().get(o.key));
  EXPECT_GT(got.id, 0);
  EXPECT_EQ(got.obligation, o);
  EXPECT_EQ(got.state, wf::State::Draft);
  EXPECT_EQ(got.created_at, kNow);
  EXPECT_FALSE(got.first_sent_at.has_value());
  EXPECT_EQ(got.version, 1);
  VALUE_OR_FAIL(auto all, tx->obligations().find({}));
  EXPECT_EQ(all.size(), 1u);
  EXPECT_CODE(tx->obligations().get("nope"), ErrorCode::NotFound);
  EXPECT_CODE(tx->obligations().insert(o, kNow), ErrorCode::StorageError);  // read Tx
}

TEST_P(StoreContract, ObligationAdHocAndCascadeFieldsRoundTrip) {
  ob::Obligation a;
  a.key = "adhoc/CV-123-2026/u5";
  a.kind = ob::Kind::AdHoc;
  a.regime_code = "CV-123-2026";
  a.title = "Báo cáo đột xuất về bão số 3";
  a.unit_id = 5;
  a.receiving_unit_id = 1;
  a.assigned_on = day(2026, 9, 1);
  a.deadline = day(2026, 9, 5);
  a.amendment_deadline = day(2026, 9, 5);
  auto c = a;
  c.key = a.key + ">u51";
  c.kind = ob::Kind::Cascade;
  c.unit_id = 51;
  c.receiving_unit_id = 5;
  c.deadline = day(2026, 9, 3);
  c.parent_key = a.key;
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.obligations().insert(a, kNow));
    EXPECT_OK(tx.obligations().insert(c, kNow));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto ga, tx->obligations().get(a.key));
  EXPECT_EQ(ga.obligation, a);
  VALUE_OR_FAIL(auto gc, tx->obligations().get(c.key));
  EXPECT_EQ(gc.obligation, c);
}

TEST_P(StoreContract, ObligationQueriesFilterAndOrder) {
  auto m3 = period::Period::monthly(2026, 3), m4 = period::Period::monthly(2026, 4);
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.obligations().insert(obligation("B", m4, 2, 9, day(2026, 4, 17)), kNow));
    EXPECT_OK(tx.obligations().insert(obligation("A", m3, 2, 9, day(2026, 3, 18)), kNow));
    EXPECT_OK(tx.obligations().insert(obligation("A", m3, 1, 9, day(2026, 3, 18)), kNow));
    EXPECT_OK(tx.obligations().insert(obligation("A", m4, 1, 8, day(2026, 4, 17)), kNow));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->obligations().find({}));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].obligation.key, "A/202603/u1");
  EXPECT_EQ(all[1].obligation.key, "A/202603/u2");
  EXPECT_EQ(all[2].obligation.key, "A/202604/u1");
  EXPECT_EQ(all[3].obligation.key, "B/202604/u2");
  ports::ObligationQuery q;
  q.unit_ids = std::vector<int64_t>{2};
  VALUE_OR_FAIL(auto of2, tx->obligations().find(q));
  EXPECT_EQ(of2.size(), 2u);
  q.unit_ids = std::vector<int64_t>{};
  VALUE_OR_FAIL(auto none, tx->obligations().find(q));
  EXPECT_TRUE(none.empty());
  ports::ObligationQuery r;
  r.receiving_unit_ids = std::vector<int64_t>{9};
  r.regime_code = "A";
  r.period_id = "202603";
  VALUE_OR_FAIL(auto received, tx->obligations().find(r));
  EXPECT_EQ(received.size(), 2u);
  ports::ObligationQuery page;
  page.limit = 2;
  page.offset = 1;
  VALUE_OR_FAIL(auto p, tx->obligations().find(page));
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].obligation.key, "A/202603/u2");
  VALUE_OR_FAIL(auto keys, tx->obligations().keysOf("A"));
  EXPECT_EQ(keys, (std::set<std::string>{"A/202603/u1", "A/202603/u2", "A/202604/u1"}));
}

TEST_P(StoreContract, ObligationStateIsOptimisticAndKeepsFirstSending) {
  auto o = obligation("A", period::Period::monthly(2026, 3), 1, 9, day(2026, 3, 18));
  write([&](ports::Tx& tx) { EXPECT_OK(tx.obligations().insert(o, kNow)); });
  auto t1 = core::Timestamp::fromSeconds(1773800000), t2 = t1.plusSeconds(3600);
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto s, tx.obligations().setState(o.key, wf::State::Sent, 1, t1));
    EXPECT_EQ(s.state, wf::State::Sent);
    EXPECT_EQ(s.version, 2);
    EXPECT_EQ(s.first_sent_at, std::optional<core::Timestamp>(t1));
    EXPECT_CODE(tx.obligations().setState(o.key, wf::State::Draft, 1), ErrorCode::Conflict);
    EXPECT_CODE(tx.obligations().setState("nope", wf::State::Draft, 1), ErrorCode::NotFound);
    VALUE_OR_FAIL(auto back, tx.obligations().setState(o.key, wf::State::Returned, 2));
    VALUE_OR_FAIL(auto again, tx.obligations().setState(o.key, wf::State::Sent, 3, t2));
    EXPECT_EQ(again.first_sent_at, std::optional<core::Timestamp>(t1));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->obligations().get(o.key));
  EXPECT_EQ(got.state, wf::State::Sent);
  EXPECT_EQ(got.version, 4);
  ports::ObligationQuery q;
  q.state = wf::State::Sent;
  VALUE_OR_FAIL(auto sent, tx->obligations().find(q));
  EXPECT_EQ(sent.size(), 1u);
}

TEST_P(StoreContract, ObligationRacingInsertersNeverDuplicate) {
  auto o = obligation("A", period::Period::monthly(2026, 3), 1, 9, day(2026, 3, 18));
  int inserted = 0;
  std::mutex m;
  auto run = [&] {
    auto tx = store_->begin(ports::TxMode::Write);
    ASSERT_TRUE(tx.has_value()) << tx.error().message;
    auto r = tx.value()->obligations().insert(o, kNow);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_TRUE(tx.value()->commit().has_value());
    std::lock_guard<std::mutex> l(m);
    inserted += *r ? 1 : 0;
  };
  std::thread a(run), b(run);
  a.join();
  b.join();
  EXPECT_EQ(inserted, 1);
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->obligations().find({}));
  EXPECT_EQ(all.size(), 1u);
}

}  // namespace
}  // namespace baocao::contract
