#include "core/consolidation/consolidation.h"

#include <algorithm>
#include <set>

#include "core/form/evaluation.h"

namespace baocao::core::consolidation {

using expr::Decimal;
using indicator::UnitAggregation;

std::string_view methodId(Method m) {
  switch (m) {
    case Method::Sum: return "sum";
    case Method::Average: return "average";
    case Method::WeightedAverage: return "weighted_average";
    case Method::Min: return "min";
    case Method::Max: return "max";
    case Method::None: return "none";
    case Method::Computed: return "computed";
    case Method::Disabled: return "disabled";
  }
  return "none";
}

std::string_view methodLabel(Method m) {
  switch (m) {
    case Method::Sum: return "Cộng";
    case Method::Average: return "Bình quân";
    case Method::WeightedAverage: return "Bình quân gia quyền";
    case Method::Min: return "Nhỏ nhất";
    case Method::Max: return "Lớn nhất";
    case Method::None: return "Không tổng hợp";
    case Method::Computed: return "Tính theo công thức";
    case Method::Disabled: return "Không áp dụng";
  }
  return "";
}

const CellAggregate* Consolidation::cell(const std::string& code) const {
  for (const auto& c : cells)
    if (c.cell == code) return &c;
  return nullptr;
}

std::string Consolidation::completenessLabel() const {
  return std::to_string(accepted) + "/" + std::to_string(expected) + " đơn vị";
}

std::map<std::string, std::string> Consolidation::inputValues() const {
  std::map<std::string, std::string> out;
  for (const auto& c : cells) {
    bool input = c.method != Method::Computed && c.method != Method::Disabled;
    if (input && c.value) out[c.cell] = c.value->toString();
  }
  return out;
}

namespace {

Method methodOf(UnitAggregation a) {
  switch (a) {
    case UnitAggregation::Sum: return Method::Sum;
    case UnitAggregation::Average: return Method::Average;
    case UnitAggregation::WeightedAverage: return Method::WeightedAverage;
    case UnitAggregation::Min: return Method::Min;
    case UnitAggregation::Max: return Method::Max;
    case UnitAggregation::None: return Method::None;
  }
  return Method::None;
}

struct UnitData {
  Unit unit;
  std::map<std::string, Decimal> inputs;   // parsed input cells
  std::map<std::string, Decimal> all;      // inputs + recomputed cells
};

std::string arithmeticNote(const Error& e) { return "không tính được: " + e.message; }

struct Computed {
  std::map<std::string, Decimal> values;       // computed cells with a value
  std::map<std::string, std::string> problems;  // computed cells whose formula failed
};

// The form's computed cells from exact inputs (form::evaluateForm rounds each to its decimals).
Computed computedValues(const form::Form& f, const std::map<std::string, Decimal>& inputs) {
  form::FormData data;
  for (const auto& [code, v] : inputs) data.current[code] = v.toString();
  Computed out;
  for (const auto& [code, cell] : form::evaluateForm(f, data).computed) {
    if (!cell.error.empty()) out.problems[code] = cell.error;
    if (!cell.value) continue;
    if (auto d = Decimal::parse(*cell.value)) out.values[code] = *d;
  }
  return out;
}

// Aggregate of one input cell. Sets value or note on `out`.
void aggregate(CellAggregate& out, const Rule& rule, const form::Form& f,
               const std::vector<UnitData>& units) {
  std::vector<Decimal> values;
  for (const auto& u : out.units)
    if (u.value) values.push_back(*u.value);
  if (out.method == Method::None) return;
  if (values.empty()) return;  // nobody reported it: blank, no note needed
  auto fail = [&](const Error& e) { out.note = arithmeticNote(e); };
  Decimal acc;
  switch (out.method) {
    case Method::Sum:
    case Method::Average: {
      for (const auto& v : values) {
        auto r = acc.add(v);
        if (!r) return fail(r.error());
        acc = *r;
      }
      if (out.method == Method::Average) {
        auto r = acc.divide(Decimal::fromInt(static_cast<int64_t>(values.size())));
        if (!r) return fail(r.error());
        acc = *r;
      }
      break;
    }
    case Method::Min:
    case Method::Max:
      acc = out.method == Method::Min ? *std::min_element(values.begin(), values.end())
                                      : *std::max_element(values.begin(), values.end());
      break;
    case Method::WeightedAverage: {
      if (rule.weight_code.empty() || !f.row(rule.weight_code)) {
        out.note = "chỉ tiêu quyền số '" + rule.weight_code + "' không có trong biểu";
        return;
      }
      std::string wcell = form::cellKey(rule.weight_code, out.column);
      Decimal num, den;
      int used = 0;
      for (const auto& u : units) {
        auto v = u.inputs.find(out.cell);
        auto w = u.all.find(wcell);
        if (v == u.inputs.end() || w == u.all.end()) continue;
        auto p = v->second.multiply(w->second);
        if (!p) return fail(p.error());
        auto n = num.add(*p);
        if (!n) return fail(n.error());
        auto d = den.add(w->second);
        if (!d) return fail(d.error());
        num = *n;
        den = *d;
        ++used;
      }
      if (used == 0) {
        out.note = "không đơn vị nào có cả giá trị và quyền số (" + wcell + ")";
        return;
      }
      if (den.isZero()) {
        out.note = "tổng quyền số (" + wcell + ") bằng 0";
        return;
      }
      auto r = num.divide(den);
      if (!r) return fail(r.error());
      acc = *r;
      break;
    }
    default:
      return;
  }
  auto rounded = acc.round(out.decimals);
  if (!rounded) return fail(rounded.error());
  out.value = *rounded;
}

}  // namespace

Result<Consolidation> consolidate(const Input& in) {
  if (!in.form)
    return makeError(ErrorCode::InvalidField, "Thiếu biểu mẫu để tổng hợp", {{"form", "thiếu"}});
  const form::Form& f = *in.form;
  Consolidation out;

  std::vector<Unit> expected = in.expected;
  std::sort(expected.begin(), expected.end(),
            [](const Unit& a, const Unit& b) { return a.code < b.code; });
  std::map<int64_t, const Unit*> expected_by_id;
  for (const auto& u : expected) expected_by_id[u.id] = &u;
  out.expected = static_cast<int>(expected.size());

  // Accepted reports of expected units, one per unit, by unit code.
  std::vector<const UnitReport*> reports;
  std::set<int64_t> seen;
  for (const auto& r : in.accepted) {
    if (!expected_by_id.count(r.unit.id)) {
      out.problems.push_back("Báo cáo của đơn vị " + r.unit.code + " - " + r.unit.name +
                             " không thuộc danh sách đơn vị phải báo cáo, không được tổng hợp");
      continue;
    }
    if (!seen.insert(r.unit.id).second) {
      out.problems.push_back("Đơn vị " + r.unit.code + " có hai báo cáo được tiếp nhận; chỉ "
                             "tổng hợp báo cáo đầu tiên");
      continue;
    }
    reports.push_back(&r);
  }
  std::sort(reports.begin(), reports.end(),
            [](const UnitReport* a, const UnitReport* b) { return a->unit.code < b->unit.code; });
  for (const auto& u : expected)
    if (!seen.count(u.id)) out.missing.push_back(u);
  out.accepted = static_cast<int>(reports.size());

  // Each unit's inputs, parsed, and its computed cells.
  std::set<std::string> input_cells;
  for (const auto& row : f.rows)
    for (const auto& col : f.columns)
      if (form::cellRule(f, row, col).kind == form::CellKind::Input)
        input_cells.insert(form::cellKey(row.code, col.code));
  std::vector<UnitData> units;
  for (const auto* r : reports) {
    UnitData d{r->unit, {}, {}};
    for (const auto& [code, text] : r->values) {
      if (!input_cells.count(code)) continue;
      auto v = Decimal::parse(text);
      if (!v) {
        out.problems.push_back("Báo cáo của đơn vị " + r->unit.code + ", ô " + code + ": '" +
                               text + "' không phải là số, không được tổng hợp");
        continue;
      }
      d.inputs[code] = *v;
    }
    d.all = d.inputs;
    for (const auto& [code, v] : computedValues(f, d.inputs).values) d.all[code] = v;
    out.units.push_back(r->unit);
    units.push_back(std::move(d));
  }

  // Input cells aggregated, then computed cells recomputed from the aggregates.
  std::map<std::string, Decimal> aggregated_inputs;
  for (const auto& row : f.rows) {
    if (row.kind == form::RowKind::Heading) continue;
    for (const auto& col : f.columns) {
      CellAggregate c;
      c.row = row.code;
      c.column = col.code;
      c.cell = form::cellKey(row.code, col.code);
      c.decimals = form::cellDecimals(row, col);
      auto kind = form::cellRule(f, row, col).kind;
      Rule rule;
      if (auto it = in.rules.find(row.code); it != in.rules.end()) rule = it->second;
      c.method = kind == form::CellKind::Disabled  ? Method::Disabled
                 : kind == form::CellKind::Computed ? Method::Computed
                                                    : methodOf(rule.aggregation);
      if (kind != form::CellKind::Disabled) {
        for (const auto& u : units) {
          auto v = u.all.find(c.cell);
          UnitValue uv{u.unit.id, std::nullopt};
          if (v != u.all.end()) {
            uv.value = v->second;
            ++c.reported;
          }
          c.units.push_back(uv);
        }
      }
      if (kind == form::CellKind::Input) {
        aggregate(c, rule, f, units);
        if (c.value) aggregated_inputs[c.cell] = *c.value;
      }
      out.cells.push_back(std::move(c));
    }
  }
  auto computed = computedValues(f, aggregated_inputs);
  for (auto& c : out.cells) {
    if (c.method != Method::Computed) continue;
    if (auto v = computed.values.find(c.cell); v != computed.values.end()) c.value = v->second;
    else if (auto p = computed.problems.find(c.cell); p != computed.problems.end())
      c.note = "không tính được: " + p->second;
  }
  return out;
}

}  // namespace baocao::core::consolidation
