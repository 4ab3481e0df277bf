#include "core/common/text.h"

#include <gtest/gtest.h>

#include "core/audit/audit_entry.h"
#include "core/common/date.h"

namespace baocao::core {
namespace {

TEST(FoldVietnamese, RemovesEveryToneAndVowelMark) {
  EXPECT_EQ(text::foldVietnamese("Thành phố Thủ Đức"), "thanh pho thu duc");
  EXPECT_EQ(text::foldVietnamese("Đặc khu Côn Đảo"), "dac khu con dao");
  EXPECT_EQ(text::foldVietnamese("ẮẰẲẴẶ ấầẩẫậ ƯỨỪỬỮỰ ơớờởỡợ ỳýỷỹỵ"), "aaaaa aaaaa uuuuuu oooooo yyyyy");
  EXPECT_EQ(text::foldVietnamese("  Bà   Rịa\t–  Vũng Tàu "), "ba ria – vung tau");
}

TEST(FoldVietnamese, HandlesDecomposedInput) {
  // "Thủ" written as T h u + combining hook above (NFD)
  EXPECT_EQ(text::foldVietnamese("Thu\xCC\x89 \xC4\x90u\xCC\x9B\xCC\x81\x63"), "thu duc");
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_TRUE(text::isValidUtf8("Hồ Chí Minh"));
  EXPECT_EQ(text::firstInvalidUtf8("ab\xC3\x28"), 2u);
  EXPECT_FALSE(text::isValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(text::isValidUtf8("\xC0\xAF"));      // overlong '/'
}

TEST(Date, ParseNamesTheCharacter) {
  EXPECT_EQ(Date::parseIso("2026-03-14")->vietnamese(), "14/03/2026");
  auto bad = Date::parseIso("2026-3-14");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("ký tự 7"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(Date::parseIso("2026-02-29"));
  EXPECT_TRUE(Date::parseIso("2024-02-29"));
}

TEST(Timestamp, VietnamDayIsUtcPlus7) {
  auto t = Timestamp::parseIso("2026-03-14T17:30:00Z").value();
  EXPECT_EQ(t.vietnamDate().iso(), "2026-03-15");
  EXPECT_EQ(t.iso(), "2026-03-14T17:30:00.000Z");
}

TEST(AuditCanonical, EveryFieldChangesTheBytes) {
  audit::AuditEntry e;
  e.seq = 7;
  e.action = "org.update";
  e.before_json = "{\"a\":1}";
  std::string base = audit::canonical(e);
  auto changed = [&](auto mutate) {
    audit::AuditEntry x = e;
    mutate(x);
    return audit::canonical(x) != base;
  };
  EXPECT_TRUE(changed([](auto& x) { x.seq = 8; }));
  EXPECT_TRUE(changed([](auto& x) { x.actor_name = "y"; }));
  EXPECT_TRUE(changed([](auto& x) { x.after_json = "{}"; }));
  EXPECT_TRUE(changed([](auto& x) { x.prev_hash = "00"; }));
  EXPECT_TRUE(changed([](auto& x) { x.ip = "10.0.0.1"; }));
  // moving bytes between adjacent fields is not a collision
  audit::AuditEntry a = e, b = e;
  a.entity_type = "ab";
  a.entity_id = "c";
  b.entity_type = "a";
  b.entity_id = "bc";
  EXPECT_NE(audit::canonical(a), audit::canonical(b));
}

}  // namespace
}  // namespace baocao::core
