// Shared by the subcommands in cli*.cc (not a public interface).
#pragma once

#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "core/core.h"
#include "sync-server/config.h"
#include "sync-server/pg_mirror.h"

namespace invento::server {

// The server database as a command (or the daily digests' thread) opens it: the core on the
// SQLite file, and with PostgreSQL (DATABASE_URL=postgresql://...) the mirror that makes the
// file its replica. *db and db-> reach the core.
struct ServerDatabase {
  std::unique_ptr<Core> core;
  std::unique_ptr<PgMirror> mirror;  // PostgreSQL only; declared last, so closed first
  Core& operator*() const { return *core; }
  Core* operator->() const { return core.get(); }
  void Close() {
    mirror.reset();
    core.reset();
  }
  // Runs fn (returning a Status or a Result) as one unit of database work: whatever it
  // writes must be written inside one with PostgreSQL (pg_mirror.h).
  template <class F>
  auto Unit(F&& fn) -> decltype(fn()) {
    return RunUnit(mirror.get(), std::forward<F>(fn), [](const Status& s) { return decltype(fn())(s); });
  }
};

// Opens the server database (applying pending migrations), in WAL mode like the server.
// must_exist: not_found, naming DATABASE_URL and init-db, when the file (or with PostgreSQL,
// Invento's tables there) is missing, rather than creating an empty database.
Result<ServerDatabase> OpenServerDatabase(const Config& config, bool must_exist);

// The current UTC time as 20261206-023000Z, for backup file names.
std::string UtcStamp();

// backup-database and restore-database with PostgreSQL: pg_dump and pg_restore
// (cli_pg_backup.cc).
int PgBackupCommand(const Config& config, const std::map<std::string, std::string>& options, std::ostream& out,
                    std::ostream& err);
int PgRestoreCommand(const Config& config, const std::string& from, std::ostream& out, std::ostream& err);

}  // namespace invento::server
