// Reading rows as JSON objects: every row of a query, the first row, and typed column
// accessors. Shared by every domain module (stock, maintenance, people, projects,
// dashboard); depends only on core/db.
//
// Contract: the SQL passed to Rows()/FirstRow() is a literal from core code (never built
// from input); values are bound parameters, in order, with db::Stmt::Bind(Json). Failures
// (prepare, bind, step) come back as the Status of db/sqlite.h. The column accessors never
// fail: a missing column or one of another type gives the stated default.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/db/sqlite.h"

namespace invento::rows {

using Json = nlohmann::json;

// Every row of a query as {column: value}.
Result<std::vector<Json>> Rows(const db::Db& db, std::string_view sql,
                               std::initializer_list<Json> params = {});
Result<std::vector<Json>> Rows(const db::Db& db, std::string_view sql,
                               const std::vector<Json>& params);
// The first row, or nullopt.
Result<std::optional<Json>> FirstRow(const db::Db& db, std::string_view sql,
                                     std::initializer_list<Json> params = {});
Result<std::optional<Json>> FirstRow(const db::Db& db, std::string_view sql,
                                     const std::vector<Json>& params);

// Column `col` of `row` as a string ("" if absent or not a string).
inline std::string Str(const Json& row, const char* col) {
  return row.contains(col) && row[col].is_string() ? row[col].get<std::string>() : std::string();
}
// Column `col` as a string, nullopt if absent, null or not a string.
inline std::optional<std::string> OptStr(const Json& row, const char* col) {
  if (!row.contains(col) || !row[col].is_string()) return std::nullopt;
  return row[col].get<std::string>();
}
// Column `col` as an integer, `def` if absent or not an integer.
inline std::int64_t Int(const Json& row, const char* col, std::int64_t def = 0) {
  return row.contains(col) && row[col].is_number_integer() ? row[col].get<std::int64_t>() : def;
}
// A 0/1 flag column (archived, deleted...): true only when it is 1.
inline bool Flag(const Json& row, const char* col) { return row.value(col, 0) == 1; }
// An optional text as a value to bind or store: the string, or null.
inline Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

}  // namespace invento::rows
