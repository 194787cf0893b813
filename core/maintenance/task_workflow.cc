#include "core/maintenance/task_workflow.h"

#include <algorithm>

#include "core/maintenance/task_access.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::RequireLive;

using rows::Str;

// Built once from the permission table's "task.status:<from>><to>" entries, in table order.
const std::vector<TaskTransition>& TaskTransitions() {
  static const std::vector<TaskTransition> kTaskTransitions = [] {
    constexpr std::string_view kPrefix = "task.status:";
    std::vector<TaskTransition> out;
    for (std::string_view name : PermissionTableNames()) {
      if (name.substr(0, kPrefix.size()) != kPrefix) continue;
      std::string_view pair = name.substr(kPrefix.size());
      auto gt = pair.find('>');
      TaskTransition t{pair.substr(0, gt), pair.substr(gt + 1), {}};
      for (Role r : {Role::kAdmin, Role::kManager, Role::kTechnician, Role::kConsultant}) {
        if (IsAllowed(r, name)) t.roles.push_back(r);
      }
      out.push_back(std::move(t));
    }
    return out;
  }();
  return kTaskTransitions;
}

bool IsTaskStatus(std::string_view s) {
  return std::find(std::begin(kTaskStatuses), std::end(kTaskStatuses), s) !=
         std::end(kTaskStatuses);
}

bool IsTransition(std::string_view from, std::string_view to) {
  for (const auto& t : TaskTransitions()) {
    if (t.from == from && t.to == to) return true;
  }
  return false;
}

bool MayTransition(Role role, std::string_view from, std::string_view to) {
  for (const auto& t : TaskTransitions()) {
    if (t.from == from && t.to == to) {
      return std::find(t.roles.begin(), t.roles.end(), role) != t.roles.end();
    }
  }
  return false;
}

std::vector<std::string_view> AllowedTargets(Role role, std::string_view from) {
  std::vector<std::string_view> out;
  for (const auto& t : TaskTransitions()) {
    if (t.from == from && MayTransition(role, t.from, t.to)) out.push_back(t.to);
  }
  return out;
}

bool IsBookingStatus(std::string_view s) {
  return s == "planned" || s == "in_progress" || s == "on_hold";
}
bool AcceptsWork(std::string_view s) { return s != "closed" && s != "cancelled"; }
bool IsCompleted(std::string_view s) { return s == "done" || s == "closed"; }

Status RequireAcceptsWork(const Json& task) {
  const std::string status = task.value("status", "");
  if (AcceptsWork(status)) return Status::Ok();
  return Status::FailedPrecondition("the task is " + status +
                                    ": no more work can be recorded on it");
}

namespace {

Result<Json> Transitions(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  std::string task_id = r.Id("task_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(db, "tasks", task_id, "task_id", "task"));
  const std::string status = Str(task, "status");
  Json out{{"status", status}, {"assigned", nullptr}, {"transitions", Json::array()}};
  if (!IsAllowed(actor.role, "cap.task.any") && IsAllowed(actor.role, "cap.task.own")) {
    INVENTO_ASSIGN_OR_RETURN(bool assigned, ActorIsAssigned(db, actor, task_id));
    out["assigned"] = assigned;
    if (!assigned) return out;  // a technician acts only on their own tasks
  }
  for (std::string_view to : AllowedTargets(actor.role, status)) {
    out["transitions"].push_back({{"to", to}});
  }
  return out;
}

}  // namespace

void RegisterTaskWorkflow(Registry& registry) {
  registry.Add(QueryDef{"task.transitions", &Transitions});
}

}  // namespace invento::maint
