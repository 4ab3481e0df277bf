#include "app/org_index.h"

#include <algorithm>
#include <mutex>

namespace baocao::app {

void OrgIndex::ensureLoaded() {
  {
    std::shared_lock lock(mu_);
    if (loaded_) return;
  }
  std::unique_lock lock(mu_);
  if (loaded_) return;
  parent_.clear();
  children_.clear();
  auto tx = store_.begin(core::ports::TxMode::Read);
  if (!tx) return;  // stays unloaded; scope checks fail closed
  auto rows = tx.value()->orgs().allParents();
  if (!rows) return;
  for (const auto& [id, parent] : rows.value()) {
    if (parent) {
      parent_[id] = *parent;
      children_[*parent].push_back(id);
    }
  }
  loaded_ = true;
}

bool OrgIndex::isAncestorOrSelf(int64_t ancestor, int64_t unit) {
  if (ancestor == unit) return true;
  ensureLoaded();
  std::shared_lock lock(mu_);
  int64_t cur = unit;
  for (int depth = 0; depth < 64; ++depth) {  // the tree is shallow; 64 guards against cycles
    auto it = parent_.find(cur);
    if (it == parent_.end()) return false;
    cur = it->second;
    if (cur == ancestor) return true;
  }
  return false;
}

std::vector<int64_t> OrgIndex::subtree(int64_t root) {
  ensureLoaded();
  std::shared_lock lock(mu_);
  std::vector<int64_t> out{root};
  for (size_t i = 0; i < out.size() && out.size() < 1000000; ++i) {
    auto it = children_.find(out[i]);
    if (it != children_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

std::vector<int64_t> OrgIndex::unitsInScope(
    const std::vector<core::security::Grant>& grants,
    const std::function<bool(core::security::Role)>& role_ok) {
  std::vector<int64_t> out;
  for (const auto& g : grants) {
    if (!role_ok(g.role)) continue;
    if (g.include_subtree) {
      auto sub = subtree(g.unit_id);
      out.insert(out.end(), sub.begin(), sub.end());
    } else {
      out.push_back(g.unit_id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void OrgIndex::invalidate() {
  std::unique_lock lock(mu_);
  loaded_ = false;
}

}  // namespace baocao::app
