#include "core/maintenance/task_workflow.h"

#include <algorithm>

#include "core/maintenance/common.h"
#include "core/maintenance/task_access.h"

namespace invento::maint {

const std::vector<TaskTransition>& TaskTransitions() {
  constexpr Role A = Role::kAdmin, M = Role::kManager, T = Role::kTechnician;
  static const std::vector<TaskTransition> kTaskTransitions{
      {"draft", "planned", {A, M}},
      {"draft", "cancelled", {A, M}},
      {"planned", "draft", {A, M}},
      {"planned", "in_progress", {A, M, T}},
      {"planned", "cancelled", {A, M}},
      {"in_progress", "on_hold", {A, M, T}},
      {"in_progress", "done", {A, M, T}},
      {"in_progress", "cancelled", {A, M}},
      {"on_hold", "in_progress", {A, M, T}},
      {"on_hold", "cancelled", {A, M}},
      {"done", "in_progress", {A, M}},  // reopen: the work was not finished after all
      {"done", "closed", {A, M}},
  };
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
  if (actor.role == Role::kTechnician) {
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
