// The HTTP/1.1 server: Boost.Beast over Asio (cpp-stack.md §1: the fastest and tightest tail
// of Debian's options on this 2-core machine). It only moves bytes: it parses a request with
// size limits, hands a Request to the handler, and writes the Response, keeping connections
// alive. Thread-safety: start()/stop() from one thread; the handler is called concurrently
// from the I/O threads and must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/common/result.h"
#include "http/message.h"

namespace baocao::http {

struct ServerOptions {
  std::string address = "0.0.0.0";  // listen address; 127.0.0.1 for tests
  uint16_t port = 8080;              // 0 = pick a free port (tests)
  int threads = 8;                   // I/O + handler threads; handlers may block on the DB
  size_t body_limit = 20u << 20;     // 20 MiB: largest accepted request body (imports)
  size_t header_limit = 16u << 10;   // 16 KiB of headers
  int idle_timeout_seconds = 60;     // close keep-alive connections idle this long
};

using Handler = std::function<Response(Request&)>;
/// Called when a request is refused before reaching the handler (oversize, malformed).
using RejectFn = std::function<Response(int status, const std::string& code, const std::string& detail)>;

class HttpServer {
 public:
  HttpServer(ServerOptions opts, Handler handler, RejectFn reject);
  ~HttpServer();
  /// Binds and starts the I/O threads. Error when the address/port cannot be bound.
  core::Status start();
  /// The bound port (useful with port 0).
  uint16_t port() const;
  /// Blocks until stop() is called (from a signal handler thread or another thread).
  void wait();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baocao::http
