// Internal to core/expr: the typing rules shared by checkTypes() (static, with the resolver's
// types) and evaluate() (dynamic, on the values actually seen), so both report the same
// Vietnamese message at the same position. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/expr/formula.h"
#include "core/expr/value.h"

namespace baocao::core::expr::rules {

/// InvalidFormula "ký tự N: what", with the position also in details.
Error at(int position, std::string_view what);

/// Operand `index` of node `n` has type `t`: the error when the node does not accept it
/// (arithmetic needs numbers, logic needs yes/no, an if-condition yes/no, numeric functions
/// numbers). Comparisons, if-branches and coalesce are checked with pair().
std::optional<Error> operand(const Formula& f, const Node& n, size_t index, ValueType t);

/// Comparisons: both sides of one type, ordering only for numbers and dates. If-branches and
/// coalesce arguments: the same type. `index` is the operand checked against the first.
std::optional<Error> pair(const Formula& f, const Node& n, size_t index, ValueType first,
                          ValueType other);

/// The type a node yields given its operands' (first operand for if-branches/coalesce).
ValueType resultType(NodeKind kind, ValueType first_operand);

bool isComparison(NodeKind kind);

}  // namespace baocao::core::expr::rules
