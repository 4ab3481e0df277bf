// A report as a pre-filled XLSX, its upload, and consolidation (docs/api.md "Report as XLSX,
// consolidation"; issue 5 points 3 and 7):
//   GET  /api/v1/reports/{key}/xlsx                      the report as a pre-filled workbook
//   PUT  /api/v1/reports/{key}/xlsx                      upload it back (raw body): the cells
//                                                        changed in Excel are saved all or
//                                                        nothing against the revision of the
//                                                        download; 422 with every bad cell, 409
//                                                        when someone changed the same cells
//   GET  /api/v1/consolidation?unit=&regime=&period=     aggregates of the accepted reports of
//                                                        the units reporting to `unit`
//   POST /api/v1/reports/{key}/pull-consolidation        fill the receiver's own report with them
// Handlers adapt: access, states and deadlines are decided by app::ReportService and
// app::ConsolidationService; the file format by exchange/report_xlsx.h.
// Thread-safety: as Api.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "core/common/text.h"
#include "core/form/evaluation.h"
#include "exchange/report_xlsx.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/report_json.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using ojson = nlohmann::ordered_json;
namespace fm = core::form;
namespace cons = core::consolidation;

namespace {

constexpr const char* kXlsxMedia = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What the workbook of a report prints and how it is recognised on upload.
exchange::ReportXlsxInfo xlsxInfo(const app::ReportView& v, app::IndicatorService& indicators,
                                  const app::Actor& a) {
  exchange::ReportXlsxInfo info;
  const auto& o = v.obligation.obligation;
  info.print.regime_name = v.regime_name;
  info.print.regime_code = o.regime_code;
  if (!v.period_label.empty()) info.print.period_label = "Kỳ báo cáo: " + v.period_label;
  info.print.reporting_unit = v.unit_name;
  info.print.receiving_unit = v.receiving_name;
  for (const auto& f : v.regime.forms)
    for (const auto& row : f.rows) {
      if (row.kind == fm::RowKind::Heading || (!row.label.empty() && !row.unit.empty())) continue;
      auto ind = indicators.getByCode(a, row.code);
      if (ind) info.print.indicators[row.code] = {ind->name, ind->unit_of_measure};
    }
  info.obligation_key = o.key;
  info.regime_code = o.regime_code;
  info.period_id = o.period ? o.period->id() : std::string();
  info.unit_code = v.unit_code;
  info.revision = v.draft.revision;
  for (const auto& s : v.regime.outline) info.sections.push_back(s);
  for (const auto& f : v.regime.forms)
    for (auto s : f.sections) {
      s.code = f.code + "/" + s.code;
      s.title = f.code + " — " + s.title;
      info.sections.push_back(std::move(s));
    }
  for (const auto& [row, type] : v.value_types)
    if (type == core::indicator::ValueType::Text || type == core::indicator::ValueType::YesNo ||
        type == core::indicator::ValueType::Date)
      info.text_rows.insert(row);
  return info;
}

/// "B01/CT01.TH" → ("B01", "CT01.TH") for the forms of the report.
exchange::FormValues valuesByForm(const app::ReportView& v) {
  exchange::FormValues out;
  for (const auto& [code, cell] : v.draft.values) {
    auto slash = code.find('/');
    if (slash == std::string::npos || cell.value.empty()) continue;
    out[code.substr(0, slash)][code.substr(slash + 1)] = cell.value;
  }
  return out;
}

/// The upload as a save: the input cells and sections whose content in the file differs from
/// what the file held when downloaded (what the user changed in Excel), set or cleared.
/// Unchanged entries are left out, so a cell someone else changed meanwhile conflicts only
/// when the user changed it too.
app::DraftInput uploadAsChanges(const app::ReportView& v, const exchange::ReportUpload& up,
                                const exchange::ReportXlsxInfo& info) {
  auto find = [](const exchange::FormValues& m, const std::string& form,
                 const std::string& cell) -> std::optional<std::string> {
    auto f = m.find(form);
    if (f == m.end()) return std::nullopt;
    auto it = f->second.find(cell);
    return it == f->second.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  auto text = [](const std::map<std::string, std::string>& m,
                 const std::string& code) -> std::optional<std::string> {
    auto it = m.find(code);
    return it == m.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  app::DraftInput in;
  for (const auto& f : v.regime.forms)
    for (const auto& row : f.rows)
      for (const auto& col : f.columns) {
        if (fm::cellRule(f, row, col).kind != fm::CellKind::Input) continue;
        std::string cell = fm::cellKey(row.code, col.code);
        auto now = find(up.values, f.code, cell);
        if (now != find(up.original, f.code, cell)) in.values[f.code + "/" + cell] = now;
      }
  for (const auto& s : info.sections) {
    auto now = text(up.narrative, s.code);
    if (now != text(up.original_narrative, s.code)) in.narrative[s.code] = now;
  }
  return in;
}

ojson unitRef(int64_t id, const std::pair<std::string, std::string>& cn) {
  return ojson{{"id", id}, {"code", cn.first}, {"name", cn.second}};
}

ojson optDecimal(const std::optional<core::expr::Decimal>& d) {
  return d ? ojson(d->toString()) : ojson(nullptr);
}

ojson consolidationJson(const app::ConsolidationView& v) {
  ojson units = ojson::array(), missing = ojson::array();
  for (const auto& o : v.obligations) {
    ojson u = unitRef(o.obligation.unit_id, v.units.at(o.obligation.unit_id));
    u["report_key"] = o.obligation.key;
    u["state"] = std::string(core::workflow::stateId(o.state));
    u["state_label"] = std::string(core::workflow::stateLabel(o.state));
    bool accepted = o.state == core::workflow::State::Accepted;
    u["accepted"] = accepted;
    (accepted ? units : missing).push_back(std::move(u));
  }
  ojson forms = ojson::array();
  const size_t expected = v.obligations.size(), accepted = units.size();
  std::vector<std::string> problems;
  for (const auto& f : v.forms) {
    const auto& r = f.result;
    for (const auto& p : r.problems)
      if (std::find(problems.begin(), problems.end(), p) == problems.end()) problems.push_back(p);
    ojson cells = ojson::array();
    for (const auto& c : r.cells) {
      ojson by_unit = ojson::array();
      for (const auto& u : c.units) by_unit.push_back(optDecimal(u.value));
      cells.push_back(ojson{{"cell", f.form.code + "/" + c.cell},
                            {"row", c.row},
                            {"column", c.column},
                            {"method", std::string(cons::methodId(c.method))},
                            {"method_label", std::string(cons::methodLabel(c.method))},
                            {"value", optDecimal(c.value)},
                            {"decimals", c.decimals},
                            {"reported", c.reported},
                            {"note", c.note.empty() ? ojson(nullptr) : ojson(c.note)},
                            {"units", by_unit}});
    }
    forms.push_back(ojson{{"code", f.form.code}, {"title", f.form.title}, {"cells", cells}});
  }
  ojson own = nullptr;
  if (v.own)
    own = ojson{{"key", v.own->obligation.key},
                {"state", std::string(core::workflow::stateId(v.own->state))},
                {"state_label", std::string(core::workflow::stateLabel(v.own->state))},
                {"deadline", v.own->obligation.deadline.iso()}};
  return ojson{{"unit", ojson{{"id", v.unit_id}, {"code", v.unit_code}, {"name", v.unit_name}}},
               {"regime", ojson{{"code", v.regime_code}, {"name", v.regime_name}}},
               {"period", ojson{{"id", v.period_id}, {"label", v.period_label}}},
               {"expected", expected},
               {"accepted", accepted},
               {"completeness", std::to_string(accepted) + "/" + std::to_string(expected) + " đơn vị"},
               {"units", units},
               {"missing", missing},
               {"forms", forms},
               {"problems", problems},
               {"own_report", own},
               {"can_pull", v.own && v.pull_blocked.empty()},
               {"pull_blocked", v.pull_blocked.empty() ? ojson(nullptr) : ojson(v.pull_blocked)}};
}

/// `?base_revision=` when given, else the revision the file was downloaded at.
core::Result<int64_t> baseRevisionOf(const Request& req, const exchange::ReportUpload& up) {
  BAOCAO_ASSIGN(int n, queryInt(req, "base_revision", -1, 0, 2000000000));
  return n < 0 ? up.base_revision : n;
}

}  // namespace

void Api::registerReportXlsxRoutes() {
  const std::string base = "/api/v1/reports/{key}";

  router_.add("GET", base + "/xlsx", authed([this](Request& req, app::Actor& a) {
    auto key = reportKeyParam(req);
    if (!key) return problem(key.error());
    auto v = s_.reports.open(a, *key);
    if (!v) return problem(v.error());
    auto info = xlsxInfo(*v, s_.indicators, a);
    auto narrative = std::map<std::string, std::string>{};
    for (const auto& [code, cell] : v->draft.narrative)
      if (!cell.value.empty()) narrative[code] = cell.value;
    auto bytes = exchange::reportXlsx(v->regime.forms, info, valuesByForm(*v), narrative);
    if (!bytes) return problem(bytes.error());
    std::string name = "bao-cao-" + v->obligation.obligation.regime_code + "-" + info.period_id + "-" +
                       v->unit_code + "-r" + std::to_string(v->draft.revision) + ".xlsx";
    return downloadNamed(std::move(bytes).value(), kXlsxMedia, name);
  }));

  router_.add("PUT", base + "/xlsx", authed([this](Request& req, app::Actor& a) {
    auto key = reportKeyParam(req);
    if (!key) return problem(key.error());
    if (req.body.empty())
      return problem(makeError(ErrorCode::MissingField, "Thiếu nội dung tệp Excel tải lên",
                               {{"body", "trống"}}));
    auto v = s_.reports.open(a, *key);
    if (!v) return problem(v.error());
    auto info = xlsxInfo(*v, s_.indicators, a);
    auto up = exchange::readReportXlsx(req.body, v->regime.forms, info);
    if (!up) return problem(up.error());
    auto base_revision = baseRevisionOf(req, *up);
    if (!base_revision) return problem(base_revision.error());
    // The save checks edit rights and state, re-checks every value, and writes all or nothing
    // against the revision the file was downloaded at.
    auto r = s_.reports.save(a, *key, *base_revision, uploadAsChanges(*v, *up, info));
    if (!r) return problem(r.error());
    if (!r->conflicts.empty()) return saveConflictProblem(*r);
    return ok(reportViewJson(*r->report));
  }));

  router_.add("GET", "/api/v1/consolidation", authed([this](Request& req, app::Actor& a) {
    auto unit = queryId(req, "unit");
    if (!unit) return problem(unit.error());
    if (!*unit)
      return problem(makeError(ErrorCode::MissingField, "Thiếu tham số 'unit' (đơn vị nhận báo cáo)",
                               {{"unit", "bắt buộc"}}));
    auto regime = queryText(req, "regime", 64);
    if (!regime) return problem(regime.error());
    auto period = queryText(req, "period", 32);
    if (!period) return problem(period.error());
    auto v = s_.consolidation.consolidate(a, **unit, *regime, *period);
    if (!v) return problem(v.error());
    return ok(consolidationJson(*v));
  }));

  router_.add("POST", base + "/pull-consolidation", authed([this](Request& req, app::Actor& a) {
    auto key = reportKeyParam(req);
    if (!key) return problem(key.error());
    auto body = JsonBody::parse(req, {"base_revision"});
    if (!body) return problem(body.error());
    auto base_revision = body->integer("base_revision");
    if (!base_revision) return problem(base_revision.error());
    auto r = s_.consolidation.pull(a, *key, *base_revision);
    if (!r) return problem(r.error());
    if (!r->conflicts.empty()) return saveConflictProblem(*r);
    return ok(reportViewJson(*r->report));
  }));
}

}  // namespace baocao::http
