// `baocao calendar …`: the reporting calendar on the command line (issue 3 point 5). Each
// command prints exactly one JSON value on one line, in the shapes of the HTTP API
// (app::calendar_json):
//   calendar lunar --date 2026-02-17
//   calendar solar --lunar 2025-6-1 [--leap]
//   calendar holidays --year 2026
//   calendar period --id 202603 [--levels 2] [--window …] [--cut-off-day D] [--unit-days N]
//                   [--level-days M] [--approval-day D] [--also quarterly,yearly]
//   calendar import-official FILE [--source TEXT]      (CSV, or JSON when FILE ends in .json)
// holidays/period read the official schedules, rules and rest days of the database given by
// --db (or BAOCAO_DB), else of ./data/baocao.db when it exists, else use the computed statutory
// calendar. import-official writes to --db (default sqlite:data/baocao.db), all or nothing, and
// records "calendar.official_import" in the audit log as "cli".
// Thread-safety: built and run once from runCli().
#pragma once

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace baocao::server {

class CalendarCli {
 public:
  /// Adds the `calendar` subcommand (and its own subcommands) to `app`.
  explicit CalendarCli(CLI::App& app);
  ~CalendarCli();
  CalendarCli(const CalendarCli&) = delete;
  CalendarCli& operator=(const CalendarCli&) = delete;

  /// True when `calendar …` was given on the command line (after parsing).
  bool parsed() const;
  /// Runs the parsed command; returns the process exit code (0 ok, 2 error).
  int run();

 private:
  struct Options;
  std::unique_ptr<Options> o_;
};

}  // namespace baocao::server
