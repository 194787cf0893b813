// backup-database (cli.h): an online copy with the SQLite backup API. The copy is written
// to a temporary file beside the output, switched to a single-file journal mode, checked
// with PRAGMA integrity_check, then linked to its final name (link() never overwrites), so
// the output path only ever names a complete, checked backup.
#include <fcntl.h>
#include <sqlite3.h>
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

namespace invento::server {
namespace {

namespace fs = std::filesystem;

constexpr int kPagesPerStep = 1024;
constexpr auto kBusyWait = std::chrono::milliseconds(50);

std::string UtcStamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%SZ", &tm);
  return buf;
}

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

}  // namespace

int BackupDatabaseCommand(const Config& config, const CliArgs& args, std::ostream& out,
                          std::ostream& err) {
  auto options = ParseOptions(args, {"output"});
  if (!options.ok()) {
    err << "backup-database: " << options.status().message() << "\n"
        << "usage: invento-server backup-database [--output PATH]\n";
    return 2;
  }
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
  const std::string temp = output.string() + ".partial-" + std::to_string(::getpid());
  auto cleanup = [&] {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(temp + suffix, ec);
  };
  Status s = Backup(config.database_path, temp);
  if (s.ok()) s = CheckIntegrity(temp);
  if (s.ok() && ::link(temp.c_str(), output.c_str()) != 0) {
    s = Status::IoError("cannot create " + output.string() + ": " + std::strerror(errno));
  }
  cleanup();
  if (s.ok()) FsyncDir(folder);
  if (!s.ok()) {
    err << "backup-database: cannot write " << output.string() << ": " << s.message() << "\n";
    return 1;
  }
  out << "Backup of " << config.database_path << " written to " << output.string() << " ("
      << fs::file_size(output, ec) << " bytes); integrity_check: ok\n";
  return 0;
}

}  // namespace invento::server
