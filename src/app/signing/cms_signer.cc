#include "app/signing/cms_signer.h"

// pem.h must come before cms.h, otherwise PEM_write_bio_CMS is undeclared (cpp-stack.md §6.1).
// clang-format off
#include <openssl/pem.h>
#include <openssl/cms.h>
// clang-format on
#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <mutex>

namespace baocao::app::signing {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Timestamp;

namespace {

struct BioFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct KeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct StoreFree {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct StackFree {
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
struct P12Free {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;
using StorePtr = std::unique_ptr<X509_STORE, StoreFree>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, StoreCtxFree>;
using StackPtr = std::unique_ptr<STACK_OF(X509), StackFree>;
using P12Ptr = std::unique_ptr<PKCS12, P12Free>;

BioPtr memIn(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string bioString(BIO* b) {
  char* data = nullptr;
  long n = BIO_get_mem_data(b, &data);
  return std::string(data, n > 0 ? static_cast<size_t>(n) : 0);
}

// The OpenSSL error queue, for logs; cleared so the next call starts clean.
std::string drainErrors() {
  std::string out;
  unsigned long e;
  const char* data = nullptr;
  int flags = 0;
  while ((e = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
    if (data && (flags & ERR_TXT_STRING)) out += std::string(" (") + data + ")";
  }
  return out;
}

std::string nameText(const X509_NAME* name) {
  BioPtr b(BIO_new(BIO_s_mem()));
  // RFC 2253 without escaping multibyte characters: Vietnamese stays readable UTF-8.
  X509_NAME_print_ex(b.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return bioString(b.get());
}

std::string commonName(const X509_NAME* name) {
  int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (idx < 0) return {};
  ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, s);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::optional<Timestamp> asnTime(const ASN1_TIME* t) {
  struct tm tm {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return Timestamp::fromSeconds(static_cast<int64_t>(timegm(&tm)));
}

std::string certPem(X509* cert) {
  BioPtr b(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(b.get(), cert);
  return bioString(b.get());
}

// Vietnamese reason for an X.509 verification error.
std::string verifyReason(int err) {
  switch (err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "chứng thư đã hết hạn";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "chứng thư chưa có hiệu lực";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      return "tổ chức cấp chứng thư không có trong kho chứng thư tin cậy";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "chứng thư tự ký không có trong kho chứng thư tin cậy";
    case X509_V_ERR_CERT_REVOKED:
      return "chứng thư đã bị thu hồi";
    case X509_V_ERR_INVALID_PURPOSE:
      return "mục đích sử dụng của chứng thư không phù hợp";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
      return "chữ ký trên chứng thư không hợp lệ";
    default:
      return X509_verify_cert_error_string(err);
  }
}

bool timeBefore(const ASN1_TIME* t, std::optional<Timestamp> at) {
  // X509_cmp_time: -1 when t is before the reference time.
  if (at) {
    time_t ref = static_cast<time_t>(at->seconds());
    return X509_cmp_time(t, &ref) < 0;
  }
  return X509_cmp_current_time(t) < 0;
}

}  // namespace

struct Credentials::Impl {
  X509Ptr cert;
  KeyPtr key;
  StackPtr chain;
};

Credentials::Credentials(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Credentials::Credentials(Credentials&&) noexcept = default;
Credentials& Credentials::operator=(Credentials&&) noexcept = default;
Credentials::~Credentials() = default;

std::string Credentials::subject() const {
  return nameText(X509_get_subject_name(impl_->cert.get()));
}
std::string Credentials::certificatePem() const { return certPem(impl_->cert.get()); }

namespace {

Result<Credentials> finish(std::unique_ptr<Credentials::Impl> impl,
                           Result<Credentials> (*make)(std::unique_ptr<Credentials::Impl>)) {
  if (!impl->cert || !impl->key)
    return makeError(ErrorCode::InvalidFile, "Tệp không chứa đủ chứng thư số và khóa bí mật");
  if (X509_check_private_key(impl->cert.get(), impl->key.get()) != 1) {
    drainErrors();
    return makeError(ErrorCode::InvalidFile, "Khóa bí mật không khớp với chứng thư số");
  }
  if (!impl->chain) impl->chain.reset(sk_X509_new_null());
  return make(std::move(impl));
}

void loadLegacyProviderOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // retain_fallbacks = 1 keeps the default provider available next to "legacy".
    OSSL_PROVIDER_try_load(nullptr, "legacy", 1);
  });
}

}  // namespace

Result<Credentials> Credentials::fromPkcs12(std::string_view der, std::string_view password) {
  auto make = [](std::unique_ptr<Impl> i) -> Result<Credentials> {
    return Credentials(std::move(i));
  };
  const std::string pass(password);
  for (int attempt = 0; attempt < 2; ++attempt) {
    BioPtr in = memIn(der);
    P12Ptr p12(d2i_PKCS12_bio(in.get(), nullptr));
    if (!p12) {
      drainErrors();
      return makeError(ErrorCode::InvalidFile, "Tệp không phải PKCS#12 (.p12, .pfx)");
    }
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    if (PKCS12_parse(p12.get(), pass.c_str(), &key, &cert, &ca) == 1) {
      auto impl = std::make_unique<Impl>();
      impl->cert.reset(cert);
      impl->key.reset(key);
      impl->chain.reset(ca);
      return finish(std::move(impl), make);
    }
    drainErrors();
    // A wrong password and an algorithm of the legacy provider fail alike: retry once with it.
    if (attempt == 0 && PKCS12_verify_mac(p12.get(), pass.c_str(), -1) == 1) {
      loadLegacyProviderOnce();
      continue;
    }
    break;
  }
  drainErrors();
  return makeError(ErrorCode::InvalidFile,
                   "Không mở được tệp PKCS#12: sai mật khẩu hoặc tệp bị hỏng");
}

Result<Credentials> Credentials::fromPem(std::string_view certificate_pem,
                                         std::string_view private_key_pem,
                                         std::string_view key_password,
                                         std::string_view chain_pem) {
  auto make = [](std::unique_ptr<Impl> i) -> Result<Credentials> {
    return Credentials(std::move(i));
  };
  auto impl = std::make_unique<Impl>();
  BioPtr cin = memIn(certificate_pem);
  impl->cert.reset(PEM_read_bio_X509(cin.get(), nullptr, nullptr, nullptr));
  if (!impl->cert) {
    drainErrors();
    return makeError(ErrorCode::InvalidFile, "Không đọc được chứng thư số (PEM)");
  }
  std::string pass(key_password);
  BioPtr kin = memIn(private_key_pem);
  impl->key.reset(
      PEM_read_bio_PrivateKey(kin.get(), nullptr, nullptr, pass.empty() ? nullptr : pass.data()));
  if (!impl->key) {
    drainErrors();
    return makeError(ErrorCode::InvalidFile,
                     "Không đọc được khóa bí mật (PEM): sai mật khẩu hoặc tệp bị hỏng");
  }
  impl->chain.reset(sk_X509_new_null());
  if (!chain_pem.empty()) {
    BioPtr chin = memIn(chain_pem);
    while (X509* c = PEM_read_bio_X509(chin.get(), nullptr, nullptr, nullptr))
      sk_X509_push(impl->chain.get(), c);
    drainErrors();  // the loop ends on "no start line"
  }
  return finish(std::move(impl), make);
}

Result<std::string> signDetached(std::string_view content, const Credentials& signer,
                                 const SignOptions& options) {
  const auto& c = signer.impl();
  if (timeBefore(X509_get0_notAfter(c.cert.get()), options.at))
    return makeError(ErrorCode::CertificateUntrusted,
                     "Chứng thư số đã hết hạn, không thể ký: " + signer.subject());
  if (!timeBefore(X509_get0_notBefore(c.cert.get()), options.at))
    return makeError(ErrorCode::CertificateUntrusted,
                     "Chứng thư số chưa có hiệu lực, không thể ký: " + signer.subject());
  BioPtr in = memIn(content);
  CmsPtr cms(
      CMS_sign(c.cert.get(), c.key.get(), c.chain.get(), in.get(), CMS_DETACHED | CMS_BINARY));
  if (!cms) return makeError(ErrorCode::Internal, "CMS_sign: " + drainErrors());
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1)
    return makeError(ErrorCode::Internal, "i2d_CMS_bio: " + drainErrors());
  return bioString(out.get());
}

Result<VerifiedSignature> verifyDetached(std::string_view content, std::string_view cms_der,
                                         std::string_view trust_store_pem,
                                         const VerifyOptions& options) {
  drainErrors();
  BioPtr der = memIn(cms_der);
  CmsPtr cms(d2i_CMS_bio(der.get(), nullptr));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    drainErrors();
    return makeError(ErrorCode::SignatureInvalid,
                     "Tệp chữ ký không phải chữ ký số CMS/PKCS#7 (DER) hợp lệ");
  }
  if (CMS_is_detached(cms.get()) != 1)
    return makeError(ErrorCode::SignatureInvalid,
                     "Chữ ký không ở dạng tách rời (detached): tệp chữ ký chứa cả nội dung");

  // 1. Does the signature match these bytes? (signer certificates taken from the CMS.)
  {
    BioPtr data = memIn(content);
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                   CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
      const unsigned long e = ERR_peek_error();
      drainErrors();
      if (ERR_GET_REASON(e) == CMS_R_SIGNER_CERTIFICATE_NOT_FOUND)
        return makeError(ErrorCode::SignatureInvalid, "Chữ ký không kèm chứng thư số của người ký");
      return makeError(ErrorCode::SignatureInvalid,
                       "Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký");
    }
  }
  STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
  if (signers == nullptr || sk_X509_num(signers) == 0)
    return makeError(ErrorCode::SignatureInvalid, "Chữ ký không kèm chứng thư số của người ký");
  StackPtr signer_certs(sk_X509_new_null());
  for (int i = 0; i < sk_X509_num(signers); ++i) {
    X509* x = sk_X509_value(signers, i);
    X509_up_ref(x);
    sk_X509_push(signer_certs.get(), x);
  }
  X509* signer = sk_X509_value(signer_certs.get(), 0);

  // 2. Does the signer's certificate chain end in the operator's trust store?
  StorePtr store(X509_STORE_new());
  int anchors = 0;
  {
    BioPtr tin = memIn(trust_store_pem);
    while (X509* c = PEM_read_bio_X509(tin.get(), nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(store.get(), c);
      X509_free(c);
      ++anchors;
    }
    drainErrors();
  }
  if (anchors == 0)
    return makeError(ErrorCode::InvalidFile, "Kho chứng thư tin cậy không có chứng thư nào");
  X509_STORE_set_purpose(store.get(), X509_PURPOSE_ANY);
  if (options.at)
    X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()),
                               static_cast<time_t>(options.at->seconds()));
  {
    BioPtr data = memIn(content);
    if (CMS_verify(cms.get(), nullptr, store.get(), data.get(), nullptr, CMS_BINARY) != 1) {
      const std::string detail = drainErrors();
      // Ask the chain builder directly for a precise reason to show.
      StackPtr untrusted(CMS_get1_certs(cms.get()));
      StoreCtxPtr ctx(X509_STORE_CTX_new());
      int err = X509_V_ERR_UNSPECIFIED;
      if (ctx && X509_STORE_CTX_init(ctx.get(), store.get(), signer, untrusted.get()) == 1) {
        if (X509_verify_cert(ctx.get()) != 1) err = X509_STORE_CTX_get_error(ctx.get());
      }
      drainErrors();
      return makeError(ErrorCode::CertificateUntrusted,
                       "Chứng thư không được tin cậy: " + verifyReason(err) + " (" +
                           commonName(X509_get_subject_name(signer)) + ")",
                       {{"certificate", detail}});
    }
  }

  VerifiedSignature v;
  v.signer_subject = nameText(X509_get_subject_name(signer));
  v.signer_common_name = commonName(X509_get_subject_name(signer));
  v.issuer_subject = nameText(X509_get_issuer_name(signer));
  if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(signer), nullptr)) {
    char* hex = BN_bn2hex(bn);
    v.serial_hex = hex;
    OPENSSL_free(hex);
    BN_free(bn);
  }
  if (auto t = asnTime(X509_get0_notAfter(signer))) v.not_after = *t;
  v.signer_count = sk_X509_num(signer_certs.get());
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos && sk_CMS_SignerInfo_num(infos) > 0) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (idx >= 0) {
      X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, idx);
      ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(attr, 0);
      if (t && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME))
        v.signing_time = asnTime(t->value.utctime);  // both are ASN1_TIME
    }
  }
  return v;
}

Result<std::string> cmsDerToPem(std::string_view cms_der) {
  BioPtr der = memIn(cms_der);
  CmsPtr cms(d2i_CMS_bio(der.get(), nullptr));
  if (!cms) {
    drainErrors();
    return makeError(ErrorCode::SignatureInvalid, "Tệp chữ ký không phải CMS (DER) hợp lệ");
  }
  BioPtr out(BIO_new(BIO_s_mem()));
  PEM_write_bio_CMS(out.get(), cms.get());
  return bioString(out.get());
}

}  // namespace baocao::app::signing
