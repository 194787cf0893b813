// Employees, their hourly rates (with effective dates) and weekly working hours.
//
// employee.create {id, name 1..120, user_id?, email?, phone?, job_title?, notes?} -> {id}
// employee.update {id, ...same fields}: null clears an optional field.
// employee.archive {id, archived?=true}
// employee.set_rate {id, employee_id, effective_from: date, rate_cents >= 0} -> {id}: the rate
//   applying from that date on (until the next one). One live rate per employee × date: an
//   existing one is updated (and its id returned).
// employee.remove_rate {id}: tombstones a rate (admins only: it rewrites past costs).
// employee.set_working_hours {employee_id, hours: [{weekday 1..7, start "HH:MM", end "HH:MM"}]}
//   replaces the weekly pattern; [] means "not set" (always available).
// employee.list {include_archived?=false} -> {items:[{id, name, job_title, user_id, archived}]}
// employee.get {id, as_of?: date} -> the employee with rates, current rate, skills, teams,
//   working hours and absences ending on/after as_of (default today, UTC). `rates` and
//   `rate_cents` are present only for roles with the "cap.employee.rates" capability.
//
// Errors: conflict (field user_id) when another live employee is linked to the same user;
// invalid_argument (field email / effective_from / hours) for malformed values; not_found
// for unknown ids. A rate rounding rule lives with its use (projects/project_costs.h).
#pragma once

#include <optional>
#include <string>

#include "core/mutators/registry.h"

namespace invento::people {

void RegisterEmployees(Registry& registry);

// The employee linked to a user account (live, not archived), if any.
Result<std::optional<std::string>> EmployeeOfUser(const db::Db& db, const std::string& user_id);
// The hourly rate in cents applying to the employee on date (YYYY-MM-DD), if any.
Result<std::optional<std::int64_t>> RateAt(const db::Db& db, const std::string& employee_id,
                                           const std::string& date);

}  // namespace invento::people
