// The embind boundary: converts plain strings to and from core calls. Thin on purpose.
//
// Every function takes and returns JSON text. Errors come back as
// {"ok":false,"code":...,"message":...} values; no C++ exception crosses into JS
// (an escaping exception would reach JS as a bare number). Typed in invento_core.d.ts.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "core/core.h"
#include "wasm/opfs_sah_pool.h"

namespace {

std::unique_ptr<invento::Core> g_core;

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

// Opens `path` with the SQLite VFS `vfs` ("" for the default one, "opfs-sahpool" for the
// OPFS pool whose handles worker.ts acquired), then checks it. Rollback journal with
// full syncs (see docs/architecture.md, "Browser storage"); temporary tables in memory
// so they never take a pool slot. Result: {"integrity": "ok" | problems}.
std::string Open(const std::string& path, const std::string& vfs) {
  try {
    if (vfs == invento::wasm::kOpfsSahPoolVfs) {
      invento::Status registered = invento::wasm::RegisterOpfsSahPool();
      if (!registered.ok()) return Fail(registered);
    }
    auto core = invento::Core::Open({.path = path, .vfs = vfs.empty() ? nullptr : vfs.c_str()});
    if (!core.ok()) return Fail(core.status());
    invento::Status pragmas = core.value()->db().Exec(
        "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;");
    if (!pragmas.ok()) return Fail(pragmas);
    auto checked = QuickCheck(core.value()->db());
    std::string integrity = checked.ok() ? checked.value() : checked.status().message();
    g_core = std::move(core).value();
    return invento::Json{{"ok", true}, {"result", {{"integrity", integrity}}}}.dump();
  } catch (const std::exception& e) {
    return Fail(invento::Status::Internal(e.what()));
  }
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

std::string Mutate(const std::string& name, const std::string& args_json,
                   const std::string& actor_json) {
  return Call(args_json, actor_json, [&](const invento::Actor& a, const invento::Json& args) {
    return g_core->Mutate(name, args, {.actor = a, .now_ms = 0});
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
  emscripten::function("mutate", &Mutate);
  emscripten::function("query", &Query);
}
