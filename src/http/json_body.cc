#include "http/json_body.h"

#include <charconv>

#include "core/common/text.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;

core::Error fieldTypeError(const std::string& name, const char* expected) {
  return makeError(ErrorCode::InvalidField, "Trường '" + name + "': cần kiểu " + expected,
                   {{name, std::string("cần kiểu ") + expected}});
}
core::Error missingField(const std::string& name) {
  return makeError(ErrorCode::MissingField, "Thiếu trường bắt buộc '" + name + "'",
                   {{name, "bắt buộc"}});
}

core::Result<JsonBody> JsonBody::parse(const Request& req, std::initializer_list<const char*> allowed) {
  std::string ct = req.header("content-type");
  if (ct.find("application/json") == std::string::npos)
    return makeError(ErrorCode::UnsupportedMediaType,
                     "Nội dung phải có Content-Type: application/json");
  if (auto bad = core::text::firstInvalidUtf8(req.body))
    return makeError(ErrorCode::InvalidUtf8, "Nội dung không phải UTF-8 hợp lệ tại byte " +
                                                 std::to_string(*bad + 1));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    return makeError(ErrorCode::InvalidJson, "JSON không hợp lệ tại ký tự " +
                                                 std::to_string(e.byte) + " của nội dung");
  }
  if (!j.is_object())
    return makeError(ErrorCode::InvalidJson, "Nội dung phải là một đối tượng JSON ({...})");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* a : allowed)
      if (it.key() == a) known = true;
    if (!known)
      return makeError(ErrorCode::UnknownField, "Trường '" + it.key() + "' không được hỗ trợ",
                       {{it.key(), "không được hỗ trợ"}});
  }
  return JsonBody(std::move(j));
}

bool JsonBody::has(const char* name) const { return j_.contains(name) && !j_[name].is_null(); }
bool JsonBody::isNull(const char* name) const { return j_.contains(name) && j_[name].is_null(); }

core::Result<const nlohmann::json*> JsonBody::optObject(const char* name) const {
  if (!has(name)) return static_cast<const nlohmann::json*>(nullptr);
  const auto& v = j_[name];
  if (!v.is_object()) return fieldTypeError(name, "đối tượng JSON ({...})");
  return &v;
}

core::Result<std::optional<std::string>> JsonBody::optStr(const char* name, size_t max_len) const {
  if (!has(name)) return std::optional<std::string>();
  const auto& v = j_[name];
  if (!v.is_string()) return fieldTypeError(name, "chuỗi (string)");
  std::string s(core::text::trim(v.get<std::string>()));
  if (s.size() > max_len)
    return makeError(ErrorCode::InvalidField,
                     std::string("Trường '") + name + "': dài quá " + std::to_string(max_len) + " byte",
                     {{name, "quá dài"}});
  if (s.find('\0') != std::string::npos)
    return makeError(ErrorCode::InvalidField, std::string("Trường '") + name + "': chứa ký tự NUL",
                     {{name, "ký tự không hợp lệ"}});
  return std::optional<std::string>(std::move(s));
}

core::Result<std::string> JsonBody::str(const char* name, size_t max_len) const {
  BAOCAO_ASSIGN(auto v, optStr(name, max_len));
  if (!v) return missingField(name);
  if (v->empty())
    return makeError(ErrorCode::InvalidField, std::string("Trường '") + name + "': không được để trống",
                     {{name, "không được để trống"}});
  return *v;
}

core::Result<std::optional<int64_t>> JsonBody::optInteger(const char* name) const {
  if (!has(name)) return std::optional<int64_t>();
  const auto& v = j_[name];
  if (!v.is_number_integer()) return fieldTypeError(name, "số nguyên");
  return std::optional<int64_t>(v.get<int64_t>());
}

core::Result<int64_t> JsonBody::integer(const char* name) const {
  BAOCAO_ASSIGN(auto v, optInteger(name));
  if (!v) return missingField(name);
  return *v;
}

core::Result<double> JsonBody::number(const char* name) const {
  if (!has(name)) return missingField(name);
  const auto& v = j_[name];
  if (!v.is_number()) return fieldTypeError(name, "số");
  return v.get<double>();
}

core::Result<bool> JsonBody::boolean(const char* name, std::optional<bool> dflt) const {
  if (!has(name)) {
    if (dflt) return *dflt;
    return missingField(name);
  }
  const auto& v = j_[name];
  if (!v.is_boolean()) return fieldTypeError(name, "true/false");
  return v.get<bool>();
}

core::Result<std::optional<core::Date>> JsonBody::optDate(const char* name) const {
  BAOCAO_ASSIGN(auto s, optStr(name, 10 + 5));
  if (!s || s->empty()) return std::optional<core::Date>();
  auto d = core::Date::parseIso(*s);
  if (!d) {
    core::Error e = d.error();
    e.message = std::string("Trường '") + name + "': " + e.message;
    e.details = {{name, "ngày không hợp lệ (YYYY-MM-DD)"}};
    return e;
  }
  return std::optional<core::Date>(*d);
}

core::Result<int64_t> parseId(const std::string& text, const char* name) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0)
    return makeError(ErrorCode::InvalidField,
                     std::string("Tham số '") + name + "': cần số nguyên dương, nhận '" +
                         text.substr(0, 40) + "'",
                     {{name, "cần số nguyên dương"}});
  return v;
}

core::Result<int> queryInt(const Request& req, const char* name, int dflt, int lo, int hi) {
  if (!req.has(name) || req.q(name).empty()) return dflt;
  if (req.q(name) == "0" && lo == 0) return 0;
  auto v = parseId(req.q(name), name);
  if (!v) return v.error();
  if (*v < lo || *v > hi)
    return makeError(ErrorCode::InvalidField,
                     std::string("Tham số '") + name + "': phải từ " + std::to_string(lo) + " đến " +
                         std::to_string(hi),
                     {{name, "ngoài khoảng cho phép"}});
  return static_cast<int>(*v);
}

core::Result<std::optional<int64_t>> queryId(const Request& req, const char* name) {
  if (!req.has(name) || req.q(name).empty()) return std::optional<int64_t>();
  auto v = parseId(req.q(name), name);
  if (!v) return v.error();
  return std::optional<int64_t>(*v);
}

core::Result<std::optional<core::Date>> queryDate(const Request& req, const char* name) {
  if (!req.has(name) || req.q(name).empty()) return std::optional<core::Date>();
  auto d = core::Date::parseIso(req.q(name));
  if (!d) {
    core::Error e = d.error();
    e.message = std::string("Tham số '") + name + "': " + e.message;
    e.details = {{name, "ngày không hợp lệ"}};
    return e;
  }
  return std::optional<core::Date>(*d);
}

core::Result<std::string> queryText(const Request& req, const char* name, size_t max) {
  std::string v = req.q(name);
  if (!core::text::isValidUtf8(v))
    return makeError(ErrorCode::InvalidUtf8,
                     std::string("Tham số '") + name + "' không phải UTF-8 hợp lệ");
  if (v.size() > max)
    return makeError(ErrorCode::InvalidField,
                     std::string("Tham số '") + name + "': dài quá " + std::to_string(max) + " byte",
                     {{name, "quá dài"}});
  return v;
}

Response ok(const nlohmann::json& j, int status) {
  return Response::json(status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response ok(const nlohmann::ordered_json& j, int status) {
  return Response::json(status,
                        j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace baocao::http
