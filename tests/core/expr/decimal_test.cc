// Decimal: parsing and printing (canonical and Vietnamese), exact arithmetic, rounding rules,
// overflow at 38 digits.
#include "core/expr/decimal.h"

#include <gtest/gtest.h>

namespace baocao::core::expr {
namespace {

Decimal d(std::string_view s) {
  auto r = Decimal::parse(s);
  EXPECT_TRUE(r.has_value()) << s << ": " << (r ? "" : r.error().message);
  return r ? *r : Decimal();
}

std::string str(const Result<Decimal>& r) { return r ? r->toString() : "error: " + r.error().message; }

TEST(DecimalParse, ReadsCanonicalText) {
  EXPECT_EQ(d("1234.5").toString(), "1234.5");
  EXPECT_EQ(d("-0.25").toString(), "-0.25");
  EXPECT_EQ(d("+7").toString(), "7");
  EXPECT_EQ(d("007.500").toString(), "7.5");
  EXPECT_EQ(d("-0").toString(), "0");
  EXPECT_EQ(d("0.000000000000000001").toString(), "0.000000000000000001");
  EXPECT_EQ(d("99999999999999999999999999999999999999").toString(),
            "99999999999999999999999999999999999999");
}

TEST(DecimalParse, RejectsWhatIsNotACanonicalNumber) {
  for (std::string_view bad : {"", "-", "1.", ".5", "1,5", "1.2.3", "1e5", " 1", "1 ", "abc", "--1",
                               "1.234,5", "0x10"}) {
    auto r = Decimal::parse(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidField);
  }
  EXPECT_EQ(Decimal::parse("abc").error().message, "'abc' không phải là số");
  EXPECT_EQ(Decimal::parse("0.1234567890123456789").error().message,
            "'0.1234567890123456789' có quá 18 chữ số sau dấu thập phân");
  EXPECT_EQ(Decimal::parse("100000000000000000000000000000000000000").error().message,
            "'100000000000000000000000000000000000000' vượt quá 38 chữ số");
  // trailing zeros beyond 18 digits change nothing, so they are accepted
  EXPECT_EQ(str(Decimal::parse("1.5000000000000000000000")), "1.5");
}

TEST(DecimalParse, ReadsVietnameseThousandsDotsAndDecimalComma) {
  auto vi = [](std::string_view s) { return str(Decimal::parseVietnamese(s)); };
  EXPECT_EQ(vi("1.234,5"), "1234.5");
  EXPECT_EQ(vi("1234,5"), "1234.5");
  EXPECT_EQ(vi("-1.234.567"), "-1234567");
  EXPECT_EQ(vi("0,1"), "0.1");
  EXPECT_EQ(vi("12"), "12");
  EXPECT_EQ(vi("1.000"), "1000");  // a dot always groups thousands in Vietnamese
  for (std::string_view bad : {"1.23", "1.2345", ".123", "1..234", "1.234.", "1,", ",5", "1,2,3",
                               "1.234.56,7", "1234.5", "1 234"}) {
    auto r = Decimal::parseVietnamese(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidField);
  }
  EXPECT_EQ(Decimal::parseVietnamese("1.23").error().message,
            "'1.23' không đúng định dạng số (ví dụ 1.234,5)");
}

TEST(DecimalFormat, PrintsVietnameseWithDotGroupsAndDecimalComma) {
  EXPECT_EQ(d("1234.5").toVietnamese(), "1.234,5");
  EXPECT_EQ(d("-1234567.891").toVietnamese(), "-1.234.567,891");
  EXPECT_EQ(d("999").toVietnamese(), "999");
  EXPECT_EQ(d("1000").toVietnamese(), "1.000");
  EXPECT_EQ(d("0.05").toVietnamese(), "0,05");
  EXPECT_EQ(d("0").toVietnamese(), "0");
  EXPECT_EQ(d("-0.5").toVietnamese(), "-0,5");
}

TEST(DecimalFormat, VietnameseTextRoundTrips) {
  for (std::string_view s : {"0", "1", "-1", "0.1", "1234.5", "-98765432109876543210.123456789",
                             "99999999999999999999999999999999999999", "0.000000000000000001"}) {
    Decimal x = d(s);
    auto back = Decimal::parseVietnamese(x.toVietnamese());
    ASSERT_TRUE(back.has_value()) << x.toVietnamese();
    EXPECT_EQ(*back, x) << s;
    EXPECT_EQ(x.toString(), s);
  }
}

TEST(DecimalArithmetic, AddsTenthsExactly) {
  EXPECT_EQ(str(d("0.1").add(d("0.2"))), "0.3");
  EXPECT_EQ(d("0.1").add(d("0.2")).value(), d("0.3"));
  EXPECT_EQ(str(d("0.3").subtract(d("0.1"))), "0.2");
}

TEST(DecimalArithmetic, DividesToEighteenDigitsHalfEven) {
  EXPECT_EQ(str(d("1").divide(d("3"))), "0.333333333333333333");
  EXPECT_EQ(str(d("2").divide(d("3"))), "0.666666666666666667");
  EXPECT_EQ(str(d("-2").divide(d("3"))), "-0.666666666666666667");
  EXPECT_EQ(str(d("1").divide(d("2000000000000000000"))), "0");  // exactly half: to even
  EXPECT_EQ(str(d("3").divide(d("2000000000000000000"))), "0.000000000000000002");
  EXPECT_EQ(str(d("1").divide(d("0"))), "error: chia cho 0");
  EXPECT_EQ(d("1").divide(d("0")).error().code, ErrorCode::InvalidFormula);
}

TEST(DecimalArithmetic, DividesWideOperandsExactlyToTheLastDigit) {
  // numerator and divisor both beyond 64 bits: the slow long-division path
  EXPECT_EQ(str(d("12345678901234567890.123456789").divide(d("98765432109876543.21"))),
            "124.999998860937500015");
  EXPECT_EQ(str(d("99999999999999999999999999999999999999").divide(d("99999999999999999999999999999999999999"))),
            "1");
  EXPECT_EQ(str(d("0.000000000000000001").divide(d("99999999999999999999999999999999999999"))), "0");
}

TEST(DecimalArithmetic, OverflowIsAnErrorNotAWrap) {
  const Decimal max = d("99999999999999999999999999999999999999");
  EXPECT_EQ(str(max.add(d("1"))), "error: kết quả vượt quá giới hạn 38 chữ số");
  EXPECT_EQ(str(max.negated().subtract(d("1"))), "error: kết quả vượt quá giới hạn 38 chữ số");
  EXPECT_EQ(str(max.multiply(d("1.5"))), "error: kết quả vượt quá giới hạn 38 chữ số");
  EXPECT_EQ(str(max.divide(d("0.5"))), "error: kết quả vượt quá giới hạn 38 chữ số");
  EXPECT_EQ(str(max.add(d("0.4"))), "99999999999999999999999999999999999999");  // rounds to fit
  EXPECT_EQ(str(max.add(d("0.5"))), "error: kết quả vượt quá giới hạn 38 chữ số");
  EXPECT_EQ(str(max.multiply(d("1"))), "99999999999999999999999999999999999999");
}

TEST(DecimalArithmetic, KeepsThirtyEightSignificantDigitsAndRoundsTheRest) {
  // 20 integer digits + 18 fractional fit; a 21st integer digit costs a fractional one
  EXPECT_EQ(str(d("12345678901234567890").add(d("0.123456789012345678"))),
            "12345678901234567890.123456789012345678");
  EXPECT_EQ(str(d("123456789012345678901").add(d("0.123456789012345678"))),
            "123456789012345678901.12345678901234568");
  EXPECT_EQ(str(d("1.000000001").multiply(d("1.000000001"))), "1.000000002000000001");
  EXPECT_EQ(str(d("0.123456789").multiply(d("0.0000000005"))), "0.000000000061728394");
}

TEST(DecimalRound, RoundsHalfAwayFromZeroLikeExcel) {
  EXPECT_EQ(str(d("2.5").round(0)), "3");
  EXPECT_EQ(str(d("-2.5").round(0)), "-3");
  EXPECT_EQ(str(d("0.125").round(2)), "0.13");
  EXPECT_EQ(str(d("-0.125").round(2)), "-0.13");
  EXPECT_EQ(str(d("1250").round(-2)), "1300");
  EXPECT_EQ(str(d("-1250").round(-2)), "-1300");
  EXPECT_EQ(str(d("1249.999").round(-2)), "1200");
  EXPECT_EQ(str(d("9.99").round(1)), "10");
  EXPECT_EQ(str(d("1.5").round(5)), "1.5");
  EXPECT_EQ(str(d("123").round(-3)), "0");
  EXPECT_EQ(str(d("500").round(-3)), "1000");
  EXPECT_EQ(str(d("123").round(-1000)), "0");
}

TEST(DecimalCompare, OrdersValuesAcrossScales) {
  EXPECT_EQ(d("1.50"), d("1.5"));
  EXPECT_LT(d("1.49999999999999999"), d("1.5"));
  EXPECT_LT(d("-2"), d("-1.5"));
  EXPECT_GT(d("0.000000000000000001"), d("0"));
  EXPECT_LT(d("-99999999999999999999999999999999999999"), d("0.000000000000000001"));
  EXPECT_GT(d("10000000000000000000"), d("9999999999999999999.999999999999999999"));
}

TEST(DecimalConvert, ExposesIntegersAndMantissa) {
  EXPECT_EQ(d("42").toInt64(), 42);
  EXPECT_EQ(d("42.5").toInt64(), std::nullopt);
  EXPECT_EQ(d("99999999999999999999").toInt64(), std::nullopt);
  EXPECT_EQ(d("12.34").scale(), 2);
  EXPECT_EQ(static_cast<long long>(d("12.34").mantissa()), 1234);
  EXPECT_DOUBLE_EQ(d("0.3").toDouble(), 0.3);
  EXPECT_EQ(str(Decimal::fromMantissa(12300, 3)), "12.3");
  EXPECT_FALSE(Decimal::fromMantissa(1, 19).has_value());
}

}  // namespace
}  // namespace baocao::core::expr
