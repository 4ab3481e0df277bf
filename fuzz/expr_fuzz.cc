// libFuzzer target for the formula language: parse, canonical re-print, type check, evaluate,
// dependency graph, and Decimal parse/print/arithmetic properties on arbitrary bytes.
// Any crash, sanitizer report or abort() below is a bug. Build and run: fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "core/expr/decimal.h"
#include "core/expr/dependency_graph.h"
#include "core/expr/evaluator.h"
#include "core/expr/formula.h"
#include "core/expr/type_check.h"

namespace {

using namespace baocao::core;
using namespace baocao::core::expr;

[[noreturn]] void bug(const char* what, std::string_view detail) {
  std::fprintf(stderr, "expr_fuzz: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// Properties every Decimal must have, whatever its value.
void checkDecimal(const Decimal& x) {
  auto back = Decimal::parse(x.toString());
  if (!back || !(*back == x)) bug("toString does not parse back", x.toString());
  auto vi = Decimal::parseVietnamese(x.toVietnamese());
  if (!vi || !(*vi == x)) bug("toVietnamese does not parse back", x.toVietnamese());
  auto zero = x.subtract(x);
  if (!zero || !zero->isZero()) bug("x - x is not 0", x.toString());
  auto one = x.multiply(Decimal::fromInt(1));
  if (!one || !(*one == x)) bug("x * 1 is not x", x.toString());
  auto same = x.divide(Decimal::fromInt(1));
  if (!same || !(*same == x)) bug("x / 1 is not x", x.toString());
  auto rounded = x.round(Decimal::kMaxScale);
  if (!rounded || !(*rounded == x)) bug("round(x, 18) is not x", x.toString());
  if ((x <=> x) != 0) bug("x <=> x is not equal", x.toString());
  if (!x.isZero()) {
    auto q = Decimal::fromInt(1).divide(x);  // must not crash; may round to 0 or overflow
    if (q && q->isNegative() != x.isNegative() && !q->isZero()) bug("1/x has the wrong sign", x.toString());
  }
}

ValueType typeFor(std::string_view code) {
  if (code.empty()) return ValueType::Number;
  switch (code[0]) {
    case 'T': return ValueType::Text;
    case 'B': return ValueType::Boolean;
    case 'D': return ValueType::Date;
    default: return ValueType::Number;
  }
}

// A value derived from the reference, of the catalog's type unless `mismatch`.
Value valueFor(const Reference& r, bool mismatch) {
  uint64_t h = 1469598103934665603ull;
  for (char c : r.code + "." + r.part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  h ^= static_cast<uint64_t>(r.shift.periods * 31 + r.shift.years * 7 + (r.shift.ytd ? 1 : 0));
  h *= 1099511628211ull;
  if (h % 7 == 0) return Value::null();
  ValueType t = typeFor(r.code);
  if (mismatch) t = static_cast<ValueType>((static_cast<int>(t) + 1 + h % 3) % 4);
  switch (t) {
    case ValueType::Text: return Value::ofText(h % 2 ? "Hà Nội" : "");
    case ValueType::Boolean: return Value::ofBool(h % 2 == 0);
    case ValueType::Date: return Value::ofDate(Date::fromDays(static_cast<int32_t>(h % 40000)));
    case ValueType::Number: break;
  }
  static const char* const kNumbers[] = {
      "0", "1", "-1", "0.1", "0.000000000000000001", "123456789.123456789",
      "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
      "0.333333333333333333", "1147000", "-0.5", "2.5"};
  return Value::ofNumber(Decimal::parse(kNumbers[(h >> 8) % 12]).value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto d = Decimal::parse(text)) checkDecimal(*d);
  if (auto d = Decimal::parseVietnamese(text)) checkDecimal(*d);

  auto formula = Formula::parse(text);
  if (!formula) {
    if (formula.error().code != ErrorCode::InvalidFormula || formula.error().message.empty()) {
      bug("parse failed without an InvalidFormula message", text);
    }
    return 0;
  }
  const std::string printed = formula->toString();
  auto again = Formula::parse(printed);
  if (!again) bug("canonical print does not parse", printed + " :: " + again.error().message);
  if (again->toString() != printed) bug("canonical print is not stable", printed);

  auto type = checkTypes(*formula, [](std::string_view code) -> std::optional<IndicatorInfo> {
    if (code.size() > 1 && code[0] == 'X') return std::nullopt;  // unknown indicators
    return IndicatorInfo{typeFor(code), {"nu", "nam", "nu.thanhthi"}};
  });
  for (bool mismatch : {false, true}) {
    auto value = evaluate(*formula, [&](const Reference& r) { return valueFor(r, mismatch); });
    if (value) {
      if (value->type() == ValueType::Number) checkDecimal(value->number());
      // A formula that type-checks and gets values of the catalog's types yields its type.
      if (type && !mismatch && value->type() && *value->type() != *type) {
        bug("evaluated type differs from the checked type", printed);
      }
    } else if (value.error().code != ErrorCode::InvalidFormula) {
      bug("evaluation failed without InvalidFormula", printed);
    }
  }

  std::map<std::string, Formula> graph;
  graph.emplace("A", *formula);
  if (auto b = Formula::parse("[A] + [B0]")) graph.emplace("B", std::move(b).value());
  auto g = DependencyGraph::build(graph);
  if (g && g->order().size() != graph.size()) bug("order misses an indicator", printed);
  return 0;
}
