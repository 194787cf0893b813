// Changing a work order's status (through the workflow table) and its completion notes.
//
// task.set_status {id, task_id, status, note?, completion_note?, signer_name?, at?: ms}
//   -> {task_id, status}. id is the id of the status history row (task_status_events).
//   The pair (current status → status) must be in the workflow table (task_workflow.h) and
//   allowed for the actor's role; a technician must be assigned (task_access.h).
//   → in_progress sets started_at (first time); → done sets completed_at (= at, default now)
//   and needs every required checklist item ticked; done → in_progress clears completed_at.
//   completion_note and signer_name may be given with any change (usually → done).
// task.set_notes {task_id, completion_note?, signer_name?} -> {task_id}
//
// Errors: invalid_argument (field status) for an unknown status; failed_precondition when
// the task already has that status, for a pair not in the workflow, or for → done with
// required checklist items unticked; forbidden when the role may not make this transition,
// or a technician is not assigned; not_found (task_id).
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterTaskStatus(Registry& registry);

}  // namespace invento::maint
