// Computing the computed cells of a form from its inputs (core/form/form_values.h): subtotals,
// row and column formulas, precedence, blanks, division by zero, cycles, other periods.
#include "core/form/form_values.h"

#include <gtest/gtest.h>

namespace baocao::core::form {
namespace {

using expr::Decimal;

Decimal d(const char* s) { return Decimal::parse(s).value(); }

Form budget() {
  Form f;
  f.code = "B02";
  f.title = "Thu ngân sách";
  f.columns = {{"TH", "Thực hiện", "", "", ColumnKind::Input, "", std::nullopt},
               {"CK", "Cùng kỳ", "", "", ColumnKind::Input, "", std::nullopt},
               {"SS", "% so cùng kỳ", "", "%", ColumnKind::Computed, "[TH] / [CK] * 100", 1}};
  f.rows = {{"KT", "I. KINH TẾ", "", "", RowKind::Heading, "", 0},
            {"TT", "Tổng thu", "tỷ đồng", "", RowKind::Subtotal, "", 0},
            {"ND", "Thu nội địa", "tỷ đồng", "TT", RowKind::Input, "", 0},
            {"XNK", "Thu xuất nhập khẩu", "tỷ đồng", "TT", RowKind::Input, "", 0},
            {"TL", "Tỷ lệ thu nội địa", "%", "", RowKind::Computed, "[ND] / [TT] * 100", 2}};
  return f;
}

TEST(FormValues, CellCodeIsRowDotColumnAndSplitsAtTheLastDot) {
  EXPECT_EQ(cellCode("CT01", "TH"), "CT01.TH");
  auto s = splitCellCode("CT.01.TH");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->first, "CT.01");
  EXPECT_EQ(s->second, "TH");
  EXPECT_FALSE(splitCellCode("CT01"));
  EXPECT_FALSE(splitCellCode("CT01."));
  EXPECT_FALSE(splitCellCode(".TH"));
}

TEST(FormValues, SubtotalsRowFormulasAndColumnFormulasFollowThePrecedence) {
  Form f = budget();
  ASSERT_TRUE(validateForm(f)) << validateForm(f).error().message;
  auto out = computeCells(f, {{"ND.TH", d("300")}, {"XNK.TH", d("100")},
                              {"ND.CK", d("250")}, {"XNK.CK", d("150")}});
  EXPECT_TRUE(out.problems.empty());
  EXPECT_EQ(out.values.at("TT.TH"), d("400"));
  EXPECT_EQ(out.values.at("TT.CK"), d("400"));
  EXPECT_EQ(out.values.at("TT.SS"), d("100"));  // the column formula wins over the subtotal
  EXPECT_EQ(out.values.at("ND.SS"), d("120"));
  EXPECT_EQ(out.values.at("TL.TH"), d("75"));
  EXPECT_EQ(out.values.at("TL.CK"), d("62.5"));
  // the rate row's "% so cùng kỳ" is a ratio of its own rates, not a sum
  EXPECT_EQ(out.values.at("TL.SS"), d("120"));
  EXPECT_FALSE(out.values.count("KT.TH"));  // headings have no value
}

TEST(FormValues, BlankInputsGiveBlankResultsAndPartialSubtotalsSumWhatIsThere) {
  Form f = budget();
  auto out = computeCells(f, {{"ND.TH", d("300")}});
  EXPECT_EQ(out.values.at("TT.TH"), d("300"));
  EXPECT_FALSE(out.values.count("TT.CK"));
  EXPECT_FALSE(out.values.count("ND.SS"));  // 300 / blank
  EXPECT_TRUE(out.problems.empty());
}

TEST(FormValues, DivisionByZeroLeavesTheCellBlankAndSaysWhy) {
  Form f = budget();
  auto out = computeCells(f, {{"ND.TH", d("5")}, {"ND.CK", d("0")}});
  EXPECT_FALSE(out.values.count("ND.SS"));
  ASSERT_TRUE(out.problems.count("ND.SS"));
  EXPECT_NE(out.problems.at("ND.SS").find("chia cho 0"), std::string::npos)
      << out.problems.at("ND.SS");
}

TEST(FormValues, InputValuesGivenForComputedCellsAreIgnored) {
  Form f = budget();
  auto out = computeCells(f, {{"ND.TH", d("1")}, {"TT.TH", d("999")}});
  EXPECT_EQ(out.values.at("TT.TH"), d("1"));
}

TEST(FormValues, CellOverridesAndCyclesBetweenCellFormulas) {
  Form f = budget();
  f.cells.push_back({"XNK", "SS", CellKind::Disabled, ""});
  f.cells.push_back({"ND", "CK", CellKind::Computed, "[ND.TH] - 10"});
  auto out = computeCells(f, {{"ND.TH", d("50")}, {"XNK.TH", d("5")}});
  EXPECT_EQ(out.values.at("ND.CK"), d("40"));
  EXPECT_FALSE(out.values.count("XNK.SS"));

  Form c = budget();
  c.cells.push_back({"ND", "TH", CellKind::Computed, "[XNK.TH] + 1"});
  c.cells.push_back({"XNK", "TH", CellKind::Computed, "[ND.TH] + 1"});
  auto cyc = computeCells(c, {});
  EXPECT_FALSE(cyc.values.count("ND.TH"));
  EXPECT_FALSE(cyc.problems.empty());
  EXPECT_NE(cyc.problems.begin()->second.find("vòng"), std::string::npos);
}

TEST(FormValues, OtherPeriodsAreReadThroughTheCallback) {
  Form f = budget();
  f.columns[2].formula = "[TH] / prev([TH]) * 100";
  auto out = computeCells(f, {{"ND.TH", d("110")}},
                          [](const std::string& row, const std::string& col,
                             const expr::PeriodShift& shift) -> std::optional<Decimal> {
                            if (row == "ND" && col == "TH" && shift.periods == 1) return d("100");
                            return std::nullopt;
                          });
  EXPECT_EQ(out.values.at("ND.SS"), d("110"));
  auto without = computeCells(f, {{"ND.TH", d("110")}});
  EXPECT_FALSE(without.values.count("ND.SS"));
}

}  // namespace
}  // namespace baocao::core::form
