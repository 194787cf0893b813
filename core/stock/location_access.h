// Which locations an employee works with, and the row-level rule it serves: a role without
// the capability "cap.location.any" (technicians; auth/permissions.h) may receive stock
// into, issue stock from (task.consume included), transfer stock between and count only
// locations they work with. Roles with it (admins, managers) act at every location.
//
// An employee works with a location when they, or a team they belong to, are assigned to
// it or to one of its ancestors (assigning a warehouse covers its zones and bins). The
// actor's employee is the one linked to their user account (employees.user_id).
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

// ok if the actor may act at the (live) location location_id; otherwise forbidden with
// field `field` (the argument naming the location) and "you do not work with this
// location", or (no field) saying that the account has no employee. The caller checks first
// that the location exists.
Status RequireLocationAllowed(const db::Db& db, const Actor& actor,
                              const std::string& location_id, const char* field);
// The same for both ends of a transfer (location rows with id and name).
Status RequireTransferAllowed(const db::Db& db, const Actor& actor, const Json& from,
                              const Json& to);
void RegisterLocationAccess(Registry& registry);

}  // namespace invento::stock
