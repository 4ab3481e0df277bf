// Contract: AuditRepository, transactions, migrations, concurrency, backup, on every store.
// The one INSTANTIATE_TEST_SUITE_P for the whole suite is at the end of this file.
#include <sys/stat.h>

#include <atomic>
#include <set>
#include <thread>

#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
using core::Timestamp;

audit::AuditEntry entry(int64_t seq, const std::string& prev, const std::string& action,
                        std::optional<int64_t> actor, std::optional<int64_t> unit, int64_t at) {
  audit::AuditEntry e;
  e.seq = seq;
  e.at = Timestamp::fromMicros(at);
  e.actor_id = actor;
  e.actor_name = actor ? "user" + std::to_string(*actor) : "";
  e.action = action;
  e.entity_type = action.rfind("org.", 0) == 0 ? "org_unit" : "session";
  e.entity_id = std::to_string(seq % 3);
  e.unit_id = unit;
  e.before_json = seq % 2 ? "" : "{\"name\":\"Thủ Đức\"}";
  e.after_json = "{\"name\":\"Đặc khu Côn Đảo\"}";
  e.ip = "10.0.0." + std::to_string(seq);
  e.prev_hash = prev;
  e.hash = std::string(63, 'a' + static_cast<char>(seq % 26)) + std::to_string(seq % 10);
  return e;
}

// Appends `n` entries through lockHead() like the audit use case does.
void appendChain(ports::Tx& tx, int n) {
  for (int i = 0; i < n; ++i) {
    auto head = tx.audit().lockHead();
    ASSERT_TRUE(head.has_value()) << head.error().message;
    int64_t seq = head->first + 1;
    const char* actions[] = {"auth.login", "org.update", "auth.logout", "org.create"};
    std::optional<int64_t> actor = seq % 5 == 0 ? std::nullopt : std::optional<int64_t>(seq % 2 + 1);
    auto r = tx.audit().append(entry(seq, head->second, actions[seq % 4], actor,
                                     seq % 3 == 0 ? std::nullopt : std::optional<int64_t>(seq % 3),
                                     seq * 1000));
    ASSERT_TRUE(r.has_value()) << r.error().message;
  }
}

std::vector<int64_t> seqs(const std::vector<audit::AuditEntry>& es) {
  std::vector<int64_t> out;
  for (const auto& e : es) out.push_back(e.seq);
  return out;
}

TEST_P(StoreContract, AuditHeadStartsAtGenesisAndFollowsAppends) {
  auto tx = begin();
  VALUE_OR_FAIL(auto head, tx->audit().lockHead());
  EXPECT_EQ(head.first, 0);
  EXPECT_EQ(head.second, audit::kGenesisHash);
  appendChain(*tx, 3);
  VALUE_OR_FAIL(auto after, tx->audit().lockHead());
  EXPECT_EQ(after.first, 3);
  EXPECT_EQ(after.second, entry(3, "", "x", 1, 1, 0).hash);
  // Out of order seq numbers are refused: the chain has no gaps and no duplicates.
  EXPECT_CODE(tx->audit().append(entry(3, after.second, "auth.login", 1, 1, 1)),
              ErrorCode::Conflict);
  EXPECT_CODE(tx->audit().append(entry(5, after.second, "auth.login", 1, 1, 1)),
              ErrorCode::Conflict);
  EXPECT_OK(tx->commit());
  auto r = reader();
  VALUE_OR_FAIL(auto all, r->audit().scan(0, 100));
  ASSERT_EQ(all.size(), 3u);
  const auto expected = entry(2, all[0].hash, "auth.logout", 1, 2, 2000);
  const auto& got = all[1];
  EXPECT_EQ(got.seq, 2);
  EXPECT_EQ(got.at, expected.at);
  EXPECT_EQ(got.actor_id, expected.actor_id);
  EXPECT_EQ(got.actor_name, expected.actor_name);
  EXPECT_EQ(got.action, "auth.logout");
  EXPECT_EQ(got.entity_type, "session");
  EXPECT_EQ(got.entity_id, "2");
  EXPECT_EQ(got.unit_id, std::optional<int64_t>(2));
  EXPECT_EQ(got.before_json, "{\"name\":\"Thủ Đức\"}");
  EXPECT_EQ(got.after_json, "{\"name\":\"Đặc khu Côn Đảo\"}");
  EXPECT_EQ(got.ip, "10.0.0.2");
  EXPECT_EQ(got.prev_hash, all[0].hash);
  EXPECT_EQ(got.hash, expected.hash);
  EXPECT_EQ(all[0].prev_hash, audit::kGenesisHash);
}

TEST_P(StoreContract, AuditFindFiltersNewestFirst) {
  write([](ports::Tx& tx) { appendChain(tx, 20); });
  auto tx = reader();
  auto find = [&](const ports::AuditRepository::Query& q) {
    auto r = tx->audit().find(q);
    EXPECT_TRUE(r.has_value());
    return r.has_value() ? seqs(*r) : std::vector<int64_t>{};
  };
  using V = std::vector<int64_t>;
  ports::AuditRepository::Query q;
  q.limit = 3;
  EXPECT_EQ(find(q), V({20, 19, 18}));
  q.before_seq = 18;  // the next page
  EXPECT_EQ(find(q), V({17, 16, 15}));
  q = {};
  q.action_prefix = "org.";
  q.limit = 4;
  EXPECT_EQ(find(q), V({19, 17, 15, 13}));  // org.update (1 mod 4) and org.create (3 mod 4)
  q = {};
  q.action_prefix = "auth.login";  // not auth.logout
  EXPECT_EQ(find(q), V({20, 16, 12, 8, 4}));
  q.action_prefix = "auth%";  // literal %, not a wildcard
  EXPECT_EQ(find(q), V());
  q = {};
  q.actor_id = 1;  // seq even and not a multiple of 5
  EXPECT_EQ(find(q), V({18, 16, 14, 12, 8, 6, 4, 2}));
  q = {};
  q.entity_type = "org_unit";
  q.entity_id = "1";  // seq % 3 == 1
  EXPECT_EQ(find(q), V({19, 13, 7, 1}));
  q = {};
  q.from = Timestamp::fromMicros(5000);  // inclusive
  q.to = Timestamp::fromMicros(8000);    // exclusive
  EXPECT_EQ(find(q), V({7, 6, 5}));
  q = {};
  q.unit_ids = std::vector<int64_t>{2};
  EXPECT_EQ(find(q), V({20, 17, 14, 11, 8, 5, 2}));
  q.unit_ids = std::vector<int64_t>{};
  EXPECT_EQ(find(q), V());
}

TEST_P(StoreContract, AuditScanPagesInSeqOrder) {
  write([](ports::Tx& tx) { appendChain(tx, 12); });
  auto tx = reader();
  std::vector<int64_t> all;
  int64_t after = 0;
  for (;;) {
    VALUE_OR_FAIL(auto page, tx->audit().scan(after, 5));
    if (page.empty()) break;
    EXPECT_LE(page.size(), 5u);
    for (const auto& e : page) all.push_back(e.seq);
    after = page.back().seq;
  }
  std::vector<int64_t> expected(12);
  for (int i = 0; i < 12; ++i) expected[i] = i + 1;
  EXPECT_EQ(all, expected);
}

TEST_P(StoreContract, UncommittedChangesVanishWhenTheTxIsDropped) {
  {
    auto tx = begin();
    EXPECT_OK(tx->orgs().create(unit("79", "TP HCM", org::OrgType::ProvinceCommittee)));
    EXPECT_OK(tx->users().create([] {
      security::User u;
      u.username = "ghost";
      u.full_name = "Bóng ma";
      return u;
    }()));
    appendChain(*tx, 2);
    // dropped without commit
  }
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->orgs().count({}));
  EXPECT_EQ(n, 0);
  EXPECT_CODE(tx->users().getByUsername("ghost"), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto log, tx->audit().scan(0, 10));
  EXPECT_TRUE(log.empty());
  tx.reset();
  auto w = begin();
  VALUE_OR_FAIL(auto head, w->audit().lockHead());
  EXPECT_EQ(head.first, 0);
}

TEST_P(StoreContract, AFailingStatementInAMultiRowChangeLeavesNothing) {
  write([](ports::Tx& tx) {
    EXPECT_OK(tx.orgs().create(unit("79", "TP HCM", org::OrgType::ProvinceCommittee)));
  });
  {
    auto tx = begin();
    EXPECT_OK(tx->orgs().create(unit("A1", "Một")));
    EXPECT_OK(tx->orgs().create(unit("A2", "Hai")));
    EXPECT_CODE(tx->orgs().create(unit("79", "Trùng")), ErrorCode::AlreadyExists);
    // the caller gives up: the Tx is destroyed
  }
  auto tx = reader();
  VALUE_OR_FAIL(auto n, tx->orgs().count({}));
  EXPECT_EQ(n, 1);
}

TEST_P(StoreContract, ReadTransactionsRefuseWritesAndSeeOneSnapshot) {
  write([](ports::Tx& tx) {
    EXPECT_OK(tx.orgs().create(unit("79", "TP HCM", org::OrgType::ProvinceCommittee)));
  });
  auto r = reader();
  EXPECT_CODE(r->orgs().create(unit("01", "Hà Nội")), ErrorCode::StorageError);
  VALUE_OR_FAIL(auto before, r->orgs().count({}));
  EXPECT_EQ(before, 1);
  write([](ports::Tx& tx) { EXPECT_OK(tx.orgs().create(unit("02", "Hà Giang"))); });
  VALUE_OR_FAIL(auto during, r->orgs().count({}));
  EXPECT_EQ(during, 1);  // the snapshot taken at the first read does not move
  r.reset();
  auto later = reader();
  VALUE_OR_FAIL(auto after, later->orgs().count({}));
  EXPECT_EQ(after, 2);
}

TEST_P(StoreContract, AFinishedTxRefusesFurtherWork) {
  auto tx = begin();
  EXPECT_OK(tx->orgs().create(unit("79", "TP HCM")));
  EXPECT_OK(tx->commit());
  EXPECT_CODE(tx->commit(), ErrorCode::StorageError);
  EXPECT_CODE(tx->orgs().create(unit("01", "Hà Nội")), ErrorCode::StorageError);
  EXPECT_CODE(tx->orgs().get(1), ErrorCode::StorageError);
  tx.reset();
  auto r = reader();
  VALUE_OR_FAIL(auto n, r->orgs().count({}));
  EXPECT_EQ(n, 1);
}

TEST_P(StoreContract, MigrateIsIdempotent) {
  VALUE_OR_FAIL(int v1, store_->migrate());
  VALUE_OR_FAIL(int v2, store_->migrate());
  EXPECT_GE(v1, 1);
  EXPECT_EQ(v1, v2);
  write([](ports::Tx& tx) { EXPECT_OK(tx.orgs().create(unit("79", "TP HCM"))); });
  VALUE_OR_FAIL(int v3, store_->migrate());
  EXPECT_EQ(v3, v1);
  if (!isSql()) return;
  // Two more processes (stores) starting at once on the same database: both succeed and agree.
  auto a = open(url_);
  auto b = open(url_);
  ASSERT_TRUE(a && b);
  core::Result<int> ra = 0, rb = 0;
  std::thread ta([&] { ra = a->migrate(); });
  std::thread tb([&] { rb = b->migrate(); });
  ta.join();
  tb.join();
  ASSERT_TRUE(ra.has_value()) << ra.error().message;
  ASSERT_TRUE(rb.has_value()) << rb.error().message;
  EXPECT_EQ(*ra, v1);
  EXPECT_EQ(*rb, v1);
  auto tx = a->begin(ports::TxMode::Read);
  ASSERT_TRUE(tx.has_value());
  VALUE_OR_FAIL(auto n, (*tx)->orgs().count({}));
  EXPECT_EQ(n, 1);  // data untouched
}

TEST_P(StoreContract, ConcurrentAuditWritersNeverDuplicateASeq) {
  constexpr int kThreads = 3, kPerThread = 25;
  std::atomic<int> failures{0};
  auto worker = [&] {
    for (int i = 0; i < kPerThread; ++i) {
      auto tx = store_->begin(ports::TxMode::Write);
      if (!tx.has_value()) {
        ++failures;
        continue;
      }
      auto head = (*tx)->audit().lockHead();
      if (!head.has_value()) {
        ++failures;
        continue;
      }
      std::this_thread::yield();  // widen the window between read and write
      auto e = entry(head->first + 1, head->second, "auth.login", 1, 1, head->first);
      if (!(*tx)->audit().append(e).has_value() || !(*tx)->commit().has_value()) ++failures;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = reader();
  VALUE_OR_FAIL(auto log, tx->audit().scan(0, 1000));
  ASSERT_EQ(log.size(), static_cast<size_t>(kThreads * kPerThread));
  std::string prev = audit::kGenesisHash;
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(log[i].prev_hash, prev) << "chain broken at " << log[i].seq;
    prev = log[i].hash;
  }
}

TEST_P(StoreContract, BackupWritesAConsistentCopy) {
  write([](ports::Tx& tx) { EXPECT_OK(tx.orgs().create(unit("79", "Phường Thủ Đức"))); });
  std::string path = tempFile(".bak");
  EXPECT_OK(store_->backup(path));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_GT(st.st_size, 0);
  if (kind_ != "sqlite") return;
  auto copy = open("sqlite:" + path);
  ASSERT_NE(copy, nullptr);
  VALUE_OR_FAIL(int v, copy->migrate());
  EXPECT_GE(v, 1);
  {
    auto tx = copy->begin(ports::TxMode::Read);
    ASSERT_TRUE(tx.has_value());
    VALUE_OR_FAIL(auto u, (*tx)->orgs().getByCode("79"));
    EXPECT_EQ(u.name, "Phường Thủ Đức");
  }
  copy.reset();
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

TEST_P(StoreContract, KindAndPoolStatsDescribeTheStore) {
  EXPECT_EQ(store_->kind(), kind_);
  auto idle = store_->poolStats();
  EXPECT_GE(idle.size, 1);
  EXPECT_EQ(idle.in_use, 0);
  if (!isSql()) return;
  auto tx = begin();
  auto busy = store_->poolStats();
  EXPECT_EQ(busy.in_use, 1);
  tx.reset();
  EXPECT_EQ(store_->poolStats().in_use, 0);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(AllStores, StoreContract,
                         ::testing::Values("memory", "sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace baocao::contract
