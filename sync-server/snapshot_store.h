// Device snapshots for a first sync (docs/sync-protocol.md, "First sync from a snapshot").
//
// A snapshot is a SQLite file holding exactly what a device's database holds after pulling
// every row up to version V: the shared schema (no server-only table, no secret), every
// replicated row with its indexes and the full-text index already built, and the device's
// sync cookie set to V. A fresh device installs it as its database file and then pulls the
// rows after V normally, instead of pulling and indexing every row one by one.
//
// Built from a separate read connection (WAL: pushes go on meanwhile) with VACUUM INTO, then
// the tables a device does not have are dropped and the copy is compacted again, so freed
// pages of dropped tables (password hashes, sessions, the audit log) are not in the file.
// There is one snapshot per read scope (core/auth/permissions.h): a scope's snapshot holds
// no row of the tables it may not read and its hidden columns hold their masked value, like
// the rows a device of that scope pulls; its sync_state names the scope. The newest
// snapshot of each scope is kept in `dir` as snapshot-<scope>-<version>.db (with a gzip
// copy beside it) and reused while it is at most `max_lag` versions behind; an older one is
// replaced.
//
// Thread-safe: builds are serialised by an internal mutex. Failures are values: io_error
// (cannot read the database or write the folder), unavailable for an in-memory database.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/auth/permissions.h"
#include "core/base/status.h"

namespace invento::server {

struct Snapshot {
  std::string path;      // the file
  std::int64_t version;  // every row with version <= this is in it
};

struct SnapshotBytes {
  std::int64_t version;
  std::string bytes;        // the whole SQLite file, gzip-compressed when `gzip`
  std::int64_t file_bytes;  // the size of the SQLite file itself
  bool gzip;
};

class SnapshotStore {
 public:
  SnapshotStore(std::string database_path, std::string dir, std::int64_t max_lag)
      : database_path_(std::move(database_path)), dir_(std::move(dir)), max_lag_(max_lag) {}

  // The bytes of `scope`'s snapshot at most max_lag versions behind `current_version`,
  // built when needed; gzip-compressed (level 1, about 3.7 times smaller) when `gzip`.
  // failed_precondition for an in-memory database.
  Result<SnapshotBytes> Load(ReadScope scope, std::int64_t current_version, bool gzip);

 private:
  Result<Snapshot> Build(ReadScope scope);

  std::string database_path_;
  std::string dir_;
  std::int64_t max_lag_;
  std::mutex mu_;
  std::map<ReadScope, Snapshot> newest_;
};

}  // namespace invento::server
