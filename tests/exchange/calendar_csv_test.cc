#include "exchange/calendar_csv.h"

#include <gtest/gtest.h>

#include <string>

namespace baocao::exchange {
namespace {

using core::Date;
using core::calendar::DayKind;

TEST(OfficialScheduleCsv, ParsesRowsGroupedByYear) {
  const std::string text =
      "\xEF\xBB\xBF# Quyết định ...\r\n"
      "date,kind,name\r\n"
      "2026-01-01,official,Tết Dương lịch\r\n"
      "2026-01-10,workday,\"Làm bù cho thứ Sáu 02/01/2026, theo 12729/VPCP-KGVX\"\r\n"
      "\r\n"
      "2027-01-01,statutory,\"Tết \"\"Dương\"\" lịch\"\n";
  auto r = parseOfficialScheduleCsv(text, "VPCP");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const auto& y2026 = (*r)[0];
  EXPECT_EQ(y2026.year, 2026);
  EXPECT_EQ(y2026.source, "VPCP");
  ASSERT_EQ(y2026.days.size(), 2u);
  EXPECT_EQ(y2026.days[1].date, Date::fromYmd(2026, 1, 10));
  EXPECT_EQ(y2026.days[1].kind, DayKind::Workday);
  EXPECT_EQ(y2026.days[1].name, "Làm bù cho thứ Sáu 02/01/2026, theo 12729/VPCP-KGVX");
  EXPECT_EQ((*r)[1].days[0].name, "Tết \"Dương\" lịch");
}

TEST(OfficialScheduleCsv, ErrorsNameLineAndColumnInVietnamese) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"date,kind,name\n2026-13-01,official,X\n",
       "Dòng 2, cột 1: cột date: Ngày '2026-13-01' không hợp lệ: ký tự 6: tháng phải từ 01 đến 12"},
      {"2026-01-01,holiday,X\n",
       "Dòng 1, cột 12: cột kind: loại ngày 'holiday' không hợp lệ (official, statutory, "
       "compensatory hoặc workday)"},
      {"# c\n2026-01-01,official\n", "Dòng 2, cột 20: cần đúng 3 cột (date,kind,name), có 2"},
      {"2026-01-01,official,X,Y\n", "Dòng 1, cột 23: cần đúng 3 cột (date,kind,name), có 4"},
      {"2026-01-01,official,\n", "Dòng 1, cột 21: cột name: thiếu tên ngày"},
      {"2026-01-01,official,\"X\n", "Dòng 1, cột 21: thiếu dấu ngoặc kép đóng"},
      {"2026-01-01,official,\"X\"Y\n", "Dòng 1, cột 24: sau dấu ngoặc kép đóng phải là dấu phẩy"},
      {"2026-01-01,official,A\n2026-01-01,official,B\n",
       "Dòng 2, cột 1: ngày 2026-01-01 bị lặp lại"},
      {"2026-01-01,official,\xC3\x28\n", "Dòng 1, cột 21: không phải văn bản UTF-8 hợp lệ"},
      {"# only comments\n", "Dòng 1, cột 1: tệp không có ngày nào"},
  };
  for (const auto& [text, message] : cases) {
    auto r = parseOfficialScheduleCsv(text);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, core::ErrorCode::InvalidFile);
    EXPECT_EQ(r.error().message, message) << text;
  }
}

TEST(OfficialScheduleCsv, FormatReadsBack) {
  core::calendar::OfficialSchedule s{
      2025,
      {{Date::fromYmd(2025, 4, 26), "Làm bù cho thứ Sáu 02/5/2025", DayKind::Workday},
       {Date::fromYmd(2025, 4, 30), "Ngày Chiến thắng, \"30/4\"", DayKind::Official}},
      "Thông báo"};
  const std::string csv = formatOfficialScheduleCsv(s);
  auto back = parseOfficialScheduleCsv(csv, "Thông báo");
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].days, s.days);
  EXPECT_EQ((*back)[0].source, "Thông báo");
}

}  // namespace
}  // namespace baocao::exchange
