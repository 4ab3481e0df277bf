// Demo reports for `make run` (issue 5 point 10: "demo data holds reports in every state so a
// newcomer sees a living system"). Sở Tài chính (79.STC) sends the city's socio-economic report
// (HCM-KTXH, level 1) to the UBND Thành phố (79) every period; the demo plays its history
// through the ReportService use cases as the demo people would have, on the days they would
// have, relative to the real current date:
//   - the regimes are published about 13 months ago, so last year's same periods exist and the
//     "cùng kỳ năm trước" and "kỳ trước" columns have values;
//   - Sở Tài chính works with 3 internal steps (set by qt.stc through the unit workflow use
//     case): cv.stc enters, tp.stc checks, ld.stc approves and signs with the agency key,
//     vt.stc (văn thư) sends, th.vp (Văn phòng UBND) accepts or returns;
//   - periods whose data window is still open are drafts with some values entered; among the
//     closed ones, newest first: chờ duyệt (with a comment on a value), đã tiếp nhận (last
//     period), đã gửi, đã duyệt chờ gửi, bị trả lại (with the reason; the officer is fixing
//     it), đề nghị đính chính (asked before the amendment deadline, 002 Đ9.3, which has passed
//     since: the receiver may only reject it), chờ kiểm tra; every older one đã tiếp nhận.
// Figures follow data/indicators/hcmc-figures.csv (the latest actual year of each indicator,
// grown 9% a year, spread over the months with a seasonal profile); a year-end budget revenue
// above 120% of the plan raises the form's warning, which the officer explains.
// The use cases run on their own clock (DemoClock) over the runtime's store, so history,
// deadlines and compliance read as they would have happened; signatures carry the real
// signing time (the demo CA is created just before).
// Thread-safety: call once, before serving.
#pragma once

#include <map>
#include <string>

#include "server/demo.h"
#include "server/runtime.h"

namespace baocao::server {

struct DemoReportsSummary {
  std::map<std::string, int> states;  // state id → reports of Sở Tài chính in that state
  int obligations = 0;                // obligations created
  bool signed_ = false;               // false: no agency key, the states after approval skipped
};

/// Publishes the regimes of `data_dir` back in time, creates the obligations due today and
/// plays the reports of Sở Tài chính. Needs the organisation tree, the demo accounts and the
/// indicators (seedDemo does them first). The agency key: `options.signing_dir`/agency.p12,
/// else `data_dir`/demo-ca/agency.p12 (scripts/demo-ca.sh); without one, the reports stop
/// before approval and a line says so.
core::Result<DemoReportsSummary> seedDemoReports(Runtime& rt, const std::string& data_dir,
                                                 const DemoOptions& options);

}  // namespace baocao::server
