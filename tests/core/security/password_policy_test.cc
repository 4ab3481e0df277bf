// Password policy of 003 Đ16.
#include "core/security/password_policy.h"

#include <gtest/gtest.h>

namespace baocao::core::security {
namespace {

User person() {
  User u;
  u.username = "nguyenvana";
  u.full_name = "Nguyễn Văn An";
  u.phone = "0903 123 456";
  u.birth_date = Date::fromYmd(1985, 7, 9);
  return u;
}

std::string msg(const Status& s) { return s.has_value() ? "" : s.error().message; }

TEST(PasswordPolicy, AcceptsLongMixedPassword) { EXPECT_TRUE(checkPassword("Song-Hong#2026", person())); }

TEST(PasswordPolicy, NeedsEightCharactersAndEveryClass) {
  auto s = checkPassword("aB1!", person());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::WeakPassword);
  EXPECT_NE(msg(s).find("ít nhất 8 ký tự"), std::string::npos);
  EXPECT_NE(msg(checkPassword("songhong#2026", person())).find("thiếu chữ in hoa"), std::string::npos);
  EXPECT_NE(msg(checkPassword("SONGHONG#2026", person())).find("thiếu chữ thường"), std::string::npos);
  EXPECT_NE(msg(checkPassword("SongHong#abcd", person())).find("thiếu chữ số"), std::string::npos);
  EXPECT_NE(msg(checkPassword("SongHong2026", person())).find("thiếu ký tự đặc biệt"), std::string::npos);
}

TEST(PasswordPolicy, ListsEveryUnmetRule) {
  auto s = checkPassword("abc", person());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().details.size(), 4u);  // length, upper, digit, special
}

TEST(PasswordPolicy, RefusesTheUsersNameWithOrWithoutAccents) {
  EXPECT_NE(msg(checkPassword("Nguyen#2026x", person())).find("tên"), std::string::npos);
  EXPECT_NE(msg(checkPassword("Nguyễn#2026x", person())).find("tên"), std::string::npos);
  EXPECT_NE(msg(checkPassword("x!NguyenVanA9", person())).find("tên"), std::string::npos);
  EXPECT_NE(msg(checkPassword("Abc!nguyenvana1", person())).find("tên"), std::string::npos);
}

TEST(PasswordPolicy, RefusesBirthDateInCommonForms) {
  for (const char* pw : {"Song#09071985", "Song#19850709", "Song#090785x"})
    EXPECT_NE(msg(checkPassword(pw, person())).find("ngày sinh"), std::string::npos) << pw;
}

TEST(PasswordPolicy, RefusesPhoneNumber) {
  EXPECT_NE(msg(checkPassword("Song#123456x", person())).find("số điện thoại"), std::string::npos);
}

TEST(PasswordPolicy, MustChangeAtFirstLoginAndAfter90Days) {
  User u = person();
  u.must_change_password = true;
  Timestamp t0 = Timestamp::fromSeconds(1'700'000'000);
  EXPECT_TRUE(passwordChangeDue(u, t0));
  u.must_change_password = false;
  u.password_changed_at = t0;
  EXPECT_FALSE(passwordChangeDue(u, t0.plusSeconds(89LL * 86400)));
  EXPECT_TRUE(passwordChangeDue(u, t0.plusSeconds(90LL * 86400)));
}

}  // namespace
}  // namespace baocao::core::security
