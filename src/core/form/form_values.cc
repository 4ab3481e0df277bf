#include "core/form/form_values.h"

#include "core/expr/evaluator.h"

namespace baocao::core::form {

using expr::Decimal;

std::string cellCode(std::string_view row, std::string_view column) {
  std::string s(row);
  s += '.';
  s += column;
  return s;
}

std::optional<std::pair<std::string, std::string>> splitCellCode(std::string_view code) {
  auto dot = code.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == code.size()) return std::nullopt;
  return std::make_pair(std::string(code.substr(0, dot)), std::string(code.substr(dot + 1)));
}

int decimalsOfCell(const Row& row, const Column& column) {
  return column.decimals.value_or(row.decimals);
}

namespace {

// Memoised depth-first evaluation over the cells: a form has at most a few thousand cells and
// the dependency of a cell is only known once its rule is resolved, so computing on demand is
// simpler than building a graph first; the "in progress" mark catches cycles (validateForm does
// not forbid [A] = [B], [B] = [A] across a row and a column formula).
class Computer {
 public:
  Computer(const Form& f, const std::map<std::string, Decimal>& inputs,
           const OtherPeriodValues& other)
      : f_(f), inputs_(inputs), other_(other) {}

  ComputedCells run() {
    for (const auto& row : f_.rows)
      for (const auto& col : f_.columns) value(row, col);
    return std::move(out_);
  }

 private:
  enum class Mark { InProgress, Done };

  std::optional<Decimal> value(const Row& row, const Column& col) {
    std::string code = cellCode(row.code, col.code);
    auto rule = cellRule(f_, row, col);
    if (rule.kind == CellKind::Disabled) return std::nullopt;
    if (rule.kind == CellKind::Input) {
      auto it = inputs_.find(code);
      if (it == inputs_.end()) return std::nullopt;
      return it->second;
    }
    if (auto m = marks_.find(code); m != marks_.end()) {
      if (m->second == Mark::Done) {
        auto v = out_.values.find(code);
        return v == out_.values.end() ? std::nullopt : std::optional<Decimal>(v->second);
      }
      out_.problems[code] = "công thức của ô " + code + " tham chiếu vòng lại chính nó";
      return std::nullopt;
    }
    marks_[code] = Mark::InProgress;
    std::optional<Decimal> result = compute(row, col, rule, code);
    marks_[code] = Mark::Done;
    if (result) out_.values[code] = *result;
    return result;
  }

  std::optional<Decimal> compute(const Row& row, const Column& col, const CellRule& rule,
                                 const std::string& code) {
    if (rule.source == CellRule::Source::RowSubtotal) {
      std::optional<Decimal> sum;
      for (const Row* kid : f_.children(row.code)) {
        auto v = value(*kid, col);
        if (!v) continue;
        auto r = sum ? sum->add(*v) : Result<Decimal>(*v);
        if (!r) {
          out_.problems[code] = r.error().message;
          return std::nullopt;
        }
        sum = *r;
      }
      return sum;
    }
    auto parsed = expr::Formula::parse(rule.formula);
    if (!parsed) {
      out_.problems[code] = parsed.error().message;
      return std::nullopt;
    }
    auto provider = [&](const expr::Reference& ref) -> expr::Value {
      std::string r = row.code, c = col.code;
      if (rule.source == CellRule::Source::Column) c = ref.code;
      else if (rule.source == CellRule::Source::RowFormula) r = ref.code;
      else {
        r = ref.code;
        c = ref.part;
      }
      const Row* rr = f_.row(r);
      const Column* cc = f_.column(c);
      if (!rr || !cc) return expr::Value::null();
      std::optional<Decimal> v;
      if (ref.shift.isCurrent()) v = value(*rr, *cc);
      else if (other_) v = other_(r, c, ref.shift);
      return v ? expr::Value::ofNumber(*v) : expr::Value::null();
    };
    auto r = expr::evaluate(*parsed, provider);
    if (!r) {
      out_.problems[code] = r.error().message;
      return std::nullopt;
    }
    if (r->type() != expr::ValueType::Number) return std::nullopt;
    return r->number();
  }

  const Form& f_;
  const std::map<std::string, Decimal>& inputs_;
  const OtherPeriodValues& other_;
  std::map<std::string, Mark> marks_;
  ComputedCells out_;
};

}  // namespace

ComputedCells computeCells(const Form& form, const std::map<std::string, Decimal>& inputs,
                           const OtherPeriodValues& other_periods) {
  return Computer(form, inputs, other_periods).run();
}

}  // namespace baocao::core::form
