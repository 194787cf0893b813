// Stock alerts, computed from the ledger cache, and their acknowledgement.
//
// Kinds and severities (higher = worse):
//   under_min           total on-hand below the item's global minimum   severity = shortfall (milli)
//   under_min_location  on-hand at a location below its minimum there   severity = shortfall
//   negative            on-hand below zero at a location                 severity = -qty
//   not_counted         stock held at a location not counted for N days  severity = whole
//                       periods of N days since the last count (never counted: 1,000,000)
// alert.list {days_not_counted?=90, as_of?=now (ms), include_acknowledged?=false,
//             below_minimum_only?=false (under_min and under_min_location only: no scan of
//             the on-hand rows, for the dashboard), limit? (1..100,000: the first alerts only;
//             the navigation badge asks 100)}
//   -> {alerts:[{key, kind, item_id, reference, label, location_id?, location?, qty, min_qty?,
//               severity, acknowledged}], more? (with limit: whether alerts were left out)}
//   Alerts of a location where a blind count hides the item's quantity from the caller are left
//   out (counts.h).
// alert.ack {id, alert_key, days_not_counted?=90}: records the alert's CURRENT severity (computed
//   here, not taken from the client); the alert stays hidden until its severity exceeds it.
//   not_found if the alert is not active.
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterAlerts(Registry& registry);

// The number of under_min and under_min_location alerts the actor would see in
// alert.list {include_acknowledged: true, below_minimum_only: true}, counted in SQL.
Result<std::int64_t> CountUnderMinimum(const db::Db& db, const Actor& actor);

}  // namespace invento::stock
