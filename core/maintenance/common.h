// Helpers shared by the maintenance, projects, people and dashboard modules: reading rows,
// validating date arguments, bounds. (Row fetching with specific errors is stock/common.h.)
//
// Contract: SQL passed to Rows() is a literal from core code; values are bound parameters.
// Date helpers return invalid_argument naming the field for anything but a valid
// "YYYY-MM-DD" (see base/date.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/mutators/args.h"
#include "core/mutators/registry.h"
#include "core/stock/common.h"

namespace invento::maint {

using stock::Flag;
using stock::OptJson;
using stock::RequireLive;
using stock::RequireNewId;

inline constexpr std::int64_t kMinTime = 946684800000;   // 2000-01-01
inline constexpr std::int64_t kMaxTime = 7258118400000;  // 2200-01-01
inline constexpr StringRule kDateRule{.min = 0, .max = 32};
inline constexpr StringRule kNoteRule{.min = 0, .max = 4000};

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

// Validates an optional date text (read with kDateRule); returns it unchanged or
// invalid_argument naming field.
Result<std::optional<std::string>> CheckDate(const std::optional<std::string>& text,
                                             const char* field);
Result<std::string> CheckRequiredDate(const std::optional<std::string>& text, const char* field);
// A date already validated (stored or checked); 1970-01-01 if somehow malformed.
Date StoredDate(const std::string& text);

inline std::string Str(const Json& row, const char* col) {
  return row.contains(col) && row[col].is_string() ? row[col].get<std::string>() : std::string();
}
inline std::optional<std::string> OptStr(const Json& row, const char* col) {
  if (!row.contains(col) || !row[col].is_string()) return std::nullopt;
  return row[col].get<std::string>();
}
inline std::int64_t Int(const Json& row, const char* col, std::int64_t def = 0) {
  return row.contains(col) && row[col].is_number_integer() ? row[col].get<std::int64_t>() : def;
}

}  // namespace invento::maint
