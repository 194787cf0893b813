#include "core/maintenance/task_status.h"

#include "core/maintenance/checklist.h"
#include "core/maintenance/task_access.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::OptJson;
using rows::RequireNewId;
using rows::Str;
using rows::kMaxTime;
using rows::kMinTime;
using rows::kNoteRule;

namespace {

constexpr StringRule kSigner{.min = 0, .max = 120};

Result<Json> SetStatus(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string task_id = r.Id("task_id");
  std::string to = r.String("status", {.min = 1, .max = 32});
  auto note = r.OptionalString("note", {.min = 0, .max = 1000});
  bool has_completion = r.Has("completion_note");
  auto completion = r.OptionalString("completion_note", kNoteRule);
  bool has_signer = r.Has("signer_name");
  auto signer = r.OptionalString("signer_name", kSigner);
  bool has_at = r.Has("at");
  std::int64_t at = r.OptionalInt("at", kMinTime, kMaxTime).value_or(ctx.now_ms);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  // The time of a status change is when it is made (the device's clock, offline too); only
  // admins and managers may record one afterwards (a paper work order typed in later).
  if (has_at && !IsAllowed(ctx.actor.role, "cap.task.status_at")) {
    return Status::Forbidden("you record a status change at the time you make it", "at");
  }
  if (!IsTaskStatus(to)) {
    return Status::InvalidArgument(
        "status must be one of draft, planned, in_progress, on_hold, done, closed, cancelled",
        "status");
  }
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  const std::string from = Str(task, "status");
  if (from == to) return Status::FailedPrecondition("the task is already " + to);
  if (!IsTransition(from, to)) {
    return Status::FailedPrecondition("a task cannot go from " + from + " to " + to);
  }
  if (!MayTransition(ctx.actor.role, from, to)) {
    return Status::Forbidden("role " + std::string(RoleName(ctx.actor.role)) +
                             " may not move a task from " + from + " to " + to);
  }
  Json row{{"id", task_id}, {"status", to}};
  if (to == "in_progress" && task["started_at"].is_null()) row["started_at"] = at;
  if (to == "done") {
    INVENTO_ASSIGN_OR_RETURN(std::int64_t open, UncheckedRequired(tx.db(), task_id));
    if (open > 0) {
      return Status::FailedPrecondition(std::to_string(open) + " required checklist item" +
                                        (open > 1 ? "s are" : " is") + " not ticked");
    }
    if (task["started_at"].is_number_integer() && at < task["started_at"].get<std::int64_t>()) {
      return Status::InvalidArgument("the work cannot be done before it was started", "at");
    }
    row["completed_at"] = at;
  }
  if (from == "done" && to == "in_progress") row["completed_at"] = nullptr;
  if (has_completion) row["completion_note"] = OptJson(completion);
  if (has_signer) row["signer_name"] = OptJson(signer);
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "task_status_events", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("tasks", row));
  INVENTO_RETURN_IF_ERROR(tx.Put("task_status_events", Json{{"id", id},
                                                            {"task_id", task_id},
                                                            {"from_status", from},
                                                            {"to_status", to},
                                                            {"at", at},
                                                            {"actor_id", ctx.actor.user_id},
                                                            {"note", OptJson(note)},
                                                            {"deleted", 0}}));
  return Json{{"task_id", task_id}, {"status", to}};
}

Result<Json> SetNotes(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string task_id = r.Id("task_id");
  bool has_completion = r.Has("completion_note");
  auto completion = r.OptionalString("completion_note", kNoteRule);
  bool has_signer = r.Has("signer_name");
  auto signer = r.OptionalString("signer_name", kSigner);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!has_completion && !has_signer) {
    return Status::InvalidArgument("give completion_note and/or signer_name", "completion_note");
  }
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  if (!AcceptsWork(Str(task, "status"))) {
    return Status::FailedPrecondition("task is " + Str(task, "status") +
                                      ": its notes can no longer change");
  }
  Json row{{"id", task_id}};
  if (has_completion) row["completion_note"] = OptJson(completion);
  if (has_signer) row["signer_name"] = OptJson(signer);
  INVENTO_RETURN_IF_ERROR(tx.Put("tasks", row));
  return Json{{"task_id", task_id}};
}

}  // namespace

void RegisterTaskStatus(Registry& registry) {
  registry.Add(MutatorDef{"task.set_status", &SetStatus});
  registry.Add(MutatorDef{"task.set_notes", &SetNotes});
}

}  // namespace invento::maint
