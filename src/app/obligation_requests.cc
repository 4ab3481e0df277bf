// ObligationService: cascade, ad hoc requests and backfill windows (issue 5 points 1 and 9;
// docs/domain/workflow.md "Cascade and ad hoc requests", "Backfill after an outage").
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/obligation_scope.h"
#include "app/obligation_service.h"
#include "core/common/text.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
namespace ob = core::obligation;
namespace ports = core::ports;
namespace sec = core::security;
namespace wf = core::workflow;
using namespace obligation_scope;  // NOLINT(google-build-using-namespace): internal helpers
using ojson = nlohmann::ordered_json;

namespace {

constexpr size_t kMaxIds = 500;

bool alreadySent(wf::State s) {
  return s == wf::State::Sent || s == wf::State::Accepted || s == wf::State::CorrectionRequested;
}

/// The units of `ids`, each existing, strictly below `top` in the tree and in force on `today`;
/// errors name the field and the unit.
core::Status checkBelow(const std::vector<int64_t>& ids, int64_t top, const char* field,
                        const std::string& top_name, core::Date today, OrgIndex& index,
                        UnitCache& units) {
  if (ids.size() > kMaxIds)
    return makeError(ErrorCode::InvalidField,
                     "Chọn tối đa " + std::to_string(kMaxIds) + " đơn vị mỗi lần",
                     {{field, "quá nhiều đơn vị"}});
  for (int64_t id : ids) {
    const auto* u = units.get(id);
    if (!u)
      return makeError(ErrorCode::InvalidField, "Không có đơn vị số " + std::to_string(id),
                       {{field, "không có đơn vị " + std::to_string(id)}});
    if (id == top || !index.isAncestorOrSelf(top, id))
      return makeError(ErrorCode::InvalidField,
                       "Đơn vị " + u->name + " không phải đơn vị trực thuộc hoặc phòng, ban của " +
                           top_name,
                       {{field, "đơn vị " + std::to_string(id) + " ngoài phạm vi"}});
    if (!u->activeOn(today))
      return makeError(ErrorCode::InvalidField,
                       "Đơn vị " + u->name + " không còn hoạt động ngày " + today.vietnamese(),
                       {{field, "đơn vị " + std::to_string(id) + " hết hiệu lực"}});
  }
  return core::ok();
}

ojson obligationKeys(const std::vector<ob::Obligation>& os) {
  ojson keys = ojson::array();
  for (const auto& o : os) keys.push_back(o.key);
  return keys;
}

/// "123/UBND-VX" → "123-UBND-VX": the request id inside obligation keys, which may not hold
/// '/', '>' or spaces (core::obligation::adHocObligations).
std::string requestIdOf(const std::string& document_number) {
  std::string out;
  for (char c : document_number) {
    bool sep = c == '/' || c == '>' || c == ' ' || c == '\t';
    if (sep) {
      if (!out.empty() && out.back() != '-') out.push_back('-');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

BackfillWindowView windowView(const ports::StoredBackfillWindow& w, core::Timestamp now) {
  BackfillWindowView v;
  v.window = w;
  v.closes_at = closesAt(w);
  v.open = w.opened_at <= now && now < v.closes_at;
  return v;
}

/// Start of the day after `d` in Vietnam (UTC+7): the end of `d` for a window's opening hours.
core::Timestamp endOfVietnamDay(core::Date d) {
  return core::Timestamp::fromSeconds((static_cast<int64_t>(d.days()) + 1) * 86400 - 7 * 3600);
}

ojson windowJson(const ports::StoredBackfillWindow& w) {
  return ojson{{"id", w.id},
               {"reason", w.reason},
               {"outage_from", w.outage_from.iso()},
               {"outage_to", w.outage_to.iso()},
               {"open_until", w.open_until.iso()},
               {"closed_at", w.closed_at ? ojson(w.closed_at->iso()) : ojson(nullptr)}};
}

}  // namespace

core::Result<std::string> ObligationService::keyOf(int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto s, tx->obligations().getById(id));
  return s.obligation.key;
}

core::Result<CascadeOutcome> ObligationService::cascade(const Actor& actor, const std::string& key,
                                                        const CascadeInput& in,
                                                        core::Date today) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto parent, tx->obligations().get(key));
  const ob::Obligation& p = parent.obligation;
  UnitCache units(*tx);
  const auto* owner = units.get(p.unit_id);
  const std::string owner_name = owner ? owner->name : "đơn vị " + std::to_string(p.unit_id);
  // the receiving unit of a form re-assigns it: its leader, aggregator or administrator
  // (002 Đ8.4a; 004 Đ7.1b)
  if (!holdsOn(actor, p.unit_id, ctx_.index,
               {sec::Role::Aggregator, sec::Role::Approver, sec::Role::UnitAdmin}))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền giao báo cáo «" + p.title + "» cho đơn vị cấp dưới: chỉ lãnh "
                     "đạo, tài khoản tổng hợp hoặc quản trị của " + owner_name + " được giao");
  if (alreadySent(parent.state))
    return makeError(ErrorCode::InvalidTransition,
                     "Báo cáo «" + p.title + "» của " + owner_name +
                         " đã gửi; không giao tiếp cho đơn vị cấp dưới được nữa");
  BAOCAO_TRY(checkBelow(in.child_unit_ids, p.unit_id, "child_unit_ids", owner_name, today,
                        ctx_.index, units));
  ob::CascadeRequest req;
  req.child_unit_ids = in.child_unit_ids;
  req.internal_deadline = in.internal_deadline;
  if (in.working_days_before) req.working_days_before = *in.working_days_before;
  req.assigned_on = today;
  BAOCAO_ASSIGN(auto children, ob::cascade(p, req, *cal));
  CascadeOutcome out;
  const core::Timestamp now = ctx_.clock.now();
  std::vector<ob::Obligation> created;
  for (const auto& c : children) {
    BAOCAO_ASSIGN(bool inserted, tx->obligations().insert(c, now));
    if (inserted) {
      ++out.created;
      created.push_back(c);
    } else {
      ++out.existing;
    }
    BAOCAO_ASSIGN(auto stored, tx->obligations().get(c.key));
    out.children.push_back(std::move(stored));
  }
  if (out.created > 0) {
    ojson after{{"parent", p.key},
                {"deadline", created.front().deadline.iso()},
                {"children", obligationKeys(created)}};
    BAOCAO_TRY(audit_.append(*tx, &actor,
                             {"obligation.cascade", "obligation", p.key, p.unit_id, "",
                              after.dump()}));
  }
  BAOCAO_TRY(tx->commit());
  out.parent = std::move(parent);
  return out;
}

core::Result<AdHocOutcome> ObligationService::issueRequest(const Actor& actor,
                                                          const AdHocInput& in,
                                                          core::Date today) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  const std::string number(core::text::trim(in.document_number));
  const std::string title(core::text::trim(in.title));
  if (number.empty())
    return makeError(ErrorCode::MissingField, "Thiếu số văn bản yêu cầu báo cáo",
                     {{"document_number", "bắt buộc"}});
  if (number.size() > 64 || !core::text::isValidUtf8(number))
    return makeError(ErrorCode::InvalidField, "Số văn bản dài quá 64 byte hoặc không hợp lệ",
                     {{"document_number", "không hợp lệ"}});
  const std::string request_id = requestIdOf(number);
  if (request_id.empty())
    return makeError(ErrorCode::InvalidField, "Số văn bản '" + number + "' không có ký tự nào ngoài dấu '/'",
                     {{"document_number", "không hợp lệ"}});
  if (title.empty())
    return makeError(ErrorCode::MissingField, "Thiếu tên báo cáo đột xuất", {{"title", "bắt buộc"}});
  if (!in.deadline)
    return makeError(ErrorCode::MissingField, "Thiếu thời hạn gửi báo cáo", {{"deadline", "bắt buộc"}});
  if (*in.deadline < today)
    return makeError(ErrorCode::InvalidDate,
                     "Thời hạn " + in.deadline->vietnamese() + " đã qua (hôm nay " +
                         today.vietnamese() + ")",
                     {{"deadline", "đã qua"}});
  std::optional<core::period::Period> period;
  if (!in.period_id.empty()) {
    auto p = core::period::Period::parse(in.period_id);
    if (!p)
      return makeError(ErrorCode::InvalidPeriod, "Kỳ báo cáo '" + in.period_id + "' không hợp lệ: " +
                                                     p.error().message,
                       {{"period", "không hợp lệ"}});
    period = *p;
  }
  // the issuing unit: given, or the one unit on which the actor is the leader
  int64_t issuer = 0;
  if (in.issuing_unit_id) {
    issuer = *in.issuing_unit_id;
  } else {
    std::set<int64_t> led;
    for (const auto& g : actor.grants)
      if (g.role == sec::Role::Approver) led.insert(g.unit_id);
    if (led.empty())
      return makeError(ErrorCode::Forbidden,
                       "Không có quyền yêu cầu báo cáo đột xuất: chỉ lãnh đạo đơn vị được yêu cầu");
    if (led.size() > 1)
      return makeError(ErrorCode::MissingField,
                       "Chọn đơn vị yêu cầu báo cáo (bạn là lãnh đạo của nhiều đơn vị)",
                       {{"issuing_unit_id", "bắt buộc"}});
    issuer = *led.begin();
  }
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  UnitCache units(*tx);
  const auto* iu = units.get(issuer);
  if (!iu)
    return makeError(ErrorCode::InvalidField, "Không có đơn vị số " + std::to_string(issuer),
                     {{"issuing_unit_id", "không có đơn vị"}});
  // a leader of the issuing unit (002 Đ1.2 "theo yêu cầu của người có thẩm quyền")
  if (!holdsOn(actor, issuer, ctx_.index, {sec::Role::Approver}))
    return makeError(ErrorCode::Forbidden, "Không có quyền yêu cầu báo cáo đột xuất nhân danh " +
                                               iu->name + ": chỉ lãnh đạo đơn vị được yêu cầu");
  BAOCAO_TRY(checkBelow(in.recipient_unit_ids, issuer, "recipient_unit_ids", iu->name, today,
                        ctx_.index, units));
  ob::AdHocRequest req;
  req.request_id = request_id;
  req.title = title;
  req.issuing_unit_id = issuer;
  req.recipient_unit_ids = in.recipient_unit_ids;
  req.issued_on = today;
  req.deadline = *in.deadline;
  req.period = period;
  BAOCAO_ASSIGN(auto obligations, ob::adHocObligations(req));

  ports::StoredAdHocRequest stored;
  stored.request_id = request_id;
  stored.document_number = number;
  stored.title = title;
  stored.issuing_unit_id = issuer;
  stored.issued_on = today;
  stored.deadline = *in.deadline;
  stored.period = period;
  stored.created_by = actor.user_id;
  stored.created_at = ctx_.clock.now();
  AdHocOutcome out;
  BAOCAO_ASSIGN(bool inserted, tx->obligations().insertRequest(stored));
  if (!inserted) {
    BAOCAO_ASSIGN(auto existing, tx->obligations().getRequest(request_id));
    BAOCAO_ASSIGN(auto keys, tx->obligations().keysOf(request_id));
    std::set<std::string> wanted;
    for (const auto& o : obligations) wanted.insert(o.key);
    const bool same = existing.document_number == number && existing.title == title &&
                      existing.issuing_unit_id == issuer && existing.deadline == *in.deadline &&
                      existing.period == period && keys == wanted;
    if (!same)
      return makeError(ErrorCode::AlreadyExists,
                       "Số văn bản " + existing.document_number +
                           " đã dùng cho yêu cầu báo cáo «" + existing.title + "» ngày " +
                           existing.issued_on.vietnamese(),
                       {{"document_number", "đã dùng"}});
    stored = existing;
  }
  const core::Timestamp now = ctx_.clock.now();
  for (const auto& o : obligations) {
    BAOCAO_ASSIGN(bool ins, tx->obligations().insert(o, now));
    (void)ins;
    BAOCAO_ASSIGN(auto s, tx->obligations().get(o.key));
    out.obligations.push_back(std::move(s));
  }
  if (inserted) {
    ojson after{{"request_id", request_id},
                {"document_number", number},
                {"title", title},
                {"issuing_unit_id", issuer},
                {"deadline", in.deadline->iso()},
                {"period", period ? ojson(period->id()) : ojson(nullptr)},
                {"obligations", obligationKeys(obligations)}};
    BAOCAO_TRY(audit_.append(*tx, &actor,
                             {"request.create", "adhoc_request", request_id, issuer, "",
                              after.dump()}));
  }
  BAOCAO_TRY(tx->commit());
  out.created = inserted;
  out.view.request = stored;
  out.view.issuing_code = iu->code;
  out.view.issuing_name = iu->name;
  if (stored.period) out.view.period_label = ob::periodLabel(*stored.period);
  std::vector<ob::ComplianceResult> results;
  for (const auto& s : out.obligations) results.push_back(complianceOf(s, {}, today, *cal));
  out.view.summary = ob::summarize(results);
  return out;
}

core::Result<std::vector<AdHocView>> ObligationService::requests(const Actor& actor,
                                                                 core::Date today) {
  BAOCAO_ASSIGN(auto cal, calendar_.calendar());
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  UnitCache units(*tx);
  std::set<int64_t> ids = actingUnits(actor, isReceivingRole, ctx_.index, units);
  std::vector<AdHocView> out;
  if (ids.empty()) return out;
  ports::AdHocQuery q;
  q.issuing_unit_ids = std::vector<int64_t>(ids.begin(), ids.end());
  q.limit = 200;
  BAOCAO_ASSIGN(auto found, tx->obligations().findRequests(q));
  BAOCAO_ASSIGN(auto stored_windows, tx->obligations().windows());
  const auto windows = coreWindows(stored_windows);
  for (auto& r : found) {
    AdHocView v;
    if (const auto* u = units.get(r.issuing_unit_id)) {
      v.issuing_code = u->code;
      v.issuing_name = u->name;
    }
    if (r.period) v.period_label = ob::periodLabel(*r.period);
    ports::ObligationQuery oq;
    oq.regime_code = r.request_id;
    oq.limit = 5000;
    BAOCAO_ASSIGN(auto obligations, tx->obligations().find(oq));
    std::vector<ob::ComplianceResult> results;
    for (const auto& s : obligations)
      if (s.obligation.kind == ob::Kind::AdHoc)
        results.push_back(complianceOf(s, windows, today, *cal));
    v.summary = ob::summarize(results);
    v.request = std::move(r);
    out.push_back(std::move(v));
  }
  return out;
}

core::Result<BackfillWindowView> ObligationService::openWindow(const Actor& actor,
                                                               const BackfillWindowInput& in) {
  if (!sec::isSystemAdmin(actor.grants))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền mở đợt nhập bù: thao tác này dành cho đơn vị vận hành hệ "
                     "thống (quản trị hệ thống)");
  const std::string reason(core::text::trim(in.reason));
  if (reason.empty())
    return makeError(ErrorCode::MissingField, "Thiếu lý do mở đợt nhập bù (sự cố đã xảy ra)",
                     {{"reason", "bắt buộc"}});
  if (!in.outage_from)
    return makeError(ErrorCode::MissingField, "Thiếu ngày bắt đầu sự cố",
                     {{"outage_from", "bắt buộc"}});
  if (!in.outage_to)
    return makeError(ErrorCode::MissingField, "Thiếu ngày kết thúc sự cố",
                     {{"outage_to", "bắt buộc"}});
  if (!in.open_until)
    return makeError(ErrorCode::MissingField, "Thiếu hạn cuối nhận nhập bù",
                     {{"open_until", "bắt buộc"}});
  const core::Timestamp now = ctx_.clock.now();
  const core::Date today = now.vietnamDate();
  if (*in.outage_to > today)
    return makeError(ErrorCode::InvalidDate,
                     "Ngày kết thúc sự cố " + in.outage_to->vietnamese() + " chưa đến (hôm nay " +
                         today.vietnamese() + ")",
                     {{"outage_to", "ở tương lai"}});
  if (*in.open_until < today)
    return makeError(ErrorCode::InvalidDate,
                     "Hạn cuối nhận nhập bù " + in.open_until->vietnamese() + " đã qua",
                     {{"open_until", "đã qua"}});
  ports::StoredBackfillWindow w;
  w.reason = reason;
  w.outage_from = *in.outage_from;
  w.outage_to = *in.outage_to;
  w.opened_at = now;
  w.open_until = endOfVietnamDay(*in.open_until);
  w.opened_by = actor.user_id;
  BAOCAO_TRY(ob::validateWindow(coreWindows({w}).front()));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto created, tx->obligations().createWindow(w));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"backfill.open", "backfill_window", std::to_string(created.id),
                            std::nullopt, "", windowJson(created).dump()}));
  BAOCAO_TRY(tx->commit());
  return windowView(created, now);
}

core::Result<BackfillWindowView> ObligationService::closeWindow(const Actor& actor, int64_t id) {
  if (!sec::isSystemAdmin(actor.grants))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền đóng đợt nhập bù: thao tác này dành cho quản trị hệ thống");
  const core::Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto before, tx->obligations().getWindow(id));
  if (!before.closed_at && before.open_until <= now)
    return makeError(ErrorCode::Conflict, "Đợt nhập bù số " + std::to_string(id) +
                                              " đã hết hạn nhận ngày " +
                                              before.open_until.vietnamDate().vietnamese());
  BAOCAO_ASSIGN(auto after, tx->obligations().closeWindow(id, now, actor.user_id));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"backfill.close", "backfill_window", std::to_string(id), std::nullopt,
                            windowJson(before).dump(), windowJson(after).dump()}));
  BAOCAO_TRY(tx->commit());
  return windowView(after, now);
}

core::Result<std::vector<BackfillWindowView>> ObligationService::windows(const Actor& actor) {
  (void)actor;  // every signed-in user: reporters must know a window is open
  const core::Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto all, tx->obligations().windows());
  std::vector<BackfillWindowView> out;
  for (const auto& w : all) out.push_back(windowView(w, now));
  return out;
}

core::Result<ports::StoredObligation> ObligationService::recordBackfill(
    const Actor& actor, const std::string& key, core::Date true_sent_on,
    const std::string& explanation) {
  const std::string text(core::text::trim(explanation));
  if (text.size() > 1000)
    return makeError(ErrorCode::InvalidField, "Giải trình dài quá 1.000 byte",
                     {{"explanation", "quá dài"}});
  const core::Timestamp now = ctx_.clock.now();
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto before, tx->obligations().get(key));
  const ob::Obligation& o = before.obligation;
  UnitCache units(*tx);
  // the sender party of the reporting unit (workflow.md "Who may act"), or the operator
  bool allowed = sec::isSystemAdmin(actor.grants);
  for (auto r : rolesOn(actor, o.unit_id, ctx_.index, units, isReportingRole))
    allowed |= r == sec::Role::Approver || r == sec::Role::Sender;
  if (!allowed)
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền nhập bù báo cáo «" + o.title +
                         "»: chỉ lãnh đạo hoặc tài khoản gửi báo cáo của đơn vị được nhập");
  BAOCAO_ASSIGN(auto stored_windows, tx->obligations().windows());
  // the open window whose outage covers the true date; otherwise the error of the first open
  // one (or of none) names what is wrong
  const auto windows = coreWindows(stored_windows);
  std::optional<ob::BackfillWindow> chosen;
  for (const auto& w : windows) {
    if (now < w.opens_at || now >= w.closes_at) continue;
    if (!chosen || (true_sent_on >= w.outage_from && true_sent_on <= w.outage_to)) chosen = w;
    if (true_sent_on >= w.outage_from && true_sent_on <= w.outage_to) break;
  }
  if (!chosen)
    return makeError(ErrorCode::DeadlinePassed,
                     "Không có đợt nhập bù nào đang mở: chỉ nhập bù được khi đơn vị vận hành đã "
                     "mở đợt nhập bù sau sự cố (002 Đ5.4)");
  ports::BackfillRecord record{chosen->id, true_sent_on, text, actor.user_id, now};
  BAOCAO_TRY(ob::validateBackfill({record.window_id, true_sent_on, text, now}, windows, o));
  BAOCAO_ASSIGN(auto after, tx->obligations().setBackfill(key, record));
  auto recordJson = [](const std::optional<ports::BackfillRecord>& b) {
    if (!b) return std::string();
    return ojson{{"window_id", b->window_id},
                 {"true_sent_on", b->true_sent_on.iso()},
                 {"explanation", b->explanation}}
        .dump();
  };
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"obligation.backfill", "obligation", key, o.unit_id,
                            recordJson(before.backfill), recordJson(after.backfill)}));
  BAOCAO_TRY(tx->commit());
  return after;
}

}  // namespace baocao::app
