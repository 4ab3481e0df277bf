// Formula: a parsed formula of a computed indicator or a validation rule.
//
// The syntax is in docs/domain/formulas.md. Formula::parse() is a hand-written recursive-descent
// parser over a small lexer; every error is InvalidFormula with a Vietnamese message naming the
// 1-based character position, counted in Unicode code points: "ký tự 17: thiếu dấu ')'".
//
// The tree is stored flat (nodes, child indices, constants and references in vectors) so a
// parsed formula is a handful of allocations however large, copies cheaply, and is destroyed
// without recursion. Depth is bounded (kMaxDepth) so checking and evaluating cannot exhaust
// the stack.
//
// Thread-safety: immutable after parse(); safe to share between threads (evaluate() and
// checkTypes() only read it).
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/expr/value.h"

namespace baocao::core::expr {

/// Which period a reference reads, relative to the period being computed.
/// prev([X]) → periods = 1; samelastyear([X]) → years = 1; ytd([X]) → ytd = true (the
/// cumulative value from the start of the year, lũy kế). They compose:
/// samelastyear(ytd([X])) is the year-to-date value of the same period last year.
struct PeriodShift {
  int periods = 0;  // periods back (previous period = 1)
  int years = 0;    // years back (same period last year = 1)
  bool ytd = false;

  /// True for the period being computed itself (what dependency ordering cares about).
  bool isCurrent() const { return periods == 0 && years == 0; }
  auto operator<=>(const PeriodShift&) const = default;
};

/// A reference to an indicator: [CT01], [DS.nu], prev([GRDP]).
struct Reference {
  std::string code;  // indicator code, e.g. "GRDP"
  std::string part;  // breakdown part, e.g. "nu" in [DS.nu]; empty for the total
  PeriodShift shift;
  int position = 0;  // 1-based character of the '['

  /// Canonical text: "[DS.nu]", "prev([GRDP])", "samelastyear(ytd([X]))".
  std::string toString() const;
};

enum class NodeKind : uint8_t {
  // leaves
  Number, Text, Boolean, Ref,
  // unary
  Negate, Not,
  // binary
  Add, Subtract, Multiply, Divide, Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  And, Or,
  // functions
  If, Min, Max, Abs, Round, Sum, Coalesce,
};

/// Canonical spelling of an operator or function name: "+", "<>", "and", "round".
std::string_view kindName(NodeKind kind);

struct Node {
  NodeKind kind = NodeKind::Number;
  int position = 0;  // 1-based character of the operator, function name or literal
  int start = 0;     // 1-based character where the whole sub-expression starts
  uint32_t first = 0;  // leaves: index into constants()/references(); others: into children
  uint32_t count = 0;  // number of children
};

class Formula {
 public:
  static constexpr int kMaxDepth = 200;  // nesting levels of the tree

  /// Parses `text`. InvalidFormula with "ký tự N: ..." on any syntax error; "công thức trống"
  /// for an empty or blank formula.
  static Result<Formula> parse(std::string_view text);

  const std::string& text() const { return text_; }
  /// Every reference in order of appearance (duplicates kept: each has its own position).
  const std::vector<Reference>& references() const { return refs_; }

  /// Re-prints the formula canonically (ASCII operators, lower-case names, minimal
  /// parentheses); parsing the result gives the same tree.
  std::string toString() const;

  // Tree access for the type checker and the evaluator.
  uint32_t root() const { return root_; }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  std::span<const uint32_t> children(const Node& n) const {
    return {children_.data() + n.first, n.count};
  }
  const Value& constant(const Node& n) const { return constants_[n.first]; }
  const Reference& reference(const Node& n) const { return refs_[n.first]; }

 private:
  friend class Parser;
  std::string text_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> children_;
  std::vector<Value> constants_;
  std::vector<Reference> refs_;
  uint32_t root_ = 0;
};

}  // namespace baocao::core::expr
