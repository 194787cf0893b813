// Who may write a given work order: the row-level half of the permission model.
//
// The permission table (auth/permissions.cc) says which ROLE may run a mutator. For the
// mutators a technician may run on a task (status, checklist, time entries, consumption,
// notes, attachments), the technician must also be assigned to that task: directly, or
// through a team they belong to. The technician's employee is found through
// employees.user_id = actor.user_id. Admins and managers may write every task.
//
// Failure modes: not_found (field given) when the task does not exist or is deleted;
// forbidden with a message saying why (no linked employee / not assigned) otherwise.
#pragma once

#include <string>
#include <vector>

#include "core/auth/permissions.h"
#include "core/mutators/registry.h"

namespace invento::maint {

// The live task row if the actor may write it.
Result<Json> TaskForWrite(const db::Db& db, const Actor& actor, const std::string& task_id,
                          const char* field = "task_id");
// Is the actor's employee assigned to the task (directly or via a team)? False when the
// actor has no linked employee.
Result<bool> ActorIsAssigned(const db::Db& db, const Actor& actor, const std::string& task_id);
Result<bool> EmployeeIsAssigned(const db::Db& db, const std::string& employee_id,
                                const std::string& task_id);
// Every employee assigned to the task, directly or as a member of an assigned team (live,
// not archived), sorted and without duplicates.
Result<std::vector<std::string>> TaskEmployees(const db::Db& db, const std::string& task_id);

}  // namespace invento::maint
