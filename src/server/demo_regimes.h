// Demo report regimes for `make run` (issue 4 point 7): data/regimes/demo-regimes.json holds
// real regimes from the seeds — the socio-economic situation report of the HCMC periodic
// reporting regime (monthly, with quarterly, 6-month, 9-month and yearly reports; 002 Đ6–Đ8,
// Đ10.1), the provincial statistical indicator report (Decision 05/2023/QĐ-TTg; calendar
// periods) and the report on the use of the system itself (000 Đ9.2) — each with its forms,
// plus a weekly draft of the same family as the socio-economic report, which the Đ3.4 rule
// refuses to publish. Called by seedDemo() after the indicators. Thread-safety: call once.
#pragma once

#include <string>

#include "server/runtime.h"

namespace baocao::server {

/// Creates every regime of `data_dir`/regimes/demo-regimes.json and publishes those marked
/// "publish": true, as the operator (no actor).
core::Status seedDemoRegimes(Runtime& rt, const std::string& data_dir);
/// The same through a given RegimeService (demo_reports.h publishes on its own clock).
core::Status seedDemoRegimes(app::RegimeService& regimes, const std::string& data_dir);

}  // namespace baocao::server
