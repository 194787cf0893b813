#include "core/core.h"

#include "core/db/migrations.h"

namespace invento {

Result<std::unique_ptr<Core>> Core::Open(const Options& options) {
  INVENTO_ASSIGN_OR_RETURN(std::unique_ptr<db::Db> db, db::Db::Open(options.path, options.vfs, options.pragmas));
  INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*db, "shared", db::SharedMigrations()));
  if (options.server_tables) {
    INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*db, "server", db::ServerMigrations()));
  }
  INVENTO_ASSIGN_OR_RETURN(int version, db::SchemaVersion(*db, "shared"));
  INVENTO_ASSIGN_OR_RETURN(db::TableRegistry tables, db::TableRegistry::Load(*db));
  return std::unique_ptr<Core>(new Core(std::move(db), std::move(tables), version));
}

Result<Json> Core::Apply(WriteTx& tx, std::string_view name, const Json& args,
                         const MutationContext& ctx) {
  return RunMutator(tx, name, args, ctx);
}

Result<Json> Core::Mutate(std::string_view name, const Json& args, const MutationContext& ctx) {
  INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(*db_));
  WriteTx tx(*db_, tables_, 0);
  INVENTO_ASSIGN_OR_RETURN(Json result, Apply(tx, name, args, ctx));
  INVENTO_RETURN_IF_ERROR(sql_tx->Commit());
  return result;
}

Result<Json> Core::Query(std::string_view name, const Json& args, const Actor& actor) const {
  return RunQuery(*db_, name, args, actor);
}

std::string_view Core::SqliteVersion() { return sqlite3_libversion(); }

Json ErrorJson(const Status& s) {
  Json j{{"ok", false}, {"code", s.code_name()}, {"message", s.message()}};
  if (!s.field().empty()) j["field"] = s.field();
  return j;
}

Json Envelope(const Result<Json>& r) {
  if (!r.ok()) return ErrorJson(r.status());
  return Json{{"ok", true}, {"result", r.value()}};
}

}  // namespace invento
