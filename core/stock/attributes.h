// Custom attribute definitions per category, and validation of typed values on items.
//
// attribute.create {id, category_id, name, type: text|number|date|choice, unit?, required?,
//                   choices?: [string] (required and non-empty for type choice), position?}
// attribute.update {id, name?, unit?, required?, choices?, position?}  (type never changes)
// attribute.archive {id, archived?}
// attribute.list {category_id} -> the definitions that apply to items of that category:
//   its own and its ancestors' (an item in "Visserie > Écrous" has both sets).
#pragma once

#include <string>

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterAttributes(Registry& registry);

// Validates `values` ({attribute_def_id: value}) for an item of `category_id` (may be empty:
// no attributes allowed). Returns the normalised object to store: text trimmed, numbers as
// canonical decimal strings, dates as YYYY-MM-DD, choices checked. Errors name the field
// "attributes.<id>" (invalid_argument), including a missing required attribute.
Result<Json> ValidateAttributes(const db::Db& db, const std::string& category_id,
                                const Json& values);

}  // namespace invento::stock
