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
//
// Errors: invalid_argument (as_of, from, to malformed; to before from); not_found (plan_id,
// asset_id).
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
