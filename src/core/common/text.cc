#include "core/common/text.h"

#include <cstdint>

namespace baocao::core::text {

namespace {

// Decodes one code point at s[i]; returns length or 0 when invalid.
size_t decode(std::string_view s, size_t i, uint32_t& cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t n;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Base letter of a precomposed Vietnamese (Latin-1 Supplement / Latin Extended-A/B /
// Latin Extended Additional) letter, lower-cased; 0 when not a letter we fold.
char baseOf(uint32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return c;
  }
  // Latin-1 and Latin Extended-A letters used in Vietnamese.
  switch (cp) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xE0: case 0xE1: case 0xE2: case 0xE3:
    case 0x102: case 0x103:
      return 'a';
    case 0xC8: case 0xC9: case 0xCA: case 0xE8: case 0xE9: case 0xEA:
      return 'e';
    case 0xCC: case 0xCD: case 0xEC: case 0xED: case 0x128: case 0x129:
      return 'i';
    case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xF2: case 0xF3: case 0xF4: case 0xF5:
    case 0x1A0: case 0x1A1:
      return 'o';
    case 0xD9: case 0xDA: case 0xF9: case 0xFA: case 0x168: case 0x169: case 0x1AF: case 0x1B0:
      return 'u';
    case 0xDD: case 0xFD:
      return 'y';
    case 0x110: case 0x111:
      return 'd';
    default:
      break;
  }
  // Latin Extended Additional: U+1EA0..U+1EF9 (ạ ả ấ ... ỹ) in fixed vowel blocks.
  if (cp >= 0x1EA0 && cp <= 0x1EB7) return 'a';
  if (cp >= 0x1EB8 && cp <= 0x1EC7) return 'e';
  if (cp >= 0x1EC8 && cp <= 0x1ECB) return 'i';
  if (cp >= 0x1ECC && cp <= 0x1EE3) return 'o';
  if (cp >= 0x1EE4 && cp <= 0x1EF1) return 'u';
  if (cp >= 0x1EF2 && cp <= 0x1EF9) return 'y';
  return 0;
}

}  // namespace

std::optional<size_t> firstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp;
    size_t n = decode(s, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

bool isValidUtf8(std::string_view s) { return !firstInvalidUtf8(s).has_value(); }

std::string_view trim(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

std::string normaliseLineEnds(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string foldVietnamese(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool last_space = true;
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp;
    size_t n = decode(s, i, cp);
    if (n == 0) {  // invalid byte: skip it
      ++i;
      continue;
    }
    i += n;
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining marks (NFD input)
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
      if (!last_space) out.push_back(' ');
      last_space = true;
      continue;
    }
    char b = baseOf(cp);
    if (b != 0) {
      out.push_back(b);
    } else {
      // keep other characters as they are (UTF-8)
      out.append(s.substr(i - n, n));
    }
    last_space = false;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace baocao::core::text
