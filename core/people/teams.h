// Teams (work groups) and their members.
//
// team.create {id, name 1..80, description?} -> {id}     team.update {id, name?, description?}
// team.archive {id, archived?=true}
// team.add_member {id, team_id, employee_id} -> {id, already: bool}: idempotent (an employee
//   already in the team keeps their membership row; two devices adding the same member offline
//   converge on the server to one row).
// team.remove_member {team_id, employee_id} -> {removed: n}: tombstones the membership rows.
// team.list {include_archived?} -> {items:[{id, name, description, archived, members:[{employee_id,
// name}]}]}
//
// Errors: conflict (field name) for a duplicate folded name; not_found (team_id / employee_id,
// or the membership to remove: field employee_id); failed_precondition when adding to an
// archived team or adding an archived employee.
#pragma once

#include <string>
#include <vector>

#include "core/mutators/registry.h"

namespace invento::people {

void RegisterTeams(Registry& registry);

// Live, non-archived members of a live team.
Result<std::vector<std::string>> TeamMembers(const db::Db& db, const std::string& team_id);

}  // namespace invento::people
