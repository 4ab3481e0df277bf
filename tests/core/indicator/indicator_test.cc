// Indicator validation (fields named in Vietnamese), breakdown sums, plan periods and the
// direction-aware achievement of a target.
#include "core/indicator/indicator.h"

#include <gtest/gtest.h>

#include "core/target/target.h"

namespace baocao::core::indicator {
namespace {

Indicator grdpGrowth() {
  Indicator i;
  i.code = "HCM_GRDP_TT";
  i.name = "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)";
  i.unit_of_measure = "%";
  i.value_type = ValueType::Percent;
  i.decimals = 2;
  i.direction = Direction::Higher;
  i.unit_aggregation = UnitAggregation::None;
  i.time_aggregation = TimeAggregation::Last;
  return i;
}

Indicator population() {
  Indicator i;
  i.code = "DS";
  i.name = "Dân số trung bình";
  i.unit_of_measure = "nghìn người";
  i.value_type = ValueType::Number;
  i.decimals = 1;
  i.unit_aggregation = UnitAggregation::Sum;
  i.time_aggregation = TimeAggregation::Last;
  i.breakdowns = {{"gioi_tinh", "Giới tính", {{"nam", "Nam"}, {"nu", "Nữ"}}},
                  {"khu_vuc", "Thành thị/nông thôn", {{"tt", "Thành thị"}, {"nt", "Nông thôn"}}}};
  return i;
}

std::string fieldOf(const Status& s) {
  return s.has_value() || s.error().details.empty() ? "" : s.error().details.front().field;
}

TEST(IndicatorValidation, AcceptsARealIndicator) {
  EXPECT_TRUE(validateIndicator(grdpGrowth()).has_value());
  EXPECT_TRUE(validateIndicator(population()).has_value());
}

TEST(IndicatorValidation, ErrorsNameTheFieldInVietnamese) {
  auto i = grdpGrowth();
  i.code = "GRDP tăng";
  auto s = validateIndicator(i);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::InvalidField);
  EXPECT_EQ(fieldOf(s), "code");
  EXPECT_NE(s.error().message.find("Trường 'code'"), std::string::npos) << s.error().message;

  i = grdpGrowth();
  i.name = "   ";
  EXPECT_EQ(fieldOf(validateIndicator(i)), "name");
  i = grdpGrowth();
  i.decimals = 7;
  EXPECT_EQ(fieldOf(validateIndicator(i)), "decimals");
}

TEST(IndicatorValidation, ARateIsNeverAddedOrAveragedAcrossUnits) {
  auto i = grdpGrowth();
  i.unit_aggregation = UnitAggregation::Sum;
  EXPECT_EQ(fieldOf(validateIndicator(i)), "unit_aggregation");
  i.unit_aggregation = UnitAggregation::Average;
  EXPECT_EQ(fieldOf(validateIndicator(i)), "unit_aggregation");
  i.unit_aggregation = UnitAggregation::WeightedAverage;
  i.weight_code = "DS";
  EXPECT_TRUE(validateIndicator(i).has_value());
  i.time_aggregation = TimeAggregation::Sum;
  EXPECT_EQ(fieldOf(validateIndicator(i)), "time_aggregation");
}

TEST(IndicatorValidation, WeightedAverageNeedsAnotherIndicatorAsWeight) {
  auto i = grdpGrowth();
  i.unit_aggregation = UnitAggregation::WeightedAverage;
  EXPECT_EQ(fieldOf(validateIndicator(i)), "weight_code");
  i.weight_code = i.code;
  EXPECT_EQ(fieldOf(validateIndicator(i)), "weight_code");
  i.unit_aggregation = UnitAggregation::None;
  i.weight_code = "DS";
  EXPECT_EQ(fieldOf(validateIndicator(i)), "weight_code") << "a weight without weighted average";
}

TEST(IndicatorValidation, TextAndIntegerIndicatorsHaveNoDecimalsOrArithmetic) {
  Indicator t;
  t.code = "KQ";
  t.name = "Kết quả xếp hạng";
  t.value_type = ValueType::Text;
  EXPECT_TRUE(validateIndicator(t).has_value());
  t.decimals = 1;
  EXPECT_EQ(fieldOf(validateIndicator(t)), "decimals");
  t.decimals = 0;
  t.unit_aggregation = UnitAggregation::Sum;
  EXPECT_EQ(fieldOf(validateIndicator(t)), "unit_aggregation");
  t.unit_aggregation = UnitAggregation::None;
  t.direction = Direction::Higher;
  EXPECT_EQ(fieldOf(validateIndicator(t)), "direction");
  Indicator n = population();
  n.value_type = ValueType::Integer;
  EXPECT_EQ(fieldOf(validateIndicator(n)), "decimals");
}

TEST(IndicatorValidation, BreakdownsNeedDistinctCodesAndTwoParts) {
  auto i = population();
  i.breakdowns[1].code = "gioi_tinh";
  EXPECT_EQ(fieldOf(validateIndicator(i)), "breakdowns[1].code");
  i = population();
  i.breakdowns[0].parts.pop_back();
  EXPECT_EQ(fieldOf(validateIndicator(i)), "breakdowns[0].parts");
  i = population();
  i.breakdowns[0].parts[1].code = "nam";
  EXPECT_EQ(fieldOf(validateIndicator(i)), "breakdowns[0].parts[1].code");
}

TEST(BreakdownSums, PartsThatAddUpPass) {
  auto i = population();
  std::vector<CellValue> cells = {{{}, 9540.0},
                                  {{{"gioi_tinh", "nam"}}, 4650.3},
                                  {{{"gioi_tinh", "nu"}}, 4889.7},
                                  {{{"khu_vuc", "tt"}}, 7500.0},
                                  {{{"khu_vuc", "nt"}}, 2040.0}};
  auto s = checkBreakdownSums(i, cells);
  EXPECT_TRUE(s.has_value()) << s.error().message;
}

TEST(BreakdownSums, AMismatchNamesTheDimensionAndBothSums) {
  auto i = population();
  std::vector<CellValue> cells = {{{}, 9540.0},
                                  {{{"gioi_tinh", "nam"}}, 4650.0},
                                  {{{"gioi_tinh", "nu"}}, 4880.0}};
  auto s = checkBreakdownSums(i, cells);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("Giới tính: Nam + Nữ = 9530 khác tổng 9540"), std::string::npos)
      << s.error().message;
}

TEST(BreakdownSums, RoundingOfEachPartIsTolerated) {
  auto i = population();  // one decimal: each part may be off by 0.05
  EXPECT_TRUE(checkBreakdownSums(i, {{{}, 100.0}, {{{"gioi_tinh", "nam"}}, 50.05}, {{{"gioi_tinh", "nu"}}, 50.0}})
                  .has_value());
  EXPECT_FALSE(checkBreakdownSums(i, {{{}, 100.0}, {{{"gioi_tinh", "nam"}}, 50.2}, {{{"gioi_tinh", "nu"}}, 50.0}})
                   .has_value());
}

TEST(BreakdownSums, CrossCellsMustAddUpToTheirMargins) {
  auto i = population();
  std::vector<CellValue> cells = {
      {{{"gioi_tinh", "nam"}}, 50.0},
      {{{"gioi_tinh", "nam"}, {"khu_vuc", "tt"}}, 30.0},
      {{{"gioi_tinh", "nam"}, {"khu_vuc", "nt"}}, 21.0},
  };
  auto s = checkBreakdownSums(i, cells);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("Giới tính Nam"), std::string::npos) << s.error().message;
}

TEST(BreakdownSums, MissingPartsAndUnknownCodesAreReported) {
  auto i = population();
  auto s = checkBreakdownSums(i, {{{}, 100.0}, {{{"gioi_tinh", "nam"}}, 100.0}});
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("thiếu thành phần Nữ"), std::string::npos) << s.error().message;
  auto u = checkBreakdownSums(i, {{{}, 100.0}, {{{"tuoi", "0_14"}}, 100.0}});
  ASSERT_FALSE(u.has_value());
  EXPECT_NE(u.error().details.front().message.find("'tuoi'"), std::string::npos);
}

TEST(PlanPeriod, ParsesAnnualAndFiveYearPlans) {
  auto a = parsePlanPeriod("2026");
  ASSERT_TRUE(a.has_value());
  EXPECT_FALSE(a->fiveYear());
  EXPECT_EQ(a->id(), "2026");
  EXPECT_EQ(a->label(), "Năm 2026");
  auto f = parsePlanPeriod("2026-2030");
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->fiveYear());
  EXPECT_TRUE(f->contains(2028));
  EXPECT_FALSE(f->contains(2031));
  EXPECT_EQ(f->label(), "Giai đoạn 2026-2030");
  for (const char* bad : {"2026-2029", "26", "2026/2030", "1999", "năm 2026", ""}) {
    auto r = parsePlanPeriod(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPeriod);
    EXPECT_NE(r.error().message.find("plan_period"), std::string::npos);
  }
}

TEST(EnumIds, RoundTripAndRejectUnknown) {
  for (auto v : {ValueType::Number, ValueType::Integer, ValueType::Percent, ValueType::Text,
                 ValueType::YesNo, ValueType::Date})
    EXPECT_EQ(*parseValueType(valueTypeId(v)), v);
  for (auto a : {UnitAggregation::Sum, UnitAggregation::Average, UnitAggregation::WeightedAverage,
                 UnitAggregation::Min, UnitAggregation::Max, UnitAggregation::None})
    EXPECT_EQ(*parseUnitAggregation(unitAggregationId(a)), a);
  for (auto a : {TimeAggregation::Sum, TimeAggregation::Last, TimeAggregation::Average, TimeAggregation::None})
    EXPECT_EQ(*parseTimeAggregation(timeAggregationId(a)), a);
  auto bad = parseDirection("up");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("Trường 'direction'"), std::string::npos);
}

TEST(SetMembers, AnIndicatorAppearsOnceInAVersion) {
  std::vector<SetMember> m = {{1, 1, "A", "a", "", "", 1}, {2, 1, "B", "b", "", "", 2}};
  EXPECT_TRUE(validateMembers(m).has_value());
  m.push_back({1, 1, "A", "a", "", "", 3});
  auto s = validateMembers(m);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().details.front().field, "members[2]");
}

}  // namespace
}  // namespace baocao::core::indicator

namespace baocao::core::target {
namespace {

using indicator::Direction;

TEST(Achievement, HigherIsBetterIsActualOverTarget) {
  // GRDP growth: target 10 %, the city's 2025 estimate 8,03 % (hcmc-key-indicators.md).
  auto a = achievement(Direction::Higher, 10.0, 8.03);
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(a->percent.has_value());
  EXPECT_DOUBLE_EQ(*a->percent, 80.3);
  EXPECT_DOUBLE_EQ(a->difference, -1.97);
  EXPECT_FALSE(a->met);
  EXPECT_EQ(a->label, "Không đạt kế hoạch");
  auto b = achievement(Direction::Higher, 8.0, 8.03);
  EXPECT_TRUE(b->met);
  EXPECT_EQ(b->label, "Vượt kế hoạch");
}

TEST(Achievement, LowerIsBetterIsTargetOverActual) {
  // Poverty rate: target 0,5 %, actual 0,4 % → the plan is exceeded, 125 %.
  auto a = achievement(Direction::Lower, 0.5, 0.4);
  ASSERT_TRUE(a.has_value());
  EXPECT_DOUBLE_EQ(*a->percent, 125.0);
  EXPECT_TRUE(a->met);
  EXPECT_EQ(a->label, "Vượt kế hoạch");
  // Unemployment: target under 4 %, actual 4,2 % → not met, 95,24 %.
  auto b = achievement(Direction::Lower, 4.0, 4.2);
  EXPECT_DOUBLE_EQ(*b->percent, 95.24);
  EXPECT_FALSE(b->met);
}

TEST(Achievement, EqualIsMetAndLabelledAsSuch) {
  auto a = achievement(Direction::Lower, 4.0, 4.0);
  EXPECT_TRUE(a->met);
  EXPECT_EQ(a->label, "Đạt kế hoạch");
  EXPECT_DOUBLE_EQ(*a->percent, 100.0);
  EXPECT_DOUBLE_EQ(a->difference, 0.0);
}

TEST(Achievement, NoPercentWhenTheRatioIsMeaningless) {
  auto zero_actual = achievement(Direction::Lower, 0.5, 0.0);  // no poor household left
  EXPECT_FALSE(zero_actual->percent.has_value());
  EXPECT_TRUE(zero_actual->met);
  auto negative = achievement(Direction::Higher, 5.0, -1.2);   // growth turned negative
  EXPECT_FALSE(negative->percent.has_value());
  EXPECT_FALSE(negative->met);
  EXPECT_DOUBLE_EQ(negative->difference, -6.2);
  auto zero_target = achievement(Direction::Higher, 0.0, 3.0);
  EXPECT_FALSE(zero_target->percent.has_value());
  EXPECT_TRUE(zero_target->met);
}

TEST(Achievement, IndicatorsWithoutDirectionAreRefused) {
  auto a = achievement(Direction::None, 105.0, 110.0);  // sex ratio at birth
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, ErrorCode::InvalidField);
}

TEST(TargetValues, FollowTheIndicatorsValueType) {
  indicator::Indicator i;
  i.code = "DN";
  i.value_type = indicator::ValueType::Integer;
  EXPECT_TRUE(validateValue(i, 59750, "value").has_value());
  EXPECT_FALSE(validateValue(i, 59750.5, "value").has_value());
  i.value_type = indicator::ValueType::YesNo;
  EXPECT_TRUE(validateValue(i, 1, "value").has_value());
  EXPECT_FALSE(validateValue(i, 2, "value").has_value());
  i.value_type = indicator::ValueType::Text;
  auto t = validateValue(i, 1, "assigned_value");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().details.front().field, "assigned_value");
}

}  // namespace
}  // namespace baocao::core::target
