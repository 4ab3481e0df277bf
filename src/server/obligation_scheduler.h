// Creates the obligations due (app::ObligationService::generateDue) at server start and once a
// day afterwards, from one background thread. The day is read through the Clock (the Vietnam
// date of now()); the thread wakes every `poll` and runs when the date moved since its last
// run, so a clock set forward in tests, or a server running past midnight, both trigger it.
// Failures are logged and retried at the next wake-up. stop() (or the destructor) sets the
// stop flag, wakes the thread and joins it.
// Thread-safety: start() and stop() from the owning thread; runIfNewDay() and lastRun() from any.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "app/obligation_service.h"
#include "core/ports/clock.h"

namespace baocao::server {

class ObligationScheduler {
 public:
  ObligationScheduler(app::ObligationService& service, const core::ports::Clock& clock,
                      std::chrono::milliseconds poll = std::chrono::minutes(10))
      : service_(service), clock_(clock), poll_(poll) {}
  ~ObligationScheduler() { stop(); }
  ObligationScheduler(const ObligationScheduler&) = delete;
  ObligationScheduler& operator=(const ObligationScheduler&) = delete;

  /// Runs once now (synchronously, so the first page already lists today's obligations), then
  /// starts the daily thread.
  void start();
  void stop();
  /// Runs generateDue for today if it has not run today. True when it ran successfully.
  bool runIfNewDay();
  /// The day of the last successful run.
  std::optional<core::Date> lastRun();

 private:
  void loop();
  app::ObligationService& service_;
  const core::ports::Clock& clock_;
  std::chrono::milliseconds poll_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::mutex run_mu_;  // one run at a time; guards last_run_
  std::optional<core::Date> last_run_;
  std::thread thread_;
};

}  // namespace baocao::server
