// Suggesting who should do a work order.
//
// task.suggest_assignees {task_id, limit?=10} -> {items:[{employee_id, name, skills_met,
//   skills_required, missing:[{skill_id, name, min_level, level}], skill_score, available,
//   warnings, open_tasks}]}
// Every live, non-archived employee is a candidate, ranked by, in order:
//   1. has every required skill at its minimum level (task.set_required_skill);
//   2. available: no assignment warning (assignment_checks.h: absent, overlapping booking,
//      not working that day) for the task's dates;
//   3. skill_score: the sum of the employee's levels in the required skills (more expertise first);
//   4. fewer open tasks (planned, in progress, on hold) — spreads the load;
//   5. name, then id (a total, deterministic order).
// Errors: not_found (task_id).
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterAssigneeSuggestions(Registry& registry);

}  // namespace invento::maint
