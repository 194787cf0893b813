// Preventive maintenance plans on an asset (schedules: pm_schedule.h; generation and
// due/compliance queries: pm_generate.h).
//
// pm.create {id, asset_id, title 1..200, description?, task_type?=preventive
//   (preventive|inspection), priority?=normal, trigger: calendar|meter,
//   calendar: interval_n 1..1000, interval_unit day|week|month|year, start_date (the first
//             due date), lead_days?=0 (0..365: generate that many days before due);
//   meter:    meter_id (a meter of this asset), meter_interval > 0, meter_base? (default: the
//             meter's current total), lead_units?=0 (< meter_interval), due_days?=7 (the work
//             order is due that many days after it is generated);
//   estimated_hours?, checklist?: [{label, required?, meter_id?}], team_id?} -> {id}
// pm.update {id, title?, description?, priority?, interval_n?, interval_unit?, start_date?,
//   lead_days?, meter_interval?, lead_units?, due_days?, estimated_hours?, checklist?,
//   team_id?}: the asset, trigger and meter never change (create another plan). Occurrences
//   already generated are kept; the next ones follow the new schedule.
// pm.set_active {id, active: bool}     pm.delete {id} (admins)
// pm.list {asset_id?, include_inactive?=false} -> {items:[{id, title, asset_id, asset,
//   trigger, schedule fields, active, last_due_date, last_meter_k}]}
//
// Errors: invalid_argument naming the field for a missing or inconsistent schedule field
// (e.g. interval_unit on a meter plan); not_found (asset_id, meter_id, team_id); invalid_argument
// (field meter_id) for a meter of another asset.
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterPmPlans(Registry& registry);

}  // namespace invento::maint
