// An e-mail message as RFC 5322 text with MIME (RFC 2045–2047): UTF-8 plain text in base64,
// non-ASCII header words (subject, display names) as encoded-words "=?UTF-8?B?…?=" split so no
// encoded-word exceeds 75 characters. The SMTP transport (app/mailer.h) sends these bytes as
// they are. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/common/date.h"

namespace baocao::core::notify {

struct MailAddress {
  std::string address;       // "cv.stc@example.gov.vn"
  std::string display_name;  // "Nguyễn Văn A" (may be empty)
};

struct MailMessage {
  MailAddress from;
  MailAddress to;
  std::string subject;  // UTF-8
  std::string body;     // UTF-8 plain text, lines separated by '\n'
  Timestamp date;
  std::string message_id;  // "<digest-42-20260314@baocao>"
};

std::string base64(std::string_view bytes);
/// The header value for `text`: itself when printable ASCII, else encoded-words.
std::string encodeHeaderWord(std::string_view text);
/// The full message, CRLF line endings, ready for SMTP DATA.
std::string renderMessage(const MailMessage& m);
/// True for "local@domain.tld" without spaces, angle brackets or CR/LF (what we send to).
bool plausibleAddress(std::string_view address);

}  // namespace baocao::core::notify
