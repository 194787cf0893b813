// Who does a work order: assignees (employees and/or teams) and required skills.
//
// task.assign {id, task_id, employee_id | team_id (exactly one)} -> {id, already, warnings}
//   Idempotent: assigning someone already assigned returns the existing row (already: true).
//   warnings (assignment_checks.h): the employee — or each member of the team — is absent,
//   already booked on an overlapping task, or not working on one of the task's days. A
//   warning never prevents the assignment: the planner decides.
// task.unassign {task_id, employee_id | team_id} -> {removed: n}
// task.set_required_skill {id, task_id, skill_id, min_level: 1..5 | null} -> {id}: one live row
//   per task × skill (updated in place; null removes).
//
// Errors: invalid_argument when both or neither of employee_id / team_id are given (field
// employee_id); not_found (task_id, employee_id, team_id, skill_id, or the assignment to
// remove); failed_precondition when the task is closed or cancelled, or the employee or team
// is archived.
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterTaskAssignees(Registry& registry);

}  // namespace invento::maint
