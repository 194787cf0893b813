// Roles and the ONE permission table: which role may run which mutator or query.
//
// Contract: the server enforces this table on every mutation with the role from the
// session; the UI reads it (through the core) to show or hide actions. A name absent from
// the table is allowed to nobody. Role names are "admin", "manager", "technician",
// "consultant"; parsing anything else fails with invalid_argument.
//
// Besides mutator and query names, the table holds two kinds of named rules, asked with
// IsAllowed like the others. No access rule tests a role anywhere else (ctest
// repo.role_checks fails on a comparison with a role outside this module's table; the only
// places that name roles are content, not access: the default dashboard layout of each role
// and the demo company's accounts):
// - "task.status:<from>><to>": the work order transitions and who may make each
//   (task_workflow.h).
// - Capabilities "cap.*", each a rule applied inside mutators, queries or the server:
//   cap.location.any          may receive, issue, transfer and count stock at any location;
//                             a role without it only at locations it works with
//                             (stock/location_access.h) (admin, manager)
//   cap.count.blind_expected  sees expected quantities and variances of a blind count
//                             (admin, manager)
//   cap.task.any              writes any work order (admin, manager)
//   cap.task.own              writes the work orders assigned to it, directly or through
//                             a team (technician); with neither, no work order
//                             (maintenance/task_access.h)
//   cap.task.status_at        records a status change at another time than now, "at"
//                             (admin, manager)
//   cap.time.others           logs and edits the time of other employees; without it, only
//                             the time of the actor's own employee (admin, manager)
//   cap.attachment.any_entity attaches files to any record, not only to work orders it
//                             may write (admin, manager)
//   cap.widget.others         reads, changes and removes other users' dashboard widgets
//                             (admin)
//   cap.server.admin          the server's /api/admin (users, sessions) (admin)
//   cap.server.audit          the server's /api/audit trail (admin, manager)
//   cap.employee.rates        employee.get includes hourly rates (admin, manager)
//   cap.read.money            the role's devices read through the full scope; without it,
//                             the field scope: no rates, cost lines, budgets or prices
//                             (read scopes below) (admin, manager, consultant)
//   No capability is a mutator or a query: the server never runs one by that name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace invento {

enum class Role { kAdmin, kManager, kTechnician, kConsultant };

std::string_view RoleName(Role r);
Result<Role> ParseRole(std::string_view name);

// Who is acting. Comes from the server session (server) or the logged-in user (device).
struct Actor {
  std::string user_id;
  Role role = Role::kConsultant;
};

// True if role may run the mutator or query called name (or has the capability).
bool IsAllowed(Role role, std::string_view name);
// Every name in the permission table (for completeness tests and the UI).
std::vector<std::string_view> PermissionTableNames();

// ---- Read scopes: what a role's devices hold (core/auth/read_scopes.cc) ----
// Every device holds a projection of the server's replicated tables. A role reads through
// one scope; a scope hides whole tables (never sent to its devices) and single columns
// (sent, and held, as a fixed masked value: the column's default, so NOT NULL columns stay
// valid). The server filters pull and the first-sync snapshot by the scope of the session's
// role; the pull response names the scope, and a device whose held scope differs drops what
// it may no longer read and pulls again from version 0 (core/sync/client.h).
// Names: "full" (roles with cap.read.money: admin, manager, consultant), "field" (the others:
// technician). docs/sync-protocol.md
// "What a device holds" gives the table and the reasons.
enum class ReadScope { kFull, kField };

ReadScope ReadScopeOf(Role role);
std::string_view ReadScopeName(ReadScope scope);
// invalid_argument for a name that is not a scope.
Result<ReadScope> ParseReadScope(std::string_view name);
// Every scope (to build one snapshot per scope, and for tests).
std::vector<ReadScope> AllReadScopes();
// False when devices of `scope` hold no row of `table`.
bool CanReadTable(ReadScope scope, std::string_view table);
// The SQL literal devices of `scope` hold instead of `table`.`column` ("0", "NULL"), or
// nullptr when the column is readable. A code constant, never input.
const char* MaskedColumn(ReadScope scope, std::string_view table, std::string_view column);

}  // namespace invento
