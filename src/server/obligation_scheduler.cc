#include "server/obligation_scheduler.h"

#include <spdlog/spdlog.h>

namespace baocao::server {

std::optional<core::Date> ObligationScheduler::lastRun() {
  std::lock_guard<std::mutex> lock(run_mu_);
  return last_run_;
}

bool ObligationScheduler::runIfNewDay() {
  std::lock_guard<std::mutex> lock(run_mu_);
  core::Date today = clock_.now().vietnamDate();
  if (last_run_ && *last_run_ == today) return false;
  auto r = service_.generateDue(nullptr, today);
  if (!r) {
    spdlog::warn("obligations {}: {}", today.iso(), r.error().message);
    return false;
  }
  last_run_ = today;
  spdlog::info("obligations {}: {} regimes, {} created, {} existing", today.iso(), r->regimes,
               r->created, r->existing);
  for (const auto& p : r->problems) spdlog::warn("obligations: {}", p);
  return true;
}

void ObligationScheduler::start() {
  runIfNewDay();
  thread_ = std::thread([this] { loop(); });
}

void ObligationScheduler::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, poll_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    runIfNewDay();
    lock.lock();
  }
}

void ObligationScheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace baocao::server
