#include "core/tx/write_tx.h"

#include <algorithm>

namespace invento {

Result<const db::TableDef*> WriteTx::Table(std::string_view name) const {
  const db::TableDef* def = tables_.Find(name);
  if (!def) return Status::InvalidArgument("unknown table " + std::string(name));
  return def;
}

static Result<std::optional<Json>> ReadRow(const db::Db& db, const db::TableDef& def,
                                           std::string_view id) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare("SELECT * FROM " + def.name + " WHERE id = ?"));
  st.Bind(1, id);
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Json>();
  return std::optional<Json>(st.RowObject());
}

Result<std::optional<Json>> WriteTx::Get(std::string_view table, std::string_view id) const {
  INVENTO_ASSIGN_OR_RETURN(const db::TableDef* def, Table(table));
  return ReadRow(db_, *def, id);
}

Result<std::vector<const std::string*>> WriteTx::Columns(const db::TableDef& def,
                                                        const Json& row) {
  if (!row.is_object() || !row.contains("id") || !row["id"].is_string()) {
    return Status::Internal("put: row needs a string id");
  }
  std::vector<const std::string*> cols;
  cols.reserve(row.size());
  for (const auto& [k, v] : row.items()) {
    if (k == "version") continue;  // stamped by the transaction, never by the mutator
    if (!def.HasColumn(k)) return Status::Internal("put: unknown column " + def.name + "." + k);
    cols.push_back(&k);
  }
  return cols;
}

// INSERT INTO t (version, c1, c2...) VALUES (?, ?, ?...)
static std::string InsertSql(const db::TableDef& def, const std::vector<const std::string*>& cols) {
  std::string sql = "INSERT INTO " + def.name + " (version";
  for (const auto* c : cols) sql += ", " + *c;
  sql += ") VALUES (?";
  for (size_t i = 0; i < cols.size(); ++i) sql += ", ?";
  sql += ")";
  return sql;
}

void WriteTx::Record(const db::TableDef& def, const std::string& id, Json before) {
  if (touched_.emplace(def.name, id).second) {
    changes_.push_back({def.name, id, std::move(before)});
  }
}

Status WriteTx::Put(std::string_view table, const Json& row) {
  INVENTO_ASSIGN_OR_RETURN(const db::TableDef* def, Table(table));
  INVENTO_ASSIGN_OR_RETURN(std::vector<const std::string*> cols, Columns(*def, row));
  const std::string& id = row["id"].get_ref<const std::string&>();
  INVENTO_ASSIGN_OR_RETURN(std::optional<Json> before, ReadRow(db_, *def, id));
  std::string sql;
  if (before) {
    sql = "UPDATE " + def->name + " SET version = ?";
    for (const auto* c : cols) {
      if (*c != "id") sql += ", " + *c + " = ?";
    }
    sql += " WHERE id = ?";
  } else {
    sql = InsertSql(*def, cols);
  }
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(sql));
  int i = 1;
  st.Bind(i++, version_);
  for (const auto* c : cols) {
    if (before && *c == "id") continue;
    st.Bind(i++, row[*c]);
  }
  if (before) st.Bind(i++, std::string_view(id));
  INVENTO_RETURN_IF_ERROR(st.Run());
  Record(*def, id, before ? std::move(*before) : Json(nullptr));
  return Status::Ok();
}

Status WriteTx::Insert(std::string_view table, const Json& row) {
  INVENTO_ASSIGN_OR_RETURN(const db::TableDef* def, Table(table));
  INVENTO_ASSIGN_OR_RETURN(std::vector<const std::string*> cols, Columns(*def, row));
  const std::string& id = row["id"].get_ref<const std::string&>();
  Status inserted;
  {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(InsertSql(*def, cols)));
    int i = 1;
    st.Bind(i++, version_);
    for (const auto* c : cols) st.Bind(i++, row[*c]);
    inserted = st.Run();
  }
  if (!inserted.ok()) {
    // The primary key is the usual reason; any other constraint keeps its own message.
    if (inserted.code() == Code::kConflict) {
      INVENTO_ASSIGN_OR_RETURN(std::optional<Json> existing, ReadRow(db_, *def, id));
      if (existing) return Status::Conflict("id " + id + " is already used", "id");
    }
    return inserted;
  }
  Record(*def, id, Json(nullptr));
  return Status::Ok();
}

Status WriteTx::Del(std::string_view table, std::string_view id) {
  INVENTO_ASSIGN_OR_RETURN(std::optional<Json> existing, Get(table, id));
  if (!existing || (*existing)["deleted"] == 1) {
    return Status::NotFound(std::string(table) + " " + std::string(id) + " does not exist", "id");
  }
  return Put(table, Json{{"id", id}, {"deleted", 1}});
}

Status WriteTx::WriteFullRow(db::Db& db, const db::TableDef& def, const Json& row) {
  // An upsert (not INSERT OR REPLACE) keeps the rowid and fires UPDATE triggers, which keep
  // derived tables (full-text index, on-hand cache) right.
  std::string sql = "INSERT INTO " + def.name + " (";
  std::string qs, sets;
  for (size_t i = 0; i < def.columns.size(); ++i) {
    sql += (i ? ", " : "") + def.columns[i];
    qs += i ? ", ?" : "?";
    if (def.columns[i] != "id") {
      sets += (sets.empty() ? "" : ", ") + def.columns[i] + " = excluded." + def.columns[i];
    }
  }
  sql += ") VALUES (" + qs + ") ON CONFLICT (id) DO UPDATE SET " + sets;
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
  for (size_t i = 0; i < def.columns.size(); ++i) {
    auto it = row.find(def.columns[i]);
    st.Bind(static_cast<int>(i + 1), it == row.end() ? Json(nullptr) : *it);
  }
  return st.Run();
}

Status WriteTx::Undo(db::Db& db, const db::TableRegistry& tables,
                     const std::vector<RowChange>& changes) {
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    const db::TableDef* def = tables.Find(it->table);
    if (!def) return Status::Internal("undo: unknown table " + it->table);
    if (it->before.is_null()) {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare("DELETE FROM " + def->name + " WHERE id = ?"));
      st.Bind(1, std::string_view(it->id));
      INVENTO_RETURN_IF_ERROR(st.Run());
    } else {
      INVENTO_RETURN_IF_ERROR(WriteFullRow(db, *def, it->before));
    }
  }
  return Status::Ok();
}

}  // namespace invento
