#include "app/consolidation_service.h"

#include <algorithm>

#include "app/regime_json.h"
#include "app/unit_scope.h"
#include "core/obligation/obligation.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
namespace cons = core::consolidation;
namespace ports = core::ports;
namespace wf = core::workflow;

namespace {

// The published version of the regime (the forms the reports were made on).
core::Result<core::regime::Regime> publishedRegime(ports::Tx& tx, const std::string& code,
                                                   std::string& name) {
  auto head = tx.regimes().getByCode(code);
  if (!head) {
    if (head.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, "Không có chế độ báo cáo '" + code + "'");
    return head.error();
  }
  name = head->name;
  BAOCAO_ASSIGN(auto v, tx.regimes().getVersion(
                            head->id, head->published_version.value_or(head->latest_version)));
  return regime_json::parseBody(v.body);
}

}  // namespace

core::Result<ConsolidationView> ConsolidationService::consolidate(const Actor& actor,
                                                                  int64_t unit_id,
                                                                  const std::string& regime_code,
                                                                  const std::string& period_id) {
  if (regime_code.empty() || period_id.empty())
    return makeError(ErrorCode::InvalidField, "Cần chọn chế độ báo cáo và kỳ báo cáo để tổng hợp",
                     {{regime_code.empty() ? "regime" : "period", "bắt buộc"}});
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(ports::TxMode::Read));
  UnitCache units(*tx);
  const auto* receiver = units.get(unit_id);
  if (!receiver) return makeError(ErrorCode::NotFound, "Không có đơn vị #" + std::to_string(unit_id));
  bool admin = core::security::isSystemAdmin(actor.grants);
  // The receiving side reads what it received; the unit's own officers prepare its report
  // upward from these figures (002 Đ8.1b).
  if (!admin && rolesOn(actor, unit_id, ctx_.index, units, isReceivingRole).empty() &&
      rolesOn(actor, unit_id, ctx_.index, units, isReportingRole).empty())
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền xem số liệu tổng hợp của " + receiver->name +
                         ": chỉ người có vai trò tại đơn vị nhận báo cáo được xem (ngoài phạm vi "
                         "được phân quyền)");

  ConsolidationView v;
  v.unit_id = unit_id;
  v.unit_code = receiver->code;
  v.unit_name = receiver->name;
  v.regime_code = regime_code;
  v.period_id = period_id;
  ports::ObligationQuery q;
  q.receiving_unit_ids = std::vector<int64_t>{unit_id};
  q.regime_code = regime_code;
  q.period_id = period_id;
  q.limit = 5000;
  BAOCAO_ASSIGN(v.obligations, tx->obligations().find(q));
  if (v.obligations.empty())
    return makeError(ErrorCode::NotFound, "Không có đơn vị nào gửi báo cáo " + regime_code + " kỳ " +
                                              period_id + " cho " + receiver->name);
  for (const auto& o : v.obligations) {
    const auto* u = units.get(o.obligation.unit_id);
    v.units[o.obligation.unit_id] = u ? std::make_pair(u->code, u->name)
                                      : std::make_pair("#" + std::to_string(o.obligation.unit_id),
                                                       std::string());
  }
  std::sort(v.obligations.begin(), v.obligations.end(), [&](const auto& a, const auto& b) {
    return v.units[a.obligation.unit_id].first < v.units[b.obligation.unit_id].first;
  });
  const auto& first = v.obligations.front().obligation;
  v.period_label = first.period ? core::obligation::periodLabel(*first.period) : period_id;
  BAOCAO_ASSIGN(auto regime, publishedRegime(*tx, regime_code, v.regime_name));

  // Accepted reports: the content of their latest version (what the receiver accepted).
  std::vector<std::string> accepted_keys;
  for (const auto& o : v.obligations)
    if (o.state == wf::State::Accepted) accepted_keys.push_back(o.obligation.key);
  BAOCAO_ASSIGN(auto latest, tx->reports().latestVersions(accepted_keys));

  // Rules of the indicators on the forms.
  std::map<std::string, cons::Rule> rules;
  for (const auto& code : regime.indicatorCodes()) {
    auto ind = tx->indicators().getByCode(code);
    if (ind) rules[code] = {ind->unit_aggregation, ind->weight_code};
    else if (ind.error().code != ErrorCode::NotFound) return ind.error();
  }

  for (const auto& form : regime.forms) {
    cons::Input in;
    in.form = &form;
    in.rules = rules;
    std::string prefix = form.code + "/";
    for (const auto& o : v.obligations) {
      const auto& [code, name] = v.units[o.obligation.unit_id];
      cons::Unit unit{o.obligation.unit_id, code, name};
      in.expected.push_back(unit);
      auto it = latest.find(o.obligation.key);
      if (it == latest.end()) continue;
      cons::UnitReport r{unit, {}};
      for (const auto& [cell, value] : it->second.content.values)
        if (cell.rfind(prefix, 0) == 0) r.values[cell.substr(prefix.size())] = value;
      in.accepted.push_back(std::move(r));
    }
    BAOCAO_ASSIGN(auto result, cons::consolidate(in));
    v.forms.push_back({form, std::move(result)});
  }

  // The receiver's own report for the same regime and period (the level above).
  ports::ObligationQuery own;
  own.unit_ids = std::vector<int64_t>{unit_id};
  own.regime_code = regime_code;
  own.period_id = period_id;
  BAOCAO_ASSIGN(auto mine, tx->obligations().find(own));
  if (!mine.empty()) v.own = mine.front();
  core::Date today = ctx_.clock.now().vietnamDate();
  if (!v.own) {
    v.pull_blocked = receiver->name + " không phải gửi báo cáo " + regime_code + " kỳ " + v.period_label +
                     " lên cấp trên";
  } else if (today > v.own->obligation.deadline) {
    v.pull_blocked = "Đã quá hạn gửi báo cáo của " + receiver->name + " (" +
                     v.own->obligation.deadline.vietnamese() + ")";
  } else if (v.own->state != wf::State::Draft && v.own->state != wf::State::Returned) {
    v.pull_blocked = "Báo cáo của " + receiver->name + " đang ở trạng thái «" +
                     std::string(wf::stateLabel(v.own->state)) + "», không sửa được số liệu";
  }
  return v;
}

core::Result<SaveResult> ConsolidationService::pull(const Actor& actor, const std::string& key,
                                                    int64_t base_revision) {
  ports::StoredObligation own;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(ports::TxMode::Read));
    auto ob = tx->obligations().get(key);
    if (!ob) {
      if (ob.error().code == ErrorCode::NotFound)
        return makeError(ErrorCode::NotFound, "Không có báo cáo '" + key + "'");
      return ob.error();
    }
    own = std::move(ob).value();
  }
  const auto& o = own.obligation;
  if (!o.period)
    return makeError(ErrorCode::InvalidField,
                     "Báo cáo '" + o.title + "' không theo kỳ, không có số liệu tổng hợp để lấy vào",
                     {{"key", "không theo kỳ"}});
  auto view = consolidate(actor, o.unit_id, o.regime_code, o.period->id());
  if (!view) {
    if (view.error().code != ErrorCode::NotFound) return view.error();
    return makeError(ErrorCode::InvalidField,
                     "Báo cáo '" + o.title + "' không có đơn vị cấp dưới gửi báo cáo, không có số "
                     "liệu tổng hợp để lấy vào", {{"key", "không tổng hợp"}});
  }
  // 002 Đ8.1b: each level has its own deadline for the consolidated report.
  if (ctx_.clock.now().vietnamDate() > o.deadline)
    return makeError(ErrorCode::DeadlinePassed,
                     "Đã quá hạn gửi báo cáo (" + o.deadline.vietnamese() +
                         "): không lấy số liệu tổng hợp vào báo cáo được nữa");
  DraftInput input;
  for (const auto& f : view->forms)
    for (const auto& [cell, value] : f.result.inputValues())
      input.values[f.form.code + "/" + cell] = value;
  return reports_.save(actor, key, base_revision, input);
}

}  // namespace baocao::app
