// Suppliers and locations (stock reference data).
//
// supplier.create {id, name 1..120, contact?, email?, phone?, notes?} -> {id}
// supplier.update {id, name?, contact?, email?, phone?, notes?} (null clears an optional)
// supplier.archive {id, archived?=true}
// supplier.list {include_archived?} -> {items:[...]}
//   conflict: another live supplier has the same name (case/accent folded);
//   invalid_argument: malformed email, oversized fields.
//
// location.create {id, kind: warehouse|zone|bin|vehicle|site, name, parent_id?, code?, notes?}
// location.update {id, name?, parent_id?, code?, notes?}   location.archive {id, archived?}
// location.list {include_archived?} -> tree order with depth
//   Tree rules: zones and bins live under a warehouse or a zone; warehouses, vehicles and
//   sites are roots. Sibling names are unique (folded). A location cannot move under itself.
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterSuppliersAndLocations(Registry& registry);

}  // namespace invento::stock
