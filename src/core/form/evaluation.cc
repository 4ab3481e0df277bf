#include "core/form/evaluation.h"

#include <memory>

#include "core/expr/evaluator.h"
#include "core/expr/formula.h"

namespace baocao::core::form {

namespace ex = core::expr;

std::string cellKey(std::string_view row, std::string_view column) {
  std::string k(row);
  k += '.';
  k += column;
  return k;
}

int cellDecimals(const Row& row, const Column& column) {
  return column.decimals.value_or(row.decimals);
}

namespace {

/// Stored form of a computed number: no trailing fractional zeros ("26.0" → "26").
std::string storedNumber(const ex::Decimal& d) {
  std::string s = d.toString();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? std::string("0") : s;
}

ex::Value parseStored(const std::string& row, const std::map<std::string, std::string>& values,
                      const std::string& key, const std::set<std::string>& text_rows) {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty()) return ex::Value::null();
  if (text_rows.count(row)) return ex::Value::ofText(it->second);
  auto d = ex::Decimal::parse(it->second);
  return d ? ex::Value::ofNumber(*d) : ex::Value::null();
}

class Evaluator {
 public:
  Evaluator(const Form& f, const FormData& d) : f_(f), d_(d) {}

  /// The value of cell (row, col) in the period `shift` away.
  ex::Value cell(const std::string& row, const std::string& col, const ex::PeriodShift& shift) {
    if (!shift.isCurrent()) {
      if (shift.ytd) return ex::Value::null();
      if (shift.periods == 1 && shift.years == 0)
        return parseStored(row, d_.previous, cellKey(row, col), d_.text_rows);
      if (shift.periods == 0 && shift.years == 1)
        return parseStored(row, d_.last_year, cellKey(row, col), d_.text_rows);
      return ex::Value::null();
    }
    const Row* r = f_.row(row);
    const Column* c = f_.column(col);
    if (!r || !c) return ex::Value::null();
    CellRule rule = cellRule(f_, *r, *c);
    if (rule.kind == CellKind::Disabled) return ex::Value::null();
    std::string key = cellKey(row, col);
    if (rule.kind == CellKind::Input) return parseStored(row, d_.current, key, d_.text_rows);
    auto done = memo_.find(key);
    if (done != memo_.end()) return done->second;
    // a cycle (validateForm refuses them) or runaway depth: blank, never a crash
    if (!visiting_.insert(key).second || visiting_.size() > 500) {
      out_.computed[key].error = "công thức của ô " + key + " tham chiếu vòng tròn";
      return ex::Value::null();
    }
    ex::Value v = compute(*r, *c, rule, key);
    visiting_.erase(key);
    memo_[key] = v;
    return v;
  }

  FormEvaluation run() {
    for (const auto& r : f_.rows)
      for (const auto& c : f_.columns) {
        CellRule rule = cellRule(f_, r, c);
        if (rule.kind != CellKind::Computed) continue;
        ex::Value v = cell(r.code, c.code, {});
        auto& slot = out_.computed[cellKey(r.code, c.code)];
        if (!v.isNull()) slot.value = v.type() == ex::ValueType::Number ? storedNumber(v.number()) : v.toString();
      }
    for (const auto& rule : f_.rules) checkRule(rule);
    return std::move(out_);
  }

 private:
  const ex::Formula* parsed(const std::string& text, std::string* error) {
    auto it = formulas_.find(text);
    if (it == formulas_.end()) {
      auto f = ex::Formula::parse(text);
      if (!f) {
        errors_[text] = f.error().message;
        it = formulas_.emplace(text, nullptr).first;
      } else {
        it = formulas_.emplace(text, std::make_unique<ex::Formula>(std::move(f).value())).first;
      }
    }
    if (!it->second && error) *error = errors_[text];
    return it->second.get();
  }

  ex::Value rounded(ex::Value v, const Row& r, const Column& c, const std::string& key) {
    if (v.isNull() || v.type() != ex::ValueType::Number) return v;
    auto d = v.number().round(cellDecimals(r, c));
    if (!d) {
      out_.computed[key].error = d.error().message;
      return ex::Value::null();
    }
    return ex::Value::ofNumber(*d);
  }

  ex::Value compute(const Row& r, const Column& c, const CellRule& rule, const std::string& key) {
    if (rule.source == CellRule::Source::RowSubtotal) {
      std::optional<ex::Decimal> sum;
      for (const Row* child : f_.children(r.code)) {
        ex::Value v = cell(child->code, c.code, {});
        if (v.isNull() || v.type() != ex::ValueType::Number) continue;
        auto s = sum ? sum->add(v.number()) : core::Result<ex::Decimal>(v.number());
        if (!s) {
          out_.computed[key].error = s.error().message;
          return ex::Value::null();
        }
        sum = *s;
      }
      return sum ? rounded(ex::Value::ofNumber(*sum), r, c, key) : ex::Value::null();
    }
    std::string error;
    const ex::Formula* f = parsed(rule.formula, &error);
    if (!f) {
      out_.computed[key].error = error;
      return ex::Value::null();
    }
    auto provider = [&](const ex::Reference& ref) -> ex::Value {
      switch (rule.source) {
        case CellRule::Source::Column:
          return cell(r.code, ref.code, ref.shift);
        case CellRule::Source::RowFormula:
          return cell(ref.code, c.code, ref.shift);
        default:
          return cell(ref.code, ref.part, ref.shift);
      }
    };
    auto v = ex::evaluate(*f, provider);
    if (!v) {
      out_.computed[key].error = "Ô " + key + ": " + v.error().message;
      return ex::Value::null();
    }
    return rounded(*v, r, c, key);
  }

  void checkRule(const ValidationRule& rule) {
    const ex::Formula* f = parsed(rule.formula, nullptr);
    if (!f) return;  // validateForm refuses such forms; nothing to check
    auto fail = [&](const std::string& row, std::vector<std::string> cells) {
      out_.failures.push_back({rule.code, row, rule.severity, rule.message, std::move(cells)});
    };
    auto holds = [](const core::Result<ex::Value>& v) {
      // blank (missing data) or an error in the data (division by zero) is "not checked"
      return !v || v->isNull() || v->type() != ex::ValueType::Boolean || v->boolean();
    };
    if (rule.scope == RuleScope::Form) {
      auto v = ex::evaluate(*f, [&](const ex::Reference& ref) { return cell(ref.code, ref.part, ref.shift); });
      if (holds(v)) return;
      std::vector<std::string> cells;
      for (const auto& ref : f->references())
        if (ref.shift.isCurrent()) cells.push_back(cellKey(ref.code, ref.part));
      fail("", std::move(cells));
      return;
    }
    for (const auto& r : f_.rows) {
      if (r.kind == RowKind::Heading) continue;
      bool has_cells = true;
      std::vector<std::string> cells;
      for (const auto& ref : f->references()) {
        const Column* c = f_.column(ref.code);
        if (!c || cellRule(f_, r, *c).kind == CellKind::Disabled) has_cells = false;
        if (ref.shift.isCurrent()) cells.push_back(cellKey(r.code, ref.code));
      }
      if (!has_cells) continue;
      auto v = ex::evaluate(*f, [&](const ex::Reference& ref) { return cell(r.code, ref.code, ref.shift); });
      if (!holds(v)) fail(r.code, std::move(cells));
    }
  }

  const Form& f_;
  const FormData& d_;
  FormEvaluation out_;
  std::map<std::string, ex::Value> memo_;
  std::set<std::string> visiting_;
  std::map<std::string, std::unique_ptr<ex::Formula>> formulas_;
  std::map<std::string, std::string> errors_;
};

}  // namespace

FormEvaluation evaluateForm(const Form& form, const FormData& data) {
  return Evaluator(form, data).run();
}

}  // namespace baocao::core::form
