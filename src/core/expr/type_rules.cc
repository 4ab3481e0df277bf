#include "core/expr/type_rules.h"

namespace baocao::core::expr::rules {

Error at(int position, std::string_view what) {
  const std::string where = "ký tự " + std::to_string(position);
  return makeError(ErrorCode::InvalidFormula, where + ": " + std::string(what),
                   {{where, std::string(what)}});
}

bool isComparison(NodeKind kind) {
  switch (kind) {
    case NodeKind::Equal: case NodeKind::NotEqual: case NodeKind::Less:
    case NodeKind::LessEqual: case NodeKind::Greater: case NodeKind::GreaterEqual:
      return true;
    default:
      return false;
  }
}

std::optional<Error> operand(const Formula& f, const Node& n, size_t index, ValueType t) {
  // The common case first, without building any message.
  switch (n.kind) {
    case NodeKind::Negate: case NodeKind::Add: case NodeKind::Subtract: case NodeKind::Multiply:
    case NodeKind::Divide: case NodeKind::Min: case NodeKind::Max: case NodeKind::Abs:
    case NodeKind::Round: case NodeKind::Sum:
      if (t == ValueType::Number) return std::nullopt;
      break;
    case NodeKind::Not: case NodeKind::And: case NodeKind::Or:
      if (t == ValueType::Boolean) return std::nullopt;
      break;
    case NodeKind::If:
      if (index != 0 || t == ValueType::Boolean) return std::nullopt;
      break;
    default:
      return std::nullopt;
  }
  const Node& arg = f.node(f.children(n)[index]);
  const std::string op(kindName(n.kind));
  const std::string got(typeName(t));
  switch (n.kind) {
    case NodeKind::Negate: case NodeKind::Add: case NodeKind::Subtract:
    case NodeKind::Multiply: case NodeKind::Divide:
      if (t == ValueType::Number) return std::nullopt;
      return at(arg.start, "phép '" + op + "' cần số, không dùng được với " + got);
    case NodeKind::Not: case NodeKind::And: case NodeKind::Or:
      if (t == ValueType::Boolean) return std::nullopt;
      return at(arg.start, "phép '" + op + "' cần giá trị đúng/sai, không dùng được với " + got);
    case NodeKind::If:
      if (index != 0 || t == ValueType::Boolean) return std::nullopt;
      return at(arg.start, "điều kiện của hàm 'if' phải là đúng/sai, không phải " + got);
    case NodeKind::Min: case NodeKind::Max: case NodeKind::Abs: case NodeKind::Round:
    case NodeKind::Sum:
      if (t == ValueType::Number) return std::nullopt;
      return at(arg.start, "đối số " + std::to_string(index + 1) + " của hàm '" + op +
                               "' phải là số, không phải " + got);
    default:
      return std::nullopt;
  }
}

std::optional<Error> pair(const Formula& f, const Node& n, size_t index, ValueType first,
                          ValueType other) {
  const std::string op(kindName(n.kind));
  if (isComparison(n.kind)) {
    if (first != other) {
      return at(n.position, "không so sánh được " + std::string(typeName(first)) + " với " +
                                std::string(typeName(other)));
    }
    const bool ordering = n.kind != NodeKind::Equal && n.kind != NodeKind::NotEqual;
    if (ordering && first != ValueType::Number && first != ValueType::Date) {
      return at(n.position, "phép '" + op + "' chỉ so sánh số hoặc ngày, không dùng cho " +
                                std::string(typeName(first)));
    }
    return std::nullopt;
  }
  if (first == other) return std::nullopt;
  const Node& arg = f.node(f.children(n)[index]);
  const std::string types =
      " (" + std::string(typeName(first)) + " và " + std::string(typeName(other)) + ")";
  if (n.kind == NodeKind::If) {
    return at(arg.start, "hai nhánh của hàm 'if' phải cùng kiểu" + types);
  }
  return at(arg.start, "các đối số của hàm '" + op + "' phải cùng kiểu" + types);
}

ValueType resultType(NodeKind kind, ValueType first_operand) {
  switch (kind) {
    case NodeKind::Number: case NodeKind::Negate: case NodeKind::Add: case NodeKind::Subtract:
    case NodeKind::Multiply: case NodeKind::Divide: case NodeKind::Min: case NodeKind::Max:
    case NodeKind::Abs: case NodeKind::Round: case NodeKind::Sum:
      return ValueType::Number;
    case NodeKind::Text: return ValueType::Text;
    case NodeKind::If: case NodeKind::Coalesce: case NodeKind::Ref: return first_operand;
    default: return ValueType::Boolean;
  }
}

}  // namespace baocao::core::expr::rules
