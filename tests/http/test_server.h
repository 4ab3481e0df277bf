// Test support: the real server (Beast + Api + use cases) on 127.0.0.1 port 0 over a fresh
// SQLite file seeded with the demo city, and a small HTTP client with a cookie jar and CSRF.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "http/api.h"
#include "http/server.h"
#include "server/demo.h"
#include "server/runtime.h"

namespace baocao::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  nlohmann::json json() const {
    auto j = nlohmann::json::parse(body, nullptr, false);
    return j;
  }
  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
    return {};
  }
};

class TestServer {
 public:
  /// Cheap argon2 parameters: tests log in hundreds of times.
  static app::AppConfig testConfig() {
    app::AppConfig c;
    c.hash.ops = 1;
    c.hash.mem_bytes = 64 * 1024;
    return c;
  }

  explicit TestServer(bool seed_demo = true, const core::ports::Clock* clock = nullptr) {
    dir_ = std::filesystem::temp_directory_path() /
           ("baocao-http-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    db_url_ = "sqlite:" + (dir_ / "t.db").string();
    auto rt = server::Runtime::open(db_url_, testConfig(), 4, clock);
    if (!rt) throw std::runtime_error(rt.error().message);
    rt_ = std::move(rt).value();
    if (seed_demo) {
      auto s = server::seedDemo(*rt_, std::string(BAOCAO_REPO_ROOT) + "/data");
      if (!s) throw std::runtime_error("demo seed: " + s.error().message);
    }
    api_ = std::make_unique<http::Api>(
        http::Services{rt_->store(), rt_->auth(), rt_->orgs(), rt_->users(), rt_->audit(),
                       rt_->calendar(), rt_->indicators(), rt_->targets(), rt_->regimes(),
                       rt_->obligations(), rt_->reports(), rt_->consolidation(), rt_->notify()},
        http::ApiOptions{false, "", 12, rt_->schemaVersion()});
    http::ServerOptions so;
    so.address = "127.0.0.1";
    so.port = 0;
    so.threads = 4;
    so.body_limit = 1 << 20;  // 1 MiB so the oversize test stays small
    server_ = std::make_unique<http::HttpServer>(
        so, [this](http::Request& r) { return api_->handle(r); },
        [this](int st, const std::string& c, const std::string& d) { return api_->reject(st, c, d); });
    auto st = server_->start();
    if (!st) throw std::runtime_error(st.error().message);
  }
  ~TestServer() {
    server_->stop();
    server_.reset();
    api_.reset();
    rt_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  uint16_t port() const { return server_->port(); }
  server::Runtime& runtime() { return *rt_; }
  http::Api& api() { return *api_; }
  const std::string& dbUrl() const { return db_url_; }
  /// Creates a demo CA (scripts/demo-ca.sh) in the test directory and gives the server its
  /// agency key and trust store, as `serve --signing-dir DIR` does. Returns the directory.
  std::filesystem::path enableSigning() {
    auto ca = dir_ / "demo-ca";
    std::string cmd = std::string(BAOCAO_REPO_ROOT) + "/scripts/demo-ca.sh '" + ca.string() + "' >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("scripts/demo-ca.sh failed");
    auto s = app::loadSigningSetup(ca.string(), "", "baocao-demo");
    if (!s) throw std::runtime_error("signing setup: " + s.error().message);
    rt_->reports().setSigning(std::move(s).value());
    return ca;
  }
  std::filesystem::path dbPath() const { return dir_ / "t.db"; }

 private:
  std::filesystem::path dir_;
  std::string db_url_;
  std::unique_ptr<server::Runtime> rt_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::HttpServer> server_;
};

/// One user's browser: keeps the session cookie and sends the CSRF token on unsafe requests.
class Client {
 public:
  explicit Client(uint16_t port) : port_(port) {}

  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::string& content_type = "application/json",
                     std::vector<std::pair<std::string, std::string>> extra = {}) {
    namespace beast = boost::beast;
    namespace bhttp = beast::http;
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!cookie_.empty()) req.set(bhttp::field::cookie, "baocao_session=" + cookie_);
    if (!csrf_.empty() && method != "GET" && send_csrf) req.set("X-CSRF-Token", csrf_);
    if (!bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer);
    if (!body.empty() || method == "POST" || method == "PATCH") {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
      req.prepare_payload();
    }
    for (auto& [k, v] : extra) req.set(k, v);
    bhttp::write(stream, req);
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64u << 20);
    bhttp::read(stream, buf, parser);
    auto& res = parser.get();
    HttpResult out;
    out.status = res.result_int();
    out.body = res.body();
    out.content_type = std::string(res[bhttp::field::content_type]);
    for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    for (const auto& f : res) {
      if (f.name() != bhttp::field::set_cookie) continue;
      std::string v(f.value());
      const std::string key = "baocao_session=";
      if (v.rfind(key, 0) == 0) cookie_ = v.substr(key.size(), v.find(';') - key.size());
    }
    beast::error_code ec;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    return out;
  }
  HttpResult get(const std::string& t) { return request("GET", t); }
  HttpResult post(const std::string& t, const nlohmann::json& j) { return request("POST", t, j.dump()); }
  HttpResult patch(const std::string& t, const nlohmann::json& j) { return request("PATCH", t, j.dump()); }
  HttpResult del(const std::string& t) { return request("DELETE", t); }

  HttpResult login(const std::string& user, const std::string& pw = server::kDemoPassword) {
    auto r = post("/api/v1/auth/login", {{"username", user}, {"password", pw}});
    if (r.status == 200) csrf_ = r.json().value("csrf_token", "");
    return r;
  }
  void forgetCsrf() { csrf_.clear(); }
  bool send_csrf = true;
  std::string bearer;
  std::string cookie_;
  std::string csrf_;

 private:
  uint16_t port_;
};

/// The id of the unit with this code (via the API as the system administrator).
inline int64_t unitId(TestServer& s, const std::string& code) {
  auto tx = s.runtime().store().begin(core::ports::TxMode::Read);
  auto u = tx.value()->orgs().getByCode(code);
  if (!u) throw std::runtime_error("no unit " + code);
  return u->id;
}

}  // namespace baocao::testing
