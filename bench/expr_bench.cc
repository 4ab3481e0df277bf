// Formula evaluation speed: the budget for recomputing every computed cell of a large
// consolidation. Two real formulas (growth vs same period, growth rounded plus a weighted term)
// evaluated against fixed values.
#include <benchmark/benchmark.h>

#include "core/expr/evaluator.h"
#include "core/expr/formula.h"

namespace {

using baocao::core::expr::Decimal;
using baocao::core::expr::Formula;
using baocao::core::expr::Reference;
using baocao::core::expr::Value;

void evalLoop(benchmark::State& state, const char* text) {
  auto f = Formula::parse(text);
  if (!f) {
    state.SkipWithError("formula does not parse");
    return;
  }
  const Value grdp = Value::ofNumber(Decimal::parse("1234567.89").value());
  const Value last = Value::ofNumber(Decimal::parse("1147000").value());
  const Value a = Value::ofNumber(Decimal::parse("12.5").value());
  auto provider = [&](const Reference& r) -> Value {
    if (r.code == "A") return a;
    return r.shift.isCurrent() ? grdp : last;
  };
  for (auto _ : state) {
    auto v = baocao::core::expr::evaluate(*f, provider);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_GrowthVsSamePeriod(benchmark::State& s) { evalLoop(s, "[GRDP] / samelastyear([GRDP]) * 100"); }
void BM_RoundedGrowthPlusTerm(benchmark::State& s) {
  evalLoop(s, "round(([GRDP] / samelastyear([GRDP]) - 1) * 100, 2) + [A] * 0.5");
}
void BM_Parse(benchmark::State& state) {
  for (auto _ : state) {
    auto f = Formula::parse("round(([GRDP] / samelastyear([GRDP]) - 1) * 100, 2) + [A] * 0.5");
    benchmark::DoNotOptimize(f);
  }
}

BENCHMARK(BM_GrowthVsSamePeriod);
BENCHMARK(BM_RoundedGrowthPlusTerm);
BENCHMARK(BM_Parse);

}  // namespace
