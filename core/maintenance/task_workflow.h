// THE work order (task) status workflow: statuses, allowed transitions and who may make each.
//
//   draft → planned → in_progress ⇄ on_hold ; in_progress → done → closed
//   draft, planned, in_progress, on_hold → cancelled ; planned → draft ; done → in_progress
//
// The pairs and their roles are entries "task.status:<from>><to>" of THE permission table
// (core/auth/permissions.cc), the single source: task.set_status
// refuses any pair not in it (failed_precondition) and any role not listed for the pair
// (forbidden); the query task.transitions lists what the actor may do on a task, so the UI
// offers only those. Technicians additionally act only on tasks assigned to them or to one of
// their teams (task_access.h). closed and cancelled are terminal.
//
// task.transitions {task_id} -> {status, assigned: bool|null, transitions:[{to}]}
#pragma once

#include <string_view>
#include <vector>

#include "core/auth/permissions.h"
#include "core/mutators/registry.h"

namespace invento::maint {

inline constexpr std::string_view kTaskStatuses[] = {"draft", "planned", "in_progress", "on_hold",
                                                     "done",  "closed",  "cancelled"};

struct TaskTransition {
  std::string_view from;
  std::string_view to;
  std::vector<Role> roles;
};

const std::vector<TaskTransition>& TaskTransitions();
bool IsTaskStatus(std::string_view s);
// Is (from → to) in the table at all / for this role?
bool IsTransition(std::string_view from, std::string_view to);
bool MayTransition(Role role, std::string_view from, std::string_view to);
// The targets the role may reach from `from`, in table order.
std::vector<std::string_view> AllowedTargets(Role role, std::string_view from);
// Statuses that book the assignees' time (overlap warnings, planning conflicts).
bool IsBookingStatus(std::string_view s);
// Work may still be recorded (time, parts, checklist) unless the task is closed or cancelled.
bool AcceptsWork(std::string_view s);
// done or closed: the work was performed.
bool IsCompleted(std::string_view s);
// failed_precondition unless the task (a tasks row) still accepts work.
Status RequireAcceptsWork(const Json& task);

void RegisterTaskWorkflow(Registry& registry);

}  // namespace invento::maint
