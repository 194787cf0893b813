// Which locations an employee works with, and the row-level rule it serves: a technician
// may transfer stock only between locations they work with.
//
// An employee works with a location when they, or a team they belong to, are assigned to
// it or to one of its ancestors (assigning a warehouse covers its zones and bins). The
// technician's employee is the one linked to their user account (employees.user_id).
// Admins and managers may transfer between any locations.
//
// Mutators: location.assign {id, location_id, employee_id | team_id},
//           location.unassign {id}.
// Queries:  location.assignees {location_id?} -> {items: [{id, location_id, location,
//           employee_id, team_id, name}]}; location.mine {} -> {items: [location ids]} for the
//           actor (every location they may transfer between, descendants included).
#pragma once

#include <string>

#include "core/mutators/registry.h"

namespace invento::stock {

// ok, or forbidden saying which location is not one of the technician's.
Status RequireTransferAllowed(const db::Db& db, const Actor& actor, const Json& from,
                              const Json& to);
void RegisterLocationAccess(Registry& registry);

}  // namespace invento::stock
