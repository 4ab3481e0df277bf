// Organisation files: format dispatch and the checks shared by every format (org_io.h).
#include "exchange/org_io.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/common/text.h"
#include "exchange/org_io_detail.h"

namespace baocao::exchange {

using core::ErrorCode;
using core::makeError;

namespace detail {

void Errors::add(const Place& at, std::string_view what) {
  ++total_;
  if (details_.size() < kMaxErrors)
    details_.push_back({at.field, at.prefix + ": " + std::string(what)});
}

core::Error Errors::toError() const {
  std::string msg;
  if (total_ == 1) {
    msg = details_.front().message;
  } else {
    msg = "Tệp có " + std::to_string(total_) + " lỗi, không có dữ liệu nào được nhập";
    if (total_ > details_.size())
      msg += " (liệt kê " + std::to_string(details_.size()) + " lỗi đầu)";
    msg += ". Lỗi đầu tiên: " + details_.front().message;
  }
  return makeError(ErrorCode::InvalidFile, std::move(msg), details_);
}

std::string lowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string formatShare(double share) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, share);
  return std::string(buf, r.ptr);
}

std::optional<double> parseShare(std::string_view s) {
  std::string t(core::text::trim(s));
  std::replace(t.begin(), t.end(), ',', '.');
  if (t.empty()) return std::nullopt;
  double v = 0;
  auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string columnLetters(size_t col) {
  std::string s;
  size_t n = col + 1;
  while (n > 0) {
    s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return s;
}

void checkAndOrder(OrgFile& file, const UnitPlace& unit_at, const LinkPlace& link_at,
                   Errors& errs) {
  auto& units = file.units;
  const size_t n = units.size();
  std::unordered_map<std::string_view, size_t> index;
  index.reserve(n * 2);
  bool duplicates = false;
  for (size_t i = 0; i < n; ++i) {
    const auto& u = units[i].unit;
    if (auto st = core::org::validateUnit(u); !st) {
      const auto& d = st.error().details;
      std::string f = d.empty() ? "" : d.front().field;
      UnitField uf = f == "name"       ? UnitField::Name
                     : f == "valid_to" ? UnitField::ValidTo
                                       : UnitField::Code;
      errs.add(unit_at(i, uf), d.empty() ? st.error().message : d.front().message);
    }
    if (!u.code.empty()) {
      auto [it, fresh] = index.emplace(u.code, i);
      if (!fresh) {
        duplicates = true;
        errs.add(unit_at(i, UnitField::Code),
                 "mã '" + u.code + "' trùng với đơn vị ở " + unit_at(it->second, UnitField::Code).field);
      }
    }
    if (!units[i].parent_code.empty() && units[i].parent_code == u.code)
      errs.add(unit_at(i, UnitField::Parent), "đơn vị không thể là cấp trên của chính nó");
  }

  std::map<std::pair<std::string_view, std::string_view>, size_t> seen_links;
  for (size_t i = 0; i < file.links.size(); ++i) {
    const auto& l = file.links[i];
    if (l.from_code.empty() || l.to_code.empty()) {
      errs.add(link_at(i), "thiếu mã đơn vị cũ hoặc đơn vị kế thừa");
      continue;
    }
    if (l.from_code == l.to_code)
      errs.add(link_at(i), "đơn vị kế thừa trùng đơn vị cũ ('" + l.from_code + "')");
    if (!(l.share > 0.0 && l.share <= 1.0))
      errs.add(link_at(i), "tỷ lệ " + formatShare(l.share) + " phải lớn hơn 0 và không quá 1");
    auto [it, fresh] = seen_links.emplace(std::pair{std::string_view(l.from_code),
                                                    std::string_view(l.to_code)}, i);
    if (!fresh)
      errs.add(link_at(i), "liên kết '" + l.from_code + "' → '" + l.to_code + "' trùng với " +
                               link_at(it->second).field);
  }
  if (duplicates || errs.any()) return;

  // Parent-before-child order (stable) and cycles among the units of the file.
  std::vector<size_t> parent(n, SIZE_MAX);
  for (size_t i = 0; i < n; ++i) {
    auto it = index.find(units[i].parent_code);
    if (!units[i].parent_code.empty() && it != index.end()) parent[i] = it->second;
  }
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on the current path, 2 placed
  std::vector<size_t> order, path;
  order.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    path.clear();
    size_t cur = i;
    while (cur != SIZE_MAX && state[cur] == 0) {
      state[cur] = 1;
      path.push_back(cur);
      cur = parent[cur];
    }
    if (cur != SIZE_MAX && state[cur] == 1) {
      std::string chain;
      auto start = std::find(path.begin(), path.end(), cur);
      for (auto p = start; p != path.end(); ++p) chain += units[*p].unit.code + " → ";
      chain += units[cur].unit.code;
      errs.add(unit_at(cur, UnitField::Parent), "vòng lặp cấp trên: " + chain);
      for (size_t p : path) state[p] = 2;
      continue;
    }
    for (auto p = path.rbegin(); p != path.rend(); ++p) {
      state[*p] = 2;
      order.push_back(*p);
    }
  }
  if (errs.any()) return;
  bool identity = true;
  for (size_t i = 0; i < n && identity; ++i) identity = order[i] == i;
  if (!identity) {
    std::vector<OrgRow> sorted;
    sorted.reserve(n);
    for (size_t i : order) sorted.push_back(std::move(units[i]));
    units = std::move(sorted);
  }
}

}  // namespace detail

core::Result<OrgFormat> orgFormatFromName(std::string_view name) {
  std::string s(core::text::trim(name));
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  auto ends = [&](std::string_view ext) {
    return s == ext || (s.size() > ext.size() && s.compare(s.size() - ext.size(), ext.size(), ext) == 0 &&
                        s[s.size() - ext.size() - 1] == '.');
  };
  if (ends("json")) return OrgFormat::Json;
  if (ends("csv")) return OrgFormat::Csv;
  if (ends("xlsx")) return OrgFormat::Xlsx;
  return makeError(ErrorCode::UnsupportedMediaType,
                   "Định dạng tệp '" + std::string(name) +
                       "' không được hỗ trợ: chỉ nhận .json, .csv hoặc .xlsx",
                   {{"format", "chỉ nhận json, csv, xlsx"}});
}

std::string_view orgFormatExtension(OrgFormat f) {
  switch (f) {
    case OrgFormat::Json: return "json";
    case OrgFormat::Csv: return "csv";
    case OrgFormat::Xlsx: return "xlsx";
  }
  return "json";
}

std::string_view orgFormatMimeType(OrgFormat f) {
  switch (f) {
    case OrgFormat::Json: return "application/json";
    case OrgFormat::Csv: return "text/csv; charset=utf-8";
    case OrgFormat::Xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "application/octet-stream";
}

core::Result<OrgFile> readOrgFile(OrgFormat f, std::string_view bytes) {
  switch (f) {
    case OrgFormat::Json: return detail::readOrgJson(bytes);
    case OrgFormat::Csv: return detail::readOrgCsv(bytes);
    case OrgFormat::Xlsx: return detail::readOrgXlsx(bytes);
  }
  return makeError(ErrorCode::UnsupportedMediaType);
}

core::Result<std::string> writeOrgFile(OrgFormat f, const OrgFile& file) {
  for (size_t i = 0; i < file.units.size(); ++i) {
    if (auto bad = core::text::firstInvalidUtf8(file.units[i].unit.name))
      return makeError(ErrorCode::InvalidField,
                       "Đơn vị '" + file.units[i].unit.code + "': tên không phải UTF-8 hợp lệ (byte thứ " +
                           std::to_string(*bad + 1) + ")",
                       {{"name", "không phải UTF-8 hợp lệ"}});
  }
  for (const auto& l : file.links)
    if (!std::isfinite(l.share))
      return makeError(ErrorCode::InvalidField,
                       "Liên kết '" + l.from_code + "' → '" + l.to_code + "': tỷ lệ không phải số hữu hạn",
                       {{"share", "không phải số hữu hạn"}});
  switch (f) {
    case OrgFormat::Json: return detail::writeOrgJson(file);
    case OrgFormat::Csv: return detail::writeOrgCsv(file);
    case OrgFormat::Xlsx: return detail::writeOrgXlsx(file);
  }
  return makeError(ErrorCode::UnsupportedMediaType);
}

}  // namespace baocao::exchange
