// Test support: reading e-mails the way a mail client does — base64 (RFC 4648) and RFC 2047
// "=?UTF-8?B?…?=" header words — to check what the server sent.
#pragma once

#include <string>

namespace baocao::testing {

inline std::string unbase64(const std::string& in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto p = kAlphabet.find(c);
    if (p == std::string::npos) continue;  // CRLF between lines, padding
    val = (val << 6) + static_cast<int>(p);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

/// Decodes a header made of "=?UTF-8?B?…?=" words; a plain header is returned as it is.
inline std::string decodeHeader(const std::string& h) {
  std::string out;
  size_t pos = 0;
  while ((pos = h.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = h.find("?=", pos + 10);
    if (end == std::string::npos) break;
    out += unbase64(h.substr(pos + 10, end - pos - 10));
    pos = end + 2;
  }
  return out.empty() ? h : out;
}

}  // namespace baocao::testing
