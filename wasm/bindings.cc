// The embind boundary: converts plain strings to and from core calls. Thin on purpose: it
// parses JSON, calls core, and returns JSON; what to do lives in core (opening and
// rebuilding the database: core/sync/recovery.h; who acts: the SyncClient's session).
//
// Every function takes and returns JSON text. Errors come back as
// {"ok":false,"code":...,"message":...} values; no C++ exception crosses into JS
// (an escaping exception would reach JS as a bare number). Typed in invento_core.d.ts.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstdint>
#include <string>

#include "core/core.h"
#include "core/sync/client.h"
#include "core/sync/recovery.h"
#include "wasm/opfs_sah_pool.h"

namespace {

using invento::Json;
using invento::Result;
using invento::Status;

// The open database and its sync client (empty when closed). Every mutation goes through
// the client, which owns the actor derived from the signed-in session.
invento::sync::LocalReplica g_replica;

// Runs fn (returning Result<Json>) and answers with the envelope; no exception escapes (the
// shipped module has none: cmake/wasm_flags.cmake).
template <typename Fn>
std::string Answer(Fn fn) {
#if defined(__cpp_exceptions)
  try {
    return invento::Envelope(fn()).dump();
  } catch (const std::exception& e) {
    return invento::ErrorJson(Status::Internal(e.what())).dump();
  }
#else
  return invento::Envelope(fn()).dump();
#endif
}

// Like Answer, for calls that need the open database.
template <typename Fn>
std::string WithClient(Fn fn) {
  return Answer([&]() -> Result<Json> {
    if (!g_replica.client) return Status::FailedPrecondition("database is not open");
    return fn(*g_replica.client);
  });
}

Result<Json> ParseDocument(const std::string& text) {
  auto j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument("not valid JSON");
  return j;
}

std::string Versions() {
  return Json{{"core", invento::kCoreVersion},
              {"sqlite", invento::Core::SqliteVersion()},
              {"schema", g_replica.core ? g_replica.core->schema_version() : 0}}
      .dump();
}

// Exclusive locking from the start: WAL without shared memory (the pool has none) needs it.
// Write-ahead log with synchronous=NORMAL: a commit appends its pages to the
// -wal file with no flush (a rollback journal costs a journal created, flushed and deleted
// plus the database flushed: about five OPFS flushes, ~20 ms, per mutation). What a commit
// wrote is in the file as soon as it returns, so a tab closed or crashed mid-write loses
// nothing committed (SQLite ignores a torn last frame). Only a device power loss could lose
// the last commits before the next flush: the worker flushes with a checkpoint shortly
// after each burst of writes (Checkpoint below), bounding that window to about a second.
// Temporary tables in memory so they never take a pool slot; a 16 MiB page cache. The log is
// copied into the database by that idle-time checkpoint, and inside a commit only past 32 MiB
// (8,192 pages; with SQLite's default of 1,000, one commit every few hundred paid for it).
const invento::db::ConnectionPragmas kBrowserPragmas{
    .exclusive_locking = true,
    .journal_mode = invento::db::JournalMode::kWal,
    .synchronous = invento::db::Synchronous::kNormal,
    .temp_store_memory = true,
    .cache_size = -16384,
    .wal_autocheckpoint = 8192,
};

// `path` with the SQLite VFS `vfs` ("" for the default one, "opfs-sahpool" for the OPFS pool
// whose handles worker.ts acquired), registered first when needed.
Result<invento::Core::Options> BrowserOptions(const std::string& path, const std::string& vfs) {
  if (vfs == invento::wasm::kOpfsSahPoolVfs) INVENTO_RETURN_IF_ERROR(invento::wasm::RegisterOpfsSahPool());
  return invento::Core::Options{.path = path, .vfs = vfs.empty() ? nullptr : vfs.c_str(), .pragmas = kBrowserPragmas};
}

void CloseDatabase() {
  g_replica.client.reset();  // refers to the core: first
  g_replica.core.reset();
  g_replica.client_id.clear();
}

// Opens the database (migrations; a damaged header or schema fails here with `corrupt`: the
// worker then rebuilds) and its sync client. The full check runs table by table in the
// background (CheckTable). Result: {"integrity": "ok", "client_id": "..."}.
std::string Open(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  return Answer([&]() -> Result<Json> {
    CloseDatabase();
    INVENTO_ASSIGN_OR_RETURN(auto options, BrowserOptions(path, vfs));
    INVENTO_ASSIGN_OR_RETURN(g_replica, invento::sync::OpenReplica(options, fresh_client_id));
    return Json{{"integrity", "ok"}, {"client_id", g_replica.client_id}};
  });
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

// RebuildReplica (core/sync/recovery.h), from Module.snapshot when from_snapshot.
// Result: {"kept", "lost", "client_id", "errors": [...], "integrity": "ok", "snapshot": bool}.
std::string RebuildWith(const std::string& path, const std::string& vfs, const std::string& fresh_client_id,
                        bool from_snapshot) {
  return Answer([&]() -> Result<Json> {
    CloseDatabase();
    INVENTO_ASSIGN_OR_RETURN(auto options, BrowserOptions(path, vfs));
    const invento::sync::SnapshotSource snapshot = [](std::uint8_t* dest, int n, std::int64_t at) {
      return invento_snapshot_chunk(dest, n, static_cast<double>(at));
    };
    INVENTO_ASSIGN_OR_RETURN(auto rebuilt, invento::sync::RebuildReplica(options, fresh_client_id,
                                                                          from_snapshot ? &snapshot : nullptr));
    g_replica = std::move(rebuilt.replica);
    rebuilt.report["integrity"] = "ok";
    return rebuilt.report;
  });
}

std::string Rebuild(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  return RebuildWith(path, vfs, fresh_client_id, false);
}

std::string InstallSnapshot(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  return RebuildWith(path, vfs, fresh_client_id, true);
}

// Result: {"table": name, "result": "ok" | problems, "next": index + 1 | null}.
std::string CheckTable(int index) {
  return Answer([&]() -> Result<Json> {
    if (!g_replica.core) return Status::FailedPrecondition("database is not open");
    return invento::sync::CheckTableAt(g_replica.core->db(), index);
  });
}

// Flushes what the last commits wrote (WAL checkpoint: the log's frames into the database,
// both flushed). Called by the worker shortly after writes; cheap when nothing is new.
std::string Checkpoint() {
  return Answer([&]() -> Result<Json> {
    if (!g_replica.core) return Status::FailedPrecondition("database is not open");
    if (!g_replica.core->db().Exec("PRAGMA wal_checkpoint(PASSIVE);").ok()) {
      return Status::IoError("checkpoint failed");
    }
    return Json(nullptr);
  });
}

std::string Close() {
  CloseDatabase();
  return Json{{"ok", true}, {"result", nullptr}}.dump();
}

// Runs the mutator as the signed-in user, optimistically, and queues it in the outbox (one
// local transaction).
std::string Mutate(const std::string& name, const std::string& args_json, double now_ms) {
  return WithClient([&](invento::sync::SyncClient& c) -> Result<Json> {
    INVENTO_ASSIGN_OR_RETURN(Json args, ParseDocument(args_json));
    return c.Mutate(name, args, static_cast<std::int64_t>(now_ms));
  });
}

std::string Query(const std::string& name, const std::string& args_json) {
  return WithClient([&](invento::sync::SyncClient& c) -> Result<Json> {
    INVENTO_ASSIGN_OR_RETURN(Json args, ParseDocument(args_json));
    return c.Query(name, args);
  });
}

// The sync client's steps, for the worker's sync loop (wasm/sync_loop.ts), which does the
// HTTP. Request/response bodies are the protocol's JSON (docs/sync-protocol.md).
std::string SyncPushRequest(int max) {
  return WithClient([&](invento::sync::SyncClient& c) { return c.PushRequest(static_cast<std::size_t>(max)); });
}

std::string SyncApplyPush(const std::string& response, double now_ms) {
  return WithClient([&](invento::sync::SyncClient& c) -> Result<Json> {
    INVENTO_ASSIGN_OR_RETURN(Json body, ParseDocument(response));
    INVENTO_RETURN_IF_ERROR(c.ApplyPushResponse(body, static_cast<std::int64_t>(now_ms)));
    return Json(nullptr);
  });
}

std::string SyncPullRequest() {
  return WithClient([&](invento::sync::SyncClient& c) { return c.PullRequest(); });
}

std::string SyncApplyPull(const std::string& response, double now_ms) {
  return WithClient([&](invento::sync::SyncClient& c) -> Result<Json> {
    INVENTO_ASSIGN_OR_RETURN(Json body, ParseDocument(response));
    return c.ApplyPull(body, static_cast<std::int64_t>(now_ms));
  });
}

std::string SyncState() {
  return WithClient([&](invento::sync::SyncClient& c) { return c.State(); });
}

std::string SyncDismiss(double mutation_id) {
  return WithClient([&](invento::sync::SyncClient& c) -> Result<Json> {
    INVENTO_RETURN_IF_ERROR(c.DismissRejection(static_cast<std::int64_t>(mutation_id)));
    return Json(nullptr);
  });
}

std::string GetSession() {
  return WithClient([&](invento::sync::SyncClient& c) { return c.Session(); });
}

std::string SetSession(const std::string& session_json) {
  return WithClient([&](invento::sync::SyncClient& c) -> Result<Json> {
    INVENTO_ASSIGN_OR_RETURN(Json session, ParseDocument(session_json));
    INVENTO_RETURN_IF_ERROR(c.SetSession(session));
    return Json(nullptr);
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
