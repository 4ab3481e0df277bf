// Consolidation of accepted unit reports (core/consolidation/consolidation.h): each rule across
// units, table-driven; rates recomputed from aggregates; completeness; drill-down; bad data.
#include "core/consolidation/consolidation.h"

#include <gtest/gtest.h>

namespace baocao::core::consolidation {
namespace {

using expr::Decimal;
using form::ColumnKind;
using form::RowKind;
using indicator::UnitAggregation;

form::Form communeForm() {
  form::Form f;
  f.code = "B01";
  f.title = "Chỉ tiêu cấp xã";
  f.columns = {{"TH", "Thực hiện", "", "", ColumnKind::Input, "", std::nullopt},
               {"CK", "Cùng kỳ", "", "", ColumnKind::Input, "", std::nullopt},
               {"SS", "% so cùng kỳ", "", "%", ColumnKind::Computed, "[TH] / [CK] * 100", 1}};
  f.rows = {{"DS", "Dân số", "người", "", RowKind::Input, "", 0},
            {"HN", "Số hộ nghèo", "hộ", "", RowKind::Input, "", 0},
            {"TLHN", "Tỷ lệ hộ nghèo", "%", "", RowKind::Computed, "[HN] / [HO] * 100", 2},
            {"HO", "Số hộ", "hộ", "", RowKind::Input, "", 0},
            {"GIA", "Giá lúa bình quân", "đồng/kg", "", RowKind::Input, "", 1},
            {"MUA", "Lượng mưa lớn nhất", "mm", "", RowKind::Input, "", 1},
            {"TTHAP", "Nhiệt độ thấp nhất", "°C", "", RowKind::Input, "", 1},
            {"DIEM", "Điểm đánh giá", "điểm", "", RowKind::Input, "", 2},
            {"GHICHU", "Xếp loại", "", "", RowKind::Input, "", 0},
            {"DT", "Diện tích", "ha", "", RowKind::Input, "", 2}};
  return f;
}

std::map<std::string, Rule> rules() {
  return {{"DS", {UnitAggregation::Sum, ""}},        {"HN", {UnitAggregation::Sum, ""}},
          {"HO", {UnitAggregation::Sum, ""}},        {"GIA", {UnitAggregation::WeightedAverage, "DS"}},
          {"MUA", {UnitAggregation::Max, ""}},       {"TTHAP", {UnitAggregation::Min, ""}},
          {"DIEM", {UnitAggregation::Average, ""}},  {"GHICHU", {UnitAggregation::None, ""}},
          {"DT", {UnitAggregation::Sum, ""}}};
}

Unit unit(int64_t id, const char* code) { return {id, code, std::string("Xã ") + code}; }

struct Case {
  const char* name;
  const char* cell;
  // values of units X1, X2, X3 ("" = blank)
  const char* v1;
  const char* v2;
  const char* v3;
  const char* expect;  // "" = no aggregate
  const char* method;
  const char* note;    // substring of the note, "" = no note
};

const Case kCases[] = {
    {"sum", "DS.TH", "1000", "2500", "500", "4000", "sum", ""},
    {"sum skips blanks", "DS.TH", "1000", "", "500", "1500", "sum", ""},
    {"sum of decimals is exact", "DT.TH", "0.1", "0.2", "", "0.3", "sum", ""},
    {"sum rounds to the row's decimals", "DT.TH", "0.004", "0.001", "", "0.01", "sum", ""},
    {"weighted average needs a weight", "GIA.CK", "0.1", "0.2", "", "", "weighted_average",
     "không đơn vị nào có cả giá trị và quyền số (DS.CK)"},
    {"average of those who reported, rounded to the row's decimals", "DIEM.TH", "7", "8", "8",
     "7.67", "average", ""},
    {"max", "MUA.TH", "120.5", "98", "130.2", "130.2", "max", ""},
    {"min with negatives", "TTHAP.TH", "-1.5", "3", "-2", "-2", "min", ""},
    {"none gives no aggregate", "GHICHU.TH", "1", "2", "3", "", "none", ""},
    {"nobody reported: blank without note", "MUA.CK", "", "", "", "", "max", ""},
    {"computed column is recomputed, not summed", "DS.SS", "", "", "", "", "computed", ""},
};

TEST(Consolidation, EachRuleAcrossUnits) {
  form::Form f = communeForm();
  ASSERT_TRUE(form::validateForm(f)) << form::validateForm(f).error().message;
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    Input in{&f, rules(), {unit(1, "X1"), unit(2, "X2"), unit(3, "X3")}, {}};
    const char* vs[] = {c.v1, c.v2, c.v3};
    for (int i = 0; i < 3; ++i) {
      UnitReport r{unit(i + 1, i == 0 ? "X1" : i == 1 ? "X2" : "X3"), {}};
      if (*vs[i]) r.values[c.cell] = vs[i];
      in.accepted.push_back(r);
    }
    auto out = consolidate(in);
    ASSERT_TRUE(out) << out.error().message;
    const auto* cell = out->cell(c.cell);
    ASSERT_NE(cell, nullptr);
    EXPECT_EQ(methodId(cell->method), c.method);
    EXPECT_EQ(cell->value ? cell->value->toString() : "", c.expect);
    if (*c.note) EXPECT_NE(cell->note.find(c.note), std::string::npos) << cell->note;
    else EXPECT_EQ(cell->note, "");
  }
}

Input threeCommunes(const form::Form& f) {
  Input in{&f, rules(), {unit(3, "X3"), unit(1, "X1"), unit(2, "X2"), unit(4, "X4")}, {}};
  in.accepted.push_back({unit(2, "X2"), {{"DS.TH", "3000"}, {"DS.CK", "2900"},
                                         {"HN.TH", "30"}, {"HO.TH", "1000"},
                                         {"GIA.TH", "7000"}}});
  in.accepted.push_back({unit(1, "X1"), {{"DS.TH", "1000"}, {"DS.CK", "1100"},
                                         {"HN.TH", "90"}, {"HO.TH", "300"},
                                         {"GIA.TH", "6000"}}});
  in.accepted.push_back({unit(3, "X3"), {{"DS.TH", "abc"}, {"HN.TH", "1"}}});
  return in;
}

TEST(Consolidation, RatesAreRecomputedFromTheAggregatedParts) {
  form::Form f = communeForm();
  auto out = consolidate(threeCommunes(f)).value();
  // 121 poor households of 1300: 9.31 %, not 30 % + 3 % = 33 % (nor their average)
  EXPECT_EQ(out.cell("HN.TH")->value->toString(), "121");
  EXPECT_EQ(out.cell("TLHN.TH")->value->toString(), "9.31");
  EXPECT_EQ(out.cell("TLHN.TH")->method, Method::Computed);
  // DS: 4000 / 4000 * 100 = 100.0; the per-unit drill-down of a computed cell is each unit's
  EXPECT_EQ(out.cell("DS.SS")->value->toString(), "100");
  const auto& dd = out.cell("DS.SS")->units;
  ASSERT_EQ(dd.size(), 3u);
  EXPECT_EQ(dd[0].value->round(1)->toString(), "90.9");  // X1: 1000 / 1100
  EXPECT_EQ(dd[1].value->round(1)->toString(), "103.4");  // X2: 3000 / 2900
  EXPECT_FALSE(dd[2].value);                              // X3 reported no DS
}

TEST(Consolidation, WeightedAverageUsesTheWeightOfTheSameUnit) {
  form::Form f = communeForm();
  auto out = consolidate(threeCommunes(f)).value();
  // (6000 × 1000 + 7000 × 3000) / 4000 = 6750
  EXPECT_EQ(out.cell("GIA.TH")->value->toString(), "6750");
  EXPECT_EQ(out.cell("GIA.TH")->reported, 2);
}

TEST(Consolidation, CompletenessListsTheMissingUnitsAndDrillDownIsByUnitCode) {
  form::Form f = communeForm();
  auto out = consolidate(threeCommunes(f)).value();
  EXPECT_EQ(out.completenessLabel(), "3/4 đơn vị");
  ASSERT_EQ(out.missing.size(), 1u);
  EXPECT_EQ(out.missing[0].code, "X4");
  ASSERT_EQ(out.units.size(), 3u);
  EXPECT_EQ(out.units[0].code, "X1");
  EXPECT_EQ(out.units[2].code, "X3");
  const auto* ds = out.cell("DS.TH");
  EXPECT_EQ(ds->reported, 2);  // X3's "abc" is not a number
  EXPECT_EQ(ds->units[0], (UnitValue{1, Decimal::parse("1000").value()}));
  EXPECT_EQ(ds->value->toString(), "4000");
}

TEST(Consolidation, BadDataAndStrangersAreReportedNotSummed) {
  form::Form f = communeForm();
  Input in = threeCommunes(f);
  in.accepted.push_back({unit(9, "Y9"), {{"DS.TH", "5"}}});
  in.accepted.push_back({unit(1, "X1"), {{"DS.TH", "7"}}});
  auto out = consolidate(in).value();
  ASSERT_EQ(out.problems.size(), 3u);
  EXPECT_EQ(out.problems[0], "Báo cáo của đơn vị Y9 - Xã Y9 không thuộc danh sách đơn vị phải "
                             "báo cáo, không được tổng hợp");
  EXPECT_EQ(out.problems[1], "Đơn vị X1 có hai báo cáo được tiếp nhận; chỉ tổng hợp báo cáo đầu tiên");
  EXPECT_EQ(out.problems[2], "Báo cáo của đơn vị X3, ô DS.TH: 'abc' không phải là số, không được "
                             "tổng hợp");
  EXPECT_EQ(out.cell("DS.TH")->value->toString(), "4000");
}

TEST(Consolidation, PulledValuesAreTheInputAggregatesOnly) {
  form::Form f = communeForm();
  auto pulled = consolidate(threeCommunes(f)).value().inputValues();
  EXPECT_EQ(pulled.at("DS.TH"), "4000");
  EXPECT_EQ(pulled.at("HN.TH"), "121");
  EXPECT_EQ(pulled.at("GIA.TH"), "6750");
  EXPECT_FALSE(pulled.count("TLHN.TH"));  // computed by the receiver's own form
  EXPECT_FALSE(pulled.count("DS.SS"));
  EXPECT_FALSE(pulled.count("GHICHU.TH"));
}

TEST(Consolidation, WeightedAverageWithoutWeightsSaysWhy) {
  form::Form f = communeForm();
  auto r = rules();
  r["GIA"].weight_code = "KHONG_CO";
  Input in{&f, r, {unit(1, "X1")}, {{unit(1, "X1"), {{"GIA.TH", "5"}}}}};
  auto out = consolidate(in).value();
  EXPECT_FALSE(out.cell("GIA.TH")->value);
  EXPECT_EQ(out.cell("GIA.TH")->note, "chỉ tiêu quyền số 'KHONG_CO' không có trong biểu");
  Input zero{&f, rules(), {unit(1, "X1")}, {{unit(1, "X1"), {{"GIA.TH", "5"}, {"DS.TH", "0"}}}}};
  EXPECT_EQ(consolidate(zero).value().cell("GIA.TH")->note, "tổng quyền số (DS.TH) bằng 0");
}

TEST(Consolidation, NoReportsYetGivesAnEmptyButCompleteTable) {
  form::Form f = communeForm();
  Input in{&f, rules(), {unit(1, "X1"), unit(2, "X2")}, {}};
  auto out = consolidate(in).value();
  EXPECT_EQ(out.completenessLabel(), "0/2 đơn vị");
  EXPECT_EQ(out.missing.size(), 2u);
  EXPECT_EQ(out.cells.size(), f.rows.size() * f.columns.size());
  for (const auto& c : out.cells) EXPECT_FALSE(c.value) << c.cell;
}

}  // namespace
}  // namespace baocao::core::consolidation
