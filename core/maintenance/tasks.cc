#include "core/maintenance/tasks.h"

#include "core/base/decimal.h"
#include "core/maintenance/assignment_checks.h"
#include "core/maintenance/task_access.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::CheckDate;
using rows::FirstRow;
using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Str;
using rows::kDateRule;
using rows::kMaxTime;
using rows::kMinTime;
using rows::kNoteRule;

namespace {

const std::initializer_list<const char*> kTypes = {"corrective", "preventive", "inspection",
                                                   "installation", "other"};
const std::initializer_list<const char*> kPriorities = {"low", "normal", "high", "urgent"};
constexpr std::int64_t kMaxHoursMilli = 100'000 * kMilli;

// Reads the editable fields into row (only those present); a range error the reader cannot
// express goes to *deferred.
void ReadFields(ArgReader& r, Json& row, bool create, Status* deferred) {
  auto title = create ? std::optional(r.String("title", {.min = 1, .max = 200}))
                      : r.OptionalString("title", {.min = 1, .max = 200});
  if (title) row["title"] = *title;
  if (r.Has("description"))
    row["description"] = OptJson(r.OptionalString("description", kNoteRule));
  if (auto t = r.OptionalEnum("type", kTypes)) row["type"] = *t;
  if (auto p = r.OptionalEnum("priority", kPriorities)) row["priority"] = *p;
  for (const char* f : {"project_id", "asset_id", "location_id"}) {
    if (r.Has(f)) row[f] = OptJson(r.OptionalId(f));
  }
  for (const char* f : {"planned_start", "planned_end"}) {
    if (r.Has(f)) {
      auto v = r.OptionalInt(f, kMinTime, kMaxTime);
      row[f] = v ? Json(*v) : Json();
    }
  }
  if (r.Has("due_date")) row["due_date"] = OptJson(r.OptionalString("due_date", kDateRule));
  if (r.Has("estimated_hours")) {
    auto h = r.OptionalQuantity("estimated_hours");
    row["estimated_hours"] = h.value_or(0);
    if (h && (*h < 0 || *h > kMaxHoursMilli)) {
      *deferred = Status::InvalidArgument("estimated_hours must be between 0 and 100000",
                                          "estimated_hours");
    }
  }
}

Status CheckReferences(const WriteTx& tx, const Json& row) {
  if (row.contains("due_date")) {
    INVENTO_ASSIGN_OR_RETURN(auto d, CheckDate(OptStr(row, "due_date"), "due_date"));
  }
  if (auto p = OptStr(row, "project_id")) {
    INVENTO_ASSIGN_OR_RETURN(Json project,
                             RequireLive(tx, "projects", *p, "project_id", "project"));
    std::string s = Str(project, "status");
    if (s == "done" || s == "cancelled") {
      return Status::FailedPrecondition("project " + Str(project, "code") + " is " + s +
                                        ": reopen it before adding work");
    }
  }
  if (auto a = OptStr(row, "asset_id")) {
    INVENTO_ASSIGN_OR_RETURN(Json asset, RequireLive(tx, "assets", *a, "asset_id", "asset"));
  }
  if (auto l = OptStr(row, "location_id")) {
    INVENTO_ASSIGN_OR_RETURN(Json loc, RequireLive(tx, "locations", *l, "location_id", "location"));
  }
  return Status::Ok();
}

Status CheckWindow(const Json& task) {
  bool has_start = task.contains("planned_start") && task["planned_start"].is_number_integer();
  bool has_end = task.contains("planned_end") && task["planned_end"].is_number_integer();
  if (has_end && !has_start) {
    return Status::InvalidArgument("planned_end needs a planned_start", "planned_start");
  }
  if (has_end &&
      task["planned_end"].get<std::int64_t>() <= task["planned_start"].get<std::int64_t>()) {
    return Status::InvalidArgument("planned_end must be after planned_start", "planned_end");
  }
  return Status::Ok();
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  Json row{{"id", r.Id("id")}};
  Status deferred;
  ReadFields(r, row, true, &deferred);
  auto status = r.OptionalEnum("status", {"draft", "planned"});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(deferred);
  INVENTO_RETURN_IF_ERROR(CheckReferences(tx, row));
  INVENTO_RETURN_IF_ERROR(CheckWindow(row));
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "tasks", row["id"].get<std::string>()));
  row["status"] = status.value_or("draft");
  INVENTO_RETURN_IF_ERROR(InsertTask(tx, row, ctx));
  return Json{{"id", row["id"]}};
}

Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  Json row{{"id", id}};
  Status deferred;
  ReadFields(r, row, false, &deferred);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(deferred);
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", id, "id", "task"));
  if (!AcceptsWork(Str(task, "status"))) {
    return Status::FailedPrecondition("task is " + Str(task, "status") +
                                      " and can no longer be edited");
  }
  INVENTO_RETURN_IF_ERROR(CheckReferences(tx, row));
  Json merged = task;
  merged.update(row);
  INVENTO_RETURN_IF_ERROR(CheckWindow(merged));
  INVENTO_RETURN_IF_ERROR(tx.Put("tasks", row));
  Json warnings = Json::array();
  if (row.contains("planned_start") || row.contains("planned_end") || row.contains("due_date")) {
    INVENTO_ASSIGN_OR_RETURN(auto employees, TaskEmployees(tx.db(), id));
    INVENTO_ASSIGN_OR_RETURN(warnings, AssignmentWarnings(tx.db(), merged, employees));
  }
  return Json{{"id", id}, {"warnings", warnings}};
}

Result<Json> Delete(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", id, "id", "task"));
  INVENTO_ASSIGN_OR_RETURN(
      auto booked,
      FirstRow(tx.db(),
               "SELECT 1 FROM stock_movements WHERE task_id = ?1 AND deleted = 0"
               " UNION ALL SELECT 1 FROM time_entries WHERE task_id = ?1 AND deleted = 0 LIMIT 1",
               {Json(id)}));
  if (booked) {
    return Status::FailedPrecondition(
        "parts or time were booked on this task: cancel it instead of deleting it");
  }
  INVENTO_RETURN_IF_ERROR(tx.Del("tasks", id));
  return Json{{"id", id}};
}

}  // namespace

Status InsertTask(WriteTx& tx, Json row, const MutationContext& ctx) {
  Json defaults{
      {"type", "corrective"}, {"priority", "normal"},     {"status", "draft"},
      {"estimated_hours", 0}, {"created_at", ctx.now_ms}, {"created_by", ctx.actor.user_id},
      {"deleted", 0}};
  for (auto& [k, v] : defaults.items()) {
    if (!row.contains(k)) row[k] = v;
  }
  return tx.Put("tasks", row);
}

void RegisterTasks(Registry& registry) {
  registry.Add(MutatorDef{"task.create", &Create});
  registry.Add(MutatorDef{"task.update", &Update});
  registry.Add(MutatorDef{"task.delete", &Delete});
}

}  // namespace invento::maint
