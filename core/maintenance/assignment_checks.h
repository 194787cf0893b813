// Availability checks behind assignment warnings, planning conflicts and assignee suggestions.
//
// A task books its assignees over its window: [planned_start, planned_end) when both are set;
// the whole UTC day of planned_start when only it is set; nothing otherwise. The days a task
// occupies are the days of its window, or its due date when it has no window. Only tasks in a
// booking status (planned, in_progress, on_hold) book anyone.
//
// Warnings (never refusals: the manager decides) for an employee on a task:
//   {code:"absent", employee_id, employee, absence_id, kind, start_date, end_date}
//   {code:"overlap", employee_id, employee, task_id, title, planned_start, planned_end}
//   {code:"not_working", employee_id, employee, date}  (a day with no working hours, when the
//                                                       employee has a weekly pattern)
// Contract: read-only; deterministic order (employee id, then date / task id).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/mutators/registry.h"

namespace invento::maint {

struct Window {
  std::int64_t start = 0, end = 0;  // ms, end exclusive
};

std::optional<Window> TaskWindow(const Json& task);
// First and last day (YYYY-MM-DD) the task occupies, if any.
std::optional<std::pair<std::string, std::string>> TaskDays(const Json& task);
// The same from the three columns (absent: std::nullopt), for loops over many rows.
std::optional<std::pair<std::string, std::string>> TaskDays(
    std::optional<std::int64_t> planned_start, std::optional<std::int64_t> planned_end,
    const std::optional<std::string>& due_date);
// Tasks in a booking status assigned to the employee (directly or via a team), with a window,
// ordered by planned_start: {id, title, status, planned_start, planned_end}. With `within`,
// only those whose window may overlap it (an index range on planned_start, not every
// booking the employee ever had); the caller still checks the exact overlap.
Result<std::vector<Json>> EmployeeBookings(const db::Db& db, const std::string& employee_id,
                                           const std::optional<Window>& within = std::nullopt);
Result<Json> EmployeeWarnings(const db::Db& db, const Json& task, const std::string& employee_id);
Result<Json> AssignmentWarnings(const db::Db& db, const Json& task,
                                const std::vector<std::string>& employee_ids);

}  // namespace invento::maint
