#include "server/demo_indicators.h"

#include <fstream>
#include <sstream>

#include "exchange/indicator_io.h"
#include "server/demo.h"

namespace baocao::server {

using core::ErrorCode;
using core::makeError;
namespace ind = core::indicator;
namespace tgt = core::target;

namespace {

core::Result<std::string> readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::InvalidFile, "Không mở được tệp '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

core::Result<std::vector<exchange::IndicatorRow>> readCatalog(const std::string& path) {
  BAOCAO_ASSIGN(auto bytes, readAll(path));
  auto rows = exchange::readIndicatorFile(exchange::IndicatorFormat::Csv, bytes);
  if (!rows) {
    core::Error e = rows.error();
    e.message = path + ": " + e.message;
    return e;
  }
  return rows;
}

}  // namespace

core::Status seedDemoIndicators(Runtime& rt, const std::string& data_dir) {
  const std::string dir = data_dir + "/indicators/";
  BAOCAO_ASSIGN(auto qd05, readCatalog(dir + "qd05-2023-tinh.csv"));
  BAOCAO_ASSIGN(auto hcm, readCatalog(dir + "hcmc-key-indicators.csv"));
  std::vector<app::IndicatorImportRow> rows;
  for (const auto* file : {&qd05, &hcm})
    for (const auto& r : *file) rows.push_back({r.indicator, r.agency_code, r.line});
  BAOCAO_TRY(rt.indicators().importCatalog(nullptr, rows));

  int64_t city = 0;
  {
    BAOCAO_ASSIGN(auto tx, rt.store().begin(core::ports::TxMode::Read));
    BAOCAO_ASSIGN(auto u, tx->orgs().getByCode("79"));
    city = u.id;
  }

  // Sets of 2026: the city's key indicators, the provincial statistical system (captured part)
  // and the commune level, whose rows (Phụ lục III) are not captured yet: created, unpublished.
  auto publishSet = [&](const std::string& code, const std::string& name, ind::SetLevel level,
                        const std::string& legal, const std::vector<exchange::IndicatorRow>& members,
                        const std::string& note) -> core::Status {
    ind::IndicatorSet s;
    s.code = code;
    s.name = name;
    s.period = {2026, 2026};
    s.level = level;
    s.owner_unit_id = city;
    s.legal_basis = legal;
    BAOCAO_ASSIGN(auto created, rt.indicators().createSet(nullptr, s));
    if (members.empty()) return core::ok();
    std::vector<app::IndicatorService::MemberSpec> spec;
    for (const auto& m : members) {
      std::string group = m.indicator.sector;
      if (group == "Kinh tế") group = "I. Kinh tế";
      else if (group == "Xã hội") group = "II. Xã hội";
      spec.push_back({m.indicator.code, group});
    }
    BAOCAO_TRY(rt.indicators().publish(nullptr, created.id, 0, spec, note));
    return core::ok();
  };
  BAOCAO_TRY(publishSet("HCM-KTXH-2026", "Chỉ tiêu chủ yếu phát triển kinh tế - xã hội TP. Hồ Chí Minh năm 2026",
                        ind::SetLevel::Province, "Nghị quyết HĐND Thành phố về kế hoạch phát triển kinh tế - xã hội năm 2026",
                        hcm, "Các chỉ tiêu dùng trong báo cáo của Thành phố (hcmc-key-indicators.md)"));
  BAOCAO_TRY(publishSet("QD05-TINH-2026", "Hệ thống chỉ tiêu thống kê cấp tỉnh (QĐ 05/2023/QĐ-TTg) áp dụng năm 2026",
                        ind::SetLevel::Province, "Quyết định 05/2023/QĐ-TTg, Phụ lục I", qd05,
                        "17/154 chỉ tiêu đã thu thập được từ nguồn công khai"));
  BAOCAO_TRY(publishSet("QD05-XA-2026", "Hệ thống chỉ tiêu thống kê cấp xã (QĐ 05/2023/QĐ-TTg) áp dụng năm 2026",
                        ind::SetLevel::Commune, "Quyết định 05/2023/QĐ-TTg, Phụ lục III", {}, ""));

  // Results and targets of the city. Targets: drafted by Sở Tài chính (the planning agency
  // since the 2025 merger) and assigned by the city's aggregator after the HĐND resolution.
  BAOCAO_ASSIGN(auto bytes, readAll(dir + "hcmc-figures.csv"));
  BAOCAO_ASSIGN(auto figures, exchange::readFiguresCsv(bytes));
  BAOCAO_ASSIGN(app::Actor assigner, demoActor(rt, "th.vp"));
  for (const auto& f : figures) {
    app::Actor system;
    BAOCAO_ASSIGN(auto i, rt.indicators().getByCode(system, f.code));
    if (!f.target) {
      tgt::Actual a;
      a.unit_id = city;
      a.indicator_id = i.id;
      a.year = std::stoi(f.period);
      a.value = f.value;
      a.estimate = f.estimate;
      a.source = f.source;
      BAOCAO_TRY(rt.targets().recordActual(nullptr, a));
      continue;
    }
    app::TargetService::Change c;
    c.plan_period = f.period;
    c.unit_id = city;
    c.indicator_id = i.id;
    c.value = f.value;
    c.owner_unit_id = city;
    c.comment = "Sở Tài chính trình trong dự thảo kế hoạch (" + f.source + ")";
    BAOCAO_TRY(rt.targets().registerTarget(nullptr, c));
    c.comment = "Giao theo kế hoạch được thông qua (" + f.source + ")";
    BAOCAO_TRY(rt.targets().assign(&assigner, c));
  }
  return core::ok();
}

}  // namespace baocao::server
