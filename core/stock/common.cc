#include "core/stock/common.h"

#include "core/rows/live_rows.h"

namespace invento::stock {

Status CheckScope(const db::Db& db, const std::optional<std::string>& location_id,
                  const std::optional<std::string>& category_id) {
  if (location_id) {
    INVENTO_ASSIGN_OR_RETURN(Json l, rows::RequireLive(db, "locations", *location_id,
                                                       "location_id", "location"));
  }
  if (category_id) {
    INVENTO_ASSIGN_OR_RETURN(Json c, rows::RequireLive(db, "categories", *category_id,
                                                       "category_id", "category"));
  }
  return Status::Ok();
}

}  // namespace invento::stock
