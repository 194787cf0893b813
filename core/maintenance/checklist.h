// Work order checklists: items to tick, some needing a meter reading.
//
// checklist.add {id, task_id, label 1..200, required?=false, meter_id?, position?} -> {id}
// checklist.update {id, label?, required?, meter_id?, position?}      checklist.remove {id}
// checklist.check {id, checked?=true, value?, reading_id?, reset?=false, note?} -> {id,
// reading_id?}
//   Ticking an item that has a meter needs the reading: value (a quantity) and reading_id
//   (the id of the new meter_readings row, validated by the meter rules, linked to the task).
//   Unticking keeps the reading (readings are history).
// A task cannot move to done while one of its required items is unticked (task_status.h).
//
// Errors: not_found (task_id, meter_id, id); forbidden (technician not assigned);
// failed_precondition (task closed or cancelled); invalid_argument (field value / reading_id
// when a reading is needed, or a reading going backwards).
#pragma once

#include <string>

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterChecklist(Registry& registry);

// Number of live required items not ticked.
Result<std::int64_t> UncheckedRequired(const db::Db& db, const std::string& task_id);
// Validates a checklist template (pm_plans.checklist): [{label, required?, meter_id?}], at most
// 100 items. Returns the normalised template or invalid_argument naming `field`.
Result<Json> ValidateChecklistTemplate(const db::Db& db, const Json& items, const char* field);
// Creates the items of a template on a task, with ids derived from the task id and position
// (so that two devices generating the same work order create the same items).
Status AddChecklistFromTemplate(WriteTx& tx, const std::string& task_id, const Json& items);

}  // namespace invento::maint
