// Digital signatures of reports (issue 5 point 6): canonical content, CMS detached signing and
// verification, and interoperability with the openssl command line in both directions. The
// keys come from scripts/demo-ca.sh, run into a temporary directory (twice: a second,
// independent CA plays the untrusted issuer).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/signing/canonical.h"
#include "app/signing/cms_signer.h"
#include "app/signing/package.h"
#include "core/workflow/submission.h"

namespace baocao::app::signing {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::workflow::Attachment;
using core::workflow::ReportContent;

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  EXPECT_TRUE(in.good()) << p;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
void writeFile(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct CmdResult {
  int rc;
  std::string output;
};
// Runs a shell command in `dir`, capturing stdout and stderr.
CmdResult run(const fs::path& dir, const std::string& cmd) {
  const fs::path log = dir / "cmd.log";
  const std::string full = "cd '" + dir.string() + "' && " + cmd + " >'" + log.string() + "' 2>&1";
  const int status = std::system(full.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, readFile(log)};
}

ReportContent sampleContent() {
  ReportContent c;
  c.obligation_key = "BC-KTXH/202603/u42";
  c.regime_code = "BC-KTXH";
  c.period_id = "202603";
  c.unit_id = 42;
  c.values = {{"B01/GRDP", "123456.7"}, {"B01/CPI", "103.2"}, {"B02/ghi_chu", "Ước tính"}};
  c.narrative = {{"1", "Tình hình kinh tế - xã hội tháng 3\r\ntăng trưởng khá"},
                 {"2", "Kiến nghị: bổ sung vốn\tđầu tư công"}};
  c.attachments = {{"Phụ lục 1.pdf", "application/pdf", 2048, std::string(64, 'a')}};
  return c;
}

class Signing : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/baocao-signing-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = new fs::path(tmpl);
    const std::string script = std::string(BAOCAO_REPO_ROOT) + "/scripts/demo-ca.sh";
    for (const char* ca : {"ca1", "ca2"}) {
      CmdResult r = run(*dir_, "bash '" + script + "' " + ca);
      ASSERT_EQ(r.rc, 0) << r.output;
    }
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }
  static fs::path ca1(const char* f) { return *dir_ / "ca1" / f; }
  static fs::path ca2(const char* f) { return *dir_ / "ca2" / f; }
  static Credentials leader() {
    auto c = Credentials::fromPkcs12(readFile(ca1("leader.p12")), "baocao-demo");
    EXPECT_TRUE(c.has_value()) << c.error().message;
    return std::move(c).value();
  }
  static std::string canonical() { return canonicalContent(sampleContent()).value(); }
  static fs::path* dir_;
};
fs::path* Signing::dir_ = nullptr;

TEST(CanonicalContent, IsAFixedDocumentedByteString) {
  auto c = canonicalContent(sampleContent());
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(*c,
            "BAOCAO-CANONICAL\t1\n"
            "obligation\tBC-KTXH/202603/u42\tregime\tBC-KTXH\tperiod\t202603\tunit\t42\n"
            "value\tB01/CPI\t103.2\n"
            "value\tB01/GRDP\t123456.7\n"
            "value\tB02/ghi_chu\tƯớc tính\n"
            "narrative\t1\tTình hình kinh tế - xã hội tháng 3\\ntăng trưởng khá\n"
            "narrative\t2\tKiến nghị: bổ sung vốn\\tđầu tư công\n"
            "attachment\t" +
                std::string(64, 'a') +
                "\t2048\tapplication/pdf\tPhụ lục 1.pdf\n"
                "end\t6\n");
  EXPECT_EQ(sha256Hex(*c).size(), 64u);
}

TEST(CanonicalContent, DoesNotDependOnInputOrderOrLineEndStyle) {
  ReportContent a = sampleContent();
  a.attachments.push_back({"Bảng 2.xlsx", "application/vnd.ms-excel", 10, std::string(64, 'b')});
  ReportContent b = a;
  std::swap(b.attachments[0], b.attachments[1]);
  b.narrative["1"] = "Tình hình kinh tế - xã hội tháng 3\ntăng trưởng khá";  // LF instead of CRLF
  EXPECT_EQ(*canonicalContent(a), *canonicalContent(b));
  b.values["B01/CPI"] = "103.20";  // a different stored value is a different content
  EXPECT_NE(*canonicalContent(a), *canonicalContent(b));
}

TEST(CanonicalContent, EscapingPreventsForgingRecords) {
  ReportContent a;
  a.obligation_key = "k";
  a.values = {{"A", "1\nvalue\tB\t2"}};
  ReportContent b;
  b.obligation_key = "k";
  b.values = {{"A", "1"}, {"B", "2"}};
  EXPECT_NE(*canonicalContent(a), *canonicalContent(b));
  ReportContent c;
  c.obligation_key = "k";
  c.values = {{"A", "x\\ty"}};
  EXPECT_NE(canonicalContent(c)->find("x\\\\ty"), std::string::npos);
}

TEST(CanonicalContent, RefusesBrokenInput) {
  ReportContent c = sampleContent();
  c.values["B03"] = std::string("\xC3\x28", 2);
  EXPECT_EQ(canonicalContent(c).error().code, ErrorCode::InvalidUtf8);
  c = sampleContent();
  c.attachments[0].sha256 = "ABC";
  EXPECT_EQ(canonicalContent(c).error().code, ErrorCode::InvalidField);
  c = sampleContent();
  c.attachments.push_back(c.attachments[0]);
  EXPECT_EQ(canonicalContent(c).error().code, ErrorCode::InvalidField);
}

TEST_F(Signing, PkcsTwelveSignatureVerifiesWithSubjectAndSigningTime) {
  const std::string content = canonical();
  auto sig = signDetached(content, leader());
  ASSERT_TRUE(sig.has_value()) << sig.error().message;
  auto v = verifyDetached(content, *sig, readFile(ca1("trust.pem")));
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_EQ(v->signer_common_name, "Nguyễn Văn An");
  EXPECT_NE(v->signer_subject.find("CN=Nguyễn Văn An"), std::string::npos) << v->signer_subject;
  EXPECT_NE(v->signer_subject.find("O=Sở Tài chính TP. Hồ Chí Minh"), std::string::npos);
  EXPECT_NE(v->issuer_subject.find("CA Báo cáo thử nghiệm"), std::string::npos);
  EXPECT_EQ(v->signer_count, 1);
  EXPECT_FALSE(v->serial_hex.empty());
  ASSERT_TRUE(v->signing_time.has_value());
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_LE(std::llabs(v->signing_time->seconds() - now), 300);
  EXPECT_EQ(leader().subject(), v->signer_subject);

  // The content hash of the signed bytes is what Submission keeps for the version.
  core::workflow::Submission sub(sampleContent().obligation_key);
  EXPECT_TRUE(sub.freezeVersion(sha256Hex(content), 1, {}, "Trình lần đầu").has_value());
}

TEST_F(Signing, AnyChangedByteIsDetected) {
  const std::string content = canonical();
  const std::string sig = *signDetached(content, leader());
  const std::string trust = readFile(ca1("trust.pem"));
  std::vector<std::string> variants;
  for (size_t i = 0; i < content.size(); ++i) {
    std::string x = content;
    x[i] = static_cast<char>(x[i] ^ 0x01);
    variants.push_back(x);
  }
  variants.push_back(content + "\n");
  variants.push_back(content.substr(0, content.size() - 1));
  variants.push_back("");
  for (size_t i = 0; i < variants.size(); ++i) {
    auto v = verifyDetached(variants[i], sig, trust);
    ASSERT_FALSE(v.has_value()) << "variant " << i;
    EXPECT_EQ(v.error().code, ErrorCode::SignatureInvalid) << i;
    EXPECT_NE(v.error().message.find("nội dung đã bị thay đổi sau khi ký"), std::string::npos)
        << v.error().message;
  }
  // A changed byte in the signature itself is refused too.
  std::string bad_sig = sig;
  bad_sig[bad_sig.size() - 5] ^= 0x01;
  EXPECT_FALSE(verifyDetached(content, bad_sig, trust).has_value());
}

TEST_F(Signing, ACertificateFromAnotherCaIsNotTrusted) {
  const std::string content = canonical();
  const std::string sig = *signDetached(content, leader());
  auto v = verifyDetached(content, sig, readFile(ca2("trust.pem")));
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::CertificateUntrusted);
  EXPECT_NE(v.error().message.find("hứng thư không được tin cậy"), std::string::npos);
  EXPECT_NE(v.error().message.find("không có trong kho chứng thư tin cậy"), std::string::npos)
      << v.error().message;
  // Both CAs in the store: trusted again.
  EXPECT_TRUE(verifyDetached(content, sig, readFile(ca2("trust.pem")) + readFile(ca1("trust.pem")))
                  .has_value());
}

TEST_F(Signing, ACodeSigningOnlyCertificateVerifiesWithPurposeAny) {
  const CmdResult eku = run(*dir_, "openssl x509 -in ca1/agency.crt -noout -ext extendedKeyUsage");
  ASSERT_NE(eku.output.find("Code Signing"), std::string::npos) << eku.output;
  ASSERT_EQ(eku.output.find("E-mail"), std::string::npos) << eku.output;
  auto agency = Credentials::fromPkcs12(readFile(ca1("agency.p12")), "baocao-demo");
  ASSERT_TRUE(agency.has_value()) << agency.error().message;
  const std::string content = canonical();
  auto sig = signDetached(content, *agency);
  ASSERT_TRUE(sig.has_value());
  auto v = verifyDetached(content, *sig, readFile(ca1("trust.pem")));
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_EQ(v->signer_common_name, "Sở Tài chính TP. Hồ Chí Minh");
  // The openssl command line needs -purpose any for the same file (S/MIME purpose by default).
  const fs::path out = *dir_ / "agency";
  ASSERT_TRUE(
      writePackageDirectory(buildPackage(content, *sig, readFile(ca1("ca.crt")), "t"), out.string())
          .has_value());
  EXPECT_NE(run(out,
                "openssl cms -verify -binary -inform DER -in report.p7s -content report.bin "
                "-CAfile ca.crt -out /dev/null")
                .rc,
            0);
  EXPECT_EQ(run(out,
                "openssl cms -verify -binary -inform DER -in report.p7s -content report.bin "
                "-CAfile ca.crt -purpose any -out /dev/null")
                .rc,
            0);
}

TEST_F(Signing, PemCertificateAndKeySign) {
  auto creds = Credentials::fromPem(readFile(ca1("receiver.crt")), readFile(ca1("receiver.key")));
  ASSERT_TRUE(creds.has_value()) << creds.error().message;
  const std::string content = canonical();
  auto v = verifyDetached(content, *signDetached(content, *creds), readFile(ca1("trust.pem")));
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_EQ(v->signer_common_name, "Văn phòng UBND TP. Hồ Chí Minh");
}

TEST_F(Signing, BadKeyMaterialIsRefusedInVietnamese) {
  auto wrong = Credentials::fromPkcs12(readFile(ca1("leader.p12")), "sai-mat-khau");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::InvalidFile);
  EXPECT_NE(wrong.error().message.find("sai mật khẩu"), std::string::npos);
  EXPECT_EQ(Credentials::fromPkcs12("not a p12", "x").error().code, ErrorCode::InvalidFile);
  auto mismatch = Credentials::fromPem(readFile(ca1("leader.crt")), readFile(ca1("agency.key")));
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().message, "Khóa bí mật không khớp với chứng thư số");
  EXPECT_EQ(Credentials::fromPem("x", readFile(ca1("agency.key"))).error().code,
            ErrorCode::InvalidFile);
}

TEST_F(Signing, MalformedSignaturesAndEmptyTrustStoresAreRefused) {
  const std::string content = canonical();
  EXPECT_EQ(verifyDetached(content, "garbage", readFile(ca1("trust.pem"))).error().code,
            ErrorCode::SignatureInvalid);
  const std::string sig = *signDetached(content, leader());
  EXPECT_EQ(verifyDetached(content, sig, "").error().code, ErrorCode::InvalidFile);
  auto pem = cmsDerToPem(sig);
  ASSERT_TRUE(pem.has_value());
  EXPECT_EQ(pem->rfind("-----BEGIN CMS-----", 0), 0u);
}

TEST_F(Signing, ExpiryIsCheckedAtTheRequestedInstant) {
  const std::string content = canonical();
  const std::string sig = *signDetached(content, leader());
  const auto in2040 = core::Timestamp::fromSeconds(2208988800);  // 2040-01-01
  auto v = verifyDetached(content, sig, readFile(ca1("trust.pem")), {in2040});
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::CertificateUntrusted);
  EXPECT_NE(v.error().message.find("hết hạn"), std::string::npos) << v.error().message;
  auto s = signDetached(content, leader(), {in2040});
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::CertificateUntrusted);
}

TEST_F(Signing, TheOpensslCommandLineAcceptsThePackageDirectory) {
  const std::string content = canonical();
  const std::string sig = *signDetached(content, leader());
  const fs::path out = *dir_ / "package";
  auto pkg = buildPackage(content, sig, readFile(ca1("ca.crt")), "Báo cáo KT-XH tháng 03/2026");
  ASSERT_TRUE(writePackageDirectory(pkg, out.string()).has_value());
  const std::string verify =
      "openssl cms -verify -binary -inform DER -in report.p7s -content report.bin -CAfile ca.crt "
      "-purpose any -out /dev/null";
  CmdResult ok = run(out, verify);
  EXPECT_EQ(ok.rc, 0) << ok.output;
  EXPECT_NE(ok.output.find("CMS Verification successful"), std::string::npos) << ok.output;
  EXPECT_NE(readFile(out / "README.txt").find(verify), std::string::npos);
  // One changed byte: the command line refuses it as well.
  std::string tampered = content;
  tampered[tampered.find("123456.7")] = '9';
  writeFile(out / "report.bin", tampered);
  CmdResult bad = run(out, verify);
  EXPECT_NE(bad.rc, 0) << bad.output;
  EXPECT_NE(bad.output.find("verification failure"), std::string::npos) << bad.output;
}

TEST_F(Signing, TheZipPackageUnzipsAndVerifies) {
  const std::string content = canonical();
  const std::string sig = *signDetached(content, leader());
  auto pkg = buildPackage(content, sig, readFile(ca1("ca.crt")), "Báo cáo KT-XH tháng 03/2026");
  auto zip = zipPackage(pkg);
  ASSERT_TRUE(zip.has_value());
  EXPECT_EQ(*zipPackage(pkg), *zip);  // deterministic
  const fs::path out = *dir_ / "zip";
  fs::create_directories(out);
  writeFile(out / "bao-cao.zip", *zip);
  CmdResult unzip = run(out, "unzip -o -q bao-cao.zip");
  ASSERT_EQ(unzip.rc, 0) << unzip.output;
  EXPECT_EQ(readFile(out / "report.bin"), content);
  EXPECT_EQ(readFile(out / "report.p7s"), sig);
  CmdResult ok = run(out,
                     "openssl cms -verify -binary -inform DER -in report.p7s -content report.bin "
                     "-CAfile ca.crt -purpose any -out /dev/null");
  EXPECT_EQ(ok.rc, 0) << ok.output;
  CmdResult test = run(out, "unzip -t bao-cao.zip");  // CRCs are right
  EXPECT_EQ(test.rc, 0) << test.output;
}

TEST_F(Signing, ASignatureMadeWithTheOpensslCommandLineVerifiesInside) {
  const std::string content = canonical();
  const fs::path out = *dir_ / "external";
  fs::create_directories(out);
  writeFile(out / "report.bin", content);
  const std::string certs = "-signer ../ca1/leader.crt -inkey ../ca1/leader.key";
  CmdResult sign = run(
      out, "openssl cms -sign -binary -outform DER -in report.bin " + certs + " -out report.p7s");
  ASSERT_EQ(sign.rc, 0) << sign.output;
  const std::string trust = readFile(ca1("trust.pem"));
  auto v = verifyDetached(content, readFile(out / "report.p7s"), trust);
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_EQ(v->signer_common_name, "Nguyễn Văn An");
  EXPECT_TRUE(v->signing_time.has_value());
  std::string changed = content;
  changed[0] = 'b';
  EXPECT_EQ(verifyDetached(changed, readFile(out / "report.p7s"), trust).error().code,
            ErrorCode::SignatureInvalid);
  // An attached (-nodetach) signature is not what the receiver expects: refused with a reason.
  CmdResult attached = run(out, "openssl cms -sign -binary -nodetach -outform DER -in report.bin " +
                                    certs + " -out attached.p7s");
  ASSERT_EQ(attached.rc, 0) << attached.output;
  auto a = verifyDetached(content, readFile(out / "attached.p7s"), trust);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("tách rời"), std::string::npos);
}

}  // namespace
}  // namespace baocao::app::signing
