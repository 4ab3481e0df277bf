#include "server/notify_scheduler.h"

#include <spdlog/spdlog.h>

namespace baocao::server {

bool NotifyScheduler::runIfDue() {
  std::lock_guard<std::mutex> lock(run_mu_);
  core::Timestamp now = clock_.now();
  core::Date today = now.vietnamDate();
  int hour = static_cast<int>((now.seconds() + 7 * 3600) % 86400 / 3600);
  if ((last_run_ && *last_run_ == today) || hour < digest_hour_) {
    auto d = service_.deliver();  // retries of earlier failures
    if (!d) spdlog::warn("notify: delivery: {}", d.error().message);
    return false;
  }
  auto r = service_.runDaily(nullptr, today);
  if (!r) {
    spdlog::warn("notify {}: {}", today.iso(), r.error().message);
    return false;
  }
  last_run_ = today;
  spdlog::info("notify {}: {} obligations, {} reminders, {} digests, {} sent, {} failed",
               today.iso(), r->obligations, r->reminders, r->digests, r->sent, r->failed);
  return true;
}

void NotifyScheduler::start() {
  thread_ = std::jthread([this](std::stop_token stop) {
    while (!stop.stop_requested()) {
      runIfDue();
      std::unique_lock<std::mutex> lock(wait_mu_);
      wake_.wait_for(lock, stop, poll_, [] { return false; });
    }
  });
}

void NotifyScheduler::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

}  // namespace baocao::server
