// backup-database and restore-database when DATABASE_URL names PostgreSQL (cli.h): the same
// commands, done with PostgreSQL's own tools (the postgresql-client package):
//  - backup: pg_dump --format=custom to a temporary file beside the output, read back whole by
//    pg_restore --list, then linked to its final name (never overwriting anything);
//  - restore: refused while any server process is connected (they announce themselves as
//    application_name "invento-server"); the current database saved first with pg_dump;
//    pg_restore --clean --single-transaction (all or nothing); then a new database id and a
//    new epoch in one unit, so that every process's replica is reloaded and devices holding
//    rows from after the backup start over (core/sync/client.h, "Epochs").
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sync-server/cli.h"
#include "sync-server/cli_support.h"
#include "sync-server/pg_mirror.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;

// Runs a program (no shell: arguments are passed as they are) and waits for it. Its standard
// error (and output) is kept for the message when it fails.
Status RunTool(const std::vector<std::string>& argv, const fs::path& log) {
  pid_t pid = ::fork();
  if (pid < 0) return Status::IoError(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    FILE* f = std::fopen(log.c_str(), "w");
    if (f) {
      ::dup2(fileno(f), 1);
      ::dup2(fileno(f), 2);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "%s is not installed (apt-get install postgresql-client)\n", args[0]);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::ifstream in(log);
  std::stringstream said;
  said << in.rdbuf();
  std::error_code ec;
  fs::remove(log, ec);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  std::string text = said.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return Status::IoError(argv[0] + " failed" + (text.empty() ? "" : ": " + text));
}


fs::path Folder(const fs::path& p) { return p.parent_path().empty() ? fs::path(".") : p.parent_path(); }

// pg_dump to `output` (which must not exist), checked by reading it back.
Status Dump(const std::string& url, const fs::path& output) {
  const fs::path temp = output.string() + ".partial-" + std::to_string(::getpid());
  const fs::path log = output.string() + ".log-" + std::to_string(::getpid());
  Status s = RunTool({"pg_dump", "--format=custom", "--no-owner", "--file=" + temp.string(), "--dbname=" + url}, log);
  if (s.ok()) s = RunTool({"pg_restore", "--list", temp.string()}, log);
  if (s.ok() && ::link(temp.c_str(), output.c_str()) != 0) {
    s = Status::IoError("cannot create " + output.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  fs::remove(temp, ec);
  return s;
}

}  // namespace

int PgBackupCommand(const Config& config, const std::map<std::string, std::string>& options, std::ostream& out,
                    std::ostream& err) {
  std::error_code ec;
  const std::string name = "invento-" + UtcStamp() + ".dump";
  fs::path output = options.count("output") ? fs::path(options.at("output")) : Folder(config.database_path) / name;
  if (output.empty()) {
    err << "backup-database: --output must not be empty\n";
    return 2;
  }
  if (fs::is_directory(output, ec)) output /= name;
  if (fs::exists(output, ec)) {
    err << "backup-database: " << output.string() << " already exists; it is never overwritten\n";
    return 1;
  }
  if (!fs::is_directory(Folder(output), ec)) {
    err << "backup-database: cannot write " << output.string() << ": the folder " << Folder(output).string()
        << " does not exist or is not a folder\n";
    return 1;
  }
  Status s = Dump(config.postgres_url, output);
  if (!s.ok()) {
    err << "backup-database: " << s.message() << "\n";
    return 1;
  }
  out << "Backup of the PostgreSQL database written to " << output.string() << " (pg_dump custom format, "
      << fs::file_size(output, ec) << " bytes); read back whole by pg_restore --list: ok\n";
  return 0;
}

int PgRestoreCommand(const Config& config, const std::string& from, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  const fs::path log = Folder(config.database_path) / ("restore.log-" + std::to_string(::getpid()));
  fs::create_directories(Folder(config.database_path), ec);
  // A pg_dump archive, whole: pg_restore reads its table of contents.
  if (Status s = RunTool({"pg_restore", "--list", from}, log); !s.ok()) {
    err << "restore-database: " << from << " is not a pg_dump archive (" << s.message() << "); nothing was changed\n";
    return 1;
  }
  {
    auto pg = PgConnection::Connect(config.postgres_url);
    if (!pg.ok()) {
      err << "restore-database: " << pg.status().message() << "; nothing was changed\n";
      return 1;
    }
    // A server stopped a moment ago may still be leaving: its connections get 3 s to go.
    Result<std::vector<std::vector<std::string>>> others = Status::Internal("unreached");
    for (int i = 0; i < 30; ++i) {
      others = pg->Exec(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          " AND application_name = 'invento-server' AND pid <> pg_backend_pid()");
      if (!others.ok() || others.value()[0][0] == "0") break;
      ::usleep(100 * 1000);
    }
    if (!others.ok() || others.value()[0][0] != "0") {
      err << "restore-database: a server is running on this PostgreSQL database ("
          << (others.ok() ? others.value()[0][0] + " connections" : others.status().message())
          << "); stop every server process first, then restore; nothing was changed\n";
      return 1;
    }
  }
  const fs::path saved = Folder(config.database_path) / ("invento-before-restore-" + UtcStamp() + ".dump");
  if (Status s = Dump(config.postgres_url, saved); !s.ok()) {
    err << "restore-database: cannot save the current database first: " << s.message() << "; nothing was changed\n";
    return 1;
  }
  Status restored = RunTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                             "--dbname=" + config.postgres_url, from},
                            log);
  std::int64_t version = 0;
  if (restored.ok()) {
    // A new id (every replica reloads) and a new epoch (devices start over), published
    // through a replica of its own, loaded from the restored rows.
    Config fresh = config;
    fresh.database_path = Folder(config.database_path) / ("restore-replica-" + std::to_string(::getpid()) + ".db");
    restored = [&]() -> Status {
      INVENTO_ASSIGN_OR_RETURN(ServerDatabase db, OpenServerDatabase(fresh, /*must_exist=*/true));
      return db.Unit([&]() -> Status {
        INVENTO_RETURN_IF_ERROR(db.mirror->NewDatabaseId());
        INVENTO_RETURN_IF_ERROR(db->db().Exec("UPDATE server_state SET epoch = lower(hex(randomblob(16))) WHERE id = 1"));
        INVENTO_ASSIGN_OR_RETURN(Json v, db->db().QueryValue("SELECT version FROM server_state WHERE id = 1"));
        version = v.get<std::int64_t>();
        return Status::Ok();
      });
    }();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fresh.database_path + suffix, ec);
  }
  if (!restored.ok()) {
    err << "restore-database: " << restored.message() << "\n"
        << "The database as it was before is saved in " << saved.string() << " (restore it with --from)\n";
    return 1;
  }
  fs::remove_all(config.database_path + ".snapshots", ec);
  out << "Restored the PostgreSQL database from " << from << " (server version " << version << ").\n"
      << "The database as it was before is saved in " << saved.string() << ".\n"
      << "Server processes reload their replicas from PostgreSQL when they start.\n"
      << "Devices start over at their next sync: they pull everything again and keep the changes they had not\n"
         "sent yet. Changes made after the backup was taken are gone, except those still waiting on a device.\n";
  return 0;
}

}  // namespace invento::server
