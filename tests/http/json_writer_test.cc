// The streaming writer used on hot list endpoints produces exactly the JSON of the views.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/views.h"
#include "http/api.h"
#include "http/json_writer.h"

namespace baocao::http {
namespace {

TEST(JsonWriter, OrgMatchesTheViewIncludingEscapes) {
  core::org::OrgUnit u;
  u.id = 42;
  u.code = "79.X";
  u.name = "Phòng \"Kế hoạch\" \\ Tổng hợp\n\t\x01 – Thủ Đức";
  u.type = core::org::OrgType::Division;
  u.parent_id = 7;
  u.level = 3;
  u.valid_from = core::Date::fromYmd(2025, 7, 1);
  u.version = 5;
  JsonWriter w;
  writeOrg(w, u, 12);
  auto parsed = nlohmann::json::parse(w.take());
  auto expected = app::views::org(u);
  expected["child_count"] = 12;
  EXPECT_EQ(parsed, expected);
}

TEST(JsonWriter, NestsArraysAndObjectsWithCommas) {
  JsonWriter w;
  w.beginObject().key("a").beginArray().value(1).value("x").null().value(true).endArray();
  w.key("b").beginObject().key("c").value(std::optional<int64_t>()).endObject().endObject();
  EXPECT_EQ(w.take(), R"({"a":[1,"x",null,true],"b":{"c":null}})");
}

}  // namespace
}  // namespace baocao::http
