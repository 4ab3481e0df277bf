// Pre-filled report workbook and its upload (exchange/report_xlsx.h): round trip of values and
// narrative, the Excel number conversion, and the exact Vietnamese error for each way a user
// can damage the file. Edits are made in the XML of the workbook, as Excel would save them.
#include "exchange/report_xlsx.h"

#include <gtest/gtest.h>

#include "exchange/org_io_detail.h"
#include "support/xlsx_edit.h"

namespace baocao::exchange {
namespace {

using namespace baocao::testing::xlsx;

namespace fm = core::form;
using fm::ColumnKind;
using fm::RowKind;

fm::Form socioEconomic() {
  fm::Form f;
  f.code = "B01";
  f.title = "Biểu 01: Một số chỉ tiêu kinh tế - xã hội chủ yếu";
  f.columns = {{"KH", "Kế hoạch năm", "", "", ColumnKind::Input, "", std::nullopt},
               {"TH", "Kỳ báo cáo", "Thực hiện", "", ColumnKind::Input, "", std::nullopt},
               {"LK", "Lũy kế", "Thực hiện", "", ColumnKind::Input, "", std::nullopt},
               {"SSKH", "% so kế hoạch", "", "%", ColumnKind::Computed, "[LK] / [KH] * 100", 1}};
  f.rows = {{"KT", "I. KINH TẾ", "", "", RowKind::Heading, "", 0},
            {"TTNS", "Tổng thu ngân sách", "tỷ đồng", "", RowKind::Subtotal, "", 1},
            {"TTNS-ND", "Thu nội địa", "tỷ đồng", "TTNS", RowKind::Input, "", 1},
            {"TTNS-XNK", "Thu xuất nhập khẩu", "tỷ đồng", "TTNS", RowKind::Input, "", 1},
            {"DS", "Dân số trung bình", "người", "", RowKind::Input, "", 0},
            {"BQ", "Thu bình quân đầu người", "triệu đồng", "", RowKind::Computed,
             "[TTNS] / [DS] * 1000", 2}};
  f.cells = {{"DS", "SSKH", fm::CellKind::Disabled, ""}};
  return f;
}

ReportXlsxInfo info() {
  ReportXlsxInfo i;
  i.print.regime_name = "Báo cáo tình hình kinh tế - xã hội";
  i.print.regime_code = "HCM-KTXH";
  i.print.period_label = "Kỳ báo cáo: Tháng 03 năm 2026";
  i.print.reporting_unit = "UBND phường Bến Thành";
  i.print.receiving_unit = "UBND Thành phố Hồ Chí Minh";
  i.obligation_key = "HCM-KTXH/2026-03/u42";
  i.regime_code = "HCM-KTXH";
  i.period_id = "2026-03";
  i.unit_code = "26734";
  i.revision = 7;
  i.sections = {{"I", "Tình hình kinh tế - xã hội", "Nêu kết quả nổi bật", true},
                {"II", "Kiến nghị, đề xuất", "", false}};
  return i;
}

const std::map<std::string, std::string> kB01 = {
    {"TTNS-ND.KH", "120000"},     {"TTNS-ND.TH", "10234.5"},   {"TTNS-ND.LK", "30100.2"},
    {"TTNS-XNK.KH", "45000.5"},   {"TTNS-XNK.TH", "-12.3"},     {"TTNS-XNK.LK", "0.3"},
    {"DS.KH", "9300000"},         {"DS.LK", "12345678901234567"}};
const FormValues kValues = {{"B01", kB01}};
const std::map<std::string, std::string> kNarrative = {
    {"I", "Kinh tế tăng trưởng ổn định; thu ngân sách đạt 25,1% dự toán.\nDân số ước 9,3 triệu "
          "người — Phường Bến Thành, Quận 1."}};

std::string written() {
  auto x = reportXlsx({socioEconomic()}, info(), kValues, kNarrative);
  EXPECT_TRUE(x) << x.error().message;
  return x ? *x : std::string();
}

std::vector<std::string> errorsOf(const std::string& xlsx) {
  auto r = readReportXlsx(xlsx, {socioEconomic()}, info());
  EXPECT_FALSE(r);
  std::vector<std::string> out;
  if (!r) {
    EXPECT_EQ(r.error().code, core::ErrorCode::InvalidFile);
    for (const auto& d : r.error().details) out.push_back(d.message);
  }
  return out;
}

constexpr const char* kSheet = "xl/worksheets/sheet1.xml";

TEST(ReportXlsx, WrittenThenReadGivesBackEveryValueAndTheNarrative) {
  std::string x = written();
  auto r = readReportXlsx(x, {socioEconomic()}, info());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->values, kValues);
  EXPECT_EQ(r->narrative, kNarrative);
  // what the file held when downloaded: the upload saves only what the user changed
  EXPECT_EQ(r->base_revision, 7);
  EXPECT_EQ(r->original, kValues);
  EXPECT_EQ(r->original_narrative, kNarrative);
}

TEST(ReportXlsx, TwoFormsWithTheSameCellCodeKeepTheirOwnValuesAndTextRowsStayText) {
  fm::Form b02;
  b02.code = "B02";
  b02.title = "Biểu 02: Dân số";
  b02.columns = {{"KH", "Kế hoạch", "", "", ColumnKind::Input, "", std::nullopt}};
  b02.rows = {{"DS", "Dân số", "người", "", RowKind::Input, "", 0},
              {"GHI", "Ghi chú", "", "", RowKind::Input, "", 0}};
  ReportXlsxInfo i = info();
  i.text_rows = {"GHI"};
  FormValues values = kValues;
  values["B02"] = {{"DS.KH", "42"}, {"GHI.KH", "Số liệu sơ bộ, chưa chính thức"}};
  auto x = reportXlsx({socioEconomic(), b02}, i, values, {});
  ASSERT_TRUE(x) << x.error().message;
  auto r = readReportXlsx(*x, {socioEconomic(), b02}, i);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->values, values);
  EXPECT_EQ(r->values.at("B01").at("DS.KH"), "9300000");
  EXPECT_EQ(r->values.at("B02").at("DS.KH"), "42");
}

TEST(ReportXlsx, TheWorkbookHasTheFormTheNarrativeAndAHiddenMap) {
  std::string x = written();
  auto wb = detail::readXlsxWorkbook(x).value();
  ASSERT_EQ(wb.sheets.size(), 3u);
  EXPECT_EQ(wb.sheets[0].name, "B01");
  EXPECT_EQ(wb.sheets[1].name, "Thuyết minh");
  EXPECT_EQ(wb.sheets[2].name, "#baocao");
  EXPECT_FALSE(wb.sheets[0].hidden);
  EXPECT_TRUE(wb.sheets[2].hidden);
  // input cells pre-filled as numbers, computed cells with their formula and value
  std::string e = addressOf(x, "TTNS-ND.TH");
  auto at = [&](const std::string& code) {
    std::string a = addressOf(x, code);
    size_t col = static_cast<size_t>(a[0] - 'A');
    size_t row = static_cast<size_t>(std::stoul(a.substr(1)));
    return wb.sheets[0].cell(row, col);
  };
  ASSERT_NE(at("TTNS-ND.TH"), nullptr);
  EXPECT_TRUE(at("TTNS-ND.TH")->numeric);
  EXPECT_EQ(at("TTNS-ND.TH")->text, "10234.5");
  EXPECT_TRUE(at("TTNS.TH")->formula);   // SUM of the children
  EXPECT_EQ(at("TTNS.TH")->text, "10222.2");
  EXPECT_TRUE(at("BQ.LK")->formula);
  EXPECT_EQ(at("DS.SSKH")->text, "x");
  // 17 significant digits do not fit an Excel number: written as Vietnamese text
  EXPECT_FALSE(at("DS.LK")->numeric);
  EXPECT_EQ(at("DS.LK")->text, "12.345.678.901.234.567");
  // the code column names each row
  size_t row = static_cast<size_t>(std::stoul(e.substr(1)));
  EXPECT_EQ(wb.sheets[0].cell(row, 2)->text, "TTNS-ND");
  // the sheet is protected, input cells unlocked
  std::string xml;
  patch(x, kSheet, [&](std::string s) { return xml = s; });
  EXPECT_NE(xml.find("<sheetProtection"), std::string::npos);
}

TEST(ReportXlsx, BlankCellsAreAbsentSoTheUploadClearsThem) {
  std::string x = written();
  auto r = readReportXlsx(setCell(x, kSheet, addressOf(x, "TTNS-ND.TH"), ""),
                          {socioEconomic()}, info());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->values.at("B01").count("TTNS-ND.TH"));
  EXPECT_EQ(r->values.at("B01").size(), kB01.size() - 1);
}

TEST(ReportXlsx, ExcelDoublesAreReadAsExcelShowsThem) {
  EXPECT_EQ(excelNumberText("0.30000000000000004"), "0.3");
  EXPECT_EQ(excelNumberText("0.1"), "0.1");
  EXPECT_EQ(excelNumberText("1234.5"), "1234.5");
  EXPECT_EQ(excelNumberText("-12.300000000000001"), "-12.3");
  EXPECT_EQ(excelNumberText("1.2345E+20"), "123450000000000000000");
  EXPECT_EQ(excelNumberText("1E-3"), "0.001");
  EXPECT_EQ(excelNumberText("9.9999999999999999E2"), "1000");
  EXPECT_EQ(excelNumberText("0"), "0");
  EXPECT_EQ(excelNumberText("000120"), "120");
  EXPECT_EQ(excelNumberText("12abc"), std::nullopt);
  EXPECT_EQ(excelNumberText("1E+50"), std::nullopt);

  std::string x = written();
  std::string a = addressOf(x, "TTNS-ND.TH");
  auto r = readReportXlsx(setCell(x, kSheet, a, number(a, "0.30000000000000004")),
                          {socioEconomic()}, info());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->values.at("B01").at("TTNS-ND.TH"), "0.3");
}

TEST(ReportXlsx, TextFiguresInVietnameseOrPlainSpellingAreAccepted) {
  std::string x = written();
  std::string a = addressOf(x, "TTNS-ND.KH"), b = addressOf(x, "TTNS-XNK.KH");
  x = setCell(x, kSheet, a, inlineText(a, " 1.234.567,8 "));
  x = setCell(x, kSheet, b, inlineText(b, "2500.5"));
  auto r = readReportXlsx(x, {socioEconomic()}, info());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->values.at("B01").at("TTNS-ND.KH"), "1234567.8");
  EXPECT_EQ(r->values.at("B01").at("TTNS-XNK.KH"), "2500.5");
}

TEST(ReportXlsx, EveryBadCellIsListedInVietnameseAndNothingIsReturned) {
  std::string x = written();
  std::string a = addressOf(x, "TTNS-ND.TH"), b = addressOf(x, "DS.KH"),
              c = addressOf(x, "TTNS-XNK.LK"), d = addressOf(x, "TTNS.KH"),
              e = addressOf(x, "DS.SSKH"), f = addressOf(x, "TTNS-XNK.TH"),
              g = addressOf(x, "TTNS-ND.LK");
  x = setCell(x, kSheet, a, inlineText(a, "abc"));
  x = setCell(x, kSheet, b, number(b, "1.5"));
  x = setCell(x, kSheet, c, number(c, "12.345"));
  x = setCell(x, kSheet, d, number(d, "999"));
  x = setCell(x, kSheet, e, number(e, "7"));
  x = setCell(x, kSheet, f, "<c r=\"" + f + "\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>");
  x = setCell(x, kSheet, g, "<c r=\"" + g + "\"><f>A1+1</f></c>");
  auto errs = errorsOf(x);
  std::vector<std::string> expected = {
      "Biểu B01, ô " + d + " (TTNS.KH): ô tự tính (nền xám) đã bị sửa thành '999'; hệ thống tự "
      "tính ô này, hãy xóa số đã nhập và sửa các ô thành phần",
      "Biểu B01, ô " + a + " (TTNS-ND.TH): 'abc' không phải là số",
      "Biểu B01, ô " + g + " (TTNS-ND.LK): ô có công thức nhưng chưa có kết quả tính; hãy mở tệp "
      "bằng Excel, lưu lại rồi tải lên",
      "Biểu B01, ô " + f + " (TTNS-XNK.TH): ô chứa lỗi công thức (#DIV/0!)",
      "Biểu B01, ô " + c + " (TTNS-XNK.LK): '12,345' có 3 chữ số sau dấu phẩy, ô này chỉ cho phép 1",
      "Biểu B01, ô " + b + " (DS.KH): '1,5' có 1 chữ số sau dấu phẩy, ô này chỉ nhận số nguyên",
      "Biểu B01, ô " + e + " (DS.SSKH): ô không áp dụng (đánh dấu x) không được nhập số liệu ('7')"};
  EXPECT_EQ(errs, expected);
  auto r = readReportXlsx(x, {socioEconomic()}, info());
  EXPECT_EQ(r.error().message, "Tệp có 7 lỗi, không có dữ liệu nào được nhập. Lỗi đầu tiên: " +
                                   expected[0]);
  EXPECT_EQ(r.error().details[1].field, "B01/TTNS-ND.TH");
}

TEST(ReportXlsx, AComputedCellLeftAsWrittenOrAsAFormulaIsIgnored) {
  std::string x = written();
  std::string a = addressOf(x, "TTNS.TH");
  // Excel recalculated the SUM and stored its double
  auto r = readReportXlsx(setCell(x, kSheet, a, "<c r=\"" + a + "\"><f>SUM(E12:E13)</f><v>"
                                                "10222.199999999999</v></c>"),
                          {socioEconomic()}, info());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->values.at("B01").count("TTNS.TH"));
}

TEST(ReportXlsx, AFileOfAnotherReportOrAnOlderFormIsRefusedAsAWhole) {
  std::string x = written();
  ReportXlsxInfo other = info();
  other.obligation_key = "HCM-KTXH/2026-04/u42";
  auto r = readReportXlsx(x, {socioEconomic()}, other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Tệp này là của báo cáo 'HCM-KTXH/2026-03/u42', không phải báo cáo "
                               "'HCM-KTXH/2026-04/u42' đang mở; hãy chọn đúng tệp");

  fm::Form changed = socioEconomic();
  changed.rows.push_back({"LD", "Lao động", "người", "", RowKind::Input, "", 0});
  r = readReportXlsx(x, {changed}, info());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Biểu B01 đã được sửa đổi sau khi tải tệp này (mẫu biểu trong tệp "
                               "khác mẫu đang áp dụng); hãy tải lại tệp Excel rồi nhập lại số liệu");
  fm::Form relabelled = socioEconomic();
  relabelled.rows[1].label = "Tổng thu NSNN";  // wording does not change the cells
  EXPECT_TRUE(readReportXlsx(x, {relabelled}, info()));

  auto plain = formTemplateXlsx(socioEconomic(), info().print).value();
  r = readReportXlsx(plain, {socioEconomic()}, info());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Tệp không phải tệp báo cáo tải về từ hệ thống (thiếu trang ánh xạ "
                               "ẩn '#baocao'); hãy tải tệp Excel của báo cáo rồi điền vào đó");
}

TEST(ReportXlsx, MovedRowsAreRefusedNamingTheCodeCell) {
  std::string x = written();
  std::string a = addressOf(x, "DS.KH");
  std::string code_cell = "C" + a.substr(1);
  x = setCell(x, kSheet, code_cell, inlineText(code_cell, "BQ"));
  auto errs = errorsOf(x);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0], "Biểu B01, ô " + code_cell + ": mã chỉ tiêu là 'BQ', phải là 'DS' (không "
                     "được chèn, xóa hay sắp xếp lại dòng của biểu)");
}

TEST(ReportXlsx, NarrativeKeepsDiacriticsAndLineEndsBecomeLf) {
  std::string x = written();
  auto r0 = readReportXlsx(x, {socioEconomic()}, info());
  ASSERT_TRUE(r0);
  std::string a = addressOf(x, "II");
  x = setCell(x, "xl/worksheets/sheet2.xml", a,
              inlineText(a, "Đề nghị bổ sung kinh phí\r\nPhường đã hoàn thành 100%."));
  auto r = readReportXlsx(x, {socioEconomic()}, info());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->narrative.at("II"), "Đề nghị bổ sung kinh phí\nPhường đã hoàn thành 100%.");
  EXPECT_EQ(r->narrative.at("I"), kNarrative.at("I"));
}

TEST(ReportXlsx, NotAnXlsxAtAll) {
  auto r = readReportXlsx("PK\x03\x04 not really", {socioEconomic()}, info());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::InvalidFile);
  EXPECT_EQ(r.error().message,
            "Tệp XLSX: không phải tệp Excel .xlsx hợp lệ (không đọc được cấu trúc nén ZIP)");
}

TEST(ReportXlsx, FormSignatureIgnoresWordingButNotCells) {
  fm::Form f = socioEconomic();
  std::string s = formSignature(f);
  EXPECT_EQ(s.size(), 19u);
  EXPECT_EQ(s.rfind("f1-", 0), 0u);
  f.title = "Khác";
  f.columns[0].label = "KH năm";
  EXPECT_EQ(formSignature(f), s);
  f.rows[2].decimals = 2;
  EXPECT_NE(formSignature(f), s);
}

}  // namespace
}  // namespace baocao::exchange
