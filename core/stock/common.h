// Helpers of the stock module only: the scope filters of stock figures and the SQL of
// location/category subtrees. (Row helpers shared by every domain module, such as
// RequireLive, SetArchived or PutNamedRow, are in core/rows/.)
#pragma once

#include <optional>
#include <string>

#include "core/base/status.h"
#include "core/db/sqlite.h"

namespace invento::stock {

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

}  // namespace invento::stock
