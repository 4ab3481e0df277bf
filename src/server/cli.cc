#include "server/cli.h"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <thread>

#include "app/crypto.h"
#include "exchange/org_io.h"
#include "http/api.h"
#include "http/server.h"
#include "server/calendar_cli.h"
#include "server/demo.h"
#include "server/notify_scheduler.h"
#include "server/obligation_scheduler.h"
#include "server/runtime.h"

namespace baocao::server {

namespace fs = std::filesystem;
namespace sec = core::security;

namespace {

/// Everything `serve` can be told. Each field: command-line flag, environment variable,
/// config-file key (same name as the flag), and a default.
struct ServerConfig {
  std::string db = "sqlite:data/baocao.db";  // BAOCAO_DB: sqlite:PATH or postgresql://...
  std::string address = "0.0.0.0";          // BAOCAO_ADDRESS: listen address
  int port = 8080;                           // BAOCAO_PORT: 0 picks a free port
  // BAOCAO_THREADS: HTTP worker threads. Handlers block on the database, so a few per core;
  // more only lengthens the tail (bench/README.md: p99 14 ms with 3-4 vs 24 ms with 8 on 2 cores).
  int threads = std::max(2, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  int pool = 8;                              // BAOCAO_DB_POOL: database connections
  std::string web = "web/dist";              // BAOCAO_WEB: built web UI
  std::string data_dir = "data";             // BAOCAO_DATA_DIR: demo and reference data
  bool demo = false;                         // BAOCAO_DEMO: seed demo data into an empty DB
  bool demo_reports = true;                  // BAOCAO_DEMO_REPORTS: with reports in every state
  bool cookie_secure = false;                // BAOCAO_COOKIE_SECURE: behind HTTPS
  size_t body_limit_mb = 20;                 // BAOCAO_BODY_LIMIT_MB
  std::string signing_dir;                   // BAOCAO_SIGNING_DIR: holds agency.p12 (and trust.pem)
  std::string trust_store;                   // BAOCAO_TRUST_STORE: CA certificates (PEM) receivers trust
  std::string signing_password;              // BAOCAO_SIGNING_PASSWORD: password of agency.p12
  // E-mail reminders (app/notify_service.h). No SMTP URL = reminders in the app only.
  std::string smtp_url;                      // BAOCAO_SMTP_URL: smtp://host:587 or smtps://host:465
  std::string smtp_from = "baocao@localhost";  // BAOCAO_SMTP_FROM: sender address of digests
  std::string smtp_user;                     // BAOCAO_SMTP_USER: login (STARTTLS required then)
  std::string smtp_password;                 // BAOCAO_SMTP_PASSWORD
  std::string site_url;                      // BAOCAO_SITE_URL: link printed in the e-mails
  int digest_hour = 7;                       // BAOCAO_DIGEST_HOUR: daily digest at this hour (VN)
};

int fail(const core::Error& e) {
  std::fprintf(stderr, "lỗi [%s]: %s\n", std::string(core::codeId(e.code)).c_str(), e.message.c_str());
  for (const auto& d : e.details) std::fprintf(stderr, "  - %s: %s\n", d.field.c_str(), d.message.c_str());
  return 2;
}

std::string locateDataDir(const std::string& wanted, const char* argv0) {
  if (fs::exists(fs::path(wanted) / "orgs")) return wanted;
  // next to the binary: build/baocao -> ../data
  std::error_code ec;
  auto exe = fs::canonical("/proc/self/exe", ec);
  if (!ec && fs::exists(exe.parent_path().parent_path() / "data" / "orgs"))
    return (exe.parent_path().parent_path() / "data").string();
  return wanted;
}

std::string locateWeb(const std::string& wanted) {
  if (fs::exists(fs::path(wanted) / "index.html")) return wanted;
  std::error_code ec;
  auto exe = fs::canonical("/proc/self/exe", ec);
  if (!ec && fs::exists(exe.parent_path().parent_path() / "web" / "dist" / "index.html"))
    return (exe.parent_path().parent_path() / "web" / "dist").string();
  return wanted;
}

int serve(const ServerConfig& cfg, const char* argv0) {
  // Block the stop signals in every thread; one thread waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  auto rt = Runtime::open(cfg.db, app::AppConfig{}, cfg.pool);
  if (!rt) return fail(rt.error());
  Runtime& runtime = *rt.value();
  std::vector<DemoAccount> demo;
  if (cfg.demo) {
    // with reports in every state, signed with the agency key (server/demo_reports.h)
    DemoOptions opts{cfg.demo_reports, cfg.signing_dir, cfg.signing_password.empty() ? "baocao-demo" : cfg.signing_password};
    auto seeded = seedDemo(runtime, locateDataDir(cfg.data_dir, argv0), opts);
    if (!seeded) return fail(seeded.error());
    demo = std::move(seeded).value();
  }
  if (!cfg.signing_dir.empty() || !cfg.trust_store.empty()) {
    // the agency key and the trust store of digital signatures (issue 5 point 6)
    auto signing = app::loadSigningSetup(cfg.signing_dir, cfg.trust_store, cfg.signing_password);
    if (!signing) return fail(signing.error());
    runtime.reports().setSigning(std::move(signing).value());
  }
  // e-mail reminders: one digest per user and day (app/notify_service.h)
  if (!cfg.smtp_url.empty()) {
    if (!core::notify::plausibleAddress(cfg.smtp_from))
      return fail(core::makeError(core::ErrorCode::InvalidField,
                                  "Tham số '--smtp-from': cần địa chỉ thư điện tử, nhận '" +
                                      cfg.smtp_from + "'",
                                  {{"smtp-from", "không hợp lệ"}}));
    app::NotifyConfig nc;
    nc.from.address = cfg.smtp_from;
    nc.site_url = cfg.site_url;
    runtime.notify().setMailer(std::make_shared<app::CurlMailer>(app::SmtpOptions{
                                   cfg.smtp_url, cfg.smtp_user, cfg.smtp_password}),
                               nc);
  }
  http::Api api(http::Services{runtime.store(), runtime.auth(), runtime.orgs(), runtime.users(),
                               runtime.audit(), runtime.calendar(), runtime.indicators(),
                               runtime.targets(), runtime.regimes(), runtime.obligations(),
                               runtime.reports(), runtime.consolidation(),
                               runtime.notify()},
                http::ApiOptions{cfg.cookie_secure, locateWeb(cfg.web), 12, runtime.schemaVersion()});
  http::ServerOptions so;
  so.address = cfg.address;
  so.port = static_cast<uint16_t>(cfg.port);
  so.threads = cfg.threads;
  so.body_limit = cfg.body_limit_mb << 20;
  http::HttpServer server(
      so, [&api](http::Request& r) { return api.handle(r); },
      [&api](int st, const std::string& code, const std::string& d) { return api.reject(st, code, d); });
  if (auto st = server.start(); !st) return fail(st.error());
  // obligations due today, then once a day (joined before the runtime goes away)
  ObligationScheduler scheduler(runtime.obligations(), runtime.context().clock);
  scheduler.start();
  // reminders of the day and the digests (after the obligations above)
  NotifyScheduler notify_scheduler(runtime.notify(), runtime.context().clock, cfg.digest_hour);
  notify_scheduler.start();

  std::string host = cfg.address == "0.0.0.0" ? "127.0.0.1" : cfg.address;
  std::printf("baocao %s — cơ sở dữ liệu: %s (schema %d)\n", BAOCAO_VERSION,
              runtime.store().kind().c_str(), runtime.schemaVersion());
  if (!demo.empty()) {
    std::printf("\nTài khoản dùng thử (mật khẩu chung: %s):\n", kDemoPassword);
    // Columns padded by characters, not bytes: Vietnamese letters take 2–3 bytes in UTF-8.
    auto pad = [](const std::string& s, size_t width) {
      size_t chars = 0;
      for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
      return s + std::string(chars < width ? width - chars : 1, ' ');
    };
    for (const auto& d : demo)
      std::printf("  %s%s%s%s\n", pad(d.username, 11).c_str(), pad(d.full_name, 20).c_str(),
                  pad(d.role_label, 36).c_str(), d.unit_name.c_str());
    std::printf("  (nguoimoi phải đổi mật khẩu ở lần đăng nhập đầu)\n\n");
  } else if (cfg.demo) {
    std::printf("Cơ sở dữ liệu đã có dữ liệu; tài khoản dùng thử (nếu còn) có mật khẩu %s\n",
                kDemoPassword);
  }
  std::printf("listening on http://%s:%u\n", host.c_str(), server.port());
  std::fflush(stdout);

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&set, &sig);
    spdlog::info("signal {}: stopping", sig);
    server.stop();
  });
  server.wait();
  // wake the waiter if we stopped for another reason (it then finds the server stopped)
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  server.stop();
  notify_scheduler.stop();
  scheduler.stop();
  return 0;
}

}  // namespace

int runCli(int argc, char** argv) {
  CLI::App cli{"baocao — hệ thống báo cáo định kỳ và chỉ tiêu kinh tế - xã hội"};
  cli.require_subcommand(1);
  // `baocao serve --config FILE` works too: unknown options of a subcommand fall through here.
  cli.fallthrough();
  cli.set_config("--config", "",
                 "Tệp cấu hình TOML/INI; khóa của lệnh serve nằm trong mục [serve], ví dụ port = 8080")
      ->envname("BAOCAO_CONFIG");
  // A key the file does not understand (a typo, or `port` outside the [serve] section) is an
  // error, not silently ignored.
  cli.allow_config_extras(false);
  ServerConfig cfg;
  auto addDb = [&cfg](CLI::App* sub) {
    sub->add_option("--db", cfg.db, "sqlite:ĐƯỜNG_DẪN (mặc định) hoặc postgresql://…")
        ->envname("BAOCAO_DB")
        ->capture_default_str();
  };

  auto* serve_cmd = cli.add_subcommand("serve", "Chạy máy chủ web và API");
  addDb(serve_cmd);
  serve_cmd->add_option("--port", cfg.port, "Cổng HTTP (0 = tự chọn)")
      ->envname("BAOCAO_PORT")->check(CLI::Range(0, 65535))->capture_default_str();
  serve_cmd->add_option("--address", cfg.address, "Địa chỉ lắng nghe")->envname("BAOCAO_ADDRESS")->capture_default_str();
  serve_cmd->add_option("--threads", cfg.threads, "Số luồng xử lý HTTP")
      ->envname("BAOCAO_THREADS")->check(CLI::Range(1, 256))->capture_default_str();
  serve_cmd->add_option("--db-pool", cfg.pool, "Số kết nối cơ sở dữ liệu")
      ->envname("BAOCAO_DB_POOL")->check(CLI::Range(1, 256))->capture_default_str();
  serve_cmd->add_option("--web", cfg.web, "Thư mục giao diện web đã build")->envname("BAOCAO_WEB")->capture_default_str();
  serve_cmd->add_option("--data-dir", cfg.data_dir, "Thư mục dữ liệu tham chiếu")->envname("BAOCAO_DATA_DIR")->capture_default_str();
  serve_cmd->add_flag("--demo", cfg.demo, "Nạp dữ liệu dùng thử khi cơ sở dữ liệu trống")->envname("BAOCAO_DEMO");
  serve_cmd->add_option("--demo-reports", cfg.demo_reports,
                        "Dữ liệu dùng thử có cả báo cáo ở mọi trạng thái (true/false)")
      ->envname("BAOCAO_DEMO_REPORTS")->capture_default_str()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a later value wins
  serve_cmd->add_flag("--cookie-secure", cfg.cookie_secure, "Cookie chỉ gửi qua HTTPS")->envname("BAOCAO_COOKIE_SECURE");
  serve_cmd->add_option("--body-limit-mb", cfg.body_limit_mb, "Dung lượng tối đa của một yêu cầu (MiB)")
      ->envname("BAOCAO_BODY_LIMIT_MB")->check(CLI::Range(1, 1024))->capture_default_str();
  serve_cmd->add_option("--signing-dir", cfg.signing_dir,
                        "Thư mục khóa ký số của cơ quan (agency.p12; trust.pem nếu có)")
      ->envname("BAOCAO_SIGNING_DIR");
  serve_cmd->add_option("--trust-store", cfg.trust_store,
                        "Tệp PEM các chứng thư CA được tin cậy khi kiểm tra chữ ký số")
      ->envname("BAOCAO_TRUST_STORE");
  serve_cmd->add_option("--signing-password", cfg.signing_password, "Mật khẩu của agency.p12")
      ->envname("BAOCAO_SIGNING_PASSWORD");
  serve_cmd->add_option("--smtp-url", cfg.smtp_url, "Máy chủ thư gửi nhắc việc: smtp://máy:587 hoặc smtps://máy:465 (trống = chỉ nhắc trong ứng dụng)")
      ->envname("BAOCAO_SMTP_URL");
  serve_cmd->add_option("--smtp-from", cfg.smtp_from, "Địa chỉ người gửi thư nhắc việc")
      ->envname("BAOCAO_SMTP_FROM")->capture_default_str();
  serve_cmd->add_option("--smtp-user", cfg.smtp_user, "Tài khoản đăng nhập máy chủ thư")->envname("BAOCAO_SMTP_USER");
  serve_cmd->add_option("--smtp-password", cfg.smtp_password, "Mật khẩu máy chủ thư")->envname("BAOCAO_SMTP_PASSWORD");
  serve_cmd->add_option("--site-url", cfg.site_url, "Địa chỉ trang web ghi trong thư nhắc việc")->envname("BAOCAO_SITE_URL");
  serve_cmd->add_option("--digest-hour", cfg.digest_hour, "Giờ gửi thư nhắc việc gộp mỗi ngày (giờ Việt Nam)")
      ->envname("BAOCAO_DIGEST_HOUR")->check(CLI::Range(0, 23))->capture_default_str();

  auto* migrate_cmd = cli.add_subcommand("migrate", "Áp dụng các bản nâng cấp lược đồ cơ sở dữ liệu");
  addDb(migrate_cmd);

  // user add / reset-password / revoke
  auto* user_cmd = cli.add_subcommand("user", "Quản lý tài khoản từ dòng lệnh");
  user_cmd->require_subcommand(1);
  std::string username, full_name, unit_code, role = "system_admin", password;
  bool subtree = true;
  auto* user_add = user_cmd->add_subcommand("add", "Tạo tài khoản và cấp một vai trò");
  addDb(user_add);
  user_add->add_option("--username", username, "Tên đăng nhập")->required();
  user_add->add_option("--full-name", full_name, "Họ và tên")->required();
  user_add->add_option("--unit", unit_code, "Mã đơn vị công tác (và đơn vị được phân quyền)")->required();
  user_add->add_option("--role", role, "Vai trò: system_admin, unit_admin, data_entry, reviewer, approver, sender, aggregator, viewer, inspector")
      ->capture_default_str();
  user_add->add_option("--password", password, "Mật khẩu ban đầu (bỏ trống: tự sinh)")->envname("BAOCAO_NEW_PASSWORD");
  user_add->add_flag("!--no-subtree", subtree, "Chỉ phân quyền trên chính đơn vị, không gồm cấp dưới");
  auto* user_reset = user_cmd->add_subcommand("reset-password", "Cấp lại mật khẩu (phải đổi khi đăng nhập)");
  addDb(user_reset);
  user_reset->add_option("--username", username, "Tên đăng nhập")->required();
  user_reset->add_option("--password", password, "Mật khẩu mới (bỏ trống: tự sinh)")->envname("BAOCAO_NEW_PASSWORD");
  auto* user_revoke = user_cmd->add_subcommand("revoke", "Thu hồi tài khoản và kết thúc mọi phiên");
  addDb(user_revoke);
  user_revoke->add_option("--username", username, "Tên đăng nhập")->required();

  // org import / export
  auto* org_cmd = cli.add_subcommand("org", "Nhập/xuất cơ cấu tổ chức");
  org_cmd->require_subcommand(1);
  std::string file, format, root_code;
  auto* org_import = org_cmd->add_subcommand("import", "Nhập tệp JSON/CSV/XLSX (tất cả hoặc không)");
  addDb(org_import);
  org_import->add_option("file", file, "Tệp cần nhập")->required()->check(CLI::ExistingFile);
  org_import->add_option("--format", format, "json, csv hoặc xlsx (mặc định theo đuôi tệp)");
  auto* org_export = org_cmd->add_subcommand("export", "Xuất cơ cấu tổ chức ra tệp");
  addDb(org_export);
  org_export->add_option("file", file, "Tệp đích (.json, .csv, .xlsx)")->required();
  org_export->add_option("--format", format, "json, csv hoặc xlsx (mặc định theo đuôi tệp)");
  org_export->add_option("--root", root_code, "Chỉ xuất cây con của đơn vị có mã này");

  auto* backup_cmd = cli.add_subcommand("backup", "Sao lưu trực tuyến nhất quán (SQLite: VACUUM INTO; PostgreSQL: pg_dump)");
  addDb(backup_cmd);
  backup_cmd->add_option("file", file, "Tệp sao lưu")->required();

  auto* audit_cmd = cli.add_subcommand("audit", "Nhật ký hệ thống");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand("verify", "Kiểm tra chuỗi băm của nhật ký; báo bản ghi bị sửa/xóa");
  addDb(audit_verify);
  CalendarCli calendar_cli(cli);  // calendar lunar|solar|holidays|period|import-official

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (serve_cmd->parsed()) return serve(cfg, argv[0]);

  auto open = [&]() { return Runtime::open(cfg.db, app::AppConfig{}, 2); };

  if (migrate_cmd->parsed()) {
    auto rt = open();
    if (!rt) return fail(rt.error());
    std::printf("{\"schema_version\":%d,\"db\":\"%s\"}\n", rt.value()->schemaVersion(),
                rt.value()->store().kind().c_str());
    return 0;
  }
  if (user_cmd->parsed()) {
    auto rt = open();
    if (!rt) return fail(rt.error());
    Runtime& r = *rt.value();
    bool generated = false;
    if (password.empty() && !user_revoke->parsed()) {
      password = "Bc-" + app::crypto::randomToken(9) + "7a";
      generated = true;
    }
    if (user_add->parsed()) {
      auto tx = r.store().begin(core::ports::TxMode::Read);
      if (!tx) return fail(tx.error());
      auto unit = tx.value()->orgs().getByCode(unit_code);
      if (!unit) return fail(core::makeError(core::ErrorCode::InvalidField, "Không có đơn vị mã '" + unit_code + "'"));
      tx.value().reset();
      auto rl = sec::parseRole(role);
      if (!rl) return fail(rl.error());
      sec::User u;
      u.username = username;
      u.full_name = full_name;
      u.unit_id = unit->id;
      auto created = r.users().create(nullptr, u, password);
      if (!created) return fail(created.error());
      auto g = r.users().addGrant(nullptr, sec::Grant{0, created->id, *rl, unit->id, subtree});
      if (!g) return fail(g.error());
      std::printf("Đã tạo tài khoản '%s' (%s) trên đơn vị %s.%s\n", username.c_str(),
                  std::string(sec::roleLabel(*rl)).c_str(), unit->name.c_str(),
                  generated ? (" Mật khẩu ban đầu: " + password).c_str() : "");
      return 0;
    }
    auto tx = r.store().begin(core::ports::TxMode::Read);
    if (!tx) return fail(tx.error());
    auto u = tx.value()->users().getByUsername(username);
    if (!u) return fail(core::makeError(core::ErrorCode::NotFound, "Không có tài khoản '" + username + "'"));
    tx.value().reset();
    if (user_reset->parsed()) {
      auto res = r.users().resetPassword(nullptr, u->id, password);
      if (!res) return fail(res.error());
      std::printf("Đã cấp lại mật khẩu cho '%s'%s; phải đổi ở lần đăng nhập tới.\n", username.c_str(),
                  generated ? (": " + password).c_str() : "");
      return 0;
    }
    auto res = r.users().revoke(nullptr, u->id);
    if (!res) return fail(res.error());
    std::printf("Đã thu hồi tài khoản '%s' và kết thúc mọi phiên làm việc.\n", username.c_str());
    return 0;
  }
  if (org_cmd->parsed()) {
    auto rt = open();
    if (!rt) return fail(rt.error());
    Runtime& r = *rt.value();
    if (org_import->parsed()) {
      auto t0 = std::chrono::steady_clock::now();
      auto rep = importOrgFile(r, file, format);
      if (!rep) return fail(rep.error());
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("{\"created\":%lld,\"updated\":%lld,\"unchanged\":%lld,\"links\":%lld,\"seconds\":%.2f}\n",
                  static_cast<long long>(rep->created), static_cast<long long>(rep->updated),
                  static_cast<long long>(rep->unchanged), static_cast<long long>(rep->links), secs);
      return 0;
    }
    std::optional<int64_t> root;
    if (!root_code.empty()) {
      auto tx = r.store().begin(core::ports::TxMode::Read);
      if (!tx) return fail(tx.error());
      auto u = tx.value()->orgs().getByCode(root_code);
      if (!u) return fail(u.error());
      root = u->id;
    }
    auto fmt = exchange::orgFormatFromName(format.empty() ? file : format);
    if (!fmt) return fail(fmt.error());
    auto data = r.orgs().exportUnits(nullptr, root);
    if (!data) return fail(data.error());
    exchange::OrgFile f;
    for (const auto& row : data->units) f.units.push_back({row.unit, row.parent_code});
    for (const auto& l : data->links) f.links.push_back({l.from_code, l.to_code, l.kind, l.share, l.effective});
    auto bytes = exchange::writeOrgFile(*fmt, f);
    if (!bytes) return fail(bytes.error());
    std::ofstream out(file, std::ios::binary);
    out << *bytes;
    if (!out) return fail(core::makeError(core::ErrorCode::Internal, "Không ghi được tệp '" + file + "'"));
    std::printf("{\"units\":%zu,\"links\":%zu,\"file\":\"%s\"}\n", f.units.size(), f.links.size(), file.c_str());
    return 0;
  }
  if (backup_cmd->parsed()) {
    auto store = openStore(cfg.db, 1);
    if (!store) return fail(store.error());
    auto st = store.value()->backup(file);
    if (!st) return fail(st.error());
    std::printf("Đã sao lưu %s vào %s\n", store.value()->kind().c_str(), file.c_str());
    return 0;
  }
  if (calendar_cli.parsed()) return calendar_cli.run();
  if (audit_verify->parsed()) {
    auto rt = open();
    if (!rt) return fail(rt.error());
    auto rep = rt.value()->audit().verify(nullptr);
    if (!rep) return fail(rep.error());
    nlohmann::json j{{"ok", rep->ok}, {"checked", rep->checked}};
    if (!rep->ok) {
      j["first_bad_seq"] = rep->first_bad_seq ? nlohmann::json(*rep->first_bad_seq) : nlohmann::json(nullptr);
      j["problem"] = rep->problem;
    }
    std::printf("%s\n", j.dump().c_str());
    return rep->ok ? 0 : 1;
  }
  return 0;
}

}  // namespace baocao::server
