// Evaluation of a parsed formula against the values of one period.
//
// Values come from a provider callback: (indicator code, breakdown part, period shift) →
// value, or Value::null() when there is none. Null ("no value") propagates: arithmetic,
// comparisons, functions and if() with a null input yield null — except coalesce(), which
// returns its first non-null argument, and and/or, which follow three-valued logic
// (false and null = false, true or null = true). A validation rule that yields null could not
// be checked for lack of data; it did not fail.
//
// Expected failures are InvalidFormula values naming the position: "ký tự 9: chia cho 0",
// "ký tự 7: kết quả vượt quá giới hạn 38 chữ số", and the same type errors as checkTypes()
// when the provider returns a value of an unexpected type. Never throws, never crashes on a
// formula that parsed.
//
// Thread-safety: evaluate() only reads the formula; the provider is called on the calling
// thread, once per reference occurrence actually evaluated (if/and/or/coalesce are lazy).
#pragma once

#include <functional>

#include "core/common/result.h"
#include "core/expr/formula.h"
#include "core/expr/value.h"

namespace baocao::core::expr {

/// The value of `ref` (code, part, shift) for the period being computed, or Value::null().
using ValueProvider = std::function<Value(const Reference& ref)>;

Result<Value> evaluate(const Formula& formula, const ValueProvider& provider);

}  // namespace baocao::core::expr
