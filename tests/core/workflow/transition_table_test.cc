// Exhaustive workflow test: every (internal steps × state × action × actor × amendment deadline)
// combination is run through apply() and allowedActions() and compared with
// tests/data/workflow/transitions.txt (first matching line wins; see the file's header).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/workflow/workflow.h"

namespace baocao::core::workflow {
namespace {

using security::Role;

struct Rule {
  int line = 0;
  std::set<std::string> steps, states, actions, actors, deadlines;  // empty = *
  std::string expected;
  int used = 0;
};

std::set<std::string> field(const std::string& f) {
  std::set<std::string> out;
  if (f == "*") return out;
  std::stringstream ss(f);
  std::string part;
  while (std::getline(ss, part, ',')) out.insert(part);
  return out;
}

bool matches(const std::set<std::string>& set, const std::string& v) {
  return set.empty() || set.count(v) > 0;
}

std::vector<Rule> loadRules() {
  std::ifstream in(std::string(BAOCAO_TEST_DATA) + "/workflow/transitions.txt");
  EXPECT_TRUE(in.good());
  std::vector<Rule> rules;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string steps, state, action, actor, deadline, arrow, expected;
    ss >> steps >> state >> action >> actor >> deadline >> arrow >> expected;
    EXPECT_EQ(arrow, "->") << "line " << n << ": " << line;
    Rule r{n, field(steps), field(state), field(action), field(actor), field(deadline), expected};
    for (const auto& s : r.states) EXPECT_TRUE(parseState(s)) << "line " << n << ": " << s;
    for (const auto& a : r.actions) EXPECT_TRUE(parseAction(a)) << "line " << n << ": " << a;
    if (expected[0] != '!') {
      EXPECT_TRUE(parseState(expected)) << "line " << n;
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

const std::map<std::string, Actor>& actors() {
  static const std::map<std::string, Actor> kActors = {
      {"officer", {1, {Role::DataEntry}, {}, false}},
      {"head", {2, {Role::Reviewer}, {}, false}},
      {"leader", {3, {Role::Approver}, {}, false}},
      {"delegate", {4, {Role::Reviewer}, {}, true}},
      {"sender", {5, {Role::Sender}, {}, false}},
      {"receiver", {6, {}, {Role::Aggregator}, false}},
      {"viewer", {7, {Role::Viewer, Role::UnitAdmin}, {}, false}},
      {"foreign_leader", {8, {}, {Role::Approver, Role::DataEntry}, false}},
      {"unit_aggregator", {9, {Role::Aggregator}, {}, false}},
  };
  return kActors;
}

std::string codeName(ErrorCode c) {
  switch (c) {
    case ErrorCode::InvalidTransition:
      return "!invalid_transition";
    case ErrorCode::Forbidden:
      return "!forbidden";
    case ErrorCode::DeadlinePassed:
      return "!deadline_passed";
    default:
      return "!other:" + std::string(codeId(c));
  }
}

TEST(WorkflowTransitionTable, EveryCombinationMatchesTheDataFile) {
  std::vector<Rule> rules = loadRules();
  ASSERT_GT(rules.size(), 10u);
  const Date today = Date::fromYmd(2026, 3, 19);
  int combinations = 0, allowed = 0;
  for (int steps : {1, 2, 3}) {
    for (State state : allStates()) {
      for (const auto& [actor_name, actor] : actors()) {
        for (const std::string deadline : {"open", "passed"}) {
          Situation s;
          s.state = state;
          s.config.internal_steps = steps;
          s.actor = actor;
          s.today = today;
          s.amendment_deadline = deadline == "open" ? today.addDays(6) : today.addDays(-1);
          const std::vector<Action> offered = allowedActions(s);
          std::set<Action> succeeded;
          for (Action action : allActions()) {
            ++combinations;
            Rule* rule = nullptr;
            for (auto& r : rules) {
              if (matches(r.steps, std::to_string(steps)) &&
                  matches(r.states, std::string(stateId(state))) &&
                  matches(r.actions, std::string(actionId(action))) &&
                  matches(r.actors, actor_name) && matches(r.deadlines, deadline)) {
                rule = &r;
                break;
              }
            }
            const std::string where = "steps=" + std::to_string(steps) +
                                      " state=" + std::string(stateId(state)) +
                                      " action=" + std::string(actionId(action)) +
                                      " actor=" + actor_name + " deadline=" + deadline;
            ASSERT_NE(rule, nullptr) << "no line matches " << where;
            ++rule->used;
            auto r = apply(s, action, "Lý do: số liệu chưa khớp");
            const std::string got =
                r.has_value() ? std::string(stateId(*r)) : codeName(r.error().code);
            EXPECT_EQ(got, rule->expected) << where << " (line " << rule->line << ")"
                                           << (r.has_value() ? "" : " — " + r.error().message);
            if (r.has_value()) {
              succeeded.insert(action);
              ++allowed;
            } else {
              EXPECT_FALSE(r.error().message.empty());
            }
          }
          // What the UI is offered is exactly what the server accepts.
          EXPECT_EQ(std::set<Action>(offered.begin(), offered.end()), succeeded)
              << "steps=" << steps << " state=" << stateId(state) << " actor=" << actor_name
              << " deadline=" << deadline;
        }
      }
    }
  }
  EXPECT_EQ(combinations, 3 * 8 * 12 * 9 * 2);
  EXPECT_GT(allowed, 50);
  for (const auto& r : rules)
    EXPECT_GT(r.used, 0) << "dead line " << r.line << " in transitions.txt";
}

TEST(WorkflowTransitionTable, EveryStateOfTheConfigurationIsReachableFromDraft) {
  // From Draft every state can be reached, except the steps a unit does not have: AwaitingCheck
  // needs 2 or 3 internal steps, Approved needs 3.
  for (int steps : {1, 2, 3}) {
    std::set<State> seen = {State::Draft};
    std::vector<State> todo = {State::Draft};
    while (!todo.empty()) {
      State s = todo.back();
      todo.pop_back();
      for (const auto& t : transitionTable()) {
        if (t.from != s || std::find(t.steps.begin(), t.steps.end(), steps) == t.steps.end())
          continue;
        if (seen.insert(t.to).second) todo.push_back(t.to);
      }
    }
    EXPECT_EQ(seen.count(State::AwaitingCheck), steps >= 2 ? 1u : 0u) << steps;
    EXPECT_EQ(seen.count(State::Approved), steps == 3 ? 1u : 0u) << steps;
    EXPECT_EQ(seen.size(), static_cast<size_t>(5 + steps)) << steps;
  }
}

}  // namespace
}  // namespace baocao::core::workflow
