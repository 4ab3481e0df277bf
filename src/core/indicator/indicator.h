// The indicator catalog (kho chỉ tiêu mẫu) and indicator sets (bộ chỉ tiêu): what is measured,
// in which unit, how values combine across units and across time, how a value breaks down
// (sex × urban/rural …), and which indicators make up the set of a plan period and level.
// (DOMAIN.md "Indicators (chỉ tiêu) and targets"; 000 Đ4.7; 003 Đ3, Đ11; Decision 05/2023/QĐ-TTg.)
//
// Sets are versioned: publishing a new version appends an immutable membership list (with a
// snapshot of each member's code, name and unit of measure), so a report that used version 2
// keeps reading version 2 whatever happens to the set or to the catalog afterwards.
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::indicator {

/// What a value is. Stable ids: "number", "integer", "percent", "text", "yes_no", "date".
enum class ValueType { Number, Integer, Percent, Text, YesNo, Date };
/// Which way is good: "higher" (GRDP growth), "lower" (poverty rate), "none" (sex ratio at
/// birth, text indicators): achievement is only computed for higher/lower.
enum class Direction { Higher, Lower, None };
/// Across units: "sum", "average", "weighted_average" (by the indicator `weight_code`),
/// "min", "max", "none" (not aggregated: recomputed from its parts by a formula, or text).
enum class UnitAggregation { Sum, Average, WeightedAverage, Min, Max, None };
/// Across time: "sum" (flows: revenue of the months), "last" (stocks: population at the end),
/// "average" (average price index), "none".
enum class TimeAggregation { Sum, Last, Average, None };

std::string_view valueTypeId(ValueType v);
std::string_view valueTypeLabel(ValueType v);  // Vietnamese
Result<ValueType> parseValueType(std::string_view id);
std::string_view directionId(Direction d);
std::string_view directionLabel(Direction d);
Result<Direction> parseDirection(std::string_view id);
std::string_view unitAggregationId(UnitAggregation a);
std::string_view unitAggregationLabel(UnitAggregation a);
Result<UnitAggregation> parseUnitAggregation(std::string_view id);
std::string_view timeAggregationId(TimeAggregation a);
std::string_view timeAggregationLabel(TimeAggregation a);
Result<TimeAggregation> parseTimeAggregation(std::string_view id);

/// One named breakdown (phân tổ), e.g. {"gioi_tinh", "Giới tính", [{"nam","Nam"},{"nu","Nữ"}]}.
struct BreakdownPart {
  std::string code;
  std::string name;
  bool operator==(const BreakdownPart&) const = default;
};
struct Breakdown {
  std::string code;
  std::string name;
  std::vector<BreakdownPart> parts;
  bool operator==(const Breakdown&) const = default;
};

struct Indicator {
  int64_t id = 0;                      // assigned by the store
  std::string code;                    // unique, e.g. "HCM_GRDP_TT"; no '.' (formulas: [DS.nu])
  std::string name;                    // Vietnamese, NFC
  std::string unit_of_measure;         // đơn vị tính: "%", "tỷ đồng", "USD/người"
  ValueType value_type = ValueType::Number;
  int decimals = 0;                    // digits shown after the decimal comma (0..6)
  std::string sector;                  // ngành, lĩnh vực / nhóm chỉ tiêu
  std::optional<int64_t> agency_id;    // responsible agency (org unit); empty when the source names none
  std::string legal_basis;             // căn cứ pháp lý
  std::string periodicity;             // kỳ công bố as written in the source ("Năm", "Quý, năm")
  Direction direction = Direction::None;            // "none" = not stated
  UnitAggregation unit_aggregation = UnitAggregation::None;
  std::string weight_code;             // the weighting indicator of a weighted average
  TimeAggregation time_aggregation = TimeAggregation::None;
  std::vector<Breakdown> breakdowns;
  std::string formula;                 // computed indicator: expression text (core::expr)
  std::string note;                    // ghi chú (source, remarks)
  int64_t version = 1;                 // optimistic concurrency: bumped on every change
};

/// Checks the fields a user supplies; the error names the field in Vietnamese
/// ("Trường 'decimals': …") and carries it in details. InvalidField.
Status validateIndicator(const Indicator& ind);

/// A value of one breakdown cell: the part chosen in some dimensions (dimension code -> part
/// code); dimensions not named are totals. The empty key is the indicator's total.
struct CellValue {
  std::map<std::string, std::string> parts;
  double value = 0;
};

/// Checks that parts add up: for every given cell K and every dimension D not in K, when any
/// cell K + {D = p} is given, all parts p of D must be given and their sum must equal K's value
/// (each part may be off by half a unit of the indicator's last decimal: parts are rounded). Also rejects unknown dimensions or
/// parts and a cell given twice. Errors (InvalidField) list every mismatch, e.g.
/// "Giới tính: Nam + Nữ = 99 khác tổng 100".
Status checkBreakdownSums(const Indicator& ind, const std::vector<CellValue>& cells);

// ---- Plan periods and indicator sets ----

/// An annual ("2026") or five-year ("2026-2030") plan period.
struct PlanPeriod {
  int from_year = 0;
  int to_year = 0;
  bool fiveYear() const { return to_year != from_year; }
  std::string id() const;     // "2026" or "2026-2030"
  std::string label() const;  // "Năm 2026" / "Giai đoạn 2026-2030"
  bool contains(int year) const { return from_year <= year && year <= to_year; }
  bool operator==(const PlanPeriod&) const = default;
};
/// Parses "2026" or "2026-2030" (years 2000..2100, a five-year period spans exactly 5 years).
/// InvalidPeriod naming `field`.
Result<PlanPeriod> parsePlanPeriod(std::string_view text, std::string_view field = "plan_period");

/// Level of a set: "province" (cấp tỉnh), "commune" (cấp xã), "agency" (sở, ngành).
enum class SetLevel { Province, Commune, Agency };
std::string_view setLevelId(SetLevel l);
std::string_view setLevelLabel(SetLevel l);
Result<SetLevel> parseSetLevel(std::string_view id);

struct IndicatorSet {
  int64_t id = 0;
  std::string code;                     // unique, e.g. "HCM-KTXH-2026"
  std::string name;
  PlanPeriod period;
  SetLevel level = SetLevel::Province;
  std::optional<int64_t> owner_unit_id; // the plan owner (e.g. the city)
  std::string legal_basis;
  int latest_version = 0;               // 0 = nothing published yet
  int64_t version = 1;                  // optimistic concurrency of the set's own fields
};

/// One indicator in a published version, with the snapshot taken at publication.
struct SetMember {
  int64_t indicator_id = 0;
  int64_t indicator_version = 0;
  std::string code;
  std::string name;
  std::string unit_of_measure;
  std::string group;                    // heading within the set, e.g. "I. Kinh tế"
  int position = 0;                     // 1-based order in the set
};

struct SetVersion {
  int64_t set_id = 0;
  int number = 0;                       // 1, 2, …
  std::string note;                     // what changed
  Timestamp published_at;
  std::optional<int64_t> published_by;  // user id; empty for the operator
  std::vector<SetMember> members;
};

Status validateSet(const IndicatorSet& s);
/// Members must name distinct indicators; group ≤ 200 bytes. InvalidField naming members[i].
Status validateMembers(const std::vector<SetMember>& members);

}  // namespace baocao::core::indicator
