#include "core/maintenance/task_access.h"

#include "core/people/employees.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::FirstRow;
using rows::RequireLive;
using rows::Rows;

using rows::Str;

Result<bool> EmployeeIsAssigned(const db::Db& db, const std::string& employee_id,
                                const std::string& task_id) {
  INVENTO_ASSIGN_OR_RETURN(
      auto row,
      FirstRow(db,
               "SELECT 1 FROM task_assignees a WHERE a.task_id = ?1 AND a.deleted = 0 AND"
               " (a.employee_id = ?2 OR a.team_id IN (SELECT m.team_id FROM team_members m"
               "   JOIN teams t ON t.id = m.team_id WHERE m.employee_id = ?2 AND m.deleted = 0 AND "
               "t.deleted = 0))"
               " LIMIT 1",
               {Json(task_id), Json(employee_id)}));
  return row.has_value();
}

Result<bool> ActorIsAssigned(const db::Db& db, const Actor& actor, const std::string& task_id) {
  INVENTO_ASSIGN_OR_RETURN(auto employee, people::EmployeeOfUser(db, actor.user_id));
  if (!employee) return false;
  return EmployeeIsAssigned(db, *employee, task_id);
}

Result<Json> TaskForWrite(const db::Db& db, const Actor& actor, const std::string& task_id,
                          const char* field) {
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(db, "tasks", task_id, field, "task"));
  if (IsAllowed(actor.role, "cap.task.any")) return task;
  if (!IsAllowed(actor.role, "cap.task.own")) {
    return Status::Forbidden("your role may not change work orders");
  }
  INVENTO_ASSIGN_OR_RETURN(auto employee, people::EmployeeOfUser(db, actor.user_id));
  if (!employee) {
    return Status::Forbidden(
        "your account is not linked to an employee, so no task is assigned to you");
  }
  INVENTO_ASSIGN_OR_RETURN(bool assigned, EmployeeIsAssigned(db, *employee, task_id));
  if (!assigned) {
    return Status::Forbidden("task '" + Str(task, "title") +
                             "' is not assigned to you or to one of your teams");
  }
  return task;
}

Result<std::vector<std::string>> TaskEmployees(const db::Db& db, const std::string& task_id) {
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT e.id FROM employees e WHERE e.deleted = 0 AND e.archived = 0 AND e.id IN ("
           "  SELECT employee_id FROM task_assignees WHERE task_id = ?1 AND deleted = 0 AND "
           "employee_id IS NOT NULL"
           "  UNION SELECT m.employee_id FROM task_assignees a JOIN team_members m ON m.team_id = "
           "a.team_id"
           "  JOIN teams t ON t.id = a.team_id"
           "  WHERE a.task_id = ?1 AND a.deleted = 0 AND m.deleted = 0 AND t.deleted = 0)"
           " ORDER BY e.id",
           {Json(task_id)}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(Str(r, "id"));
  return out;
}

}  // namespace invento::maint
