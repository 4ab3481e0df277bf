// Detached CMS (PKCS#7) signatures of a report's canonical content, with OpenSSL 3
// (issue 5 point 6; Decree 130/2018 and 23/2025 on digital signatures; 002 Đ4.2, Đ5.5;
// 004 Đ9.1; reference/cpp-stack.md §6.1).
//
// Signing uses CMS_DETACHED | CMS_BINARY (no MIME canonicalisation: the bytes signed are the
// bytes stored), SHA-256, and includes the signer's certificate and chain, so that
//   openssl cms -verify -binary -inform DER -in report.p7s -content report.bin
//     -CAfile ca.crt -purpose any        (one command line)
// accepts the result. Verification trusts only the operator's trust store (a PEM bundle) and
// accepts any certificate purpose (document-signing certificates often carry codeSigning or no
// extended key usage rather than emailProtection): X509_STORE_set_purpose(X509_PURPOSE_ANY).
//
// Thread-safety: Credentials is immutable after loading and may be shared for concurrent
// signing; the free functions are thread-safe. Loading a legacy PKCS#12 (RC2/3DES, as older
// token software exports) loads OpenSSL's "legacy" provider once, process-wide.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::app::signing {

/// A signer's certificate, private key and chain.
class Credentials {
 public:
  /// From a PKCS#12 file (.p12/.pfx) and its password. Errors: InvalidFile ("sai mật khẩu hoặc
  /// tệp hỏng", no key or no certificate inside, key not matching the certificate).
  static core::Result<Credentials> fromPkcs12(std::string_view der, std::string_view password);
  /// From a PEM certificate and PEM private key (optionally encrypted with `key_password`),
  /// plus optional PEM intermediate certificates. Errors: InvalidFile.
  static core::Result<Credentials> fromPem(std::string_view certificate_pem,
                                           std::string_view private_key_pem,
                                           std::string_view key_password = {},
                                           std::string_view chain_pem = {});

  Credentials(Credentials&&) noexcept;
  Credentials& operator=(Credentials&&) noexcept;
  ~Credentials();

  /// RFC 2253 subject, UTF-8 unescaped: "CN=Nguyễn Văn An,title=Giám đốc,O=...".
  std::string subject() const;
  std::string certificatePem() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit Credentials(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct SignOptions {
  /// Refuse a certificate not valid at this instant; unset = OpenSSL's current time.
  std::optional<core::Timestamp> at;
};

/// DER CMS SignedData over `content`, detached. Errors: CertificateUntrusted (the certificate
/// is expired or not yet valid at `at`), Internal (OpenSSL failure).
core::Result<std::string> signDetached(std::string_view content, const Credentials& signer,
                                       const SignOptions& options = {});

/// What a valid signature tells.
struct VerifiedSignature {
  std::string signer_subject;      // RFC 2253, UTF-8
  std::string signer_common_name;  // CN, UTF-8 ("Sở Tài chính TP. Hồ Chí Minh")
  std::string issuer_subject;
  std::string serial_hex;                       // upper-case hex
  std::optional<core::Timestamp> signing_time;  // the signingTime signed attribute
  core::Timestamp not_after;                    // the certificate's end of validity
  int signer_count = 1;
};

struct VerifyOptions {
  /// Check the certificate chain at this instant (e.g. the signing time, for an archived
  /// report whose certificate has since expired); unset = OpenSSL's current time.
  std::optional<core::Timestamp> at;
};

/// Verifies a detached DER CMS signature of `content` against a trust store given as a PEM
/// bundle of CA certificates. Errors:
///   SignatureInvalid "… nội dung đã bị thay đổi sau khi ký" — the content does not match;
///   SignatureInvalid — not a detached CMS SignedData, or no signer certificate inside;
///   CertificateUntrusted "Chứng thư không được tin cậy: <why>" — the chain does not end in the
///     trust store, or a certificate is expired / not yet valid;
///   InvalidFile — the trust store holds no certificate.
core::Result<VerifiedSignature> verifyDetached(std::string_view content, std::string_view cms_der,
                                               std::string_view trust_store_pem,
                                               const VerifyOptions& options = {});

/// PEM ("-----BEGIN CMS-----") form of a DER CMS, for display or e-mail. Errors: SignatureInvalid.
core::Result<std::string> cmsDerToPem(std::string_view cms_der);

}  // namespace baocao::app::signing
