// The obligation API (docs/api.md "Obligations"; issue 5 points 1–2):
//   GET  /api/v1/me/obligations                  what do I owe (status, deadline, countdown,
//                                                next step), ordered for action
//   GET  /api/v1/me/received                     a receiver's groups (regime × period ×
//                                                receiving unit) with their summaries
//   GET  /api/v1/obligations?regime=&period=     a receiver's view: who has and has not
//                                                reported, on time or late, with a summary
//   POST /api/v1/obligations/generate            create the obligations due today (system
//                                                administrators; the server also does it at
//                                                start and daily)
// Handlers only adapt; scope and permissions are decided by app::ObligationService. "Today" is
// the service clock's Vietnam date. Thread-safety: as Api.
#include <nlohmann/json.hpp>
#include <string>

#include "app/obligation_service.h"
#include "core/common/text.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/problem.h"

namespace baocao::http {

using core::ErrorCode;
using core::makeError;
using ojson = nlohmann::ordered_json;
namespace ob = core::obligation;
namespace wf = core::workflow;

namespace {

ojson optDate(const std::optional<core::Date>& d) { return d ? ojson(d->iso()) : ojson(nullptr); }

ojson unitJson(int64_t id, const std::string& code, const std::string& name) {
  return ojson{{"id", id}, {"code", code}, {"name", name}};
}

ojson periodJson(const ob::Obligation& o, const std::string& label) {
  if (!o.period) return nullptr;
  return ojson{{"id", o.period->id()},
               {"type", std::string(core::period::periodTypeName(o.period->type()))},
               {"label", label}};
}

ojson countdownJson(const ob::Countdown& c) {
  return ojson{{"overdue", c.overdue},
               {"calendar_days", c.calendar_days},
               {"working_days", c.working_days},
               {"text", c.text}};
}

ojson owedJson(const app::OwedView& v) {
  const auto& o = v.stored.obligation;
  ojson actions = ojson::array();
  for (auto a : v.item.actions)
    actions.push_back(ojson{{"id", std::string(wf::actionId(a))},
                            {"label", std::string(wf::actionLabel(a))}});
  return ojson{{"key", o.key},
               {"kind", std::string(ob::kindId(o.kind))},
               {"regime_code", o.regime_code},
               {"regime_name", v.regime_name},
               {"title", o.title},
               {"period", periodJson(o, v.period_label)},
               {"unit", unitJson(o.unit_id, v.unit_code, v.unit_name)},
               {"receiving_unit", unitJson(o.receiving_unit_id, v.receiving_code, v.receiving_name)},
               {"assigned_on", o.assigned_on.iso()},
               {"deadline", o.deadline.iso()},
               {"amendment_deadline", o.amendment_deadline.iso()},
               {"approval_deadline", optDate(o.approval_deadline)},
               {"state", std::string(wf::stateId(v.stored.state))},
               {"state_label", v.item.state_label},
               {"done", v.item.done},
               {"countdown", countdownJson(v.item.countdown)},
               {"actions", actions},
               {"next_step", v.item.next_step},
               {"id", v.stored.id},
               {"parent_key", o.parent_key ? ojson(*o.parent_key) : ojson(nullptr)}};
}

ojson receivedJson(const app::ReceivedRow& r) {
  const auto& o = r.stored.obligation;
  const auto& c = r.compliance;
  return ojson{
      {"key", o.key},
      {"unit", unitJson(o.unit_id, r.unit_code, r.unit_name)},
      {"period", periodJson(o, r.period_label)},
      {"deadline", o.deadline.iso()},
      {"state", std::string(wf::stateId(r.stored.state))},
      {"state_label", std::string(wf::stateLabel(r.stored.state))},
      {"first_sent_at", r.stored.first_sent_at ? ojson(r.stored.first_sent_at->iso()) : ojson(nullptr)},
      {"compliance",
       ojson{{"status", std::string(ob::complianceId(c.status))},
             {"label", std::string(ob::complianceLabel(c.status))},
             {"counted_sent_date", optDate(c.counted_sent_date)},
             {"calendar_days_late", c.calendar_days_late},
             {"working_days_late", c.working_days_late},
             {"note", c.note},
             {"backfilled", c.backfilled}}},
      {"id", r.stored.id},
      {"kind", std::string(ob::kindId(o.kind))},
      {"backfill", r.stored.backfill
                       ? ojson{{"window_id", r.stored.backfill->window_id},
                               {"true_sent_date", r.stored.backfill->true_sent_on.iso()},
                               {"explanation", r.stored.backfill->explanation},
                               {"recorded_at", r.stored.backfill->recorded_at.iso()}}
                       : ojson(nullptr)}};
}

}  // namespace

void Api::registerObligationRoutes() {
  router_.add("GET", "/api/v1/me/obligations", authed([this](Request&, app::Actor& a) {
    core::Date today = s_.obligations.today();
    auto r = s_.obligations.owed(a, today);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    int open = 0, overdue = 0;
    for (const auto& v : *r) {
      items.push_back(owedJson(v));
      if (!v.item.done) {
        ++open;
        if (v.item.countdown.overdue) ++overdue;
      }
    }
    return ok(ojson{{"today", today.iso()},
                    {"open", open},
                    {"overdue", overdue},
                    {"items", items}});
  }));

  router_.add("GET", "/api/v1/me/received", authed([this](Request&, app::Actor& a) {
    core::Date today = s_.obligations.today();
    auto r = s_.obligations.receivedGroups(a, today);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& g : *r) {
      const auto& s = g.summary;
      items.push_back(ojson{
          {"regime_code", g.regime_code},
          {"regime_name", g.regime_name},
          {"period", g.period ? ojson{{"id", g.period->id()},
                                      {"type", std::string(core::period::periodTypeName(g.period->type()))},
                                      {"label", g.period_label}}
                              : ojson(nullptr)},
          {"receiving_unit", unitJson(g.receiving_unit_id, g.receiving_code, g.receiving_name)},
          {"deadline", g.deadline.iso()},
          {"summary", ojson{{"total", s.total},
                            {"on_time", s.on_time},
                            {"late", s.late},
                            {"not_submitted", s.not_submitted},
                            {"pending", s.pending},
                            {"text", s.text}}}});
    }
    return ok(ojson{{"today", today.iso()}, {"items", items}});
  }));

  router_.add("GET", "/api/v1/obligations", authed([this](Request& req, app::Actor& a) {
    std::string regime = req.q("regime");
    std::string period = req.q("period");
    if (regime.empty())
      return problem(makeError(ErrorCode::MissingField, "Thiếu tham số 'regime' (mã chế độ báo cáo)",
                               {{"regime", "bắt buộc"}}));
    if (!core::text::isValidUtf8(regime) || regime.size() > 64 || period.size() > 16)
      return problem(makeError(ErrorCode::InvalidField, "Tham số 'regime' hoặc 'period' không hợp lệ",
                               {{"regime", "không hợp lệ"}}));
    core::Date today = s_.obligations.today();
    auto r = s_.obligations.received(a, regime, period, today);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& row : r->rows) items.push_back(receivedJson(row));
    const auto& s = r->summary;
    return ok(ojson{{"today", today.iso()},
                    {"regime", ojson{{"code", r->regime_code}, {"name", r->regime_name}}},
                    {"period", period.empty() ? ojson(nullptr) : ojson(period)},
                    {"summary", ojson{{"total", s.total},
                                      {"on_time", s.on_time},
                                      {"late", s.late},
                                      {"not_submitted", s.not_submitted},
                                      {"pending", s.pending},
                                      {"text", s.text}}},
                    {"items", items}});
  }));

  router_.add("POST", "/api/v1/obligations/generate", authed([this](Request&, app::Actor& a) {
    core::Date today = s_.obligations.today();
    auto r = s_.obligations.generateDue(&a, today);
    if (!r) return problem(r.error());
    return ok(ojson{{"today", today.iso()},
                    {"regimes", r->regimes},
                    {"generated", r->generated},
                    {"created", r->created},
                    {"existing", r->existing},
                    {"skipped", r->skipped},
                    {"problems", r->problems}});
  }));
}

}  // namespace baocao::http
