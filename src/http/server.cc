#include "http/server.h"

// Boost 1.74 + C++20 + g++ 12: <utility> must precede Asio (cpp-stack.md §1.3.3).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

namespace baocao::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerOptions& opts, const Handler& handler,
          const RejectFn& reject)
      : stream_(std::move(socket)), opts_(opts), handler_(handler), reject_(reject) {
    // An empty flat_buffer reads in 512-byte chunks forever (cpp-stack.md §1.3.4).
    buffer_.reserve(64 * 1024);
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = ep.address().to_string();
  }

  void start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::readRequest, shared_from_this()));
  }

 private:
  void readRequest() {
    parser_.emplace();
    parser_->body_limit(opts_.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(opts_.header_limit));
    stream_.expires_after(std::chrono::seconds(opts_.idle_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::onRead, shared_from_this()));
  }

  void onRead(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec) {
      // Refuse with a clear answer, then close: the stream state is unknown.
      int status = 400;
      std::string code = "E1001_INVALID_JSON", detail;
      if (ec == bhttp::error::body_limit) {
        status = 413;
        code = "E1005_BODY_TOO_LARGE";
        detail = "Nội dung yêu cầu vượt quá " + std::to_string(opts_.body_limit >> 20) + " MiB";
      } else if (ec == bhttp::error::header_limit) {
        status = 431;
        code = "E1002_INVALID_FIELD";
        detail = "Phần đầu (header) của yêu cầu quá lớn";
      } else {
        detail = "Yêu cầu HTTP không hợp lệ: " + ec.message();
      }
      Response r = reject_(status, code, detail);
      linger_ = true;
      return send(std::move(r), /*keep_alive=*/false, 11);
    }
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    size_t qpos = req.target.find('?');
    std::string raw_path = req.target.substr(0, qpos);
    if (!percentDecode(raw_path, req.path, false)) req.path = raw_path;
    if (qpos != std::string::npos) req.query = parseQuery(std::string_view(req.target).substr(qpos + 1));
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = std::string(f.value());
    }
    req.body = std::move(msg.body());
    req.remote_ip = remote_ip_;
    bool keep = msg.keep_alive();
    unsigned version = msg.version();
    Response r = handler_(req);
    send(std::move(r), keep, version);
  }

  void send(Response r, bool keep_alive, unsigned version) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), version);
    res->set(bhttp::field::server, "baocao");
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->insert(k, v);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    res_ = res;
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t) {
                         self->res_.reset();
                         if (ec || !keep_alive) return self->close();
                         self->readRequest();
                       });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (linger_) drain();
  }

  // Lingering close after refusing a request: keep reading (and discarding) what the client
  // is still sending for a few seconds, so that closing does not reset the connection before
  // the client has read our 413/400 answer.
  void drain() {
    stream_.expires_after(std::chrono::seconds(5));
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->drain();
                            });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> res_;
  const ServerOptions& opts_;
  const Handler& handler_;
  const RejectFn& reject_;
  std::string remote_ip_;
  bool linger_ = false;
  std::array<char, 16384> scratch_{};
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions opts;
  Handler handler;
  RejectFn reject;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  std::mutex mu;
  std::mutex stop_mu;
  std::condition_variable cv;
  bool stopped = false;

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted) return;
        spdlog::warn("accept failed: {}", ec.message());
      } else {
        std::make_shared<Session>(std::move(s), opts, handler, reject)->start();
      }
      if (acceptor.is_open()) accept();
    });
  }
};

HttpServer::HttpServer(ServerOptions opts, Handler handler, RejectFn reject)
    : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(opts);
  impl_->handler = std::move(handler);
  impl_->reject = std::move(reject);
}

HttpServer::~HttpServer() {
  stop();
}

core::Status HttpServer::start() {
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->opts.address, ec);
  if (ec)
    return core::makeError(core::ErrorCode::InvalidField,
                           "Địa chỉ lắng nghe không hợp lệ: " + impl_->opts.address);
  tcp::endpoint ep{addr, impl_->opts.port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return core::makeError(core::ErrorCode::Internal, "Không mở được cổng " +
                                                          std::to_string(impl_->opts.port) + ": " +
                                                          ec.message());
  impl_->accept();
  int n = std::max(1, impl_->opts.threads);
  for (int i = 0; i < n; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  return core::ok();
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpServer::wait() {
  std::unique_lock lock(impl_->mu);
  impl_->cv.wait(lock, [this] { return impl_->stopped; });
}

void HttpServer::stop() {
  // One stopper at a time: a second caller (signal thread and main thread) waits for the
  // first to finish joining the I/O threads instead of joining them twice.
  std::lock_guard stop_lock(impl_->stop_mu);
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopped && impl_->threads.empty()) return;
    impl_->stopped = true;
  }
  impl_->cv.notify_all();
  beast::error_code ec;
  asio::post(impl_->ioc, [this] {
    beast::error_code e;
    impl_->acceptor.close(e);
  });
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  impl_->threads.clear();
}

}  // namespace baocao::http
