// Small helpers shared by the stock mutators: fetching live rows with a specific error,
// refusing reused ids, archiving, and tree checks.
#pragma once

#include <string>
#include <string_view>

#include "core/mutators/args.h"
#include "core/mutators/registry.h"

namespace invento::stock {

// The row `id` of `table` if it exists and is not deleted; otherwise not_found naming field.
Result<Json> RequireLive(const WriteTx& tx, std::string_view table, const std::string& id,
                         const char* field, const char* what);
Result<Json> RequireLive(const db::Db& db, std::string_view table, const std::string& id,
                         const char* field, const char* what);
// conflict if a row with this id already exists (ids are never reused).
Status RequireNewId(const WriteTx& tx, std::string_view table, const std::string& id);
// {id, archived: bool} -> sets the flag. Shared by every *.archive mutator.
Result<Json> SetArchived(WriteTx& tx, const Json& args, std::string_view table, const char* what);
// True if `ancestor` is `id` or one of its ancestors in a parent_id tree.
Result<bool> IsSelfOrDescendant(const db::Db& db, std::string_view table, const std::string& id,
                                const std::string& ancestor);
// conflict if a live sibling (same parent) already has this folded name.
Status RequireUniqueSiblingName(const db::Db& db, std::string_view table,
                                const std::optional<std::string>& parent_id,
                                const std::string& name_key, const std::string& self_id,
                                const std::string& display_name);
// Ends a create or update of a row whose folded name is unique among live rows of `table`
// (suppliers, skills, teams, clients): on create the id must be new (archived/deleted are set
// to 0), on update the row must be live; when `name` is given it must be free (conflict,
// field "name") and is stored with its name_key. Writes `row` and returns {id}.
Result<Json> PutNamedRow(WriteTx& tx, std::string_view table, const char* what, bool create,
                         Json row, const std::optional<std::string>& name);
// Optional scope filters of stock figures (stock.value, dashboard): ok, or not_found naming
// location_id / category_id when one is given and is not a live row.
Status CheckScope(const db::Db& db, const std::optional<std::string>& location_id,
                  const std::optional<std::string>& category_id);
// SQL subqueries: the ids of location/category `param` (an SQL parameter such as "?1") and of
// everything below it in its tree.
#define INVENTO_SQL_LOCATION_SUBTREE(param)                                                 \
  "(WITH RECURSIVE sub(id) AS (SELECT " param                                               \
  " UNION SELECT x.id FROM locations x JOIN sub ON x.parent_id = sub.id) SELECT id FROM sub)"
#define INVENTO_SQL_CATEGORY_SUBTREE(param)                                                 \
  "(WITH RECURSIVE sub(id) AS (SELECT " param                                               \
  " UNION SELECT x.id FROM categories x JOIN sub ON x.parent_id = sub.id) SELECT id FROM sub)"

inline Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }
inline bool Flag(const Json& row, const char* col) { return row.value(col, 0) == 1; }

}  // namespace invento::stock
