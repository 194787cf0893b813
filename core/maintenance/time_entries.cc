#include "core/maintenance/time_entries.h"

#include "core/base/decimal.h"
#include "core/maintenance/task_access.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/people/absences.h"
#include "core/people/employees.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::CheckDate;
using rows::CheckRequiredDate;
using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kDateRule;

namespace {

constexpr std::int64_t kMaxHours = 24 * kMilli;
constexpr StringRule kNote{.min = 0, .max = 1000};

Status CheckHours(std::optional<std::int64_t> hours) {
  if (hours && (*hours <= 0 || *hours > kMaxHours)) {
    return Status::InvalidArgument("hours must be more than 0 and at most 24", "hours");
  }
  return Status::Ok();
}

// For a technician: their own employee id, or forbidden.
Result<std::string> OwnEmployee(const db::Db& db, const Actor& actor) {
  INVENTO_ASSIGN_OR_RETURN(auto own, people::EmployeeOfUser(db, actor.user_id));
  if (!own) return Status::Forbidden("your account is not linked to an employee");
  return *own;
}

Result<Json> AbsentWarnings(const db::Db& db, const std::string& employee_id,
                            const std::string& date) {
  Json out = Json::array();
  INVENTO_ASSIGN_OR_RETURN(auto absences, people::AbsencesOverlapping(db, employee_id, date, date));
  for (const auto& a : absences) {
    out.push_back({{"code", "absent"},
                   {"employee_id", employee_id},
                   {"absence_id", a["id"]},
                   {"kind", a["kind"]},
                   {"date", date}});
  }
  return out;
}

Result<Json> Log(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string task_id = r.Id("task_id");
  auto employee_id = r.OptionalId("employee_id");
  auto date_text = r.OptionalString("work_date", kDateRule);
  std::int64_t hours = r.Quantity("hours");
  auto note = r.OptionalString("note", kNote);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string date, CheckRequiredDate(date_text, "work_date"));
  INVENTO_RETURN_IF_ERROR(CheckHours(hours));
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  if (!IsAllowed(ctx.actor.role, "cap.time.others")) {
    INVENTO_ASSIGN_OR_RETURN(std::string own, OwnEmployee(tx.db(), ctx.actor));
    if (employee_id && *employee_id != own) {
      return Status::Forbidden("you may record your own time only");
    }
    employee_id = own;
  }
  if (!employee_id) return Status::InvalidArgument("employee_id is required", "employee_id");
  INVENTO_ASSIGN_OR_RETURN(Json e,
                           RequireLive(tx, "employees", *employee_id, "employee_id", "employee"));
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "time_entries", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("time_entries", Json{{"id", id},
                                                      {"task_id", task_id},
                                                      {"employee_id", *employee_id},
                                                      {"work_date", date},
                                                      {"hours", hours},
                                                      {"note", OptJson(note)},
                                                      {"actor_id", ctx.actor.user_id},
                                                      {"deleted", 0}}));
  INVENTO_ASSIGN_OR_RETURN(Json warnings, AbsentWarnings(tx.db(), *employee_id, date));
  return Json{{"id", id}, {"warnings", warnings}};
}

Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto date_text = r.OptionalString("work_date", kDateRule);
  auto hours = r.OptionalQuantity("hours");
  bool has_note = r.Has("note");
  auto note = r.OptionalString("note", kNote);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto date, CheckDate(date_text, "work_date"));
  INVENTO_RETURN_IF_ERROR(CheckHours(hours));
  INVENTO_ASSIGN_OR_RETURN(Json entry, RequireLive(tx, "time_entries", id, "id", "time entry"));
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, Str(entry, "task_id")));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  if (!IsAllowed(ctx.actor.role, "cap.time.others")) {
    INVENTO_ASSIGN_OR_RETURN(std::string own, OwnEmployee(tx.db(), ctx.actor));
    if (Str(entry, "employee_id") != own)
      return Status::Forbidden("you may edit your own time only");
  }
  Json row{{"id", id}};
  if (date) row["work_date"] = *date;
  if (hours) row["hours"] = *hours;
  if (has_note) row["note"] = OptJson(note);
  INVENTO_RETURN_IF_ERROR(tx.Put("time_entries", row));
  INVENTO_ASSIGN_OR_RETURN(Json warnings, AbsentWarnings(tx.db(), Str(entry, "employee_id"),
                                                         date.value_or(Str(entry, "work_date"))));
  return Json{{"id", id}, {"warnings", warnings}};
}

Result<Json> Delete(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json entry, RequireLive(tx, "time_entries", id, "id", "time entry"));
  INVENTO_RETURN_IF_ERROR(tx.Del("time_entries", id));
  return Json{{"id", id}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto task_id = r.OptionalId("task_id");
  auto employee_id = r.OptionalId("employee_id");
  auto project_id = r.OptionalId("project_id");
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto from, CheckDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(auto to, CheckDate(to_text, "to"));
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT te.id, te.task_id, t.title, te.employee_id, e.name AS employee, te.work_date, "
           "te.hours, te.note"
           " FROM time_entries te JOIN tasks t ON t.id = te.task_id JOIN employees e ON e.id = "
           "te.employee_id"
           " WHERE te.deleted = 0 AND t.deleted = 0 AND (?1 IS NULL OR te.task_id = ?1)"
           " AND (?2 IS NULL OR te.employee_id = ?2) AND (?3 IS NULL OR t.project_id = ?3)"
           " AND (?4 IS NULL OR te.work_date >= ?4) AND (?5 IS NULL OR te.work_date <= ?5)"
           " ORDER BY te.work_date, e.name_key, te.id",
           {OptJson(task_id), OptJson(employee_id), OptJson(project_id), OptJson(from),
            OptJson(to)}));
  std::int64_t total = 0;
  for (auto& row : rows) {
    total += Int(row, "hours");
    row["hours_milli"] = row["hours"];
    row["hours"] = FormatQuantity(Int(row, "hours"));
  }
  return Json{{"items", rows}, {"total_hours", FormatQuantity(total)}};
}

}  // namespace

void RegisterTimeEntries(Registry& registry) {
  registry.Add(MutatorDef{"time.log", &Log});
  registry.Add(MutatorDef{"time.update", &Update});
  registry.Add(MutatorDef{"time.delete", &Delete});
  registry.Add(QueryDef{"time.list", &List});
}

}  // namespace invento::maint
