// The composition root of the core: the one place, besides the facade (core.h), that names
// every domain module. It builds the Registry declared in mutators/registry.h from each
// module's Register*() function, so that core/mutators depends on no domain module (the
// layering is checked by tests/tools/core_layers.py).
#include "core/mutators/registry.h"

#include "core/dashboard/figures.h"
#include "core/dashboard/widgets.h"
#include "core/maintenance/assets.h"
#include "core/maintenance/assignee_suggestions.h"
#include "core/maintenance/attachments.h"
#include "core/maintenance/checklist.h"
#include "core/maintenance/materials.h"
#include "core/maintenance/meters.h"
#include "core/maintenance/planning.h"
#include "core/maintenance/pm_generate.h"
#include "core/maintenance/pm_plans.h"
#include "core/maintenance/pm_queries.h"
#include "core/maintenance/reliability.h"
#include "core/maintenance/task_assignees.h"
#include "core/maintenance/task_queries.h"
#include "core/maintenance/task_status.h"
#include "core/maintenance/task_workflow.h"
#include "core/maintenance/tasks.h"
#include "core/maintenance/time_entries.h"
#include "core/people/absences.h"
#include "core/people/employees.h"
#include "core/people/skills.h"
#include "core/people/teams.h"
#include "core/projects/clients.h"
#include "core/projects/project_costs.h"
#include "core/projects/projects.h"
#include "core/stock/alerts.h"
#include "core/stock/attributes.h"
#include "core/stock/counts.h"
#include "core/stock/location_access.h"
#include "core/stock/csv_io.h"
#include "core/stock/categories.h"
#include "core/stock/items.h"
#include "core/stock/ledger.h"
#include "core/stock/search.h"
#include "core/stock/suppliers_locations.h"

namespace invento {
namespace {

// "auth.allowed": the names the actor's role may run, so that the UI offers only those.
// The server checks every call again; this only spares users buttons that would fail.
Result<Json> AllowedNames(const db::Db&, const Json&, const Actor& actor) {
  Json names = Json::array();
  for (std::string_view name : PermissionTableNames()) {
    if (IsAllowed(actor.role, name)) names.push_back(std::string(name));
  }
  return Json{{"role", std::string(RoleName(actor.role))}, {"user_id", actor.user_id},
              {"names", std::move(names)}};
}

}  // namespace

const Registry& Registry::Get() {
  static const Registry kRegistry = [] {
    Registry r;
    r.Add(QueryDef{"auth.allowed", &AllowedNames});
    stock::RegisterCategories(r);
    stock::RegisterAttributes(r);
    stock::RegisterSuppliersAndLocations(r);
    stock::RegisterLocationAccess(r);
    stock::RegisterItems(r);
    stock::RegisterLedger(r);
    stock::RegisterCounts(r);
    stock::RegisterAlerts(r);
    stock::RegisterCsvImport(r);
    stock::RegisterCsvExport(r);
    stock::RegisterSearch(r);
    // Maintenance, projects, people, dashboard.
    people::RegisterEmployees(r);
    people::RegisterSkills(r);
    people::RegisterTeams(r);
    people::RegisterAbsences(r);
    projects::RegisterClients(r);
    projects::RegisterProjects(r);
    projects::RegisterProjectCosts(r);
    maint::RegisterAssets(r);
    maint::RegisterMeters(r);
    maint::RegisterReliability(r);
    maint::RegisterTasks(r);
    maint::RegisterTaskQueries(r);
    maint::RegisterTaskWorkflow(r);
    maint::RegisterTaskStatus(r);
    maint::RegisterTaskAssignees(r);
    maint::RegisterAssigneeSuggestions(r);
    maint::RegisterChecklist(r);
    maint::RegisterMaterials(r);
    maint::RegisterTimeEntries(r);
    maint::RegisterAttachments(r);
    maint::RegisterPmPlans(r);
    maint::RegisterPmGenerate(r);
    maint::RegisterPmQueries(r);
    maint::RegisterPlanning(r);
    dashboard::RegisterFigures(r);
    dashboard::RegisterWidgets(r);
    return r;
  }();
  return kRegistry;
}

}  // namespace invento
