#include "http/metrics.h"

#include <cstdio>
#include <sstream>

namespace baocao::http {

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  auto& s = latency_[route];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  if (status >= 500) ++errors_;
}

namespace {
std::string esc(const std::string& v) {
  std::string o;
  for (char c : v) {
    if (c == '\\' || c == '"') o.push_back('\\');
    if (c == '\n') {
      o += "\\n";
      continue;
    }
    o.push_back(c);
  }
  return o;
}
}  // namespace

std::string Metrics::render(const std::function<std::string()>& extra) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP baocao_http_requests_total HTTP requests by method, route and status.\n"
         "# TYPE baocao_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    out << "baocao_http_requests_total{method=\"" << esc(std::get<0>(k)) << "\",route=\""
        << esc(std::get<1>(k)) << "\",status=\"" << std::get<2>(k) << "\"} " << n << "\n";
  out << "# HELP baocao_http_request_duration_seconds Time to answer a request.\n"
         "# TYPE baocao_http_request_duration_seconds histogram\n";
  for (const auto& [route, s] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      char le[32];
      std::snprintf(le, sizeof le, "%g", kBuckets[i]);
      out << "baocao_http_request_duration_seconds_bucket{route=\"" << esc(route) << "\",le=\"" << le
          << "\"} " << s.buckets[i] << "\n";
    }
    out << "baocao_http_request_duration_seconds_bucket{route=\"" << esc(route) << "\",le=\"+Inf\"} "
        << s.count << "\n";
    out << "baocao_http_request_duration_seconds_sum{route=\"" << esc(route) << "\"} " << s.sum << "\n";
    out << "baocao_http_request_duration_seconds_count{route=\"" << esc(route) << "\"} " << s.count
        << "\n";
  }
  out << "# HELP baocao_http_errors_total Requests answered with a 5xx status.\n"
         "# TYPE baocao_http_errors_total counter\n"
      << "baocao_http_errors_total " << errors_ << "\n";
  if (extra) out << extra();
  return out.str();
}

}  // namespace baocao::http
