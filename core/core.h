// Core: the facade the wasm bindings and the sync server use. Opens a database (applying
// the schema migrations), runs named mutators and queries with an actor, and reports
// versions.
//
// Contract: Mutate() checks the permission table with the actor's role, then runs the
// mutator inside one SQLite transaction: on any error nothing is written. Errors are
// Status values; nothing throws across this API (a stray exception becomes internal).
// One Core per database connection; not thread-safe (one worker / one writer).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/db/sqlite.h"
#include "core/db/tables.h"
#include "core/mutators/registry.h"

namespace invento {

inline constexpr std::string_view kCoreVersion = "0.1.0";

class Core {
 public:
  struct Options {
    std::string path = ":memory:";
    const char* vfs = nullptr;    // SQLite VFS name, nullptr for the default
    bool server_tables = false;   // also apply schema/server migrations
    // This connection's SQLite settings (core/db/connection_pragmas.h), applied when the
    // database is opened, before the migrations. Default: SQLite's own.
    db::ConnectionPragmas pragmas = {};
  };

  static Result<std::unique_ptr<Core>> Open(const Options& options);

  // Runs mutator `name` in its own transaction. Rows written get version 0 (device).
  Result<Json> Mutate(std::string_view name, const Json& args, const MutationContext& ctx);
  // Runs mutator `name` through a caller-owned WriteTx (and SQLite transaction): used by the
  // server (which stamps versions) and by the sync client. Checks permissions.
  static Result<Json> Apply(WriteTx& tx, std::string_view name, const Json& args,
                            const MutationContext& ctx);
  Result<Json> Query(std::string_view name, const Json& args, const Actor& actor) const;

  db::Db& db() { return *db_; }
  const db::TableRegistry& tables() const { return tables_; }

  static std::string_view SqliteVersion();
  int schema_version() const { return schema_version_; }

 private:
  Core(std::unique_ptr<db::Db> db, db::TableRegistry tables, int schema_version)
      : db_(std::move(db)), tables_(std::move(tables)), schema_version_(schema_version) {}
  std::unique_ptr<db::Db> db_;
  db::TableRegistry tables_;
  int schema_version_;
};

// {"ok":true,"result":...} or {"ok":false,"code":...,"message":...,"field"?:...}
Json Envelope(const Result<Json>& r);
Json ErrorJson(const Status& s);

}  // namespace invento
