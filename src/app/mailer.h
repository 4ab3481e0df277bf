// Outgoing e-mail. The notify use case (app/notify_service.h) renders a message
// (core/notify/mail_message.h) and hands it to a Mailer; CurlMailer sends it over SMTP with
// libcurl (smtp:// with STARTTLS when the server offers it, smtps:// for implicit TLS, optional
// login). With no SMTP configured the server keeps reminders in the app only.
// Thread-safety: send() may be called from any thread; CurlMailer uses one easy handle per call.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/notify/mail_message.h"

namespace baocao::app {

class Mailer {
 public:
  virtual ~Mailer() = default;
  /// Delivers `m` to m.to. StorageError-free: failures are Internal with the SMTP reason in
  /// Vietnamese ("Không gửi được thư tới …: …").
  virtual core::Status send(const core::notify::MailMessage& m) = 0;
};

struct SmtpOptions {
  std::string url;       // "smtp://mail.example.gov.vn:587" or "smtps://…:465"
  std::string username;  // empty = no login
  std::string password;
  long timeout_seconds = 30;  // connect + transfer, per message
};

class CurlMailer final : public Mailer {
 public:
  explicit CurlMailer(SmtpOptions options);
  core::Status send(const core::notify::MailMessage& m) override;

 private:
  SmtpOptions options_;
};

}  // namespace baocao::app
