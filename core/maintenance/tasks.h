// Work orders / tasks: one concept. A task may belong to a project, to an asset, or stand
// alone. Status changes are task_status.h; assignees task_assignees.h; checklist, materials,
// time entries and attachments have their own files.
//
// task.create {id, title 1..200, description?, type?=corrective (corrective|preventive|
//   inspection|installation|other), priority?=normal (low|normal|high|urgent),
//   status?=draft (draft|planned), project_id?, asset_id?, location_id?, planned_start?: ms,
//   planned_end?: ms, due_date?: date, estimated_hours?: quantity >= 0} -> {id}
// task.update {id, ...same fields but status}: null clears an optional field.
//   -> {id, warnings}: when the planned window or due date changes, the assignment warnings
//   (assignment_checks.h) of every assignee for the new dates.
// task.delete {id}: tombstone (admins). Refused (failed_precondition) once parts or time were
//   booked on the task: cancel it instead, so costs and the ledger keep their meaning.
// Queries (task.get, task.list): task_queries.h.
//
// Errors: invalid_argument (planned_end before planned_start, or without it; bad enum/date);
// not_found (project_id, asset_id, location_id); failed_precondition when the project is done
// or cancelled, or when editing a closed or cancelled task; conflict (id) for a reused id.
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterTasks(Registry& registry);

// Writes a new task row (defaults filled in). Used by task.create and by preventive
// generation. `row` must hold id, title and validated fields.
Status InsertTask(WriteTx& tx, Json row, const MutationContext& ctx);

}  // namespace invento::maint
