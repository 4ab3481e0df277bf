#include "core/target/target.h"

#include <algorithm>
#include <cmath>

#include "core/common/text.h"

namespace baocao::core::target {

namespace ind = core::indicator;

namespace {
Error bad(std::string_view field, const std::string& msg) {
  return makeError(ErrorCode::InvalidField, "Trường '" + std::string(field) + "': " + msg,
                   {{std::string(field), msg}});
}
double round2(double v) { return std::round(v * 100.0) / 100.0; }
}  // namespace

std::string_view statusId(TargetStatus s) {
  return s == TargetStatus::Assigned ? "assigned" : "registered";
}
std::string_view statusLabel(TargetStatus s) {
  return s == TargetStatus::Assigned ? "Đã giao" : "Đã đăng ký, chờ giao";
}
Result<TargetStatus> parseStatus(std::string_view id) {
  if (id == "registered") return TargetStatus::Registered;
  if (id == "assigned") return TargetStatus::Assigned;
  return bad("status", "giá trị '" + std::string(id.substr(0, 40)) + "' không hợp lệ (registered, assigned)");
}

std::string_view changeKindId(ChangeKind k) { return k == ChangeKind::Assign ? "assign" : "register"; }
std::string_view changeKindLabel(ChangeKind k) { return k == ChangeKind::Assign ? "Giao" : "Đăng ký"; }
Result<ChangeKind> parseChangeKind(std::string_view id) {
  if (id == "register") return ChangeKind::Register;
  if (id == "assign") return ChangeKind::Assign;
  return bad("kind", "giá trị '" + std::string(id.substr(0, 40)) + "' không hợp lệ (register, assign)");
}

Status validateValue(const ind::Indicator& i, double value, std::string_view field) {
  if (!std::isfinite(value)) return bad(field, "không phải số hữu hạn");
  switch (i.value_type) {
    case ind::ValueType::Text:
    case ind::ValueType::Date:
      return bad(field, "chỉ tiêu " + i.code + " kiểu '" + std::string(ind::valueTypeLabel(i.value_type)) +
                            "' không có giá trị số để giao hay đánh giá");
    case ind::ValueType::YesNo:
      if (value != 0 && value != 1) return bad(field, "chỉ tiêu Có/Không nhận 1 (có) hoặc 0 (không)");
      break;
    case ind::ValueType::Integer:
      if (std::floor(value) != value) return bad(field, "chỉ tiêu " + i.code + " nhận số nguyên");
      break;
    case ind::ValueType::Number:
    case ind::ValueType::Percent:
      break;
  }
  if (std::fabs(value) > 1e15) return bad(field, "giá trị quá lớn");
  return ok();
}

Status validateComment(const std::string& comment) {
  if (!text::isValidUtf8(comment)) return bad("comment", "không phải UTF-8 hợp lệ");
  if (comment.size() > 2000) return bad("comment", "dài quá 2000 byte");
  return ok();
}

Result<Achievement> achievement(ind::Direction direction, double target, double actual) {
  if (direction == ind::Direction::None)
    return bad("direction", "chỉ tiêu không có chiều đánh giá (càng cao/càng thấp càng tốt) nên "
                            "không tính được mức hoàn thành kế hoạch");
  if (!std::isfinite(target) || !std::isfinite(actual))
    return bad("value", "giá trị không phải số hữu hạn");
  Achievement a;
  // Rounded to 1e-9 so that 8,03 − 10 reads −1,97 and not −1,9700000000000006.
  a.difference = std::round((actual - target) * 1e9) / 1e9;
  const bool higher = direction == ind::Direction::Higher;
  const double num = higher ? actual : target;
  const double den = higher ? target : actual;
  // A ratio of quantities on either side of zero (a growth rate that turned negative) says
  // nothing about the plan; the difference still does.
  if (den > 0 && num >= 0) a.percent = round2(num / den * 100.0);
  const double eps = 1e-9 * std::max({1.0, std::fabs(target), std::fabs(actual)});
  const bool equal = std::fabs(actual - target) <= eps;
  const bool better = higher ? actual > target : actual < target;
  a.met = equal || better;
  a.label = equal ? "Đạt kế hoạch" : better ? "Vượt kế hoạch" : "Không đạt kế hoạch";
  if (equal) a.difference = 0;
  return a;
}

}  // namespace baocao::core::target
