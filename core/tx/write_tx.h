// WriteTx: the only way mutators write domain tables (design.md, "Mutators").
//
// Put(table, row) inserts or updates the row with that id (only the given columns change),
// Del(table, id) marks a tombstone. Each call records the row's before-image (the full row,
// or null when it did not exist) the first time the row is touched in this WriteTx, so the
// effects can be undone exactly (Undo), and the list of touched rows (changes()), so the
// server can stamp versions and devices can replicate. Every written row gets
// version = the WriteTx's version (0 on a device for not-yet-confirmed rows).
//
// Contract: the caller owns the surrounding SQLite transaction. Table and column names are
// checked against the TableRegistry (unknown -> invalid_argument) and values are bound
// parameters. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/db/sqlite.h"
#include "core/db/tables.h"

namespace invento {

using Json = nlohmann::json;

struct RowChange {
  std::string table;
  std::string id;
  Json before;  // full row before the first write in this WriteTx, or null if absent
};

class WriteTx {
 public:
  WriteTx(db::Db& db, const db::TableRegistry& tables, std::int64_t version)
      : db_(db), tables_(tables), version_(version) {}

  // Reads a row (tombstones included); nullopt when absent.
  Result<std::optional<Json>> Get(std::string_view table, std::string_view id) const;
  Status Put(std::string_view table, const Json& row);
  // Inserts a row that must be NEW: conflict "id ... is already used" (field "id") when a row
  // with that id exists, tombstones included (ids are never reused). Same effect as checking
  // the id and then Put, in one statement: the before-image is null without reading it.
  // For appends (ledger entries); other constraint failures keep their own error.
  Status Insert(std::string_view table, const Json& row);
  Status Del(std::string_view table, std::string_view id);

  const std::vector<RowChange>& changes() const { return changes_; }
  std::int64_t version() const { return version_; }
  db::Db& db() const { return db_; }

  // Restores every before-image in reverse order (deleting rows that did not exist).
  static Status Undo(db::Db& db, const db::TableRegistry& tables,
                     const std::vector<RowChange>& changes);
  // Writes a full row exactly as given (used by Undo and by sync to apply server rows).
  static Status WriteFullRow(db::Db& db, const db::TableDef& def, const Json& row);

 private:
  Result<const db::TableDef*> Table(std::string_view name) const;
  // The columns of `row` to write (every key but version), checked against def.
  static Result<std::vector<const std::string*>> Columns(const db::TableDef& def, const Json& row);
  void Record(const db::TableDef& def, const std::string& id, Json before);
  db::Db& db_;
  const db::TableRegistry& tables_;
  std::int64_t version_;
  std::vector<RowChange> changes_;
  std::set<std::pair<std::string, std::string>> touched_;  // (table, id) already recorded
};

}  // namespace invento
