// Indicator catalog files: CSV and XLSX round trips, the breakdown notation, errors naming the
// line/cell and column, and the demo data files themselves.
#include "exchange/indicator_io.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace baocao::exchange {
namespace {

namespace ind = core::indicator;

std::string readRepoFile(const std::string& rel) {
  std::ifstream in(std::string(BAOCAO_REPO_ROOT) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

IndicatorRow population() {
  IndicatorRow r;
  ind::Indicator& i = r.indicator;
  i.code = "DS";
  i.name = "Dân số trung bình, \"ước\"; nghìn người";
  i.unit_of_measure = "nghìn người";
  i.value_type = ind::ValueType::Number;
  i.decimals = 1;
  i.sector = "Dân số";
  i.legal_basis = "QĐ 05/2023/QĐ-TTg";
  i.periodicity = "Năm";
  i.direction = ind::Direction::None;
  i.unit_aggregation = ind::UnitAggregation::Sum;
  i.time_aggregation = ind::TimeAggregation::Last;
  i.breakdowns = {{"gioi_tinh", "Giới tính", {{"nam", "Nam"}, {"nu", "Nữ"}}},
                  {"khu_vuc", "Thành thị/nông thôn", {{"tt", "Thành thị"}, {"nt", "Nông thôn"}}}};
  i.formula = "[DS.nam] + [DS.nu]";
  i.note = "dòng 1\ndòng 2";
  r.agency_code = "79.TK";
  return r;
}

TEST(IndicatorFile, CsvAndXlsxRoundTripEveryColumn) {
  for (auto f : {IndicatorFormat::Csv, IndicatorFormat::Xlsx}) {
    auto bytes = writeIndicatorFile(f, {population()});
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    auto back = readIndicatorFile(f, *bytes);
    ASSERT_TRUE(back.has_value()) << back.error().message;
    ASSERT_EQ(back->size(), 1u);
    const auto& a = back->front();
    const auto& e = population();
    EXPECT_EQ(a.indicator.name, e.indicator.name);
    EXPECT_EQ(a.indicator.decimals, 1);
    EXPECT_EQ(a.indicator.unit_aggregation, ind::UnitAggregation::Sum);
    EXPECT_EQ(a.indicator.time_aggregation, ind::TimeAggregation::Last);
    EXPECT_EQ(a.indicator.breakdowns, e.indicator.breakdowns);
    EXPECT_EQ(a.indicator.formula, e.indicator.formula);
    EXPECT_EQ(a.indicator.note, e.indicator.note);
    EXPECT_EQ(a.agency_code, "79.TK");
    EXPECT_EQ(a.line, 2u);
  }
}

TEST(IndicatorFile, EveryBadCellIsNamedAndNothingIsReturned) {
  std::string csv =
      "# bình luận\n"
      "ma,ten,kieu_gia_tri,so_thap_phan,phan_to\n"
      "A1,Chỉ tiêu một,number,2,\n"
      "A2,Chỉ tiêu hai,so,x,gioi_tinh:nam=Nam\n"
      "A1,Trùng mã,,,\n";
  auto r = readIndicatorFile(IndicatorFormat::Csv, csv);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::InvalidFile);
  const auto& d = r.error().details;
  ASSERT_EQ(d.size(), 4u) << r.error().message;
  EXPECT_EQ(d[0].field, "dòng 4");
  EXPECT_NE(d[0].message.find("cột 'kieu_gia_tri'"), std::string::npos) << d[0].message;
  EXPECT_NE(d[1].message.find("cột 'so_thap_phan'"), std::string::npos) << d[1].message;
  EXPECT_NE(d[2].message.find("cột 'phan_to'"), std::string::npos) << d[2].message;
  EXPECT_EQ(d[3].field, "dòng 5");
  EXPECT_NE(d[3].message.find("trùng với dòng 3"), std::string::npos) << d[3].message;
}

TEST(IndicatorFile, FieldRulesNameTheColumn) {
  auto r = readIndicatorFile(IndicatorFormat::Csv,
                             "ma,ten,kieu_gia_tri,tong_hop_don_vi\r\nTL,Tỷ lệ,percent,sum\r\n");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().details[0].message.find("Dòng 2, cột 'tong_hop_don_vi'"), std::string::npos)
      << r.error().details[0].message;
  auto dot = readIndicatorFile(IndicatorFormat::Csv, "ma,ten\r\nDS.nu,Dân số nữ\r\n");
  ASSERT_FALSE(dot.has_value());
  EXPECT_NE(dot.error().details[0].message.find("cột 'ma'"), std::string::npos);
  auto unknown = readIndicatorFile(IndicatorFormat::Csv, "ma,ten,mau_sac\r\nA,B,do\r\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("mau_sac"), std::string::npos);
}

TEST(IndicatorFile, TheDemoCatalogsAndFiguresRead) {
  auto qd = readIndicatorFile(IndicatorFormat::Csv, readRepoFile("data/indicators/qd05-2023-tinh.csv"));
  ASSERT_TRUE(qd.has_value()) << qd.error().message;
  EXPECT_EQ(qd->size(), 17u);
  EXPECT_EQ(qd->front().indicator.name, "Diện tích và cơ cấu đất");
  EXPECT_TRUE(qd->front().indicator.periodicity.empty()) << "not in the source: left empty";
  auto hcm = readIndicatorFile(IndicatorFormat::Csv, readRepoFile("data/indicators/hcmc-key-indicators.csv"));
  ASSERT_TRUE(hcm.has_value()) << hcm.error().message;
  EXPECT_EQ(hcm->size(), 20u);
  auto fig = readFiguresCsv(readRepoFile("data/indicators/hcmc-figures.csv"));
  ASSERT_TRUE(fig.has_value()) << fig.error().message;
  bool grdp_target = false;
  for (const auto& f : *fig)
    if (f.code == "HCM_GRDP_TT" && f.target && f.period == "2026") grdp_target = f.value == 10;
  EXPECT_TRUE(grdp_target);
  auto bad = readFiguresCsv("ma,ky,loai,gia_tri\nX,2026-2030,thuc_hien,1\nY,2026,ke_hoach,abc\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().details.size(), 2u);
}

TEST(IndicatorFile, FormatFromNameAcceptsOnlyCsvAndXlsx) {
  EXPECT_EQ(*indicatorFormatFromName("danh-muc.XLSX"), IndicatorFormat::Xlsx);
  EXPECT_EQ(*indicatorFormatFromName("csv"), IndicatorFormat::Csv);
  EXPECT_EQ(indicatorFormatFromName("a.json").error().code, core::ErrorCode::UnsupportedMediaType);
}

}  // namespace
}  // namespace baocao::exchange
