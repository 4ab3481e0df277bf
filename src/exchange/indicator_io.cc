// Indicator catalog files (indicator_io.h): the column layout over the shared CSV/XLSX table
// readers and writers of org_io_detail.h.
#include "exchange/indicator_io.h"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "core/common/text.h"
#include "exchange/org_io_detail.h"

namespace baocao::exchange {

using core::ErrorCode;
using core::makeError;
using core::text::trim;
namespace ind = core::indicator;
using detail::Cell;
using detail::Errors;
using detail::Place;
using detail::Table;

namespace {

constexpr std::string_view kColumns[] = {
    "ma",        "ten",          "don_vi_tinh", "kieu_gia_tri",    "so_thap_phan", "linh_vuc",
    "ma_co_quan", "can_cu_phap_ly", "ky_cong_bo", "chieu",         "tong_hop_don_vi", "trong_so",
    "tong_hop_thoi_gian", "phan_to", "cong_thuc", "ghi_chu"};
enum Col {
  kCode, kName, kUnit, kType, kDecimals, kSector, kAgency, kLegal, kPeriodicity, kDirection,
  kUnitAgg, kWeight, kTimeAgg, kBreakdowns, kFormula, kNote, kColCount
};
constexpr const char* kHint = "ma,ten,don_vi_tinh,kieu_gia_tri,…";
const std::vector<double> kWidths = {14, 60, 14, 12, 8, 24, 12, 40, 16, 10, 16, 12, 16, 40, 30, 40};

std::string lowerAscii(std::string_view s) {
  std::string r(s);
  for (auto& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

/// Leading '#' comment lines (and blank lines) of a CSV file: removed, their count returned.
size_t stripComments(std::string_view& bytes) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (bytes.substr(0, 3) == kBom) bytes.remove_prefix(3);
  size_t lines = 0;
  for (;;) {
    size_t end = bytes.find('\n');
    std::string_view line = bytes.substr(0, end);
    std::string_view t = trim(line);
    if (!(t.empty() || t[0] == '#') || end == std::string_view::npos) break;
    bytes.remove_prefix(end + 1);
    ++lines;
  }
  return lines;
}

core::Result<std::vector<IndicatorRow>> tableToRows(const Table& t) {
  Errors errs;
  auto cellPlace = [&](size_t row, size_t col, std::string_view name) {
    if (t.xlsx) {
      std::string ref = detail::columnLetters(col) + std::to_string(row);
      return Place{ref, "Ô " + ref + ", cột '" + std::string(name) + "'"};
    }
    return Place{"dòng " + std::to_string(row), "Dòng " + std::to_string(row) + ", cột '" + std::string(name) + "'"};
  };
  auto rowPlace = [&](size_t row) {
    return Place{"dòng " + std::to_string(row), "Dòng " + std::to_string(row)};
  };
  std::vector<std::optional<size_t>> col(kColCount);
  std::vector<bool> used(t.header.size(), false);
  for (size_t c = 0; c < t.header.size(); ++c) {
    std::string name = lowerAscii(trim(t.header[c]));
    if (name.empty()) continue;
    int k = -1;
    for (int i = 0; i < kColCount; ++i)
      if (kColumns[i] == name) k = i;
    if (k < 0) {
      errs.add(cellPlace(t.header_row, c, name), "cột không được hỗ trợ (xem docs/data-sources.md)");
      continue;
    }
    if (col[k]) {
      errs.add(cellPlace(t.header_row, c, name), "cột bị lặp lại");
      continue;
    }
    col[k] = c;
    used[c] = true;
  }
  for (int req : {kCode, kName})
    if (!col[req]) errs.add(rowPlace(t.header_row), "thiếu cột bắt buộc '" + std::string(kColumns[req]) + "'");
  if (errs.any()) return errs.toError();

  std::vector<IndicatorRow> out;
  std::unordered_map<std::string, size_t> first_row;
  static const Cell kEmpty{};
  for (const auto& row : t.rows) {
    bool blank = true;
    for (const auto& c : row.cells) blank = blank && trim(c.text).empty();
    if (blank) continue;
    bool row_ok = true;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      std::string name = c < t.header.size() ? lowerAscii(trim(t.header[c])) : "";
      if (auto bad = core::text::firstInvalidUtf8(row.cells[c].text)) {
        errs.add(cellPlace(row.number, c, name), "không phải UTF-8 hợp lệ (byte thứ " + std::to_string(*bad + 1) + " của ô)");
        row_ok = false;
      } else if ((c >= used.size() || !used[c]) && !trim(row.cells[c].text).empty()) {
        errs.add(cellPlace(row.number, c, name), "có dữ liệu nhưng cột không có tên hợp lệ ở dòng tiêu đề");
        row_ok = false;
      }
    }
    if (!row_ok) continue;
    auto text = [&](int k) -> std::string {
      if (!col[k] || *col[k] >= row.cells.size()) return std::string(kEmpty.text);
      return std::string(trim(row.cells[*col[k]].text));
    };
    auto place = [&](int k) { return cellPlace(row.number, col[k].value_or(0), kColumns[k]); };
    size_t errs_before = errs.total();
    IndicatorRow r;
    r.line = row.number;
    ind::Indicator& i = r.indicator;
    i.code = text(kCode);
    i.name = text(kName);
    i.unit_of_measure = text(kUnit);
    i.sector = text(kSector);
    r.agency_code = text(kAgency);
    i.legal_basis = text(kLegal);
    i.periodicity = text(kPeriodicity);
    i.weight_code = text(kWeight);
    i.formula = text(kFormula);
    i.note = text(kNote);
    auto enumCell = [&](int k, auto parse, auto& dst) {
      std::string v = text(k);
      if (v.empty()) return;
      auto p = parse(v);
      if (p) {
        dst = *p;
      } else {
        std::string msg = p.error().details.empty() ? p.error().message : p.error().details.front().message;
        errs.add(place(k), msg);
      }
    };
    i.value_type = ind::ValueType::Number;
    enumCell(kType, ind::parseValueType, i.value_type);
    enumCell(kDirection, ind::parseDirection, i.direction);
    enumCell(kUnitAgg, ind::parseUnitAggregation, i.unit_aggregation);
    enumCell(kTimeAgg, ind::parseTimeAggregation, i.time_aggregation);
    if (std::string d = text(kDecimals); !d.empty()) {
      if (d.size() == 1 && d[0] >= '0' && d[0] <= '9') i.decimals = d[0] - '0';
      else errs.add(place(kDecimals), "'" + d + "' không phải số chữ số thập phân (0 đến 6)");
    }
    if (std::string b = text(kBreakdowns); !b.empty()) {
      auto p = parseBreakdowns(b);
      if (p) i.breakdowns = std::move(p).value();
      else errs.add(place(kBreakdowns), p.error().message);
    }
    if (errs.total() == errs_before) {
      if (auto v = ind::validateIndicator(i); !v) {
        // "Trường 'x': …" becomes the cell of column x when the field is a column.
        const auto& d = v.error().details;
        std::string field = d.empty() ? "" : d.front().field;
        static const std::unordered_map<std::string, int> kFieldCol = {
            {"code", kCode}, {"name", kName}, {"unit_of_measure", kUnit}, {"value_type", kType},
            {"decimals", kDecimals}, {"sector", kSector}, {"legal_basis", kLegal},
            {"periodicity", kPeriodicity}, {"direction", kDirection},
            {"unit_aggregation", kUnitAgg}, {"weight_code", kWeight}, {"time_aggregation", kTimeAgg},
            {"formula", kFormula}, {"note", kNote}};
        auto fc = kFieldCol.find(field);
        if (fc != kFieldCol.end() && col[fc->second]) errs.add(place(fc->second), d.front().message);
        else if (field.rfind("breakdowns", 0) == 0 && col[kBreakdowns])
          errs.add(place(kBreakdowns), d.empty() ? v.error().message : d.front().message);
        else errs.add(rowPlace(row.number), v.error().message);
      } else if (auto [it, fresh] = first_row.emplace(i.code, row.number); !fresh) {
        errs.add(place(kCode), "mã '" + i.code + "' trùng với dòng " + std::to_string(it->second));
      }
    }
    out.push_back(std::move(r));
  }
  if (errs.any()) return errs.toError();
  return out;
}

}  // namespace

core::Result<IndicatorFormat> indicatorFormatFromName(std::string_view name) {
  std::string s = lowerAscii(trim(name));
  auto ends = [&](std::string_view ext) {
    return s == ext || (s.size() > ext.size() && s.compare(s.size() - ext.size(), ext.size(), ext) == 0 &&
                        s[s.size() - ext.size() - 1] == '.');
  };
  if (ends("csv")) return IndicatorFormat::Csv;
  if (ends("xlsx")) return IndicatorFormat::Xlsx;
  return makeError(ErrorCode::UnsupportedMediaType,
                   "Định dạng tệp '" + std::string(name.substr(0, 100)) +
                       "' không được hỗ trợ: danh mục chỉ tiêu chỉ nhận .csv hoặc .xlsx",
                   {{"format", "chỉ nhận csv, xlsx"}});
}

std::string_view indicatorFormatExtension(IndicatorFormat f) {
  return f == IndicatorFormat::Csv ? "csv" : "xlsx";
}
std::string_view indicatorFormatMimeType(IndicatorFormat f) {
  return f == IndicatorFormat::Csv ? "text/csv; charset=utf-8"
                                   : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

std::string formatBreakdowns(const std::vector<ind::Breakdown>& b) {
  std::string out;
  for (const auto& d : b) {
    if (!out.empty()) out += '|';
    out += d.code + "=" + d.name + ":";
    for (size_t k = 0; k < d.parts.size(); ++k) {
      if (k) out += ',';
      out += d.parts[k].code + "=" + d.parts[k].name;
    }
  }
  return out;
}

core::Result<std::vector<ind::Breakdown>> parseBreakdowns(std::string_view text) {
  std::vector<ind::Breakdown> out;
  size_t n = 0;
  for (auto raw : split(text, '|')) {
    ++n;
    std::string_view item = trim(raw);
    std::string pre = "phân tổ " + std::to_string(n) + " '" + std::string(item.substr(0, 80)) + "': ";
    auto fail = [&](const std::string& why) {
      return makeError(ErrorCode::InvalidField, pre + why, {{"phan_to", pre + why}});
    };
    size_t colon = item.find(':');
    if (colon == std::string_view::npos) return fail("thiếu ':' giữa tên phân tổ và các thành phần (ma=Tên:ma=Tên,ma=Tên)");
    std::string_view head = item.substr(0, colon);
    size_t eq = head.find('=');
    if (eq == std::string_view::npos) return fail("thiếu '=' giữa mã và tên phân tổ");
    ind::Breakdown d;
    d.code = std::string(trim(head.substr(0, eq)));
    d.name = std::string(trim(head.substr(eq + 1)));
    for (auto praw : split(item.substr(colon + 1), ',')) {
      std::string_view p = trim(praw);
      size_t peq = p.find('=');
      if (peq == std::string_view::npos) return fail("thành phần '" + std::string(p) + "' thiếu '=' giữa mã và tên");
      d.parts.push_back({std::string(trim(p.substr(0, peq))), std::string(trim(p.substr(peq + 1)))});
    }
    out.push_back(std::move(d));
  }
  return out;
}

core::Result<std::vector<IndicatorRow>> readIndicatorFile(IndicatorFormat f, std::string_view bytes) {
  if (f == IndicatorFormat::Csv) {
    size_t skipped = stripComments(bytes);
    BAOCAO_ASSIGN(auto t, detail::readCsvTable(bytes, kHint));
    t.header_row += skipped;
    for (auto& r : t.rows) r.number += skipped;
    return tableToRows(t);
  }
  BAOCAO_ASSIGN(auto t, detail::readXlsxTable(bytes, kHint));
  return tableToRows(t);
}

core::Result<std::vector<FigureRow>> readFiguresCsv(std::string_view bytes) {
  size_t skipped = stripComments(bytes);
  BAOCAO_ASSIGN(auto t, detail::readCsvTable(bytes, "ma,ky,loai,gia_tri,uoc_tinh,nguon"));
  static constexpr std::string_view kCols[] = {"ma", "ky", "loai", "gia_tri", "uoc_tinh", "nguon"};
  Errors errs;
  std::vector<size_t> at(6, SIZE_MAX);
  for (size_t c = 0; c < t.header.size(); ++c)
    for (size_t k = 0; k < 6; ++k)
      if (lowerAscii(trim(t.header[c])) == kCols[k]) at[k] = c;
  for (size_t k = 0; k < 4; ++k)
    if (at[k] == SIZE_MAX)
      errs.add({"dòng " + std::to_string(t.header_row + skipped), "Dòng " + std::to_string(t.header_row + skipped)},
               "thiếu cột bắt buộc '" + std::string(kCols[k]) + "'");
  if (errs.any()) return errs.toError();
  std::vector<FigureRow> out;
  for (const auto& row : t.rows) {
    auto cell = [&](size_t k) -> std::string {
      return at[k] < row.cells.size() ? std::string(trim(row.cells[at[k]].text)) : std::string();
    };
    size_t line = row.number + skipped;
    Place place{"dòng " + std::to_string(line), "Dòng " + std::to_string(line)};
    if (cell(0).empty() && cell(1).empty() && cell(3).empty()) continue;
    FigureRow f;
    f.line = line;
    f.code = cell(0);
    f.period = cell(1);
    std::string kind = cell(2);
    if (kind == "ke_hoach") f.target = true;
    else if (kind != "thuc_hien") errs.add(place, "cột 'loai': '" + kind + "' không hợp lệ (thuc_hien, ke_hoach)");
    if (auto p = ind::parsePlanPeriod(f.period, "ky"); !p)
      errs.add(place, p.error().message);
    else if (!f.target && p->fiveYear())
      errs.add(place, "cột 'ky': kết quả thực hiện ghi theo một năm");
    std::string v = cell(3);
    char* end = nullptr;
    f.value = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size()) errs.add(place, "cột 'gia_tri': '" + v + "' không phải số (dấu chấm thập phân)");
    f.estimate = cell(4) == "1";
    f.source = cell(5);
    out.push_back(std::move(f));
  }
  if (errs.any()) return errs.toError();
  return out;
}

core::Result<std::string> writeIndicatorFile(IndicatorFormat f, const std::vector<IndicatorRow>& rows) {
  std::vector<std::vector<std::string>> table;
  table.reserve(rows.size() + 1);
  table.emplace_back(std::begin(kColumns), std::end(kColumns));
  for (const auto& r : rows) {
    const auto& i = r.indicator;
    if (!core::text::isValidUtf8(i.name))
      return makeError(ErrorCode::InvalidField, "Chỉ tiêu '" + i.code + "': tên không phải UTF-8 hợp lệ",
                       {{"name", "không phải UTF-8"}});
    table.push_back({i.code, i.name, i.unit_of_measure, std::string(ind::valueTypeId(i.value_type)),
                     std::to_string(i.decimals), i.sector, r.agency_code, i.legal_basis, i.periodicity,
                     std::string(ind::directionId(i.direction)),
                     std::string(ind::unitAggregationId(i.unit_aggregation)), i.weight_code,
                     std::string(ind::timeAggregationId(i.time_aggregation)),
                     formatBreakdowns(i.breakdowns), i.formula, i.note});
  }
  if (f == IndicatorFormat::Csv) return detail::writeCsvRows(table);
  return detail::writeXlsxRows(table, "chi_tieu", kWidths);
}

}  // namespace baocao::exchange
