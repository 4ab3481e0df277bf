#include "http/message.h"

namespace baocao::http {

namespace {
int hexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool percentDecode(std::string_view s, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      int hi = i + 1 < s.size() ? hexVal(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hexVal(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::unordered_map<std::string, std::string> parseQuery(std::string_view qs) {
  std::unordered_map<std::string, std::string> out;
  size_t start = 0;
  while (start <= qs.size()) {
    size_t end = qs.find('&', start);
    if (end == std::string_view::npos) end = qs.size();
    std::string_view part = qs.substr(start, end - start);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string_view k = part.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
      std::string dk, dv;
      if (!percentDecode(k, dk, true)) dk = std::string(k);
      if (!percentDecode(v, dv, true)) dv = std::string(v);
      out[dk] = dv;
    }
    start = end + 1;
  }
  return out;
}

std::string Request::cookie(const std::string& name) const {
  std::string all = header("cookie");
  size_t pos = 0;
  while (pos < all.size()) {
    while (pos < all.size() && (all[pos] == ' ' || all[pos] == ';')) ++pos;
    size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    std::string_view kv(all.data() + pos, end - pos);
    size_t eq = kv.find('=');
    if (eq != std::string_view::npos && kv.substr(0, eq) == name)
      return std::string(kv.substr(eq + 1));
    pos = end + 1;
  }
  return {};
}

}  // namespace baocao::http
