// Tests of the organisation-file readers/writers (src/exchange/org_io.h): round trips in the
// three formats, every error case with its exact Vietnamese message, and the real data files
// data/orgs/vn-2025.json and data/orgs/demo-hcmc.json (counts, timing printed).
#include "exchange/org_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace baocao::exchange {
namespace {

using core::Date;
using core::org::LinkKind;
using core::org::OrgType;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Date d(const char* iso) { return Date::parseIso(iso).value(); }

OrgRow row(std::string code, std::string name, OrgType type, std::string parent = "",
           std::optional<Date> from = std::nullopt, std::optional<Date> to = std::nullopt) {
  OrgRow r;
  r.unit.code = std::move(code);
  r.unit.name = std::move(name);
  r.unit.type = type;
  r.parent_code = std::move(parent);
  r.unit.valid_from = from;
  r.unit.valid_to = to;
  return r;
}

/// A small file using every type, dates, awkward characters and links grouped by old unit
/// (the order CSV/XLSX give back).
OrgFile sample() {
  OrgFile f;
  f.units = {
      row("79", "Thành phố Hồ Chí Minh", OrgType::ProvinceCommittee),
      row("79.STC", "Sở Tài chính", OrgType::Department, "79", d("2025-07-01")),
      row("79.STC.TH", "Phòng \"Tổng hợp\", kế hoạch; thử", OrgType::Division, "79.STC"),
      row("79.SYT.BV115", "Bệnh viện Nhân dân 115", OrgType::PublicServiceUnit, "79"),
      row("79.TK", "Thống kê Thành phố Hồ Chí Minh", OrgType::VerticalAgency, "79"),
      row("26824", "Phường Thủ Đức", OrgType::CommuneCommittee, "79", d("2025-07-01")),
      row("26740", "Phường Sài Gòn", OrgType::CommuneCommittee, "79", d("2025-07-01")),
      row("H74", "Tỉnh Bình Dương", OrgType::ProvinceCommittee, "", std::nullopt, d("2025-06-30")),
      row("H760", "Quận 1", OrgType::DistrictCommittee, "79", std::nullopt, d("2025-06-30")),
      row("H00004", "Phường Trúc Bạch\nthử xuống dòng", OrgType::CommuneCommittee, "H760",
          std::nullopt, d("2025-06-30")),
      row("H26737", "Phường Đa Kao", OrgType::CommuneCommittee, "H760", std::nullopt,
          d("2025-06-30")),
  };
  f.links = {
      {"H74", "79", LinkKind::Merge, 1.0, d("2025-07-01")},
      {"H26737", "26740", LinkKind::Split, 0.5, d("2025-07-01")},
      {"H26737", "26824", LinkKind::Split, 1.0 / 3, d("2025-07-01")},
  };
  return f;
}

void expectSame(const OrgFile& a, const OrgFile& b) {
  ASSERT_EQ(a.units.size(), b.units.size());
  for (size_t i = 0; i < a.units.size(); ++i) {
    const auto &x = a.units[i], &y = b.units[i];
    EXPECT_EQ(x.unit.code, y.unit.code) << i;
    EXPECT_EQ(x.unit.name, y.unit.name) << i;
    EXPECT_EQ(x.unit.type, y.unit.type) << i;
    EXPECT_EQ(x.parent_code, y.parent_code) << i;
    EXPECT_EQ(x.unit.valid_from, y.unit.valid_from) << i;
    EXPECT_EQ(x.unit.valid_to, y.unit.valid_to) << i;
  }
  ASSERT_EQ(a.links.size(), b.links.size());
  for (size_t i = 0; i < a.links.size(); ++i) {
    const auto &x = a.links[i], &y = b.links[i];
    EXPECT_EQ(x.from_code, y.from_code) << i;
    EXPECT_EQ(x.to_code, y.to_code) << i;
    EXPECT_EQ(x.kind, y.kind) << i;
    EXPECT_EQ(x.share, y.share) << i;  // exact: shortest round-trip formatting
    EXPECT_EQ(x.effective, y.effective) << i;
  }
}

core::Error readError(OrgFormat f, std::string_view bytes) {
  auto r = readOrgFile(f, bytes);
  EXPECT_FALSE(r.has_value()) << "expected the read to fail";
  if (r.has_value()) return {};
  EXPECT_EQ(r.error().code, core::ErrorCode::InvalidFile);
  return r.error();
}

constexpr const char* kTypes =
    "(province, department, commune, district, public_service, vertical, division)";

// ---------------------------------------------------------------- formats

TEST(OrgFormat, FromNameOrExtension) {
  EXPECT_EQ(orgFormatFromName("json").value(), OrgFormat::Json);
  EXPECT_EQ(orgFormatFromName(".CSV").value(), OrgFormat::Csv);
  EXPECT_EQ(orgFormatFromName("Danh sách đơn vị.xlsx").value(), OrgFormat::Xlsx);
  auto bad = orgFormatFromName("don_vi.xls");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message,
            "Định dạng tệp 'don_vi.xls' không được hỗ trợ: chỉ nhận .json, .csv hoặc .xlsx");
  EXPECT_FALSE(orgFormatFromName("xjson").has_value());
}

// ---------------------------------------------------------------- round trips

TEST(OrgRoundTrip, Json) {
  auto f = sample();
  auto bytes = writeOrgFile(OrgFormat::Json, f);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_NE(bytes->find("\"name\":\"Phường Thủ Đức\""), std::string::npos);
  auto back = readOrgFile(OrgFormat::Json, *bytes);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  expectSame(f, *back);
  EXPECT_EQ(writeOrgFile(OrgFormat::Json, *back).value(), *bytes);
}

TEST(OrgRoundTrip, Csv) {
  auto f = sample();
  auto bytes = writeOrgFile(OrgFormat::Csv, f);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(bytes->substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(bytes->substr(3, bytes->find('\n') - 2),
            "ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den,ke_thua\r\n");
  EXPECT_NE(bytes->find("H74,Tỉnh Bình Dương,province,,,2025-06-30,79:merge:1:2025-07-01\r\n"),
            std::string::npos);
  EXPECT_NE(bytes->find("\"Phòng \"\"Tổng hợp\"\", kế hoạch; thử\""), std::string::npos);
  auto back = readOrgFile(OrgFormat::Csv, *bytes);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  expectSame(f, *back);
}

TEST(OrgRoundTrip, Xlsx) {
  auto f = sample();
  auto bytes = writeOrgFile(OrgFormat::Xlsx, f);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  auto back = readOrgFile(OrgFormat::Xlsx, *bytes);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  expectSame(f, *back);
}

TEST(OrgRoundTrip, XlsxKeepsLeadingZerosAndEmptyFile) {
  OrgFile f;
  f.units = {row("00004", "Phường Trúc Bạch", OrgType::CommuneCommittee)};
  auto back = readOrgFile(OrgFormat::Xlsx, writeOrgFile(OrgFormat::Xlsx, f).value());
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->units.at(0).unit.code, "00004");
  auto empty = readOrgFile(OrgFormat::Xlsx, writeOrgFile(OrgFormat::Xlsx, OrgFile{}).value());
  ASSERT_TRUE(empty.has_value()) << empty.error().message;
  EXPECT_TRUE(empty->units.empty());
}

TEST(OrgWrite, LinkFromUnitOutsideTheFileCannotGoToCsvOrXlsx) {
  OrgFile f;
  f.units = {row("79", "Thành phố Hồ Chí Minh", OrgType::ProvinceCommittee)};
  f.links = {{"H74", "79", LinkKind::Merge, 1.0, d("2025-07-01")}};
  auto r = writeOrgFile(OrgFormat::Csv, f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            "Liên kết 'H74' → '79': đơn vị cũ 'H74' không có trong tệp nên không ghi được vào cột "
            "ke_thua (dùng JSON)");
  EXPECT_FALSE(writeOrgFile(OrgFormat::Xlsx, f).has_value());
  EXPECT_TRUE(writeOrgFile(OrgFormat::Json, f).has_value());
}

// ---------------------------------------------------------------- CSV reading

TEST(OrgCsv, ReadsQuotedFieldsLfSemicolonsAndDefaults) {
  std::string csv =
      "ma;ten;loai;ma_cap_tren;hieu_luc_den;ke_thua\n"
      "H26737;\"Phường \"\"Đa\"\"\nKao\";commune;;30/06/2025;\"26740:split:0,5;26743:split\"\n"
      ";;;;;\n"
      "26740; Phường Sài Gòn ;commune;;;\n";
  auto r = readOrgFile(OrgFormat::Csv, csv);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->units.size(), 2u);
  EXPECT_EQ(r->units[0].unit.name, "Phường \"Đa\"\nKao");
  EXPECT_EQ(r->units[1].unit.name, "Phường Sài Gòn");  // spaces around values are trimmed
  EXPECT_EQ(r->units[0].unit.valid_to, d("2025-06-30"));
  ASSERT_EQ(r->links.size(), 2u);
  EXPECT_EQ(r->links[0].share, 0.5);
  EXPECT_EQ(r->links[1].to_code, "26743");
  EXPECT_EQ(r->links[1].share, 1.0);                 // default
  EXPECT_EQ(r->links[1].effective, d("2025-07-01"));  // day after hieu_luc_den
}

TEST(OrgCsv, OrdersParentsBeforeChildren) {
  std::string csv = "ma,ten,loai,ma_cap_tren\r\nH00004,Phường Trúc Bạch,commune,H001\r\n"
                    "H001,Quận Ba Đình,district,01\r\n01,Thành phố Hà Nội,province,\r\n";
  auto r = readOrgFile(OrgFormat::Csv, csv);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->units.size(), 3u);
  EXPECT_EQ(r->units[0].unit.code, "01");
  EXPECT_EQ(r->units[1].unit.code, "H001");
  EXPECT_EQ(r->units[2].unit.code, "H00004");
}

TEST(OrgCsv, UnknownType) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai\r\n00004,Phường Trúc Bạch,xa\r\n");
  EXPECT_EQ(e.message, std::string("Dòng 2, cột 'loai': loại đơn vị 'xa' không hợp lệ ") + kTypes);
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].field, "dòng 2");
  EXPECT_EQ(e.details[0].message, e.message);
}

TEST(OrgCsv, InvalidUtf8NamesLineAndByte) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai\n1,T\xff,commune\n");
  EXPECT_EQ(e.message, "Dòng 2: không phải UTF-8 hợp lệ (byte thứ 16 của tệp); hãy lưu tệp dưới "
                       "dạng \"CSV UTF-8\"");
  EXPECT_EQ(e.details.at(0).field, "dòng 2");
}

TEST(OrgCsv, BadDate) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai,hieu_luc_tu\n79,TP,province,2025-13-01\n");
  EXPECT_EQ(e.message,
            "Dòng 2, cột 'hieu_luc_tu': ngày '2025-13-01' không hợp lệ: ký tự 6: tháng phải từ 01 "
            "đến 12");
  e = readError(OrgFormat::Csv, "ma,ten,loai,hieu_luc_den\n79,TP,province,31/02/2025\n");
  EXPECT_EQ(e.message, "Dòng 2, cột 'hieu_luc_den': ngày '31/02/2025' không hợp lệ (dùng "
                       "YYYY-MM-DD hoặc DD/MM/YYYY)");
  e = readError(OrgFormat::Csv,
                "ma,ten,loai,hieu_luc_tu,hieu_luc_den\n79,TP,province,2025-07-01,2025-06-30\n");
  EXPECT_EQ(e.message,
            "Dòng 2, cột 'hieu_luc_den': ngày hết hiệu lực trước ngày bắt đầu hiệu lực");
}

TEST(OrgCsv, DuplicateCodeAndSelfParent) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai,ma_cap_tren\n79,A,province,\n79,B,province,79\n");
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.details[0].message, "Dòng 3, cột 'ma': mã '79' trùng với đơn vị ở dòng 2");
  EXPECT_EQ(e.details[1].message,
            "Dòng 3, cột 'ma_cap_tren': đơn vị không thể là cấp trên của chính nó");
  EXPECT_EQ(e.message, "Tệp có 2 lỗi, không có dữ liệu nào được nhập. Lỗi đầu tiên: " +
                           e.details[0].message);
}

TEST(OrgCsv, ParentCycle) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai,ma_cap_tren\nA,A,department,B\nB,B,department,A\n");
  EXPECT_EQ(e.message, "Dòng 2, cột 'ma_cap_tren': vòng lặp cấp trên: A → B → A");
}

TEST(OrgCsv, BadCodeAndEmptyName) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai\nH 74,Tỉnh Bình Dương,province\n79,,province\n");
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.details[0].message,
            "Dòng 2, cột 'ma': chỉ gồm chữ cái không dấu, chữ số, '-', '_', '.'");
  EXPECT_EQ(e.details[1].message, "Dòng 3, cột 'ten': không được để trống");
}

TEST(OrgCsv, HeaderProblems) {
  auto e = readError(OrgFormat::Csv, "ma,ten\n79,TP\n");
  EXPECT_EQ(e.message, "Dòng 1: thiếu cột bắt buộc 'loai'");
  e = readError(OrgFormat::Csv, "ma,ten,loai,cap\n79,TP,province,1\n");
  EXPECT_EQ(e.message, "Dòng 1, cột 'cap': cột không được hỗ trợ (chỉ nhận ma, ten, loai, "
                       "ma_cap_tren, hieu_luc_tu, hieu_luc_den, ke_thua)");
  e = readError(OrgFormat::Csv, "");
  EXPECT_EQ(e.message, "Tệp CSV rỗng: cần dòng tiêu đề ma,ten,loai,…");
}

TEST(OrgCsv, QuoteErrors) {
  auto e = readError(OrgFormat::Csv, "ma,ten,loai\n79,\"TP,province\n");
  EXPECT_EQ(e.message, "Dòng 2: thiếu dấu ngoặc kép đóng cho trường bắt đầu ở dòng này");
  e = readError(OrgFormat::Csv, "ma,ten,loai\n79,T\"P,province\n");
  EXPECT_EQ(e.message, "Dòng 2: dấu ngoặc kép nằm giữa trường không đặt trong ngoặc kép (ghi "
                       "trường trong \"…\" và nhân đôi dấu ngoặc kép bên trong)");
  e = readError(OrgFormat::Csv, "ma,ten,loai\n79,\"TP\"x,province\n");
  EXPECT_EQ(e.message, "Dòng 2: ký tự 'x' ngay sau dấu ngoặc kép đóng (cần dấu phân cách hoặc "
                       "xuống dòng)");
}

TEST(OrgCsv, BadSuccessors) {
  std::string head = "ma,ten,loai,hieu_luc_den,ke_thua\n";
  auto e = readError(OrgFormat::Csv, head + "H74,Tỉnh Bình Dương,province,2025-06-30,79:join\n");
  EXPECT_EQ(e.message, "Dòng 2, cột 'ke_thua': mục 1 '79:join': kiểu 'join' không hợp lệ "
                       "(merge, split, rename)");
  e = readError(OrgFormat::Csv, head + "H74,Tỉnh Bình Dương,province,,79:merge:1.5:2025-07-01\n");
  EXPECT_EQ(e.message, "Dòng 2, cột 'ke_thua': tỷ lệ 1.5 phải lớn hơn 0 và không quá 1");
  e = readError(OrgFormat::Csv, head + "H74,Tỉnh Bình Dương,province,,79\n");
  EXPECT_EQ(e.message, "Dòng 2, cột 'ke_thua': mục 1 '79': thiếu ngày hiệu lực (ghi "
                       "ma_moi:kieu:ty_le:YYYY-MM-DD hoặc điền hieu_luc_den)");
  e = readError(OrgFormat::Csv, head + "H74,Tỉnh Bình Dương,province,2025-06-30,H74\n");
  EXPECT_EQ(e.message, "Dòng 2, cột 'ke_thua': đơn vị kế thừa trùng đơn vị cũ ('H74')");
}

TEST(OrgCsv, AtMostHundredErrorsAndNoPartialResult) {
  std::string csv = "ma,ten,loai\n";
  for (int i = 0; i < 150; ++i) csv += "X" + std::to_string(i) + ",Tên,xa\n";
  csv += "79,Thành phố Hồ Chí Minh,province\n";
  auto e = readError(OrgFormat::Csv, csv);
  EXPECT_EQ(e.details.size(), 100u);
  EXPECT_EQ(e.message.rfind("Tệp có 150 lỗi, không có dữ liệu nào được nhập (liệt kê 100 lỗi "
                            "đầu). Lỗi đầu tiên: Dòng 2, cột 'loai'",
                            0),
            0u)
      << e.message;
  EXPECT_EQ(e.details.back().field, "dòng 101");
}

// ---------------------------------------------------------------- JSON reading

TEST(OrgJson, MissingField) {
  auto e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","units":[
    {"code":"79","name":"TP","type":"province"},{"code":"A","name":"A","type":"department"},
    {"code":"B","name":"B","type":"department"},{"name":"C","type":"department"}]})");
  EXPECT_EQ(e.message, "JSON: units[3].code: thiếu trường bắt buộc");
  EXPECT_EQ(e.details.at(0).field, "units[3].code");
}

TEST(OrgJson, WrongTypesAndUnknownFields) {
  auto e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","extra":1,"units":[
    {"code":"79","name":5,"type":"province","level":1,"parent_code":7}],
    "links":[{"from_code":"H74","to_code":"79","kind":"merge","share":"1","effective":"2025-07-01"}]})");
  std::vector<std::string> msgs;
  for (const auto& x : e.details) msgs.push_back(x.message);
  EXPECT_EQ(msgs, (std::vector<std::string>{
                      "JSON: extra: trường không được hỗ trợ (chỉ nhận format, units, links)",
                      "JSON: units[0].name: phải là chuỗi, không phải số",
                      "JSON: units[0].level: trường không được hỗ trợ (chỉ nhận code, name, "
                      "type, parent_code, valid_from, valid_to)",
                      "JSON: units[0].parent_code: phải là chuỗi hoặc null, không phải số",
                      "JSON: links[0].share: phải là số, không phải chuỗi",
                  }));
  e = readError(OrgFormat::Json, R"([1,2])");
  EXPECT_EQ(e.message,
            "JSON: gốc phải là đối tượng {\"format\", \"units\", \"links\"}, không phải mảng");
  e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","units":{}})");
  EXPECT_EQ(e.message, "JSON: units: phải là mảng, không phải đối tượng");
  e = readError(OrgFormat::Json, R"({"format":"other","units":[]})");
  EXPECT_EQ(e.message,
            "JSON: format: định dạng 'other' không được hỗ trợ (cần 'baocao-org/1')");
}

TEST(OrgJson, TypeDateKindAndShare) {
  auto e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","units":[
    {"code":"79","name":"TP","type":"xa","valid_from":"2025-7-1"}],
    "links":[{"from_code":"H74","to_code":"79","kind":"join","effective":"2025-07-01"},
             {"from_code":"H77","to_code":"79","kind":"merge","share":0,"effective":"2025-07-01"}]})");
  std::vector<std::string> msgs;
  for (const auto& x : e.details) msgs.push_back(x.message);
  EXPECT_EQ(msgs, (std::vector<std::string>{
                      std::string("JSON: units[0].type: loại đơn vị 'xa' không hợp lệ ") + kTypes,
                      "JSON: units[0].valid_from: ngày '2025-7-1' không hợp lệ: ký tự 7: cần "
                      "chữ số",
                      "JSON: links[0].kind: kiểu liên kết 'join' không hợp lệ (merge, split, "
                      "rename)",
                  }));
  e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","units":[],
    "links":[{"from_code":"H77","to_code":"79","kind":"merge","share":0,"effective":"2025-07-01"},
             {"from_code":"H77","to_code":"79","kind":"merge","effective":"2025-07-01"}]})");
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.details[0].message, "JSON: links[0]: tỷ lệ 0 phải lớn hơn 0 và không quá 1");
  EXPECT_EQ(e.details[1].message, "JSON: links[1]: liên kết 'H77' → '79' trùng với links[0]");
}

TEST(OrgJson, SyntaxAndUtf8) {
  auto e = readError(OrgFormat::Json, "{\"format\":\"baocao-org/1\",\n\"units\":[,]}");
  EXPECT_EQ(e.message, "JSON: cú pháp không hợp lệ tại byte thứ 36 (dòng 2, cột 10)");
  e = readError(OrgFormat::Json, "{\"format\":\"baocao-org/1\",\n\"units\":[{\"name\":\"\xc3\x28\"}]}");
  EXPECT_EQ(e.message, "JSON: byte thứ 45 (dòng 2, cột 19): không phải UTF-8 hợp lệ");
  EXPECT_EQ(e.details.at(0).field, "byte thứ 45");
}

TEST(OrgJson, RepeatedKeyNestedValueAndNullName) {
  auto e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","units":[
    {"code":"79","code":"80","name":null,"type":{"a":[1,{"b":2}]}}]})");
  std::vector<std::string> msgs;
  for (const auto& x : e.details) msgs.push_back(x.message);
  EXPECT_EQ(msgs, (std::vector<std::string>{
                      "JSON: units[0].code: trường bị lặp lại",
                      "JSON: units[0].name: phải là chuỗi (không được là null), không phải null",
                      "JSON: units[0].type: phải là chuỗi, không phải đối tượng",
                  }));
}

TEST(OrgJson, DuplicateCodes) {
  auto e = readError(OrgFormat::Json, R"({"format":"baocao-org/1","units":[
    {"code":"79","name":"TP","type":"province"},{"code":"79","name":"TP","type":"province"}]})");
  EXPECT_EQ(e.message, "JSON: units[1].code: mã '79' trùng với đơn vị ở units[0].code");
}

// ---------------------------------------------------------------- XLSX reading

TEST(OrgXlsx, ReadsWorkbooksOfOtherProducers) {
  auto r = readOrgFile(OrgFormat::Xlsx, slurp(BAOCAO_TEST_DATA "/org/foreign.xlsx"));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->units.size(), 3u);
  EXPECT_EQ(r->units[0].unit.name, "Thành phố Hồ Chí Minh");  // rich text, phonetic run dropped
  EXPECT_EQ(r->units[1].unit.code, "26824");
  EXPECT_EQ(r->units[1].unit.name, "Phường Thủ Đức");          // inline rich text
  EXPECT_EQ(r->units[1].parent_code, "79");                     // number cell
  EXPECT_EQ(r->units[1].unit.valid_from, d("2025-07-01"));      // date serial 45839
  EXPECT_EQ(r->units[2].unit.name, "Phường Bình Thọ");          // formula string
  EXPECT_EQ(r->units[2].unit.valid_to, d("2025-06-30"));        // DD/MM/YYYY
}

TEST(OrgXlsx, ErrorsNameTheCell) {
  auto e = readError(OrgFormat::Xlsx, slurp(BAOCAO_TEST_DATA "/org/bad-type.xlsx"));
  EXPECT_EQ(e.message, std::string("Ô C3, cột 'loai': loại đơn vị 'xa' không hợp lệ ") + kTypes);
  EXPECT_EQ(e.details.at(0).field, "C3");
}

TEST(OrgXlsx, RejectsZipBombsAndNonZip) {
  auto e = readError(OrgFormat::Xlsx, slurp(BAOCAO_TEST_DATA "/org/bomb.xlsx"));
  EXPECT_EQ(e.message, "Tệp XLSX: phần 'xl/workbook.xml' khi giải nén lớn hơn 50 MB (có thể là "
                       "tệp nén độc hại)");
  e = readError(OrgFormat::Xlsx, "ma,ten,loai\n");
  EXPECT_EQ(e.message,
            "Tệp XLSX: không phải tệp Excel .xlsx hợp lệ (không đọc được cấu trúc nén ZIP)");
}

// ---------------------------------------------------------------- real data

struct Counts {
  std::map<std::pair<OrgType, bool>, size_t> by;  // (type, historic) -> count
  size_t at(OrgType t, bool historic) const {
    auto it = by.find({t, historic});
    return it == by.end() ? 0 : it->second;
  }
};

Counts count(const OrgFile& f) {
  Counts c;
  for (const auto& r : f.units) ++c.by[{r.unit.type, r.unit.valid_to.has_value()}];
  return c;
}

bool hasLink(const OrgFile& f, const char* from, const char* to) {
  return std::any_of(f.links.begin(), f.links.end(),
                     [&](const OrgLinkRow& l) { return l.from_code == from && l.to_code == to; });
}

TEST(OrgRealData, NationalFile) {
  auto bytes = slurp(BAOCAO_REPO_ROOT "/data/orgs/vn-2025.json");
  auto t0 = std::chrono::steady_clock::now();
  auto r = readOrgFile(OrgFormat::Json, bytes);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(r.has_value()) << r.error().message;
  std::printf("[ timing ] readOrgFile(Json) vn-2025.json: %zu bytes, %zu units, %zu links in %.1f ms\n",
              bytes.size(), r->units.size(), r->links.size(), ms);

  auto c = count(*r);
  EXPECT_EQ(c.at(OrgType::ProvinceCommittee, false), 34u);
  EXPECT_EQ(c.at(OrgType::CommuneCommittee, false), 3321u);
  // The 63 pre-2025 provinces: historic H-units plus those continuing under the same code.
  std::set<std::string> old_provinces;
  for (const auto& u : r->units)
    if (u.unit.type == OrgType::DistrictCommittee) old_provinces.insert(u.parent_code);
  EXPECT_EQ(old_provinces.size(), 63u);
  EXPECT_EQ(c.at(OrgType::ProvinceCommittee, true) + 27u, 63u);
  EXPECT_EQ(c.at(OrgType::DistrictCommittee, true), 696u);
  EXPECT_EQ(c.at(OrgType::CommuneCommittee, true), 10035u);
  EXPECT_TRUE(hasLink(*r, "H74", "79"));
  EXPECT_TRUE(hasLink(*r, "H755", "26732"));  // Huyện Côn Đảo -> Đặc khu Côn Đảo

  // Every historic commune has a successor; split shares of one old unit sum to ~1.
  std::map<std::string, double> shares;
  for (const auto& l : r->links) shares[l.from_code] += l.share;
  for (const auto& u : r->units)
    if (u.unit.type == OrgType::CommuneCommittee && u.unit.valid_to) {
      ASSERT_TRUE(shares.count(u.unit.code)) << u.unit.code;
      EXPECT_NEAR(shares[u.unit.code], 1.0, 1e-5) << u.unit.code;
    }

  // The writer reproduces the committed file byte for byte.
  t0 = std::chrono::steady_clock::now();
  auto again = writeOrgFile(OrgFormat::Json, *r);
  ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(*again == bytes);
  std::printf("[ timing ] writeOrgFile(Json) national: %.1f ms\n", ms);

  // CSV and XLSX carry the whole country too (links come back grouped by old unit).
  for (auto f : {OrgFormat::Csv, OrgFormat::Xlsx}) {
    t0 = std::chrono::steady_clock::now();
    auto out = writeOrgFile(f, *r);
    ASSERT_TRUE(out.has_value()) << out.error().message;
    auto t1 = std::chrono::steady_clock::now();
    auto back = readOrgFile(f, *out);
    auto t2 = std::chrono::steady_clock::now();
    ASSERT_TRUE(back.has_value()) << back.error().message;
    std::printf("[ timing ] %s national: %zu bytes, write %.1f ms, read %.1f ms\n",
                std::string(orgFormatExtension(f)).c_str(), out->size(),
                std::chrono::duration<double, std::milli>(t1 - t0).count(),
                std::chrono::duration<double, std::milli>(t2 - t1).count());
    OrgFile sorted = *r;
    auto key = [](const OrgLinkRow& l) { return std::tie(l.from_code, l.to_code); };
    auto by_key = [&](const OrgLinkRow& a, const OrgLinkRow& b) { return key(a) < key(b); };
    std::sort(sorted.links.begin(), sorted.links.end(), by_key);
    std::sort(back->links.begin(), back->links.end(), by_key);
    expectSame(sorted, *back);
  }
}

TEST(OrgRealData, DemoCityIsPartOfTheNationalFile) {
  auto demo = readOrgFile(OrgFormat::Json, slurp(BAOCAO_REPO_ROOT "/data/orgs/demo-hcmc.json"));
  ASSERT_TRUE(demo.has_value()) << demo.error().message;
  auto nat = readOrgFile(OrgFormat::Json, slurp(BAOCAO_REPO_ROOT "/data/orgs/vn-2025.json"));
  ASSERT_TRUE(nat.has_value());

  size_t communes = 0, departments = 0, verticals = 0;
  bool thu_duc = false;
  for (const auto& u : demo->units) {
    if (u.unit.type == OrgType::CommuneCommittee && !u.unit.valid_to && u.parent_code == "79") ++communes;
    if (u.unit.type == OrgType::Department) ++departments;
    if (u.unit.type == OrgType::VerticalAgency) ++verticals;
    thu_duc = thu_duc || (u.unit.name == "Phường Thủ Đức" && u.unit.code == "26824");
  }
  EXPECT_EQ(communes, 168u);
  EXPECT_GE(departments, 15u);
  EXPECT_GE(verticals, 4u);
  EXPECT_TRUE(thu_duc);
  EXPECT_TRUE(hasLink(*demo, "H74", "79"));
  EXPECT_TRUE(hasLink(*demo, "H77", "79"));

  // Administrative units and links of the demo are identical in the national file.
  std::map<std::string, const OrgRow*> national;
  for (const auto& u : nat->units) national[u.unit.code] = &u;
  for (const auto& u : demo->units) {
    auto t = u.unit.type;
    if (t != OrgType::ProvinceCommittee && t != OrgType::DistrictCommittee &&
        t != OrgType::CommuneCommittee)
      continue;
    auto it = national.find(u.unit.code);
    ASSERT_NE(it, national.end()) << u.unit.code;
    EXPECT_EQ(it->second->unit.name, u.unit.name);
    EXPECT_EQ(it->second->parent_code, u.parent_code);
    EXPECT_EQ(it->second->unit.valid_from, u.unit.valid_from);
    EXPECT_EQ(it->second->unit.valid_to, u.unit.valid_to);
  }
  for (const auto& l : demo->links) EXPECT_TRUE(hasLink(*nat, l.from_code.c_str(), l.to_code.c_str()));
}

}  // namespace
}  // namespace baocao::exchange
