#include "server/demo_regimes.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/regime_json.h"

namespace baocao::server {

using core::ErrorCode;
using core::makeError;

core::Status seedDemoRegimes(Runtime& rt, const std::string& data_dir) {
  return seedDemoRegimes(rt.regimes(), data_dir);
}

core::Status seedDemoRegimes(app::RegimeService& regimes, const std::string& data_dir) {
  const std::string path = data_dir + "/regimes/demo-regimes.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::InvalidFile, "Không mở được tệp '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded() || !doc.contains("regimes") || !doc["regimes"].is_array())
    return makeError(ErrorCode::InvalidFile, "Tệp '" + path + "' không đúng định dạng baocao-regimes/1");
  for (size_t i = 0; i < doc["regimes"].size(); ++i) {
    const auto& entry = doc["regimes"][i];
    auto r = app::regime_json::parseRegime(entry["regime"],
                                           "regimes[" + std::to_string(i) + "].regime");
    if (!r) return r.error();
    BAOCAO_ASSIGN(auto created, regimes.create(nullptr, std::move(r).value()));
    if (entry.value("publish", false))
      BAOCAO_TRY(regimes.publish(nullptr, created.head.id, created.head.version));
  }
  return core::ok();
}

}  // namespace baocao::server
