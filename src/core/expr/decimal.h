// Decimal: the exact base-10 number of indicator values and formula results.
//
// A value is mantissa / 10^scale with a signed 128-bit mantissa of at most 38 decimal digits
// and 0 <= scale <= 18, so 0.1 + 0.2 is exactly 0.3 and a displayed figure never shows a
// binary-float artefact. The representation is canonical (no trailing fractional zeros), so
// equal values compare equal field by field.
//
// Arithmetic (docs/domain/formulas.md, "Numbers"):
//  - + and − are exact; × is exact when the product has at most 18 fractional digits.
//  - Any result with more than 18 fractional digits, or more than 38 significant digits, is
//    rounded half-even (banker's rounding) to fit; ÷ is computed to 18 fractional digits
//    that way (1/3 = 0.333333333333333333, 2/3 = 0.666666666666666667).
//  - A result whose integer part needs more than 38 digits is an overflow error (never
//    wraps, never saturates). Division by zero is an error.
//  - round(x, n) rounds half away from zero, as Excel's ROUND does (2.5 → 3, −2.5 → −3),
//    n may be negative (round(1250, −2) = 1300).
// Errors are InvalidFormula for arithmetic, InvalidField for text that is not a number.
//
// Thread-safety: an immutable value type; safe to share and copy between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace baocao::core::expr {

class Decimal {
 public:
  using Mantissa = __int128;
  static constexpr int kMaxScale = 18;   // fractional digits kept
  static constexpr int kMaxDigits = 38;  // significant digits of the mantissa

  /// Zero.
  constexpr Decimal() = default;
  static Decimal fromInt(int64_t value);
  /// mantissa / 10^scale; InvalidFormula when it does not fit (scale outside 0..18 after
  /// dropping trailing zeros, or more than 38 digits).
  static Result<Decimal> fromMantissa(Mantissa mantissa, int scale);

  /// Canonical text: optional '-', digits, optional '.' and fraction ("1234.5", "-0.25").
  /// A leading '+' is accepted. At most 18 fractional digits. InvalidField otherwise.
  static Result<Decimal> parse(std::string_view text);
  /// Vietnamese text: '.' groups thousands (groups of exactly three digits), ',' is the
  /// decimal mark: "1.234,5", "1234,5", "-1.234.567". "1.23" is rejected (a '.' here only
  /// ever groups thousands). InvalidField otherwise.
  static Result<Decimal> parseVietnamese(std::string_view text);

  /// "1234.5", "-0.25", "0": no exponent, no trailing zeros, no "-0".
  std::string toString() const;
  /// "1.234,5", "-0,25", "1.234.567".
  std::string toVietnamese() const;
  /// Approximation for charts only; never feed it back into arithmetic.
  double toDouble() const;

  Result<Decimal> add(const Decimal& other) const;
  Result<Decimal> subtract(const Decimal& other) const;
  Result<Decimal> multiply(const Decimal& other) const;
  /// To 18 fractional digits, half-even. InvalidFormula "chia cho 0" when other is zero.
  Result<Decimal> divide(const Decimal& other) const;
  /// Half away from zero to `digits` fractional digits (negative: tens, hundreds, ...).
  Result<Decimal> round(int digits) const;
  Decimal negated() const;
  Decimal abs() const;

  bool isZero() const { return mantissa_ == 0; }
  bool isNegative() const { return mantissa_ < 0; }
  bool isInteger() const { return scale_ == 0; }
  /// The value when it is an integer within int64, else nullopt.
  std::optional<int64_t> toInt64() const;
  Mantissa mantissa() const { return mantissa_; }
  int scale() const { return scale_; }

  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.mantissa_ == b.mantissa_ && a.scale_ == b.scale_;
  }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

 private:
  constexpr Decimal(Mantissa m, int8_t s) : mantissa_(m), scale_(s) {}
  friend struct DecimalAccess;
  Mantissa mantissa_ = 0;
  int8_t scale_ = 0;
};

}  // namespace baocao::core::expr
