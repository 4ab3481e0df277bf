// Consolidation use cases (issue 5 point 7; 002 Đ8.1b; docs/domain/workflow.md
// "Consolidation"): what a receiving unit sees of the accepted reports of its units for one
// regime and period — aggregates under each indicator's rule, completeness, drill-down — and
// pulling those figures into its own report for the same regime and period, to send upward
// (commune → province; division → agency → province).
//
// Who may consolidate: the receiving unit's receiving roles (aggregator, approver, reviewer,
// viewer, unit_admin, inspector; app/unit_scope.h), its reporting roles (data_entry, reviewer,
// approver, sender: they prepare its report upward from these figures), or a system
// administrator; anyone else is Forbidden. Pulling also goes
// through ReportService::save (edit rights on the receiver's own report, its state, the base
// revision: 409 on a concurrent change, audited as a save), only up to its own deadline.
// Thread-safety: stateless beyond Context.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "app/report_service.h"
#include "core/consolidation/consolidation.h"
#include "core/form/form.h"
#include "core/ports/obligation_repository.h"

namespace baocao::app {

struct ConsolidatedForm {
  core::form::Form form;
  core::consolidation::Consolidation result;
};

struct ConsolidationView {
  int64_t unit_id = 0;  // the receiving unit
  std::string unit_code, unit_name;
  std::string regime_code, regime_name;
  std::string period_id, period_label;
  /// The obligations of the units reporting to it (one per unit), by unit code.
  std::vector<core::ports::StoredObligation> obligations;
  std::map<int64_t, std::pair<std::string, std::string>> units;  // id → (code, name)
  std::vector<ConsolidatedForm> forms;
  /// The receiving unit's own report for the same regime and period, if it owes one.
  std::optional<core::ports::StoredObligation> own;
  /// Why pulling into `own` is not possible now (Vietnamese), empty when it is.
  std::string pull_blocked;
};

class ConsolidationService {
 public:
  ConsolidationService(Context& ctx, ReportService& reports) : ctx_(ctx), reports_(reports) {}

  /// Errors: InvalidField (no regime or period), NotFound (no unit reports this regime and
  /// period to `unit_id`), Forbidden (no receiving role on the unit).
  core::Result<ConsolidationView> consolidate(const Actor& actor, int64_t unit_id,
                                              const std::string& regime_code,
                                              const std::string& period_id);

  /// Fills the input cells of report `key` (the receiver's own obligation) with the aggregates
  /// of its units' accepted reports. InvalidField (a report that does not consolidate anything:
  /// no unit reports to its unit for its regime and period), DeadlinePassed (after its
  /// deadline), plus those of consolidate() and ReportService::save (conflicts in the result).
  core::Result<SaveResult> pull(const Actor& actor, const std::string& key, int64_t base_revision);

 private:
  Context& ctx_;
  ReportService& reports_;
};

}  // namespace baocao::app
