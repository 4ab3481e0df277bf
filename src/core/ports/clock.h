// Clock port: the only way the domain and use cases learn the current time.
// Production uses SystemClock (server/); tests use FakeClock. Implementations are thread-safe.
#pragma once

#include "core/common/date.h"

namespace baocao::core::ports {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

}  // namespace baocao::core::ports
