// Use cases on reports (báo cáo): open, fill in, check, approve, sign, send, accept or return
// one report (issue 5 points 3–6; docs/domain/workflow.md; 000 Đ6; 002 Đ4, Đ8.4, Đ9; 003 Đ7,
// Đ10; 004 Đ7–Đ9).
//
// A report is identified by its obligation key. Its workflow state is the obligation row's
// (ObligationRepository::setState, optimistic version), its working copy, versions, signatures,
// history, comments and attachments live behind ports::ReportRepository. Every decision goes
// through core::workflow (allowedActions / Submission::perform) with the actor's roles resolved
// by scope exactly as "what do I owe" resolves them (app/unit_scope.h), so the screen offers
// what the server accepts.
//
// Cells are addressed as "<form>/<row>.<column>" ("B01/HCM_THU_NS.TH"), narrative sections as
// the outline's code ("I") or "<form>/<section>" for a form's explanatory note ("B01/TM"),
// explanations of warnings as "<form>/<rule>" or "<form>/<rule>@<row>" for a row rule. The
// frozen content of a version holds the entered and the computed values (what the receiver
// reads and the approver signs), the narrative, the explanations (as narrative entries
// "explain:<key>") and the attachments' hashes.
//
// Who may read a report: the reporting unit's roles (data_entry, reviewer, approver, sender;
// a division's roles count for its agency), the receiving unit's roles (aggregator, approver,
// reviewer, viewer, inspector, unit_admin), system administrators. Everyone else: Forbidden.
// Receivers see the content last sent to them, never the unit's working copy.
//
// Thread-safety: stateless beyond Context and the signing setup (set before serving).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/context.h"
#include "app/signing/cms_signer.h"
#include "core/form/evaluation.h"
#include "core/indicator/indicator.h"
#include "core/ports/obligation_repository.h"
#include "core/ports/report_repository.h"
#include "core/regime/regime.h"
#include "core/workflow/submission.h"

namespace baocao::app {

/// The signing keys and trust store of the server (serve --signing-dir, --trust-store).
struct SigningSetup {
  std::optional<signing::Credentials> agency;  // the agency key held by the server
  std::string trust_pem;                       // CA certificates receivers trust (PEM bundle)
};
/// Loads `dir`/agency.p12 (with `password`) when `dir` is given, and the PEM bundle
/// `trust_file` (default `dir`/trust.pem when it exists). Errors: InvalidFile naming the file.
core::Result<SigningSetup> loadSigningSetup(const std::string& dir, const std::string& trust_file,
                                            const std::string& password);

/// A previous report whose values are shown beside the current ones.
struct RelatedPeriod {
  std::string key;
  std::string label;  // "tháng 02/2026"
  int version = 0;    // its latest version
};

/// One validation outcome as the screen shows it.
struct ValidationItem {
  std::string key;    // explanation key: "B01/R2", "B01/R1@HCM_XK"; "section:I" for a section
  std::string form;   // form code ("" for an outline section)
  std::string rule;   // rule code ("" for a section)
  std::string row;
  core::form::Severity severity = core::form::Severity::Error;
  std::string message;
  std::vector<std::string> cells;  // full cell codes
  std::optional<std::string> explanation;
};

struct ReportView {
  core::ports::StoredObligation obligation;
  std::string regime_name, period_label;
  std::string unit_code, unit_name, receiving_code, receiving_name;
  core::regime::Regime regime;  // forms and outline of the regime version in force
  std::map<std::string, core::indicator::ValueType> value_types;  // row code → type
  /// What is shown: the working copy for the reporting unit; for receivers, the content last
  /// sent to them (revision 0, cells without authors).
  core::ports::Draft draft;
  bool working_copy = true;  // false: `draft` is a version's content (receivers)
  std::map<std::string, core::form::ComputedCell> computed;  // full cell code → computed
  std::map<std::string, std::string> previous, last_year;    // full cell code → value
  std::optional<RelatedPeriod> previous_ref, last_year_ref;
  std::vector<ValidationItem> validation;
  std::vector<core::ports::Comment> comments;
  std::vector<core::ports::StoredAttachment> attachments;
  std::vector<core::ports::StoredVersion> versions;
  std::vector<core::workflow::HistoryEntry> history;
  core::workflow::WorkflowConfig config;
  bool delegated_approval = false;
  std::vector<core::workflow::Action> actions;  // what the actor may do now
  bool can_sign = false;         // approver party, awaiting approval, latest version unsigned
  bool agency_key = false;       // the server holds an agency key
  std::string agency_subject;
  std::map<int64_t, std::string> names;  // user id → full name, for every user mentioned

  int errors() const;
  int warnings() const;
  int unexplainedWarnings() const;
};

/// Changes of one save; nullopt = clear the entry.
struct DraftInput {
  std::map<std::string, std::optional<std::string>> values;
  std::map<std::string, std::optional<std::string>> narrative;
  std::map<std::string, std::optional<std::string>> explanations;
};

/// The outcome of a save: either the report after saving, or the conflicts (nothing written).
struct SaveResult {
  std::vector<core::ports::CellConflict> conflicts;
  int64_t revision = 0;                  // the stored revision (with conflicts)
  std::map<int64_t, std::string> names;  // authors of the conflicting changes
  std::optional<ReportView> report;      // set when saved
};

struct SignRequest {
  enum class Method { Agency, Pkcs12 } method = Method::Agency;
  std::string pkcs12_der;
  std::string password;
};

struct VerifyView {
  int version = 0;
  bool signed_ = false;
  bool ok = false;
  bool content_hash_ok = false;
  std::optional<signing::VerifiedSignature> signature;  // when ok
  std::optional<core::workflow::SignatureInfo> info;    // stored info, when signed
  std::string signed_by_name;
  std::string reason;  // Vietnamese, when not ok
};

struct AttachmentFile {
  core::ports::StoredAttachment meta;
  std::string bytes;
};

struct UnitWorkflowView {
  int64_t unit_id = 0;
  core::workflow::WorkflowConfig config;
  bool configured = false;
  int64_t updated_by = 0;
  std::string updated_by_name;
  std::optional<core::Timestamp> updated_at;
};

struct DelegationView {
  core::workflow::Delegation d;
  std::string delegator_name, delegate_name;
  bool active = false;
};

class ReportService {
 public:
  /// Largest attachment accepted (bytes).
  static constexpr size_t kMaxAttachmentBytes = 20u * 1000u * 1000u;

  ReportService(Context& ctx, AuditService& audit) : ctx_(ctx), audit_(audit) {}
  /// Before serving.
  void setSigning(SigningSetup setup) { signing_ = std::move(setup); }
  /// Called after a workflow action is committed (the reminders of a return or an acceptance,
  /// app::NotifyService::onReportTransition). Its failure never undoes the action: it is logged
  /// by the observer. Set before serving.
  using TransitionObserver = std::function<void(const std::string& key, core::workflow::State from,
                                                core::workflow::State to, const Actor& actor)>;
  void setTransitionObserver(TransitionObserver observer) { on_transition_ = std::move(observer); }
  const SigningSetup& signing() const { return signing_; }

  /// Everything the entry screen needs. NotFound (no such obligation), Forbidden.
  core::Result<ReportView> open(const Actor& actor, const std::string& key);

  /// Saves the changed cells, sections and explanations. Edit must be allowed (Forbidden /
  /// InvalidTransition); each value is checked against its row's type and decimals
  /// (InvalidField with one detail per cell, nothing saved); conflicts come back in the result.
  core::Result<SaveResult> save(const Actor& actor, const std::string& key,
                                int64_t base_revision, const DraftInput& input);

  /// A workflow action. Submit freezes a version after validation (InvalidField: errors;
  /// MissingField: warnings without explanation or required sections left empty); Approve needs
  /// the latest version signed. `expected_version` is the obligation version the user saw
  /// (Conflict when someone acted since).
  core::Result<ReportView> act(const Actor& actor, const std::string& key,
                               core::workflow::Action action, const std::string& reason,
                               std::optional<int64_t> expected_version);

  /// Signs the latest version (approver party, awaiting approval).
  core::Result<ReportView> sign(const Actor& actor, const std::string& key, const SignRequest& req);
  /// Attaches a signature made outside (a token, `openssl cms -sign`) to the latest version
  /// `number`: it must verify against the trust store. SignatureInvalid / CertificateUntrusted.
  core::Result<ReportView> importSignature(const Actor& actor, const std::string& key, int number,
                                           const std::string& cms_der);
  core::Result<VerifyView> verify(const Actor& actor, const std::string& key, int number);
  /// The canonical bytes of version `number` (what is signed).
  core::Result<std::string> canonical(const Actor& actor, const std::string& key, int number);
  /// ZIP package of a signed version; `filename` receives a download name.
  core::Result<std::string> package(const Actor& actor, const std::string& key, int number,
                                    std::string* filename);
  core::Result<core::ports::StoredVersion> version(const Actor& actor, const std::string& key,
                                                   int number, std::map<int64_t, std::string>* names);
  core::Result<std::vector<core::workflow::Difference>> compare(const Actor& actor,
                                                                const std::string& key, int from,
                                                                int to);

  core::Result<std::vector<core::ports::Comment>> comments(const Actor& actor,
                                                           const std::string& key,
                                                           std::map<int64_t, std::string>* names);
  core::Result<core::ports::Comment> addComment(const Actor& actor, const std::string& key,
                                                const std::string& cell, const std::string& text);
  core::Result<core::ports::Comment> resolveComment(const Actor& actor, const std::string& key,
                                                    int64_t comment_id);

  core::Result<std::vector<core::ports::StoredAttachment>> attachments(
      const Actor& actor, const std::string& key, std::map<int64_t, std::string>* names);
  /// PDF, DOCX, XLSX, PNG, JPEG only, recognised by their content; at most
  /// kMaxAttachmentBytes. InvalidFileName, UnsupportedMediaType, BodyTooLarge, InvalidFile.
  core::Result<core::ports::StoredAttachment> addAttachment(const Actor& actor,
                                                            const std::string& key,
                                                            const std::string& filename,
                                                            const std::string& bytes);
  core::Result<AttachmentFile> attachment(const Actor& actor, const std::string& key, int64_t id);
  core::Status removeAttachment(const Actor& actor, const std::string& key, int64_t id);

  /// A unit's internal steps (default 2). Read: any role on the unit; write: unit_admin of the
  /// unit or system_admin.
  core::Result<UnitWorkflowView> unitWorkflow(const Actor& actor, int64_t unit_id);
  core::Result<UnitWorkflowView> setUnitWorkflow(const Actor& actor, int64_t unit_id, int steps);
  /// Approval delegations of a unit (000 Đ6). Add: an approver of the unit; revoke: the
  /// delegator, an approver of the unit or a system administrator.
  core::Result<std::vector<DelegationView>> delegations(const Actor& actor, int64_t unit_id);
  core::Result<DelegationView> addDelegation(const Actor& actor, core::workflow::Delegation d);
  core::Result<DelegationView> revokeDelegation(const Actor& actor, int64_t unit_id,
                                                int64_t delegation_id);

  core::Date today() const { return ctx_.clock.now().vietnamDate(); }

 private:
  Context& ctx_;
  AuditService& audit_;
  TransitionObserver on_transition_;
  SigningSetup signing_;
};

}  // namespace baocao::app
