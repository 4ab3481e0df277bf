// E-mail rendering: UTF-8 subject as RFC 2047 encoded-words that never split a character,
// base64 body with CRLF, headers a mail client reads.
#include "core/notify/mail_message.h"

#include <gtest/gtest.h>

#include "support/mail_decode.h"

namespace baocao::core::notify {
namespace {

using baocao::testing::unbase64;

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(HeaderWord, AsciiStaysAndVietnameseIsEncodedInWholeCharacters) {
  EXPECT_EQ(encodeHeaderWord("Report digest"), "Report digest");
  std::string subject = "Nhắc việc báo cáo ngày 14/03/2026: 3 nội dung — quá hạn, sắp đến hạn";
  std::string enc = encodeHeaderWord(subject);
  std::string decoded;
  size_t pos = 0;
  int words = 0;
  while ((pos = enc.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = enc.find("?=", pos + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - pos, 75u);  // RFC 2047 §2
    std::string part = unbase64(enc.substr(pos + 10, end - pos - 10));
    // each word is valid UTF-8 on its own: it neither starts nor ends inside a character
    EXPECT_NE(static_cast<unsigned char>(part.front()) & 0xC0, 0x80);
    decoded += part;
    pos = end + 2;
    ++words;
  }
  EXPECT_GE(words, 2);
  EXPECT_EQ(decoded, subject);
  EXPECT_NE(enc.find("?=\r\n =?UTF-8?B?"), std::string::npos);  // folded between words
}

TEST(Message, HasMimeHeadersAndBase64Body) {
  MailMessage m;
  m.from = {"baocao@hochiminhcity.gov.vn", "Hệ thống báo cáo"};
  m.to = {"cv.stc@hochiminhcity.gov.vn", "Nguyễn Văn An"};
  m.subject = "Nhắc việc";
  m.body = "Dòng 1\nDòng 2\n";
  m.date = *Timestamp::parseIso("2026-03-14T01:00:00Z");
  m.message_id = "<digest-1-2026-03-14@baocao>";
  std::string s = renderMessage(m);
  EXPECT_NE(s.find("Date: Sat, 14 Mar 2026 08:00:00 +0700\r\n"), std::string::npos);
  EXPECT_NE(s.find("To: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(s.find(" <cv.stc@hochiminhcity.gov.vn>\r\n"), std::string::npos);
  EXPECT_NE(s.find("Subject: =?UTF-8?B?" + base64("Nhắc việc") + "?=\r\n"), std::string::npos);
  EXPECT_NE(s.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(s.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  size_t body = s.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_EQ(unbase64(s.substr(body + 4)), "Dòng 1\r\nDòng 2\r\n");
}

TEST(Address, PlausibleOnlyWhenSafeToPutInAnEnvelope) {
  EXPECT_TRUE(plausibleAddress("cv.stc@hochiminhcity.gov.vn"));
  EXPECT_FALSE(plausibleAddress(""));
  EXPECT_FALSE(plausibleAddress("no-at.example.vn"));
  EXPECT_FALSE(plausibleAddress("a@b"));
  EXPECT_FALSE(plausibleAddress("a@b.vn>\r\nRCPT TO:<x@y.vn"));
  EXPECT_FALSE(plausibleAddress("a b@c.vn"));
}

}  // namespace
}  // namespace baocao::core::notify
