// Dashboard figures: read-only queries, each usable as a widget data source (widgets.h).
// They reuse the domain queries instead of recomputing: stock value is stock.value, items
// under minimum come from alert.list, project cost from projects/project_costs.h, MTTR/MTBF
// from maintenance/reliability.h, compliance from maintenance/pm_queries.h.
//
// dashboard.stock_by_category {location_id?, category_id?} -> stock.value {group_by: "category"}
//   (a location includes what is inside it, a category its subcategories)
// dashboard.items_under_min {location_id?, category_id?} -> {count, items:[alerts of kind
//   under_min / under_min_location, acknowledged ones included]}; with location_id only the
//   per-location alerts of that subtree (a global minimum belongs to no location)
// dashboard.projects_by_status {client_id?} -> {rows:[{status, count}]} every status, zeros
// included dashboard.tasks {as_of?: date (default today), project_id?, asset_id?, type?} ->
// {by_status:[{status, count}],
//   in_progress, on_hold, overdue, overdue_items:[first 20 by due date]}
//   overdue: due before as_of and not done, closed or cancelled.
// dashboard.cost_vs_budget {status?, client_id?} -> {items:[{project_id, code, name, status,
//   budget_cents, cost_cents, forecast_cents, consumed_pct, progress_pct, alerts}],
//   total_budget_cents, total_cost_cents}
// dashboard.work_orders {open_only?=false, project_id?, asset_id?} -> {rows:[{type, priority,
// count}],
//   by_type:[{type, count}], by_priority:[{priority, count}], total}  (cancelled excluded)
// dashboard.maintenance_kpis {from?, to?: dates inclusive (default: the 365 days ending on
//   as_of), as_of?: date (default today), asset_id?} ->
//   {reliability: {failures, repairs, mttr_*, mtbf_*, availability...} over every asset,
//    compliance: {due, on_time, late, missed, rate...}}
// Errors: invalid_argument for malformed filters (field named).
#pragma once

#include "core/mutators/registry.h"

namespace invento::dashboard {

void RegisterFigures(Registry& registry);
// The names of the queries a widget may use as data source.
const std::vector<std::string_view>& DataSources();

}  // namespace invento::dashboard
