// The stock ledger: append-only movements, and the on-hand fold.
//
// stock.receipt  {id, item_id, location_id, qty > 0, unit_cost_cents?, supplier_id?, note?, occurred_at?}
// stock.issue    {id, item_id, location_id, qty > 0, task_id?, site_id?, note?, occurred_at?}
//                With a task_id it is the same as task.consume (one rule for parts used on a
//                task: the task must accept work, technicians only on tasks assigned to them).
// stock.transfer {id, item_id, from_location_id, to_location_id (different), qty > 0, note?, occurred_at?}
// Receipts, issues (task.consume included) and transfers: technicians (roles without
// "cap.location.any") only into, from and between locations they work with
// (location_access.h); forbidden otherwise, with the field naming the location.
// stock.adjust   {id, item_id, location_id, qty != 0 (signed), reason 1..200, occurred_at?}
// stock.reverse  {id, movement_id, reason}: appends the opposite entry AT THE ORIGINAL TIME
//                (so a later count absorbs the mistake and its correction alike); counts are
//                observations and cannot be reversed (count again); an entry is reversed once.
// occurred_at defaults to the mutation time (device clock corrected by the sync offset).
// Negative stock is accepted, never refused: it is reported by the alert queries.
// Receipts into archived items are refused (failed_precondition); other movements are not.
//
// Queries:
// stock.onhand   {item_id?, location_id?} -> {rows:[{item_id, location_id, qty, qty_milli, last_count_at,
//                 hidden?}], total}: a row a blind count hides has qty null (counts.h)
// stock.movements {item_id?, location_id?, task_id?, from?, to?, limit?, offset?} -> newest first;
//                 a movement at a location where a blind count hides the item's quantity from
//                 the caller has qty, qty_milli and unit_cost_cents null and hidden: true
// stock.value    {group_by: "location"|"category", location_id? (with what is inside it),
//                 category_id? (with its subcategories)} -> {rows:[{id, name, value_cents}], total_cents}
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterLedger(Registry& registry);
// The stock.issue entry itself, once the caller has checked the task (task.consume does).
Result<Json> RecordIssue(WriteTx& tx, const Json& args, const MutationContext& ctx);

}  // namespace invento::stock
