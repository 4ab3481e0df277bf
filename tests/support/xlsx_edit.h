// Test support: editing a workbook as a user saving it from Excel would — replacing the XML of
// one cell in one part of the .xlsx (libzip) — and finding a report cell's address in the hidden
// map of exchange/report_xlsx.h. Header-only; used by unit and HTTP tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <list>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "exchange/org_io_detail.h"

namespace baocao::testing::xlsx {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rewrites one part of the workbook, like a user saving it after an edit.
inline std::string patch(const std::string& xlsx, const std::string& part,
                         const std::function<std::string(std::string)>& edit) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(xlsx.data(), xlsx.size(), 0, &ze);
  zip_t* in = zip_open_from_source(src, ZIP_RDONLY, &ze);
  EXPECT_NE(in, nullptr);
  char path[] = "/tmp/baocao-report-test-XXXXXX";
  int fd = mkstemp(path);
  ::close(fd);
  zip_t* out = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, nullptr);
  std::list<std::string> keep;  // buffers must live (and stay put) until zip_close
  for (zip_int64_t i = 0; i < zip_get_num_entries(in, 0); ++i) {
    std::string name = zip_get_name(in, static_cast<zip_uint64_t>(i), 0);
    zip_stat_t st;
    zip_stat_index(in, static_cast<zip_uint64_t>(i), 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(in, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    if (name == part) data = edit(data);
    keep.push_back(std::move(data));
    zip_source_t* s = zip_source_buffer(out, keep.back().data(), keep.back().size(), 0);
    zip_file_add(out, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(out);
  zip_discard(in);
  std::string bytes = slurp(path);
  std::remove(path);
  return bytes;
}

// Replaces the XML of cell `ref` with `xml` ("" = a blank cell).
inline std::string setCell(const std::string& xlsx, const std::string& part,
                           const std::string& ref, const std::string& xml) {
  return patch(xlsx, part, [&](std::string s) {
    std::regex cell("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)");
    std::string out = std::regex_replace(s, cell, xml, std::regex_constants::format_first_only);
    EXPECT_NE(out, s) << "no cell " << ref << " in " << part;
    return out;
  });
}

inline std::string number(const std::string& ref, const std::string& v) {
  return "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
}
inline std::string inlineText(const std::string& ref, const std::string& v) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + v + "</t></is></c>";
}

// Address of a cell code, read from the hidden map of the workbook.
inline std::string addressOf(const std::string& xlsx, const std::string& code) {
  auto wb = exchange::detail::readXlsxWorkbook(xlsx).value();
  const auto* map = wb.sheet("#baocao");
  for (const auto& row : map->rows)
    if (row.cells.size() > 3 && row.cells[1].text == code) return row.cells[3].text;
  ADD_FAILURE() << "no " << code;
  return "";
}

}  // namespace baocao::testing::xlsx
