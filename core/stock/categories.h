// Stock categories (a tree): mutator category.create and query category.list.
//
// category.create {id: uuid, name: string 1..100, parent_id?: uuid|null} -> {id}
//   invalid_argument: bad id/name/unknown field; not_found: parent missing or deleted;
//   conflict: id already used, or a sibling already has the same name (case/accent folded);
//   failed_precondition: parent archived, or the tree would be deeper than 8 levels.
// category.list {include_archived?: bool=false}
//   -> {items: [{id, name, parent_id, depth, archived}]} in tree order, siblings by name.
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterCategories(Registry& registry);

}  // namespace invento::stock
