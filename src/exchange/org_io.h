// Import/export of the organisation tree as JSON, CSV and XLSX files (issue 2 point 4).
//
// The three formats carry the same content: units (code, Vietnamese name, type, parent code,
// validity dates) and successor links (merge / split / rename with a share and the day the
// successor took over). JSON ("baocao-org/1") carries links in a "links" array; CSV and XLSX
// carry units one per row and the links of a unit in its column `ke_thua`
// ("79:merge:1:2025-07-01;…"). The layouts are documented in docs/data-sources.md.
//
// Reading is all-or-nothing: any error fails the whole read, and the Error (code InvalidFile)
// lists up to 100 problems in `details`, each naming the place in Vietnamese ("dòng 12" /
// "C5" / "units[3].code"). Parent codes and link endpoints are NOT resolved against the
// database here: a code that is not in the file is left to the caller. Units come back
// ordered parent before child (a stable reordering when the file lists a child first).
//
// Thread-safety: pure functions over their arguments; safe to call from several threads.
// (The XLSX writer uses a private temporary file per call.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"
#include "core/org/org_unit.h"

namespace baocao::exchange {

/// One unit of a file. unit.id / unit.parent_id / unit.level / unit.version are not used:
/// the tree is expressed by codes.
struct OrgRow {
  core::org::OrgUnit unit;
  std::string parent_code;  // empty = no parent in the file (a root, or resolved by the caller)
};

/// A predecessor -> successor link expressed by codes.
struct OrgLinkRow {
  std::string from_code, to_code;
  core::org::LinkKind kind = core::org::LinkKind::Merge;
  double share = 1.0;
  core::Date effective;
};

struct OrgFile {
  std::vector<OrgRow> units;
  std::vector<OrgLinkRow> links;
};

enum class OrgFormat { Json, Csv, Xlsx };

/// "json", "csv", "xlsx" (any case, with or without a dot) or a file name ending in one of them.
core::Result<OrgFormat> orgFormatFromName(std::string_view name_or_ext);
std::string_view orgFormatExtension(OrgFormat f);   // "json", "csv", "xlsx"
std::string_view orgFormatMimeType(OrgFormat f);

core::Result<OrgFile> readOrgFile(OrgFormat f, std::string_view bytes);

/// JSON: UTF-8, one unit / link per line. CSV: UTF-8 with BOM, CRLF, comma-separated.
/// XLSX: one sheet "don_vi" with a bold, frozen header row and text-formatted cells.
/// Fails (InvalidField) when a link starts at a unit that is not in the file and the format
/// is CSV/XLSX (links live on the row of their old unit), or when a name is not UTF-8.
core::Result<std::string> writeOrgFile(OrgFormat f, const OrgFile& file);

}  // namespace baocao::exchange
