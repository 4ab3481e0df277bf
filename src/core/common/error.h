// Error catalogue of baocao: one stable code per expected failure, with a Vietnamese message.
//
// Codes are stable English identifiers (they appear in API responses as "code" and in logs);
// messages are Vietnamese and shown to users. Exactly one function, http::statusFor(), maps a
// code to an HTTP status. Thread-safety: plain values, safe to copy between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baocao::core {

enum class ErrorCode {
  // request shape (E1xxx)
  InvalidJson,        // body is not valid JSON / UTF-8
  InvalidField,       // a field has the wrong type or value
  MissingField,       // a required field is absent
  UnknownField,       // a field the endpoint does not accept
  BodyTooLarge,       // request body over the configured limit
  InvalidUtf8,        // text that is not valid UTF-8
  InvalidFileName,    // path traversal or forbidden characters in a file name
  InvalidFile,        // an uploaded file cannot be read (row/cell named in details)
  UnsupportedMediaType,
  // auth (E2xxx)
  Unauthenticated,    // no or expired session/token
  BadCredentials,     // wrong username or password
  AccountLocked,      // 5 failures -> locked 15 minutes (003 Đ16)
  AccountRevoked,
  PasswordChangeRequired,
  WeakPassword,       // violates the password policy (003 Đ16)
  Forbidden,          // role or scope does not allow the action
  CsrfMismatch,
  // domain (E3xxx)
  NotFound,
  Conflict,           // optimistic-lock version mismatch: someone else changed it
  AlreadyExists,      // unique key (code, username) taken
  InvalidHierarchy,   // parent cycle, parent outside validity, etc.
  InvalidPeriod,
  InvalidDate,
  InvalidFormula,     // formula syntax, type or evaluation error (position named in the message)
  InvalidTransition,  // workflow action not possible in the report's current state
  DeadlinePassed,     // the period for the action is over (amendments after the last level's deadline)
  SignatureInvalid,   // a CMS signature does not match the content or cannot be read
  CertificateUntrusted, // the signer's certificate does not chain to the trust store (or expired)
  DuplicateReporting, // a unit would report one regime twice or at two frequencies (002 Đ3.4)
  // infrastructure (E9xxx)
  StorageError,
  Internal,
};

/// Stable identifier, e.g. "E1002_INVALID_FIELD".
std::string_view codeId(ErrorCode code);
/// Default Vietnamese message for the code (used when no specific message is given).
std::string_view defaultMessage(ErrorCode code);

/// One offending item: a field path ("password"), a row/column of a file ("dòng 12, cột C").
struct ErrorDetail {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;  // Vietnamese, names the offending field/row/character
  std::vector<ErrorDetail> details;
};

inline Error makeError(ErrorCode code, std::string message = {},
                       std::vector<ErrorDetail> details = {}) {
  if (message.empty()) message = std::string(defaultMessage(code));
  return Error{code, std::move(message), std::move(details)};
}

}  // namespace baocao::core
