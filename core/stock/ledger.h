// The stock ledger: append-only movements, and the on-hand fold.
//
// stock.receipt  {id, item_id, location_id, qty > 0, unit_cost_cents?, supplier_id?, note?, occurred_at?}
// stock.issue    {id, item_id, location_id, qty > 0, task_id?, site_id?, note?, occurred_at?}
// stock.transfer {id, item_id, from_location_id, to_location_id (different), qty > 0, note?, occurred_at?}
// stock.adjust   {id, item_id, location_id, qty != 0 (signed), reason 1..200, occurred_at?}
// stock.reverse  {id, movement_id, reason}: appends the opposite entry AT THE ORIGINAL TIME
//                (so a later count absorbs the mistake and its correction alike); counts are
//                observations and cannot be reversed (count again); an entry is reversed once.
// occurred_at defaults to the mutation time (device clock corrected by the sync offset).
// Negative stock is accepted, never refused: it is reported by the alert queries.
// Receipts into archived items are refused (failed_precondition); other movements are not.
//
// Queries:
// stock.onhand   {item_id?, location_id?} -> {rows:[{item_id, location_id, qty, qty_milli, last_count_at}], total}
// stock.movements {item_id?, location_id?, task_id?, from?, to?, limit?, offset?} -> newest first
// stock.value    {group_by: "location"|"category"} -> {rows:[{id, name, value_cents}], total_cents}
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterLedger(Registry& registry);

}  // namespace invento::stock
