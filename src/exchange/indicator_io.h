// Import/export of the indicator catalog as CSV and XLSX (issue 4 point 1), with the table
// readers and writers of the organisation files (org_io_detail.h). Layout (one indicator per
// row, columns found by header name in any order; `ma` and `ten` are required):
//
//   ma | ten | don_vi_tinh | kieu_gia_tri | so_thap_phan | linh_vuc | ma_co_quan |
//   can_cu_phap_ly | ky_cong_bo | chieu | tong_hop_don_vi | trong_so | tong_hop_thoi_gian |
//   phan_to | cong_thuc | ghi_chu
//
// kieu_gia_tri: number, integer, percent, text, yes_no, date (empty = number);
// chieu: higher, lower, none; tong_hop_don_vi: sum, average, weighted_average, min, max, none;
// tong_hop_thoi_gian: sum, last, average, none (empty = none: "not stated by the source");
// so_thap_phan: 0..6 (empty = 0); ma_co_quan: code of the responsible agency (org unit);
// phan_to: breakdowns as "ma=Tên:ma_phan=Tên phần,ma_phan=Tên phần|…", e.g.
// "gioi_tinh=Giới tính:nam=Nam,nu=Nữ|khu_vuc=Thành thị/nông thôn:tt=Thành thị,nt=Nông thôn".
// Lines starting with '#' before the header are comments (CSV only).
//
// Reading is all-or-nothing: any error fails the whole read (InvalidFile) and `details` names
// up to 100 places ("dòng 12" / "C5") with a Vietnamese message, e.g. "Dòng 12, cột
// 'kieu_gia_tri': giá trị 'so' không hợp lệ (…)". Field rules of
// core::indicator::validateIndicator are checked here too; agency codes are resolved by the
// caller (app::IndicatorService::importCatalog).
// Thread-safety: pure functions (the XLSX writer uses a private temporary file per call).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/indicator/indicator.h"

namespace baocao::exchange {

struct IndicatorRow {
  core::indicator::Indicator indicator;  // id, agency_id and version unused
  std::string agency_code;
  size_t line = 0;  // CSV line / XLSX row the indicator was read from (0 when written)
};

enum class IndicatorFormat { Csv, Xlsx };

/// "csv", "xlsx" (any case, with or without a dot) or a file name ending in one of them.
core::Result<IndicatorFormat> indicatorFormatFromName(std::string_view name_or_ext);
std::string_view indicatorFormatExtension(IndicatorFormat f);
std::string_view indicatorFormatMimeType(IndicatorFormat f);

core::Result<std::vector<IndicatorRow>> readIndicatorFile(IndicatorFormat f, std::string_view bytes);
core::Result<std::string> writeIndicatorFile(IndicatorFormat f, const std::vector<IndicatorRow>& rows);

/// One figure of a demo/figures file (data/indicators/hcmc-figures.csv):
///   ma | ky | loai | gia_tri | uoc_tinh | nguon
/// loai "thuc_hien" (a result of year `ky`) or "ke_hoach" (a target of plan period `ky`,
/// "2026" or "2026-2030"); gia_tri with '.' as decimal mark; uoc_tinh 1 = estimate.
struct FigureRow {
  std::string code;
  std::string period;
  bool target = false;
  double value = 0;
  bool estimate = false;
  std::string source;
  size_t line = 0;
};
/// All-or-nothing like the catalog; '#' comment lines before the header are skipped.
core::Result<std::vector<FigureRow>> readFiguresCsv(std::string_view bytes);

/// The breakdown notation of column phan_to, both ways. Parse errors name the item.
std::string formatBreakdowns(const std::vector<core::indicator::Breakdown>& b);
core::Result<std::vector<core::indicator::Breakdown>> parseBreakdowns(std::string_view text);

}  // namespace baocao::exchange
