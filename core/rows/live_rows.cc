#include "core/rows/live_rows.h"

#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/rows.h"

namespace invento::rows {

Result<Json> RequireLive(const db::Db& db, std::string_view table, const std::string& id,
                         const char* field, const char* what) {
  // Table names come from code (callers pass literals), never from input.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st,
                           db.Prepare("SELECT * FROM " + std::string(table) + " WHERE id = ?"));
  st.Bind(1, std::string_view(id));
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  Json obj = row ? st.RowObject() : Json();
  if (!row || obj.value("deleted", 0) == 1) {
    return Status::NotFound(std::string(what) + " " + id + " does not exist", field);
  }
  return obj;
}

Result<Json> RequireLive(const WriteTx& tx, std::string_view table, const std::string& id,
                         const char* field, const char* what) {
  return RequireLive(tx.db(), table, id, field, what);
}

Status RequireNewId(const WriteTx& tx, std::string_view table, const std::string& id) {
  INVENTO_ASSIGN_OR_RETURN(auto existing, tx.Get(table, id));
  if (existing) return Status::Conflict("id " + id + " is already used", "id");
  return Status::Ok();
}

Result<Json> SetArchived(WriteTx& tx, const Json& args, std::string_view table, const char* what) {
  ArgReader r(args);
  std::string id = r.Id("id");
  bool archived = r.Bool("archived", true);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json row, RequireLive(tx, table, id, "id", what));
  INVENTO_RETURN_IF_ERROR(tx.Put(table, Json{{"id", id}, {"archived", archived ? 1 : 0}}));
  return Json{{"id", id}, {"archived", archived}};
}

Result<Json> PutNamedRow(WriteTx& tx, std::string_view table, const char* what, bool create,
                         Json row, const std::optional<std::string>& name) {
  const std::string id = row["id"].get<std::string>();
  if (create) {
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, table, id));
    row.update({{"archived", 0}, {"deleted", 0}});
  } else {
    INVENTO_ASSIGN_OR_RETURN(Json existing, RequireLive(tx, table, id, "id", what));
  }
  if (name) {
    std::string key = FoldKey(*name);
    // table comes from code, never from input.
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, tx.db().Prepare(
        "SELECT 1 FROM " + std::string(table) +
        " WHERE name_key = ? AND deleted = 0 AND id <> ? LIMIT 1"));
    st.Bind(1, std::string_view(key)).Bind(2, std::string_view(id));
    INVENTO_ASSIGN_OR_RETURN(bool dup, st.Step());
    if (dup) {
      return Status::Conflict(std::string("a ") + what + " named '" + *name + "' already exists",
                              "name");
    }
    row["name"] = *name;
    row["name_key"] = key;
  }
  INVENTO_RETURN_IF_ERROR(tx.Put(table, row));
  return Json{{"id", id}};
}

Result<bool> IsSelfOrDescendant(const db::Db& db, std::string_view table, const std::string& id,
                                const std::string& ancestor) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "WITH RECURSIVE up(id, parent_id, n) AS (SELECT id, parent_id, 0 FROM " +
      std::string(table) + " WHERE id = ? UNION ALL SELECT t.id, t.parent_id, up.n + 1 FROM " +
      std::string(table) + " t JOIN up ON t.id = up.parent_id WHERE up.n < 64)"
      " SELECT 1 FROM up WHERE id = ? LIMIT 1"));
  st.Bind(1, std::string_view(id)).Bind(2, std::string_view(ancestor));
  return st.Step();
}

Status RequireUniqueSiblingName(const db::Db& db, std::string_view table,
                                const std::optional<std::string>& parent_id,
                                const std::string& name_key, const std::string& self_id,
                                const std::string& display_name) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT 1 FROM " + std::string(table) +
      " WHERE parent_id IS ? AND name_key = ? AND deleted = 0 AND id <> ? LIMIT 1"));
  st.Bind(1, OptJson(parent_id)).Bind(2, std::string_view(name_key)).Bind(3, std::string_view(self_id));
  INVENTO_ASSIGN_OR_RETURN(bool dup, st.Step());
  if (dup) return Status::Conflict("'" + display_name + "' already exists here", "name");
  return Status::Ok();
}

}  // namespace invento::rows
