#include "core/db/migrations.h"

#include <string>

namespace invento::db {

Result<int> SchemaVersion(const Db& db, std::string_view set_name) {
  INVENTO_ASSIGN_OR_RETURN(Json v, db.QueryValue(
      "SELECT max(version) FROM schema_migrations WHERE set_name = ?", {Json(set_name)}));
  return v.is_number_integer() ? v.get<int>() : 0;
}

Status ApplyMigrations(Db& db, std::string_view set_name, const std::vector<Migration>& set) {
  INVENTO_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " set_name TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
      " PRIMARY KEY (set_name, version))"));
  INVENTO_ASSIGN_OR_RETURN(int current, SchemaVersion(db, set_name));
  int newest = set.empty() ? 0 : set.back().version;
  if (current > newest) {
    return Status::FailedPrecondition(
        "the database schema (" + std::string(set_name) + " version " + std::to_string(current) +
        ") is newer than this version of Invento (which knows up to version " +
        std::to_string(newest) + "); update Invento before opening this database");
  }
  for (const Migration& m : set) {
    if (m.version <= current) continue;
    INVENTO_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
    Status s = db.Exec(m.sql);
    if (!s.ok()) {
      return Status(s.code(), std::string("migration ") + m.name + " failed: " + s.message());
    }
    INVENTO_ASSIGN_OR_RETURN(Stmt st, db.Prepare(
        "INSERT INTO schema_migrations(set_name, version, name) VALUES (?, ?, ?)"));
    st.Bind(1, set_name).Bind(2, std::int64_t{m.version}).Bind(3, std::string_view(m.name));
    INVENTO_RETURN_IF_ERROR(st.Run());
    INVENTO_RETURN_IF_ERROR(tx->Commit());
  }
  return Status::Ok();
}

}  // namespace invento::db
