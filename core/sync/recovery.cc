#include "core/sync/recovery.h"

#include <sqlite3.h>

namespace invento::sync {
namespace {

// The snapshot is copied in writes of one maximal page: SQLite never writes more at once,
// and its unix VFS silently truncates a larger write (nBuf &= 0x1ffff).
constexpr int kChunkBytes = 1 << 16;

Status DeleteDatabaseFiles(sqlite3_vfs* v, const std::string& path) {
  for (const std::string& file : {path, path + "-journal", path + "-wal"}) {
    int exists = 0;
    if (v->xAccess(v, file.c_str(), SQLITE_ACCESS_EXISTS, &exists) == SQLITE_OK && exists) {
      if (v->xDelete(v, file.c_str(), 1) != SQLITE_OK) return Status::IoError("cannot delete the file " + file);
    }
  }
  return Status::Ok();
}

// Writes the snapshot as the database file `path`, through the VFS.
Status WriteSnapshot(sqlite3_vfs* v, const std::string& path, const SnapshotSource& snapshot) {
  std::unique_ptr<char[]> mem(new char[v->szOsFile]());
  auto* f = reinterpret_cast<sqlite3_file*>(mem.get());
  int flags = 0;
  if (v->xOpen(v, path.c_str(), f, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE,
               &flags) != SQLITE_OK) {
    return Status::IoError("cannot create " + path);
  }
  std::unique_ptr<std::uint8_t[]> buf(new std::uint8_t[kChunkBytes]);
  std::int64_t at = 0;
  int rc = SQLITE_OK;
  for (int n; rc == SQLITE_OK && (n = snapshot(buf.get(), kChunkBytes, at)) > 0; at += n) {
    rc = f->pMethods->xWrite(f, buf.get(), n, static_cast<sqlite3_int64>(at));
  }
  if (rc == SQLITE_OK) rc = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
  f->pMethods->xClose(f);
  if (rc != SQLITE_OK) return Status::IoError("cannot write the snapshot: " + std::string(sqlite3_errstr(rc)));
  if (at == 0) return Status::IoError("cannot write the snapshot: no bytes");
  return Status::Ok();
}

// Reads what the old file still holds; an unopenable file is one more error.
Json SalvageFrom(const Core::Options& options) {
  // Only the locking mode: any other setting would write to the damaged file.
  auto damaged = db::Db::Open(options.path, options.vfs,
                              {.exclusive_locking = options.pragmas.exclusive_locking});
  if (damaged.ok()) return SyncClient::Salvage(*damaged.value());
  return Json{{"state", Json::object()}, {"outbox", Json::array()}, {"rejections", Json::array()},
              {"errors", Json::array({damaged.status().message()})}};
}

}  // namespace

Result<LocalReplica> OpenReplica(const Core::Options& options, const std::string& fresh_client_id) {
  LocalReplica replica;
  INVENTO_ASSIGN_OR_RETURN(replica.core, Core::Open(options));
  replica.client = std::make_unique<SyncClient>(*replica.core);
  INVENTO_ASSIGN_OR_RETURN(replica.client_id, replica.client->Init(fresh_client_id));
  return replica;
}

Result<Rebuilt> RebuildReplica(const Core::Options& options, const std::string& fresh_client_id,
                               const SnapshotSource* snapshot) {
  Json salvaged = SalvageFrom(options);
  sqlite3_vfs* v = sqlite3_vfs_find(options.vfs);
  if (v == nullptr) return Status::Internal("no SQLite VFS " + std::string(options.vfs ? options.vfs : ""));
  INVENTO_RETURN_IF_ERROR(DeleteDatabaseFiles(v, options.path));
  Rebuilt out;
  bool from_snapshot = false;
  if (snapshot != nullptr) {
    Status problem = WriteSnapshot(v, options.path, *snapshot);
    if (problem.ok()) {
      auto opened = Core::Open(options);
      if (opened.ok()) {
        out.replica.core = std::move(opened).value();
        from_snapshot = true;
      } else {
        problem = opened.status();
      }
    }
    if (!problem.ok()) {  // not usable: an empty database, pulled row by row
      salvaged["errors"].push_back("snapshot: " + problem.message());
      INVENTO_RETURN_IF_ERROR(DeleteDatabaseFiles(v, options.path));
    }
  }
  if (!out.replica.core) {
    INVENTO_ASSIGN_OR_RETURN(out.replica.core, Core::Open(options));
  }
  out.replica.client = std::make_unique<SyncClient>(*out.replica.core);
  INVENTO_ASSIGN_OR_RETURN(out.report, out.replica.client->Restore(salvaged, fresh_client_id));
  out.replica.client_id = out.report.value("client_id", "");
  out.report["errors"] = salvaged["errors"];
  out.report["snapshot"] = from_snapshot;
  return out;
}

Result<Json> CheckTableAt(const db::Db& db, int index) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt list, db.Prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name LIMIT 1 OFFSET ?"));
  list.Bind(1, static_cast<std::int64_t>(index));
  INVENTO_ASSIGN_OR_RETURN(bool found, list.Step());
  if (!found) return Json{{"table", nullptr}, {"result", "ok"}, {"next", nullptr}};
  std::string table = list.Text(0);
  std::string quoted = "'";
  for (char c : table) quoted += (c == '\'' ? std::string("''") : std::string(1, c));
  quoted += "'";
  INVENTO_ASSIGN_OR_RETURN(db::Stmt check, db.Prepare("PRAGMA quick_check(" + quoted + ")"));
  std::string report;
  while (true) {
    auto row = check.Step();
    if (!row.ok()) {
      report = row.status().message();
      break;
    }
    if (!row.value()) break;
    if (!report.empty()) report += '\n';
    report += check.Text(0);
  }
  return Json{{"table", table}, {"result", report}, {"next", index + 1}};
}

}  // namespace invento::sync
