// UTF-8 text helpers for Vietnamese: validation and accent-folding for search.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baocao::core::text {

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool isValidUtf8(std::string_view s);
/// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<size_t> firstInvalidUtf8(std::string_view s);
/// Removes ASCII whitespace at both ends.
std::string_view trim(std::string_view s);
/// Search key: lower case, Vietnamese diacritics removed, đ -> d, runs of spaces collapsed.
/// "Thành phố Thủ Đức" -> "thanh pho thu duc". Handles NFC and NFD (combining marks dropped).
std::string foldVietnamese(std::string_view s);
/// CRLF and lone CR become LF (browsers submit textareas with CRLF, Excel cells may hold CR).
std::string normaliseLineEnds(std::string_view s);

}  // namespace baocao::core::text
