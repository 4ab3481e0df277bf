// Strict reading of JSON request bodies: checks the content type, UTF-8, syntax (naming the
// character position), rejects unknown fields, and reads typed fields with errors that name
// the field in Vietnamese. Thread-safety: one instance per request.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/common/date.h"
#include "core/common/result.h"
#include "http/message.h"

namespace baocao::http {

class JsonBody {
 public:
  /// Parses `req.body` as a JSON object whose keys are all in `allowed`.
  /// Errors: UnsupportedMediaType, InvalidUtf8, InvalidJson (with position), UnknownField.
  static core::Result<JsonBody> parse(const Request& req, std::initializer_list<const char*> allowed);

  bool has(const char* name) const;
  /// Required string of 1..max_len bytes (after trimming when `trim`).
  core::Result<std::string> str(const char* name, size_t max_len = 500) const;
  /// Optional string: nullopt when absent or null.
  core::Result<std::optional<std::string>> optStr(const char* name, size_t max_len = 500) const;
  core::Result<int64_t> integer(const char* name) const;
  core::Result<std::optional<int64_t>> optInteger(const char* name) const;
  core::Result<double> number(const char* name) const;
  core::Result<bool> boolean(const char* name, std::optional<bool> dflt = std::nullopt) const;
  /// Optional ISO date; nullopt when absent or null.
  core::Result<std::optional<core::Date>> optDate(const char* name) const;
  /// True when the field is present with value null (to clear an optional field).
  bool isNull(const char* name) const;
  /// Optional JSON object (a map keyed by codes): nullptr when absent or null; InvalidField
  /// when present with another type.
  core::Result<const nlohmann::json*> optObject(const char* name) const;

 private:
  explicit JsonBody(nlohmann::json j) : j_(std::move(j)) {}
  nlohmann::json j_;
};

/// Error for a field of the wrong type, e.g. "Trường 'name': cần kiểu chuỗi".
core::Error fieldTypeError(const std::string& name, const char* expected);
core::Error missingField(const std::string& name);

/// Reads an integer from a path parameter or query value; the error names it.
core::Result<int64_t> parseId(const std::string& text, const char* name);

// ---- query parameters: absent or empty means "not given"; errors name the parameter ----
/// An integer in [lo, hi], `dflt` when absent.
core::Result<int> queryInt(const Request& req, const char* name, int dflt, int lo, int hi);
/// A positive id, nullopt when absent.
core::Result<std::optional<int64_t>> queryId(const Request& req, const char* name);
/// An ISO date, nullopt when absent.
core::Result<std::optional<core::Date>> queryDate(const Request& req, const char* name);
/// Valid UTF-8 text of at most `max` bytes ("" when absent).
core::Result<std::string> queryText(const Request& req, const char* name, size_t max);

/// 200 (or `status`) with the JSON body; invalid UTF-8 in strings is replaced, never thrown.
Response ok(const nlohmann::json& j, int status = 200);
Response ok(const nlohmann::ordered_json& j, int status = 200);

}  // namespace baocao::http
