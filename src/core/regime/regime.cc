#include "core/regime/regime.h"

#include <algorithm>
#include <unordered_map>

namespace baocao::core::regime {

namespace {

using period::PeriodType;

constexpr std::pair<Kind, std::string_view> kKinds[] = {{Kind::Periodic, "periodic"},
                                                        {Kind::Thematic, "thematic"},
                                                        {Kind::AdHoc, "ad_hoc"},
                                                        {Kind::Statistical, "statistical"}};
constexpr std::pair<Status, std::string_view> kStatuses[] = {{Status::Draft, "draft"},
                                                             {Status::Published, "published"},
                                                             {Status::Retired, "retired"},
                                                             {Status::Superseded, "superseded"}};
constexpr std::pair<SendMethod, std::string_view> kMethods[] = {
    {SendMethod::System, "system"},
    {SendMethod::DocumentSystem, "document_system"},
    {SendMethod::Email, "email"},
    {SendMethod::Paper, "paper"}};

template <typename E, size_t N>
std::string_view idOf(E e, const std::pair<E, std::string_view> (&table)[N]) {
  for (const auto& [k, name] : table)
    if (k == e) return name;
  return table[0].second;
}
template <typename E, size_t N>
Result<E> parseEnum(std::string_view id, const std::pair<E, std::string_view> (&table)[N],
                    std::string_view what) {
  for (const auto& [e, name] : table)
    if (name == id) return e;
  std::string allowed;
  for (const auto& [e, name] : table) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  return makeError(ErrorCode::InvalidField, std::string(what) + " '" + std::string(id) +
                                                "' không hợp lệ (chọn một trong: " + allowed + ")");
}

// Longer periods have larger ranks; a regime's `also` must be longer than its frequency.
int rank(PeriodType t) {
  switch (t) {
    case PeriodType::Weekly: return 0;
    case PeriodType::Monthly: return 1;
    case PeriodType::Quarterly: return 2;
    case PeriodType::SixMonthly: return 3;
    case PeriodType::NineMonthly: return 4;
    case PeriodType::Yearly: return 5;
    case PeriodType::MultiYear: return 6;
  }
  return 0;
}

std::string shortFrequency(PeriodType t) {
  switch (t) {
    case PeriodType::Weekly: return "tuần";
    case PeriodType::Monthly: return "tháng";
    case PeriodType::Quarterly: return "quý";
    case PeriodType::SixMonthly: return "6 tháng";
    case PeriodType::NineMonthly: return "9 tháng";
    case PeriodType::Yearly: return "năm";
    case PeriodType::MultiYear: return "giai đoạn";
  }
  return "";
}

std::string frequenciesText(const std::vector<PeriodType>& fs) {
  if (fs.empty()) return "không định kỳ";
  std::string s;
  for (auto f : fs) s += (s.empty() ? "" : ", ") + shortFrequency(f);
  return s;
}

bool isCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::string unitList(const std::vector<std::string>& codes, const NameOf& name_of) {
  constexpr size_t kShown = 3;
  std::string s;
  for (size_t i = 0; i < codes.size() && i < kShown; ++i)
    s += (i ? ", " : "") + name_of(codes[i]);
  if (codes.size() > kShown) s += " và " + std::to_string(codes.size() - kShown) + " đơn vị khác";
  return s;
}

}  // namespace

std::string_view kindId(Kind k) { return idOf(k, kKinds); }
std::string_view kindLabel(Kind k) {
  switch (k) {
    case Kind::Periodic: return "Định kỳ";
    case Kind::Thematic: return "Chuyên đề";
    case Kind::AdHoc: return "Đột xuất";
    case Kind::Statistical: return "Thống kê";
  }
  return "";
}
Result<Kind> parseKind(std::string_view id) { return parseEnum(id, kKinds, "Loại chế độ báo cáo"); }
std::string_view statusId(Status s) { return idOf(s, kStatuses); }
std::string_view statusLabel(Status s) {
  switch (s) {
    case Status::Draft: return "Dự thảo";
    case Status::Published: return "Đang áp dụng";
    case Status::Retired: return "Đã bãi bỏ";
    case Status::Superseded: return "Đã được thay thế";
  }
  return "";
}
Result<Status> parseStatus(std::string_view id) { return parseEnum(id, kStatuses, "Trạng thái"); }
std::string_view sendMethodId(SendMethod m) { return idOf(m, kMethods); }
std::string_view sendMethodLabel(SendMethod m) {
  switch (m) {
    case SendMethod::System: return "Hệ thống thông tin báo cáo";
    case SendMethod::DocumentSystem: return "Hệ thống quản lý văn bản";
    case SendMethod::Email: return "Thư điện tử công vụ";
    case SendMethod::Paper: return "Văn bản giấy";
  }
  return "";
}
Result<SendMethod> parseSendMethod(std::string_view id) {
  return parseEnum(id, kMethods, "Phương thức gửi");
}
std::string_view frequencyLabel(PeriodType t) {
  switch (t) {
    case PeriodType::Weekly: return "Hằng tuần";
    case PeriodType::Monthly: return "Hằng tháng";
    case PeriodType::Quarterly: return "Hằng quý";
    case PeriodType::SixMonthly: return "6 tháng";
    case PeriodType::NineMonthly: return "9 tháng";
    case PeriodType::Yearly: return "Hằng năm";
    case PeriodType::MultiYear: return "Theo giai đoạn";
  }
  return "";
}

bool Schedule::operator==(const Schedule& o) const {
  return frequency == o.frequency && also == o.also && window.kind == o.window.kind &&
         window.cut_off_day == o.window.cut_off_day && unit_working_days == o.unit_working_days &&
         level_working_days == o.level_working_days && levels == o.levels &&
         weekly_due_thursday == o.weekly_due_thursday && approval_day == o.approval_day &&
         due_date == o.due_date;
}

period::DeadlineRule Schedule::deadlineRule() const {
  period::DeadlineRule r;
  r.window = window;
  r.unit_working_days = unit_working_days;
  r.level_working_days = level_working_days;
  r.levels = levels;
  r.weekly_due_thursday = weekly_due_thursday;
  r.approval_day = approval_day;
  r.also_reported = also;
  return r;
}

std::vector<PeriodType> Schedule::frequencies() const {
  std::vector<PeriodType> out = also;
  if (frequency) out.push_back(*frequency);
  std::sort(out.begin(), out.end(), [](PeriodType a, PeriodType b) { return rank(a) < rank(b); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string Schedule::label() const {
  if (!frequency) {
    if (due_date) return "Theo yêu cầu (hạn " + due_date->vietnamese() + ")";
    return "Theo yêu cầu";
  }
  std::string s(frequencyLabel(*frequency));
  std::vector<PeriodType> rest;
  for (auto f : frequencies())
    if (f != *frequency) rest.push_back(f);
  if (!rest.empty()) s += "; " + frequenciesText(rest);
  return s;
}

const form::Form* Regime::form(std::string_view c) const {
  for (const auto& f : forms)
    if (f.code == c) return &f;
  return nullptr;
}

std::set<std::string> Regime::indicatorCodes() const {
  std::set<std::string> out;
  for (const auto& f : forms)
    for (auto& c : f.indicatorCodes()) out.insert(std::move(c));
  return out;
}

core::Status validateDraft(const Regime& r) {
  std::vector<ErrorDetail> problems;
  auto codeProblem = [&](const std::string& field, const std::string& code, bool required) {
    if (code.empty()) {
      if (required) problems.push_back({field, "thiếu mã"});
      return;
    }
    if (code.size() > 64) problems.push_back({field, "mã dài quá 64 byte"});
    else if (!std::all_of(code.begin(), code.end(), isCodeChar))
      problems.push_back({field, "mã '" + code +
                                     "' chỉ được gồm chữ cái không dấu, chữ số, '_', '-', '.'"});
  };
  codeProblem("code", r.code, true);
  codeProblem("family", r.family, false);
  if (r.name.empty()) problems.push_back({"name", "thiếu tên báo cáo"});
  if (r.name.size() > 500) problems.push_back({"name", "dài quá 500 byte"});
  for (size_t i = 0; i < r.reporting.codes.size(); ++i)
    codeProblem("reporting.codes[" + std::to_string(i) + "]", r.reporting.codes[i], true);
  for (size_t i = 0; i < r.reporting.exclude.size(); ++i)
    codeProblem("reporting.exclude[" + std::to_string(i) + "]", r.reporting.exclude[i], true);
  for (size_t i = 0; i < r.reporting.rules.size(); ++i) {
    const auto& u = r.reporting.rules[i];
    if (!u.type && u.under.empty())
      problems.push_back({"reporting.rules[" + std::to_string(i) + "]",
                          "quy tắc phải nêu loại đơn vị hoặc đơn vị cấp trên"});
    if (u.direct && u.under.empty())
      problems.push_back({"reporting.rules[" + std::to_string(i) + "].direct",
                          "'trực thuộc' cần đơn vị cấp trên"});
  }
  codeProblem("receiving", r.receiving, false);
  std::set<SendMethod> methods(r.send_methods.begin(), r.send_methods.end());
  if (methods.size() != r.send_methods.size())
    problems.push_back({"send_methods", "phương thức gửi bị lặp lại"});

  const Schedule& s = r.schedule;
  if (s.frequency) {
    for (auto a : s.also)
      if (rank(a) <= rank(*s.frequency))
        problems.push_back({"schedule.also", "kỳ '" + shortFrequency(a) +
                                                  "' phải dài hơn tần suất chính '" +
                                                  shortFrequency(*s.frequency) + "'"});
  } else if (!s.also.empty()) {
    problems.push_back({"schedule.also", "cần tần suất chính trước"});
  }
  if ((r.kind == Kind::Periodic || r.kind == Kind::Statistical) && s.due_date)
    problems.push_back({"schedule.due_date",
                        "báo cáo định kỳ có hạn theo kỳ, không có hạn cố định"});
  if (s.window.cut_off_day < 1 || s.window.cut_off_day > 31)
    problems.push_back({"schedule.cut_off_day", "ngày chốt số liệu phải từ 1 đến 31"});
  if (s.unit_working_days < 1 || s.unit_working_days > 60)
    // Decree 09 Art. 8.5b: at least one working day between cut-off and deadline
    problems.push_back({"schedule.unit_working_days",
                        "phải từ 1 đến 60 ngày làm việc (Nghị định 09/2019 Điều 8.5b: tối thiểu "
                        "01 ngày làm việc)"});
  if (s.level_working_days < 0 || s.level_working_days > 60)
    problems.push_back({"schedule.level_working_days", "phải từ 0 đến 60 ngày làm việc"});
  if (s.levels < 1 || s.levels > 10)
    problems.push_back({"schedule.levels", "số cấp phải từ 1 đến 10"});
  if (s.approval_day && (*s.approval_day < 1 || *s.approval_day > 31))
    problems.push_back({"schedule.approval_day", "ngày phải từ 1 đến 31"});

  if (auto st = form::validateSections(r.outline, "outline"); !st)
    for (const auto& d : st.error().details) problems.push_back(d);
  std::set<std::string> form_codes;
  for (size_t i = 0; i < r.forms.size(); ++i) {
    const std::string at = "forms[" + std::to_string(i) + "]";
    if (!form_codes.insert(r.forms[i].code).second)
      problems.push_back({at + ".code", "mã biểu '" + r.forms[i].code + "' bị lặp lại"});
    if (auto st = form::validateForm(r.forms[i]); !st)
      for (const auto& d : st.error().details) problems.push_back({at + "." + d.field, d.message});
  }
  if (problems.empty()) return ok();
  std::string msg = problems.size() == 1
                        ? "Chế độ báo cáo: "
                        : "Chế độ báo cáo có " + std::to_string(problems.size()) +
                              " lỗi. Lỗi đầu tiên: ";
  msg += problems.front().field + ": " + problems.front().message;
  return makeError(ErrorCode::InvalidField, std::move(msg), std::move(problems));
}

core::Status checkPublishable(const Regime& r) {
  BAOCAO_TRY(validateDraft(r));
  std::vector<ErrorDetail> missing;
  // Decree 09/2019 Art. 7 cl. 1–9 (as required by Art. 11.2 and 002 Đ5.2)
  if (r.content.empty()) missing.push_back({"content", "nội dung yêu cầu báo cáo (Điều 7 khoản 2)"});
  if (r.reporting.empty())
    missing.push_back({"reporting", "đối tượng thực hiện báo cáo (Điều 7 khoản 3)"});
  if (r.receiving.empty()) missing.push_back({"receiving", "cơ quan nhận báo cáo (Điều 7 khoản 4)"});
  if (r.send_methods.empty())
    missing.push_back({"send_methods", "phương thức gửi, nhận báo cáo (Điều 7 khoản 5)"});
  bool periodic = r.kind == Kind::Periodic || r.kind == Kind::Statistical;
  if (periodic && !r.schedule.frequency)
    missing.push_back({"schedule.frequency", "tần suất thực hiện báo cáo (Điều 7 khoản 7)"});
  if (!periodic && !r.schedule.frequency && !r.schedule.due_date)
    missing.push_back({"schedule.due_date", "thời hạn gửi báo cáo (Điều 7 khoản 6)"});
  if (r.outline.empty() && r.forms.empty())
    missing.push_back({"outline", "mẫu đề cương hoặc biểu mẫu số liệu (Điều 7 khoản 9)"});
  // Art. 11.1: a periodic regime is set by a legal normative document
  if (periodic && r.legal_basis.empty())
    missing.push_back({"legal_basis", "văn bản quy định chế độ báo cáo (Điều 11 khoản 1)"});
  if (missing.empty()) return ok();
  std::string msg = "Chưa thể ban hành chế độ báo cáo '" + r.code + "': thiếu ";
  for (size_t i = 0; i < missing.size(); ++i) msg += (i ? "; " : "") + missing[i].message;
  return makeError(ErrorCode::MissingField, std::move(msg), std::move(missing));
}

Resolution resolveReportingUnits(const ReportingUnits& rule, const std::vector<org::OrgUnit>& tree,
                                 Date on) {
  Resolution out;
  std::unordered_map<std::string, const org::OrgUnit*> by_code;
  std::unordered_map<int64_t, const org::OrgUnit*> by_id;
  for (const auto& u : tree) {
    by_code[u.code] = &u;
    by_id[u.id] = &u;
  }
  std::set<std::string> chosen;
  for (const auto& c : rule.codes) {
    auto it = by_code.find(c);
    if (it == by_code.end()) {
      out.problems.push_back("không có đơn vị mã '" + c + "'");
    } else if (!it->second->activeOn(on)) {
      out.problems.push_back("đơn vị '" + it->second->name + "' (" + c +
                             ") không còn hiệu lực ngày " + on.vietnamese());
    } else {
      chosen.insert(c);
    }
  }
  auto isUnder = [&](const org::OrgUnit& u, int64_t anc, bool direct) {
    if (direct) return u.parent_id == anc;
    size_t guard = 0;
    for (auto p = u.parent_id; p && guard < tree.size(); ++guard) {
      if (*p == anc) return true;
      auto it = by_id.find(*p);
      if (it == by_id.end()) return false;
      p = it->second->parent_id;
    }
    return false;
  };
  for (const auto& r : rule.rules) {
    std::optional<int64_t> anc;
    if (!r.under.empty()) {
      auto it = by_code.find(r.under);
      if (it == by_code.end()) {
        out.problems.push_back("không có đơn vị mã '" + r.under + "'");
        continue;
      }
      anc = it->second->id;
    }
    for (const auto& u : tree) {
      if (!u.activeOn(on)) continue;
      if (r.type && u.type != *r.type) continue;
      if (anc && !isUnder(u, *anc, r.direct)) continue;
      chosen.insert(u.code);
    }
  }
  for (const auto& c : rule.exclude) chosen.erase(c);
  for (const auto& c : chosen) out.units.push_back(by_code.at(c));
  return out;
}

Coverage coverageOf(const Regime& r, const Resolution& units) {
  Coverage c;
  c.regime_code = r.code;
  c.regime_name = r.name;
  c.family = r.familyCode();
  c.frequencies = r.schedule.frequencies();
  c.receiving = r.receiving;
  for (const auto* u : units.units) c.units.insert(u->code);
  c.indicators = r.indicatorCodes();
  return c;
}

std::vector<Finding> checkCoverage(const Coverage& candidate, const std::vector<Coverage>& others,
                                   const AgencyOf& agency_of, const NameOf& name_of) {
  std::vector<Finding> errors, warnings;
  for (const auto& o : others) {
    if (o.regime_code == candidate.regime_code) continue;
    std::vector<std::string> common;
    std::set_intersection(candidate.units.begin(), candidate.units.end(), o.units.begin(),
                          o.units.end(), std::back_inserter(common));
    if (common.empty()) continue;
    if (o.family == candidate.family) {
      Finding f;
      f.other_regime = o.regime_code;
      f.units = common;
      if (o.frequencies != candidate.frequencies) {
        f.code = "duplicate_frequency";
        f.message = unitList(common, name_of) + " đã phải báo cáo '" + o.regime_name + "' (" +
                    o.regime_code + ", cùng chế độ '" + o.family + "') với tần suất " +
                    frequenciesText(o.frequencies) +
                    "; không được yêu cầu báo cáo thêm với tần suất " +
                    frequenciesText(candidate.frequencies) +
                    " (Quy định kèm QĐ chế độ báo cáo TP.HCM, Điều 3 khoản 4)";
      } else {
        f.code = "duplicate_report";
        f.message = unitList(common, name_of) + " đã phải gửi báo cáo '" + o.regime_name + "' (" +
                    o.regime_code + ", cùng chế độ '" + o.family + "') cho " +
                    name_of(o.receiving) +
                    "; không được yêu cầu gửi cùng một báo cáo nhiều lần (Điều 3 khoản 4)";
      }
      errors.push_back(std::move(f));
      continue;
    }
    std::vector<std::string> shared;
    std::set_intersection(candidate.indicators.begin(), candidate.indicators.end(),
                          o.indicators.begin(), o.indicators.end(), std::back_inserter(shared));
    for (const auto& ind : shared) {
      Finding f;
      f.severity = Finding::Severity::Warning;
      f.code = "shared_indicator";
      f.other_regime = o.regime_code;
      f.units = common;
      f.indicator = ind;
      auto agency = agency_of(ind);
      f.serving_agency = agency && !agency->empty() ? *agency : candidate.receiving;
      f.message = "Chỉ tiêu '" + ind + "' được yêu cầu từ " + unitList(common, name_of) +
                  " ở cả '" + candidate.regime_name + "' và '" + o.regime_name +
                  "'; dùng chung số liệu của " + name_of(f.serving_agency) +
                  (agency && !agency->empty() ? " (cơ quan quản lý chỉ tiêu)"
                                              : " (cơ quan nhận báo cáo)") +
                  ", không yêu cầu báo cáo hai lần (Điều 10 khoản 4)";
      warnings.push_back(std::move(f));
    }
  }
  errors.insert(errors.end(), std::make_move_iterator(warnings.begin()),
                std::make_move_iterator(warnings.end()));
  return errors;
}

}  // namespace baocao::core::regime
