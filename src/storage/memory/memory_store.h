// In-memory Store: the faithful twin of the SQL adapter, for unit tests and `--store=memory`.
//
// Semantics match storage/sql exactly (same error codes, ordering, folding search, level
// computation, optimistic locking); tests/contract runs one suite on both. A read Tx sees the
// snapshot committed when it began; a write Tx works on a private copy of the state and swaps it
// in on commit, so destroying an uncommitted Tx discards everything. Write transactions are
// serialised by a mutex held for the Tx lifetime (a thread must not open a second write Tx while
// it holds one: it would wait 30 s and then get StorageError).
// Thread-safety: the Store is shared by all threads; a Tx belongs to one thread at a time.
#pragma once

#include <memory>

#include "core/ports/store.h"

namespace baocao::storage::memory {

/// An empty store; migrate() returns the same schema version as the SQL store.
std::unique_ptr<core::ports::Store> makeMemoryStore();

}  // namespace baocao::storage::memory
