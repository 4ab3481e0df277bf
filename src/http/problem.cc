#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace baocao::http {

using core::ErrorCode;

int statusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidJson:
    case ErrorCode::UnknownField:
    case ErrorCode::InvalidUtf8:
    case ErrorCode::InvalidFileName:
      return 400;
    case ErrorCode::InvalidField:
    case ErrorCode::MissingField:
    case ErrorCode::InvalidFile:
    case ErrorCode::WeakPassword:
    case ErrorCode::InvalidHierarchy:
    case ErrorCode::InvalidPeriod:
    case ErrorCode::InvalidDate:
    case ErrorCode::InvalidFormula:
    case ErrorCode::SignatureInvalid:
    case ErrorCode::CertificateUntrusted:
      return 422;
    case ErrorCode::BodyTooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::Unauthenticated:
    case ErrorCode::BadCredentials:
      return 401;
    case ErrorCode::AccountLocked: return 423;
    case ErrorCode::AccountRevoked:
    case ErrorCode::Forbidden:
    case ErrorCode::CsrfMismatch:
      return 403;
    case ErrorCode::PasswordChangeRequired: return 428;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict:
    case ErrorCode::AlreadyExists:
    case ErrorCode::InvalidTransition:
    case ErrorCode::DeadlinePassed:
    case ErrorCode::DuplicateReporting:
      return 409;
    case ErrorCode::StorageError:
    case ErrorCode::Internal:
      return 500;
  }
  return 500;
}

namespace {
nlohmann::json body(int status, std::string_view code, std::string_view title,
                    const std::string& detail) {
  return nlohmann::json{{"type", "https://baocao.vn/errors/" + std::string(code)},
                        {"title", title},
                        {"status", status},
                        {"code", code},
                        {"detail", detail},
                        {"errors", nlohmann::json::array()}};
}
Response finish(int status, const nlohmann::json& j) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json; charset=utf-8";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}
}  // namespace

Response problem(const core::Error& e, const nlohmann::json& extra) {
  int status = statusFor(e.code);
  std::string detail = e.message.empty() ? std::string(core::defaultMessage(e.code)) : e.message;
  // Storage failures: log-worthy detail stays in the log, the user gets a plain message.
  if (e.code == ErrorCode::StorageError || e.code == ErrorCode::Internal)
    detail = std::string(core::defaultMessage(e.code));
  auto j = body(status, core::codeId(e.code), core::defaultMessage(e.code), detail);
  for (const auto& d : e.details) j["errors"].push_back({{"field", d.field}, {"message", d.message}});
  if (extra.is_object())
    for (auto it = extra.begin(); it != extra.end(); ++it) j[it.key()] = it.value();
  return finish(status, j);
}

Response problem(const core::Error& e) { return problem(e, nlohmann::json()); }

Response problem(int status, const std::string& code, const std::string& detail) {
  return finish(status, body(status, code, detail, detail));
}

}  // namespace baocao::http
