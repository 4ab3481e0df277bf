// Contract: UserRepository and SessionRepository on every store.
#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
using core::Timestamp;
using security::Role;

security::User person(const std::string& username, const std::string& full_name,
                      int64_t unit_id) {
  security::User u;
  u.username = username;
  u.full_name = full_name;
  u.email = username + "@hochiminhcity.gov.vn";
  u.phone = "0909 123 456";
  u.birth_date = day(1985, 2, 28);
  u.unit_id = unit_id;
  u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  u.password_changed_at = Timestamp::fromMicros(1'750'000'000'123'456);
  u.created_at = Timestamp::fromMicros(1'750'000'000'000'001);
  return u;
}

struct Seeded {
  int64_t hcm = 0, thu_duc = 0;
  security::User an, binh;
};

Seeded seed(ports::Tx& tx) {
  Seeded s;
  auto hcm = tx.orgs().create(unit("79", "TP HCM", org::OrgType::ProvinceCommittee));
  EXPECT_TRUE(hcm.has_value());
  s.hcm = hcm->id;
  auto td = tx.orgs().create(unit("26848", "Phường Thủ Đức", org::OrgType::CommuneCommittee, s.hcm));
  EXPECT_TRUE(td.has_value());
  s.thu_duc = td->id;
  auto an = tx.users().create(person("nguyenvanan", "Nguyễn Văn An", s.thu_duc));
  EXPECT_TRUE(an.has_value());
  s.an = *an;
  auto binh = person("tranthibinh", "Trần Thị Bình", s.hcm);
  binh.revoked = true;
  binh.locked_until = Timestamp::fromMicros(1'760'000'000'000'000);
  auto b = tx.users().create(binh);
  EXPECT_TRUE(b.has_value());
  s.binh = *b;
  return s;
}

TEST_P(StoreContract, UsersRoundTripWithEveryField) {
  Seeded s;
  write([&](ports::Tx& tx) { s = seed(tx); });
  EXPECT_GT(s.an.id, 0);
  EXPECT_EQ(s.an.version, 1);
  auto tx = reader();
  VALUE_OR_FAIL(auto an, tx->users().get(s.an.id));
  EXPECT_EQ(an.username, "nguyenvanan");
  EXPECT_EQ(an.full_name, "Nguyễn Văn An");
  EXPECT_EQ(an.email, "nguyenvanan@hochiminhcity.gov.vn");
  EXPECT_EQ(an.phone, "0909 123 456");
  EXPECT_EQ(an.birth_date, std::optional<core::Date>(day(1985, 2, 28)));
  EXPECT_EQ(an.unit_id, s.thu_duc);
  EXPECT_EQ(an.password_hash, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");
  EXPECT_TRUE(an.must_change_password);
  EXPECT_EQ(an.password_changed_at.micros(), 1'750'000'000'123'456);
  EXPECT_EQ(an.failed_logins, 0);
  EXPECT_FALSE(an.locked_until.has_value());
  EXPECT_FALSE(an.revoked);
  EXPECT_EQ(an.created_at.micros(), 1'750'000'000'000'001);
  VALUE_OR_FAIL(auto binh, tx->users().getByUsername("TranThiBinh"));  // case-insensitive
  EXPECT_EQ(binh.id, s.binh.id);
  EXPECT_TRUE(binh.revoked);
  EXPECT_EQ(binh.locked_until, std::optional<Timestamp>(Timestamp::fromMicros(1'760'000'000'000'000)));
  EXPECT_CODE(tx->users().get(4242), ErrorCode::NotFound);
  EXPECT_CODE(tx->users().getByUsername("khongco"), ErrorCode::NotFound);
}

TEST_P(StoreContract, UsernameIsUniqueIgnoringCase) {
  Seeded s;
  write([&](ports::Tx& tx) { s = seed(tx); });
  auto tx = begin();
  auto r = tx->users().create(person("NguyenVanAn", "Người khác", s.hcm));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::AlreadyExists);
  EXPECT_NE(r.error().message.find("NguyenVanAn"), std::string::npos);
  EXPECT_CODE(tx->users().create(person("someone", "Ai đó", 987654)), ErrorCode::NotFound);
  EXPECT_OK(tx->users().create(person("nobody", "Không thuộc đơn vị nào", 0)));
}

TEST_P(StoreContract, UserUpdateIsOptimistic) {
  Seeded s;
  write([&](ports::Tx& tx) { s = seed(tx); });
  auto changed = s.an;
  changed.failed_logins = 3;
  changed.locked_until = Timestamp::fromMicros(42);
  changed.must_change_password = false;
  changed.full_name = "Nguyễn Văn Ân";
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto v2, tx.users().update(changed));
    EXPECT_EQ(v2.version, 2);
  });
  auto tx = begin();
  VALUE_OR_FAIL(auto got, tx->users().get(s.an.id));
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.failed_logins, 3);
  EXPECT_EQ(got.locked_until, std::optional<Timestamp>(Timestamp::fromMicros(42)));
  EXPECT_FALSE(got.must_change_password);
  EXPECT_EQ(got.full_name, "Nguyễn Văn Ân");
  EXPECT_CODE(tx->users().update(changed), ErrorCode::Conflict);  // stale version 1
  got.username = "TRANTHIBINH";
  EXPECT_CODE(tx->users().update(got), ErrorCode::AlreadyExists);
  got.id = 31337;
  EXPECT_CODE(tx->users().update(got), ErrorCode::NotFound);
}

TEST_P(StoreContract, UserFindSearchesFoldedNamesAndFiltersByUnitAndRevocation) {
  Seeded s;
  write([&](ports::Tx& tx) { s = seed(tx); });
  auto tx = reader();
  auto names = [&](const ports::UserRepository::Query& q) {
    std::vector<std::string> out;
    auto r = tx->users().find(q);
    EXPECT_TRUE(r.has_value());
    if (r.has_value()) {
      for (const auto& u : *r) out.push_back(u.username);
    }
    return out;
  };
  using V = std::vector<std::string>;
  ports::UserRepository::Query q;
  EXPECT_EQ(names(q), V({"nguyenvanan", "tranthibinh"}));
  q.text = "van an";
  EXPECT_EQ(names(q), V({"nguyenvanan"}));
  q.text = "Trần Bình";
  EXPECT_EQ(names(q), V({"tranthibinh"}));
  q.text = "%";
  EXPECT_EQ(names(q), V());
  q.text = "";
  q.include_revoked = false;
  EXPECT_EQ(names(q), V({"nguyenvanan"}));
  q.include_revoked = true;
  q.unit_ids = std::vector<int64_t>{s.hcm};
  EXPECT_EQ(names(q), V({"tranthibinh"}));
  q.unit_ids = std::vector<int64_t>{};
  EXPECT_EQ(names(q), V());
  q.unit_ids.reset();
  q.limit = 1;
  q.offset = 1;
  EXPECT_EQ(names(q), V({"tranthibinh"}));
}

TEST_P(StoreContract, GrantsAreAddedListedAndRemoved) {
  Seeded s;
  write([&](ports::Tx& tx) { s = seed(tx); });
  int64_t first = 0;
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto g1, tx.users().addGrant({0, s.an.id, Role::DataEntry, s.thu_duc, false}));
    EXPECT_GT(g1.id, 0);
    first = g1.id;
    EXPECT_OK(tx.users().addGrant({0, s.an.id, Role::Viewer, s.hcm, true}));
    EXPECT_CODE(tx.users().addGrant({0, s.an.id, Role::DataEntry, s.thu_duc, true}),
                ErrorCode::AlreadyExists);
    EXPECT_CODE(tx.users().addGrant({0, 999999, Role::Viewer, s.hcm, true}), ErrorCode::NotFound);
    EXPECT_CODE(tx.users().addGrant({0, s.an.id, Role::Viewer, 999999, true}),
                ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto grants, tx->users().grantsOf(s.an.id));
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].role, Role::DataEntry);
    EXPECT_EQ(grants[0].unit_id, s.thu_duc);
    EXPECT_FALSE(grants[0].include_subtree);
    EXPECT_EQ(grants[1].role, Role::Viewer);
    EXPECT_TRUE(grants[1].include_subtree);
    VALUE_OR_FAIL(auto none, tx->users().grantsOf(s.binh.id));
    EXPECT_TRUE(none.empty());
  }
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.users().removeGrant(first));
    EXPECT_CODE(tx.users().removeGrant(first), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto left, tx->users().grantsOf(s.an.id));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].role, Role::Viewer);
}

security::Session session(const std::string& hash, int64_t user, int64_t created) {
  security::Session x;
  x.token_hash = hash;
  x.user_id = user;
  x.csrf_token = "csrf-" + hash;
  x.ip = "2001:db8::1";
  x.created_at = Timestamp::fromMicros(created);
  x.last_seen_at = Timestamp::fromMicros(created);
  x.expires_at = Timestamp::fromMicros(created + 8LL * 3600 * 1000000);
  return x;
}

TEST_P(StoreContract, SessionsAreCreatedTouchedAndEnded) {
  Seeded s;
  write([&](ports::Tx& tx) {
    s = seed(tx);
    EXPECT_OK(tx.sessions().create(session("h1", s.an.id, 1000)));
    EXPECT_OK(tx.sessions().create(session("h2", s.an.id, 2000)));
    EXPECT_OK(tx.sessions().create(session("h3", s.an.id, 3000)));
    EXPECT_OK(tx.sessions().create(session("hb", s.binh.id, 1500)));
    EXPECT_CODE(tx.sessions().create(session("h1", s.an.id, 1)), ErrorCode::AlreadyExists);
    EXPECT_CODE(tx.sessions().create(session("hx", 777777, 1)), ErrorCode::NotFound);
  });
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.sessions().touch("h1", Timestamp::fromMicros(5000)));
    EXPECT_OK(tx.sessions().end("h2", Timestamp::fromMicros(6000)));
    EXPECT_OK(tx.sessions().end("h2", Timestamp::fromMicros(9999)));  // no-op: already ended
    EXPECT_CODE(tx.sessions().touch("nope", Timestamp::fromMicros(1)), ErrorCode::NotFound);
    EXPECT_CODE(tx.sessions().end("nope", Timestamp::fromMicros(1)), ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto h1, tx->sessions().get("h1"));
    EXPECT_EQ(h1.user_id, s.an.id);
    EXPECT_EQ(h1.csrf_token, "csrf-h1");
    EXPECT_EQ(h1.ip, "2001:db8::1");
    EXPECT_EQ(h1.created_at.micros(), 1000);
    EXPECT_EQ(h1.last_seen_at.micros(), 5000);
    EXPECT_EQ(h1.expires_at.micros(), 1000 + 8LL * 3600 * 1000000);
    EXPECT_FALSE(h1.ended_at.has_value());
    VALUE_OR_FAIL(auto h2, tx->sessions().get("h2"));
    EXPECT_EQ(h2.ended_at, std::optional<Timestamp>(Timestamp::fromMicros(6000)));
    EXPECT_CODE(tx->sessions().get("nope"), ErrorCode::NotFound);
  }
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto ended, tx.sessions().endAllOf(s.an.id, Timestamp::fromMicros(7000)));
    ASSERT_EQ(ended.size(), 2u);  // h2 was already ended
    EXPECT_EQ(ended[0].token_hash, "h1");
    EXPECT_EQ(ended[1].token_hash, "h3");
    EXPECT_EQ(ended[0].ended_at, std::optional<Timestamp>(Timestamp::fromMicros(7000)));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto h3, tx->sessions().get("h3"));
  EXPECT_EQ(h3.ended_at, std::optional<Timestamp>(Timestamp::fromMicros(7000)));
  VALUE_OR_FAIL(auto h2, tx->sessions().get("h2"));
  EXPECT_EQ(h2.ended_at, std::optional<Timestamp>(Timestamp::fromMicros(6000)));
  VALUE_OR_FAIL(auto hb, tx->sessions().get("hb"));
  EXPECT_FALSE(hb.ended_at.has_value());
}

TEST_P(StoreContract, ApiTokensAreCreatedListedAndRevoked) {
  Seeded s;
  int64_t t1 = 0;
  write([&](ports::Tx& tx) {
    s = seed(tx);
    security::ApiToken t;
    t.user_id = s.an.id;
    t.name = "Đồng bộ DHIS2";
    t.token_hash = "th1";
    t.created_at = Timestamp::fromMicros(100);
    t.expires_at = Timestamp::fromMicros(200);
    VALUE_OR_FAIL(auto a, tx.sessions().createToken(t));
    EXPECT_GT(a.id, 0);
    t1 = a.id;
    t.token_hash = "th2";
    t.expires_at.reset();
    EXPECT_OK(tx.sessions().createToken(t));
    EXPECT_CODE(tx.sessions().createToken(t), ErrorCode::AlreadyExists);
    t.token_hash = "th3";
    t.user_id = s.binh.id;
    EXPECT_OK(tx.sessions().createToken(t));
    t.user_id = 888888;
    t.token_hash = "th4";
    EXPECT_CODE(tx.sessions().createToken(t), ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto a, tx->sessions().getToken("th1"));
    EXPECT_EQ(a.id, t1);
    EXPECT_EQ(a.name, "Đồng bộ DHIS2");
    EXPECT_EQ(a.created_at.micros(), 100);
    EXPECT_EQ(a.expires_at, std::optional<Timestamp>(Timestamp::fromMicros(200)));
    EXPECT_FALSE(a.revoked);
    VALUE_OR_FAIL(auto b, tx->sessions().getToken("th2"));
    EXPECT_FALSE(b.expires_at.has_value());
    EXPECT_CODE(tx->sessions().getToken("nope"), ErrorCode::NotFound);
    VALUE_OR_FAIL(auto list, tx->sessions().tokensOf(s.an.id));
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].token_hash, "th1");
  }
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.sessions().revokeToken(t1));
    EXPECT_CODE(tx.sessions().revokeToken(123456), ErrorCode::NotFound);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto list, tx->sessions().tokensOf(s.an.id));
    ASSERT_EQ(list.size(), 2u);
    EXPECT_TRUE(list[0].revoked);
    EXPECT_FALSE(list[1].revoked);
  }
  write([&](ports::Tx& tx) { EXPECT_OK(tx.sessions().revokeAllTokensOf(s.an.id)); });
  auto tx = reader();
  VALUE_OR_FAIL(auto list, tx->sessions().tokensOf(s.an.id));
  for (const auto& t : list) EXPECT_TRUE(t.revoked);
  VALUE_OR_FAIL(auto other, tx->sessions().getToken("th3"));
  EXPECT_FALSE(other.revoked);
}

}  // namespace
}  // namespace baocao::contract
