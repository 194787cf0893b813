// Connection settings of the server's SQLite database, in one place so that the server
// (App::Create) and the benchmark's raw-insert alternative (bench/sync_bench.cc) run with
// exactly the same ones.
//
//  - journal_mode=WAL, synchronous=FULL: every commit (one per pushed batch) fsyncs the WAL
//    before the push is acknowledged, so an acknowledged mutation survives power loss.
//  - cache_size=-65536: a 64 MiB page cache instead of SQLite's 2 MB default, so the indexes
//    of a busy ledger stay in memory.
//  - temp_store=MEMORY: statement journals and savepoint journals (the server runs every
//    mutation in a savepoint, and an INSERT that fires triggers opens a statement journal)
//    stay in memory instead of spilling into a temporary file. These journals only serve to
//    roll back a savepoint or a statement inside the open transaction; they are never
//    read after a crash (the WAL is), so durability is unchanged. docs/benchmarks.md.
//
// The CLI's short-lived commands (init-db, create-admin, ...) open with kCliConnectionPragmas:
// the same durable WAL, without the big cache.
#pragma once

#include "core/db/connection_pragmas.h"

namespace invento::server {

inline const db::ConnectionPragmas kServerConnectionPragmas{
    .journal_mode = db::JournalMode::kWal,
    .synchronous = db::Synchronous::kFull,
    .temp_store_memory = true,
    .cache_size = -65536,
    .wal_autocheckpoint = std::nullopt,
};

inline const db::ConnectionPragmas kCliConnectionPragmas{
    .journal_mode = db::JournalMode::kWal,
    .synchronous = db::Synchronous::kFull,
    .temp_store_memory = false,
    .cache_size = std::nullopt,
    .wal_autocheckpoint = std::nullopt,
};

}  // namespace invento::server
