// Cascade, ad hoc requests and backfill windows (docs/api.md "Cascade, ad hoc requests,
// backfill"; issue 5 points 1 and 9):
//   POST /api/v1/obligations/{id}/cascade        re-assign an owed obligation to divisions or
//                                                subordinate units (002 Đ8.4a; idempotent)
//   POST /api/v1/obligations/{id}/backfill       record the true sending date of a report sent
//                                                outside the system during an outage (002 Đ5.4)
//   GET  /api/v1/requests, POST /api/v1/requests ad hoc requests (báo cáo đột xuất; 002 Đ1.2)
//   GET  /api/v1/backfill-windows, POST …        the operator's backfill windows
//   POST /api/v1/backfill-windows/{id}/close
// {id} of an obligation is its store id ("id" in /api/v1/me/obligations): keys hold '/'.
// Handlers only adapt; permissions and scope are decided by app::ObligationService.
// Thread-safety: as Api.
#include <nlohmann/json.hpp>
#include <string>

#include "app/obligation_service.h"
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

/// A required array of positive unit ids in the body (JsonBody::parse has checked the body).
core::Result<std::vector<int64_t>> unitIds(const Request& req, const char* field) {
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.contains(field) || j[field].is_null())
    return makeError(ErrorCode::MissingField, "Chưa chọn đơn vị nào", {{field, "bắt buộc"}});
  const auto& arr = j[field];
  if (!arr.is_array())
    return makeError(ErrorCode::InvalidField, std::string("Trường '") + field + "': cần một mảng mã số đơn vị",
                     {{field, "cần kiểu mảng"}});
  std::vector<int64_t> out;
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_number_integer() || arr[i].get<int64_t>() <= 0)
      return makeError(ErrorCode::InvalidField,
                       std::string("Trường '") + field + "', phần tử thứ " + std::to_string(i + 1) +
                           ": cần mã số đơn vị (số nguyên dương)",
                       {{field, "phần tử " + std::to_string(i + 1) + " không hợp lệ"}});
    out.push_back(arr[i].get<int64_t>());
  }
  return out;
}

ojson summaryJson(const ob::ComplianceSummary& s) {
  return ojson{{"total", s.total},         {"on_time", s.on_time},
               {"late", s.late},           {"not_submitted", s.not_submitted},
               {"pending", s.pending},     {"text", s.text}};
}

ojson childJson(const core::ports::StoredObligation& s) {
  const auto& o = s.obligation;
  return ojson{{"id", s.id},
               {"key", o.key},
               {"kind", std::string(ob::kindId(o.kind))},
               {"title", o.title},
               {"unit_id", o.unit_id},
               {"receiving_unit_id", o.receiving_unit_id},
               {"assigned_on", o.assigned_on.iso()},
               {"deadline", o.deadline.iso()},
               {"state", std::string(wf::stateId(s.state))}};
}

ojson requestJson(const app::AdHocView& v) {
  const auto& r = v.request;
  return ojson{{"request_id", r.request_id},
               {"document_number", r.document_number},
               {"title", r.title},
               {"issuing_unit", ojson{{"id", r.issuing_unit_id},
                                      {"code", v.issuing_code},
                                      {"name", v.issuing_name}}},
               {"issued_on", r.issued_on.iso()},
               {"deadline", r.deadline.iso()},
               {"period", r.period ? ojson{{"id", r.period->id()}, {"label", v.period_label}}
                                   : ojson(nullptr)},
               {"summary", summaryJson(v.summary)}};
}

ojson windowJson(const app::BackfillWindowView& v) {
  const auto& w = v.window;
  return ojson{{"id", w.id},
               {"reason", w.reason},
               {"outage_from", w.outage_from.iso()},
               {"outage_to", w.outage_to.iso()},
               {"opened_at", w.opened_at.iso()},
               {"open_until", w.open_until.iso()},
               {"closes_at", v.closes_at.iso()},
               {"closed_at", w.closed_at ? ojson(w.closed_at->iso()) : ojson(nullptr)},
               {"open", v.open}};
}

}  // namespace

void Api::registerRequestRoutes() {
  router_.add("POST", "/api/v1/obligations/{id}/cascade", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"child_unit_ids", "internal_deadline", "working_days_before"});
    if (!body) return problem(body.error());
    app::CascadeInput in;
    auto ids = unitIds(req, "child_unit_ids");
    if (!ids) return problem(ids.error());
    in.child_unit_ids = std::move(ids).value();
    auto deadline = body->optDate("internal_deadline");
    if (!deadline) return problem(deadline.error());
    in.internal_deadline = *deadline;
    auto days = body->optInteger("working_days_before");
    if (!days) return problem(days.error());
    if (*days && (**days < 1 || **days > 30))
      return problem(makeError(ErrorCode::InvalidField,
                               "Số ngày làm việc trước hạn phải từ 1 đến 30",
                               {{"working_days_before", "ngoài 1..30"}}));
    if (*days) in.working_days_before = static_cast<int>(**days);
    auto key = s_.obligations.keyOf(*id);
    if (!key) return problem(key.error());
    auto r = s_.obligations.cascade(a, *key, in, s_.obligations.today());
    if (!r) return problem(r.error());
    ojson children = ojson::array();
    for (const auto& c : r->children) children.push_back(childJson(c));
    return ok(ojson{{"parent", childJson(r->parent)},
                    {"created", r->created},
                    {"existing", r->existing},
                    {"children", children}},
              r->created > 0 ? 201 : 200);
  }));

  router_.add("POST", "/api/v1/obligations/{id}/backfill", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto body = JsonBody::parse(req, {"true_sent_date", "explanation"});
    if (!body) return problem(body.error());
    auto date = body->optDate("true_sent_date");
    if (!date) return problem(date.error());
    if (!*date)
      return problem(makeError(ErrorCode::MissingField, "Thiếu ngày gửi thực tế",
                               {{"true_sent_date", "bắt buộc"}}));
    auto text = body->optStr("explanation", 1000);
    if (!text) return problem(text.error());
    auto key = s_.obligations.keyOf(*id);
    if (!key) return problem(key.error());
    auto r = s_.obligations.recordBackfill(a, *key, **date, text->value_or(""));
    if (!r) return problem(r.error());
    const auto& b = *r->backfill;
    return ok(ojson{{"id", r->id},
                    {"key", r->obligation.key},
                    {"backfill", ojson{{"window_id", b.window_id},
                                       {"true_sent_date", b.true_sent_on.iso()},
                                       {"explanation", b.explanation},
                                       {"recorded_at", b.recorded_at.iso()}}}});
  }));

  router_.add("GET", "/api/v1/requests", authed([this](Request&, app::Actor& a) {
    auto r = s_.obligations.requests(a, s_.obligations.today());
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& v : *r) items.push_back(requestJson(v));
    return ok(ojson{{"items", items}});
  }));

  router_.add("POST", "/api/v1/requests", authed([this](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"document_number", "title", "issuing_unit_id",
                                      "recipient_unit_ids", "deadline", "period"});
    if (!body) return problem(body.error());
    app::AdHocInput in;
    auto number = body->optStr("document_number", 64);
    if (!number) return problem(number.error());
    in.document_number = number->value_or("");
    auto title = body->optStr("title", 500);
    if (!title) return problem(title.error());
    in.title = title->value_or("");
    auto issuer = body->optInteger("issuing_unit_id");
    if (!issuer) return problem(issuer.error());
    in.issuing_unit_id = *issuer;
    auto ids = unitIds(req, "recipient_unit_ids");
    if (!ids) return problem(ids.error());
    in.recipient_unit_ids = std::move(ids).value();
    auto deadline = body->optDate("deadline");
    if (!deadline) return problem(deadline.error());
    in.deadline = *deadline;
    auto period = body->optStr("period", 16);
    if (!period) return problem(period.error());
    in.period_id = period->value_or("");
    auto r = s_.obligations.issueRequest(a, in, s_.obligations.today());
    if (!r) return problem(r.error());
    ojson obligations = ojson::array();
    for (const auto& o : r->obligations) obligations.push_back(childJson(o));
    ojson j = requestJson(r->view);
    j["created"] = r->created;
    j["obligations"] = obligations;
    return ok(j, r->created ? 201 : 200);
  }));

  router_.add("GET", "/api/v1/backfill-windows", authed([this](Request&, app::Actor& a) {
    auto r = s_.obligations.windows(a);
    if (!r) return problem(r.error());
    ojson items = ojson::array();
    for (const auto& v : *r) items.push_back(windowJson(v));
    return ok(ojson{{"items", items}});
  }));

  router_.add("POST", "/api/v1/backfill-windows", authed([this](Request& req, app::Actor& a) {
    auto body = JsonBody::parse(req, {"reason", "outage_from", "outage_to", "open_until"});
    if (!body) return problem(body.error());
    app::BackfillWindowInput in;
    auto reason = body->optStr("reason", 500);
    if (!reason) return problem(reason.error());
    in.reason = reason->value_or("");
    for (auto [name, slot] : {std::pair{"outage_from", &in.outage_from},
                              std::pair{"outage_to", &in.outage_to},
                              std::pair{"open_until", &in.open_until}}) {
      auto d = body->optDate(name);
      if (!d) return problem(d.error());
      *slot = *d;
    }
    auto r = s_.obligations.openWindow(a, in);
    if (!r) return problem(r.error());
    return ok(windowJson(*r), 201);
  }));

  router_.add("POST", "/api/v1/backfill-windows/{id}/close", authed([this](Request& req, app::Actor& a) {
    auto id = parseId(req.params["id"], "id");
    if (!id) return problem(id.error());
    auto r = s_.obligations.closeWindow(a, *id);
    if (!r) return problem(r.error());
    return ok(windowJson(*r));
  }));
}

}  // namespace baocao::http
