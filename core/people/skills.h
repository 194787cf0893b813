// Skills and employees' skill levels.
//
// skill.create {id, name 1..80, description?} -> {id}    skill.update {id, name?, description?}
// skill.archive {id, archived?=true}                      skill.list {include_archived?} -> {items}
// employee.set_skill {id, employee_id, skill_id, level: 1..5 | null} -> {id}: one live row per
//   employee × skill (an existing one is updated; null removes it and returns removed: true).
//
// Errors: conflict (field name) when another live skill has the same folded name; not_found
// (employee_id / skill_id); invalid_argument (level out of 1..5, or missing: null removes).
#pragma once

#include "core/mutators/registry.h"

namespace invento::people {

void RegisterSkills(Registry& registry);

}  // namespace invento::people
