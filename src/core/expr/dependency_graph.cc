#include "core/expr/dependency_graph.h"

#include <algorithm>
#include <set>

namespace baocao::core::expr {
namespace {

void sortUnique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

const std::vector<std::string>& empty() {
  static const std::vector<std::string> kEmpty;
  return kEmpty;
}

}  // namespace

Result<DependencyGraph> DependencyGraph::build(const std::map<std::string, Formula>& formulas) {
  DependencyGraph g;
  for (const auto& [code, formula] : formulas) {
    Entry e;
    for (const Reference& r : formula.references()) {
      e.references.push_back(r.code);
      if (r.shift.isCurrent()) e.dependencies.push_back(r.code);
    }
    sortUnique(e.references);
    sortUnique(e.dependencies);
    g.entries_.emplace(code, std::move(e));
  }

  // Kahn's algorithm over computed indicators only; the ready set is ordered by code.
  std::map<std::string_view, int> waiting;  // computed dependencies not yet placed
  std::map<std::string_view, std::vector<std::string_view>> readers;
  for (const auto& [code, e] : g.entries_) {
    int n = 0;
    for (const std::string& d : e.dependencies) {
      if (g.entries_.count(d) != 0) {
        ++n;
        readers[d].push_back(code);
      }
    }
    waiting[code] = n;
  }
  std::set<std::string_view> ready;
  for (const auto& [code, n] : waiting)
    if (n == 0) ready.insert(code);
  while (!ready.empty()) {
    const std::string_view code = *ready.begin();
    ready.erase(ready.begin());
    g.order_.emplace_back(code);
    for (std::string_view r : readers[code])
      if (--waiting[r] == 0) ready.insert(r);
  }
  if (g.order_.size() == g.entries_.size()) return g;

  // A cycle remains among the unplaced codes. Walk from the smallest one along unplaced
  // dependencies (each has one, else it would have been placed) until a code repeats.
  std::vector<std::string_view> path;
  std::map<std::string_view, size_t> seen;
  std::string_view cur;
  for (const auto& [code, n] : waiting) {
    if (n > 0) {
      cur = code;
      break;
    }
  }
  while (seen.count(cur) == 0) {
    seen[cur] = path.size();
    path.push_back(cur);
    for (const std::string& d : g.entries_.find(cur)->second.dependencies) {
      auto w = waiting.find(d);
      if (w != waiting.end() && w->second > 0) {
        cur = w->first;
        break;
      }
    }
  }
  std::vector<std::string_view> cycle(path.begin() + static_cast<long>(seen[cur]), path.end());
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  std::string msg = "vòng lặp: ";
  for (std::string_view c : cycle) msg += std::string(c) + " → ";
  msg += std::string(cycle.front());
  return makeError(ErrorCode::InvalidFormula, msg);
}

std::vector<std::string> DependencyGraph::cycleThrough(const std::map<std::string, Formula>& formulas,
                                                      std::string_view code) {
  // Same-period dependencies of a computed code, sorted and distinct.
  auto deps = [&](const std::string& c) {
    std::vector<std::string> out;
    auto it = formulas.find(c);
    if (it == formulas.end()) return out;
    for (const Reference& r : it->second.references())
      if (r.shift.isCurrent() && formulas.count(r.code) != 0) out.push_back(r.code);
    sortUnique(out);
    return out;
  };
  const std::string start(code);
  if (formulas.count(start) == 0) return {};
  // Iterative depth-first search; `path` holds the codes from `start` to the current one.
  struct Frame {
    std::string code;
    std::vector<std::string> next;
    size_t i = 0;
  };
  std::vector<Frame> stack;
  std::set<std::string> done;  // explored without finding `start`
  stack.push_back({start, deps(start), 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.i == f.next.size()) {
      done.insert(f.code);
      stack.pop_back();
      continue;
    }
    const std::string d = f.next[f.i++];
    if (d == start) {
      std::vector<std::string> cycle;
      for (const Frame& x : stack) cycle.push_back(x.code);
      cycle.push_back(start);
      return cycle;
    }
    if (done.count(d) != 0) continue;
    bool on_path = false;
    for (const Frame& x : stack) on_path = on_path || x.code == d;
    if (on_path) continue;  // a cycle that does not pass through `start`
    stack.push_back({d, deps(d), 0});
  }
  return {};
}

const std::vector<std::string>& DependencyGraph::references(std::string_view code) const {
  auto it = entries_.find(code);
  return it == entries_.end() ? empty() : it->second.references;
}

const std::vector<std::string>& DependencyGraph::dependencies(std::string_view code) const {
  auto it = entries_.find(code);
  return it == entries_.end() ? empty() : it->second.dependencies;
}

std::vector<std::string> DependencyGraph::affectedBy(std::string_view code) const {
  std::set<std::string, std::less<>> dirty{std::string(code)};
  std::vector<std::string> out;
  for (const std::string& c : order_) {  // dependencies come first, so one pass suffices
    const auto& deps = entries_.find(c)->second.dependencies;
    if (std::any_of(deps.begin(), deps.end(), [&](const std::string& d) { return dirty.count(d); })) {
      dirty.insert(c);
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace baocao::core::expr
