// Value: what a formula or a reference yields — a number (Decimal), a yes/no, a text, a date,
// or null ("no value": the indicator was not reported for that period).
//
// Thread-safety: a value type; safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/common/date.h"
#include "core/expr/decimal.h"

namespace baocao::core::expr {

enum class ValueType : uint8_t { Number, Boolean, Text, Date };

/// Vietnamese name used in messages: "số", "đúng/sai", "văn bản", "ngày".
std::string_view typeName(ValueType type);

class Value {
 public:
  /// Null: no value.
  Value() = default;
  static Value null() { return Value(); }
  static Value ofNumber(Decimal d) { return Value(Storage(std::in_place_index<1>, d)); }
  static Value ofBool(bool b) { return Value(Storage(std::in_place_index<2>, b)); }
  static Value ofText(std::string s) { return Value(Storage(std::in_place_index<3>, std::move(s))); }
  static Value ofDate(Date d) { return Value(Storage(std::in_place_index<4>, d)); }

  bool isNull() const { return v_.index() == 0; }
  /// The type, or nullopt for null.
  std::optional<ValueType> type() const {
    if (isNull()) return std::nullopt;
    return static_cast<ValueType>(v_.index() - 1);
  }
  // Accessors: the caller has checked type(); a wrong one is an invariant failure.
  const Decimal& number() const;
  bool boolean() const;
  const std::string& text() const;
  Date date() const;

  /// Canonical form used by tests and logs: 1234.5, true, false, "text" (quotes doubled),
  /// 2026-03-14, null.
  std::string toString() const;

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  using Storage = std::variant<std::monostate, Decimal, bool, std::string, Date>;
  explicit Value(Storage v) : v_(std::move(v)) {}
  Storage v_;
};

}  // namespace baocao::core::expr
