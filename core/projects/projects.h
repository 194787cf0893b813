// Client projects: a unique code, a client, dates, a budget and a status. Their tasks are
// work orders with project_id; their cost is project_costs.h.
//
// project.create {id, code 1..32, name 1..200, client_id?, description?, start_date?, end_date?,
//   budget_cents?=0, status?=draft} -> {id}
// project.update {id, code?, name?, client_id?, description?, start_date?, end_date?,
//   budget_cents?}: null clears an optional field.
// project.set_status {id, status: draft|active|on_hold|done|cancelled} -> {id, status}
//   The workflow: draft → active ⇄ on_hold; active → done; done → active (reopen); draft,
//   active, on_hold → cancelled (terminal). Done is refused while a task is open.
// project.transitions {id} -> {id, status, to:[statuses set_status accepts from it]}
// project.delete {id}: tombstone (admins); refused while live tasks belong to the project
//   (cancel the project instead).
// project.list {status?, client_id?} -> {items:[{id, code, name, client_id, client, status,
//   start_date, end_date, budget_cents}]} by code.
// project.add_cost {id, project_id, label 1..200, amount_cents (signed: a credit is negative),
//   incurred_on: date, note?} -> {id}: a cost other than parts and labour.
// project.update_cost {id, label?, amount_cents?, incurred_on?, note?}
// project.remove_cost {id}: tombstone (admins).
//
// Errors: conflict (field code) when another live project has the same code (trimmed, case-
// and accent-insensitive); invalid_argument (field end_date) when it is before start_date;
// not_found (client_id, project_id, id); failed_precondition (delete with live tasks).
#pragma once

#include "core/mutators/registry.h"

namespace invento::projects {

void RegisterProjects(Registry& registry);

}  // namespace invento::projects
