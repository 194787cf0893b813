#include "core/auth/permissions.h"

#include <array>

namespace invento {
namespace {

enum : unsigned { kA = 1u << 0, kM = 1u << 1, kT = 1u << 2, kC = 1u << 3 };
constexpr unsigned kAll = kA | kM | kT | kC;

struct Entry {
  std::string_view name;
  unsigned roles;
};

// THE permission table. Admin: everything. Manager: everything but deleting/archiving
// reference data. Technician: field operations. Consultant: read only.
constexpr std::array kTable{
    // Stock reference data.
    Entry{"category.create", kA | kM},
    Entry{"category.update", kA | kM},
    Entry{"category.archive", kA},
    Entry{"category.list", kAll},
    Entry{"attribute.create", kA | kM},
    Entry{"attribute.update", kA | kM},
    Entry{"attribute.archive", kA},
    Entry{"attribute.list", kAll},
    Entry{"supplier.create", kA | kM},
    Entry{"supplier.update", kA | kM},
    Entry{"supplier.archive", kA},
    Entry{"supplier.list", kAll},
    Entry{"location.create", kA | kM},
    Entry{"location.update", kA | kM},
    Entry{"location.archive", kA},
    Entry{"location.list", kAll},
    Entry{"item.create", kA | kM},
    Entry{"item.update", kA | kM},
    Entry{"item.archive", kA},
    Entry{"item.set_location_min", kA | kM},
    Entry{"item.get", kAll},
    // Stock ledger.
    Entry{"stock.receipt", kA | kM | kT},
    Entry{"stock.issue", kA | kM | kT},
    Entry{"stock.transfer", kA | kM | kT},
    Entry{"stock.adjust", kA | kM},
    Entry{"stock.reverse", kA | kM},
    Entry{"stock.onhand", kAll},
    Entry{"stock.movements", kAll},
    Entry{"stock.value", kAll},
    // Stock counts.
    Entry{"count.open", kA | kM},
    Entry{"count.record", kA | kM | kT},
    Entry{"count.undo_last", kA | kM | kT},
    Entry{"count.close", kA | kM},
    Entry{"count.review", kAll},
    Entry{"count.list", kAll},
    // Alerts.
    Entry{"alert.list", kAll},
    Entry{"alert.ack", kA | kM},
};

unsigned Bit(Role r) {
  switch (r) {
    case Role::kAdmin: return kA;
    case Role::kManager: return kM;
    case Role::kTechnician: return kT;
    case Role::kConsultant: return kC;
  }
  return 0;
}

}  // namespace

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kManager: return "manager";
    case Role::kTechnician: return "technician";
    case Role::kConsultant: return "consultant";
  }
  return "consultant";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kManager, Role::kTechnician, Role::kConsultant}) {
    if (RoleName(r) == name) return r;
  }
  return Status::InvalidArgument("unknown role '" + std::string(name) +
                                     "' (expected admin, manager, technician or consultant)",
                                 "role");
}

bool IsAllowed(Role role, std::string_view name) {
  for (const auto& e : kTable) {
    if (e.name == name) return (e.roles & Bit(role)) != 0;
  }
  return false;
}

std::vector<std::string_view> PermissionTableNames() {
  std::vector<std::string_view> out;
  for (const auto& e : kTable) out.push_back(e.name);
  return out;
}

}  // namespace invento
