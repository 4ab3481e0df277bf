#include "core/notify/mail_message.h"

#include <cstdio>

namespace baocao::core::notify {

namespace {

bool printableAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

// "Sat, 14 Mar 2026 08:00:00 +0700" (RFC 5322 §3.3), in Vietnam time.
std::string rfc5322Date(Timestamp t) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Date d = t.vietnamDate();
  int64_t s = t.seconds() + 7 * 3600;
  int64_t in_day = ((s % 86400) + 86400) % 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0700",
                kDays[d.isoWeekday() - 1], d.day(), kMonths[d.month() - 1], d.year(),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day % 3600 / 60),
                static_cast<int>(in_day % 60));
  return buf;
}

std::string mailbox(const MailAddress& a) {
  if (a.display_name.empty()) return "<" + a.address + ">";
  std::string name = a.display_name;
  if (printableAscii(name)) {
    std::string q = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    name = q + "\"";
  } else {
    name = encodeHeaderWord(name);
  }
  return name + " <" + a.address + ">";
}

}  // namespace

std::string base64(std::string_view in) {
  static const char* kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string encodeHeaderWord(std::string_view text) {
  if (printableAscii(text)) return std::string(text);
  // RFC 2047 §2: an encoded-word is at most 75 characters; 12 go to "=?UTF-8?B?" and "?=",
  // leaving 60 base64 characters = 45 bytes. Words never split a UTF-8 sequence (§5).
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + kMaxBytes);
    while (end < text.size() && end > pos && (uint8_t(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string renderMessage(const MailMessage& m) {
  std::string crlf_body;
  for (char c : m.body) {
    if (c == '\n') crlf_body += "\r\n";
    else if (c != '\r') crlf_body += c;
  }
  std::string encoded = base64(crlf_body);
  std::string out;
  out += "Date: " + rfc5322Date(m.date) + "\r\n";
  out += "From: " + mailbox(m.from) + "\r\n";
  out += "To: " + mailbox(m.to) + "\r\n";
  out += "Subject: " + encodeHeaderWord(m.subject) + "\r\n";
  if (!m.message_id.empty()) out += "Message-ID: " + m.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no auto-replies to a digest
  out += "\r\n";
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

bool plausibleAddress(std::string_view a) {
  size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return false;
  if (a.find('@', at + 1) != std::string_view::npos) return false;
  if (a.find('.', at) == std::string_view::npos) return false;
  for (unsigned char c : a)
    if (c <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c >= 0x7F) return false;
  return true;
}

}  // namespace baocao::core::notify
