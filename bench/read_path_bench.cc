// Where the time of an authenticated tree read goes: the use case (one read transaction,
// three SQL queries) and the JSON of the answer, measured apart on a demo database.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/views.h"
#include "http/api.h"
#include "http/json_writer.h"
#include "server/demo.h"
#include "server/runtime.h"

namespace {

using namespace baocao;

struct Fixture {
  Fixture() {
    path = std::filesystem::temp_directory_path() / "baocao-read-bench.db";
    std::filesystem::remove(path);
    app::AppConfig c;
    c.hash.ops = 1;
    c.hash.mem_bytes = 64 * 1024;
    rt = std::move(server::Runtime::open("sqlite:" + path.string(), c, 4)).value();
    (void)server::seedDemo(*rt, std::string(BAOCAO_REPO_ROOT) + "/data");
    auto tx = rt->store().begin(core::ports::TxMode::Read);
    auto admin = tx.value()->users().getByUsername("quantri").value();
    actor.user_id = admin.id;
    actor.grants = tx.value()->users().grantsOf(admin.id).value();
    city = tx.value()->orgs().getByCode("79")->id;
  }
  std::filesystem::path path;
  std::unique_ptr<server::Runtime> rt;
  app::Actor actor;
  int64_t city = 0;
};

Fixture& fx() {
  static Fixture f;
  return f;
}

void BM_ListChildren(benchmark::State& state) {
  core::ports::OrgQuery q;
  q.parent_id = fx().city;
  q.limit = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto page = fx().rt->orgs().list(fx().actor, q);
    benchmark::DoNotOptimize(page);
  }
}

// The same answer built as nlohmann objects (what the views do; kept for comparison).
void BM_ListChildrenJson(benchmark::State& state) {
  core::ports::OrgQuery q;
  q.parent_id = fx().city;
  q.limit = static_cast<int>(state.range(0));
  auto page = fx().rt->orgs().list(fx().actor, q).value();
  for (auto _ : state) {
    nlohmann::json items = nlohmann::json::array();
    for (size_t i = 0; i < page.items.size(); ++i) {
      auto j = app::views::org(page.items[i]);
      j["child_count"] = page.child_counts[i];
      items.push_back(std::move(j));
    }
    std::string body = nlohmann::json{{"items", items}, {"total", page.total}}.dump();
    benchmark::DoNotOptimize(body);
  }
}

// What the server does now: the streaming writer (http::writeOrg).
void BM_ListChildrenWriter(benchmark::State& state) {
  core::ports::OrgQuery q;
  q.parent_id = fx().city;
  q.limit = static_cast<int>(state.range(0));
  auto page = fx().rt->orgs().list(fx().actor, q).value();
  for (auto _ : state) {
    http::JsonWriter w;
    w.beginObject().key("items").beginArray();
    for (size_t i = 0; i < page.items.size(); ++i) http::writeOrg(w, page.items[i], page.child_counts[i]);
    w.endArray().key("total").value(page.total).endObject();
    std::string body = w.take();
    benchmark::DoNotOptimize(body);
  }
}

BENCHMARK(BM_ListChildren)->Arg(1)->Arg(50);
BENCHMARK(BM_ListChildrenWriter)->Arg(1)->Arg(50);
BENCHMARK(BM_ListChildrenJson)->Arg(1)->Arg(50);

}  // namespace

BENCHMARK_MAIN();
