#include "server/calendar_cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/calendar_service.h"
#include "core/common/text.h"
#include "http/calendar_import.h"
#include "server/runtime.h"

namespace baocao::server {

namespace fs = std::filesystem;
namespace cal = core::calendar;
namespace cj = app::calendar_json;
using nlohmann::json;

namespace {

constexpr const char* kLocalDb = "data/baocao.db";

int fail(const core::Error& e) {
  std::fprintf(stderr, "lỗi [%s]: %s\n", std::string(core::codeId(e.code)).c_str(),
               e.message.c_str());
  for (const auto& d : e.details)
    std::fprintf(stderr, "  - %s: %s\n", d.field.c_str(), d.message.c_str());
  return 2;
}

int print(const nlohmann::ordered_json& j) {
  std::printf("%s\n", j.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
  return 0;
}

core::Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return core::makeError(core::ErrorCode::InvalidFile, "Không đọc được tệp '" + path + "'",
                           {{"file", "không đọc được"}});
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

struct CalendarCli::Options {
  CLI::App* cmd = nullptr;
  CLI::App *lunar = nullptr, *solar = nullptr, *holidays = nullptr, *period = nullptr,
           *import = nullptr;
  std::string db;
  std::string date, lunar_text, id, file, source;
  bool leap = false;
  int year = 0;
  std::map<std::string, std::string> rule;  // deadline-rule options, by their API names
};

CalendarCli::CalendarCli(CLI::App& app) : o_(std::make_unique<Options>()) {
  Options& o = *o_;
  o.cmd = app.add_subcommand("calendar", "Lịch báo cáo: âm lịch, ngày nghỉ, kỳ và hạn báo cáo");
  o.cmd->require_subcommand(1);
  auto addDb = [&o](CLI::App* sub, const std::string& help) {
    sub->add_option("--db", o.db, help)->envname("BAOCAO_DB");
  };
  const std::string read_db =
      "sqlite:ĐƯỜNG_DẪN hoặc postgresql://… (mặc định ./data/baocao.db nếu có, không thì lịch "
      "tính theo luật)";

  o.lunar = o.cmd->add_subcommand("lunar", "Đổi ngày dương lịch sang âm lịch");
  o.lunar->add_option("--date", o.date, "Ngày dương lịch YYYY-MM-DD")->required();

  o.solar = o.cmd->add_subcommand("solar", "Đổi ngày âm lịch sang dương lịch");
  o.solar->add_option("--lunar", o.lunar_text, "Ngày âm lịch NĂM-THÁNG-NGÀY, ví dụ 2025-6-1")
      ->required();
  o.solar->add_flag("--leap", o.leap, "Tháng nhuận");

  o.holidays = o.cmd->add_subcommand("holidays", "Ngày nghỉ lễ, nghỉ bù và làm bù của một năm");
  o.holidays->add_option("--year", o.year, "Năm (1900–2100)")->required();
  addDb(o.holidays, read_db);

  o.period = o.cmd->add_subcommand("period", "Thời gian chốt số liệu và hạn gửi của một kỳ");
  o.period->add_option("--id", o.id, "Mã kỳ: 2026W09, 202603, 2026Q1, 2026S1, 2026N9, 2026, 2021-2025")
      ->required();
  auto ruleOpt = [&o](const char* flag, const char* key, const char* help) {
    o.period->add_option_function<std::string>(
        flag, [&o, key](const std::string& v) { o.rule[key] = v; }, help);
  };
  ruleOpt("--levels", "levels", "Số hạn: 1 = đơn vị báo cáo, k = thêm k-1 cấp tổng hợp (mặc định 1)");
  ruleOpt("--window", "window", "regulation (mặc định), calendar hoặc day_of_month");
  ruleOpt("--cut-off-day", "cut_off_day", "Ngày chốt số liệu trong tháng (với day_of_month)");
  ruleOpt("--unit-days", "unit_days", "Số ngày làm việc sau ngày chốt cho đơn vị (mặc định 3)");
  ruleOpt("--level-days", "level_days", "Số ngày làm việc mỗi cấp tổng hợp thêm (mặc định 3)");
  ruleOpt("--approval-day", "approval_day", "Ngày lãnh đạo duyệt trong tháng cuối kỳ (ví dụ 24)");
  ruleOpt("--also", "also", "Các loại kỳ khác chế độ cũng báo cáo, ví dụ quarterly,yearly");
  addDb(o.period, read_db);

  o.import = o.cmd->add_subcommand(
      "import-official", "Nạp lịch nghỉ chính thức (CSV date,kind,name hoặc JSON) vào cơ sở dữ liệu");
  o.import->add_option("file", o.file, "Tệp CSV hoặc .json")->required()->check(CLI::ExistingFile);
  o.import->add_option("--source", o.source,
                       "Văn bản công bố lịch (mặc định: dòng chú thích # đầu tiên của tệp)");
  addDb(o.import, "sqlite:ĐƯỜNG_DẪN (mặc định sqlite:data/baocao.db) hoặc postgresql://…");
}

CalendarCli::~CalendarCli() = default;

bool CalendarCli::parsed() const { return o_->cmd->parsed(); }

int CalendarCli::run() {
  Options& o = *o_;
  if (o.lunar->parsed()) {
    auto date = core::Date::parseIso(o.date);
    if (!date) {
      core::Error e = date.error();
      e.message = "Tùy chọn '--date': " + e.message;
      return fail(e);
    }
    auto l = app::CalendarService::toLunar(*date);
    if (!l) return fail(l.error());
    return print(cj::conversion(*date, *l));
  }
  if (o.solar->parsed()) {
    auto l = app::parseLunarDate(o.lunar_text, o.leap, "--lunar");
    if (!l) return fail(l.error());
    auto date = app::CalendarService::toSolar(*l);
    if (!date) return fail(date.error());
    return print(cj::conversion(*date, *l));
  }

  // The rest needs the calendar data: the database given, the local one, or none (computed).
  std::string url = o.db;
  if (url.empty()) {
    if (o.import->parsed() || fs::exists(kLocalDb)) url = std::string("sqlite:") + kLocalDb;
    else url = "memory:";
  }
  auto rt = Runtime::open(url, app::AppConfig{}, 1);
  if (!rt) return fail(rt.error());
  app::CalendarService& calendar = rt.value()->calendar();

  if (o.holidays->parsed()) {
    auto days = calendar.holidays(o.year);
    if (!days) return fail(days.error());
    return print(cj::days(*days));
  }
  if (o.period->parsed()) {
    auto rule = app::parseDeadlineRule(o.rule);
    if (!rule) return fail(rule.error());
    auto s = calendar.period(o.id, *rule);
    if (!s) return fail(s.error());
    return print(cj::periodSchedule(*s));
  }
  if (o.import->parsed()) {
    auto text = readFile(o.file);
    if (!text) return fail(text.error());
    std::vector<cal::OfficialSchedule> schedules;
    if (fs::path(o.file).extension() == ".json") {
      json j;
      try {
        j = json::parse(*text);
      } catch (const json::parse_error& e) {
        return fail(core::makeError(core::ErrorCode::InvalidJson,
                                    "Tệp '" + o.file + "': JSON không hợp lệ tại ký tự " +
                                        std::to_string(e.byte)));
      }
      for (const auto& item : j.is_array() ? j : json::array({j})) {
        auto s = cj::parseOfficial(item, std::nullopt);
        if (!s) return fail(s.error());
        if (!o.source.empty()) s->source = o.source;
        schedules.push_back(std::move(s).value());
      }
    } else {
      std::string source = o.source.empty() ? http::sourceFromComments(*text) : o.source;
      auto rest = calendar.restDays();
      if (!rest) return fail(rest.error());
      // every bad line, like the web import (http/calendar_import.h)
      auto parsed = http::parseOfficialCsvReportingAll(*text, source, *rest);
      if (!parsed) return fail(parsed.error());
      schedules = std::move(parsed).value();
    }
    auto rep = calendar.importOfficial(nullptr, std::move(schedules));
    if (!rep) return fail(rep.error());
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& s : *rep) items.push_back(cj::summary(s));
    return print(nlohmann::ordered_json{{"imported", items}, {"db", rt.value()->store().kind()}});
  }
  return 0;
}

}  // namespace baocao::server
