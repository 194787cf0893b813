// Statements every new database connection runs first, before anything reads the file
// (before the schema check and the migrations). Empty by default (native builds).
//
// The browser build sets "PRAGMA locking_mode=EXCLUSIVE": its OPFS VFS has no shared
// memory, and SQLite can only open a WAL-mode database without shared memory in exclusive
// locking mode. Set once at startup, before opening; not thread-safe.
#pragma once

#include <string>

namespace invento::db {

void SetConnectionPrologue(std::string sql);

}  // namespace invento::db
