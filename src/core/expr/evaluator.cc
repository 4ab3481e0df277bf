#include "core/expr/evaluator.h"

#include <algorithm>
#include <optional>

#include "core/expr/type_rules.h"

namespace baocao::core::expr {
namespace {

// Values travel through out-parameters and the first error is kept aside: returning a
// Result<Value> from every node made the plumbing, not the arithmetic, most of the cost.
class Evaluator {
 public:
  Evaluator(const Formula& f, const ValueProvider& provider) : f_(f), provider_(provider) {}

  Result<Value> run() {
    Value out;
    if (!eval(f_.root(), out)) return std::move(*error_);
    return out;
  }

 private:
  bool fail(Error e) {
    error_ = std::move(e);
    return false;
  }

  bool eval(uint32_t i, Value& out) {
    const Node& n = f_.node(i);
    switch (n.kind) {
      case NodeKind::Number: case NodeKind::Text: case NodeKind::Boolean:
        out = f_.constant(n);
        return true;
      case NodeKind::Ref:
        out = provider_(f_.reference(n));
        return true;
      case NodeKind::Negate:
        if (!operand(n, 0, out)) return false;
        if (!out.isNull()) out = Value::ofNumber(out.number().negated());
        return true;
      case NodeKind::Not:
        if (!operand(n, 0, out)) return false;
        if (!out.isNull()) out = Value::ofBool(!out.boolean());
        return true;
      case NodeKind::Add: case NodeKind::Subtract: case NodeKind::Multiply:
      case NodeKind::Divide: return arithmetic(n, out);
      case NodeKind::And: case NodeKind::Or: return logic(n, out);
      case NodeKind::If:
        if (!operand(n, 0, out)) return false;
        if (out.isNull()) return true;
        return operand(n, out.boolean() ? 1 : 2, out);
      case NodeKind::Coalesce:
        for (size_t k = 0; k < n.count; ++k) {
          if (!operand(n, k, out)) return false;
          if (!out.isNull()) return true;
        }
        return true;
      case NodeKind::Min: case NodeKind::Max: case NodeKind::Sum: return aggregate(n, out);
      case NodeKind::Abs:
        if (!operand(n, 0, out)) return false;
        if (!out.isNull()) out = Value::ofNumber(out.number().abs());
        return true;
      case NodeKind::Round: return round(n, out);
      default: return comparison(n, out);
    }
  }

  // Evaluates operand k of n and checks its type against the node's rule.
  bool operand(const Node& n, size_t k, Value& out) {
    if (!eval(f_.children(n)[k], out)) return false;
    if (auto t = out.type()) {
      if (auto e = rules::operand(f_, n, k, *t)) return fail(std::move(*e));
    }
    return true;
  }

  bool number(const Node& n, Result<Decimal> r, Value& out) {
    if (!r) return fail(rules::at(n.position, r.error().message));
    out = Value::ofNumber(*r);
    return true;
  }

  bool arithmetic(const Node& n, Value& out) {
    Value r;
    if (!operand(n, 0, out) || !operand(n, 1, r)) return false;
    if (out.isNull() || r.isNull()) {
      out = Value::null();
      return true;
    }
    const Decimal a = out.number();
    const Decimal& b = r.number();
    switch (n.kind) {
      case NodeKind::Add: return number(n, a.add(b), out);
      case NodeKind::Subtract: return number(n, a.subtract(b), out);
      case NodeKind::Multiply: return number(n, a.multiply(b), out);
      default: return number(n, a.divide(b), out);
    }
  }

  // Kleene logic, short-circuit: false and x = false, true or x = true without evaluating x.
  bool logic(const Node& n, Value& out) {
    const bool is_and = n.kind == NodeKind::And;
    if (!operand(n, 0, out)) return false;
    if (!out.isNull() && out.boolean() != is_and) return true;
    const bool left_null = out.isNull();
    if (!operand(n, 1, out)) return false;
    if (!out.isNull() && out.boolean() != is_and) return true;
    out = (left_null || out.isNull()) ? Value::null() : Value::ofBool(is_and);
    return true;
  }

  bool comparison(const Node& n, Value& out) {
    Value r;
    if (!operand(n, 0, out) || !operand(n, 1, r)) return false;
    if (out.isNull() || r.isNull()) {
      out = Value::null();
      return true;
    }
    if (auto e = rules::pair(f_, n, 1, *out.type(), *r.type())) return fail(std::move(*e));
    std::partial_ordering c = std::partial_ordering::equivalent;
    switch (*out.type()) {
      case ValueType::Number: c = out.number() <=> r.number(); break;
      case ValueType::Date: c = out.date() <=> r.date(); break;
      case ValueType::Boolean: c = out.boolean() <=> r.boolean(); break;
      case ValueType::Text: c = out.text() <=> r.text(); break;
    }
    bool b = false;
    switch (n.kind) {
      case NodeKind::Equal: b = c == 0; break;
      case NodeKind::NotEqual: b = c != 0; break;
      case NodeKind::Less: b = c < 0; break;
      case NodeKind::LessEqual: b = c <= 0; break;
      case NodeKind::Greater: b = c > 0; break;
      default: b = c >= 0; break;
    }
    out = Value::ofBool(b);
    return true;
  }

  // min/max/sum: every argument is evaluated (and type-checked); any null makes the result null.
  bool aggregate(const Node& n, Value& out) {
    Decimal acc;
    bool null = false;
    for (size_t k = 0; k < n.count; ++k) {
      if (!operand(n, k, out)) return false;
      if (out.isNull() || null) {
        null = true;
        continue;
      }
      const Decimal& d = out.number();
      if (k == 0) {
        acc = d;
      } else if (n.kind == NodeKind::Sum) {
        auto s = acc.add(d);
        if (!s) return fail(rules::at(n.position, s.error().message));
        acc = *s;
      } else if (n.kind == NodeKind::Min ? d < acc : d > acc) {
        acc = d;
      }
    }
    out = null ? Value::null() : Value::ofNumber(acc);
    return true;
  }

  bool round(const Node& n, Value& out) {
    Value digits;
    if (!operand(n, 0, out) || !operand(n, 1, digits)) return false;
    if (out.isNull() || digits.isNull()) {
      out = Value::null();
      return true;
    }
    auto d = digits.number().toInt64();
    if (!d) {
      return fail(rules::at(f_.node(f_.children(n)[1]).start,
                            "số chữ số làm tròn của hàm 'round' phải là số nguyên"));
    }
    const int clamped = static_cast<int>(std::clamp<int64_t>(*d, -100, 100));
    return number(n, out.number().round(clamped), out);
  }

  const Formula& f_;
  const ValueProvider& provider_;
  std::optional<Error> error_;
};

}  // namespace

Result<Value> evaluate(const Formula& formula, const ValueProvider& provider) {
  return Evaluator(formula, provider).run();
}

}  // namespace baocao::core::expr
