#include "server/runtime.h"

#include <chrono>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "storage/memory/memory_store.h"
#include "storage/sql/sql_store.h"

namespace baocao::server {

core::Timestamp SystemClock::now() const {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  return core::Timestamp::fromMicros(us);
}

core::Result<std::unique_ptr<core::ports::Store>> openStore(const std::string& url, int pool_size) {
  if (url == "memory:" || url == "memory") return storage::memory::makeMemoryStore();
  if (url.rfind("sqlite:", 0) == 0) {
    std::filesystem::path p(url.substr(7));
    if (p.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(p.parent_path(), ec);
    }
    return storage::sql::openSqlStore(url, pool_size);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return storage::sql::openSqlStore(url, pool_size);
  return core::makeError(core::ErrorCode::InvalidField,
                         "Tham số '--db': cần 'sqlite:ĐƯỜNG_DẪN' hoặc 'postgresql://…', nhận '" + url + "'",
                         {{"db", "không hợp lệ"}});
}

Runtime::Runtime(std::unique_ptr<core::ports::Store> store, app::AppConfig config,
                 const core::ports::Clock* clock)
    : store_(std::move(store)),
      index_(*store_),
      ctx_{*store_, clock ? *clock : system_clock_, index_, config},
      audit_(ctx_),
      auth_(ctx_, audit_),
      orgs_(ctx_, audit_),
      users_(ctx_, audit_, auth_),
      calendar_(ctx_, audit_),
      indicators_(ctx_, audit_),
      targets_(ctx_, audit_),
      regimes_(ctx_, audit_),
      obligations_(ctx_, audit_, calendar_),
      reports_(ctx_, audit_),
      consolidation_(ctx_, reports_),
      notify_(ctx_, audit_, calendar_, obligations_) {
  // a return or an acceptance is notified at once (the daily job would find it the next day)
  reports_.setTransitionObserver([this](const std::string& key, core::workflow::State from,
                                        core::workflow::State to, const app::Actor& actor) {
    auto st = notify_.onReportTransition(key, from, to, &actor);
    if (!st) spdlog::warn("thông báo sau thao tác trên báo cáo {}: {}", key, st.error().message);
  });
}

core::Result<std::unique_ptr<Runtime>> Runtime::open(const std::string& url, app::AppConfig config,
                                                     int pool_size, const core::ports::Clock* clock) {
  BAOCAO_ASSIGN(auto store, openStore(url, pool_size));
  BAOCAO_ASSIGN(int version, store->migrate());
  auto rt = std::make_unique<Runtime>(std::move(store), config, clock);
  rt->schema_version_ = version;
  return rt;
}

}  // namespace baocao::server
