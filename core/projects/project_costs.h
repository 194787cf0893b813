// What a project costs, against its budget, and how far along it is.
//
//   materials = Σ over the project's tasks of the parts consumed (ledger issues linked to the
//               task, at their movement cost, minus reversals; each movement valued and
//               rounded on its own: materials.h TaskConsumedValue)
//   labour    = Σ over time entries of hours × the employee's hourly rate in effect on the
//               entry's work_date (people/employees.h RateAt), each entry rounded half away
//               from zero to the cent (base/decimal.h ValueCents). An entry with no rate in
//               effect costs 0 and is listed in missing_rates.
//   other     = Σ of the project's cost lines (signed).
//   cost      = materials + labour + other.
//   consumed  = cost / budget (basis points; null when the budget is 0 = "no budget").
//   progress  = estimated hours of done/closed tasks / estimated hours of all tasks not
//               cancelled (basis points; null without estimates).
//   forecast  = cost × (all estimated hours) / (done estimated hours), rounded half up: the
//               cost at completion if the rest costs what the done part did (null while no
//               estimated work is done).
//   alerts    = "over_budget" when cost > budget; "forecast_over_budget" when the forecast
//               exceeds the budget (only with a budget).
//
// project.cost {id} -> {project_id, code, name, status, budget_cents, materials_cents,
//   labour_cents, other_cents, cost_cents, consumed_bp, consumed_pct, progress_bp,
//   progress_pct, estimated_hours, done_estimated_hours, logged_hours, forecast_cents, alerts,
//   missing_rates:[{time_entry_id, employee_id, work_date}], cost_lines:[...]}
// project.costs {status?, client_id?} -> {items:[the same without cost_lines]} (cost vs budget
//   per project, by code).
// Errors: not_found (id).
#pragma once

#include <string>

#include "core/mutators/registry.h"

namespace invento::projects {

void RegisterProjectCosts(Registry& registry);

Result<Json> ProjectFigures(const db::Db& db, const std::string& project_id);

}  // namespace invento::projects
