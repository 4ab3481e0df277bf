// SQL Store: SQLite (embedded default) and PostgreSQL 15 through one code path (SOCI 4.0).
//
// Connections come from a pool of `pool_size` sessions opened at start; a Tx holds one for its
// lifetime (begin() waits up to 30 s for a free one, then StorageError). SQLite runs in WAL mode
// with foreign keys on; write transactions use BEGIN IMMEDIATE and are additionally serialised
// in-process. PostgreSQL write transactions run at READ COMMITTED (the audit head is a row lock),
// read transactions at REPEATABLE READ READ ONLY so they see one snapshot, like SQLite and the
// memory store. No exception escapes: database failures become ErrorCode::StorageError with the
// database's message; unique-key violations become AlreadyExists naming the field.
// docs/storage.md describes the schema and the dialect differences.
// Thread-safety: the Store is shared by all threads; a Tx belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/common/result.h"
#include "core/ports/store.h"

namespace baocao::storage::sql {

/// Opens a store; does not migrate (call Store::migrate()).
/// url: "sqlite:PATH" (a file; the pool needs every connection to see the same database) or a
/// libpq URI "postgresql://user@host:port/db" (key=value conninfo after "postgresql:" works too).
/// InvalidField for an unknown scheme; StorageError when the database cannot be opened.
core::Result<std::unique_ptr<core::ports::Store>> openSqlStore(const std::string& url,
                                                               int pool_size = 8);

/// Runs one statement on a fresh connection outside any transaction (administration and test
/// set-up: CREATE DATABASE / DROP DATABASE). StorageError on failure.
core::Status executeSql(const std::string& url, const std::string& statement);

}  // namespace baocao::storage::sql
