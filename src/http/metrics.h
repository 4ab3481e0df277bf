// Prometheus metrics: request counts by method/route/status, a latency histogram, error
// counts, and the database pool gauges (read from the store at scrape time).
// Thread-safety: observe() and render() may be called concurrently.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace baocao::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  /// Text exposition format 0.0.4. `extra` appends gauges such as the DB pool.
  std::string render(const std::function<std::string()>& extra) const;

 private:
  struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Series> latency_;  // by route
  uint64_t errors_ = 0;
};

}  // namespace baocao::http
