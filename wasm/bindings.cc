// The embind boundary: converts plain strings to and from core calls. Thin on purpose.
//
// Every function takes and returns JSON text. Errors come back as
// {"ok":false,"code":...,"message":...} values; no C++ exception crosses into JS
// (an escaping exception would reach JS as a bare number). Typed in invento_core.d.ts.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "core/core.h"
#include "core/db/connection_prologue.h"
#include "core/sync/client.h"
#include "wasm/opfs_sah_pool.h"

namespace {

std::unique_ptr<invento::Core> g_core;
std::unique_ptr<invento::sync::SyncClient> g_client;  // over g_core; every mutation goes through it

std::string Fail(const invento::Status& s) { return invento::ErrorJson(s).dump(); }

invento::Result<invento::Actor> ParseActor(const std::string& actor_json) {
  auto j = invento::Json::parse(actor_json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("user_id") || !j["user_id"].is_string() ||
      !j.contains("role") || !j["role"].is_string()) {
    return invento::Status::InvalidArgument("actor must be {user_id: string, role: string}");
  }
  INVENTO_ASSIGN_OR_RETURN(invento::Role role, invento::ParseRole(j["role"].get<std::string>()));
  return invento::Actor{j["user_id"].get<std::string>(), role};
}

invento::Result<invento::Json> ParseArgs(const std::string& args_json) {
  auto j = invento::Json::parse(args_json, nullptr, false);
  if (j.is_discarded()) return invento::Status::InvalidArgument("arguments are not valid JSON");
  return j;
}

std::string Versions() {
  return invento::Json{{"core", invento::kCoreVersion},
                       {"sqlite", invento::Core::SqliteVersion()},
                       {"schema", g_core ? g_core->schema_version() : 0}}
      .dump();
}

// Opening: `path` with the SQLite VFS `vfs` ("" for the default one, "opfs-sahpool" for the
// OPFS pool whose handles worker.ts acquired), then a check (see docs/architecture.md,
// "Browser storage").
const char* VfsName(const std::string& vfs) { return vfs.empty() ? nullptr : vfs.c_str(); }

invento::Status RegisterVfs(const std::string& vfs) {
  // WAL without shared memory (the pool has none) needs exclusive locking from the start.
  invento::db::SetConnectionPrologue("PRAGMA locking_mode=EXCLUSIVE;");
  if (vfs == invento::wasm::kOpfsSahPoolVfs) return invento::wasm::RegisterOpfsSahPool();
  return invento::Status::Ok();
}

// Write-ahead log in exclusive mode with synchronous=NORMAL: a commit appends its pages to the
// -wal file with no flush (a rollback journal costs a journal created, flushed and deleted
// plus the database flushed: about five OPFS flushes, ~20 ms, per mutation). What a commit
// wrote is in the file as soon as it returns, so a tab closed or crashed mid-write loses
// nothing committed (SQLite ignores a torn last frame). Only a device power loss could lose
// the last commits before the next flush: the worker flushes with a checkpoint shortly
// after each burst of writes (Checkpoint below), bounding that window to about a second.
// Temporary tables in memory so they never take a pool slot; a 16 MiB page cache. The log is
// copied into the database by that idle-time checkpoint, and inside a commit only past 32 MiB
// (8,192 pages; with SQLite's default of 1,000, one commit every few hundred paid for it).
constexpr const char* kConnectionPragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"
    " PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=8192;";

void CloseDatabase() {
  g_client.reset();
  g_core.reset();
}

// Opens the core on `path` and starts its sync client (fresh_client_id is used only the first
// time). Result: {"integrity": "ok" | problems, "client_id": "..."}.
invento::Result<invento::Json> OpenCore(const std::string& path, const std::string& vfs,
                                        const std::string& fresh_client_id) {
  CloseDatabase();
  INVENTO_RETURN_IF_ERROR(RegisterVfs(vfs));
  // At startup only the structure is checked (Core::Open reads the schema: a damaged header or
  // schema fails there); the full check runs table by table in the background (CheckTable).
  // The worker times this call for the startup benchmark.
  INVENTO_ASSIGN_OR_RETURN(auto core, invento::Core::Open({.path = path, .vfs = VfsName(vfs)}));
  INVENTO_RETURN_IF_ERROR(core->db().Exec(kConnectionPragmas));
  auto client = std::make_unique<invento::sync::SyncClient>(*core);
  INVENTO_ASSIGN_OR_RETURN(std::string client_id, client->Init(fresh_client_id));
  g_core = std::move(core);
  g_client = std::move(client);
  return invento::Json{{"integrity", "ok"}, {"client_id", client_id}};
}

std::string Open(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  try {
    return invento::Envelope(OpenCore(path, vfs, fresh_client_id)).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

// Copies the bytes the worker put in Module.snapshot (an ArrayBuffer) to `dest` from `at` on;
// returns how many (0 at the end, -1 without a snapshot).
// clang-format off
EM_JS(int, invento_snapshot_chunk, (uint8_t* dest, int n, double at), {
  var s = Module['snapshot'];
  if (!s) return -1;
  var k = Math.max(0, Math.min(n, s.byteLength - at));
  HEAPU8.set(new Uint8Array(s, at, k), dest);
  return k;
});
// clang-format on

invento::Status DeleteDatabaseFiles(sqlite3_vfs* v, const std::string& path) {
  for (const std::string& file : {path, path + "-journal", path + "-wal"}) {
    int exists = 0;
    if (v->xAccess(v, file.c_str(), SQLITE_ACCESS_EXISTS, &exists) == SQLITE_OK && exists) {
      if (v->xDelete(v, file.c_str(), 1) != SQLITE_OK) {
        return invento::Status::IoError("cannot delete the file " + file);
      }
    }
  }
  return invento::Status::Ok();
}

// Writes the snapshot (Module.snapshot) as the database file `path`, through the VFS.
invento::Status WriteSnapshot(sqlite3_vfs* v, const std::string& path) {
  std::unique_ptr<char[]> mem(new char[v->szOsFile]());
  auto* f = reinterpret_cast<sqlite3_file*>(mem.get());
  int flags = 0;
  if (v->xOpen(v, path.c_str(), f, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE,
               &flags) != SQLITE_OK) {
    return invento::Status::IoError("cannot create " + path);
  }
  std::unique_ptr<uint8_t[]> buf(new uint8_t[1 << 20]);
  double at = 0;
  int rc = SQLITE_OK;
  for (int n; rc == SQLITE_OK && (n = invento_snapshot_chunk(buf.get(), 1 << 20, at)) > 0; at += n) {
    rc = f->pMethods->xWrite(f, buf.get(), n, static_cast<sqlite3_int64>(at));
  }
  if (rc == SQLITE_OK) rc = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
  f->pMethods->xClose(f);
  if (rc != SQLITE_OK || at == 0) return invento::Status::IoError("cannot write the snapshot");
  return invento::Status::Ok();
}

// The local database is damaged (or cannot be opened), or (from_snapshot) a fresh device
// takes the server's snapshot as its database: reads what it still can of the sync state
// and the unsent mutations, deletes the file, creates a fresh database — or writes the
// snapshot in its place — and puts them back (SyncClient::Salvage / Restore). The next pull
// rebuilds every row from the server, or from the snapshot's version on.
// Result: {"kept": n, "lost": n, "client_id": "...", "errors": [...], "integrity": "ok",
//          "snapshot": true when the snapshot is in use}.
invento::Result<invento::Json> RebuildCore(const std::string& path, const std::string& vfs,
                                           const std::string& fresh_client_id, bool from_snapshot) {
  CloseDatabase();
  INVENTO_RETURN_IF_ERROR(RegisterVfs(vfs));
  invento::Json salvaged{{"state", invento::Json::object()}, {"outbox", invento::Json::array()},
                         {"errors", invento::Json::array()}};
  {
    auto damaged = invento::db::Db::Open(path, VfsName(vfs));
    if (damaged.ok()) {
      salvaged = invento::sync::SyncClient::Salvage(*damaged.value());
    } else {
      salvaged["errors"].push_back(damaged.status().message());
    }
  }
  sqlite3_vfs* v = sqlite3_vfs_find(VfsName(vfs));
  if (v == nullptr) return invento::Status::Internal("no SQLite VFS " + vfs);
  INVENTO_RETURN_IF_ERROR(DeleteDatabaseFiles(v, path));
  invento::Result<std::unique_ptr<invento::Core>> opened = invento::Status::Internal("");
  if (from_snapshot) {
    invento::Status written = WriteSnapshot(v, path);
    if (written.ok()) opened = invento::Core::Open({.path = path, .vfs = VfsName(vfs)});
    if (!written.ok() || !opened.ok()) {  // not usable: an empty database, pulled row by row
      salvaged["errors"].push_back("snapshot: " + (written.ok() ? opened.status() : written).message());
      from_snapshot = false;
      INVENTO_RETURN_IF_ERROR(DeleteDatabaseFiles(v, path));
    }
  }
  if (!from_snapshot) opened = invento::Core::Open({.path = path, .vfs = VfsName(vfs)});
  INVENTO_ASSIGN_OR_RETURN(auto core, std::move(opened));
  INVENTO_RETURN_IF_ERROR(core->db().Exec(kConnectionPragmas));
  auto client = std::make_unique<invento::sync::SyncClient>(*core);
  // The actor that re-runs the kept mutations locally: the salvaged session's user if any.
  invento::Actor actor{"", invento::Role::kConsultant};
  if (salvaged["state"].contains("session")) {
    auto session = invento::Json::parse(salvaged["state"]["session"].get<std::string>(), nullptr, false);
    if (session.is_object() && session.contains("user") && session["user"].is_object()) {
      auto role = invento::ParseRole(session["user"].value("role", ""));
      if (role.ok()) actor = {session["user"].value("id", ""), role.value()};
    }
  }
  INVENTO_ASSIGN_OR_RETURN(invento::Json restored, client->Restore(salvaged, actor, fresh_client_id));
  g_core = std::move(core);
  g_client = std::move(client);
  restored["errors"] = salvaged["errors"];
  restored["integrity"] = "ok";
  restored["snapshot"] = from_snapshot;
  return restored;
}

std::string Rebuild(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  try {
    return invento::Envelope(RebuildCore(path, vfs, fresh_client_id, false)).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

std::string InstallSnapshot(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  try {
    return invento::Envelope(RebuildCore(path, vfs, fresh_client_id, true)).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

// The background integrity check, one table (with its indexes) per call so the worker can
// answer other calls in between: PRAGMA quick_check(<table>) on the `index`-th table.
// Result: {"table": name, "result": "ok" | problems, "next": index + 1 | null}.
invento::Result<invento::Json> CheckTableAt(int index) {
  if (!g_core) return invento::Status::FailedPrecondition("database is not open");
  auto& db = g_core->db();
  INVENTO_ASSIGN_OR_RETURN(invento::db::Stmt list, db.Prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name LIMIT 1 OFFSET ?"));
  list.Bind(1, static_cast<std::int64_t>(index));
  INVENTO_ASSIGN_OR_RETURN(bool found, list.Step());
  if (!found) return invento::Json{{"table", nullptr}, {"result", "ok"}, {"next", nullptr}};
  std::string table = list.Text(0);
  std::string quoted = "'";
  for (char c : table) quoted += (c == '\'' ? std::string("''") : std::string(1, c));
  quoted += "'";
  INVENTO_ASSIGN_OR_RETURN(invento::db::Stmt check, db.Prepare("PRAGMA quick_check(" + quoted + ")"));
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
  return invento::Json{{"table", table}, {"result", report}, {"next", index + 1}};
}

std::string CheckTable(int index) {
  try {
    return invento::Envelope(CheckTableAt(index)).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

// Flushes what the last commits wrote (WAL checkpoint: the log's frames into the database,
// both flushed). Called by the worker shortly after writes; cheap when nothing is new.
std::string Checkpoint() {
  try {
    if (!g_core) return Fail(invento::Status::FailedPrecondition("database is not open"));
    return invento::Envelope(g_core->db().Exec("PRAGMA wal_checkpoint(PASSIVE);").ok()
                                 ? invento::Result<invento::Json>(invento::Json(nullptr))
                                 : invento::Result<invento::Json>(invento::Status::IoError("checkpoint failed")))
        .dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

std::string Close() {
  CloseDatabase();
  return invento::Json{{"ok", true}, {"result", nullptr}}.dump();
}

template <typename Fn>
std::string Call(const std::string& args_json, const std::string& actor_json, Fn fn) {
  try {
    if (!g_core) return Fail(invento::Status::FailedPrecondition("database is not open"));
    auto actor = ParseActor(actor_json);
    if (!actor.ok()) return Fail(actor.status());
    auto args = ParseArgs(args_json);
    if (!args.ok()) return Fail(args.status());
    return invento::Envelope(fn(actor.value(), args.value())).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

// Runs the mutator optimistically and queues it in the outbox (one local transaction).
std::string Mutate(const std::string& name, const std::string& args_json,
                   const std::string& actor_json, double now_ms) {
  return Call(args_json, actor_json, [&](const invento::Actor& a, const invento::Json& args) {
    if (!g_client) return invento::Result<invento::Json>(invento::Status::FailedPrecondition("the local database is damaged"));
    return g_client->Mutate(name, args, a, static_cast<std::int64_t>(now_ms));
  });
}

// The sync client's steps, for the worker's sync loop (wasm/sync_loop.ts), which does the
// HTTP. Request/response bodies are the protocol's JSON (docs/sync-protocol.md).
template <typename Fn>
std::string WithClient(Fn fn) {
  try {
    if (!g_client) return Fail(invento::Status::FailedPrecondition("database is not open"));
    return invento::Envelope(fn(*g_client)).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

invento::Result<invento::Json> ParseDocument(const std::string& text) {
  auto j = invento::Json::parse(text, nullptr, false);
  if (j.is_discarded()) return invento::Status::InvalidArgument("not valid JSON");
  return j;
}

std::string SyncPushRequest(int max) {
  return WithClient([&](invento::sync::SyncClient& c) { return c.PushRequest(static_cast<std::size_t>(max)); });
}

std::string SyncApplyPush(const std::string& response, double now_ms) {
  return WithClient([&](invento::sync::SyncClient& c) -> invento::Result<invento::Json> {
    INVENTO_ASSIGN_OR_RETURN(invento::Json body, ParseDocument(response));
    INVENTO_RETURN_IF_ERROR(c.ApplyPushResponse(body, static_cast<std::int64_t>(now_ms)));
    return invento::Json(nullptr);
  });
}

std::string SyncPullRequest() {
  return WithClient([&](invento::sync::SyncClient& c) { return c.PullRequest(); });
}

std::string SyncApplyPull(const std::string& response, const std::string& actor_json, double now_ms) {
  return WithClient([&](invento::sync::SyncClient& c) -> invento::Result<invento::Json> {
    INVENTO_ASSIGN_OR_RETURN(invento::Json body, ParseDocument(response));
    INVENTO_ASSIGN_OR_RETURN(invento::Actor actor, ParseActor(actor_json));
    return c.ApplyPull(body, actor, static_cast<std::int64_t>(now_ms));
  });
}

std::string SyncState() {
  return WithClient([&](invento::sync::SyncClient& c) { return c.State(); });
}

std::string SyncDismiss(double mutation_id) {
  return WithClient([&](invento::sync::SyncClient& c) -> invento::Result<invento::Json> {
    INVENTO_RETURN_IF_ERROR(c.DismissRejection(static_cast<std::int64_t>(mutation_id)));
    return invento::Json(nullptr);
  });
}

std::string GetSession() {
  return WithClient([&](invento::sync::SyncClient& c) { return c.Session(); });
}

std::string SetSession(const std::string& session_json) {
  return WithClient([&](invento::sync::SyncClient& c) -> invento::Result<invento::Json> {
    INVENTO_ASSIGN_OR_RETURN(invento::Json session, ParseDocument(session_json));
    INVENTO_RETURN_IF_ERROR(c.SetSession(session));
    return invento::Json(nullptr);
  });
}

std::string Query(const std::string& name, const std::string& args_json,
                  const std::string& actor_json) {
  return Call(args_json, actor_json, [&](const invento::Actor& a, const invento::Json& args) {
    return g_core->Query(name, args, a);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(invento_core) {
  emscripten::function("versions", &Versions);
  emscripten::function("open", &Open);
  emscripten::function("rebuild", &Rebuild);
  emscripten::function("installSnapshot", &InstallSnapshot);
  emscripten::function("close", &Close);
  emscripten::function("checkpoint", &Checkpoint);
  emscripten::function("checkTable", &CheckTable);
  emscripten::function("mutate", &Mutate);
  emscripten::function("query", &Query);
  emscripten::function("syncPushRequest", &SyncPushRequest);
  emscripten::function("syncApplyPush", &SyncApplyPush);
  emscripten::function("syncPullRequest", &SyncPullRequest);
  emscripten::function("syncApplyPull", &SyncApplyPull);
  emscripten::function("syncState", &SyncState);
  emscripten::function("syncDismiss", &SyncDismiss);
  emscripten::function("getSession", &GetSession);
  emscripten::function("setSession", &SetSession);
}
