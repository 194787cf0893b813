// Preventive maintenance follow-up: what is due, what is overdue, and compliance.
//
// pm.due {as_of: date, horizon_days?=30, asset_id?, only_overdue?=false} -> {items:[{plan_id,
//   title, asset_id, asset, trigger, next_due_date | next_threshold + meter_total + remaining,
//   open_work_orders:[{task_id, due_date, status, overdue}], overdue, due_soon}]}
//   overdue: an open generated work order is past due, or a calendar occurrence due before
//   as_of was never generated. due_soon: the next occurrence is due within horizon_days.
// pm.compliance {from, to: dates, as_of?: date (default today), asset_id?, plan_id?}
//   -> {due, on_time, late, missed, rate_bp, rate, by_plan:[...]}
//   Counted: preventive work orders (from a plan), not cancelled, due in [from, to], either
//   already completed or due before as_of. on_time: completed (done/closed) on or before the
//   due date (UTC day of completed_at). rate = on_time / counted.
// pm.preview {trigger: calendar|meter, count?=5 (1..24); calendar: interval_n, interval_unit,
//   start_date, lead_days?=0, from?: date (occurrences on or after it; default from the
//   first); meter: meter_id, meter_interval, meter_base? (default: the meter's total now),
//   lead_units?=0}
//   -> calendar {items:[{due_date, generated_on}]}; meter {meter_total, items:[{threshold,
//   generated_at, remaining}]} (thresholds not yet reached). The schedule a plan editor is
//   about to save, computed as pm.due and pm.generate will; nothing is written.
//
// Errors: invalid_argument (as_of, from, to malformed; to before from; a preview's missing or
// out-of-range schedule field, named); not_found (plan_id, asset_id, meter_id).
#pragma once

#include <optional>
#include <string>

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterPmQueries(Registry& registry);

struct Compliance {
  std::int64_t due = 0, on_time = 0, late = 0, missed = 0;
};
// Compliance over preventive work orders due in [from, to] (dates), as seen on as_of.
Result<Compliance> PmCompliance(const db::Db& db, const std::string& from, const std::string& to,
                                const std::string& as_of,
                                const std::optional<std::string>& asset_id,
                                const std::optional<std::string>& plan_id);
Json ComplianceJson(const Compliance& c);

}  // namespace invento::maint
