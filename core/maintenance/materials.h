// Materials of a work order: planned (a reservation of stock at a location) and consumed
// (ledger issues linked to the task).
//
// task.plan_material {id, task_id, item_id, location_id, qty > 0, note?} -> {id}
// task.update_material {id, qty?, location_id?, note?}     task.remove_material {id}
// task.consume {id, task_id, item_id, location_id, qty, note?, occurred_at?, site_id?} -> {id}
//   Consumption IS a stock issue: after checking the task (exists, technician assigned, not
//   closed or cancelled) it runs the stock.issue mutator itself with task_id set (and site_id
//   = the task's location when that is a client site), so every ledger rule (quantity
//   format, negative stock allowed, cost = item price at the time) stays in one place.
//   A consumption is corrected with stock.reverse (the reversal keeps the task_id).
// task.materials {task_id} -> {planned:[{id, item_id, reference, label, unit, location_id,
//   location, qty, consumed, remaining}], consumed:[{movement_id, item_id, reference,
//   location_id, qty, unit_cost_cents, value_cents, occurred_at, reversal}], consumed_value_cents}
// stock.reservations {item_id?, location_id?} -> {rows:[{item_id, reference, location_id,
//   location, on_hand, reserved, available}]}: reserved = what planned lines of tasks not yet
//   done/closed/cancelled still need (planned − consumed for that task, item and location).
//
// Errors: not_found (task_id, item_id, location_id, id); failed_precondition when the task
// is closed or cancelled; forbidden for a technician not assigned; invalid_argument (qty).
#pragma once

#include <string>

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterMaterials(Registry& registry);

Result<Json> TaskMaterials(const db::Db& db, const std::string& task_id);
// Net value in cents of the parts consumed by a task: issues at their movement cost minus
// their reversals (each movement valued and rounded on its own, base/decimal.h ValueCents).
Result<std::int64_t> TaskConsumedValue(const db::Db& db, const std::string& task_id);

}  // namespace invento::maint
