// Test support: a tiny SMTP server on 127.0.0.1 (port 0) that accepts every message and keeps
// it (envelope and the DATA bytes, dot-unstuffed), so tests can check what the server mailed.
// Speaks just enough of RFC 5321 for libcurl: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET,
// NOOP, QUIT; no STARTTLS (curl's CURLUSESSL_TRY then sends in clear). One connection at a time.
// Thread-safety: messages() and count() may be called while the sink runs.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace baocao::testing {

struct SinkMessage {
  std::string from;              // MAIL FROM:<...> address
  std::vector<std::string> to;   // RCPT TO addresses
  std::string data;              // headers + body, CRLF, without the final "."
  std::string header(const std::string& name) const {
    std::string key = "\r\n" + name + ": ";
    std::string d = "\r\n" + data;
    size_t p = d.find(key);
    if (p == std::string::npos) return {};
    size_t start = p + key.size();
    size_t end = start;
    // unfold continuation lines (RFC 5322 §2.2.3)
    std::string out;
    while (true) {
      end = d.find("\r\n", start);
      out += d.substr(start, end - start);
      if (end + 2 < d.size() && (d[end + 2] == ' ' || d[end + 2] == '\t')) {
        start = end + 2;
        continue;
      }
      break;
    }
    return out;
  }
  std::string body() const {
    size_t p = data.find("\r\n\r\n");
    return p == std::string::npos ? std::string() : data.substr(p + 4);
  }
};

class SmtpSink {
 public:
  SmtpSink() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("smtp sink: socket");
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0 || ::listen(fd_, 8) < 0)
      throw std::runtime_error("smtp sink: bind/listen");
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~SmtpSink() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<SinkMessage> messages() const {
    std::lock_guard<std::mutex> l(mu_);
    return messages_;
  }
  size_t count() const { return messages().size(); }
  /// Answer the next `n` MAIL commands with 451 (a temporary failure).
  void failNext(int n) { fail_ = n; }

 private:
  void loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c >= 0) {
        serve(c);
        ::close(c);
      }
    }
  }
  static void say(int c, const std::string& s) { (void)!::write(c, s.data(), s.size()); }
  /// Reads one CRLF-terminated line into `line`; false on EOF.
  bool readLine(int c, std::string& buf, std::string& line) {
    while (true) {
      size_t p = buf.find("\r\n");
      if (p != std::string::npos) {
        line = buf.substr(0, p);
        buf.erase(0, p + 2);
        return true;
      }
      pollfd pf{c, POLLIN, 0};
      if (::poll(&pf, 1, 5000) <= 0) return false;
      char tmp[4096];
      ssize_t n = ::read(c, tmp, sizeof tmp);
      if (n <= 0) return false;
      buf.append(tmp, static_cast<size_t>(n));
    }
  }
  static std::string address(const std::string& line) {
    size_t a = line.find('<'), b = line.find('>');
    return a == std::string::npos || b == std::string::npos ? std::string()
                                                            : line.substr(a + 1, b - a - 1);
  }
  static bool starts(const std::string& s, const char* p) {
    return strncasecmp(s.c_str(), p, strlen(p)) == 0;
  }
  void serve(int c) {
    std::string buf, line;
    SinkMessage m;
    say(c, "220 sink ESMTP\r\n");
    while (readLine(c, buf, line)) {
      if (starts(line, "EHLO")) {
        say(c, "250-sink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n");
      } else if (starts(line, "HELO")) {
        say(c, "250 sink\r\n");
      } else if (starts(line, "MAIL FROM:")) {
        if (fail_ > 0) {
          --fail_;
          say(c, "451 4.3.0 thử lỗi tạm thời\r\n");
          continue;
        }
        m = SinkMessage{};
        m.from = address(line);
        say(c, "250 OK\r\n");
      } else if (starts(line, "RCPT TO:")) {
        m.to.push_back(address(line));
        say(c, "250 OK\r\n");
      } else if (starts(line, "DATA")) {
        say(c, "354 end with .\r\n");
        std::string data;
        while (readLine(c, buf, line) && line != ".") {
          if (!line.empty() && line[0] == '.') line.erase(0, 1);  // dot-unstuffing
          data += line + "\r\n";
        }
        m.data = data;
        {
          std::lock_guard<std::mutex> l(mu_);
          messages_.push_back(m);
        }
        say(c, "250 OK queued\r\n");
      } else if (starts(line, "QUIT")) {
        say(c, "221 bye\r\n");
        return;
      } else if (starts(line, "RSET") || starts(line, "NOOP")) {
        say(c, "250 OK\r\n");
      } else {
        say(c, "502 not implemented\r\n");
      }
    }
  }

  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> fail_{0};
  mutable std::mutex mu_;
  std::vector<SinkMessage> messages_;
  std::thread thread_;
};

}  // namespace baocao::testing
