// Reliability figures from the asset status history: downtime, MTTR, MTBF, availability;
// and the per-asset history (work orders, parts, downtime).
//
// Definitions (window [from, to), instants in ms; see docs/maintenance.md):
//   failure   a transition into `down` from any other status, at a time inside the window.
//   repair    a down period (consecutive down events merged) that ENDS inside the window;
//             its duration is the whole period, even if it started before `from`.
//   uptime    time inside the window spent running or degraded, from the asset's first
//             status event on; `retired` counts neither as up nor as down.
//   MTTR = repair time / repairs.   MTBF = uptime / failures.
//   availability = uptime / (uptime + downtime), in basis points.
// Figures with a zero denominator are null.
//
// asset.kpi {from, to: ms, asset_id?} -> {assets:[{asset_id, name, failures, repairs,
//   repair_ms, uptime_ms, downtime_ms, mttr_ms, mttr_hours, mtbf_ms, mtbf_hours,
//   availability_bp, availability}], total:{...same, summed then divided}}
//   without asset_id: every live asset with a status history.
// asset.history {id, from?, to?: ms} -> {work_orders:[...], parts:[...], downtime:[{start, end,
//   duration_ms}], downtime_ms, status_events:[...]}
// Errors: invalid_argument (field to) when to <= from; not_found (asset_id / id).
#pragma once

#include <string>

#include "core/mutators/registry.h"

namespace invento::maint {

struct Reliability {
  std::int64_t failures = 0, repairs = 0, repair_ms = 0, uptime_ms = 0, downtime_ms = 0;
  Reliability& operator+=(const Reliability& o);
};

Result<Reliability> AssetReliability(const db::Db& db, const std::string& asset_id,
                                     std::int64_t from, std::int64_t to);
// The figures with MTTR, MTBF and availability computed (null when undefined).
Json ReliabilityJson(const Reliability& r);

void RegisterReliability(Registry& registry);

}  // namespace invento::maint
