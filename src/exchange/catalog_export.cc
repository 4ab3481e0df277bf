#include "exchange/catalog_export.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace baocao::exchange {

using core::ErrorCode;
using core::makeError;

namespace {

const char* kHeaders[] = {"STT", "Tên báo cáo", "Đối tượng thực hiện báo cáo", "Cơ quan nhận báo cáo",
                          "Tần suất thực hiện báo cáo", "Văn bản quy định chế độ báo cáo"};

std::vector<std::string> cellsOf(size_t i, const CatalogRow& r) {
  return {std::to_string(i + 1), r.name, r.reporting, r.receiving, r.frequency, r.legal_basis};
}

// ---- PDF ---------------------------------------------------------------------------------

constexpr double kPageW = 841.89, kPageH = 595.28;  // A4 landscape, points
constexpr double kMargin = 36, kPad = 4;
constexpr double kWidths[] = {32, 190, 180, 120, 100, 147.89};

cairo_status_t appendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Pdf {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;
  ~Pdf() {
    if (layout) g_object_unref(layout);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
  void font(const char* desc) {
    PangoFontDescription* f = pango_font_description_from_string(desc);
    pango_layout_set_font_description(layout, f);
    pango_font_description_free(f);
  }
  /// Lays out `text` in `width` points; returns its height in points.
  double measure(const std::string& text, double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw(const std::string& text, double x, double y, double width,
            PangoAlignment align = PANGO_ALIGN_LEFT) {
    measure(text, width, align);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
  }
};

}  // namespace

core::Result<std::string> catalogPdf(const CatalogDocument& doc) {
  std::string out;
  Pdf pdf;
  pdf.surface = cairo_pdf_surface_create_for_stream(appendTo, &out, kPageW, kPageH);
  if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
    return makeError(ErrorCode::Internal, "Không tạo được tệp PDF");
  cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_CREATOR, "baocao");
  pdf.cr = cairo_create(pdf.surface);
  pdf.layout = pango_cairo_create_layout(pdf.cr);
  cairo_set_line_width(pdf.cr, 0.6);
  const double table_w = kPageW - 2 * kMargin;
  int page = 1;

  auto footer = [&]() {
    pdf.font("Noto Sans 8");
    cairo_set_source_rgb(pdf.cr, 0.35, 0.35, 0.35);
    pdf.draw(doc.title + " — trang " + std::to_string(page), kMargin, kPageH - kMargin + 10, table_w,
             PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(pdf.cr, 0, 0, 0);
  };
  auto header = [&](double y) {
    pdf.font("Noto Sans Bold 9");
    double h = 0;
    for (int c = 0; c < 6; ++c) h = std::max(h, pdf.measure(kHeaders[c], kWidths[c] - 2 * kPad, PANGO_ALIGN_CENTER));
    h += 2 * kPad;
    double x = kMargin;
    for (int c = 0; c < 6; ++c) {
      cairo_rectangle(pdf.cr, x, y, kWidths[c], h);
      cairo_set_source_rgb(pdf.cr, 0.87, 0.90, 0.94);
      cairo_fill_preserve(pdf.cr);
      cairo_set_source_rgb(pdf.cr, 0, 0, 0);
      cairo_stroke(pdf.cr);
      pdf.draw(kHeaders[c], x + kPad, y + kPad, kWidths[c] - 2 * kPad, PANGO_ALIGN_CENTER);
      x += kWidths[c];
    }
    return y + h;
  };

  // Title block (first page only).
  double y = kMargin;
  pdf.font("Noto Sans Bold 10");
  pdf.draw(doc.issuer, kMargin, y, 340, PANGO_ALIGN_CENTER);
  pdf.draw("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", kMargin + table_w - 320, y,
           320, PANGO_ALIGN_CENTER);
  y += 44;
  pdf.font("Noto Sans Bold 15");
  y += pdf.measure(doc.title, table_w, PANGO_ALIGN_CENTER);
  pdf.draw(doc.title, kMargin, y - pdf.measure(doc.title, table_w, PANGO_ALIGN_CENTER), table_w,
           PANGO_ALIGN_CENTER);
  if (!doc.subtitle.empty()) {
    pdf.font("Noto Sans 11");
    double h = pdf.measure(doc.subtitle, table_w, PANGO_ALIGN_CENTER);
    pdf.draw(doc.subtitle, kMargin, y + 2, table_w, PANGO_ALIGN_CENTER);
    y += h + 2;
  }
  if (!doc.as_of.empty()) {
    pdf.font("Noto Sans Italic 9.5");
    double h = pdf.measure(doc.as_of, table_w, PANGO_ALIGN_CENTER);
    pdf.draw(doc.as_of, kMargin, y + 2, table_w, PANGO_ALIGN_CENTER);
    y += h + 2;
  }
  y += 12;
  y = header(y);

  if (doc.rows.empty()) {
    pdf.font("Noto Sans Italic 10");
    pdf.draw("Chưa có báo cáo định kỳ nào được công bố.", kMargin, y + 8, table_w, PANGO_ALIGN_CENTER);
  }
  for (size_t i = 0; i < doc.rows.size(); ++i) {
    auto cells = cellsOf(i, doc.rows[i]);
    pdf.font("Noto Sans 9");
    double h = 0;
    for (int c = 0; c < 6; ++c)
      h = std::max(h, pdf.measure(cells[static_cast<size_t>(c)], kWidths[c] - 2 * kPad));
    h += 2 * kPad;
    if (y + h > kPageH - kMargin) {
      footer();
      cairo_show_page(pdf.cr);
      ++page;
      y = header(kMargin);
      pdf.font("Noto Sans 9");
    }
    double x = kMargin;
    for (int c = 0; c < 6; ++c) {
      cairo_rectangle(pdf.cr, x, y, kWidths[c], h);
      cairo_stroke(pdf.cr);
      if (c == 1) pdf.font("Noto Sans Bold 9");
      pdf.draw(cells[static_cast<size_t>(c)], x + kPad, y + kPad, kWidths[c] - 2 * kPad,
               c == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      if (c == 1) pdf.font("Noto Sans 9");
      x += kWidths[c];
    }
    y += h;
  }
  footer();
  cairo_show_page(pdf.cr);
  g_object_unref(pdf.layout);
  pdf.layout = nullptr;
  cairo_destroy(pdf.cr);
  pdf.cr = nullptr;
  cairo_surface_finish(pdf.surface);
  if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
    return makeError(ErrorCode::Internal, "Không ghi được tệp PDF");
  return out;
}

core::Result<std::string> catalogXlsx(const CatalogDocument& doc) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/baocao-catalog-XXXXXX.xlsx";
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) return makeError(ErrorCode::Internal, "Không tạo được tệp tạm để ghi XLSX");
  ::close(fd);
  struct Unlink {
    std::string p;
    ~Unlink() { std::remove(p.c_str()); }
  } guard{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return makeError(ErrorCode::Internal, "Không tạo được sổ tính XLSX");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Danh mục");
  auto fmt = [&](bool bold, bool border, bool center, double size) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, center ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f);
    return f;
  };
  lxw_format* issuer = fmt(true, false, true, 11);
  lxw_format* title = fmt(true, false, true, 14);
  lxw_format* sub = fmt(false, false, true, 12);
  lxw_format* head = fmt(true, true, true, 11);
  format_set_bg_color(head, 0xDDE6F0);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* cell = fmt(false, true, false, 11);
  lxw_format* name = fmt(true, true, false, 11);
  lxw_format* num = fmt(false, true, true, 11);
  const double widths[] = {6, 45, 40, 28, 22, 40, 28};
  for (int c = 0; c < 7; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
  worksheet_merge_range(ws, 0, 0, 0, 2, doc.issuer.c_str(), issuer);
  worksheet_merge_range(ws, 0, 3, 0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", issuer);
  worksheet_merge_range(ws, 1, 3, 1, 6, "Độc lập - Tự do - Hạnh phúc", issuer);
  worksheet_set_row(ws, 3, 22, nullptr);
  worksheet_merge_range(ws, 3, 0, 3, 6, doc.title.c_str(), title);
  int r = 4;
  if (!doc.subtitle.empty()) worksheet_merge_range(ws, r, 0, r, 6, doc.subtitle.c_str(), sub), ++r;
  if (!doc.as_of.empty()) worksheet_merge_range(ws, r, 0, r, 6, doc.as_of.c_str(), sub), ++r;
  ++r;
  const int header_row = r;
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, r, c, kHeaders[c], head);
  worksheet_write_string(ws, r, 6, "Phương thức gửi, nhận báo cáo", head);
  worksheet_set_row(ws, r, 32, nullptr);
  ++r;
  for (size_t i = 0; i < doc.rows.size(); ++i, ++r) {
    auto cells = cellsOf(i, doc.rows[i]);
    worksheet_write_number(ws, r, 0, static_cast<double>(i + 1), num);
    for (int c = 1; c < 6; ++c)
      worksheet_write_string(ws, r, c, cells[static_cast<size_t>(c)].c_str(), c == 1 ? name : cell);
    worksheet_write_string(ws, r, 6, doc.rows[i].send_methods.c_str(), cell);
  }
  worksheet_freeze_panes(ws, header_row + 1, 0);
  worksheet_repeat_rows(ws, header_row, header_row);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 0);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return makeError(ErrorCode::Internal, std::string("Không ghi được XLSX: ") + lxw_strerror(err));
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace baocao::exchange
