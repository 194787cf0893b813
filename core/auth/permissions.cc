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
    // What the current role may run (for the UI).
    Entry{"auth.allowed", kAll},
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
    Entry{"location.assign", kA | kM},
    Entry{"location.unassign", kA | kM},
    Entry{"location.assignees", kAll},
    Entry{"location.mine", kAll},
    Entry{"item.create", kA | kM},
    Entry{"item.update", kA | kM},
    Entry{"item.archive", kA},
    Entry{"item.set_location_min", kA | kM},
    Entry{"item.get", kAll},
    Entry{"item.search", kAll},
    // Stock ledger.
    Entry{"stock.receipt", kA | kM | kT},
    Entry{"stock.issue", kA | kM | kT},  // with task_id: own task (task.consume rules)
    Entry{"stock.transfer", kA | kM | kT},  // technicians: between their locations
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
    // ---- Maintenance, projects, people, dashboard (docs/maintenance.md) ----
    // Admins everything; managers everything but deleting (archiving is reversible, so
    // managers may archive here, unlike stock reference data); consultants read.
    // Entries marked "own task" are also open to technicians, and the mutator itself then
    // checks that the task is assigned to them or to one of their teams
    // (core/maintenance/task_access.h). Which status change each role may make is the
    // "task.status:" entries below.
    // People.
    Entry{"employee.create", kA | kM},
    Entry{"employee.update", kA | kM},
    Entry{"employee.archive", kA | kM},
    Entry{"employee.set_rate", kA | kM},
    Entry{"employee.remove_rate", kA},
    Entry{"employee.set_working_hours", kA | kM},
    Entry{"employee.set_skill", kA | kM},
    Entry{"employee.list", kAll},
    Entry{"employee.get", kAll},
    Entry{"skill.create", kA | kM},
    Entry{"skill.update", kA | kM},
    Entry{"skill.archive", kA | kM},
    Entry{"skill.list", kAll},
    Entry{"team.create", kA | kM},
    Entry{"team.update", kA | kM},
    Entry{"team.archive", kA | kM},
    Entry{"team.add_member", kA | kM},
    Entry{"team.remove_member", kA | kM},  // a membership change, not a deletion
    Entry{"team.list", kAll},
    Entry{"absence.create", kA | kM},
    Entry{"absence.update", kA | kM},
    Entry{"absence.delete", kA},
    Entry{"absence.list", kAll},
    // Clients and projects.
    Entry{"client.create", kA | kM},
    Entry{"client.update", kA | kM},
    Entry{"client.archive", kA | kM},
    Entry{"client.list", kAll},
    Entry{"client.get", kAll},
    Entry{"project.create", kA | kM},
    Entry{"project.update", kA | kM},
    Entry{"project.set_status", kA | kM},
    Entry{"project.delete", kA},
    Entry{"project.add_cost", kA | kM},
    Entry{"project.update_cost", kA | kM},
    Entry{"project.remove_cost", kA},
    Entry{"project.list", kAll},
    Entry{"project.transitions", kAll},
    Entry{"project.cost", kAll},
    Entry{"project.costs", kAll},
    // Assets and meters. Reporting a breakdown and reading a meter are field work.
    Entry{"asset.create", kA | kM},
    Entry{"asset.update", kA | kM},
    Entry{"asset.archive", kA | kM},
    Entry{"asset.set_status", kA | kM | kT},
    Entry{"asset.list", kAll},
    Entry{"asset.get", kAll},
    Entry{"asset.history", kAll},
    Entry{"asset.kpi", kAll},
    Entry{"meter.create", kA | kM},
    Entry{"meter.update", kA | kM},
    Entry{"meter.archive", kA | kM},
    Entry{"meter.record", kA | kM | kT},
    Entry{"meter.readings", kAll},
    // Work orders.
    Entry{"task.create", kA | kM},
    Entry{"task.update", kA | kM},
    Entry{"task.delete", kA},
    Entry{"task.set_status", kA | kM | kT},  // own task, and the transition's roles below
    // Work order transitions "task.status:<from>><to>": the allowed pairs and who may make
    // each (task_workflow.h reads them from here; a pair absent here does not exist).
    Entry{"task.status:draft>planned", kA | kM},
    Entry{"task.status:draft>cancelled", kA | kM},
    Entry{"task.status:planned>draft", kA | kM},
    Entry{"task.status:planned>in_progress", kA | kM | kT},
    Entry{"task.status:planned>cancelled", kA | kM},
    Entry{"task.status:in_progress>on_hold", kA | kM | kT},
    Entry{"task.status:in_progress>done", kA | kM | kT},
    Entry{"task.status:in_progress>cancelled", kA | kM},
    Entry{"task.status:on_hold>in_progress", kA | kM | kT},
    Entry{"task.status:on_hold>cancelled", kA | kM},
    Entry{"task.status:done>in_progress", kA | kM},  // reopen: the work was not finished
    Entry{"task.status:done>closed", kA | kM},
    Entry{"task.set_notes", kA | kM | kT},   // own task
    Entry{"task.assign", kA | kM},
    Entry{"task.unassign", kA | kM},
    Entry{"task.set_required_skill", kA | kM},
    Entry{"task.get", kAll},
    Entry{"task.list", kAll},
    Entry{"task.transitions", kAll},
    Entry{"task.suggest_assignees", kAll},
    Entry{"checklist.add", kA | kM},
    Entry{"checklist.update", kA | kM},
    Entry{"checklist.remove", kA | kM},
    Entry{"checklist.check", kA | kM | kT},  // own task
    Entry{"task.plan_material", kA | kM},
    Entry{"task.update_material", kA | kM},
    Entry{"task.remove_material", kA | kM},
    Entry{"task.consume", kA | kM | kT},  // own task; runs stock.issue
    Entry{"task.materials", kAll},
    Entry{"stock.reservations", kAll},
    Entry{"time.log", kA | kM | kT},     // own task, own time
    Entry{"time.update", kA | kM | kT},  // own task, own time
    Entry{"time.delete", kA},
    Entry{"time.list", kAll},
    Entry{"attachment.add", kA | kM | kT},  // technicians: own task only
    Entry{"attachment.delete", kA},
    Entry{"attachment.list", kAll},
    // Preventive maintenance and planning.
    Entry{"pm.create", kA | kM},
    Entry{"pm.update", kA | kM},
    Entry{"pm.set_active", kA | kM},
    Entry{"pm.delete", kA},
    Entry{"pm.generate", kA | kM},
    Entry{"pm.list", kAll},
    Entry{"pm.due", kAll},
    Entry{"pm.compliance", kAll},
    Entry{"pm.preview", kAll},
    Entry{"planning.range", kAll},
    // Dashboard. Widgets are each user's own layout (removing one deletes no data), so
    // managers and technicians arrange theirs; consultants never write, so they get the default.
    Entry{"dashboard.stock_by_category", kAll},
    Entry{"dashboard.items_under_min", kAll},
    Entry{"dashboard.projects_by_status", kAll},
    Entry{"dashboard.tasks", kAll},
    Entry{"dashboard.cost_vs_budget", kAll},
    Entry{"dashboard.work_orders", kAll},
    Entry{"dashboard.maintenance_kpis", kAll},
    Entry{"dashboard.movements", kAll},
    Entry{"dashboard.workload", kAll},
    Entry{"dashboard.widgets", kAll},
    Entry{"dashboard.widget_data", kAll},
    Entry{"dashboard.widget_add", kA | kM | kT},
    Entry{"dashboard.widget_update", kA | kM | kT},
    Entry{"dashboard.widget_remove", kA | kM | kT},
    Entry{"dashboard.reset", kA | kM | kT},
    // CSV (core/stock/csv_io.h). The preview runs the import's mutators (rolled back): it is
    // a step of the import, so it has the import's roles.
    Entry{"csv.items_preview", kA | kM},
    Entry{"csv.items_import", kA | kM},
    Entry{"csv.export_items", kA | kM | kC},
    Entry{"csv.export_stock", kA | kM | kC},
    Entry{"csv.export_movements", kA | kM | kC},
    Entry{"csv.export_count", kA | kM | kC},
    // ---- Capabilities "cap.*" (issue 14, point 9): role rules that are not a mutator or
    // a query, asked by the code that applies them (the list and meaning: permissions.h).
    // Keep this block last and apart from the entries above.
    Entry{"cap.location.any", kA | kM},
    Entry{"cap.count.blind_expected", kA | kM},
    Entry{"cap.task.any", kA | kM},
    Entry{"cap.task.own", kT},
    Entry{"cap.task.status_at", kA | kM},
    Entry{"cap.time.others", kA | kM},
    Entry{"cap.attachment.any_entity", kA | kM},
    Entry{"cap.widget.others", kA},
    Entry{"cap.server.admin", kA},
    Entry{"cap.server.audit", kA | kM},
    Entry{"cap.employee.rates", kA | kM},
    Entry{"cap.read.money", kA | kM | kC},
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
