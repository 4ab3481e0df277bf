// The published catalog of periodic reports (danh mục báo cáo định kỳ, 002 Đ11–Đ12) as XLSX
// and PDF, in Vietnamese: for each report its name, the units that report, the receiving unit,
// the frequency and the legal document that sets it (the columns of the 002 Annex).
// The PDF is laid out with Pango (text shaping and line breaking for Vietnamese diacritics,
// font "Noto Sans" from fonts-noto-core) and written with cairo: A4 landscape, the table header
// repeated on every page, page numbers in the footer.
// Thread-safety: pure functions; the XLSX writer uses a private temporary file per call.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"

namespace baocao::exchange {

struct CatalogRow {
  std::string name;
  std::string reporting;   // đối tượng thực hiện báo cáo
  std::string receiving;   // cơ quan nhận báo cáo
  std::string frequency;   // tần suất thực hiện báo cáo
  std::string legal_basis; // văn bản quy định chế độ báo cáo
  std::string send_methods;
};

struct CatalogDocument {
  std::string issuer = "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH";
  std::string title = "DANH MỤC BÁO CÁO ĐỊNH KỲ";
  std::string subtitle;    // "thuộc phạm vi quản lý của UBND Thành phố Hồ Chí Minh"
  std::string as_of;       // "Cập nhật ngày 14/03/2026"
  std::vector<CatalogRow> rows;
};

core::Result<std::string> catalogXlsx(const CatalogDocument& doc);
core::Result<std::string> catalogPdf(const CatalogDocument& doc);

}  // namespace baocao::exchange
