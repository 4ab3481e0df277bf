#include "app/signing/package.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace baocao::app::signing {

using core::ErrorCode;
using core::makeError;

namespace {

uint32_t crc32(std::string_view data) {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = kTable[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void le16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void le32(std::string& out, uint32_t v) {
  le16(out, v & 0xFFFF);
  le16(out, v >> 16);
}

constexpr uint32_t kDosTime = 0;                           // 00:00:00
constexpr uint32_t kDosDate = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01
constexpr uint32_t kUtf8Flag = 0x0800;                     // names are UTF-8 (APPNOTE 4.4.4)

}  // namespace

SignedPackage buildPackage(std::string_view content, std::string_view cms_der,
                           std::string_view ca_pem, std::string_view title) {
  std::string readme;
  readme += "Gói báo cáo đã ký số\n";
  readme += std::string(title) + "\n\n";
  readme += "report.bin  nội dung chuẩn hóa của báo cáo (chính là dữ liệu đã được ký)\n";
  readme += "report.p7s  chữ ký số CMS/PKCS#7 tách rời, định dạng DER\n";
  readme += "ca.crt      chứng thư của tổ chức cung cấp dịch vụ chứng thực (CA)\n\n";
  readme += "Kiểm tra chữ ký bằng OpenSSL:\n";
  readme +=
      "  openssl cms -verify -binary -inform DER -in report.p7s -content report.bin "
      "-CAfile ca.crt -purpose any -out /dev/null\n";
  readme +=
      "Kết quả \"CMS Verification successful\" nghĩa là nội dung không bị thay đổi sau khi ký\n";
  readme += "và chứng thư của người ký do CA trong ca.crt cấp.\n";
  SignedPackage p;
  p.files.push_back({std::string(kContentFile), std::string(content)});
  p.files.push_back({std::string(kSignatureFile), std::string(cms_der)});
  p.files.push_back({std::string(kCaFile), std::string(ca_pem)});
  p.files.push_back({"README.txt", readme});
  return p;
}

core::Result<std::string> zipPackage(const SignedPackage& package) {
  std::string out, central;
  for (const auto& f : package.files) {
    if (f.bytes.size() >= 0xFFFFFFFFull || out.size() >= 0xFFFFFFFFull)
      return makeError(ErrorCode::InvalidField, "Tệp '" + f.name + "' quá lớn cho gói ZIP");
    const uint32_t crc = crc32(f.bytes);
    const uint32_t size = static_cast<uint32_t>(f.bytes.size());
    const uint32_t offset = static_cast<uint32_t>(out.size());
    // Local file header (APPNOTE 4.3.7), method 0 = stored.
    le32(out, 0x04034b50);
    le16(out, 20);
    le16(out, kUtf8Flag);
    le16(out, 0);
    le16(out, kDosTime);
    le16(out, kDosDate);
    le32(out, crc);
    le32(out, size);
    le32(out, size);
    le16(out, static_cast<uint32_t>(f.name.size()));
    le16(out, 0);
    out += f.name;
    out += f.bytes;
    // Central directory header (APPNOTE 4.3.12); made by Unix (3), mode 0644.
    le32(central, 0x02014b50);
    le16(central, (3u << 8) | 20);
    le16(central, 20);
    le16(central, kUtf8Flag);
    le16(central, 0);
    le16(central, kDosTime);
    le16(central, kDosDate);
    le32(central, crc);
    le32(central, size);
    le32(central, size);
    le16(central, static_cast<uint32_t>(f.name.size()));
    le16(central, 0);
    le16(central, 0);
    le16(central, 0);
    le16(central, 0);
    le32(central, 0100644u << 16);
    le32(central, offset);
    central += f.name;
  }
  const uint32_t cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  le32(out, 0x06054b50);  // end of central directory
  le16(out, 0);
  le16(out, 0);
  le16(out, static_cast<uint32_t>(package.files.size()));
  le16(out, static_cast<uint32_t>(package.files.size()));
  le32(out, static_cast<uint32_t>(central.size()));
  le32(out, cd_offset);
  le16(out, 0);
  return out;
}

core::Status writePackageDirectory(const SignedPackage& package, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return makeError(ErrorCode::StorageError,
                     "Không tạo được thư mục " + dir + ": " + ec.message());
  for (const auto& f : package.files) {
    const std::filesystem::path path = std::filesystem::path(dir) / f.name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
    out.close();
    if (!out) return makeError(ErrorCode::StorageError, "Không ghi được tệp " + path.string());
  }
  return core::ok();
}

}  // namespace baocao::app::signing
