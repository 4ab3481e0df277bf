// Formula parser, checker and evaluator: the properties the data-file cases cannot express
// (nesting limits, positions after multi-line text, references listed, speed).
#include "core/expr/formula.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/expr/evaluator.h"
#include "core/expr/type_check.h"

namespace baocao::core::expr {
namespace {

std::string errorOf(std::string_view text) {
  auto f = Formula::parse(text);
  return f ? "" : f.error().message;
}

TEST(FormulaParse, ListsReferencesWithPartsShiftsAndPositions) {
  auto f = Formula::parse("[DS.nu] + samelastyear(ytd([XK])) - prev([GRDP])");
  ASSERT_TRUE(f.has_value());
  const auto& refs = f->references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].code, "DS");
  EXPECT_EQ(refs[0].part, "nu");
  EXPECT_EQ(refs[0].position, 1);
  EXPECT_TRUE(refs[0].shift.isCurrent());
  EXPECT_EQ(refs[1].code, "XK");
  EXPECT_EQ(refs[1].shift, (PeriodShift{0, 1, true}));
  EXPECT_EQ(refs[1].position, 28);
  EXPECT_EQ(refs[2].shift, (PeriodShift{1, 0, false}));
  EXPECT_EQ(f->text(), "[DS.nu] + samelastyear(ytd([XK])) - prev([GRDP])");
}

TEST(FormulaParse, CountsPositionsInCharactersAcrossLines) {
  // "Hà Nội" is 6 characters (9 bytes); the newline counts as one character.
  EXPECT_EQ(errorOf("if([T] = \"Hà Nội\",\n 1, #)"), "ký tự 24: không hiểu ký hiệu '#'");
}

TEST(FormulaParse, RejectsInvalidUtf8NamingTheCharacter) {
  EXPECT_EQ(errorOf("1 + \"\xC3\""), "ký tự 6: văn bản không phải UTF-8 hợp lệ");
}

TEST(FormulaParse, RefusesNestingDeeperThanTheLimitWithoutExhaustingTheStack) {
  const std::string ok = std::string(150, '(') + "1" + std::string(150, ')');
  EXPECT_TRUE(Formula::parse(ok).has_value());
  const std::string deep = std::string(100000, '(') + "1" + std::string(100000, ')');
  EXPECT_EQ(errorOf(deep), "ký tự 201: công thức lồng nhau quá sâu (tối đa 200 mức)");
  EXPECT_NE(errorOf(std::string(100000, '-') + "1").find("quá sâu"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "not ";
  EXPECT_NE(errorOf(nots + "true").find("quá sâu"), std::string::npos);
  // a long flat chain is as deep as it is long: bounded the same way
  std::string chain = "1";
  for (int i = 0; i < 1000; ++i) chain += " + 1";
  EXPECT_NE(errorOf(chain).find("quá sâu"), std::string::npos);
  std::string short_chain = "1";
  for (int i = 0; i < 150; ++i) short_chain += " + 1";
  auto f = Formula::parse(short_chain);
  ASSERT_TRUE(f.has_value());
  auto v = evaluate(*f, [](const Reference&) { return Value::null(); });
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->toString(), "151");
}

TEST(FormulaParse, KeywordsAndFunctionNamesIgnoreCase) {
  auto f = Formula::parse("IF(TRUE And Not FALSE, MAX(1, 2), Coalesce(3, 4))");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->toString(), "if(true and not false, max(1, 2), coalesce(3, 4))");
}

TEST(FormulaTypes, ReportsTheResultTypeFromTheCatalog) {
  auto f = Formula::parse("if([XL] = \"Tốt\", [DIEM], 0)");
  ASSERT_TRUE(f.has_value());
  auto t = checkTypes(*f, [](std::string_view code) -> std::optional<IndicatorInfo> {
    if (code == "XL") return IndicatorInfo{ValueType::Text, {}};
    if (code == "DIEM") return IndicatorInfo{ValueType::Number, {}};
    return std::nullopt;
  });
  ASSERT_TRUE(t.has_value()) << t.error().message;
  EXPECT_EQ(*t, ValueType::Number);
}

TEST(FormulaErrors, CarryTheCodeAndThePositionInDetails) {
  auto f = Formula::parse("(1 + 2) * (3 + 4");
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().code, ErrorCode::InvalidFormula);
  ASSERT_EQ(f.error().details.size(), 1u);
  EXPECT_EQ(f.error().details[0].field, "ký tự 17");
  EXPECT_EQ(f.error().details[0].message, "thiếu dấu ')'");
}

TEST(FormulaEvaluate, CallsTheProviderOnlyForBranchesTaken) {
  auto f = Formula::parse("if([A] > 0, [B], [C]) + coalesce([D], [E])");
  ASSERT_TRUE(f.has_value());
  std::string asked;
  auto v = evaluate(*f, [&](const Reference& r) {
    asked += r.code;
    return r.code == "E" ? Value::null() : Value::ofNumber(Decimal::fromInt(2));
  });
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->toString(), "4");
  EXPECT_EQ(asked, "ABD");
}


}  // namespace
}  // namespace baocao::core::expr
