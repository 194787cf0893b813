// Reading work orders.
//
// task.get {id} -> the task (estimated_hours as text and _milli) with: assignees [{id,
//   employee_id, team_id, name}], employees (expanded, team members included), required_skills
//   [{skill_id, name, min_level}], checklist [...], materials (materials.h TaskMaterials),
//   time_entries [...], total_hours, status_history [{from_status, to_status, at, actor_id,
//   note}], attachments [...].
// task.list {status?, type?, priority?, project_id?, asset_id?, employee_id?, team_id?,
//   location_id? (the site: exact location), mine?: bool, overdue_as_of?: date, from?, to?:
//   dates, q?: text in the title (case-insensitive, ASCII folding only), sort?: due (default) |
//   priority | status | title | planned_start, dir?: asc | desc, with_total?: bool,
//   limit?=200 (1..1000), offset?=0} -> {items:[... with asset, location and assignees
//   (names, comma-separated) for display], limit, offset, total? (all matching rows)}.
//   Ties are broken by due date then id, so pages are stable. mine: tasks assigned to the
//   actor's employee, directly or via a team (none when the account has no employee).
//   overdue_as_of: due before that date and not done, closed or cancelled. from/to: the due
//   date or the planned start day falls within them (invalid_argument if from > to).
// Errors: not_found (id); invalid_argument for malformed filters.
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterTaskQueries(Registry& registry);

}  // namespace invento::maint
