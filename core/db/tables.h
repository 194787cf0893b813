// The registry of replicated tables: the fixed list of table names that mutators may write
// and sync may replicate, with their columns read from the live schema (schema/ is the single
// source of the data model).
//
// Contract: table names come from kReplicatedTables (code), never from input; Find() of an
// unknown name returns nullptr and callers report invalid_argument. Every replicated table has
// the columns id (TEXT primary key), deleted (0/1 tombstone) and version (server sequence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/db/sqlite.h"

namespace invento::db {

struct TableDef {
  std::string name;
  std::vector<std::string> columns;  // in schema order
  bool HasColumn(std::string_view c) const;
};

class TableRegistry {
 public:
  // Reads the columns of every replicated table; fails if one is missing or lacks the
  // mandatory id/deleted/version columns.
  static Result<TableRegistry> Load(const Db& db);
  const TableDef* Find(std::string_view name) const;
  const std::vector<TableDef>& tables() const { return tables_; }

 private:
  std::vector<TableDef> tables_;
};

// The names of the replicated domain tables, in dependency order.
const std::vector<std::string_view>& ReplicatedTableNames();

}  // namespace invento::db
