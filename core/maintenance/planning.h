// Planning: what happens in a date range, for a person, a team, an asset or a site, and the
// conflicts in it.
//
// planning.range {from, to: dates (inclusive, at most 366 days), employee_id?, team_id?,
//   asset_id?, site_id?} ->
//   {tasks:[{id, title, status, type, priority, project_id, asset_id, location_id,
//            planned_start, planned_end, due_date, first_day, last_day, employees, teams}],
//    projects:[{id, code, name, status, start_date, end_date}],
//    absences:[{id, employee_id, employee, kind, start_date, end_date}],
//    conflicts:[{kind:"overlap", employee_id, task_ids:[a, b]} |
//               {kind:"absent", employee_id, task_id, absence_id}]}
//   Tasks (not cancelled) are in the range when the days they occupy (assignment_checks.h)
//   meet it. Filters: employee_id — tasks assigned to them (directly or via a team);
//   team_id — tasks assigned to the team or to one of its members; asset_id — tasks on the
//   asset or on any asset below it; site_id — tasks at that location, or on an asset located
//   there. Projects: those whose dates meet the range (with a person/asset/site filter: only
//   projects of the listed tasks). Absences: of the filtered people, or of the employees of
//   the listed tasks. Conflicts: for every employee of a listed task, overlapping bookings
//   (with any of their tasks) and work planned during an absence.
// Errors: invalid_argument (from/to malformed, to before from, range over 366 days).
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterPlanning(Registry& registry);

}  // namespace invento::maint
