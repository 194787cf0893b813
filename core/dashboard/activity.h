// Dashboard figures over time and people: stock movements per period and technician
// workload. Read-only queries, usable as widget data sources (figures.h DataSources()).
//
// dashboard.movements {from?, to?: "YYYY-MM-DD" inclusive (default: the 30 days ending
//   today), bucket?: "day"|"week"|"month" (default "day"), location_id?, category_id?} ->
//   {from, to, bucket, rows:[{period, total, receipt, issue, transfer, adjustment, count}]}
//   Numbers of movements (reversals included, they are movements too) whose occurred_at falls
//   in the range, per bucket: period is the bucket's first day (weeks start on Monday, ISO),
//   every bucket of the range present with zeros. location_id: a movement from or to that
//   location or anything inside it; category_id: items of that category or below.
//   At most 800 buckets and 3,660 days.
// dashboard.workload {from?, to?: dates inclusive (default: the 7 days starting today),
//   team_id?} -> {from, to, rows:[{employee_id, name, tasks, planned_hours, absent_days}]}
//   Active (not archived) employees, of the team when given, by name. tasks: open work orders
//   (not done, closed or cancelled) assigned to them directly or through a team whose days
//   (assignment_checks.h TaskDays) meet the range; planned_hours: the sum of their estimates
//   in hours (a number, milli-hour precision); absent_days: days of the range they are absent.
// Errors: invalid_argument (dates malformed, to before from, too long a range, ids);
//   not_found (location, category or team).
#pragma once

#include "core/mutators/registry.h"

namespace invento::dashboard {

Result<Json> Movements(const db::Db& db, const Json& args, const Actor& actor);
Result<Json> Workload(const db::Db& db, const Json& args, const Actor& actor);

}  // namespace invento::dashboard
