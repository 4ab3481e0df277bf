// Use cases on report regimes and their forms (docs/domain/regimes.md; issue 4 points 4–6):
//  - the operator creates a regime as a draft, edits it (optimistic version: a stale edit is a
//    Conflict), designs its forms, publishes it and retires it. Publishing freezes the version;
//    editing a published regime starts a new draft version while the published one stays in
//    force until the draft is published in turn (the old one is then "superseded").
//  - publishing checks the Decree 09/2019 Art. 7 components (core::regime::checkPublishable)
//    and the cross-regime rules against every other published regime (core::regime::
//    checkCoverage): a unit asked to report one regime family twice or at two frequencies is
//    refused (DuplicateReporting, 002 Đ3.4); an indicator asked of the same unit by two
//    regimes is returned as a warning naming the agency whose data serves both (002 Đ10.4).
//  - the published catalog of periodic reports (002 Đ11–Đ12) is public: no actor.
// Writing needs Action::RegimeWrite (system administrators); `actor` nullptr is the operator on
// the command line or the demo seed. Every change is audited in its transaction ("regime.create",
// "regime.update", "regime.form_put", "regime.publish", "regime.retire").
// Reading needs an authenticated user (checked by the HTTP layer).
// Thread-safety: stateless beyond Context; every method may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"
#include "core/form/form.h"
#include "core/ports/regime_repository.h"
#include "core/regime/regime.h"

namespace baocao::app {

/// A regime with one of its versions, parsed.
struct RegimeView {
  core::ports::StoredRegime head;
  core::ports::StoredRegimeVersion version;  // body cleared (it is `regime`)
  core::regime::Regime regime;
  std::vector<core::regime::Finding> warnings;  // publish: the 002 Đ10.4 findings
};

/// One line of the published catalog of periodic reports (002 Đ12.1: name, reporting units,
/// receiving unit, frequency, legal document).
struct CatalogEntry {
  int64_t regime_id = 0;
  int version = 0;
  std::string code;
  std::string name;
  core::regime::Kind kind = core::regime::Kind::Periodic;
  std::string reporting;        // description, or one generated from the rules
  int64_t reporting_count = 0;  // units resolved today
  std::string receiving_code;
  std::string receiving;        // unit name
  std::string frequency;        // Schedule::label()
  std::string legal_basis;
  std::string send_methods;     // "Hệ thống thông tin báo cáo; Thư điện tử công vụ"
  std::optional<core::Timestamp> published_at;
};

class RegimeService {
 public:
  RegimeService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}

  core::Result<std::vector<core::ports::StoredRegime>> list(core::ports::RegimeQuery q);
  /// The latest version when `version` is nullopt. NotFound.
  core::Result<RegimeView> get(int64_t id, std::optional<int> version = std::nullopt);
  core::Result<RegimeView> getByCode(const std::string& code);
  core::Result<std::vector<core::ports::StoredRegimeVersion>> versions(int64_t id);

  /// Validates (core::regime::validateDraft, unit codes exist) and stores version 1 as a draft.
  core::Result<RegimeView> create(const Actor* actor, core::regime::Regime r);
  /// Replaces the draft (or starts a new draft version when the latest is published or retired).
  /// Conflict when `expected_version` is not the stored head version.
  core::Result<RegimeView> saveDraft(const Actor* actor, int64_t id, int64_t expected_version,
                                     core::regime::Regime r);
  /// Adds or replaces (by code) one form of the draft, like saveDraft.
  core::Result<RegimeView> putForm(const Actor* actor, int64_t id, int64_t expected_version,
                                   core::form::Form f);
  /// Publishes the latest version (a draft). MissingField (Art. 7), DuplicateReporting (002
  /// Đ3.4), InvalidTransition when there is no draft, Conflict. Warnings in the answer.
  core::Result<RegimeView> publish(const Actor* actor, int64_t id, int64_t expected_version);
  /// Retires the published version. InvalidTransition when nothing is published.
  core::Result<RegimeView> retire(const Actor* actor, int64_t id, int64_t expected_version);

  /// The findings of publishing the latest version now (errors and warnings), without writing.
  core::Result<std::vector<core::regime::Finding>> conflicts(int64_t id);
  /// The units that report the latest version on `on`, with the resolution problems.
  struct Units {
    std::vector<core::org::OrgUnit> units;
    std::vector<std::string> problems;
  };
  core::Result<Units> reportingUnits(int64_t id, core::Date on);

  /// Published periodic (and statistical when `with_statistical`) regimes, by name. Public.
  core::Result<std::vector<CatalogEntry>> catalog(bool with_statistical = false);

  /// Today in Vietnam by the service's clock.
  core::Date today() const { return ctx_.clock.now().vietnamDate(); }
  /// Unit code → name for a set of codes (unknown codes map to themselves).
  core::Result<std::map<std::string, std::string>> unitNames(const std::vector<std::string>& codes);

 private:
  core::Status requireWrite(const Actor* actor);
  core::Status checkUnits(core::ports::Tx& tx, const core::regime::Regime& r);
  core::Result<std::vector<core::regime::Finding>> findings(core::ports::Tx& tx,
                                                            const core::regime::Regime& r,
                                                            std::vector<std::string>* problems);
  core::Result<RegimeView> store(const Actor* actor, int64_t id, int64_t expected_version,
                                 core::regime::Regime r, const std::string& action);
  Context& ctx_;
  AuditService& audit_;
};

}  // namespace baocao::app
