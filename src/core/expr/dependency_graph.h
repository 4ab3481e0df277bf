// DependencyGraph: how the computed indicators of a catalog depend on each other, the order in
// which to compute them, and cycle detection.
//
// An edge A → B means the formula of A reads B for the same period (a reference without
// prev/samelastyear; ytd([B]) includes the current period, so it counts). A reference to an
// earlier period is not an edge: [LUY_KE] = prev([LUY_KE]) + [THANG] is a valid running total.
// Codes that have no formula are inputs (reported values), never part of a cycle.
//
// Thread-safety: immutable after build(); safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/expr/formula.h"

namespace baocao::core::expr {

class DependencyGraph {
 public:
  /// `formulas`: computed indicator code → its parsed formula. InvalidFormula
  /// "vòng lặp: A → B → C → A" naming one cycle, starting from its smallest code.
  static Result<DependencyGraph> build(const std::map<std::string, Formula>& formulas);

  /// Every computed indicator, each after the computed indicators it reads for the same
  /// period; among those ready at the same time, in code order (so the order is stable).
  const std::vector<std::string>& order() const { return order_; }
  /// Distinct codes the formula of `code` references, for any period, sorted; empty when
  /// `code` is not a computed indicator.
  const std::vector<std::string>& references(std::string_view code) const;
  /// Distinct codes `code` reads for the same period (the edges), sorted.
  const std::vector<std::string>& dependencies(std::string_view code) const;
  /// Computed indicators to recompute when the value of `code` changes (directly or through
  /// other computed indicators, same period), in evaluation order.
  std::vector<std::string> affectedBy(std::string_view code) const;

  /// A same-period cycle through `code` among `formulas`, as the codes met from `code` back to
  /// it ("A", "B", "A"); empty when the formula of `code` does not lead back to `code` (a cycle
  /// that `code` only leads into is not its own). Depth-first, dependencies in code order, so
  /// the cycle named is stable. Used to refuse saving a formula into the catalog (docs/domain/
  /// formulas.md "Cycles across the catalog").
  static std::vector<std::string> cycleThrough(const std::map<std::string, Formula>& formulas,
                                               std::string_view code);

 private:
  struct Entry {
    std::vector<std::string> references;
    std::vector<std::string> dependencies;
  };
  std::map<std::string, Entry, std::less<>> entries_;
  std::vector<std::string> order_;
};

}  // namespace baocao::core::expr
