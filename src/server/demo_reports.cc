#include "server/demo_reports.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "server/demo_regimes.h"

namespace baocao::server {

using core::Date;
using core::ErrorCode;
using core::makeError;
using core::Timestamp;
namespace ports = core::ports;
namespace wf = core::workflow;
using core::period::PeriodType;

namespace {

constexpr const char* kRegime = "HCM-KTXH";  // the socio-economic report (demo-regimes.json)
constexpr const char* kForm = "B01";

/// The demo's own clock: set to the moment each step would have happened.
class DemoClock : public ports::Clock {
 public:
  Timestamp now() const override { return now_; }
  void set(Timestamp t) { now_ = t; }

 private:
  Timestamp now_;
};

/// The use cases of the runtime's store on the demo clock.
struct Services {
  DemoClock clock;
  app::Context ctx;
  app::AuditService audit{ctx};
  app::CalendarService calendar{ctx, audit};
  app::RegimeService regimes{ctx, audit};
  app::ObligationService obligations{ctx, audit, calendar};
  app::ReportService reports{ctx, audit};
  explicit Services(Runtime& rt)
      : ctx{rt.store(), clock, rt.context().index, rt.context().config} {}
};

/// hour:minute of day `d` in Vietnam (UTC+7).
Timestamp at(Date d, int hour, int minute = 0) {
  return Timestamp::fromSeconds(static_cast<int64_t>(d.days()) * 86400 + (hour - 7) * 3600 + minute * 60);
}

/// The first working day (Monday–Friday) from `d`.
Date workday(Date d) {
  while (d.isoWeekday() > 5) d = d.addDays(1);
  return d;
}

// ---- figures ---------------------------------------------------------------------------------

/// The latest actual yearly figure of each indicator in hcmc-figures.csv.
struct Base {
  int year = 0;
  double value = 0;
};

core::Result<std::map<std::string, Base>> readFigures(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::InvalidFile, "Không mở được tệp '" + path + "'");
  std::map<std::string, Base> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("ma,", 0) == 0) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (f.size() < 4 && std::getline(ss, cell, ',')) f.push_back(cell);
    if (f.size() < 4 || f[2] != "thuc_hien") continue;
    int year = std::atoi(f[1].c_str());
    auto& b = out[f[0]];
    if (year >= b.year) b = Base{year, std::atof(f[3].c_str())};
  }
  return out;
}

// Share of each month in a year's total (data windows 15th → 14th; Tết in the second month,
// year-end shopping and budget collection in the last): sums to 12.
constexpr double kSeason[12] = {1.05, 0.85, 0.95, 0.97, 1.0, 1.0, 0.98, 1.0, 1.0, 1.02, 1.05, 1.13};
double cumulative(int months) {
  double s = 0;
  for (int m = 0; m < months && m < 12; ++m) s += kSeason[m];
  return s / 12.0;
}

struct Row {
  const char* code;
  int decimals;
  double growth;  // a year on the year before
  double plan;    // the year's plan as a share of the year's actual figure
};
// The input rows of form B01 (HCM_XNK is the subtotal of HCM_XK and HCM_NK). Budget revenue
// is planned cautiously, so a year-end report exceeds 120% of the plan (rule R2's warning).
constexpr Row kRows[] = {{"HCM_THU_NS", 0, 1.09, 0.8},  {"HCM_BLHH", 0, 1.11, 0.98},
                         {"HCM_XK", 2, 1.14, 0.97},      {"HCM_NK", 2, 1.12, 0.99},
                         {"HCM_FDI", 2, 1.06, 1.05},     {"HCM_DN_MOI", 0, 1.08, 0.95},
                         {"HCM_DL", 0, 1.15, 0.97}};

/// The yearly figure of row `r` in `year`, grown from its latest actual year.
double annual(const Row& r, const Base& b, int year) { return b.value * std::pow(r.growth, year - b.year); }
const Row* rowOf(const char* code) {
  for (const auto& r : kRows)
    if (std::string_view(r.code) == code) return &r;
  return nullptr;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// "1.234,5" as the screens show numbers.
std::string vietnamese(double v, int decimals) {
  std::string s = fixed(v, decimals);
  std::string ip = s.substr(0, s.find('.')), frac = s.find('.') == std::string::npos ? "" : s.substr(s.find('.') + 1);
  std::string out;
  for (size_t i = 0; i < ip.size(); ++i) {
    if (i > 0 && (ip.size() - i) % 3 == 0) out += '.';
    out += ip[i];
  }
  return frac.empty() ? out : out + "," + frac;
}

/// Months of the period and the month its data window ends in (1..12).
std::pair<int, int> monthsOf(const ports::StoredObligation& s) {
  const auto& p = *s.obligation.period;
  int end = s.obligation.data_window ? static_cast<int>(s.obligation.data_window->end.month()) : 12;
  switch (p.type()) {
    case PeriodType::Monthly: return {1, end};
    case PeriodType::Quarterly: return {3, end};
    case PeriodType::SixMonthly: return {6, end};
    case PeriodType::NineMonthly: return {9, end};
    default: return {12, 12};
  }
}

/// The values of form B01 for one period; `rows` limits how many rows are filled (drafts).
std::map<std::string, std::optional<std::string>> figuresFor(const std::map<std::string, Base>& base,
                                                            const ports::StoredObligation& s,
                                                            size_t rows = std::size(kRows)) {
  std::map<std::string, std::optional<std::string>> out;
  auto [len, end] = monthsOf(s);
  int year = s.obligation.period->year();
  for (size_t i = 0; i < rows && i < std::size(kRows); ++i) {
    const Row& r = kRows[i];
    auto b = base.find(r.code);
    if (b == base.end()) continue;
    auto yearly = [&](int y) { return annual(r, b->second, y); };
    std::string cell = std::string(kForm) + "/" + r.code + ".";
    double lk = yearly(year) * cumulative(end);
    out[cell + "KH"] = fixed(yearly(year) * r.plan, r.decimals);
    out[cell + "TH"] = fixed(yearly(year) * (cumulative(end) - cumulative(end - len)), r.decimals);
    out[cell + "LK"] = fixed(lk, r.decimals);
    out[cell + "CK"] = fixed(yearly(year - 1) * cumulative(end), r.decimals);
  }
  return out;
}

std::map<std::string, std::optional<std::string>> narrativeFor(const std::map<std::string, Base>& base,
                                                              const ports::StoredObligation& s,
                                                              const std::string& period) {
  auto [len, end] = monthsOf(s);
  int year = s.obligation.period->year();
  auto lk = [&](const char* code) {
    auto b = base.find(code);
    return b == base.end() ? 0.0 : annual(*rowOf(code), b->second, year) * cumulative(end);
  };
  std::string growth = vietnamese((rowOf("HCM_THU_NS")->growth - 1) * 100, 1) + "%";
  std::map<std::string, std::optional<std::string>> n;
  n["I"] = "Trong " + period + ", tình hình kinh tế - xã hội Thành phố tiếp tục phục hồi và tăng trưởng. "
           "Tổng thu ngân sách nhà nước trên địa bàn lũy kế ước đạt " + vietnamese(lk("HCM_THU_NS"), 0) +
           " tỷ đồng, tăng " + growth + " so với cùng kỳ; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng lũy kế đạt " +
           vietnamese(lk("HCM_BLHH"), 0) + " tỷ đồng. Kim ngạch xuất khẩu lũy kế đạt " + vietnamese(lk("HCM_XK"), 2) +
           " tỷ USD; thu hút vốn đầu tư trực tiếp nước ngoài đạt " + vietnamese(lk("HCM_FDI"), 2) + " tỷ USD.";
  n["II"] = "Giải ngân vốn đầu tư công còn chậm so với kế hoạch; một số dự án vướng bồi thường, giải phóng mặt bằng. "
            "Sức mua tại khu vực ngoại thành phục hồi chậm hơn khu vực trung tâm.";
  n["III"] = "Tập trung đẩy nhanh giải ngân vốn đầu tư công; tiếp tục cải cách thủ tục hành chính, hỗ trợ doanh nghiệp "
             "thành lập mới; theo dõi sát diễn biến giá cả thị trường" +
             std::string(len == 12 || end == 12 ? " dịp cuối năm và Tết Nguyên đán." : ".");
  n["B01/TM"] = "Số liệu kỳ báo cáo tính từ ngày 15 tháng trước đến ngày 14 tháng báo cáo. Số thu ngân sách theo số liệu "
                "của Kho bạc Nhà nước Khu vực II; xuất nhập khẩu, FDI là số ước tính của Thống kê Thành phố.";
  return n;
}

// ---- one report --------------------------------------------------------------------------------

struct People {
  app::Actor officer, head, leader, clerk, receiver, admin;
};

/// Plays one report of Sở Tài chính through the use cases on the demo clock.
class Player {
 public:
  Player(Services& s, const People& p, const std::map<std::string, Base>& base, Timestamp real_now)
      : s_(s), p_(p), base_(base), real_now_(real_now) {}

  /// Moves the clock to `t`, never past the real now (a step planned later happens "just now").
  void when(Timestamp t) { s_.clock.set(std::min(t, real_now_.plusSeconds(-600))); }

  core::Status enter(const std::string& key, std::map<std::string, std::optional<std::string>> values,
                     std::map<std::string, std::optional<std::string>> narrative, const app::Actor& who) {
    BAOCAO_ASSIGN(auto view, s_.reports.open(who, key));
    app::DraftInput in;
    in.values = std::move(values);
    in.narrative = std::move(narrative);
    BAOCAO_ASSIGN(auto saved, s_.reports.save(who, key, view.draft.revision, in));
    if (!saved.conflicts.empty()) return makeError(ErrorCode::Conflict, "demo: xung đột khi lưu " + key);
    // 004 Đ7: a warning needs the officer's explanation before it is submitted
    app::DraftInput explain;
    for (const auto& item : saved.report->validation)
      if (item.severity == core::form::Severity::Warning && !item.explanation)
        explain.explanations[item.key] =
            "Thu tiền sử dụng đất từ đấu giá các lô đất tại Khu đô thị mới Thủ Thiêm và thu từ cổ phần hóa, "
            "thoái vốn doanh nghiệp nhà nước vượt dự toán; các khoản thu này không lặp lại hằng năm.";
    if (!explain.explanations.empty())
      BAOCAO_TRY(s_.reports.save(who, key, saved.revision, explain));
    return core::ok();
  }

  core::Status act(const std::string& key, const app::Actor& who, wf::Action a, const std::string& reason = {}) {
    BAOCAO_TRY(s_.reports.act(who, key, a, reason, std::nullopt));
    return core::ok();
  }

  core::Status comment(const std::string& key, const app::Actor& who, const std::string& cell, const std::string& text) {
    BAOCAO_TRY(s_.reports.addComment(who, key, cell, text));
    return core::ok();
  }

  /// Entered, submitted and checked (the report waits for the leader), as of the days after
  /// the data window `e` closed.
  core::Status prepare(const ports::StoredObligation& s, const std::string& period, Date e, bool check) {
    const std::string& key = s.obligation.key;
    when(at(workday(e.addDays(1)), 8, 40));
    BAOCAO_TRY(enter(key, figuresFor(base_, s), narrativeFor(base_, s, period), p_.officer));
    when(at(workday(e.addDays(1)), 10, 15));
    BAOCAO_TRY(act(key, p_.officer, wf::Action::Submit));
    if (!check) return core::ok();
    when(at(workday(e.addDays(1)), 15, 30));
    return act(key, p_.head, wf::Action::Check);
  }

  /// Signed with the agency key and approved (3 steps: waits for the clerk to send).
  core::Status approve(const std::string& key, Date e) {
    when(at(workday(workday(e.addDays(1)).addDays(1)), 9, 20));
    BAOCAO_TRY(s_.reports.sign(p_.leader, key, app::SignRequest{}));
    return act(key, p_.leader, wf::Action::Approve);
  }

  core::Status send(const std::string& key, Date e) {
    when(at(workday(workday(e.addDays(1)).addDays(1)), 10, 5));
    return act(key, p_.clerk, wf::Action::Send);
  }

  Date receiverDay(Date e) { return workday(workday(workday(e.addDays(1)).addDays(1)).addDays(1)); }

 private:
  Services& s_;
  const People& p_;
  const std::map<std::string, Base>& base_;
  Timestamp real_now_;
};

}  // namespace

core::Result<DemoReportsSummary> seedDemoReports(Runtime& rt, const std::string& data_dir,
                                                 const DemoOptions& options) {
  DemoReportsSummary out;
  const auto started = std::chrono::steady_clock::now();
  const Timestamp real_now = rt.context().clock.now();
  const Date today = real_now.vietnamDate();
  Services s(rt);

  // The regimes have been in force for about 13 months: published in the month before this
  // month last year, so last year's same periods have reports.
  Date published = Date::fromYmd(today.year() - 1, today.month(), 1).addDays(-20);
  s.clock.set(at(workday(published), 9));
  BAOCAO_TRY(seedDemoRegimes(s.regimes, data_dir));

  People p;
  BAOCAO_ASSIGN(p.officer, demoActor(rt, "cv.stc"));
  BAOCAO_ASSIGN(p.head, demoActor(rt, "tp.stc"));
  BAOCAO_ASSIGN(p.leader, demoActor(rt, "ld.stc"));
  BAOCAO_ASSIGN(p.clerk, demoActor(rt, "vt.stc"));
  BAOCAO_ASSIGN(p.receiver, demoActor(rt, "th.vp"));
  BAOCAO_ASSIGN(p.admin, demoActor(rt, "qt.stc"));
  int64_t stc = 0;
  {
    BAOCAO_ASSIGN(auto tx, rt.store().begin(ports::TxMode::Read));
    BAOCAO_ASSIGN(auto u, tx->orgs().getByCode("79.STC"));
    stc = u.id;
  }
  // Sở Tài chính sends through its văn thư: 3 internal steps (003 Đ7.1, Đ10.5)
  s.clock.set(at(workday(published.addDays(1)), 14));
  BAOCAO_TRY(s.reports.setUnitWorkflow(p.admin, stc, 3));

  // the agency key of Sở Tài chính (scripts/demo-ca.sh)
  std::string dir = options.signing_dir.empty() ? data_dir + "/demo-ca" : options.signing_dir;
  auto signing = app::loadSigningSetup(dir, "", options.signing_password);
  if (signing) {
    s.reports.setSigning(std::move(signing).value());
    out.signed_ = true;
  } else {
    spdlog::warn("demo: {}; các báo cáo dừng ở bước chờ duyệt (chạy scripts/demo-ca.sh {} để có chữ ký số)",
                 signing.error().message, dir);
  }

  // The obligations due today, as the scheduler would have created them.
  s.clock.set(real_now.plusSeconds(-3600));
  BAOCAO_ASSIGN(auto gen, s.obligations.generateDue(nullptr, today));
  out.obligations = gen.created;

  std::map<std::string, Base> base;
  BAOCAO_ASSIGN(base, readFigures(data_dir + "/indicators/hcmc-figures.csv"));
  std::vector<ports::StoredObligation> mine;
  {
    BAOCAO_ASSIGN(auto tx, rt.store().begin(ports::TxMode::Read));
    ports::ObligationQuery q;
    q.unit_ids = std::vector<int64_t>{stc};
    q.regime_code = kRegime;
    BAOCAO_ASSIGN(mine, tx->obligations().find(q));
  }
  std::sort(mine.begin(), mine.end(), [](const ports::StoredObligation& a, const ports::StoredObligation& b) {
    if (a.obligation.deadline != b.obligation.deadline) return a.obligation.deadline > b.obligation.deadline;
    return a.obligation.key < b.obligation.key;
  });
  std::vector<const ports::StoredObligation*> open, closed;
  for (const auto& o : mine) {
    if (!o.obligation.period || !o.obligation.data_window) continue;
    (o.obligation.data_window->end >= today ? open : closed).push_back(&o);
  }

  Player play(s, p, base, real_now);
  // Oldest first, so each report's "previous period" already has its values when it is built.
  enum class Plan { Accepted, AwaitingApproval, Returned, Correction, Sent, Approved, AwaitingCheck };
  // the short-lived states on the most recent periods
  const Plan kNewest[] = {Plan::AwaitingApproval, Plan::Accepted, Plan::Sent,         Plan::Approved,
                          Plan::Returned,         Plan::Correction, Plan::AwaitingCheck};
  for (size_t i = closed.size(); i-- > 0;) {
    const auto& o = *closed[i];
    const std::string& key = o.obligation.key;
    const std::string period = core::obligation::periodLabel(*o.obligation.period);
    Date e = o.obligation.data_window->end;
    Plan plan = i < std::size(kNewest) ? kNewest[i] : Plan::Accepted;
    bool needs_signature = plan != Plan::AwaitingApproval && plan != Plan::AwaitingCheck;
    if (needs_signature && !out.signed_) plan = Plan::AwaitingApproval;
    BAOCAO_TRY(play.prepare(o, period, e, plan != Plan::AwaitingCheck));
    if (plan == Plan::AwaitingApproval) {
      play.when(at(workday(e.addDays(1)), 15, 45));
      BAOCAO_TRY(play.comment(key, p.head, std::string(kForm) + "/HCM_FDI.TH",
                              "Đề nghị nêu tên các dự án FDI lớn được cấp phép trong kỳ ở phần thuyết minh trước khi trình ký."));
    }
    if (plan == Plan::AwaitingApproval || plan == Plan::AwaitingCheck) continue;
    BAOCAO_TRY(play.approve(key, e));
    if (plan == Plan::Approved) continue;
    BAOCAO_TRY(play.send(key, e));
    if (plan == Plan::Sent) continue;
    Date rd = play.receiverDay(e);
    if (plan == Plan::Returned) {
      play.when(at(rd, 14, 10));
      BAOCAO_TRY(play.act(key, p.receiver, wf::Action::Return,
                          "Số thu ngân sách lũy kế chưa khớp số liệu của Kho bạc Nhà nước Khu vực II; đề nghị rà soát, "
                          "bổ sung thuyết minh rồi gửi lại."));
      // the officer has started fixing it
      play.when(at(workday(rd.addDays(1)), 8, 50));
      BAOCAO_TRY(play.comment(key, p.officer, std::string(kForm) + "/HCM_THU_NS.LK",
                              "Đang đối chiếu với Kho bạc, sẽ cập nhật số chính thức."));
      continue;
    }
    play.when(at(rd, 14, 10));
    BAOCAO_TRY(play.act(key, p.receiver, wf::Action::Accept));
    if (i == 1) {
      play.when(at(rd, 14, 20));
      BAOCAO_TRY(play.comment(key, p.receiver, std::string(kForm) + "/HCM_BLHH.TH",
                              "Số liệu khớp với báo cáo của Sở Công Thương. Đã tổng hợp vào báo cáo chung."));
    }
    if (plan == Plan::Correction) {
      // before the amendment deadline (002 Đ9.3)
      Date d = std::min(workday(rd.addDays(1)), o.obligation.amendment_deadline);
      play.when(d > rd ? at(d, 9, 30) : at(rd, 16, 0));
      BAOCAO_TRY(play.act(key, p.clerk, wf::Action::RequestCorrection,
                          "Kho bạc Nhà nước Khu vực II điều chỉnh số thu ngân sách lũy kế sau khi hạch toán bổ sung; "
                          "đề nghị cho đính chính Biểu 01."));
    }
  }
  // Periods still open: the officer has started entering (fewer rows in the newest).
  for (size_t i = 0; i < open.size(); ++i) {
    const auto& o = *open[i];
    play.when(real_now.plusSeconds(-3600 * static_cast<int64_t>(2 + i)));
    BAOCAO_TRY(play.enter(o.obligation.key, figuresFor(base, o, i == 0 ? 3 : 5), {}, p.officer));
  }
  {
    BAOCAO_ASSIGN(auto tx, rt.store().begin(ports::TxMode::Read));
    ports::ObligationQuery q;
    q.unit_ids = std::vector<int64_t>{stc};
    BAOCAO_ASSIGN(auto all, tx->obligations().find(q));
    for (const auto& o : all) ++out.states[std::string(wf::stateId(o.state))];
  }
  std::string line;
  for (const auto& [st, n] : out.states) line += " " + st + "=" + std::to_string(n);
  spdlog::info("demo: {} nghĩa vụ báo cáo; báo cáo của Sở Tài chính:{} ({:.2f} s)", out.obligations, line,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return out;
}

}  // namespace baocao::server
