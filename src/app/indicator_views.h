// JSON views of indicators, indicator sets, targets and results, shared by the audit log
// (before/after snapshots) and the HTTP DTOs (docs/api.md "Indicators and targets"), so that
// what the log records is what the API shows. Numbers are JSON numbers (shortest form that
// reads back to the same double: 8.03 stays 8.03). Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "core/indicator/indicator.h"
#include "core/target/target.h"

namespace baocao::app::views {

nlohmann::json indicator(const core::indicator::Indicator& i);
nlohmann::json breakdowns(const std::vector<core::indicator::Breakdown>& b);
nlohmann::json indicatorSet(const core::indicator::IndicatorSet& s);
/// Without members when `with_members` is false (lists of versions).
nlohmann::json setVersion(const core::indicator::SetVersion& v, bool with_members = true);
nlohmann::json target(const core::target::Target& t);
nlohmann::json targetChange(const core::target::TargetChange& c);
nlohmann::json actual(const core::target::Actual& a);
nlohmann::json achievement(const core::target::Achievement& a);

}  // namespace baocao::app::views
