// Assets / equipment: a tree (site → line → machine → component) with a status history.
//
// asset.create {id, kind: site|line|machine|component, name 1..120, parent_id?, code?,
//   location_id?, client_id?, serial_number?, manufacturer?, model?, commissioned_on?: date,
//   criticality?=medium (low|medium|high|critical), status?=running, notes?} -> {id}
//   Also records the initial status event (id derived from the asset id) at the mutation time.
// asset.update {id, name?, parent_id?, code?, location_id?, client_id?, serial_number?,
//   manufacturer?, model?, commissioned_on?, criticality?, notes?}: null clears; the status
//   changes only through asset.set_status; the kind never changes.
// asset.archive {id, archived?=true}
// asset.set_status {id, asset_id, status: running|degraded|down|retired, at?=now (ms),
//   task_id?, note?} -> {asset_id, status}: appends to the history (id = the event's id).
//   The asset's current status is the status of its latest event (by at, id), so a
//   back-dated event synced late lands in its place in the history.
// asset.list {parent_id?, location_id?, status?, include_archived?} -> {items} in tree order
//   with depth (filters keep the matching rows).
// asset.get {id} -> the asset with children, meters (with totals), status history and
//   preventive plans.
// asset.history {id, from?, to?: ms} -> {work_orders, parts, downtime:[{start, end, duration_ms}],
//   status_events, downtime_ms}: everything that happened to the asset.
//
// Tree rules: a child's kind is below its parent's (site > line > machine > component);
// sibling names are unique (folded); an asset cannot move under itself.
// Errors: invalid_argument (field parent_id) for a tree violation; conflict (name) for a
// duplicate sibling name; not_found (parent_id, location_id, client_id, task_id, asset_id);
// failed_precondition when the new status is already the status in effect at that time.
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterAssets(Registry& registry);

}  // namespace invento::maint
