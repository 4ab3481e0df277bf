// Demo indicators for `make run` (issue 4 point 1): the provincial statistical indicators of
// Decision 05/2023/QĐ-TTg that were captured (data/indicators/qd05-2023-tinh.csv), Ho Chi Minh
// City's key socio-economic indicators (hcmc-key-indicators.csv) with their real 2024/2025
// results and 2026 targets (hcmc-figures.csv), and the indicator sets of 2026 (docs/data-sources.md
// "Indicators"). Called by seedDemo() on an empty database, after the organisation tree and the
// demo accounts. Thread-safety: call once.
#pragma once

#include <string>

#include "server/runtime.h"

namespace baocao::server {

/// Imports the catalogs, records results, registers and assigns the 2026 targets of the city
/// and publishes the sets. `data_dir` holds indicators/*.csv.
core::Status seedDemoIndicators(Runtime& rt, const std::string& data_dir);

}  // namespace baocao::server
