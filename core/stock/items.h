// Items (stock articles).
//
// item.create {id, reference 1..64, label 1..200, description?, category_id?, unit?="piece",
//              unit_price_cents?=0, supplier_id?, supplier_ref?, barcode?, min_qty?=0,
//              attributes?: {attribute_def_id: value}} -> {id}
// item.update {id, ...any of the above but id}: null clears an optional field. Attributes,
//              when given, replace the whole set and are validated against the (new) category.
// item.archive {id, archived?=true}
// item.set_location_min {id, item_id, location_id, min_qty | null}: per-location minimum
//              (one live row per item × location: an existing one is updated; null removes).
// item.get {id} -> the item with its attributes, definitions and per-location minimums.
//
// Errors: conflict (field reference) when another live item has the same reference
// (trimmed, case- and accent-insensitive); conflict (field barcode) when another live item
// has the same barcode; not_found for unknown category/supplier/location; invalid_argument
// for bad values, including attributes (field "attributes.<id>").
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterItems(Registry& registry);

}  // namespace invento::stock
