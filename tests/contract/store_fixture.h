// Fixture of the storage contract suite: every test gets a fresh, empty, migrated store of the
// kind named by the test parameter ("memory", "sqlite", "postgresql").
// sqlite: a new temp file; postgresql: a new database `t_<random>` created through
// BAOCAO_TEST_PG_URL (scripts/with-postgres.sh sets it) and dropped afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "core/ports/store.h"
#include "storage/memory/memory_store.h"
#include "storage/sql/sql_store.h"

namespace baocao::contract {

namespace core = baocao::core;
namespace ports = baocao::core::ports;
namespace org = baocao::core::org;
namespace security = baocao::core::security;
namespace audit = baocao::core::audit;

inline std::string randomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ static_cast<uint64_t>(getpid()));
  static const char* kHex = "0123456789abcdef";
  std::string s;
  uint64_t v = gen();
  for (int i = 0; i < 12; ++i, v >>= 4) s.push_back(kHex[v & 15]);
  return s;
}

/// postgresql://user@host:port/postgres?x -> postgresql://user@host:port/<db>?x
inline std::string withDatabase(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = url.find('?');
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  return base + "/" + db + tail;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    kind_ = GetParam();
    if (kind_ == "memory") {
      store_ = storage::memory::makeMemoryStore();
    } else if (kind_ == "sqlite") {
      const char* tmp = std::getenv("TMPDIR");
      path_ = std::string(tmp ? tmp : "/tmp") + "/baocao_contract_" + randomSuffix() + ".db";
      url_ = "sqlite:" + path_;
      store_ = open(url_);
    } else {
      const char* admin = std::getenv("BAOCAO_TEST_PG_URL");
      if (!admin || !*admin) {
        GTEST_SKIP() << "BAOCAO_TEST_PG_URL is not set; run through scripts/with-postgres.sh";
      }
      admin_url_ = admin;
      db_ = "t_" + randomSuffix();
      auto created = storage::sql::executeSql(admin_url_, "CREATE DATABASE " + db_);
      ASSERT_TRUE(created.has_value()) << created.error().message;
      url_ = withDatabase(admin_url_, db_);
      store_ = open(url_);
    }
    ASSERT_NE(store_, nullptr);
    auto v = store_->migrate();
    ASSERT_TRUE(v.has_value()) << v.error().message;
  }

  void TearDown() override {
    store_.reset();
    if (!path_.empty()) {
      for (const char* ext : {"", "-wal", "-shm"}) std::remove((path_ + ext).c_str());
      for (const auto& p : extra_files_) std::remove(p.c_str());
    }
    if (!db_.empty()) {
      (void)storage::sql::executeSql(admin_url_, "DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
    }
    for (const auto& p : extra_files_) std::remove(p.c_str());
  }

  static std::unique_ptr<ports::Store> open(const std::string& url) {
    auto s = storage::sql::openSqlStore(url, 4);
    EXPECT_TRUE(s.has_value()) << s.error().message;
    return s.has_value() ? std::move(s).value() : nullptr;
  }

  bool isSql() const { return kind_ != "memory"; }

  std::unique_ptr<ports::Tx> begin(ports::TxMode mode = ports::TxMode::Write) {
    auto tx = store_->begin(mode);
    EXPECT_TRUE(tx.has_value()) << tx.error().message;
    return tx.has_value() ? std::move(tx).value() : nullptr;
  }
  std::unique_ptr<ports::Tx> reader() { return begin(ports::TxMode::Read); }

  /// Runs `f` in a write Tx and commits.
  void write(const std::function<void(ports::Tx&)>& f) {
    auto tx = begin();
    ASSERT_NE(tx, nullptr);
    f(*tx);
    auto c = tx->commit();
    ASSERT_TRUE(c.has_value()) << c.error().message;
  }

  std::string tempFile(const std::string& ext) {
    const char* tmp = std::getenv("TMPDIR");
    std::string p = std::string(tmp ? tmp : "/tmp") + "/baocao_contract_" + randomSuffix() + ext;
    extra_files_.push_back(p);
    return p;
  }

  std::string kind_;
  std::string path_, url_, admin_url_, db_;
  std::vector<std::string> extra_files_;
  std::unique_ptr<ports::Store> store_;
};

inline org::OrgUnit unit(const std::string& code, const std::string& name,
                         org::OrgType type = org::OrgType::CommuneCommittee,
                         std::optional<int64_t> parent = std::nullopt) {
  org::OrgUnit u;
  u.code = code;
  u.name = name;
  u.type = type;
  u.parent_id = parent;
  return u;
}

inline core::Date day(int y, unsigned m, unsigned d) { return core::Date::fromYmd(y, m, d); }

/// Unwraps a Result in a test, failing with the error's code and message.
#define VALUE_OR_FAIL(decl, expr)                                                          \
  auto BAOCAO_CONCAT(r_, __LINE__) = (expr);                                               \
  ASSERT_TRUE(BAOCAO_CONCAT(r_, __LINE__).has_value())                                     \
      << core::codeId(BAOCAO_CONCAT(r_, __LINE__).error().code) << ": "                    \
      << BAOCAO_CONCAT(r_, __LINE__).error().message;                                      \
  decl = std::move(BAOCAO_CONCAT(r_, __LINE__)).value()

#define EXPECT_OK(expr)                                                                   \
  do {                                                                                    \
    auto r_ok_ = (expr);                                                                  \
    EXPECT_TRUE(r_ok_.has_value()) << core::codeId(r_ok_.error().code) << ": "            \
                                   << r_ok_.error().message;                              \
  } while (0)

#define EXPECT_CODE(expr, expected_code)                                                  \
  do {                                                                                    \
    auto r_code_ = (expr);                                                                \
    ASSERT_FALSE(r_code_.has_value()) << "expected " << core::codeId(expected_code);      \
    EXPECT_EQ(r_code_.error().code, expected_code)                                        \
        << core::codeId(r_code_.error().code) << ": " << r_code_.error().message;         \
  } while (0)

}  // namespace baocao::contract
