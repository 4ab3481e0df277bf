#include "core/expr/decimal.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace baocao::core::expr {
namespace {

using U128 = unsigned __int128;
using Mantissa = Decimal::Mantissa;

constexpr std::array<uint64_t, 20> kPow10u64 = [] {
  std::array<uint64_t, 20> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

constexpr U128 pow10u128(int n) {
  U128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}
constexpr U128 kLimit = pow10u128(Decimal::kMaxDigits);  // |mantissa| < 10^38
constexpr std::array<U128, 39> kPow10u128 = [] {
  std::array<U128, 39> p{};
  for (int i = 0; i < 39; ++i) p[i] = pow10u128(i);
  return p;
}();

// A 256-bit unsigned integer, little-endian 64-bit words. Intermediate results of × and ÷
// need up to 75 decimal digits before they are rounded back into 38; only the slow paths use it.
struct U256 {
  std::array<uint64_t, 4> w{};

  static U256 of(U128 v) {
    U256 r;
    r.w[0] = static_cast<uint64_t>(v);
    r.w[1] = static_cast<uint64_t>(v >> 64);
    return r;
  }
  bool isZero() const { return (w[0] | w[1] | w[2] | w[3]) == 0; }
  bool fitsU128() const { return (w[2] | w[3]) == 0; }
  U128 low128() const { return (static_cast<U128>(w[1]) << 64) | w[0]; }
  int topWord() const {
    for (int i = 3; i >= 0; --i)
      if (w[i] != 0) return i;
    return -1;
  }
};

int compare(const U256& a, const U256& b) {
  for (int i = 3; i >= 0; --i) {
    if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
  }
  return 0;
}

U256 add(const U256& a, const U256& b) {
  U256 r;
  U128 carry = 0;
  for (int i = 0; i < 4; ++i) {
    U128 s = static_cast<U128>(a.w[i]) + b.w[i] + carry;
    r.w[i] = static_cast<uint64_t>(s);
    carry = s >> 64;
  }
  BAOCAO_CHECK(carry == 0, "decimal intermediates stay below 10^77 < 2^256");
  return r;
}

// a - b, requires a >= b.
U256 sub(const U256& a, const U256& b) {
  U256 r;
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    uint64_t bi = b.w[i] + borrow;
    borrow = (bi < borrow) || (a.w[i] < bi) ? 1 : 0;
    r.w[i] = a.w[i] - bi;
  }
  return r;
}

void mulSmall(U256& x, uint64_t k) {
  U128 carry = 0;
  for (int i = 0; i < 4; ++i) {
    U128 p = static_cast<U128>(x.w[i]) * k + carry;
    x.w[i] = static_cast<uint64_t>(p);
    carry = p >> 64;
  }
  BAOCAO_CHECK(carry == 0, "decimal intermediates stay below 10^77 < 2^256");
}

void mulPow10(U256& x, int n) {
  while (n > 0) {
    int c = std::min(n, 19);
    mulSmall(x, kPow10u64[c]);
    n -= c;
  }
}

U256 mul128(U128 a, U128 b) {
  const uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  const uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  U256 r;
  const uint64_t as[2] = {a0, a1}, bs[2] = {b0, b1};
  for (int i = 0; i < 2; ++i) {
    U128 carry = 0;
    for (int j = 0; j < 2; ++j) {
      U128 t = static_cast<U128>(as[i]) * bs[j] + r.w[i + j] + carry;
      r.w[i + j] = static_cast<uint64_t>(t);
      carry = t >> 64;
    }
    r.w[i + 2] = static_cast<uint64_t>(carry);
  }
  return r;
}

// x /= d, returns the remainder.
uint64_t divSmall(U256& x, uint64_t d) {
  if (x.fitsU128()) {
    U128 v = x.low128();
    x = U256::of(v / d);
    return static_cast<uint64_t>(v % d);
  }
  U128 rem = 0;
  for (int i = x.topWord(); i >= 0; --i) {
    U128 cur = (rem << 64) | x.w[i];
    x.w[i] = static_cast<uint64_t>(cur / d);
    rem = cur % d;
  }
  return static_cast<uint64_t>(rem);
}

// n / d and n % d for a 128-bit divisor d != 0.
void divMod(const U256& n, U128 d, U256& q, U128& r) {
  if (n.fitsU128()) {
    q = U256::of(n.low128() / d);
    r = n.low128() % d;
    return;
  }
  if ((d >> 64) == 0) {
    q = n;
    r = divSmall(q, static_cast<uint64_t>(d));
    return;
  }
  // Binary long division; only reached for a wide numerator and a divisor >= 2^64, which is
  // rare enough (large values at full 18-digit scale) not to need Knuth's algorithm D.
  q = U256{};
  U128 rem = 0;
  for (int bit = n.topWord() * 64 + 63; bit >= 0; --bit) {
    const bool top = (rem >> 127) != 0;
    rem = (rem << 1) | ((n.w[bit / 64] >> (bit % 64)) & 1);
    if (top || rem >= d) {
      rem -= d;  // the true value is below 2d, so the wrap-around is exact
      q.w[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
  r = rem;
}

const std::array<U256, 78>& pow10Table() {
  static const std::array<U256, 78> table = [] {
    std::array<U256, 78> t{};
    t[0] = U256::of(1);
    for (size_t i = 1; i < t.size(); ++i) {
      t[i] = t[i - 1];
      mulSmall(t[i], 10);
    }
    return t;
  }();
  return table;
}

// Number of decimal digits (0 for zero).
int digitCount(const U256& x) {
  const auto& t = pow10Table();
  int d = 0;
  while (d < 78 && compare(x, t[d]) >= 0) ++d;
  return d;
}

enum class Rounding { HalfEven, HalfAwayFromZero };

// Drops the k lowest decimal digits of x with rounding. `sticky` says that something non-zero
// was already discarded below x (the remainder of a division).
U256 roundDrop(U256 x, int k, bool sticky, Rounding mode) {
  if (k <= 0) return x;
  if (k > 77) return U256{};  // x < 10^77 <= 10^(k-1): less than half a unit of the result
  bool below = sticky;
  for (int left = k - 1; left > 0;) {
    const int c = std::min(left, 19);
    if (divSmall(x, kPow10u64[c]) != 0) below = true;
    left -= c;
  }
  const uint64_t digit = divSmall(x, 10);
  bool up = digit > 5;
  if (digit == 5) {
    up = mode == Rounding::HalfAwayFromZero || below || (x.w[0] & 1) != 0;
  }
  if (up) x = add(x, U256::of(1));
  return x;
}

U128 magnitude(Mantissa m) { return m < 0 ? U128(0) - static_cast<U128>(m) : static_cast<U128>(m); }

Error overflowError() {
  return makeError(ErrorCode::InvalidFormula, "kết quả vượt quá giới hạn 38 chữ số");
}

std::string quoted(std::string_view text) {
  // Echo at most ~40 bytes of the offending text, cut on a UTF-8 character boundary.
  if (text.size() > 40) {
    size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return "'" + std::string(text.substr(0, cut)) + "…'";
  }
  return "'" + std::string(text) + "'";
}

// A signed wide intermediate: (-1)^neg * mag / 10^scale.
struct Wide {
  bool neg = false;
  U256 mag;
  int scale = 0;
};

}  // namespace

// Gives the helpers below access to Decimal's private constructor.
struct DecimalAccess {
  // Strips trailing fractional zeros; m must already be within the limits.
  static Decimal normalized(Mantissa m, int scale) {
    if (m == 0) return Decimal();
    while (scale > 0) {
      if (m >= INT64_MIN && m <= INT64_MAX) {
        int64_t small = static_cast<int64_t>(m);
        while (scale > 0 && small % 10 == 0) {
          small /= 10;
          --scale;
        }
        return Decimal(small, static_cast<int8_t>(scale));
      }
      // Beyond 64 bits: strip up to 18 zeros with one 128-bit division instead of one per digit.
      const bool neg = m < 0;
      U128 u = magnitude(m);
      const uint64_t low = static_cast<uint64_t>(u % kPow10u64[18]);
      int zeros = 0;
      if (low == 0) {
        zeros = 18;
      } else {
        while (zeros < 18 && low % kPow10u64[zeros + 1] == 0) ++zeros;
      }
      zeros = std::min(zeros, scale);
      if (zeros == 0) break;
      u /= kPow10u64[zeros];
      scale -= zeros;
      m = neg ? -static_cast<Mantissa>(u) : static_cast<Mantissa>(u);
    }
    return Decimal(m, static_cast<int8_t>(scale));
  }

  // Rounds a wide intermediate (half-even) to at most 18 fractional and 38 significant digits.
  static Result<Decimal> fit(Wide w, bool sticky) {
    int k = std::max(0, w.scale - Decimal::kMaxScale);
    const int digits = digitCount(w.mag);
    if (digits - k > Decimal::kMaxDigits) k = digits - Decimal::kMaxDigits;
    if (k > w.scale) return overflowError();
    if (k > 0 || sticky) {
      w.mag = roundDrop(w.mag, k, sticky, Rounding::HalfEven);
      w.scale -= k;
      if (compare(w.mag, pow10Table()[Decimal::kMaxDigits]) >= 0) {  // 99…9.5 rounded up
        if (w.scale == 0) return overflowError();
        divSmall(w.mag, 10);
        --w.scale;
      }
    }
    BAOCAO_CHECK(w.mag.fitsU128() && w.mag.low128() < kLimit, "fit() leaves at most 38 digits");
    const Mantissa m = static_cast<Mantissa>(w.mag.low128());
    return normalized(w.neg ? -m : m, w.scale);
  }

  static Wide wide(const Decimal& d) {
    return Wide{d.mantissa_ < 0, U256::of(magnitude(d.mantissa_)), d.scale_};
  }
};

namespace {

bool inLimit(Mantissa m) { return magnitude(m) < kLimit; }

// Builds a Decimal from digit strings already validated: int_part and frac_part are ASCII digits.
Result<Decimal> fromDigits(std::string_view original, bool neg, std::string_view int_part,
                           std::string_view frac_part) {
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.remove_suffix(1);
  while (!int_part.empty() && int_part.front() == '0') int_part.remove_prefix(1);
  if (frac_part.size() > static_cast<size_t>(Decimal::kMaxScale)) {
    return makeError(ErrorCode::InvalidField,
                     quoted(original) + " có quá 18 chữ số sau dấu thập phân");
  }
  std::string digits = std::string(int_part) + std::string(frac_part);
  size_t lead = 0;
  while (lead < digits.size() && digits[lead] == '0') ++lead;
  if (digits.size() - lead > static_cast<size_t>(Decimal::kMaxDigits)) {
    return makeError(ErrorCode::InvalidField, quoted(original) + " vượt quá 38 chữ số");
  }
  Mantissa m = 0;
  for (size_t i = lead; i < digits.size(); ++i) m = m * 10 + (digits[i] - '0');
  return Decimal::fromMantissa(neg ? -m : m, static_cast<int>(frac_part.size()));
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string u128Digits(U128 v) {
  if (v == 0) return "0";
  char buf[48];
  int pos = 48;
  while (v != 0) {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  return std::string(buf + pos, buf + 48);
}

// Splits |value| into integer and fraction digit strings.
void splitDigits(Mantissa m, int scale, std::string& int_part, std::string& frac_part) {
  std::string digits = u128Digits(magnitude(m));
  if (static_cast<int>(digits.size()) <= scale) {
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  }
  int_part = digits.substr(0, digits.size() - static_cast<size_t>(scale));
  frac_part = digits.substr(digits.size() - static_cast<size_t>(scale));
}

}  // namespace

Decimal Decimal::fromInt(int64_t value) { return Decimal(value, 0); }

Result<Decimal> Decimal::fromMantissa(Mantissa mantissa, int scale) {
  if (scale < 0) return overflowError();
  while (scale > kMaxScale && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (scale > kMaxScale) {
    return makeError(ErrorCode::InvalidFormula, "số có quá 18 chữ số sau dấu thập phân");
  }
  if (!inLimit(mantissa)) return overflowError();
  return DecimalAccess::normalized(mantissa, scale);
}

Result<Decimal> Decimal::parse(std::string_view text) {
  std::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  const size_t dot = s.find('.');
  std::string_view int_part = s.substr(0, dot);
  std::string_view frac_part = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (!allDigits(int_part) || (dot != std::string_view::npos && !allDigits(frac_part))) {
    return makeError(ErrorCode::InvalidField, quoted(text) + " không phải là số");
  }
  return fromDigits(text, neg, int_part, frac_part);
}

Result<Decimal> Decimal::parseVietnamese(std::string_view text) {
  std::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  const size_t comma = s.find(',');
  std::string_view grouped = s.substr(0, comma);
  std::string_view frac_part =
      comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
  auto bad = [&] {
    return makeError(ErrorCode::InvalidField,
                     quoted(text) + " không đúng định dạng số (ví dụ 1.234,5)");
  };
  if (comma != std::string_view::npos && !allDigits(frac_part)) return bad();
  std::string int_part;
  if (grouped.find('.') == std::string_view::npos) {
    if (!allDigits(grouped)) return bad();
    int_part = grouped;
  } else {
    size_t start = 0;
    bool first = true;
    while (true) {
      const size_t dot = grouped.find('.', start);
      std::string_view group = grouped.substr(start, dot == std::string_view::npos ? dot : dot - start);
      if (!allDigits(group) || group.size() > 3 || (!first && group.size() != 3)) return bad();
      int_part += group;
      first = false;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  return fromDigits(text, neg, int_part, frac_part);
}

std::string Decimal::toString() const {
  std::string int_part, frac_part;
  splitDigits(mantissa_, scale_, int_part, frac_part);
  std::string out = isNegative() ? "-" : "";
  out += int_part;
  if (!frac_part.empty()) out += "." + frac_part;
  return out;
}

std::string Decimal::toVietnamese() const {
  std::string int_part, frac_part;
  splitDigits(mantissa_, scale_, int_part, frac_part);
  std::string out = isNegative() ? "-" : "";
  for (size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) out += '.';
    out += int_part[i];
  }
  if (!frac_part.empty()) out += "," + frac_part;
  return out;
}

double Decimal::toDouble() const {
  return static_cast<double>(mantissa_) / static_cast<double>(kPow10u64[scale_]);
}

std::optional<int64_t> Decimal::toInt64() const {
  if (scale_ != 0 || mantissa_ < INT64_MIN || mantissa_ > INT64_MAX) return std::nullopt;
  return static_cast<int64_t>(mantissa_);
}

Result<Decimal> Decimal::add(const Decimal& other) const {
  const int s = std::max<int>(scale_, other.scale_);
  Mantissa a = mantissa_, b = other.mantissa_, sum;
  // Fast path: aligned operands and the sum fit in 128 bits (the usual case).
  if (!__builtin_mul_overflow(a, static_cast<Mantissa>(kPow10u64[s - scale_]), &a) &&
      !__builtin_mul_overflow(b, static_cast<Mantissa>(kPow10u64[s - other.scale_]), &b) &&
      !__builtin_add_overflow(a, b, &sum) && inLimit(sum)) {
    return DecimalAccess::normalized(sum, s);
  }
  Wide x = DecimalAccess::wide(*this), y = DecimalAccess::wide(other);
  mulPow10(x.mag, s - x.scale);
  mulPow10(y.mag, s - y.scale);
  Wide r{x.neg, {}, s};
  if (x.neg == y.neg) {
    r.mag = expr::add(x.mag, y.mag);
  } else if (compare(x.mag, y.mag) >= 0) {
    r.mag = sub(x.mag, y.mag);
  } else {
    r.mag = sub(y.mag, x.mag);
    r.neg = y.neg;
  }
  return DecimalAccess::fit(r, false);
}

Result<Decimal> Decimal::subtract(const Decimal& other) const { return add(other.negated()); }

Result<Decimal> Decimal::multiply(const Decimal& other) const {
  Mantissa p;
  const int s = scale_ + other.scale_;
  if (s <= kMaxScale && !__builtin_mul_overflow(mantissa_, other.mantissa_, &p) && inLimit(p)) {
    return DecimalAccess::normalized(p, s);
  }
  Wide r{(mantissa_ < 0) != (other.mantissa_ < 0),
         mul128(magnitude(mantissa_), magnitude(other.mantissa_)), s};
  return DecimalAccess::fit(r, false);
}

Result<Decimal> Decimal::divide(const Decimal& other) const {
  if (other.isZero()) return makeError(ErrorCode::InvalidFormula, "chia cho 0");
  if (isZero()) return Decimal();
  // Quotient at scale 19 (one guard digit) plus a sticky remainder, then one half-even rounding
  // to 18 digits: no double rounding.
  constexpr int kWorkScale = kMaxScale + 1;
  const bool neg = (mantissa_ < 0) != (other.mantissa_ < 0);
  const int shift = kWorkScale + other.scale_ - scale_;
  const U128 a = magnitude(mantissa_), b = magnitude(other.mantissa_);
  U128 n;
  // Fast path: the scaled numerator fits in 128 bits (values up to ~10^19 at scale 0).
  if (shift <= 38 && !__builtin_mul_overflow(a, kPow10u128[shift], &n)) {
    const U128 q = n / b;
    const bool sticky = n % b != 0;
    U128 kept = q / 10;
    const unsigned digit = static_cast<unsigned>(q % 10);
    if (digit > 5 || (digit == 5 && (sticky || (kept & 1) != 0))) ++kept;
    if (kept < kLimit) {
      const Mantissa m = static_cast<Mantissa>(kept);
      return DecimalAccess::normalized(neg ? -m : m, kMaxScale);
    }
  }
  U256 wide = U256::of(a);
  mulPow10(wide, shift);
  U256 q;
  U128 r;
  divMod(wide, b, q, r);
  return DecimalAccess::fit(Wide{neg, q, kWorkScale}, r != 0);
}

Result<Decimal> Decimal::round(int digits) const {
  if (digits >= scale_) return *this;
  if (digits < -(kMaxDigits + 2)) return Decimal();  // |x| < 10^38: rounds to zero
  const int k = scale_ - digits;
  if (digits >= 0) {  // fast path: drop k <= 18 fractional digits in 128 bits
    const U128 p = kPow10u128[k];
    const U128 mag = magnitude(mantissa_);
    U128 q = mag / p;
    if (mag % p >= p / 2) ++q;  // half away from zero; cannot exceed the original magnitude
    const Mantissa m = static_cast<Mantissa>(q);
    return DecimalAccess::normalized(mantissa_ < 0 ? -m : m, digits);
  }
  U256 q = roundDrop(U256::of(magnitude(mantissa_)), k, false, Rounding::HalfAwayFromZero);
  int scale = digits;
  if (digits < 0) {
    mulPow10(q, -digits);
    scale = 0;
  }
  return DecimalAccess::fit(Wide{mantissa_ < 0, q, scale}, false);
}

Decimal Decimal::negated() const { return Decimal(-mantissa_, scale_); }

Decimal Decimal::abs() const { return isNegative() ? negated() : *this; }

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) return a.mantissa_ <=> b.mantissa_;
  const bool an = a.mantissa_ < 0, bn = b.mantissa_ < 0;
  if (an != bn) return an ? std::strong_ordering::less : std::strong_ordering::greater;
  const int s = std::max<int>(a.scale_, b.scale_);
  Wide x = DecimalAccess::wide(a), y = DecimalAccess::wide(b);
  mulPow10(x.mag, s - x.scale);
  mulPow10(y.mag, s - y.scale);
  int c = compare(x.mag, y.mag);
  if (an) c = -c;
  return c < 0 ? std::strong_ordering::less
               : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

}  // namespace baocao::core::expr
