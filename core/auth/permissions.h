// Roles and the ONE permission table: which role may run which mutator or query.
//
// Contract: the server enforces this table on every mutation with the role from the
// session; the UI reads it (through the core) to show or hide actions. A name absent from
// the table is allowed to nobody. Role names are "admin", "manager", "technician",
// "consultant"; parsing anything else fails with invalid_argument.
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

// Names in the table that are capabilities, not mutators or queries; each is checked where it
// applies: "admin.users" (the server's /api/admin user and session administration),
// "employee.rates" (employee.get includes hourly rates only for roles that have it).
inline constexpr std::string_view kCapabilities[] = {"admin.users", "employee.rates"};

// True if role may run the mutator or query called name (or has the capability).
bool IsAllowed(Role role, std::string_view name);
// Every name in the permission table (for completeness tests and the UI).
std::vector<std::string_view> PermissionTableNames();

}  // namespace invento
