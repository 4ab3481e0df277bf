// Form designs: precedence of cell rules, validation of codes, nesting and formulas
// (core/form/form.h).
#include "core/form/form.h"

#include <gtest/gtest.h>

namespace baocao::core::form {
namespace {

Form socioEconomic() {
  Form f;
  f.code = "B01";
  f.title = "Một số chỉ tiêu chủ yếu";
  f.columns = {{"KH", "Kế hoạch năm", "", "", ColumnKind::Input, "", std::nullopt},
               {"TH", "Thực hiện kỳ báo cáo", "Thực hiện", "", ColumnKind::Input, "", std::nullopt},
               {"LK", "Lũy kế từ đầu năm", "Thực hiện", "", ColumnKind::Input, "", std::nullopt},
               {"CK", "Cùng kỳ năm trước", "", "", ColumnKind::Input, "", std::nullopt},
               {"SSCK", "% so cùng kỳ", "So sánh (%)", "%", ColumnKind::Computed,
                "[LK] / [CK] * 100", 1},
               {"SSKH", "% so kế hoạch", "So sánh (%)", "%", ColumnKind::Computed,
                "[LK] / [KH] * 100", 1}};
  f.rows = {{"KT", "I. KINH TẾ", "", "", RowKind::Heading, "", 0},
            {"TTNS", "Tổng thu ngân sách", "tỷ đồng", "", RowKind::Subtotal, "", 0},
            {"TTNS-ND", "Thu nội địa", "tỷ đồng", "TTNS", RowKind::Input, "", 0},
            {"TTNS-XNK", "Thu từ hoạt động xuất nhập khẩu", "tỷ đồng", "TTNS", RowKind::Input, "", 0},
            {"TL-ND", "Tỷ lệ thu nội địa", "%", "", RowKind::Computed, "[TTNS-ND] / [TTNS] * 100", 1}};
  f.rules = {{"R1", RuleScope::Row, "[LK] >= [TH]", Severity::Error,
              "Lũy kế không được nhỏ hơn số thực hiện kỳ báo cáo"},
             {"R2", RuleScope::Form, "[TTNS-ND.LK] <= [TTNS-ND.KH] * 2", Severity::Warning,
              "Thu nội địa vượt gấp đôi kế hoạch: đề nghị giải trình"}};
  f.sections = {{"TM", "Thuyết minh", "Giải trình các chỉ tiêu tăng, giảm", true}};
  return f;
}

bool hasDetail(const Status& s, const std::string& field, const std::string& needle = "") {
  if (s) return false;
  for (const auto& d : s.error().details)
    if (d.field == field && d.message.find(needle) != std::string::npos) return true;
  return false;
}

TEST(Form, AWellFormedSocioEconomicFormValidates) {
  auto s = validateForm(socioEconomic());
  EXPECT_TRUE(s) << s.error().message;
}

TEST(Form, ComputedColumnWinsOverSubtotalRowAndCellOverrideWinsOverBoth) {
  Form f = socioEconomic();
  const Row& total = *f.row("TTNS");
  EXPECT_EQ(cellRule(f, total, *f.column("TH")).source, CellRule::Source::RowSubtotal);
  EXPECT_EQ(cellRule(f, total, *f.column("SSCK")).source, CellRule::Source::Column);
  EXPECT_EQ(cellRule(f, *f.row("TTNS-ND"), *f.column("TH")).kind, CellKind::Input);
  EXPECT_EQ(cellRule(f, *f.row("KT"), *f.column("TH")).kind, CellKind::Disabled);
  f.cells.push_back({"TTNS-ND", "SSKH", CellKind::Disabled, ""});
  EXPECT_EQ(cellRule(f, *f.row("TTNS-ND"), *f.column("SSKH")).kind, CellKind::Disabled);
  EXPECT_TRUE(validateForm(f));
}

TEST(Form, NestingFollowsDisplayOrder) {
  Form f = socioEconomic();
  EXPECT_EQ(f.depth("TTNS-XNK"), 1);
  EXPECT_EQ(f.children("TTNS").size(), 2u);
  EXPECT_EQ(f.indicatorCodes(), (std::vector<std::string>{"TTNS", "TTNS-ND", "TTNS-XNK", "TL-ND"}));
  // a child placed after an unrelated row is refused
  std::swap(f.rows[3], f.rows[4]);
  EXPECT_TRUE(hasDetail(validateForm(f), "rows[4].parent", "liền sau"));
  // a parent that comes later is refused
  Form g = socioEconomic();
  g.rows[2].parent = "TL-ND";
  EXPECT_TRUE(hasDetail(validateForm(g), "rows[2].parent", "đứng trước"));
}

TEST(Form, SubtotalRowWithoutChildrenIsRefused) {
  Form f = socioEconomic();
  f.rows[2].parent = "";
  f.rows[3].parent = "";
  EXPECT_TRUE(hasDetail(validateForm(f), "rows[1].kind", "chưa có dòng con"));
}

TEST(Form, FormulaReferencesMustNameCellsOfTheForm) {
  Form f = socioEconomic();
  f.columns[4].formula = "[LK] / [XX] * 100";
  EXPECT_TRUE(hasDetail(validateForm(f), "columns[4].formula", "'XX' không phải cột"));
  f = socioEconomic();
  f.rules[1].formula = "[TTNS-ND] > 0";  // a form rule names a cell, row and column
  EXPECT_TRUE(hasDetail(validateForm(f), "rules[1].formula", "không phải ô"));
  f = socioEconomic();
  f.rules[0].formula = "[LK] + 1";  // a rule must be yes/no
  EXPECT_TRUE(hasDetail(validateForm(f), "rules[0].formula", "kiểu đúng/sai"));
  f = socioEconomic();
  f.columns[4].formula = "[LK] / (";  // syntax errors name the position
  EXPECT_TRUE(hasDetail(validateForm(f), "columns[4].formula", "ký tự"));
}

TEST(Form, RowCodesWithDotsAreReferencedWhole) {
  Form f = socioEconomic();
  f.rows.push_back({"HCM.GRDP.TT", "Tốc độ tăng GRDP", "%", "", RowKind::Input, "", 2});
  f.cells.push_back({"TL-ND", "KH", CellKind::Computed, "[HCM.GRDP.TT.KH] * 2"});
  auto s = validateForm(f);
  EXPECT_TRUE(s) << s.error().message;
}

TEST(Form, DuplicateCodesAndBadCharactersAreRefused) {
  Form f = socioEconomic();
  f.columns[1].code = "KH";
  f.rows[2].code = "Thu nội địa";
  auto s = validateForm(f);
  EXPECT_TRUE(hasDetail(s, "columns[1].code", "bị lặp lại"));
  EXPECT_TRUE(hasDetail(s, "rows[2].code", "chỉ được gồm"));
  EXPECT_NE(s.error().message.find("lỗi"), std::string::npos);
}

}  // namespace
}  // namespace baocao::core::form
