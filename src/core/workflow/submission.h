// Submission: one report of one obligation as it moves through the workflow, with numbered
// immutable versions (content hash per version), the signature attached to a version, and the
// history of transitions (who, when, why). Also the report content value and the comparison of
// two versions side by side (issue 5 point 4: "every version is kept").
//
// The content hash is computed outside the core (app/signing: SHA-256 of the canonical
// content) and passed in as lower-case hex; the core only keeps and compares it.
// Thread-safety: value types; a Submission needs external synchronisation when shared.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/workflow/workflow.h"

namespace baocao::core::workflow {

/// A file attached to a report: only its identity and hash enter the signed content.
struct Attachment {
  std::string name;        // as uploaded, UTF-8
  std::string media_type;  // "application/pdf", ...
  uint64_t size = 0;       // bytes
  std::string sha256;      // lower-case hex of the file's bytes
  bool operator==(const Attachment&) const = default;
};

/// What a report says: the values of its cells, its narrative sections, its attachments, and
/// the identity of the obligation it answers. app/signing/canonical.h turns it into bytes.
struct ReportContent {
  std::string obligation_key;  // Obligation::key
  std::string regime_code;
  std::string period_id;  // Period::id(), empty for an ad hoc request without a period
  int64_t unit_id = 0;    // the reporting unit
  /// Cell code (e.g. "B01/GRDP/total") → value as stored: a decimal with '.' and no grouping
  /// ("1234.5"), or text. An absent key is a blank cell; "" is not stored.
  std::map<std::string, std::string> values;
  /// Narrative section code (e.g. "1.2") → text (UTF-8, LF line ends).
  std::map<std::string, std::string> narrative;
  std::vector<Attachment> attachments;
  bool operator==(const ReportContent&) const = default;
};

/// One difference between two versions, for the side-by-side view.
struct Difference {
  enum class Kind { Value, Narrative, Attachment };
  Kind kind = Kind::Value;
  std::string key;                    // cell code, section code, or attachment name
  std::optional<std::string> before;  // unset: absent in the older version
  std::optional<std::string> after;   // unset: absent in the newer version
  bool operator==(const Difference&) const = default;
};
/// Every cell, section and attachment (by name; compared by hash) that differs, ordered by kind
/// then key. Equal contents give an empty list.
std::vector<Difference> compareContents(const ReportContent& older, const ReportContent& newer);

/// A signature attached to a version (the CMS bytes are stored by the storage layer).
struct SignatureInfo {
  std::string signer_subject;  // RFC 2253, UTF-8, from the verified certificate
  Timestamp signed_at;         // the CMS signingTime
  int64_t signed_by_user_id = 0;
  std::string signature_ref;  // storage id of the DER CMS
};

struct SubmissionVersion {
  int number = 0;            // 1, 2, 3... never reused
  std::string content_hash;  // SHA-256 hex of the canonical content
  Timestamp created_at;
  int64_t created_by_user_id = 0;
  std::string note;  // why: "Trình lần đầu", "Sửa theo yêu cầu trả lại"...
  std::optional<SignatureInfo> signature;  // set once, never changed
};

struct HistoryEntry {
  Action action = Action::Edit;
  State from = State::Draft;
  State to = State::Draft;
  int64_t actor_user_id = 0;
  Timestamp at;
  std::string reason;
  int version = 0;  // the latest version number when the action was taken (0: none yet)
};

class Submission {
 public:
  explicit Submission(std::string obligation_key) : obligation_key_(std::move(obligation_key)) {}
  /// Rebuilds a stored submission (ports::ReportRepository): `state` is the obligation row's,
  /// versions oldest first (numbers 1..n), history oldest first; the sending times are read
  /// back from the history (actions whose `to` is Sent).
  static Submission restore(std::string obligation_key, State state,
                            std::vector<SubmissionVersion> versions,
                            std::vector<HistoryEntry> history);

  const std::string& obligationKey() const { return obligation_key_; }
  State state() const { return state_; }
  const std::vector<SubmissionVersion>& versions() const { return versions_; }
  const std::vector<HistoryEntry>& history() const { return history_; }
  /// The first time the report was sent to the receiver (compliance counts this one, see
  /// docs/domain/workflow.md), and the latest.
  std::optional<Timestamp> firstSentAt() const { return first_sent_at_; }
  std::optional<Timestamp> lastSentAt() const { return last_sent_at_; }
  /// The latest version, if any.
  const SubmissionVersion* latest() const;
  /// Version `number`; NotFound when there is none.
  Result<SubmissionVersion> version(int number) const;

  /// Freezes the current content as a new version and returns its number. If the content hash
  /// equals the latest version's, no version is added and the latest number is returned (saving
  /// twice never duplicates). Errors: InvalidField (a hash that is not 64 lower-case hex digits),
  /// InvalidTransition (the report is not in Draft or Returned: content is frozen while it is
  /// being checked, approved, sent or accepted).
  Result<int> freezeVersion(std::string content_hash, int64_t by_user_id, Timestamp at,
                            std::string note);

  /// Attaches the approver's signature to version `number`. Errors: NotFound, InvalidTransition
  /// (not the latest version, or already signed: a version's signature never changes).
  Status attachSignature(int number, SignatureInfo signature);

  /// Applies `action` (workflow::apply with this submission's state) and records it. Beyond
  /// apply(): Submit needs a frozen version; Approve needs the latest version signed when
  /// `signature_required` (002 Đ4.2, Đ5.5). On success returns the new state.
  Result<State> perform(const Situation& situation, Action action, std::string_view reason,
                        Timestamp at, bool signature_required = true);

 private:
  std::string obligation_key_;
  State state_ = State::Draft;
  std::vector<SubmissionVersion> versions_;
  std::vector<HistoryEntry> history_;
  std::optional<Timestamp> first_sent_at_;
  std::optional<Timestamp> last_sent_at_;
};

}  // namespace baocao::core::workflow
