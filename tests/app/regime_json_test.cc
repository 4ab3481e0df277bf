// Canonical JSON of regimes and forms: design → save → reload → identical (issue 4 point 8).
#include "app/regime_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace baocao::app {
namespace {

using nlohmann::json;

const char* kForm = R"({
  "code": "B01", "title": "Biểu 01: Một số chỉ tiêu chủ yếu", "note": "Kèm theo báo cáo tháng",
  "columns": [
    {"code": "KH", "label": "Kế hoạch năm"},
    {"code": "TH", "label": "Thực hiện tháng", "group": "Thực hiện"},
    {"code": "LK", "label": "Lũy kế", "group": "Thực hiện"},
    {"code": "CK", "label": "Cùng kỳ năm trước"},
    {"code": "SSCK", "label": "% so cùng kỳ", "unit": "%", "kind": "computed",
     "formula": "[LK] / [CK] * 100", "decimals": 1}],
  "rows": [
    {"code": "TTNS", "label": "Tổng thu ngân sách", "unit": "tỷ đồng", "kind": "subtotal"},
    {"code": "TTNS-ND", "label": "Thu nội địa", "unit": "tỷ đồng", "parent": "TTNS", "decimals": 1},
    {"code": "TTNS-XNK", "label": "Thu xuất nhập khẩu", "unit": "tỷ đồng", "parent": "TTNS"}],
  "cells": [{"row": "TTNS-XNK", "column": "KH", "kind": "disabled"}],
  "rules": [{"code": "R1", "scope": "row", "formula": "[LK] >= [TH]", "severity": "error",
             "message": "Lũy kế nhỏ hơn thực hiện tháng"},
            {"code": "R2", "formula": "[TTNS-ND.LK] <= 2 * [TTNS-ND.KH]", "severity": "warning",
             "message": "Vượt gấp đôi kế hoạch: cần giải trình"}],
  "sections": [{"code": "TM", "title": "Thuyết minh", "guidance": "Nêu nguyên nhân"}]
})";

TEST(RegimeJson, FormRoundTripIsIdentical) {
  auto f = regime_json::parseForm(json::parse(kForm));
  ASSERT_TRUE(f) << f.error().message;
  auto first = regime_json::form(*f).dump();
  auto again = regime_json::parseForm(json::parse(first));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *f);
  EXPECT_EQ(regime_json::form(*again).dump(), first);
  // defaults are spelled out
  auto j = json::parse(first);
  EXPECT_EQ(j["columns"][0]["kind"], "input");
  EXPECT_TRUE(j["columns"][0]["decimals"].is_null());
  EXPECT_EQ(j["sections"][0]["required"], true);
}

TEST(RegimeJson, UnknownKeysAndWrongTypesNameThePath) {
  auto j = json::parse(kForm);
  j["rows"][1]["colour"] = "red";
  auto f = regime_json::parseForm(j);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, core::ErrorCode::UnknownField);
  EXPECT_EQ(f.error().details.front().field, "rows[1].colour");
  j = json::parse(kForm);
  j["rows"][2]["kind"] = "sum";
  f = regime_json::parseForm(j);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().details.front().field, "rows[2].kind");
}

TEST(RegimeJson, DemoRegimesRoundTripAndValidate) {
  std::ifstream in(std::string(BAOCAO_REPO_ROOT) + "/data/regimes/demo-regimes.json");
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  auto all = json::parse(ss.str());
  ASSERT_GE(all["regimes"].size(), 3u);
  for (const auto& entry : all["regimes"]) {
    if (!entry["publish"].get<bool>()) continue;
    auto r = regime_json::parseRegime(entry["regime"]);
    ASSERT_TRUE(r) << r.error().message;
    auto s = core::regime::checkPublishable(*r);
    EXPECT_TRUE(s) << r->code << ": " << s.error().message;
    auto back = regime_json::parseBody(regime_json::body(*r));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, *r);
  }
}

}  // namespace
}  // namespace baocao::app
