#include "core/expr/type_check.h"

#include <algorithm>

#include "core/expr/type_rules.h"

namespace baocao::core::expr {
namespace {

Result<ValueType> check(const Formula& f, uint32_t i, const IndicatorResolver& resolver) {
  const Node& n = f.node(i);
  switch (n.kind) {
    case NodeKind::Number: return ValueType::Number;
    case NodeKind::Text: return ValueType::Text;
    case NodeKind::Boolean: return ValueType::Boolean;
    case NodeKind::Ref: {
      const Reference& ref = f.reference(n);
      auto info = resolver(ref.code);
      if (!info) return rules::at(n.position, "không tìm thấy chỉ tiêu '" + ref.code + "'");
      if (!ref.part.empty() &&
          std::find(info->parts.begin(), info->parts.end(), ref.part) == info->parts.end()) {
        return rules::at(n.position,
                         "chỉ tiêu '" + ref.code + "' không có phần '" + ref.part + "'");
      }
      return info->type;
    }
    default: break;
  }
  auto kids = f.children(n);
  ValueType first = ValueType::Number;
  for (size_t k = 0; k < kids.size(); ++k) {
    BAOCAO_ASSIGN(ValueType t, check(f, kids[k], resolver));
    if (auto e = rules::operand(f, n, k, t)) return *e;
    const bool paired = rules::isComparison(n.kind) || n.kind == NodeKind::Coalesce ||
                        (n.kind == NodeKind::If && k >= 1);
    const size_t first_paired = n.kind == NodeKind::If ? 1 : 0;
    if (k == first_paired) first = t;
    if (paired && k > first_paired) {
      if (auto e = rules::pair(f, n, k, first, t)) return *e;
    }
  }
  return rules::resultType(n.kind, first);
}

}  // namespace

Result<ValueType> checkTypes(const Formula& formula, const IndicatorResolver& resolver) {
  return check(formula, formula.root(), resolver);
}

}  // namespace baocao::core::expr
