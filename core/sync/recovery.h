// Opening a device's local database with its sync client, and rebuilding it when it is
// damaged, lost, or replaced by the server's snapshot (design.md "Browser storage": "if the
// local database is lost or corrupt, rebuild it from the server without losing unsent
// mutations that are still readable").
//
//   OpenReplica()     Core::Open with the caller's options (path, VFS, pragmas) and
//                     SyncClient::Init. A file that is not a database fails with `corrupt`:
//                     the caller then rebuilds.
//   RebuildReplica()  reads what it still can of the old file (SyncClient::Salvage: sync
//                     state with the session, outbox, rejections), deletes the database and
//                     its journals through the SQLite VFS, creates a fresh database — or
//                     writes the snapshot in its place — and puts the salvage back
//                     (SyncClient::Restore). A snapshot that cannot be written or opened
//                     falls back to an empty database (said in `errors`). The next pull
//                     brings every row back (from version 0, or from the snapshot's).
//   CheckTableAt()    the background integrity check, one table (with its indexes) per
//                     call, so the worker answers other calls in between; a problem found
//                     is the caller's cue to offer RebuildReplica.
//
// Files go through the VFS named in the options (nullptr: SQLite's default), so the same
// code runs natively on files and in the browser on the OPFS pool. The caller closes any
// connection it holds on the path first. Failures are Status values: io_error when the
// files cannot be deleted or created, what Core::Open says when even a fresh database does
// not open. Not thread-safe (one worker).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/core.h"
#include "core/sync/client.h"

namespace invento::sync {

// A device database open with its sync client. The client refers to the core: declared
// after it, so destroyed first.
struct LocalReplica {
  std::unique_ptr<Core> core;
  std::unique_ptr<SyncClient> client;
  std::string client_id;  // the database's id (SyncClient::Init): its first sync client id
};

// The bytes of a server snapshot (a SQLite database file): copies up to `n` bytes from
// offset `at` into `dest` and returns how many (0 at the end), or -1 when there is none.
using SnapshotSource = std::function<int(std::uint8_t* dest, int n, std::int64_t at)>;

// Opens `options.path`; fresh_client_id becomes the client id only the first time.
Result<LocalReplica> OpenReplica(const Core::Options& options, const std::string& fresh_client_id);

struct Rebuilt {
  LocalReplica replica;
  // {"kept": n, "lost": n, "client_id": "...", "errors": ["what could not be read"],
  //  "snapshot": true when the snapshot is the new database}
  Json report;
};

// Rebuilds `options.path`: from `snapshot` when given (a fresh device's first sync), else
// as an empty database.
Result<Rebuilt> RebuildReplica(const Core::Options& options, const std::string& fresh_client_id,
                               const SnapshotSource* snapshot = nullptr);

// PRAGMA quick_check on the `index`-th table (by name) of `db`.
// {"table": name, "result": "ok" | problems, "next": index + 1}, or at the end
// {"table": null, "result": "ok", "next": null}. A failing check is a result, not an error.
Result<Json> CheckTableAt(const db::Db& db, int index);

}  // namespace invento::sync
