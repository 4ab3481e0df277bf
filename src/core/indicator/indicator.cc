#include "core/indicator/indicator.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "core/common/text.h"

namespace baocao::core::indicator {

namespace {

template <typename E>
struct Named {
  E value;
  std::string_view id;
  std::string_view label;
};

constexpr Named<ValueType> kValueTypes[] = {
    {ValueType::Number, "number", "Số"},
    {ValueType::Integer, "integer", "Số nguyên"},
    {ValueType::Percent, "percent", "Tỷ lệ (%)"},
    {ValueType::Text, "text", "Văn bản"},
    {ValueType::YesNo, "yes_no", "Có/Không"},
    {ValueType::Date, "date", "Ngày"},
};
constexpr Named<Direction> kDirections[] = {
    {Direction::Higher, "higher", "Càng cao càng tốt"},
    {Direction::Lower, "lower", "Càng thấp càng tốt"},
    {Direction::None, "none", "Không đánh giá chiều"},
};
constexpr Named<UnitAggregation> kUnitAggs[] = {
    {UnitAggregation::Sum, "sum", "Cộng"},
    {UnitAggregation::Average, "average", "Trung bình"},
    {UnitAggregation::WeightedAverage, "weighted_average", "Trung bình có trọng số"},
    {UnitAggregation::Min, "min", "Nhỏ nhất"},
    {UnitAggregation::Max, "max", "Lớn nhất"},
    {UnitAggregation::None, "none", "Không tổng hợp"},
};
constexpr Named<TimeAggregation> kTimeAggs[] = {
    {TimeAggregation::Sum, "sum", "Cộng dồn (chỉ tiêu thời kỳ)"},
    {TimeAggregation::Last, "last", "Giá trị cuối kỳ (chỉ tiêu thời điểm)"},
    {TimeAggregation::Average, "average", "Bình quân"},
    {TimeAggregation::None, "none", "Không tổng hợp"},
};
constexpr Named<SetLevel> kLevels[] = {
    {SetLevel::Province, "province", "Cấp tỉnh"},
    {SetLevel::Commune, "commune", "Cấp xã"},
    {SetLevel::Agency, "agency", "Sở, ngành"},
};

template <typename E, size_t N>
std::string_view idOf(const Named<E> (&table)[N], E v) {
  for (const auto& r : table)
    if (r.value == v) return r.id;
  return table[0].id;
}
template <typename E, size_t N>
std::string_view labelOf(const Named<E> (&table)[N], E v) {
  for (const auto& r : table)
    if (r.value == v) return r.label;
  return table[0].label;
}
template <typename E, size_t N>
Result<E> parseOf(const Named<E> (&table)[N], std::string_view id, const char* field) {
  std::string allowed;
  for (const auto& r : table) {
    if (r.id == id) return r.value;
    if (!allowed.empty()) allowed += ", ";
    allowed += r.id;
  }
  std::string msg = "giá trị '" + std::string(id.substr(0, 60)) + "' không hợp lệ (" + allowed + ")";
  return makeError(ErrorCode::InvalidField, std::string("Trường '") + field + "': " + msg,
                   {{field, msg}});
}

Error bad(const std::string& field, const std::string& msg) {
  return makeError(ErrorCode::InvalidField, "Trường '" + field + "': " + msg, {{field, msg}});
}

bool validCode(std::string_view code, bool dots) {
  for (char c : code) {
    bool okc = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '-' || c == '_' || (dots && c == '.');
    if (!okc) return false;
  }
  return true;
}

Status checkText(const std::string& field, const std::string& v, size_t max_bytes, bool required) {
  if (!text::isValidUtf8(v)) return bad(field, "không phải UTF-8 hợp lệ");
  if (required && text::trim(v).empty()) return bad(field, "không được để trống");
  if (v.size() > max_bytes) return bad(field, "dài quá " + std::to_string(max_bytes) + " byte");
  return ok();
}

// Indicator, breakdown and part codes are what formulas reference ([DS.nu]: indicator DS, part
// nu; docs/domain/formulas.md), so they may not contain '.'; set codes may.
Status checkCode(const std::string& field, const std::string& code, size_t max_len,
                 bool dots = false) {
  if (code.empty()) return bad(field, "không được để trống");
  if (code.size() > max_len) return bad(field, "dài quá " + std::to_string(max_len) + " ký tự");
  if (!validCode(code, dots))
    return bad(field, dots ? "chỉ gồm chữ cái không dấu, chữ số, '-', '_', '.'"
                           : "chỉ gồm chữ cái không dấu, chữ số, '-', '_' (dấu '.' dùng để chỉ "
                             "phần phân tổ trong công thức)");
  return ok();
}

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

std::string_view valueTypeId(ValueType v) { return idOf(kValueTypes, v); }
std::string_view valueTypeLabel(ValueType v) { return labelOf(kValueTypes, v); }
Result<ValueType> parseValueType(std::string_view id) { return parseOf(kValueTypes, id, "value_type"); }
std::string_view directionId(Direction d) { return idOf(kDirections, d); }
std::string_view directionLabel(Direction d) { return labelOf(kDirections, d); }
Result<Direction> parseDirection(std::string_view id) { return parseOf(kDirections, id, "direction"); }
std::string_view unitAggregationId(UnitAggregation a) { return idOf(kUnitAggs, a); }
std::string_view unitAggregationLabel(UnitAggregation a) { return labelOf(kUnitAggs, a); }
Result<UnitAggregation> parseUnitAggregation(std::string_view id) {
  return parseOf(kUnitAggs, id, "unit_aggregation");
}
std::string_view timeAggregationId(TimeAggregation a) { return idOf(kTimeAggs, a); }
std::string_view timeAggregationLabel(TimeAggregation a) { return labelOf(kTimeAggs, a); }
Result<TimeAggregation> parseTimeAggregation(std::string_view id) {
  return parseOf(kTimeAggs, id, "time_aggregation");
}
std::string_view setLevelId(SetLevel l) { return idOf(kLevels, l); }
std::string_view setLevelLabel(SetLevel l) { return labelOf(kLevels, l); }
Result<SetLevel> parseSetLevel(std::string_view id) { return parseOf(kLevels, id, "level"); }

Status validateIndicator(const Indicator& ind) {
  BAOCAO_TRY(checkCode("code", ind.code, 40));
  BAOCAO_TRY(checkText("name", ind.name, 500, true));
  BAOCAO_TRY(checkText("unit_of_measure", ind.unit_of_measure, 100, false));
  BAOCAO_TRY(checkText("sector", ind.sector, 200, false));
  BAOCAO_TRY(checkText("legal_basis", ind.legal_basis, 1000, false));
  BAOCAO_TRY(checkText("periodicity", ind.periodicity, 200, false));
  BAOCAO_TRY(checkText("formula", ind.formula, 2000, false));
  BAOCAO_TRY(checkText("note", ind.note, 2000, false));
  if (ind.decimals < 0 || ind.decimals > 6) return bad("decimals", "phải từ 0 đến 6");
  const ValueType vt = ind.value_type;
  const bool numeric = vt == ValueType::Number || vt == ValueType::Integer || vt == ValueType::Percent;
  if (!numeric || vt == ValueType::Integer) {
    if (ind.decimals != 0)
      return bad("decimals", "chỉ tiêu kiểu '" + std::string(valueTypeLabel(vt)) +
                                 "' không có chữ số thập phân (phải là 0)");
  }
  // A rate is recomputed from its parts, never added or averaged plainly (DOMAIN.md).
  if (vt == ValueType::Percent &&
      (ind.unit_aggregation == UnitAggregation::Sum || ind.unit_aggregation == UnitAggregation::Average))
    return bad("unit_aggregation",
               "tỷ lệ không được cộng hay lấy trung bình cộng giữa các đơn vị; dùng trung bình có "
               "trọng số, công thức từ các thành phần, hoặc 'none'");
  if (vt == ValueType::Percent && ind.time_aggregation == TimeAggregation::Sum)
    return bad("time_aggregation", "tỷ lệ không được cộng dồn theo thời gian");
  if (!numeric) {
    bool unit_ok = ind.unit_aggregation == UnitAggregation::None ||
                   (vt == ValueType::Date && (ind.unit_aggregation == UnitAggregation::Min ||
                                              ind.unit_aggregation == UnitAggregation::Max));
    if (!unit_ok)
      return bad("unit_aggregation", "chỉ tiêu kiểu '" + std::string(valueTypeLabel(vt)) +
                                         "' chỉ nhận 'none'" +
                                         (vt == ValueType::Date ? ", 'min' hoặc 'max'" : ""));
    if (ind.time_aggregation != TimeAggregation::None && ind.time_aggregation != TimeAggregation::Last)
      return bad("time_aggregation", "chỉ tiêu kiểu '" + std::string(valueTypeLabel(vt)) +
                                         "' chỉ nhận 'none' hoặc 'last'");
    if (ind.direction != Direction::None && vt != ValueType::YesNo)
      return bad("direction", "chỉ tiêu kiểu '" + std::string(valueTypeLabel(vt)) +
                                  "' không có chiều đánh giá (phải là 'none')");
  }
  if (ind.unit_aggregation == UnitAggregation::WeightedAverage) {
    if (ind.weight_code.empty())
      return bad("weight_code", "trung bình có trọng số cần mã chỉ tiêu làm trọng số");
    BAOCAO_TRY(checkCode("weight_code", ind.weight_code, 40));
    if (ind.weight_code == ind.code) return bad("weight_code", "không được là chính chỉ tiêu này");
  } else if (!ind.weight_code.empty()) {
    return bad("weight_code", "chỉ dùng khi unit_aggregation là 'weighted_average'");
  }
  if (ind.breakdowns.size() > 5) return bad("breakdowns", "tối đa 5 phân tổ");
  std::set<std::string> dims;
  size_t cells = 1;
  for (size_t i = 0; i < ind.breakdowns.size(); ++i) {
    const auto& d = ind.breakdowns[i];
    std::string f = "breakdowns[" + std::to_string(i) + "]";
    BAOCAO_TRY(checkCode(f + ".code", d.code, 40));
    BAOCAO_TRY(checkText(f + ".name", d.name, 200, true));
    if (!dims.insert(d.code).second) return bad(f + ".code", "phân tổ '" + d.code + "' bị lặp lại");
    if (d.parts.size() < 2) return bad(f + ".parts", "phân tổ '" + d.name + "' cần ít nhất 2 thành phần");
    if (d.parts.size() > 100) return bad(f + ".parts", "tối đa 100 thành phần");
    std::set<std::string> parts;
    for (size_t k = 0; k < d.parts.size(); ++k) {
      std::string pf = f + ".parts[" + std::to_string(k) + "]";
      BAOCAO_TRY(checkCode(pf + ".code", d.parts[k].code, 40));
      BAOCAO_TRY(checkText(pf + ".name", d.parts[k].name, 200, true));
      if (!parts.insert(d.parts[k].code).second)
        return bad(pf + ".code", "thành phần '" + d.parts[k].code + "' bị lặp lại");
    }
    cells *= d.parts.size() + 1;
  }
  if (cells > 10000) return bad("breakdowns", "quá nhiều ô phân tổ (tối đa 10.000 tổ hợp)");
  if (!ind.breakdowns.empty() && !numeric)
    return bad("breakdowns", "chỉ chỉ tiêu dạng số mới có phân tổ cộng thành tổng");
  return ok();
}

Status checkBreakdownSums(const Indicator& ind, const std::vector<CellValue>& cells) {
  std::map<std::map<std::string, std::string>, double> by_key;
  std::vector<ErrorDetail> problems;
  auto keyText = [&](const std::map<std::string, std::string>& k) {
    if (k.empty()) return std::string("tổng");
    std::string s;
    for (const auto& [dim, part] : k) {
      if (!s.empty()) s += " × ";
      for (const auto& d : ind.breakdowns)
        if (d.code == dim)
          for (const auto& p : d.parts)
            if (p.code == part) s += d.name + " " + p.name;
    }
    return s;
  };
  for (const auto& c : cells) {
    bool known = true;
    for (const auto& [dim, part] : c.parts) {
      const Breakdown* d = nullptr;
      for (const auto& b : ind.breakdowns)
        if (b.code == dim) d = &b;
      bool part_ok = false;
      if (d)
        for (const auto& p : d->parts) part_ok = part_ok || p.code == part;
      if (!d) {
        problems.push_back({"breakdowns", "phân tổ '" + dim + "' không có ở chỉ tiêu " + ind.code});
        known = false;
      } else if (!part_ok) {
        problems.push_back({"breakdowns", "phân tổ '" + d->name + "' không có thành phần '" + part + "'"});
        known = false;
      }
    }
    if (!known) continue;
    if (!by_key.emplace(c.parts, c.value).second)
      problems.push_back({"breakdowns", "ô '" + keyText(c.parts) + "' được nhập hai lần"});
  }
  // Half a unit of the last shown decimal absorbs rounding of the parts.
  const double tolerance = 0.5 * std::pow(10.0, -ind.decimals) * 1.000001;
  for (const auto& [key, value] : by_key) {
    for (const auto& d : ind.breakdowns) {
      if (key.count(d.code)) continue;
      double sum = 0;
      size_t given = 0;
      std::vector<std::string> missing;
      for (const auto& p : d.parts) {
        auto k = key;
        k[d.code] = p.code;
        auto it = by_key.find(k);
        if (it == by_key.end()) {
          missing.push_back(p.name);
        } else {
          sum += it->second;
          ++given;
        }
      }
      if (given == 0) continue;
      std::string where = key.empty() ? "" : " (" + keyText(key) + ")";
      if (!missing.empty()) {
        std::string m;
        for (const auto& x : missing) m += (m.empty() ? "" : ", ") + x;
        problems.push_back({"breakdowns", d.name + where + ": thiếu thành phần " + m});
        continue;
      }
      // Parts are rounded to `decimals` each, so their sum may drift by one unit per part.
      double allowed = tolerance * static_cast<double>(d.parts.size());
      if (std::fabs(sum - value) > allowed) {
        std::string names;
        for (const auto& p : d.parts) names += (names.empty() ? "" : " + ") + p.name;
        problems.push_back({"breakdowns", d.name + where + ": " + names + " = " + fmt(sum) +
                                              " khác " + (key.empty() ? "tổng " : "giá trị ") +
                                              fmt(value)});
      }
    }
  }
  if (problems.empty()) return ok();
  std::string first = problems.front().message;
  return makeError(ErrorCode::InvalidField,
                   "Chỉ tiêu " + ind.code + ": các thành phần không cộng thành tổng. " + first,
                   std::move(problems));
}

std::string PlanPeriod::id() const {
  if (!fiveYear()) return std::to_string(from_year);
  return std::to_string(from_year) + "-" + std::to_string(to_year);
}
std::string PlanPeriod::label() const {
  if (!fiveYear()) return "Năm " + std::to_string(from_year);
  return "Giai đoạn " + id();
}

Result<PlanPeriod> parsePlanPeriod(std::string_view text, std::string_view field) {
  auto fail = [&](const std::string& why) {
    std::string msg = "kỳ kế hoạch '" + std::string(text.substr(0, 40)) + "' " + why;
    return makeError(ErrorCode::InvalidPeriod, "Trường '" + std::string(field) + "': " + msg,
                     {{std::string(field), msg}});
  };
  auto year = [](std::string_view s, int& out) {
    if (s.size() != 4) return false;
    out = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  PlanPeriod p;
  size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    if (!year(text, p.from_year)) return fail("không hợp lệ (ghi '2026' hoặc '2026-2030')");
    p.to_year = p.from_year;
  } else {
    if (!year(text.substr(0, dash), p.from_year) || !year(text.substr(dash + 1), p.to_year))
      return fail("không hợp lệ (ghi '2026' hoặc '2026-2030')");
    if (p.to_year - p.from_year != 4) return fail("phải là kế hoạch năm hoặc giai đoạn đúng 5 năm");
  }
  if (p.from_year < 2000 || p.to_year > 2100) return fail("ngoài khoảng 2000–2100");
  return p;
}

Status validateSet(const IndicatorSet& s) {
  BAOCAO_TRY(checkCode("code", s.code, 60, true));
  BAOCAO_TRY(checkText("name", s.name, 500, true));
  BAOCAO_TRY(checkText("legal_basis", s.legal_basis, 1000, false));
  if (s.period.from_year == 0) return bad("plan_period", "không được để trống");
  return ok();
}

Status validateMembers(const std::vector<SetMember>& members) {
  if (members.size() > 5000) return bad("members", "tối đa 5.000 chỉ tiêu trong một bộ");
  std::set<int64_t> seen;
  for (size_t i = 0; i < members.size(); ++i) {
    std::string f = "members[" + std::to_string(i) + "]";
    if (!seen.insert(members[i].indicator_id).second)
      return bad(f, "chỉ tiêu '" + (members[i].code.empty() ? std::to_string(members[i].indicator_id)
                                                             : members[i].code) +
                        "' có hai lần trong bộ");
    BAOCAO_TRY(checkText(f + ".group", members[i].group, 200, false));
  }
  return ok();
}

}  // namespace baocao::core::indicator
