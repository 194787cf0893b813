// Checkpoints the server's SQLite database (the store itself, or PostgreSQL mode's replica)
// on a thread of its own, so that copying the write-ahead log back into the database no
// longer runs inside the commit of whichever push crossed SQLite's threshold.
//
// SQLite's automatic checkpoint runs in the committing connection after the commit that makes
// the WAL exceed 1000 pages: with a pushed batch of 1,000 mutations writing ~2 MB, every
// second push paid 15-45 ms for it (docs/benchmarks.md, "Storage engines"). Here the WAL hook
// of the server's connection (sqlite3_wal_hook, which replaces the automatic checkpoint)
// wakes the thread, whose own connection runs a PASSIVE checkpoint: it never blocks writers
// or readers, and the next write transaction after a complete one restarts the WAL at its
// beginning, so the file stays small. Durability is unchanged: a commit is in the WAL (fsynced
// under synchronous=FULL) before the hook runs; the checkpoint connection uses the same
// synchronous setting as the server's, so it syncs as SQLite's own would.
//
// A safety net: if the WAL still grows past `hard_limit_pages` (the thread stalled, a
// long reader), the committing connection checkpoints itself as SQLite would have.
//
// Thread-safety: Start and the destructor from the thread that owns `db`; the hook runs in
// whichever thread commits on `db` (App serialises them).
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/base/status.h"
#include "core/db/sqlite.h"

namespace invento::server {

class WalCheckpointer {
 public:
  // Opens a second connection to `db`'s file, which must outlive the checkpointer; nullptr
  // when `db` is not in WAL mode (an in-memory database), as there is nothing to checkpoint.
  static Result<std::unique_ptr<WalCheckpointer>> Start(db::Db& db, int threshold_pages = 1000,
                                                        int hard_limit_pages = 20000);
  // Stops the thread and gives `db` SQLite's automatic checkpoint back.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints the thread has run, and those the committing connection had to run itself.
  std::int64_t background_checkpoints() const { return background_.load(); }
  std::int64_t inline_checkpoints() const { return inline_.load(); }

 private:
  WalCheckpointer(db::Db& db, sqlite3* own, int threshold, int hard_limit)
      : db_(db), own_(own), threshold_(threshold), hard_limit_(hard_limit) {}
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void Run();

  db::Db& db_;
  sqlite3* own_;  // the thread's connection
  const int threshold_;
  const int hard_limit_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stop_ = false;
  std::atomic<std::int64_t> background_{0};
  std::atomic<std::int64_t> inline_{0};
  std::thread thread_;
};

}  // namespace invento::server
