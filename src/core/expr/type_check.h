// Static type checking of a parsed formula: arithmetic needs numbers, an if-condition and
// and/or/not need yes/no values, both sides of a comparison have one type, every referenced
// indicator exists (with the breakdown part named). Types of references come from the catalog
// through a resolver callback, so this stays pure.
//
// Thread-safety: checkTypes() only reads its arguments; the resolver is called on the calling
// thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/expr/formula.h"
#include "core/expr/value.h"

namespace baocao::core::expr {

/// What the type checker needs to know about an indicator.
struct IndicatorInfo {
  ValueType type = ValueType::Number;
  std::vector<std::string> parts;  // breakdown parts a reference may name: "nu", "nam", ...
};

/// Indicator code → its info, or nullopt when the catalog has no such indicator.
using IndicatorResolver = std::function<std::optional<IndicatorInfo>(std::string_view code)>;

/// The type the formula yields. InvalidFormula naming the position on the first error (left
/// to right): "ký tự 5: phép '+' cần số, không dùng được với văn bản",
/// "ký tự 1: không tìm thấy chỉ tiêu 'CT99'", "ký tự 1: chỉ tiêu 'DS' không có phần 'x'".
Result<ValueType> checkTypes(const Formula& formula, const IndicatorResolver& resolver);

}  // namespace baocao::core::expr
