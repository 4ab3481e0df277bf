// Formula language, table-driven from tests/data/expr/*.txt (format in tests/data/expr/README.md):
// each block is a formula with the values of its references and the expected result or exact
// error message, or a set of computed indicators with their expected evaluation order or cycle.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/expr/dependency_graph.h"
#include "core/expr/evaluator.h"
#include "core/expr/formula.h"
#include "core/expr/type_check.h"

namespace baocao::core::expr {
namespace {

struct Case {
  std::string name;      // file_line, a valid test name
  std::string location;  // file:line, for failure messages
  std::vector<std::pair<std::string, std::string>> lines;  // key, value in order
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

std::vector<Case> loadCases() {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(std::string(BAOCAO_TEST_DATA) + "/expr")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    int line_no = 0;
    Case cur;
    auto flush = [&] {
      if (!cur.lines.empty()) cases.push_back(std::move(cur));
      cur = Case{};
    };
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (trim(line).empty()) {
        flush();
        continue;
      }
      if (line[0] == '#') continue;
      const size_t colon = line.find(':');
      if (colon == std::string::npos) {
        ADD_FAILURE() << path << ":" << line_no << ": expected 'key: value'";
        continue;
      }
      if (cur.lines.empty()) {
        cur.name = path.stem().string() + "_" + std::to_string(line_no);
        cur.location = path.filename().string() + ":" + std::to_string(line_no);
      }
      std::string value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);  // keep other spaces: they matter
      cur.lines.emplace_back(line.substr(0, colon), value);
    }
    flush();
  }
  return cases;
}

const std::vector<Case>& allCases() {
  static const std::vector<Case> cases = loadCases();
  return cases;
}

std::optional<ValueType> parseType(const std::string& s) {
  if (s == "number") return ValueType::Number;
  if (s == "boolean") return ValueType::Boolean;
  if (s == "text") return ValueType::Text;
  if (s == "date") return ValueType::Date;
  return std::nullopt;
}

// A literal in a `value:` line: 12.5, -3, "text" (quotes doubled), true, false, 2026-03-14, null.
Value parseLiteral(const std::string& s) {
  if (s == "null") return Value::null();
  if (s == "true" || s == "false") return Value::ofBool(s == "true");
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      out += s[i];
      if (s[i] == '"') ++i;
    }
    return Value::ofText(out);
  }
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    auto d = Date::parseIso(s);
    EXPECT_TRUE(d.has_value()) << s;
    return d ? Value::ofDate(*d) : Value::null();
  }
  auto d = Decimal::parse(s);
  EXPECT_TRUE(d.has_value()) << "bad literal " << s;
  return d ? Value::ofNumber(*d) : Value::null();
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

class ExprCase : public testing::TestWithParam<Case> {};

void runGraph(const Case& c) {
  std::map<std::string, Formula> formulas;
  std::optional<std::string> want_error;
  for (const auto& [key, value] : c.lines) {
    if (key != "define") continue;
    const size_t eq = value.find(" = ");
    ASSERT_NE(eq, std::string::npos) << "define: CODE = formula";
    auto f = Formula::parse(value.substr(eq + 3));
    ASSERT_TRUE(f.has_value()) << f.error().message;
    formulas.emplace(value.substr(0, eq), std::move(f).value());
  }
  auto g = DependencyGraph::build(formulas);
  for (const auto& [key, value] : c.lines) {
    if (key == "define") continue;
    if (key == "cycle") {  // "cycle: CODE: A → B → A" (empty after the colon: none through CODE)
      const size_t colon = value.find(':');
      ASSERT_NE(colon, std::string::npos);
      std::string got;
      for (const auto& x : DependencyGraph::cycleThrough(formulas, value.substr(0, colon)))
        got += (got.empty() ? "" : " → ") + x;
      EXPECT_EQ(got, trim(value.substr(colon + 1))) << "cycle through " << value.substr(0, colon);
      continue;
    }
    if (key == "error") {
      ASSERT_FALSE(g.has_value()) << "expected error " << value;
      EXPECT_EQ(g.error().message, value);
      EXPECT_EQ(g.error().code, ErrorCode::InvalidFormula);
      continue;
    }
    ASSERT_TRUE(g.has_value()) << g.error().message;
    if (key == "order") {
      EXPECT_EQ(join(g->order()), value);
    } else if (key == "references" || key == "dependencies" || key == "affected") {
      const size_t colon = value.find(':');
      ASSERT_NE(colon, std::string::npos);
      const std::string code = value.substr(0, colon);
      const std::string want = trim(value.substr(colon + 1));
      const std::vector<std::string> got = key == "references"     ? g->references(code)
                                           : key == "dependencies" ? g->dependencies(code)
                                                                   : g->affectedBy(code);
      EXPECT_EQ(join(got), want) << key << " of " << code;
    } else {
      ADD_FAILURE() << "unknown key " << key;
    }
  }
}

TEST_P(ExprCase, GivesTheExpectedResultOrError) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.location);
  if (std::any_of(c.lines.begin(), c.lines.end(), [](auto& l) { return l.first == "define"; })) {
    runGraph(c);
    return;
  }
  std::optional<std::string> formula_text, expect, error, print, type, vietnamese;
  std::map<std::string, IndicatorInfo> declared, implied;
  std::map<std::string, Value> values;
  for (const auto& [key, value] : c.lines) {
    if (key == "formula") {
      formula_text = value;
    } else if (key == "expect") {
      expect = value;
    } else if (key == "error") {
      error = value;
    } else if (key == "print") {
      print = value;
    } else if (key == "type") {
      type = value;
    } else if (key == "vi") {
      vietnamese = value;
    } else if (key == "indicator") {
      auto w = words(value);
      ASSERT_GE(w.size(), 2u) << "indicator: CODE TYPE [PART...]";
      auto t = parseType(w[1]);
      ASSERT_TRUE(t.has_value()) << w[1];
      declared[w[0]] = IndicatorInfo{*t, std::vector<std::string>(w.begin() + 2, w.end())};
    } else if (key == "value") {
      const size_t eq = value.find(" = ");
      ASSERT_NE(eq, std::string::npos) << "value: REFERENCE = LITERAL";
      auto ref = Formula::parse(value.substr(0, eq));
      ASSERT_TRUE(ref.has_value() && ref->references().size() == 1) << value;
      const Reference& r = ref->references()[0];
      Value v = parseLiteral(value.substr(eq + 3));
      values[r.toString()] = v;
      IndicatorInfo& info = implied[r.code];
      info.type = v.type().value_or(ValueType::Number);
      if (!r.part.empty()) info.parts.push_back(r.part);
    } else {
      FAIL() << "unknown key '" << key << "'";
    }
  }
  ASSERT_TRUE(formula_text.has_value()) << "a case needs 'formula:'";
  ASSERT_NE(expect.has_value(), error.has_value()) << "a case needs exactly one of expect/error";

  auto result = [&]() -> Result<Value> {
    BAOCAO_ASSIGN(Formula f, Formula::parse(*formula_text));
    if (print) {
      EXPECT_EQ(f.toString(), *print);
    }
    // Canonical printing round-trips: parsing it gives the same canonical text.
    auto again = Formula::parse(f.toString());
    EXPECT_TRUE(again.has_value()) << f.toString();
    if (again) {
      EXPECT_EQ(again->toString(), f.toString());
    }
    BAOCAO_ASSIGN(ValueType t, checkTypes(f, [&](std::string_view code) -> std::optional<IndicatorInfo> {
      if (auto it = declared.find(std::string(code)); it != declared.end()) return it->second;
      if (auto it = implied.find(std::string(code)); it != implied.end()) return it->second;
      return std::nullopt;
    }));
    if (type) {
      EXPECT_EQ(typeName(t), typeName(*parseType(*type)));
    }
    return evaluate(f, [&](const Reference& r) {
      auto it = values.find(r.toString());
      return it == values.end() ? Value::null() : it->second;
    });
  }();
  if (error) {
    ASSERT_FALSE(result.has_value()) << "expected error '" << *error << "', got "
                                     << result->toString();
    EXPECT_EQ(result.error().message, *error);
    EXPECT_EQ(result.error().code, ErrorCode::InvalidFormula);
  } else {
    ASSERT_TRUE(result.has_value()) << "expected " << *expect << ", got error '"
                                    << result.error().message << "'";
    EXPECT_EQ(result->toString(), *expect);
    if (vietnamese) {
      ASSERT_EQ(result->type(), ValueType::Number);
      EXPECT_EQ(result->number().toVietnamese(), *vietnamese);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(DataFiles, ExprCase, testing::ValuesIn(allCases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(ExprCases, AtLeastEightyCasesAreLoadedFromTheDataFiles) {
  EXPECT_GE(allCases().size(), 80u);
}

}  // namespace
}  // namespace baocao::core::expr
