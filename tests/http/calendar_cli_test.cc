// `baocao calendar …` as the operator runs it (issue 3 point 5): the built binary, each command
// printing exactly one JSON line; without a database the computed statutory calendar, with one
// (given by --db, or ./data/baocao.db) its official schedules after `import-official`.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

namespace baocao::testing {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int status = -1;
  std::string out;
};

class CalendarCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("baocao-cli-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Runs the binary in an empty directory (no ./data/baocao.db) without BAOCAO_DB; stdout only,
  // or stdout and stderr together with `with_stderr`.
  RunResult run(const std::string& args, bool with_stderr = false) {
    std::string cmd = "cd '" + dir_.string() + "' && env -u BAOCAO_DB '" BAOCAO_BIN "' " + args +
                      (with_stderr ? " 2>&1" : " 2>/dev/null");
    RunResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
  }
  std::string official2026() const {
    return std::string(BAOCAO_REPO_ROOT) + "/tests/data/calendar/official_2026.csv";
  }
  fs::path dir_;
};

TEST_F(CalendarCli, LunarAndSolar) {
  auto r = run("calendar lunar --date 2026-02-17");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "{\"date\":\"2026-02-17\",\"lunar\":{\"year\":2026,\"month\":1,\"day\":1,\"leap\":false}}\n");
  r = run("calendar solar --lunar 2025-6-1 --leap");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "{\"date\":\"2025-07-25\",\"lunar\":{\"year\":2025,\"month\":6,\"day\":1,\"leap\":true}}\n");
  r = run("calendar solar --lunar 2025-6-1");  // the ordinary 6th month
  EXPECT_EQ(r.out, "{\"date\":\"2025-06-25\",\"lunar\":{\"year\":2025,\"month\":6,\"day\":1,\"leap\":false}}\n");
}

TEST_F(CalendarCli, HolidaysAndPeriodWithoutADatabaseAreComputed) {
  auto r = run("calendar holidays --year 2026");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            R"j([{"date":"2026-01-01","name":"Tết Dương lịch","kind":"statutory"},)j"
            R"j({"date":"2026-02-16","name":"Tết Nguyên đán (giao thừa)","kind":"statutory"},)j"
            R"j({"date":"2026-02-17","name":"Tết Nguyên đán (mùng 1)","kind":"statutory"},)j"
            R"j({"date":"2026-02-18","name":"Tết Nguyên đán (mùng 2)","kind":"statutory"},)j"
            R"j({"date":"2026-02-19","name":"Tết Nguyên đán (mùng 3)","kind":"statutory"},)j"
            R"j({"date":"2026-02-20","name":"Tết Nguyên đán (mùng 4)","kind":"statutory"},)j"
            R"j({"date":"2026-04-26","name":"Giỗ Tổ Hùng Vương","kind":"statutory"},)j"
            R"j({"date":"2026-04-27","name":"Nghỉ bù Giỗ Tổ Hùng Vương","kind":"compensatory"},)j"
            R"j({"date":"2026-04-30","name":"Ngày Chiến thắng","kind":"statutory"},)j"
            R"j({"date":"2026-05-01","name":"Ngày Quốc tế Lao động","kind":"statutory"},)j"
            R"j({"date":"2026-09-01","name":"Quốc khánh (ngày liền kề)","kind":"statutory"},)j"
            R"j({"date":"2026-09-02","name":"Quốc khánh","kind":"statutory"}])j"
            "\n");
  r = run("calendar period --id 202603 --levels 2");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            "{\"id\":\"202603\",\"type\":\"monthly\",\"start\":\"2026-02-15\",\"end\":\"2026-03-14\","
            "\"deadlines\":[\"2026-03-18\",\"2026-03-23\"]}\n");
  r = run("calendar period --id 202603");
  EXPECT_EQ(r.out,
            "{\"id\":\"202603\",\"type\":\"monthly\",\"start\":\"2026-02-15\",\"end\":\"2026-03-14\","
            "\"deadlines\":[\"2026-03-18\"]}\n");
  EXPECT_FALSE(fs::exists(dir_ / "data")) << "reading must not create a database";
}

TEST_F(CalendarCli, ImportOfficialThenHolidaysAndPeriodUseIt) {
  const std::string db = "--db 'sqlite:" + (dir_ / "t.db").string() + "'";
  auto r = run("calendar import-official '" + official2026() + "' " + db);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            "{\"imported\":[{\"year\":2026,\"source\":\"Official holiday schedule 2026 for state "
            "bodies (lịch nghỉ lễ, Tết chính thức năm 2026).\",\"days_off\":25,\"workdays\":2}],"
            "\"db\":\"sqlite\"}\n");
  r = run("calendar holidays --year 2026 " + db);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind(R"j([{"date":"2026-01-01","name":"Tết Dương lịch","kind":"official"},)j"
                        R"j({"date":"2026-01-02","name":"Tết Dương lịch","kind":"official"},)j",
                        0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find(R"j({"date":"2026-01-10","name":"Làm bù cho thứ Sáu 02/01/2026","kind":"workday"})j"),
            std::string::npos);
  // Thursday 1 Jan is off in both; 2 Jan only in the official schedule
  EXPECT_EQ(run("calendar period --id 2026W01 " + db).out,
            "{\"id\":\"2026W01\",\"type\":\"weekly\",\"start\":\"2025-12-25\",\"end\":\"2025-12-31\","
            "\"deadlines\":[\"2026-01-05\"]}\n");
  EXPECT_EQ(run("calendar period --id 2026W01").out,
            "{\"id\":\"2026W01\",\"type\":\"weekly\",\"start\":\"2025-12-25\",\"end\":\"2025-12-31\","
            "\"deadlines\":[\"2026-01-02\"]}\n");
  // ./data/baocao.db is used when no --db is given
  fs::create_directories(dir_ / "data");
  fs::copy_file(dir_ / "t.db", dir_ / "data" / "baocao.db");
  EXPECT_NE(run("calendar period --id 2026W01").out.find("2026-01-05"), std::string::npos);
}

TEST_F(CalendarCli, ErrorsExitNonZeroWithNothingOnStdout) {
  auto r = run("calendar period --id 2026Q5");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  r = run("calendar lunar --date 2026-02-30");
  EXPECT_EQ(r.status, 2);
  r = run("calendar solar --lunar 2026-6-1 --leap");  // 2026 has no leap 6th month
  EXPECT_EQ(r.status, 2);
  // a bad file changes nothing
  const auto bad = dir_ / "bad.csv";
  FILE* f = fopen(bad.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("date,kind,name\n2026-01-02,official,Tết\n2026-01-05,workday,Thứ Hai\n"
        "2026-02-30,official,Ngày không có\n",
        f);
  fclose(f);
  const std::string db = "--db 'sqlite:" + (dir_ / "t.db").string() + "'";
  r = run("calendar import-official '" + bad.string() + "' " + db, true);
  EXPECT_EQ(r.status, 2);
  // every bad line is named, not only the first (like the web import)
  EXPECT_NE(r.out.find("dòng 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dòng 4"), std::string::npos) << r.out;
  EXPECT_NE(run("calendar period --id 2026W01 " + db).out.find("2026-01-02"), std::string::npos);
}

}  // namespace
}  // namespace baocao::testing
