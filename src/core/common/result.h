// Result<T>: a T or an Error, shaped like std::expected so a move to C++23 is mechanical.
//
// Expected failures (bad input, not found, conflict, forbidden) are returned as values; no
// exception crosses a layer. Thread-safety: a value type, no shared state.
#pragma once

#include <cstdlib>
#include <cstdio>
#include <optional>
#include <utility>
#include <variant>

#include "core/common/error.h"

namespace baocao::core {

/// Always-on invariant check: aborts with a message saying why the condition must hold.
#define BAOCAO_CHECK(cond, why)                                                       \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "invariant failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, \
                   #cond, why);                                                       \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}     // NOLINT(google-explicit-constructor)

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    BAOCAO_CHECK(has_value(), "value() called on an error Result");
    return std::get<0>(v_);
  }
  const T& value() const& {
    BAOCAO_CHECK(has_value(), "value() called on an error Result");
    return std::get<0>(v_);
  }
  T&& value() && {
    BAOCAO_CHECK(has_value(), "value() called on an error Result");
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    BAOCAO_CHECK(!has_value(), "error() called on a successful Result");
    return std::get<1>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool has_value() const { return !e_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const {
    BAOCAO_CHECK(e_.has_value(), "error() called on a successful Result");
    return *e_;
  }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;
inline Status ok() { return {}; }

}  // namespace baocao::core

/// Propagates an error: `BAOCAO_TRY(status_expr);`
#define BAOCAO_TRY(expr)                             \
  do {                                               \
    auto baocao_try_r_ = (expr);                     \
    if (!baocao_try_r_.has_value()) return baocao_try_r_.error(); \
  } while (0)

/// `BAOCAO_ASSIGN(auto x, result_expr);` binds the value or returns the error.
#define BAOCAO_CONCAT_INNER(a, b) a##b
#define BAOCAO_CONCAT(a, b) BAOCAO_CONCAT_INNER(a, b)
#define BAOCAO_ASSIGN(decl, expr) \
  auto BAOCAO_CONCAT(baocao_r_, __LINE__) = (expr);                              \
  if (!BAOCAO_CONCAT(baocao_r_, __LINE__).has_value())                           \
    return BAOCAO_CONCAT(baocao_r_, __LINE__).error();                           \
  decl = std::move(BAOCAO_CONCAT(baocao_r_, __LINE__)).value()
