// The embind boundary: converts plain strings to and from core calls. Thin on purpose.
//
// Every function takes and returns JSON text. Errors come back as
// {"ok":false,"code":...,"message":...} values; no C++ exception crosses into JS
// (an escaping exception would reach JS as a bare number). Typed in invento_core.d.ts.
#include <emscripten/bind.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "core/core.h"
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

// PRAGMA quick_check: "ok", or the first problems found, one per line.
invento::Result<std::string> QuickCheck(const invento::db::Db& db) {
  INVENTO_ASSIGN_OR_RETURN(invento::db::Stmt st, db.Prepare("PRAGMA quick_check(10)"));
  std::string report;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (!report.empty()) report += '\n';
    report += st.Text(0);
  }
  return report;
}

// Opening: `path` with the SQLite VFS `vfs` ("" for the default one, "opfs-sahpool" for the
// OPFS pool whose handles worker.ts acquired), then a check. Rollback journal with
// full syncs (see docs/architecture.md, "Browser storage"); temporary tables in memory
// so they never take a pool slot.
const char* VfsName(const std::string& vfs) { return vfs.empty() ? nullptr : vfs.c_str(); }

invento::Status RegisterVfs(const std::string& vfs) {
  if (vfs == invento::wasm::kOpfsSahPoolVfs) return invento::wasm::RegisterOpfsSahPool();
  return invento::Status::Ok();
}

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
  INVENTO_ASSIGN_OR_RETURN(auto core, invento::Core::Open({.path = path, .vfs = VfsName(vfs)}));
  INVENTO_RETURN_IF_ERROR(core->db().Exec(
      "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"));
  auto checked = QuickCheck(core->db());
  std::string integrity = checked.ok() ? checked.value() : checked.status().message();
  auto client = std::make_unique<invento::sync::SyncClient>(*core);
  std::string client_id;
  if (integrity == "ok") {
    INVENTO_ASSIGN_OR_RETURN(client_id, client->Init(fresh_client_id));
  }
  g_core = std::move(core);
  g_client = std::move(client);
  return invento::Json{{"integrity", integrity}, {"client_id", client_id}};
}

std::string Open(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  try {
    return invento::Envelope(OpenCore(path, vfs, fresh_client_id)).dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
}

// The local database is damaged (or cannot be opened): reads what it still can of the sync
// state and the unsent mutations, deletes the file, creates a fresh database and puts them
// back (SyncClient::Salvage / Restore). The next pull rebuilds every row from the server.
// Result: {"kept": n, "lost": n, "client_id": "...", "errors": [...], "integrity": "ok"}.
invento::Result<invento::Json> RebuildCore(const std::string& path, const std::string& vfs,
                                           const std::string& fresh_client_id) {
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
  for (const std::string& file : {path, path + "-journal", path + "-wal"}) {
    int exists = 0;
    if (v->xAccess(v, file.c_str(), SQLITE_ACCESS_EXISTS, &exists) == SQLITE_OK && exists) {
      if (v->xDelete(v, file.c_str(), 1) != SQLITE_OK) {
        return invento::Status::IoError("cannot delete the damaged file " + file);
      }
    }
  }
  INVENTO_ASSIGN_OR_RETURN(auto core, invento::Core::Open({.path = path, .vfs = VfsName(vfs)}));
  INVENTO_RETURN_IF_ERROR(core->db().Exec(
      "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"));
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
  return restored;
}

std::string Rebuild(const std::string& path, const std::string& vfs, const std::string& fresh_client_id) {
  try {
    return invento::Envelope(RebuildCore(path, vfs, fresh_client_id)).dump();
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
  emscripten::function("close", &Close);
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
