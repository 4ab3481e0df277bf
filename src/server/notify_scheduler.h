// Runs the reminders of the day and the e-mail digests (app::NotifyService::runDaily) once per
// Vietnam day, at or after `digest_hour` o'clock Vietnam time (so the digest arrives in the
// morning, not at midnight), and retries undelivered digests at every wake-up. The day and
// hour come from the Clock, so a fake clock moved forward in tests triggers it like a real
// morning. Sibling of ObligationScheduler (which creates the obligations the reminders are
// about); failures are logged and retried at the next wake-up.
// Thread-safety: start() and stop() from the owning thread; runIfDue() from any.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "app/notify_service.h"
#include "core/ports/clock.h"

namespace baocao::server {

class NotifyScheduler {
 public:
  NotifyScheduler(app::NotifyService& service, const core::ports::Clock& clock, int digest_hour = 7,
                  std::chrono::milliseconds poll = std::chrono::minutes(10))
      : service_(service), clock_(clock), digest_hour_(digest_hour), poll_(poll) {}
  ~NotifyScheduler() { stop(); }
  NotifyScheduler(const NotifyScheduler&) = delete;
  NotifyScheduler& operator=(const NotifyScheduler&) = delete;

  void start();
  void stop();
  /// Runs today's reminders and digests when due and not yet done today; otherwise only
  /// retries deliveries. True when the daily run happened now.
  bool runIfDue();

 private:
  app::NotifyService& service_;
  const core::ports::Clock& clock_;
  int digest_hour_;
  std::chrono::milliseconds poll_;
  std::mutex run_mu_;  // one run at a time; guards last_run_
  std::optional<core::Date> last_run_;
  std::mutex wait_mu_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

}  // namespace baocao::server
