#include "app/report_service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/regime_json.h"
#include "app/signing/canonical.h"
#include "app/signing/package.h"
#include "app/unit_scope.h"
#include "core/common/text.h"
#include "core/expr/decimal.h"
#include "core/obligation/compliance.h"
#include "core/security/permission.h"

namespace baocao::app {

using core::ErrorCode;
using core::makeError;
using core::ports::TxMode;
using ojson = nlohmann::ordered_json;
namespace ports = core::ports;
namespace fm = core::form;
namespace rg = core::regime;
namespace sec = core::security;
namespace wf = core::workflow;
namespace ind = core::indicator;
namespace ex = core::expr;

namespace {

constexpr size_t kMaxText = 2000;              // a text cell, a comment, an explanation
constexpr size_t kMaxNarrative = 100 * 1024;   // one narrative section
constexpr const char* kExplainPrefix = "explain:";

// ---- loading one report with the actor's standing --------------------------------------------

struct Loaded {
  ports::StoredObligation ob;
  rg::Regime regime;
  std::string regime_name;
  std::vector<sec::Role> on_unit, on_receiver;
  bool admin = false;
  wf::Situation sit;
  bool unitSide() const { return admin || !on_unit.empty(); }
};

core::Result<rg::Regime> regimeInForce(ports::Tx& tx, const std::string& code,
                                       std::string* name) {
  auto head = tx.regimes().getByCode(code);
  if (!head) {
    if (head.error().code == ErrorCode::NotFound) return rg::Regime{};  // ad hoc request
    return head.error();
  }
  *name = head->name;
  int number = head->published_version.value_or(head->latest_version);
  BAOCAO_ASSIGN(auto v, tx.regimes().getVersion(head->id, number));
  return regime_json::parseBody(v.body);
}

core::Result<Loaded> load(ports::Tx& tx, Context& ctx, const Actor& actor, const std::string& key) {
  Loaded l;
  auto ob = tx.obligations().get(key);
  if (!ob) {
    if (ob.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, "Không có báo cáo '" + key + "'");
    return ob.error();
  }
  l.ob = std::move(ob).value();
  const auto& o = l.ob.obligation;
  UnitCache units(tx);
  l.on_unit = rolesOn(actor, o.unit_id, ctx.index, units, isReportingRole);
  l.on_receiver = rolesOn(actor, o.receiving_unit_id, ctx.index, units, isReceivingRole);
  l.admin = sec::isSystemAdmin(actor.grants);
  if (l.on_unit.empty() && l.on_receiver.empty() && !l.admin)
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền xem báo cáo '" + o.title +
                         "': chỉ đơn vị báo cáo, đơn vị nhận báo cáo và quản trị hệ thống được xem "
                         "(ngoài phạm vi được phân quyền)");
  l.regime_name = o.title;
  BAOCAO_ASSIGN(l.regime, regimeInForce(tx, o.regime_code, &l.regime_name));
  l.sit.state = l.ob.state;
  auto cfg = tx.reports().unitWorkflow(o.unit_id);
  if (cfg) l.sit.config = cfg->config;
  else if (cfg.error().code != ErrorCode::NotFound) return cfg.error();
  l.sit.today = ctx.clock.now().vietnamDate();
  l.sit.amendment_deadline = o.amendment_deadline;
  l.sit.actor.user_id = actor.user_id;
  l.sit.actor.roles_on_unit = l.on_unit;
  l.sit.actor.roles_on_receiver = l.on_receiver;
  BAOCAO_ASSIGN(auto delegations, tx.reports().delegations(o.unit_id));
  l.sit.actor.delegated_approval = wf::hasDelegatedApproval(delegations, actor.user_id, o.unit_id,
                                                            o.regime_code, l.sit.today);
  return l;
}

/// A user's full name for display ("#42" when the account is gone).
std::string userName(ports::Tx& tx, int64_t id) {
  auto u = tx.users().get(id);
  if (u) return u->full_name;
  std::string s = "#";
  s += std::to_string(id);
  return s;
}

// ---- cells, sections, explanations -----------------------------------------------------------

struct CellRef {
  const fm::Form* form = nullptr;
  const fm::Row* row = nullptr;
  const fm::Column* col = nullptr;
};

std::optional<CellRef> findCell(const rg::Regime& r, const std::string& code) {
  size_t slash = code.find('/');
  size_t dot = code.rfind('.');
  if (slash == std::string::npos || dot == std::string::npos || dot < slash) return std::nullopt;
  CellRef c;
  c.form = r.form(code.substr(0, slash));
  if (!c.form) return std::nullopt;
  c.row = c.form->row(code.substr(slash + 1, dot - slash - 1));
  c.col = c.form->column(code.substr(dot + 1));
  if (!c.row || !c.col) return std::nullopt;
  return c;
}

std::string fullCode(const fm::Form& f, const std::string& cell_key) { return f.code + "/" + cell_key; }

/// The narrative sections of a report: the outline's, then each form's explanatory note.
struct SectionRef {
  std::string code;
  const fm::Section* section;
};
std::vector<SectionRef> sectionsOf(const rg::Regime& r) {
  std::vector<SectionRef> out;
  for (const auto& s : r.outline) out.push_back({s.code, &s});
  for (const auto& f : r.forms)
    for (const auto& s : f.sections) out.push_back({f.code + "/" + s.code, &s});
  return out;
}

/// The explanation key names a warning rule of a form (and a row for a row rule).
bool isWarningKey(const rg::Regime& r, const std::string& key) {
  size_t slash = key.find('/');
  if (slash == std::string::npos) return false;
  const fm::Form* f = r.form(key.substr(0, slash));
  if (!f) return false;
  std::string rest = key.substr(slash + 1);
  std::string row;
  size_t at = rest.find('@');
  if (at != std::string::npos) {
    row = rest.substr(at + 1);
    rest = rest.substr(0, at);
  }
  for (const auto& rule : f->rules) {
    if (rule.code != rest || rule.severity != fm::Severity::Warning) continue;
    if (rule.scope == fm::RuleScope::Form) return row.empty();
    return !row.empty() && f->row(row) != nullptr;
  }
  return false;
}

std::string shown(const std::string& raw) {
  std::string s = raw.size() > 40 ? raw.substr(0, 40) + "…" : raw;
  return core::text::isValidUtf8(s) ? s : std::string("(không phải UTF-8)");
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool hasControl(const std::string& s, bool allow_newlines) {
  for (unsigned char c : s)
    if ((c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
      return true;
  return false;
}

/// "1234.50" → "1234.5", "-0" → "0".
std::string canonicalNumber(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

/// The stored form of one entered value, or a Vietnamese error naming the cell.
core::Result<std::string> normalizeValue(const std::string& code, const std::string& raw,
                                         ind::ValueType type, int decimals) {
  std::string v = trimmed(raw);
  auto bad = [&](const std::string& why) {
    return makeError(ErrorCode::InvalidField, "Ô " + code + ": " + why, {{"values." + code, why}});
  };
  switch (type) {
    case ind::ValueType::Text:
      if (v.size() > kMaxText) return bad("nội dung dài quá " + std::to_string(kMaxText) + " byte");
      if (hasControl(v, true)) return bad("có ký tự điều khiển");
      return v;
    case ind::ValueType::YesNo: {
      std::string l = core::text::foldVietnamese(v);
      if (l == "co" || l == "1" || l == "true" || l == "x") return std::string("1");
      if (l == "khong" || l == "0" || l == "false") return std::string("0");
      return bad("'" + shown(raw) + "' không phải là Có/Không");
    }
    case ind::ValueType::Date: {
      if (auto iso = core::Date::parseIso(v)) return iso->iso();
      int d = 0, m = 0, y = 0;
      char tail = 0;
      if (std::sscanf(v.c_str(), "%d/%d/%d%c", &d, &m, &y, &tail) == 3 && y > 0 && m > 0 && d > 0 &&
          core::Date::isValidYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d)))
        return core::Date::fromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d)).iso();
      return bad("'" + shown(raw) + "' không phải là ngày (dd/mm/yyyy)");
    }
    default:
      break;
  }
  // numbers: "1234.5" as stored, or Vietnamese "1.234,5" (a comma, or several dots)
  size_t dots = static_cast<size_t>(std::count(v.begin(), v.end(), '.'));
  bool vietnamese = v.find(',') != std::string::npos || dots > 1;
  auto d = vietnamese ? ex::Decimal::parseVietnamese(v) : ex::Decimal::parse(v);
  if (!d || v.empty()) return bad("'" + shown(raw) + "' không phải là số");
  std::string s = canonicalNumber(d->toString());
  size_t dot = s.find('.');
  int frac = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
  if (type == ind::ValueType::Integer && frac > 0)
    return bad("'" + shown(raw) + "' phải là số nguyên");
  if (frac > decimals)
    return bad("'" + shown(raw) + "' có " + std::to_string(frac) + " chữ số thập phân, tối đa " +
               std::to_string(decimals));
  return s;
}

// ---- building the view -----------------------------------------------------------------------

std::map<std::string, ind::ValueType> valueTypes(ports::Tx& tx, const rg::Regime& r) {
  std::map<std::string, ind::ValueType> out;
  for (const auto& f : r.forms)
    for (const auto& row : f.rows) {
      if (out.count(row.code)) continue;
      auto i = tx.indicators().getByCode(row.code);
      out[row.code] = i ? i->value_type : ind::ValueType::Number;
    }
  return out;
}

ports::Draft draftOfContent(const std::string& key, const wf::ReportContent& c) {
  ports::Draft d;
  d.obligation_key = key;
  for (const auto& [k, v] : c.values) d.values[k].value = v;
  for (const auto& [k, v] : c.narrative) {
    if (k.rfind(kExplainPrefix, 0) == 0) d.explanations[k.substr(8)].value = v;
    else d.narrative[k].value = v;
  }
  return d;
}

/// The version a receiver sees: the one last sent to it (0 = none).
int versionSentToReceiver(const ports::StoredObligation& ob,
                          const std::vector<wf::HistoryEntry>& history, int latest) {
  if (ob.state == wf::State::Sent || ob.state == wf::State::Accepted ||
      ob.state == wf::State::CorrectionRequested)
    return latest;
  int v = 0;
  for (const auto& h : history)
    if (h.to == wf::State::Sent) v = h.version;
  return v;
}

std::string periodLabel(const core::period::Period& p) { return core::obligation::periodLabel(p); }

void addRelated(ports::Tx& tx, const ports::StoredObligation& ob, ReportView& v) {
  const auto& o = ob.obligation;
  if (o.kind != core::obligation::Kind::Periodic || !o.period) return;
  std::string suffix = "/u" + std::to_string(o.unit_id);
  auto prev = o.period->previous();
  auto ly = o.period->sameLastYear();
  std::string prev_key = o.regime_code + "/" + prev.id() + suffix;
  std::string ly_key = o.regime_code + "/" + ly.id() + suffix;
  auto latest = tx.reports().latestVersions({prev_key, ly_key});
  if (!latest) return;  // the comparison columns are a help, never a failure
  if (auto it = latest->find(prev_key); it != latest->end()) {
    v.previous = it->second.content.values;
    v.previous_ref = RelatedPeriod{prev_key, periodLabel(prev), it->second.version.number};
  }
  if (auto it = latest->find(ly_key); it != latest->end()) {
    v.last_year = it->second.content.values;
    v.last_year_ref = RelatedPeriod{ly_key, periodLabel(ly), it->second.version.number};
  }
}

std::map<std::string, std::string> formSlice(const std::map<std::string, std::string>& all,
                                             const std::string& form) {
  std::map<std::string, std::string> out;
  std::string prefix = form + "/";
  for (auto it = all.lower_bound(prefix); it != all.end() && it->first.rfind(prefix, 0) == 0; ++it)
    out[it->first.substr(prefix.size())] = it->second;
  return out;
}

void evaluate(ReportView& v) {
  std::map<std::string, std::string> current;
  for (const auto& [k, c] : v.draft.values) current[k] = c.value;
  for (const auto& f : v.regime.forms) {
    fm::FormData data;
    data.current = formSlice(current, f.code);
    data.previous = formSlice(v.previous, f.code);
    data.last_year = formSlice(v.last_year, f.code);
    for (const auto& r : f.rows) {
      auto t = v.value_types.find(r.code);
      if (t != v.value_types.end() &&
          (t->second == ind::ValueType::Text || t->second == ind::ValueType::Date))
        data.text_rows.insert(r.code);
    }
    auto e = fm::evaluateForm(f, data);
    for (auto& [k, c] : e.computed) v.computed[fullCode(f, k)] = std::move(c);
    for (const auto& fail : e.failures) {
      ValidationItem item;
      item.form = f.code;
      item.rule = fail.rule;
      item.row = fail.row;
      item.key = f.code + "/" + fail.rule + (fail.row.empty() ? "" : "@" + fail.row);
      item.severity = fail.severity;
      const fm::Row* row = fail.row.empty() ? nullptr : f.row(fail.row);
      item.message = f.code + " " + fail.rule + ": " + fail.message +
                     (row ? " (dòng " + (row->label.empty() ? row->code : row->label) + ")" : "");
      for (const auto& c : fail.cells) item.cells.push_back(fullCode(f, c));
      auto ex = v.draft.explanations.find(item.key);
      if (ex != v.draft.explanations.end() && !ex->second.value.empty())
        item.explanation = ex->second.value;
      v.validation.push_back(std::move(item));
    }
  }
  for (const auto& s : sectionsOf(v.regime)) {
    if (!s.section->required) continue;
    auto it = v.draft.narrative.find(s.code);
    if (it != v.draft.narrative.end() && !trimmed(it->second.value).empty()) continue;
    ValidationItem item;
    item.key = "section:" + s.code;
    item.form = s.code.find('/') == std::string::npos ? "" : s.code.substr(0, s.code.find('/'));
    item.severity = fm::Severity::Error;
    item.message = "Mục " + s.code + " «" + s.section->title + "» chưa có nội dung";
    v.validation.push_back(std::move(item));
  }
}

void collectNames(ports::Tx& tx, ReportView& v) {
  std::set<int64_t> ids;
  for (const auto* m : {&v.draft.values, &v.draft.narrative, &v.draft.explanations})
    for (const auto& [k, c] : *m)
      if (c.updated_by) ids.insert(c.updated_by);
  if (v.draft.updated_by) ids.insert(v.draft.updated_by);
  for (const auto& c : v.comments) ids.insert(c.author_id);
  for (const auto& a : v.attachments) ids.insert(a.uploaded_by);
  for (const auto& s : v.versions) {
    ids.insert(s.version.created_by_user_id);
    if (s.version.signature) ids.insert(s.version.signature->signed_by_user_id);
  }
  for (const auto& h : v.history) ids.insert(h.actor_user_id);
  for (int64_t id : ids) {
    if (id == 0) continue;
    v.names[id] = userName(tx, id);
  }
}

core::Result<ReportView> buildView(ports::Tx& tx, Context& ctx, const SigningSetup& signing,
                                   Loaded& l) {
  ReportView v;
  const auto& o = l.ob.obligation;
  const std::string& key = o.key;
  v.obligation = l.ob;
  v.regime_name = l.regime_name;
  v.period_label = o.period ? periodLabel(*o.period) : std::string();
  UnitCache units(tx);
  if (const auto* u = units.get(o.unit_id)) {
    v.unit_code = u->code;
    v.unit_name = u->name;
  }
  if (const auto* u = units.get(o.receiving_unit_id)) {
    v.receiving_code = u->code;
    v.receiving_name = u->name;
  }
  v.regime = l.regime;
  v.value_types = valueTypes(tx, l.regime);
  BAOCAO_ASSIGN(v.versions, tx.reports().versions(key));
  BAOCAO_ASSIGN(v.history, tx.reports().history(key));
  if (l.unitSide()) {
    BAOCAO_ASSIGN(v.draft, tx.reports().draft(key));
    BAOCAO_ASSIGN(v.attachments, tx.reports().attachments(key));
  } else {
    v.working_copy = false;
    int n = versionSentToReceiver(l.ob, v.history, static_cast<int>(v.versions.size()));
    v.draft.obligation_key = key;
    if (n > 0 && n <= static_cast<int>(v.versions.size())) {
      v.draft = draftOfContent(key, v.versions[n - 1].content);
      // the attachments of that version, with their stored rows when still there
      std::vector<ports::StoredAttachment> all;
      BAOCAO_ASSIGN(all, tx.reports().attachments(key));
      for (const auto& a : v.versions[n - 1].content.attachments) {
        auto it = std::find_if(all.begin(), all.end(),
                               [&](const ports::StoredAttachment& s) { return s.meta.sha256 == a.sha256; });
        ports::StoredAttachment s;
        if (it != all.end()) s = *it;
        s.obligation_key = key;
        s.meta = a;
        v.attachments.push_back(std::move(s));
      }
    }
    // only versions sent to the receiver are shown
    if (static_cast<int>(v.versions.size()) > n) v.versions.resize(static_cast<size_t>(std::max(n, 0)));
  }
  BAOCAO_ASSIGN(v.comments, tx.reports().comments(key));
  addRelated(tx, l.ob, v);
  evaluate(v);
  v.config = l.sit.config;
  v.delegated_approval = l.sit.actor.delegated_approval;
  v.actions = wf::allowedActions(l.sit);
  v.can_sign = l.ob.state == wf::State::AwaitingApproval && !v.versions.empty() &&
               !v.versions.back().version.signature &&
               wf::apply(l.sit, wf::Action::Approve).has_value();
  v.agency_key = signing.agency.has_value();
  if (signing.agency) v.agency_subject = signing.agency->subject();
  collectNames(tx, v);
  (void)ctx;
  return v;
}

/// The content frozen by Submit: entered and computed values, narrative with explanations,
/// attachments.
wf::ReportContent contentOf(const ReportView& v) {
  wf::ReportContent c;
  const auto& o = v.obligation.obligation;
  c.obligation_key = o.key;
  c.regime_code = o.regime_code;
  c.period_id = o.period ? o.period->id() : std::string();
  c.unit_id = o.unit_id;
  for (const auto& [k, cell] : v.draft.values)
    if (!cell.value.empty()) c.values[k] = cell.value;
  for (const auto& [k, cell] : v.computed)
    if (cell.value) c.values[k] = *cell.value;
  for (const auto& [k, cell] : v.draft.narrative)
    if (!cell.value.empty()) c.narrative[k] = cell.value;
  for (const auto& [k, cell] : v.draft.explanations)
    if (!cell.value.empty()) c.narrative[kExplainPrefix + k] = cell.value;
  for (const auto& a : v.attachments) c.attachments.push_back(a.meta);
  return c;
}

std::string stateJson(const ports::StoredObligation& ob) {
  return ojson{{"state", std::string(wf::stateId(ob.state))}, {"version", ob.version}}.dump();
}

core::Status auditReport(AuditService& audit, ports::Tx& tx, const Actor& actor,
                         const std::string& action, const ports::StoredObligation& ob,
                         const std::string& before, const std::string& after) {
  return audit.append(tx, &actor,
                      {action, "report", ob.obligation.key, ob.obligation.unit_id, before, after});
}

// ---- attachments -----------------------------------------------------------------------------

struct FileKind {
  const char* label;
  const char* media_type;
  std::vector<std::string> extensions;
};

std::optional<FileKind> sniff(const std::string& b) {
  auto starts = [&](std::string_view p) { return b.size() >= p.size() && b.compare(0, p.size(), p) == 0; };
  if (starts("%PDF-")) return FileKind{"PDF", "application/pdf", {"pdf"}};
  if (starts("\x89PNG\r\n\x1a\n")) return FileKind{"PNG", "image/png", {"png"}};
  if (starts("\xFF\xD8\xFF")) return FileKind{"JPEG", "image/jpeg", {"jpg", "jpeg"}};
  if (starts(std::string_view("PK\x03\x04", 4))) {
    // Office Open XML: the part names are stored uncompressed in the local file headers
    if (b.find("[Content_Types].xml") == std::string::npos) return std::nullopt;
    if (b.find("word/") != std::string::npos)
      return FileKind{"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}};
    if (b.find("xl/") != std::string::npos)
      return FileKind{"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}};
  }
  return std::nullopt;
}

core::Result<std::string> sanitizeFileName(const std::string& raw) {
  std::string name = trimmed(raw);
  auto bad = [&](const std::string& why) {
    return makeError(ErrorCode::InvalidFileName, "Tên tệp '" + shown(raw) + "' không hợp lệ: " + why,
                     {{"filename", why}});
  };
  if (name.empty()) return bad("tên trống");
  if (!core::text::isValidUtf8(name)) return bad("không phải UTF-8");
  if (name.size() > 200) return bad("dài quá 200 byte");
  if (name.find("..") != std::string::npos || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos || name.find(':') != std::string::npos)
    return bad("không được chứa '..', '/', '\\' hoặc ':'");
  if (hasControl(name, false)) return bad("có ký tự điều khiển");
  if (name.front() == '.') return bad("không được bắt đầu bằng dấu chấm");
  for (char c : std::string("<>\"|?*"))
    if (name.find(c) != std::string::npos) return bad(std::string("không được chứa ký tự '") + c + "'");
  return name;
}

std::string extensionOf(const std::string& name) {
  size_t dot = name.rfind('.');
  std::string ext = dot == std::string::npos ? std::string() : name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string asciiSlug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += std::isalnum(c) ? static_cast<char>(c) : '-';
  return out;
}

core::Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::InvalidFile, "Không đọc được tệp '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

// ---- the view's counters ---------------------------------------------------------------------

int ReportView::errors() const {
  return static_cast<int>(std::count_if(validation.begin(), validation.end(), [](const ValidationItem& i) {
    return i.severity == fm::Severity::Error;
  }));
}
int ReportView::warnings() const { return static_cast<int>(validation.size()) - errors(); }
int ReportView::unexplainedWarnings() const {
  return static_cast<int>(std::count_if(validation.begin(), validation.end(), [](const ValidationItem& i) {
    return i.severity == fm::Severity::Warning && !i.explanation;
  }));
}

core::Result<SigningSetup> loadSigningSetup(const std::string& dir, const std::string& trust_file,
                                            const std::string& password) {
  SigningSetup s;
  if (!dir.empty()) {
    BAOCAO_ASSIGN(auto der, readFile(dir + "/agency.p12"));
    auto c = signing::Credentials::fromPkcs12(der, password);
    if (!c)
      return makeError(ErrorCode::InvalidFile,
                       "Không mở được khóa ký số của cơ quan '" + dir + "/agency.p12': " + c.error().message);
    s.agency = std::move(c).value();
  }
  std::string trust = trust_file;
  if (trust.empty() && !dir.empty() && std::filesystem::exists(dir + "/trust.pem")) trust = dir + "/trust.pem";
  if (!trust.empty()) {
    BAOCAO_ASSIGN(s.trust_pem, readFile(trust));
    if (s.trust_pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
      return makeError(ErrorCode::InvalidFile, "Tệp kho tin cậy '" + trust + "' không chứa chứng thư PEM nào");
  }
  return s;
}

// ---- open / save / act -----------------------------------------------------------------------

core::Result<ReportView> ReportService::open(const Actor& actor, const std::string& key) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  return buildView(*tx, ctx_, signing_, l);
}

core::Result<SaveResult> ReportService::save(const Actor& actor, const std::string& key,
                                             int64_t base_revision, const DraftInput& input) {
  core::Timestamp now = ctx_.clock.now();
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
    BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
    BAOCAO_TRY(wf::apply(l.sit, wf::Action::Edit));
    if (base_revision < 0)
      return makeError(ErrorCode::InvalidField, "Trường 'base_revision': phải là số không âm",
                       {{"base_revision", "phải ≥ 0"}});
    auto types = valueTypes(*tx, l.regime);
    ports::DraftPatch patch;
    std::vector<core::ErrorDetail> problems;
    for (const auto& [code, value] : input.values) {
      auto cell = findCell(l.regime, code);
      if (!cell) {
        problems.push_back({"values." + code, "Ô '" + shown(code) + "' không có trong biểu mẫu của báo cáo"});
        continue;
      }
      auto rule = fm::cellRule(*cell->form, *cell->row, *cell->col);
      if (rule.kind == fm::CellKind::Computed) {
        problems.push_back({"values." + code, "Ô " + code + " được tính tự động theo công thức, không nhập được"});
        continue;
      }
      if (rule.kind == fm::CellKind::Disabled) {
        problems.push_back({"values." + code, "Ô " + code + " không áp dụng (x), không nhập được"});
        continue;
      }
      if (!value || trimmed(*value).empty()) {
        patch.values[code] = "";
        continue;
      }
      auto t = types.count(cell->row->code) ? types[cell->row->code] : ind::ValueType::Number;
      auto n = normalizeValue(code, *value, t, fm::cellDecimals(*cell->row, *cell->col));
      if (!n) problems.push_back({"values." + code, n.error().message});
      else patch.values[code] = *n;
    }
    auto sections = sectionsOf(l.regime);
    for (const auto& [code, text] : input.narrative) {
      bool known = std::any_of(sections.begin(), sections.end(), [&](const SectionRef& s) { return s.code == code; });
      if (!known) {
        problems.push_back({"narrative." + code, "Mục '" + shown(code) + "' không có trong đề cương của báo cáo"});
        continue;
      }
      std::string t = text ? *text : std::string();
      if (t.size() > kMaxNarrative) {
        problems.push_back({"narrative." + code, "Mục " + code + ": nội dung dài quá 100 KB"});
        continue;
      }
      if (hasControl(t, true)) {
        problems.push_back({"narrative." + code, "Mục " + code + ": có ký tự điều khiển"});
        continue;
      }
      patch.narrative[code] = trimmed(t).empty() ? std::string() : t;
    }
    for (const auto& [k, text] : input.explanations) {
      if (!isWarningKey(l.regime, k)) {
        problems.push_back({"explanations." + k, "'" + shown(k) + "' không phải là một cảnh báo của biểu mẫu (cần dạng B01/R2 hoặc B01/R1@CT01)"});
        continue;
      }
      std::string t = text ? trimmed(*text) : std::string();
      if (t.size() > kMaxText || hasControl(t, true)) {
        problems.push_back({"explanations." + k, "Giải trình " + k + ": dài quá 2000 byte hoặc có ký tự điều khiển"});
        continue;
      }
      patch.explanations[k] = t;
    }
    if (!problems.empty()) {
      std::string msg = problems.front().message;
      if (problems.size() > 1) msg += " (và " + std::to_string(problems.size() - 1) + " lỗi khác)";
      return makeError(ErrorCode::InvalidField, msg, std::move(problems));
    }
    BAOCAO_ASSIGN(auto before, tx->reports().draft(key));
    BAOCAO_ASSIGN(auto outcome, tx->reports().saveCells(key, base_revision, patch, actor.user_id, now));
    if (!outcome.conflicts.empty()) {
      SaveResult r;
      r.conflicts = std::move(outcome.conflicts);
      r.revision = outcome.draft.revision;
      for (const auto& c : r.conflicts) {
        if (r.names.count(c.their_user_id)) continue;
        r.names[c.their_user_id] = userName(*tx, c.their_user_id);
      }
      return r;  // nothing written: the transaction is dropped
    }
    auto part = [](const std::map<std::string, ports::DraftCell>& m, const std::map<std::string, std::string>& changed) {
      ojson b = ojson::object();
      for (const auto& [k, v] : changed) {
        auto it = m.find(k);
        b[k] = it == m.end() ? ojson(nullptr) : ojson(it->second.value);
      }
      return b;
    };
    auto changes = [](const std::map<std::string, std::string>& changed) {
      ojson a = ojson::object();
      for (const auto& [k, v] : changed) a[k] = v.empty() ? ojson(nullptr) : ojson(v);
      return a;
    };
    ojson b{{"revision", before.revision},
            {"values", part(before.values, patch.values)},
            {"narrative", part(before.narrative, patch.narrative)},
            {"explanations", part(before.explanations, patch.explanations)}};
    ojson a{{"revision", outcome.draft.revision},
            {"values", changes(patch.values)},
            {"narrative", changes(patch.narrative)},
            {"explanations", changes(patch.explanations)}};
    if (outcome.draft.revision != before.revision)
      BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.save", l.ob, b.dump(), a.dump()));
    BAOCAO_TRY(tx->commit());
  }
  SaveResult r;
  BAOCAO_ASSIGN(r.report, open(actor, key));
  r.revision = r.report->draft.revision;
  return r;
}

core::Result<ReportView> ReportService::act(const Actor& actor, const std::string& key,
                                            wf::Action action, const std::string& reason,
                                            std::optional<int64_t> expected_version) {
  if (action == wf::Action::Edit)
    return makeError(ErrorCode::InvalidField, "«Nhập, sửa số liệu» không phải là một bước chuyển; dùng lưu bản đang nhập",
                     {{"action", "không phải bước chuyển"}});
  if (reason.size() > kMaxText || hasControl(reason, true))
    return makeError(ErrorCode::InvalidField, "Trường 'reason': dài quá 2000 byte hoặc có ký tự điều khiển",
                     {{"reason", "không hợp lệ"}});
  core::Timestamp now = ctx_.clock.now();
  wf::State from = wf::State::Draft, to_state = wf::State::Draft;
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
    BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
    if (expected_version && *expected_version != l.ob.version)
      return makeError(ErrorCode::Conflict,
                       "Báo cáo vừa được người khác thao tác (trạng thái hiện tại: «" +
                           std::string(wf::stateLabel(l.ob.state)) + "»); tải lại rồi thực hiện lại",
                       {{"version", "đã thay đổi"}});
    BAOCAO_TRY(wf::apply(l.sit, action, reason));
    BAOCAO_ASSIGN(auto versions, tx->reports().versions(key));
    BAOCAO_ASSIGN(auto history, tx->reports().history(key));
    std::vector<wf::SubmissionVersion> sv;
    for (const auto& v : versions) sv.push_back(v.version);
    auto sub = wf::Submission::restore(key, l.ob.state, sv, history);
    if (action == wf::Action::Submit) {
      // 004 Đ7: errors block sending; a warning needs the officer's explanation
      BAOCAO_ASSIGN(auto view, buildView(*tx, ctx_, signing_, l));
      std::vector<core::ErrorDetail> errs, unexplained;
      for (const auto& i : view.validation) {
        if (i.severity == fm::Severity::Error) errs.push_back({i.key, i.message});
        else if (!i.explanation) unexplained.push_back({i.key, i.message + " — cần giải trình"});
      }
      if (!errs.empty()) {
        std::string msg = "Báo cáo còn " + std::to_string(errs.size()) + " lỗi, chưa trình được: " + errs.front().message;
        return makeError(ErrorCode::InvalidField, std::move(msg), std::move(errs));
      }
      if (!unexplained.empty()) {
        std::string msg = "Còn " + std::to_string(unexplained.size()) + " cảnh báo chưa có giải trình: " +
                          unexplained.front().message;
        return makeError(ErrorCode::MissingField, std::move(msg), std::move(unexplained));
      }
      auto content = contentOf(view);
      BAOCAO_ASSIGN(auto canonical, signing::canonicalContent(content));
      std::string note = versions.empty()                  ? "Trình lần đầu"
                         : l.ob.state == wf::State::Returned ? "Trình lại sau khi bị trả lại"
                                                             : "Trình lại";
      BAOCAO_ASSIGN(int number, sub.freezeVersion(signing::sha256Hex(canonical), actor.user_id, now, note));
      if (number > static_cast<int>(versions.size()))
        BAOCAO_TRY(tx->reports().addVersion(key, ports::StoredVersion{sub.versions().back(), content, canonical}));
    }
    BAOCAO_ASSIGN(auto to, sub.perform(l.sit, action, reason, now, true));
    BAOCAO_TRY(tx->reports().addHistory(key, sub.history().back()));
    std::optional<core::Timestamp> sent_at;
    if (to == wf::State::Sent) sent_at = now;
    auto updated = tx->obligations().setState(key, to, l.ob.version, sent_at);
    if (!updated) {
      if (updated.error().code == ErrorCode::Conflict)
        return makeError(ErrorCode::Conflict,
                         "Báo cáo vừa được người khác thao tác; tải lại rồi thực hiện lại",
                         {{"version", "đã thay đổi"}});
      return updated.error();
    }
    ojson after = ojson::parse(stateJson(*updated));
    after["action"] = std::string(wf::actionId(action));
    if (!reason.empty()) after["reason"] = reason;
    after["versions"] = sub.versions().size();
    BAOCAO_TRY(auditReport(audit_, *tx, actor, "report." + std::string(wf::actionId(action)), l.ob,
                           stateJson(l.ob), after.dump()));
    BAOCAO_TRY(tx->commit());
    from = l.ob.state;
    to_state = to;
  }
  if (on_transition_) on_transition_(key, from, to_state, actor);
  return open(actor, key);
}

// ---- signatures ------------------------------------------------------------------------------

namespace {

/// The latest version, which the actor may sign now (approver party, awaiting approval).
core::Result<ports::StoredVersion> signableVersion(ports::Tx& tx, const Loaded& l) {
  if (l.ob.state != wf::State::AwaitingApproval)
    return makeError(ErrorCode::InvalidTransition,
                     "Chỉ ký số khi báo cáo đang ở trạng thái «" +
                         std::string(wf::stateLabel(wf::State::AwaitingApproval)) + "», hiện tại: «" +
                         std::string(wf::stateLabel(l.ob.state)) + "»");
  if (!wf::apply(l.sit, wf::Action::Approve))
    return makeError(ErrorCode::Forbidden,
                     "Không có quyền ký số báo cáo: dành cho " +
                         std::string(wf::partyLabel(wf::Party::ApproverRole)));
  BAOCAO_ASSIGN(auto versions, tx.reports().versions(l.ob.obligation.key));
  if (versions.empty())
    return makeError(ErrorCode::InvalidTransition, "Báo cáo chưa có phiên bản nào để ký");
  if (versions.back().version.signature)
    return makeError(ErrorCode::InvalidTransition,
                     "Phiên bản " + std::to_string(versions.back().version.number) +
                         " đã được ký; chữ ký không thay đổi");
  return versions.back();
}

}  // namespace

core::Result<ReportView> ReportService::sign(const Actor& actor, const std::string& key,
                                             const SignRequest& req) {
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
    BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
    BAOCAO_ASSIGN(auto v, signableVersion(*tx, l));
    std::optional<signing::Credentials> uploaded;
    const signing::Credentials* creds = nullptr;
    if (req.method == SignRequest::Method::Agency) {
      if (!signing_.agency)
        return makeError(ErrorCode::InvalidField,
                         "Máy chủ không giữ khóa ký số của cơ quan (cấu hình --signing-dir); hãy ký bằng tệp PKCS#12",
                         {{"method", "không có khóa cơ quan"}});
      creds = &*signing_.agency;
    } else {
      auto c = signing::Credentials::fromPkcs12(req.pkcs12_der, req.password);
      if (!c) return c.error();
      uploaded = std::move(c).value();
      creds = &*uploaded;
    }
    BAOCAO_ASSIGN(auto cms, signing::signDetached(v.canonical, *creds));
    wf::SignatureInfo info;
    info.signer_subject = creds->subject();
    info.signed_at = ctx_.clock.now();
    if (!signing_.trust_pem.empty()) {
      // a receiver must be able to verify it: refuse a certificate outside the trust store now
      BAOCAO_ASSIGN(auto vs, signing::verifyDetached(v.canonical, cms, signing_.trust_pem));
      info.signer_subject = vs.signer_subject;
      if (vs.signing_time) info.signed_at = *vs.signing_time;
    }
    info.signed_by_user_id = actor.user_id;
    info.signature_ref = key + "#" + std::to_string(v.version.number);
    BAOCAO_TRY(tx->reports().addSignature({key, v.version.number, cms, info}));
    ojson after{{"version", v.version.number},
                {"method", req.method == SignRequest::Method::Agency ? "agency" : "pkcs12"},
                {"subject", info.signer_subject},
                {"content_hash", v.version.content_hash}};
    BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.sign", l.ob, "", after.dump()));
    BAOCAO_TRY(tx->commit());
  }
  return open(actor, key);
}

core::Result<ReportView> ReportService::importSignature(const Actor& actor, const std::string& key,
                                                        int number, const std::string& cms_der) {
  {
    BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
    BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
    BAOCAO_ASSIGN(auto v, signableVersion(*tx, l));
    if (number != v.version.number)
      return makeError(ErrorCode::InvalidTransition,
                       "Chỉ ký được phiên bản mới nhất (" + std::to_string(v.version.number) + ")");
    if (signing_.trust_pem.empty())
      return makeError(ErrorCode::CertificateUntrusted,
                       "Máy chủ chưa có kho chứng thư tin cậy (--trust-store): không kiểm tra được chữ ký");
    BAOCAO_ASSIGN(auto vs, signing::verifyDetached(v.canonical, cms_der, signing_.trust_pem));
    wf::SignatureInfo info;
    info.signer_subject = vs.signer_subject;
    info.signed_at = vs.signing_time.value_or(ctx_.clock.now());
    info.signed_by_user_id = actor.user_id;
    info.signature_ref = key + "#" + std::to_string(number);
    BAOCAO_TRY(tx->reports().addSignature({key, number, cms_der, info}));
    ojson after{{"version", number}, {"method", "import"}, {"subject", info.signer_subject},
                {"content_hash", v.version.content_hash}};
    BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.sign", l.ob, "", after.dump()));
    BAOCAO_TRY(tx->commit());
  }
  return open(actor, key);
}

namespace {

/// A version the actor may see (receivers: only those sent to them).
core::Result<ports::StoredVersion> visibleVersion(ports::Tx& tx, const Loaded& l, int number) {
  const std::string& key = l.ob.obligation.key;
  auto v = tx.reports().version(key, number);
  if (!v) {
    if (v.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, "Không có phiên bản " + std::to_string(number) + " của báo cáo");
    return v.error();
  }
  if (!l.unitSide()) {
    BAOCAO_ASSIGN(auto history, tx.reports().history(key));
    BAOCAO_ASSIGN(auto all, tx.reports().versions(key));
    if (number > versionSentToReceiver(l.ob, history, static_cast<int>(all.size())))
      return makeError(ErrorCode::NotFound, "Không có phiên bản " + std::to_string(number) + " của báo cáo");
  }
  return v;
}

}  // namespace

core::Result<VerifyView> ReportService::verify(const Actor& actor, const std::string& key, int number) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto v, visibleVersion(*tx, l, number));
  VerifyView out;
  out.version = number;
  out.content_hash_ok = signing::sha256Hex(v.canonical) == v.version.content_hash;
  auto s = tx->reports().signature(key, number);
  if (!s) {
    if (s.error().code != ErrorCode::NotFound) return s.error();
    out.reason = "Phiên bản " + std::to_string(number) + " chưa được ký số";
    return out;
  }
  out.signed_ = true;
  out.info = s->info;
  if (auto u = tx->users().get(s->info.signed_by_user_id)) out.signed_by_name = u->full_name;
  if (!out.content_hash_ok) {
    out.reason = "Nội dung phiên bản " + std::to_string(number) +
                 " không khớp mã băm đã lưu khi trình: nội dung đã bị thay đổi";
    return out;
  }
  if (signing_.trust_pem.empty()) {
    out.reason = "Máy chủ chưa có kho chứng thư tin cậy (--trust-store): không kiểm tra được chữ ký";
    return out;
  }
  signing::VerifyOptions opts;
  opts.at = s->info.signed_at;  // the certificate must have been valid when it signed
  auto vs = signing::verifyDetached(v.canonical, s->cms_der, signing_.trust_pem, opts);
  if (!vs) {
    out.reason = vs.error().message;
    return out;
  }
  out.ok = true;
  out.signature = std::move(vs).value();
  return out;
}

core::Result<std::string> ReportService::canonical(const Actor& actor, const std::string& key, int number) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto v, visibleVersion(*tx, l, number));
  return v.canonical;
}

core::Result<std::string> ReportService::package(const Actor& actor, const std::string& key, int number,
                                                 std::string* filename) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto v, visibleVersion(*tx, l, number));
  auto s = tx->reports().signature(key, number);
  if (!s) {
    if (s.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::InvalidTransition,
                       "Phiên bản " + std::to_string(number) + " chưa được ký số: chưa có gói báo cáo đã ký");
    return s.error();
  }
  std::string unit;
  if (auto u = tx->orgs().get(l.ob.obligation.unit_id)) unit = u->name;
  std::string title = l.regime_name;
  if (l.ob.obligation.period) title += " " + periodLabel(*l.ob.obligation.period);
  if (!unit.empty()) title += " — " + unit;
  title += " (phiên bản " + std::to_string(number) + ")";
  auto pkg = signing::buildPackage(v.canonical, s->cms_der, signing_.trust_pem, title);
  if (filename) *filename = "baocao-" + asciiSlug(key) + "-v" + std::to_string(number) + ".zip";
  return signing::zipPackage(pkg);
}

core::Result<ports::StoredVersion> ReportService::version(const Actor& actor, const std::string& key,
                                                          int number, std::map<int64_t, std::string>* names) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto v, visibleVersion(*tx, l, number));
  if (names) {
    for (int64_t id : {v.version.created_by_user_id,
                       v.version.signature ? v.version.signature->signed_by_user_id : int64_t{0}}) {
      if (id == 0) continue;
      (*names)[id] = userName(*tx, id);
    }
  }
  return v;
}

core::Result<std::vector<wf::Difference>> ReportService::compare(const Actor& actor, const std::string& key,
                                                                 int from, int to) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto a, visibleVersion(*tx, l, from));
  BAOCAO_ASSIGN(auto b, visibleVersion(*tx, l, to));
  return wf::compareContents(a.content, b.content);
}

// ---- comments --------------------------------------------------------------------------------

namespace {
void nameUsers(ports::Tx& tx, const std::set<int64_t>& ids, std::map<int64_t, std::string>* names) {
  if (!names) return;
  for (int64_t id : ids) {
    if (id == 0 || names->count(id)) continue;
    (*names)[id] = userName(tx, id);
  }
}
}  // namespace

core::Result<std::vector<ports::Comment>> ReportService::comments(const Actor& actor, const std::string& key,
                                                                  std::map<int64_t, std::string>* names) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto out, tx->reports().comments(key));
  std::set<int64_t> ids;
  for (const auto& c : out) ids.insert(c.author_id);
  nameUsers(*tx, ids, names);
  return out;
}

core::Result<ports::Comment> ReportService::addComment(const Actor& actor, const std::string& key,
                                                       const std::string& cell, const std::string& text) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  std::string t = trimmed(text);
  if (t.empty())
    return makeError(ErrorCode::MissingField, "Trường 'text': ý kiến không được để trống", {{"text", "bắt buộc"}});
  if (t.size() > kMaxText || hasControl(t, true))
    return makeError(ErrorCode::InvalidField, "Trường 'text': dài quá 2000 byte hoặc có ký tự điều khiển",
                     {{"text", "không hợp lệ"}});
  if (!cell.empty()) {
    auto sections = sectionsOf(l.regime);
    bool known = findCell(l.regime, cell).has_value() ||
                 std::any_of(sections.begin(), sections.end(), [&](const SectionRef& s) { return s.code == cell; });
    if (!known)
      return makeError(ErrorCode::InvalidField,
                       "Trường 'cell': '" + shown(cell) + "' không phải là ô hay mục của báo cáo",
                       {{"cell", "không có trong báo cáo"}});
  }
  ports::Comment c;
  c.obligation_key = key;
  c.cell = cell;
  c.text = t;
  c.author_id = actor.user_id;
  c.at = ctx_.clock.now();
  BAOCAO_ASSIGN(auto stored, tx->reports().addComment(c));
  ojson after{{"id", stored.id}, {"cell", cell}, {"text", t}};
  BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.comment", l.ob, "", after.dump()));
  BAOCAO_TRY(tx->commit());
  return stored;
}

core::Result<ports::Comment> ReportService::resolveComment(const Actor& actor, const std::string& key,
                                                           int64_t comment_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto all, tx->reports().comments(key));
  auto it = std::find_if(all.begin(), all.end(), [&](const ports::Comment& c) { return c.id == comment_id; });
  if (it == all.end())
    return makeError(ErrorCode::NotFound, "Không có ý kiến " + std::to_string(comment_id) + " trong báo cáo này");
  bool receiver = std::find(l.on_receiver.begin(), l.on_receiver.end(), sec::Role::Aggregator) != l.on_receiver.end();
  if (it->author_id != actor.user_id && l.on_unit.empty() && !receiver && !l.admin)
    return makeError(ErrorCode::Forbidden,
                     "Chỉ người viết ý kiến, đơn vị báo cáo hoặc đơn vị tổng hợp được đánh dấu ý kiến đã xử lý");
  if (!it->resolved) {
    BAOCAO_TRY(tx->reports().resolveComment(comment_id));
    BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.comment.resolve", l.ob,
                           ojson{{"id", comment_id}, {"resolved", false}}.dump(),
                           ojson{{"id", comment_id}, {"resolved", true}}.dump()));
    BAOCAO_TRY(tx->commit());
  }
  ports::Comment c = *it;
  c.resolved = true;
  return c;
}

// ---- attachments -----------------------------------------------------------------------------

core::Result<std::vector<ports::StoredAttachment>> ReportService::attachments(
    const Actor& actor, const std::string& key, std::map<int64_t, std::string>* names) {
  BAOCAO_ASSIGN(auto view, open(actor, key));
  if (names) *names = view.names;
  return view.attachments;
}

core::Result<ports::StoredAttachment> ReportService::addAttachment(const Actor& actor, const std::string& key,
                                                                   const std::string& filename,
                                                                   const std::string& bytes) {
  BAOCAO_ASSIGN(auto name, sanitizeFileName(filename));
  if (bytes.empty())
    return makeError(ErrorCode::InvalidFile, "Tệp '" + name + "' trống", {{"file", "trống"}});
  if (bytes.size() > kMaxAttachmentBytes)
    return makeError(ErrorCode::BodyTooLarge, "Tệp '" + name + "' lớn quá 20 MB", {{"file", "quá 20 MB"}});
  auto kind = sniff(bytes);
  if (!kind)
    return makeError(ErrorCode::UnsupportedMediaType,
                     "Tệp '" + name + "' không phải PDF, DOCX, XLSX, PNG hoặc JPEG (kiểm tra theo nội dung tệp)",
                     {{"file", "loại tệp không được chấp nhận"}});
  std::string ext = extensionOf(name);
  if (std::find(kind->extensions.begin(), kind->extensions.end(), ext) == kind->extensions.end())
    return makeError(ErrorCode::UnsupportedMediaType,
                     "Tệp '" + name + "' có nội dung " + kind->label + " nhưng phần mở rộng là '." + ext +
                         "' (cần ." + kind->extensions.front() + ")",
                     {{"filename", "phần mở rộng không khớp nội dung"}});
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_TRY(wf::apply(l.sit, wf::Action::Edit));
  BAOCAO_ASSIGN(auto existing, tx->reports().attachments(key));
  for (const auto& a : existing)
    if (a.meta.name == name)
      return makeError(ErrorCode::AlreadyExists,
                       "Báo cáo đã có tệp đính kèm tên '" + name + "'; gỡ tệp cũ hoặc đổi tên tệp",
                       {{"filename", "trùng tên"}});
  ports::StoredAttachment a;
  a.obligation_key = key;
  a.meta.name = name;
  a.meta.media_type = kind->media_type;
  a.meta.size = bytes.size();
  a.meta.sha256 = signing::sha256Hex(bytes);
  a.uploaded_by = actor.user_id;
  a.uploaded_at = ctx_.clock.now();
  BAOCAO_ASSIGN(auto stored, tx->reports().addAttachment(a, bytes));
  ojson after{{"id", stored.id}, {"name", name}, {"media_type", a.meta.media_type},
              {"size", a.meta.size}, {"sha256", a.meta.sha256}};
  BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.attachment.add", l.ob, "", after.dump()));
  BAOCAO_TRY(tx->commit());
  return stored;
}

namespace {
core::Result<ports::StoredAttachment> attachmentOf(ports::Tx& tx, const std::string& key, int64_t id) {
  auto a = tx.reports().attachment(id);
  if (!a || a->obligation_key != key) {
    if (a || a.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, "Không có tệp đính kèm " + std::to_string(id) + " trong báo cáo này");
    return a.error();
  }
  return a;
}
}  // namespace

core::Result<AttachmentFile> ReportService::attachment(const Actor& actor, const std::string& key, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_ASSIGN(auto a, attachmentOf(*tx, key, id));
  if (!l.unitSide()) {
    // receivers: only files of a version sent to them
    BAOCAO_ASSIGN(auto view, buildView(*tx, ctx_, signing_, l));
    bool sent = std::any_of(view.attachments.begin(), view.attachments.end(),
                            [&](const ports::StoredAttachment& s) { return s.meta.sha256 == a.meta.sha256; });
    if (!sent) return makeError(ErrorCode::NotFound, "Không có tệp đính kèm " + std::to_string(id) + " trong báo cáo này");
  }
  AttachmentFile f;
  BAOCAO_ASSIGN(f.bytes, tx->reports().attachmentBytes(id));
  f.meta = std::move(a);
  return f;
}

core::Status ReportService::removeAttachment(const Actor& actor, const std::string& key, int64_t id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_ASSIGN(auto l, load(*tx, ctx_, actor, key));
  BAOCAO_TRY(wf::apply(l.sit, wf::Action::Edit));
  BAOCAO_ASSIGN(auto a, attachmentOf(*tx, key, id));
  if (a.removed)
    return makeError(ErrorCode::NotFound, "Tệp đính kèm " + std::to_string(id) + " đã được gỡ");
  BAOCAO_TRY(tx->reports().removeAttachment(id));
  ojson before{{"id", id}, {"name", a.meta.name}, {"sha256", a.meta.sha256}};
  BAOCAO_TRY(auditReport(audit_, *tx, actor, "report.attachment.remove", l.ob, before.dump(), ""));
  return tx->commit();
}

// ---- unit workflow and delegations -----------------------------------------------------------

namespace {

bool anyRole(sec::Role) { return true; }
bool unitAdminRole(sec::Role r) { return r == sec::Role::UnitAdmin; }
bool approverRole(sec::Role r) { return r == sec::Role::Approver; }

core::Result<core::org::OrgUnit> unitInScope(ports::Tx& tx, Context& ctx, const Actor& actor, int64_t unit_id,
                                             bool (*filter)(sec::Role), const std::string& what) {
  auto u = tx.orgs().get(unit_id);
  if (!u) {
    if (u.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, "Không có đơn vị " + std::to_string(unit_id));
    return u.error();
  }
  UnitCache units(tx);
  if (!sec::isSystemAdmin(actor.grants) && rolesOn(actor, unit_id, ctx.index, units, filter).empty())
    return makeError(ErrorCode::Forbidden, "Không có quyền " + what + " của đơn vị '" + u->name +
                                               "' (ngoài phạm vi được phân quyền)");
  return u;
}

UnitWorkflowView workflowView(ports::Tx& tx, int64_t unit_id, const core::Result<ports::UnitWorkflow>& w) {
  UnitWorkflowView v;
  v.unit_id = unit_id;
  if (w) {
    v.config = w->config;
    v.configured = true;
    v.updated_by = w->updated_by;
    v.updated_at = w->updated_at;
    if (auto u = tx.users().get(w->updated_by)) v.updated_by_name = u->full_name;
  }
  return v;
}

DelegationView delegationView(ports::Tx& tx, const wf::Delegation& d, core::Date today) {
  DelegationView v;
  v.d = d;
  if (auto u = tx.users().get(d.delegator_user_id)) v.delegator_name = u->full_name;
  if (auto u = tx.users().get(d.delegate_user_id)) v.delegate_name = u->full_name;
  v.active = wf::hasDelegatedApproval({d}, d.delegate_user_id, d.unit_id, d.regime_code, today);
  return v;
}

}  // namespace

core::Result<UnitWorkflowView> ReportService::unitWorkflow(const Actor& actor, int64_t unit_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_TRY(unitInScope(*tx, ctx_, actor, unit_id, anyRole, "xem quy trình báo cáo"));
  auto w = tx->reports().unitWorkflow(unit_id);
  if (!w && w.error().code != ErrorCode::NotFound) return w.error();
  return workflowView(*tx, unit_id, w);
}

core::Result<UnitWorkflowView> ReportService::setUnitWorkflow(const Actor& actor, int64_t unit_id, int steps) {
  wf::WorkflowConfig cfg;
  cfg.internal_steps = steps;
  BAOCAO_TRY(wf::validateConfig(cfg));
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_TRY(unitInScope(*tx, ctx_, actor, unit_id, unitAdminRole, "đặt quy trình báo cáo"));
  auto before = tx->reports().unitWorkflow(unit_id);
  if (!before && before.error().code != ErrorCode::NotFound) return before.error();
  ports::UnitWorkflow w{unit_id, cfg, actor.user_id, ctx_.clock.now()};
  BAOCAO_TRY(tx->reports().setUnitWorkflow(w));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"unit.workflow", "org_unit", std::to_string(unit_id), unit_id,
                            ojson{{"internal_steps", before ? before->config.internal_steps : 2},
                                  {"configured", before.has_value()}}.dump(),
                            ojson{{"internal_steps", steps}}.dump()}));
  auto view = workflowView(*tx, unit_id, core::Result<ports::UnitWorkflow>(w));
  BAOCAO_TRY(tx->commit());
  return view;
}

core::Result<std::vector<DelegationView>> ReportService::delegations(const Actor& actor, int64_t unit_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Read));
  BAOCAO_TRY(unitInScope(*tx, ctx_, actor, unit_id, anyRole, "xem ủy quyền phê duyệt"));
  BAOCAO_ASSIGN(auto all, tx->reports().delegations(unit_id));
  std::vector<DelegationView> out;
  for (const auto& d : all) out.push_back(delegationView(*tx, d, today()));
  return out;
}

core::Result<DelegationView> ReportService::addDelegation(const Actor& actor, wf::Delegation d) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  // 000 Đ6: the leader (approver of the unit) delegates approval
  BAOCAO_TRY(unitInScope(*tx, ctx_, actor, d.unit_id, approverRole, "ủy quyền phê duyệt"));
  d.delegator_user_id = actor.user_id;
  d.revoked = false;
  BAOCAO_TRY(wf::validateDelegation(d));
  auto delegate = tx->users().get(d.delegate_user_id);
  if (!delegate || delegate->revoked)
    return makeError(ErrorCode::InvalidField,
                     "Trường 'delegate_user_id': không có tài khoản đang hoạt động " + std::to_string(d.delegate_user_id),
                     {{"delegate_user_id", "không có tài khoản"}});
  if (!d.regime_code.empty() && !tx->regimes().getByCode(d.regime_code))
    return makeError(ErrorCode::InvalidField, "Trường 'regime_code': không có chế độ báo cáo '" + shown(d.regime_code) + "'",
                     {{"regime_code", "không có"}});
  BAOCAO_ASSIGN(auto stored, tx->reports().addDelegation(d));
  ojson after{{"id", stored.id}, {"delegate_user_id", stored.delegate_user_id}, {"regime_code", stored.regime_code},
              {"valid_from", stored.valid_from.iso()}, {"valid_to", stored.valid_to.iso()}};
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"unit.delegation.add", "delegation", std::to_string(stored.id), stored.unit_id, "",
                            after.dump()}));
  auto view = delegationView(*tx, stored, today());
  BAOCAO_TRY(tx->commit());
  return view;
}

core::Result<DelegationView> ReportService::revokeDelegation(const Actor& actor, int64_t unit_id,
                                                             int64_t delegation_id) {
  BAOCAO_ASSIGN(auto tx, ctx_.store.begin(TxMode::Write));
  BAOCAO_TRY(unitInScope(*tx, ctx_, actor, unit_id, anyRole, "thu hồi ủy quyền phê duyệt"));
  BAOCAO_ASSIGN(auto all, tx->reports().delegations(unit_id));
  auto it = std::find_if(all.begin(), all.end(), [&](const wf::Delegation& d) { return d.id == delegation_id; });
  if (it == all.end())
    return makeError(ErrorCode::NotFound, "Không có ủy quyền " + std::to_string(delegation_id) + " của đơn vị này");
  UnitCache units(*tx);
  bool approver = !rolesOn(actor, unit_id, ctx_.index, units, approverRole).empty();
  if (it->delegator_user_id != actor.user_id && !approver && !sec::isSystemAdmin(actor.grants))
    return makeError(ErrorCode::Forbidden,
                     "Chỉ người ủy quyền, lãnh đạo đơn vị hoặc quản trị hệ thống được thu hồi ủy quyền phê duyệt");
  if (it->revoked) return makeError(ErrorCode::InvalidTransition, "Ủy quyền đã được thu hồi trước đó");
  BAOCAO_TRY(tx->reports().revokeDelegation(delegation_id));
  BAOCAO_TRY(audit_.append(*tx, &actor,
                           {"unit.delegation.revoke", "delegation", std::to_string(delegation_id), unit_id,
                            ojson{{"revoked", false}}.dump(), ojson{{"revoked", true}}.dump()}));
  wf::Delegation d = *it;
  d.revoked = true;
  auto view = delegationView(*tx, d, today());
  BAOCAO_TRY(tx->commit());
  return view;
}

}  // namespace baocao::app
