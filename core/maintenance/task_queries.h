// Reading work orders.
//
// task.get {id} -> the task (estimated_hours as text and _milli) with: assignees [{id,
//   employee_id, team_id, name}], employees (expanded, team members included), required_skills
//   [{skill_id, name, min_level}], checklist [...], materials (materials.h TaskMaterials),
//   time_entries [...], total_hours, status_history [{from_status, to_status, at, actor_id,
//   note}], attachments [...].
// task.list {status?, type?, priority?, project_id?, asset_id?, employee_id?, team_id?,
//   mine?: bool, overdue_as_of?: date, limit?=200, offset?=0} -> {items:[...]}, by due date
//   (tasks without one last). mine: tasks assigned to the actor's employee, directly or via a
//   team (none when the account has no employee). overdue_as_of: due before that date and
//   not done, closed or cancelled.
// Errors: not_found (id); invalid_argument for malformed filters.
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterTaskQueries(Registry& registry);

}  // namespace invento::maint
