// Computed cells and validation rules of a filled-in form (core/form/evaluation.h): subtotals,
// column, row and cell formulas, rounding to the cell's decimals, prev()/samelastyear(), rules
// per row and per form, and errors that name the cell instead of failing.
#include "core/form/evaluation.h"

#include <gtest/gtest.h>

namespace baocao::core::form {
namespace {

Form form() {
  Form f;
  f.code = "B01";
  f.columns = {{"KH", "Kế hoạch", "", "", ColumnKind::Input, "", std::nullopt},
               {"TH", "Thực hiện", "", "", ColumnKind::Input, "", std::nullopt},
               {"LK", "Lũy kế", "", "", ColumnKind::Input, "", std::nullopt},
               {"SS", "% so kế hoạch", "", "%", ColumnKind::Computed, "[LK] / [KH] * 100", 1},
               {"TT", "Tăng so kỳ trước", "", "", ColumnKind::Computed, "[TH] - prev([TH])", std::nullopt}};
  f.rows = {{"KT", "I. KINH TẾ", "", "", RowKind::Heading, "", 0},
            {"T", "Tổng thu", "", "", RowKind::Subtotal, "", 0},
            {"A", "Thu nội địa", "", "T", RowKind::Input, "", 0},
            {"B", "Thu xuất nhập khẩu", "", "T", RowKind::Input, "", 0},
            {"TL", "Tỷ lệ nội địa", "%", "", RowKind::Computed, "[A] / [T] * 100", 2}};
  f.cells = {{"TL", "SS", CellKind::Disabled, ""}, {"TL", "TT", CellKind::Disabled, ""}};
  f.rules = {{"R1", RuleScope::Row, "[LK] >= [TH]", Severity::Error, "Lũy kế nhỏ hơn thực hiện"},
             {"R2", RuleScope::Form, "[A.LK] <= [A.KH]", Severity::Warning, "Vượt kế hoạch"}};
  return f;
}

TEST(FormEvaluation, ComputesSubtotalsFormulasAndRoundsToTheCellDecimals) {
  FormData d;
  d.current = {{"A.KH", "300"}, {"A.TH", "100"}, {"A.LK", "200"}, {"B.KH", "100"},
               {"B.TH", "50"},  {"B.LK", "50"}};
  d.previous = {{"A.TH", "90"}};
  auto e = evaluateForm(form(), d);
  EXPECT_EQ(e.computed.at("T.TH").value, "150");
  EXPECT_EQ(e.computed.at("T.LK").value, "250");
  EXPECT_EQ(e.computed.at("T.KH").value, "400");
  EXPECT_EQ(e.computed.at("A.SS").value, "66.7");  // 200/300*100 to 1 decimal
  EXPECT_EQ(e.computed.at("T.SS").value, "62.5");  // ratio of sums, not a sum of ratios
  EXPECT_EQ(e.computed.at("TL.TH").value, "66.67");
  EXPECT_EQ(e.computed.at("A.TT").value, "10");    // prev() reads the previous period
  EXPECT_FALSE(e.computed.at("B.TT").value);       // no previous value: blank
  EXPECT_EQ(e.computed.count("TL.SS"), 0u);        // not applicable
  EXPECT_TRUE(e.failures.empty());
}

TEST(FormEvaluation, RulesFailPerRowAndBlankDataIsNotAFailure) {
  FormData d;
  d.current = {{"A.KH", "100"}, {"A.TH", "100"}, {"A.LK", "150"}, {"B.TH", "60"}, {"B.LK", "50"}};
  auto e = evaluateForm(form(), d);
  ASSERT_EQ(e.failures.size(), 2u);
  EXPECT_EQ(e.failures[0].rule, "R1");
  EXPECT_EQ(e.failures[0].row, "B");
  EXPECT_EQ(e.failures[0].cells, (std::vector<std::string>{"B.LK", "B.TH"}));
  EXPECT_EQ(e.failures[1].rule, "R2");
  EXPECT_EQ(e.failures[1].severity, Severity::Warning);
  EXPECT_TRUE(e.failures[1].row.empty());
  // nothing entered: nothing fails
  EXPECT_TRUE(evaluateForm(form(), FormData{}).failures.empty());
}

TEST(FormEvaluation, ADivisionByZeroLeavesTheCellBlankAndNamesIt) {
  FormData d;
  d.current = {{"A.KH", "0"}, {"A.LK", "5"}};
  auto e = evaluateForm(form(), d);
  EXPECT_FALSE(e.computed.at("A.SS").value);
  EXPECT_NE(e.computed.at("A.SS").error.find("A.SS"), std::string::npos) << e.computed.at("A.SS").error;
  EXPECT_NE(e.computed.at("A.SS").error.find("chia cho 0"), std::string::npos);
  // an unreadable stored value counts as blank
  d.current["A.KH"] = "abc";
  EXPECT_FALSE(evaluateForm(form(), d).computed.at("A.SS").value);
}

}  // namespace
}  // namespace baocao::core::form
