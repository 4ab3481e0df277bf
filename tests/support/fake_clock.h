// A settable clock for tests (cf. Envoy SimulatedTimeSystem): time moves only when told.
#pragma once

#include <atomic>

#include "core/ports/clock.h"

namespace baocao::testing {

class FakeClock : public core::ports::Clock {
 public:
  explicit FakeClock(core::Timestamp start = core::Timestamp::fromSeconds(1'790'000'000))
      : us_(start.micros()) {}
  core::Timestamp now() const override { return core::Timestamp::fromMicros(us_.load()); }
  void advanceSeconds(int64_t s) { us_ += s * 1000000; }

 private:
  std::atomic<int64_t> us_;
};

}  // namespace baocao::testing
