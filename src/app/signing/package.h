// Signed-report package: what a receiver (or an inspector, years later) downloads to check a
// signature without baocao (issue 5 point 6). Four files:
//   report.bin   the canonical content (app/signing/canonical.h), exactly the signed bytes
//   report.p7s   the detached CMS signature, DER
//   ca.crt       the CA certificate(s) of the trust store, PEM
//   README.txt   what the files are and the command that checks them:
//     openssl cms -verify -binary -inform DER -in report.p7s -content report.bin
//       -CAfile ca.crt -purpose any -out /dev/null        (one command line)
// As a ZIP (stored, no compression, UTF-8 names, fixed 1980-01-01 timestamps, so the same inputs
// give the same bytes) for download, or written to a directory.
// Thread-safety: pure functions, except writePackageDirectory which writes files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace baocao::app::signing {

struct PackageFile {
  std::string name;
  std::string bytes;
};

struct SignedPackage {
  std::vector<PackageFile> files;  // in the order above
};

inline constexpr std::string_view kContentFile = "report.bin";
inline constexpr std::string_view kSignatureFile = "report.p7s";
inline constexpr std::string_view kCaFile = "ca.crt";

/// `title` (e.g. "Báo cáo KT-XH tháng 03/2026 — Sở Tài chính") goes into README.txt.
SignedPackage buildPackage(std::string_view content, std::string_view cms_der,
                           std::string_view ca_pem, std::string_view title);

/// The package as a ZIP archive. Errors: InvalidField when a file exceeds 4 GiB (no ZIP64).
core::Result<std::string> zipPackage(const SignedPackage& package);

/// Writes the files into `dir` (created if needed). Errors: StorageError naming the path.
core::Status writePackageDirectory(const SignedPackage& package, const std::string& dir);

}  // namespace baocao::app::signing
