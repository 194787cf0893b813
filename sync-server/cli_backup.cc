// backup-database (cli.h): an online copy with the SQLite backup API. The copy is written
// to a temporary file beside the output, switched to a single-file journal mode, checked
// with PRAGMA integrity_check, then linked to its final name (link() never overwrites), so
// the output path only ever names a complete, checked backup.
// restore-database (cli.h): the reverse, with the server stopped (ServingLock): the current
// database saved first as a backup, the chosen one checked and copied in, migrated, and given
// a new epoch so that devices holding rows from after the backup start over
// (core/sync/client.h, "Epochs").
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <thread>

#include "core/base/clock.h"
#include "core/db/sqlite.h"
#include "sync-server/cli.h"
#include "sync-server/cli_support.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;

constexpr int kPagesPerStep = 1024;
constexpr auto kBusyWait = std::chrono::milliseconds(50);


// <dir>/<stem>-backup-<stamp>.db, with a counter if a backup of the same second exists.
fs::path DefaultOutput(const fs::path& dir, const fs::path& database) {
  const std::string base = database.stem().string() + "-backup-" + UtcStamp();
  fs::path p = dir / (base + ".db");
  for (int n = 2; fs::exists(p); ++n) p = dir / (base + "-" + std::to_string(n) + ".db");
  return p;
}

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::IoError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Copies every page of src into dest, retrying while the server holds a lock.
Status CopyPages(sqlite3* src, sqlite3* dest) {
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
  if (!b) return SqliteError(dest, "cannot start the backup");
  int rc;
  while (true) {
    rc = sqlite3_backup_step(b, kPagesPerStep);
    if (rc == SQLITE_OK) continue;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(kBusyWait);
      continue;
    }
    break;
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return SqliteError(dest, "backup failed");
  return Status::Ok();
}

Status CheckIntegrity(const std::string& path) {
  INVENTO_ASSIGN_OR_RETURN(auto copy, db::Db::Open(path));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, copy->Prepare("PRAGMA integrity_check"));
  std::string report;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    report += (report.empty() ? "" : "; ") + st.Text(0);
  }
  if (report != "ok") return Status::Corrupt("integrity_check on the copy: " + report);
  return Status::Ok();
}

Status Backup(const std::string& source, const std::string& temp) {
  INVENTO_ASSIGN_OR_RETURN(auto src, db::Db::Open(source));
  INVENTO_ASSIGN_OR_RETURN(auto dest, db::Db::Open(temp));
  INVENTO_RETURN_IF_ERROR(CopyPages(src->raw(), dest->raw()));
  // The source is in WAL mode; the copy should be one self-contained file.
  INVENTO_ASSIGN_OR_RETURN(db::Json mode, dest->QueryValue("PRAGMA journal_mode=DELETE"));
  if (mode != "delete") return Status::IoError("cannot switch the copy out of WAL mode");
  return Status::Ok();
}

void FsyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

Status WriteBackup(const std::string& database, const fs::path& output) {
  std::error_code ec;
  const std::string temp = output.string() + ".partial-" + std::to_string(::getpid());
  auto cleanup = [&] {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(temp + suffix, ec);
  };
  Status s = Backup(database, temp);
  if (s.ok()) s = CheckIntegrity(temp);
  if (s.ok() && ::link(temp.c_str(), output.c_str()) != 0) {
    s = Status::IoError("cannot create " + output.string() + ": " + std::strerror(errno));
  }
  cleanup();
  if (s.ok()) FsyncDir(output.parent_path().empty() ? fs::path(".") : output.parent_path());
  return s;
}

// What a file holds: an Invento server database (its version), or why not.
Result<std::int64_t> ServerVersionOf(const std::string& path) {
  INVENTO_RETURN_IF_ERROR(CheckIntegrity(path));
  INVENTO_ASSIGN_OR_RETURN(auto db, db::Db::Open(path));
  auto v = db->QueryValue("SELECT version FROM server_state WHERE id = 1");
  auto users = db->QueryValue("SELECT count(*) FROM users");
  if (!v.ok() || !v->is_number_integer() || !users.ok()) {
    return Status::InvalidArgument(path + " is not an Invento server database (no server_state or users table)");
  }
  return v->get<std::int64_t>();
}

}  // namespace

int HoldServingLock(const std::string& database_path) {
  const std::string lock = database_path + ".lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;  // held until the process exits
}

int RestoreDatabaseCommand(const Config& config, const CliArgs& args, std::ostream& out, std::ostream& err) {
  constexpr const char* kUsage = "usage: invento-server restore-database --from BACKUP\n";
  auto options = ParseOptions(args, {"from"});
  if (!options.ok() || !options->count("from") || options->at("from").empty()) {
    err << "restore-database: " << (options.ok() ? "--from BACKUP is required" : options.status().message()) << "\n"
        << kUsage;
    return 2;
  }
  if (!config.postgres_url.empty()) {
    if (!fs::is_regular_file(options->at("from"))) {
      err << "restore-database: no file at " << options->at("from") << "\n";
      return 1;
    }
    return PgRestoreCommand(config, options->at("from"), out, err);
  }
  std::error_code ec;
  const fs::path database = config.database_path;
  const std::string from = options->at("from");
  if (!fs::is_regular_file(from, ec)) {
    err << "restore-database: no file at " << from << "\n";
    return 1;
  }
  if (fs::exists(database, ec) && fs::weakly_canonical(from, ec) == fs::weakly_canonical(database, ec)) {
    err << "restore-database: " << from << " is the database itself\n";
    return 1;
  }
  auto restored_version = ServerVersionOf(from);
  if (!restored_version.ok()) {
    err << "restore-database: " << restored_version.status().message() << "; nothing was changed\n";
    return 1;
  }
  // No server may be running on this database: it would keep serving what it had in memory
  // and in its snapshots. serve holds a shared lock for as long as it runs.
  if (!database.parent_path().empty()) fs::create_directories(database.parent_path(), ec);
  const std::string lock_path = config.database_path + ".lock";
  int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock < 0 || ::flock(lock, LOCK_EX | LOCK_NB) != 0) {
    if (lock >= 0) ::close(lock);
    err << "restore-database: a server is running on " << config.database_path
        << "; stop it first (e.g. systemctl stop invento), then restore; nothing was changed\n";
    return 1;
  }
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }
  } unlock{lock};
  // The current state is kept: a backup beside the database, checked like any other.
  std::string saved;
  if (fs::is_regular_file(database, ec)) {
    const fs::path before = DefaultOutput(database.parent_path().empty() ? fs::path(".") : database.parent_path(),
                                          database);
    Status s = WriteBackup(config.database_path, before);
    if (!s.ok()) {
      err << "restore-database: cannot save the current database first: " << s.message() << "; nothing was changed\n";
      return 1;
    }
    saved = before.string();
  }
  Status copied = [&]() -> Status {
    INVENTO_ASSIGN_OR_RETURN(auto src, db::Db::Open(from));
    INVENTO_ASSIGN_OR_RETURN(auto dest, db::Db::Open(config.database_path));
    INVENTO_RETURN_IF_ERROR(CopyPages(src->raw(), dest->raw()));
    return Status::Ok();
  }();
  Status finished = copied;
  std::int64_t version = 0;
  if (copied.ok()) {
    // Migrated to this server's schema, and a new epoch: devices start over at their next sync.
    auto core = OpenServerDatabase(config, /*must_exist=*/true);
    finished = core.status();
    if (core.ok()) {
      finished = (*core)->db().Exec("UPDATE server_state SET epoch = lower(hex(randomblob(16))) WHERE id = 1");
      auto v = (*core)->db().QueryValue("SELECT version FROM server_state WHERE id = 1");
      if (v.ok()) version = v->get<std::int64_t>();
    }
  }
  if (!finished.ok()) {
    err << "restore-database: " << finished.message() << "\n";
    if (!saved.empty()) err << "The database as it was before is saved in " << saved << " (restore it with --from)\n";
    return 1;
  }
  fs::remove_all(config.database_path + ".snapshots", ec);  // built from the replaced rows
  out << "Restored " << config.database_path << " from " << from << " (server version " << version << ").\n";
  if (!saved.empty()) out << "The database as it was before is saved in " << saved << ".\n";
  out << "Devices start over at their next sync: they pull everything again and keep the changes they had not\n"
         "sent yet. Changes made after the backup was taken are gone, except those still waiting on a device.\n";
  return 0;
}

int BackupDatabaseCommand(const Config& config, const CliArgs& args, std::ostream& out,
                          std::ostream& err) {
  auto options = ParseOptions(args, {"output"});
  if (!options.ok()) {
    err << "backup-database: " << options.status().message() << "\n"
        << "usage: invento-server backup-database [--output PATH]\n";
    return 2;
  }
  if (!config.postgres_url.empty()) return PgBackupCommand(config, options.value(), out, err);
  std::error_code ec;
  const fs::path database = config.database_path;
  if (!fs::is_regular_file(database, ec)) {
    err << "backup-database: no database at " << config.database_path << " (DATABASE_URL)\n";
    return 1;
  }
  fs::path output;
  if (!options->count("output")) {
    output = DefaultOutput(database.parent_path().empty() ? fs::path(".") : database.parent_path(),
                           database);
  } else {
    output = options->at("output");
    if (output.empty()) {
      err << "backup-database: --output must not be empty\n";
      return 2;
    }
    if (fs::is_directory(output, ec)) output = DefaultOutput(output, database);
  }
  const fs::path folder = output.parent_path().empty() ? fs::path(".") : output.parent_path();
  if (fs::exists(output, ec)) {
    err << "backup-database: " << output.string() << " already exists; it is never overwritten\n";
    return 1;
  }
  if (!fs::is_directory(folder, ec)) {
    err << "backup-database: cannot write " << output.string() << ": the folder " << folder.string()
        << " does not exist or is not a folder\n";
    return 1;
  }
  if (fs::weakly_canonical(output, ec) == fs::weakly_canonical(database, ec)) {
    err << "backup-database: the output is the database itself\n";
    return 1;
  }
  Status s = WriteBackup(config.database_path, output);
  if (!s.ok()) {
    err << "backup-database: cannot write " << output.string() << ": " << s.message() << "\n";
    return 1;
  }
  out << "Backup of " << config.database_path << " written to " << output.string() << " ("
      << fs::file_size(output, ec) << " bytes); integrity_check: ok\n";
  return 0;
}

}  // namespace invento::server
