// In-memory twin of the notification, digest and announcement tables (storage/sql/
// sql_notify.cc): the data lives in NotifyTables, a value member of the memory store's State,
// so a write Tx works on its private copy like every other table. Same error codes, messages
// and ordering as the SQL adapter (tests/contract/notify_store_test.cc).
// Thread-safety: a repository belongs to its Tx (one thread at a time).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "core/ports/notify_repository.h"

namespace baocao::storage::memory {

struct NotifyTables {
  std::map<int64_t, core::ports::Notification> notifications;
  std::map<std::pair<int64_t, std::string>, int64_t> by_dedupe;  // (user, key) -> id
  std::map<int64_t, core::ports::Digest> digests;
  std::map<int64_t, core::notify::Announcement> announcements;
  int64_t next_notification = 1, next_digest = 1, next_announcement = 1;
};

struct NotifyTablesAccess {
  std::function<core::Status()> live;
  std::function<const NotifyTables&()> read;
  std::function<NotifyTables*()> write;  // nullptr in a read Tx
};

std::unique_ptr<core::ports::NotifyRepository> makeNotifyRepository(NotifyTablesAccess access);

}  // namespace baocao::storage::memory
