// Cryptographic helpers for use cases: argon2id password hashing (libsodium), SHA-256 (OpenSSL),
// random tokens. Thread-safe (libsodium is initialised once, lazily).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baocao::app::crypto {

struct HashParams {
  unsigned long long ops = 3;            // argon2id passes (libsodium opslimit)
  size_t mem_bytes = 64ull * 1024 * 1024;  // 64 MiB (cpp-stack.md §6.2: ~115 ms here)
};

/// PHC string "$argon2id$v=19$m=65536,t=3,p=1$...".
std::string hashPassword(std::string_view password, const HashParams& p);
bool verifyPassword(std::string_view password, const std::string& phc);
/// Lower-case hex SHA-256.
std::string sha256Hex(std::string_view data);
/// `bytes` random bytes as URL-safe base64 without padding.
std::string randomToken(size_t bytes = 32);
/// Constant-time comparison.
bool equalConstantTime(std::string_view a, std::string_view b);
/// Standard base64 (RFC 4648 §4, with or without padding; spaces and line breaks ignored);
/// nullopt when `text` is not base64.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace baocao::app::crypto
