// Canonical content of a report: the exact byte string the approver signs and the receiver
// verifies (issue 5 point 6; docs/domain/workflow.md "Canonical content").
//
// Format "BAOCAO-CANONICAL 1": UTF-8 text, one record per line, fields separated by TAB, every
// line ending in LF (no CR anywhere), no BOM. Inside a field, '\' TAB LF CR are written as
// "\\" "\t" "\n" "\r", so a field never contains a separator. Records, in this order:
//   BAOCAO-CANONICAL 1
//   obligation <key>            regime <code>        period <id>         unit <decimal id>
//   value <cell code> <value>                          (sorted by cell code, bytewise)
//   narrative <section code> <text>                   (sorted by section code; CRLF and lone CR
//                                                       in the text become LF first, because
//                                                       browsers submit textareas with CRLF)
//   attachment <sha256 hex> <size> <media type> <name>  (sorted by name, then hash)
//   end <number of value, narrative and attachment records>
// Values are signed exactly as stored (the storage contract: decimal with '.', no grouping);
// text is not Unicode-normalised, so the stored bytes are the signed bytes.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/workflow/submission.h"

namespace baocao::app::signing {

/// The canonical bytes of `content`. Errors: InvalidUtf8 (a field that is not UTF-8, named in
/// the message), InvalidField (an attachment hash that is not 64 lower-case hex digits, or two
/// attachments with the same name).
core::Result<std::string> canonicalContent(const core::workflow::ReportContent& content);

/// Lower-case hex SHA-256 of `bytes`: the version hash kept by core::workflow::Submission.
std::string sha256Hex(std::string_view bytes);

}  // namespace baocao::app::signing
