// In-memory index of the organisation tree's parent links, for fast scope checks
// (is unit U inside the subtree of grant unit G?) on every request.
//
// Loaded lazily from the store and invalidated after any change to the tree. With ~17,000
// units (the whole country, current and historic) it holds ~1 MB.
// Thread-safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/ports/store.h"
#include "core/security/account.h"

namespace baocao::app {

class OrgIndex {
 public:
  explicit OrgIndex(core::ports::Store& store) : store_(store) {}
  /// True when `unit` is `ancestor` or lies below it.
  bool isAncestorOrSelf(int64_t ancestor, int64_t unit);
  /// `root` and every unit below it.
  std::vector<int64_t> subtree(int64_t root);
  /// Every unit reached by the grants whose role passes `role_ok` (the unit, plus its subtree
  /// when the grant includes it), sorted and without duplicates.
  std::vector<int64_t> unitsInScope(const std::vector<core::security::Grant>& grants,
                                    const std::function<bool(core::security::Role)>& role_ok);
  /// Forces a reload on next use (call after every committed tree change).
  void invalidate();

 private:
  void ensureLoaded();
  core::ports::Store& store_;
  std::shared_mutex mu_;
  bool loaded_ = false;
  std::unordered_map<int64_t, int64_t> parent_;                 // child -> parent
  std::unordered_map<int64_t, std::vector<int64_t>> children_;  // parent -> children
};

}  // namespace baocao::app
