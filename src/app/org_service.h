// Use cases on the organisation tree: browse, search, create, edit, successor links,
// import and export. Every method checks the actor's role and scope first (OrgRead to read;
// OrgWrite on the parent to create under it, on the unit to edit it). Every change is
// recorded in the audit log in the same transaction. Thread-safety: stateless beyond Context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"

namespace baocao::app {

struct OrgDetail {
  core::org::OrgUnit unit;
  std::vector<core::org::OrgUnit> path;  // root ... parent
  struct LinkView {
    core::org::SuccessorLink link;
    core::org::OrgUnit from, to;
  };
  std::vector<LinkView> predecessors;    // links where unit is the successor
  std::vector<LinkView> successors;      // links where unit is the old one
  int64_t child_count = 0;
};

/// A whole file to import: units parent-before-child (parent by code) and links by code.
struct OrgImport {
  struct Row {
    core::org::OrgUnit unit;
    std::string parent_code;
  };
  struct LinkRow {
    std::string from_code, to_code;
    core::org::LinkKind kind = core::org::LinkKind::Merge;
    double share = 1.0;
    core::Date effective;
  };
  std::vector<Row> units;
  std::vector<LinkRow> links;
};

struct ImportReport {
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t links = 0;
};

class OrgService {
 public:
  OrgService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}

  struct Page {
    std::vector<core::org::OrgUnit> items;
    std::vector<int64_t> child_counts;
    int64_t total = 0;
  };
  core::Result<Page> list(const Actor& actor, const core::ports::OrgQuery& q);
  core::Result<OrgDetail> get(const Actor& actor, int64_t id);
  /// Forbidden outside scope; InvalidField/InvalidHierarchy; AlreadyExists (code).
  core::Result<core::org::OrgUnit> create(const Actor& actor, core::org::OrgUnit unit);
  /// `unit.version` must be the version the caller read: Conflict otherwise.
  core::Result<core::org::OrgUnit> update(const Actor& actor, core::org::OrgUnit unit);
  core::Result<core::org::SuccessorLink> addLink(const Actor& actor, core::org::SuccessorLink l);
  core::Status removeLink(const Actor& actor, int64_t link_id);
  /// Code and name of each unit in `ids` that exists (for labels next to ids; no scope check:
  /// the tree's names are public information).
  core::Result<std::vector<core::org::OrgUnit>> unitsByIds(const std::vector<int64_t>& ids);
  /// All-or-nothing upsert by code (new codes created in bulk, known codes updated).
  /// `actor` may be nullptr for the operator's command line (`baocao org import`).
  core::Result<ImportReport> importUnits(const Actor* actor, const OrgImport& file);
  /// Every unit (or the subtree of `root_id`) and the links among them, parent before child.
  core::Result<OrgImport> exportUnits(const Actor* actor, std::optional<int64_t> root_id);

 private:
  core::Status requireWrite(const Actor& actor, std::optional<int64_t> parent_id);
  Context& ctx_;
  AuditService& audit_;
};

}  // namespace baocao::app
