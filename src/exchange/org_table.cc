// The table layout of organisation files shared by CSV and XLSX (org_io_detail.h):
//
//   ma | ten | loai | ma_cap_tren | hieu_luc_tu | hieu_luc_den | ke_thua
//
// One unit per row. Columns are found by their header name (any order; ma, ten, loai are
// required). Dates are YYYY-MM-DD or DD/MM/YYYY (XLSX date cells are accepted too).
// `ke_thua` lists the successors of the row's unit:
//   "ma_moi[:kieu[:ty_le[:ngay_hieu_luc]]];…"  e.g. "79:merge:1:2025-07-01"
// kieu defaults to merge, ty_le to 1, ngay_hieu_luc to the day after hieu_luc_den.
// Thread-safety: pure functions.
#include <cmath>
#include <unordered_map>

#include "core/common/text.h"
#include "exchange/org_io_detail.h"

namespace baocao::exchange::detail {

using core::Date;
using core::ErrorCode;
using core::makeError;
using core::text::trim;

namespace {

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

/// Parses a date cell; nullopt = empty. `err` receives the message on failure.
std::optional<Date> parseCellDate(const Cell& c, bool date1904, std::string& err) {
  std::string_view t = trim(c.text);
  if (t.empty()) return std::nullopt;
  if (c.numeric) {
    auto v = parseShare(t);  // any finite number
    if (!v || *v < 1 || *v > 2958465 || std::floor(*v) != *v) {
      err = "ô số '" + std::string(t) + "' không phải một ngày";
      return std::nullopt;
    }
    auto serial = static_cast<int32_t>(*v);
    // 1900 system: serial 25569 = 1970-01-01 (valid from 1900-03-01, serial 61).
    return Date::fromDays(date1904 ? serial - 24107 : serial - 25569);
  }
  // DD/MM/YYYY (also D/M/YYYY), the way dates are written in Vietnam.
  if (t.find('/') != std::string_view::npos) {
    auto parts = split(t, '/');
    auto num = [](std::string_view p, size_t maxlen, int& out) {
      if (p.empty() || p.size() > maxlen) return false;
      out = 0;
      for (char ch : p) {
        if (ch < '0' || ch > '9') return false;
        out = out * 10 + (ch - '0');
      }
      return true;
    };
    int d = 0, m = 0, y = 0;
    if (parts.size() == 3 && num(parts[0], 2, d) && num(parts[1], 2, m) && parts[2].size() == 4 &&
        num(parts[2], 4, y) && Date::isValidYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d)))
      return Date::fromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    err = "ngày '" + std::string(t) + "' không hợp lệ (dùng YYYY-MM-DD hoặc DD/MM/YYYY)";
    return std::nullopt;
  }
  auto r = Date::parseIso(t);
  if (!r) {
    err = lowerFirst(r.error().message);
    return std::nullopt;
  }
  return *r;
}

}  // namespace

core::Result<OrgFile> tableToOrgFile(const Table& t) {
  Errors errs;
  auto rowPlace = [&](size_t row) {
    return Place{"dòng " + std::to_string(row), "Dòng " + std::to_string(row)};
  };
  auto cellPlace = [&](size_t row, size_t col, std::string_view name) {
    if (t.xlsx) {
      std::string ref = columnLetters(col) + std::to_string(row);
      return Place{ref, "Ô " + ref + ", cột '" + std::string(name) + "'"};
    }
    return Place{"dòng " + std::to_string(row),
                 "Dòng " + std::to_string(row) + ", cột '" + std::string(name) + "'"};
  };

  // Header.
  std::unordered_map<std::string, size_t> col;
  std::vector<bool> used(t.header.size(), false);
  for (size_t c = 0; c < t.header.size(); ++c) {
    std::string name = lowerAscii(trim(t.header[c]));
    if (name.empty()) continue;
    bool known = false;
    for (auto k : kColumns) known = known || name == k;
    if (!known) {
      errs.add(cellPlace(t.header_row, c, name),
               "cột không được hỗ trợ (chỉ nhận ma, ten, loai, ma_cap_tren, hieu_luc_tu, "
               "hieu_luc_den, ke_thua)");
      continue;
    }
    if (col.count(name)) {
      errs.add(cellPlace(t.header_row, c, name), "cột bị lặp lại");
      continue;
    }
    col[name] = c;
    used[c] = true;
  }
  for (auto req : {kColCode, kColName, kColType})
    if (!col.count(std::string(req)))
      errs.add(rowPlace(t.header_row), "thiếu cột bắt buộc '" + std::string(req) + "'");
  if (errs.any()) return errs.toError();

  auto colOf = [&](std::string_view name) -> std::optional<size_t> {
    auto it = col.find(std::string(name));
    if (it == col.end()) return std::nullopt;
    return it->second;
  };
  const auto c_code = colOf(kColCode), c_name = colOf(kColName), c_type = colOf(kColType),
             c_parent = colOf(kColParent), c_from = colOf(kColFrom), c_to = colOf(kColTo),
             c_links = colOf(kColLinks);

  OrgFile file;
  std::vector<size_t> unit_rows;               // row number of each unit
  std::vector<size_t> link_rows;               // row number of each link
  static const Cell kEmpty{};
  file.units.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    bool blank = true;
    for (const auto& c : row.cells) blank = blank && trim(c.text).empty();
    if (blank) continue;
    auto cell = [&](std::optional<size_t> c) -> const Cell& {
      return c && *c < row.cells.size() ? row.cells[*c] : kEmpty;
    };
    bool row_ok = true;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      std::string name = c < t.header.size() ? lowerAscii(trim(t.header[c])) : "";
      if (auto bad = core::text::firstInvalidUtf8(row.cells[c].text)) {
        errs.add(cellPlace(row.number, c, name),
                 "không phải UTF-8 hợp lệ (byte thứ " + std::to_string(*bad + 1) + " của ô)");
        row_ok = false;
      } else if ((c >= used.size() || !used[c]) && !trim(row.cells[c].text).empty()) {
        errs.add(cellPlace(row.number, c, name), "có dữ liệu nhưng cột không có tên hợp lệ ở dòng tiêu đề");
        row_ok = false;
      }
    }
    if (!row_ok) continue;

    OrgRow u;
    u.unit.code = std::string(trim(cell(c_code).text));
    u.unit.name = std::string(trim(cell(c_name).text));
    std::string type(trim(cell(c_type).text));
    if (type.empty()) {
      errs.add(cellPlace(row.number, *c_type, kColType), "không được để trống");
    } else if (auto ty = core::org::parseOrgType(type)) {
      u.unit.type = *ty;
    } else {
      errs.add(cellPlace(row.number, *c_type, kColType),
               "loại đơn vị '" + type + "' không hợp lệ (province, department, commune, district, "
                                        "public_service, vertical, division)");
    }
    u.parent_code = std::string(trim(cell(c_parent).text));
    std::string err;
    if (c_from) {
      err.clear();
      u.unit.valid_from = parseCellDate(cell(c_from), t.date1904, err);
      if (!err.empty()) errs.add(cellPlace(row.number, *c_from, kColFrom), err);
    }
    if (c_to) {
      err.clear();
      u.unit.valid_to = parseCellDate(cell(c_to), t.date1904, err);
      if (!err.empty()) errs.add(cellPlace(row.number, *c_to, kColTo), err);
    }
    if (c_links) {
      std::string_view text = trim(cell(c_links).text);
      size_t item_no = 0;
      for (auto raw : split(text, ';')) {
        std::string_view item = trim(raw);
        if (item.empty()) continue;
        ++item_no;
        auto place = cellPlace(row.number, *c_links, kColLinks);
        std::string pre = "mục " + std::to_string(item_no) + " '" + std::string(item) + "': ";
        auto parts = split(item, ':');
        if (parts.size() > 4) {
          errs.add(place, pre + "quá nhiều phần (ma_moi:kieu:ty_le:ngay_hieu_luc)");
          continue;
        }
        OrgLinkRow l;
        l.from_code = u.unit.code;
        l.to_code = std::string(trim(parts[0]));
        bool ok = true;
        if (l.to_code.empty()) {
          errs.add(place, pre + "thiếu mã đơn vị kế thừa");
          ok = false;
        }
        if (parts.size() > 1 && !trim(parts[1]).empty()) {
          auto k = core::org::parseLinkKind(trim(parts[1]));
          if (k) l.kind = *k;
          else {
            errs.add(place, pre + "kiểu '" + std::string(trim(parts[1])) +
                                "' không hợp lệ (merge, split, rename)");
            ok = false;
          }
        }
        if (parts.size() > 2 && !trim(parts[2]).empty()) {
          auto s = parseShare(parts[2]);
          if (s) l.share = *s;
          else {
            errs.add(place, pre + "tỷ lệ '" + std::string(trim(parts[2])) + "' không phải số");
            ok = false;
          }
        }
        if (parts.size() > 3 && !trim(parts[3]).empty()) {
          std::string derr;
          auto d = parseCellDate(Cell{std::string(trim(parts[3])), false}, false, derr);
          if (d) l.effective = *d;
          else {
            errs.add(place, pre + derr);
            ok = false;
          }
        } else if (u.unit.valid_to) {
          l.effective = u.unit.valid_to->addDays(1);
        } else {
          errs.add(place, pre + "thiếu ngày hiệu lực (ghi ma_moi:kieu:ty_le:YYYY-MM-DD hoặc điền "
                                "hieu_luc_den)");
          ok = false;
        }
        if (ok) {
          file.links.push_back(std::move(l));
          link_rows.push_back(row.number);
        }
      }
    }
    file.units.push_back(std::move(u));
    unit_rows.push_back(row.number);
  }
  if (errs.any()) return errs.toError();

  auto unit_at = [&](size_t i, UnitField f) {
    switch (f) {
      case UnitField::Name: return cellPlace(unit_rows[i], *c_name, kColName);
      case UnitField::Type: return cellPlace(unit_rows[i], *c_type, kColType);
      case UnitField::Parent:
        return c_parent ? cellPlace(unit_rows[i], *c_parent, kColParent) : rowPlace(unit_rows[i]);
      case UnitField::ValidFrom:
        return c_from ? cellPlace(unit_rows[i], *c_from, kColFrom) : rowPlace(unit_rows[i]);
      case UnitField::ValidTo:
        return c_to ? cellPlace(unit_rows[i], *c_to, kColTo) : rowPlace(unit_rows[i]);
      case UnitField::Links:
        return c_links ? cellPlace(unit_rows[i], *c_links, kColLinks) : rowPlace(unit_rows[i]);
      case UnitField::Code: break;
    }
    return cellPlace(unit_rows[i], *c_code, kColCode);
  };
  auto link_at = [&](size_t i) { return cellPlace(link_rows[i], c_links.value_or(0), kColLinks); };
  checkAndOrder(file, unit_at, link_at, errs);
  if (errs.any()) return errs.toError();
  return file;
}

core::Result<std::vector<std::vector<std::string>>> orgFileToTable(const OrgFile& file) {
  std::unordered_map<std::string_view, std::string> links;
  std::unordered_map<std::string_view, size_t> present;
  for (size_t i = 0; i < file.units.size(); ++i) present.emplace(file.units[i].unit.code, i);
  for (const auto& l : file.links) {
    if (!present.count(l.from_code))
      return makeError(ErrorCode::InvalidField,
                       "Liên kết '" + l.from_code + "' → '" + l.to_code + "': đơn vị cũ '" +
                           l.from_code +
                           "' không có trong tệp nên không ghi được vào cột ke_thua (dùng JSON)",
                       {{"links", "đơn vị cũ không có trong tệp"}});
    auto& s = links[l.from_code];
    if (!s.empty()) s += ';';
    s += l.to_code + ':' + std::string(core::org::linkKindId(l.kind)) + ':' + formatShare(l.share) +
         ':' + l.effective.iso();
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(file.units.size() + 1);
  rows.emplace_back(std::begin(kColumns), std::end(kColumns));
  for (const auto& r : file.units) {
    auto it = links.find(r.unit.code);
    rows.push_back({r.unit.code, r.unit.name, std::string(core::org::orgTypeId(r.unit.type)),
                    r.parent_code, r.unit.valid_from ? r.unit.valid_from->iso() : "",
                    r.unit.valid_to ? r.unit.valid_to->iso() : "",
                    it == links.end() ? "" : it->second});
  }
  return rows;
}

}  // namespace baocao::exchange::detail
