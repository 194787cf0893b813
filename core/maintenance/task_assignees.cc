#include "core/maintenance/task_assignees.h"

#include "core/maintenance/assignment_checks.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/people/teams.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::FirstRow;
using rows::Flag;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;

namespace {

struct Who {
  std::optional<std::string> employee_id, team_id;
};

Status CheckWho(const Who& w) {
  if (w.employee_id.has_value() == w.team_id.has_value()) {
    return Status::InvalidArgument("give exactly one of employee_id or team_id", "employee_id");
  }
  return Status::Ok();
}

Result<Json> Assign(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string task_id = r.Id("task_id");
  Who w{r.OptionalId("employee_id"), r.OptionalId("team_id")};
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(CheckWho(w));
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", task_id, "task_id", "task"));
  if (!AcceptsWork(Str(task, "status"))) {
    return Status::FailedPrecondition("task is " + Str(task, "status") +
                                      ": it can no longer be assigned");
  }
  std::vector<std::string> employees;
  if (w.employee_id) {
    INVENTO_ASSIGN_OR_RETURN(
        Json e, RequireLive(tx, "employees", *w.employee_id, "employee_id", "employee"));
    if (Flag(e, "archived"))
      return Status::FailedPrecondition("employee " + Str(e, "name") + " is archived");
    employees.push_back(*w.employee_id);
  } else {
    INVENTO_ASSIGN_OR_RETURN(Json t, RequireLive(tx, "teams", *w.team_id, "team_id", "team"));
    if (Flag(t, "archived"))
      return Status::FailedPrecondition("team " + Str(t, "name") + " is archived");
    INVENTO_ASSIGN_OR_RETURN(employees, people::TeamMembers(tx.db(), *w.team_id));
  }
  INVENTO_ASSIGN_OR_RETURN(Json warnings, AssignmentWarnings(tx.db(), task, employees));
  INVENTO_ASSIGN_OR_RETURN(auto existing,
                           FirstRow(tx.db(),
                                    "SELECT id FROM task_assignees WHERE task_id = ? AND "
                                    "employee_id IS ? AND team_id IS ? AND deleted = 0"
                                    " ORDER BY id LIMIT 1",
                                    {Json(task_id), OptJson(w.employee_id), OptJson(w.team_id)}));
  if (existing) return Json{{"id", (*existing)["id"]}, {"already", true}, {"warnings", warnings}};
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "task_assignees", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("task_assignees", Json{{"id", id},
                                                        {"task_id", task_id},
                                                        {"employee_id", OptJson(w.employee_id)},
                                                        {"team_id", OptJson(w.team_id)},
                                                        {"deleted", 0}}));
  return Json{{"id", id}, {"already", false}, {"warnings", warnings}};
}

Result<Json> Unassign(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string task_id = r.Id("task_id");
  Who w{r.OptionalId("employee_id"), r.OptionalId("team_id")};
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(CheckWho(w));
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", task_id, "task_id", "task"));
  INVENTO_ASSIGN_OR_RETURN(auto rows,
                           Rows(tx.db(),
                                "SELECT id FROM task_assignees WHERE task_id = ? AND employee_id "
                                "IS ? AND team_id IS ? AND deleted = 0",
                                {Json(task_id), OptJson(w.employee_id), OptJson(w.team_id)}));
  if (rows.empty()) {
    return Status::NotFound("not assigned to this task", w.employee_id ? "employee_id" : "team_id");
  }
  for (const auto& row : rows) INVENTO_RETURN_IF_ERROR(tx.Del("task_assignees", Str(row, "id")));
  return Json{{"removed", rows.size()}};
}

Result<Json> SetRequiredSkill(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string task_id = r.Id("task_id");
  std::string skill_id = r.Id("skill_id");
  bool has_level = r.Has("min_level");
  auto level = r.OptionalInt("min_level", 1, 5);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!has_level)
    return Status::InvalidArgument("min_level is required (1..5, null removes)", "min_level");
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", task_id, "task_id", "task"));
  INVENTO_ASSIGN_OR_RETURN(Json skill, RequireLive(tx, "skills", skill_id, "skill_id", "skill"));
  INVENTO_ASSIGN_OR_RETURN(auto existing,
                           FirstRow(tx.db(),
                                    "SELECT id FROM task_skills WHERE task_id = ? AND skill_id = ? "
                                    "AND deleted = 0 ORDER BY id LIMIT 1",
                                    {Json(task_id), Json(skill_id)}));
  std::string row_id = existing ? Str(*existing, "id") : id;
  if (!level) {
    if (existing) INVENTO_RETURN_IF_ERROR(tx.Del("task_skills", row_id));
    return Json{{"id", row_id}, {"removed", existing.has_value()}};
  }
  if (!existing) INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "task_skills", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("task_skills", Json{{"id", row_id},
                                                     {"task_id", task_id},
                                                     {"skill_id", skill_id},
                                                     {"min_level", *level},
                                                     {"deleted", 0}}));
  return Json{{"id", row_id}};
}

}  // namespace

void RegisterTaskAssignees(Registry& registry) {
  registry.Add(MutatorDef{"task.assign", &Assign});
  registry.Add(MutatorDef{"task.unassign", &Unassign});
  registry.Add(MutatorDef{"task.set_required_skill", &SetRequiredSkill});
}

}  // namespace invento::maint
