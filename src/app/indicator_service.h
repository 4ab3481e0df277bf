// Use cases on the indicator catalog and indicator sets (issue 4 point 1; 003 Đ9.2a, Đ11):
// browse and search (accents optional), create and edit indicators, import and export the
// whole catalog all-or-nothing, create indicator sets per plan period and level, and publish
// new versions of a set.
//
// Permissions (core::security): reading needs an authenticated actor (the catalog is public
// information); writing an indicator needs IndicatorWrite on its responsible agency (system
// administrators for an indicator without agency; both the old and the new agency when it
// moves); sets need IndicatorWrite on the plan owner (system administrators when none).
// `actor` nullptr is the operator (command line, demo seed). Every change is recorded in the
// audit log in the same transaction: "indicator.create", "indicator.update",
// "indicator.import", "indicator_set.create", "indicator_set.publish".
// A formula must parse (core::expr::Formula) and reference indicators of the catalog (or of
// the same import file); it is stored as the text given.
// Thread-safety: stateless beyond Context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"
#include "core/indicator/indicator.h"

namespace baocao::app {

/// One row of a catalog file: the indicator and its agency and weight by code.
struct IndicatorImportRow {
  core::indicator::Indicator indicator;  // id, agency_id and version are ignored
  std::string agency_code;               // empty = no responsible agency
  size_t line = 0;                       // file line/row for error messages; 0 = by position
};

struct IndicatorImportReport {
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
};

class IndicatorService {
 public:
  IndicatorService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}

  struct Page {
    std::vector<core::indicator::Indicator> items;
    int64_t total = 0;
  };
  core::Result<Page> list(const Actor& actor, const core::ports::IndicatorQuery& q);
  /// Narrows a listing to the members of the latest published version of one set, or of the
  /// sets of one level (cấp tỉnh / cấp xã / sở, ngành): the catalog itself has no level.
  struct Membership {
    std::optional<int64_t> set_id;
    std::optional<core::indicator::SetLevel> level;
  };
  /// As list(q), filtered by `m` (NotFound for an unknown set), paged after filtering.
  core::Result<Page> list(const Actor& actor, const core::ports::IndicatorQuery& q, const Membership& m);
  /// The sectors (lĩnh vực) used in the catalog, in byte order of the name, with how many
  /// indicators each has; "" for indicators without a sector.
  core::Result<std::vector<std::pair<std::string, int64_t>>> sectors(const Actor& actor);
  core::Result<core::indicator::Indicator> get(const Actor& actor, int64_t id);
  core::Result<core::indicator::Indicator> getByCode(const Actor& actor, const std::string& code);
  /// InvalidField (names the field; unknown agency or weight indicator); Forbidden;
  /// AlreadyExists (code).
  core::Result<core::indicator::Indicator> create(const Actor* actor, core::indicator::Indicator ind);
  /// `ind.version` must be the version the caller read: Conflict otherwise.
  core::Result<core::indicator::Indicator> update(const Actor* actor, core::indicator::Indicator ind);

  /// All-or-nothing upsert by code. Errors (InvalidFile) list up to 100 rows ("dòng 3": …),
  /// named by IndicatorImportRow::line or, when 0, by position (rows[0] is `first_line`).
  core::Result<IndicatorImportReport> importCatalog(const Actor* actor,
                                                    const std::vector<IndicatorImportRow>& rows,
                                                    size_t first_line = 2);
  /// The catalog (or the part matching `q`, all pages), ordered by code, agencies by code.
  core::Result<std::vector<IndicatorImportRow>> exportCatalog(const Actor* actor,
                                                              core::ports::IndicatorQuery q);

  // ---- sets ----
  core::Result<std::vector<core::indicator::IndicatorSet>> listSets(
      const Actor& actor, const std::optional<std::string>& period_id,
      const std::optional<core::indicator::SetLevel>& level);
  struct SetDetail {
    core::indicator::IndicatorSet set;
    std::vector<core::indicator::SetVersion> versions;  // without members
  };
  core::Result<SetDetail> getSet(const Actor& actor, int64_t id);
  /// Version `number` of the set with its members; 0 = the latest. NotFound when none.
  core::Result<core::indicator::SetVersion> getVersion(const Actor& actor, int64_t set_id, int number);
  /// InvalidField; InvalidPeriod; Forbidden; AlreadyExists (code).
  core::Result<core::indicator::IndicatorSet> createSet(const Actor* actor,
                                                        core::indicator::IndicatorSet s);
  /// One member of a version to publish: the indicator by code and its heading.
  struct MemberSpec {
    std::string code;
    std::string group;
  };
  /// Publishes version expected_latest+1 with these members (in this order), snapshotting
  /// each indicator's code, name, unit and version. Conflict when another version was
  /// published since `expected_latest`; InvalidField naming members[i] for an unknown code.
  core::Result<core::indicator::SetVersion> publish(const Actor* actor, int64_t set_id,
                                                    int expected_latest,
                                                    const std::vector<MemberSpec>& members,
                                                    const std::string& note);

 private:
  core::Status requireWrite(const Actor* actor, std::optional<int64_t> unit_id, const char* what);
  /// Checks the references of `ind` (agency exists, weight indicator exists) in `tx`.
  core::Status checkRefs(core::ports::Tx& tx, const core::indicator::Indicator& ind);
  Context& ctx_;
  AuditService& audit_;
};

}  // namespace baocao::app
