// Labour time entries on work orders.
//
// time.log {id, task_id, employee_id?, work_date, hours: quantity in (0, 24], note?}
//   -> {id, warnings}. A technician logs their own time only (employee_id omitted or their
//   own employee) on tasks assigned to them or their team; admins and managers log for
//   anyone (employee_id required). Warning {code:"absent", absence_id, kind} when the
//   employee is recorded absent that day (a warning: the entry is kept).
// time.update {id, work_date?, hours?, note?}: same access rule (a technician edits only
//   their own entries).
// time.delete {id}: tombstone (admins).
// time.list {task_id?, employee_id?, project_id?, from?, to?} -> {items:[{id, task_id, title,
//   employee_id, employee, work_date, hours, hours_milli, note}], total_hours}
//
// Errors: not_found (task_id, employee_id, id); forbidden (technician: another employee's
// time, or a task not assigned to them); failed_precondition (task closed or cancelled);
// invalid_argument (hours out of range, malformed work_date).
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterTimeEntries(Registry& registry);

}  // namespace invento::maint
