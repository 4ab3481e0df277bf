// Report regime (chế độ báo cáo): what is reported, by whom, to whom, how, how often and by when
// (DOMAIN.md "Report regimes"; Decree 09/2019 Art. 4, 7, 8, 11, 12; 002 Đ3.4, Đ5–Đ8, Đ10.4,
// Đ11–Đ12; 004 Đ10). docs/domain/regimes.md explains the rules with their articles.
//
// A regime carries every component of Decree 09/2019 Art. 7: name, content, reporting units,
// receiving unit, sending method, deadline, frequency, data cut-off window, outline (đề cương,
// narrative sections) and numeric forms (biểu mẫu), plus instructions and the legal document
// that sets it. Frequency, cut-off window and deadlines are those of core::period: a regime only
// chooses a PeriodType and the parameters of a period::DeadlineRule.
//
// Versions and status live with the stored regime (app::RegimeService): draft → published →
// retired; publishing freezes a version, editing a published regime makes a new draft version.
//
// Two rules across regimes (checkCoverage):
//  - 002 Đ3.4: one body reports one regime at one frequency, and is never asked the same
//    report twice. "The same regime" is the regime family (`family`): regimes of one family
//    are the same report, whoever issues them. A unit covered by two published regimes of one
//    family is an error (at two frequencies, or twice at the same one).
//  - 002 Đ10.4: an indicator asked of the same unit by two published regimes is flagged (a
//    warning), naming the agency whose data must serve both: the indicator's responsible
//    agency in the catalog, else the receiving unit of the regime being checked.
// Thread-safety: plain values and pure functions.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/form/form.h"
#include "core/org/org_unit.h"
#include "core/period/deadline.h"
#include "core/period/period.h"

namespace baocao::core::regime {

/// Decree 09/2019 Art. 4 plus statistical reports, which the Statistics Law governs and Decree 09
/// excludes (Art. 1.2a). Stable ids: "periodic" (định kỳ), "thematic" (chuyên đề), "ad_hoc"
/// (đột xuất), "statistical" (thống kê).
enum class Kind { Periodic, Thematic, AdHoc, Statistical };
/// Stable ids: "draft", "published", "retired", "superseded" (a published version replaced by a
/// later one; only versions are superseded, never a regime).
enum class Status { Draft, Published, Retired, Superseded };
/// 002 Đ5.3. Stable ids: "system" (phân hệ báo cáo điện tử of this system), "document_system"
/// (hệ thống quản lý văn bản, liên thông văn bản), "email" (thư điện tử công vụ), "paper"
/// (trực tiếp hoặc bưu chính).
enum class SendMethod { System, DocumentSystem, Email, Paper };

std::string_view kindId(Kind k);
std::string_view kindLabel(Kind k);
Result<Kind> parseKind(std::string_view id);
std::string_view statusId(Status s);
std::string_view statusLabel(Status s);
Result<Status> parseStatus(std::string_view id);
std::string_view sendMethodId(SendMethod m);
std::string_view sendMethodLabel(SendMethod m);
Result<SendMethod> parseSendMethod(std::string_view id);
/// "Hằng tháng", "Hằng quý", "6 tháng", … (what the published catalog prints).
std::string_view frequencyLabel(period::PeriodType t);

/// Who reports: explicit units, plus every unit matching one of the rules, minus exclusions.
/// Resolved against the organisation tree on a given day (units merge and split).
struct UnitRule {
  std::optional<org::OrgType> type;  // units of this type; empty = any type
  std::string under;                 // inside the subtree of this unit code; empty = anywhere
  bool direct = false;               // only direct children of `under`
  bool operator==(const UnitRule&) const = default;
};
struct ReportingUnits {
  std::vector<std::string> codes;    // explicit unit codes
  std::vector<UnitRule> rules;
  std::vector<std::string> exclude;  // codes removed from the result
  std::string description;           // as printed in the catalog ("UBND các xã, phường, đặc khu")
  bool operator==(const ReportingUnits&) const = default;
  bool empty() const { return codes.empty() && rules.empty(); }
};

/// Frequency and schedule. `frequency` is the regime's period type; `also` lists the longer
/// reports of the same regime (the socio-economic report is monthly, and quarterly, 6-month,
/// 9-month and yearly: a monthly report due with one of them is not made, 002 Đ8.2). Thematic
/// and ad hoc regimes may instead have a fixed `due_date` (Decree 09 Art. 8.5c).
struct Schedule {
  std::optional<period::PeriodType> frequency;
  std::vector<period::PeriodType> also;
  period::WindowRule window;              // 002 Đ7 by default
  int unit_working_days = 3;              // 002 Đ8.1a
  int level_working_days = 3;             // 002 Đ8.1b
  int levels = 1;                         // aggregation levels above the reporting unit
  bool weekly_due_thursday = true;        // 002 Đ8.1c
  std::optional<unsigned> approval_day;   // 000 Đ6: leaders approve before the 25th → 24
  std::optional<Date> due_date;           // thematic / ad hoc
  bool operator==(const Schedule&) const;

  /// The deadline rule of core::period for this schedule.
  period::DeadlineRule deadlineRule() const;
  /// `frequency` and `also`, sorted, without duplicates.
  std::vector<period::PeriodType> frequencies() const;
  /// "Hằng tháng; quý, 6 tháng, 9 tháng, năm" / "Theo yêu cầu (hạn 30/06/2026)".
  std::string label() const;
};

struct Regime {
  std::string code;            // unique: "HCM-KTXH"
  std::string family;          // the same report across issuers (002 Đ3.4); empty = `code`
  std::string name;            // 1. tên báo cáo
  std::string content;         // 2. nội dung yêu cầu báo cáo
  Kind kind = Kind::Periodic;
  ReportingUnits reporting;    // 3. đối tượng thực hiện báo cáo
  std::string receiving;       // 4. cơ quan nhận báo cáo (unit code)
  std::vector<SendMethod> send_methods;  // 5. phương thức gửi, nhận báo cáo
  Schedule schedule;           // 6–8. thời hạn gửi, tần suất, thời gian chốt số liệu
  std::vector<form::Section> outline;    // 9. mẫu đề cương báo cáo
  std::vector<form::Form> forms;         // 9. biểu mẫu số liệu
  std::string instructions;    // hướng dẫn thực hiện
  std::string legal_basis;     // văn bản quy định chế độ báo cáo (Art. 11.1)
  bool operator==(const Regime&) const = default;

  std::string familyCode() const { return family.empty() ? code : family; }
  const form::Form* form(std::string_view code) const;
  /// Indicator codes of every form, sorted, without duplicates.
  std::set<std::string> indicatorCodes() const;
};

/// Field checks for saving a draft: code, names and lengths, enum consistency, frequencies
/// (a `also` type must be longer than `frequency`; 002 Đ6), forms (form::validateForm) and
/// sections. A draft may be incomplete. InvalidField / InvalidFormula with details.
core::Status validateDraft(const Regime& r);

/// The components a regime must have to be published (Decree 09/2019 Art. 7, 11.2; 002 Đ5.2):
/// for every kind a name, content, reporting units, receiving unit and sending method; for
/// periodic and statistical regimes a frequency and a legal document; for thematic and ad hoc
/// regimes a frequency or a due date; an outline or at least one form. MissingField, one detail
/// per missing component.
core::Status checkPublishable(const Regime& r);

/// The units of `rule` in force on `on`, sorted by code. Problems (an explicit or `under` code
/// that does not exist, or a unit not in force that day) are listed in `problems` in Vietnamese.
struct Resolution {
  std::vector<const org::OrgUnit*> units;
  std::vector<std::string> problems;
};
Resolution resolveReportingUnits(const ReportingUnits& rule, const std::vector<org::OrgUnit>& tree,
                                 Date on);

/// What the cross-regime rules need to know about one regime.
struct Coverage {
  std::string regime_code;
  std::string regime_name;
  std::string family;
  std::vector<period::PeriodType> frequencies;
  std::string receiving;                 // unit code
  std::set<std::string> units;           // resolved reporting unit codes
  std::set<std::string> indicators;      // indicator codes asked on its forms
};
Coverage coverageOf(const Regime& r, const Resolution& units);

struct Finding {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  /// "duplicate_frequency" (002 Đ3.4, two frequencies), "duplicate_report" (002 Đ3.4, the same
  /// report twice), "shared_indicator" (002 Đ10.4).
  std::string code;
  std::string message;                   // Vietnamese
  std::string other_regime;              // code of the other published regime
  std::vector<std::string> units;        // unit codes concerned (sorted)
  std::string indicator;                 // for shared_indicator
  std::string serving_agency;            // unit code whose data serves both (shared_indicator)
};

/// The responsible agency (unit code) of an indicator in the catalog, or nullopt.
using AgencyOf = std::function<std::optional<std::string>(std::string_view indicator_code)>;
/// Unit code → name, for messages (the code itself when unknown).
using NameOf = std::function<std::string(std::string_view unit_code)>;

/// Checks `candidate` against the published regimes `others` (a regime with the candidate's code
/// is skipped: it is an earlier version of the same regime). Errors first, then warnings; each
/// in the order of `others`, then indicator code.
std::vector<Finding> checkCoverage(const Coverage& candidate, const std::vector<Coverage>& others,
                                   const AgencyOf& agency_of, const NameOf& name_of);

}  // namespace baocao::core::regime
