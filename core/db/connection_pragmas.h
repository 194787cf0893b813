// The SQLite settings of one connection, chosen by whoever opens the database and passed
// down (Core::Options::pragmas -> Db::Open). Nothing here is process-global: two
// connections in one process can use different settings.
//
// Defaults leave SQLite's own behaviour (rollback journal, synchronous=FULL, 2 MB cache,
// normal locking). Who sets what, and why:
//  - the sync server: WAL with synchronous=FULL, a 64 MiB cache, temp_store=MEMORY
//    (sync-server/db_settings.h);
//  - the browser worker: exclusive locking (its OPFS VFS has no shared memory, and SQLite
//    opens a WAL database without shared memory only in exclusive mode), WAL with
//    synchronous=NORMAL, a 16 MiB cache, a larger autocheckpoint (wasm/bindings.cc).
//
// Contract: Db::Open sets `exclusive_locking` before anything reads the file, and the rest
// right after the file is known to be a database, before the caller (Core::Open: the
// migrations) uses it. A pragma that fails makes Open fail with its Status.
#pragma once

#include <optional>
#include <string>

namespace invento::db {

enum class JournalMode { kDefault, kDelete, kWal };
enum class Synchronous { kDefault, kOff, kNormal, kFull };

struct ConnectionPragmas {
  bool exclusive_locking = false;          // PRAGMA locking_mode=EXCLUSIVE, before any read
  JournalMode journal_mode = JournalMode::kDefault;
  Synchronous synchronous = Synchronous::kDefault;
  bool temp_store_memory = false;          // PRAGMA temp_store=MEMORY
  std::optional<int> cache_size;           // PRAGMA cache_size (negative: KiB)
  std::optional<int> wal_autocheckpoint;   // PRAGMA wal_autocheckpoint (pages)
};

// The statements that apply everything but exclusive_locking, in order ("" when nothing).
std::string PragmaStatements(const ConnectionPragmas& pragmas);

}  // namespace invento::db
