#include "core/maintenance/task_queries.h"

#include "core/base/decimal.h"
#include "core/maintenance/materials.h"
#include "core/maintenance/task_access.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::CheckDate;
using rows::FirstRow;
using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::Rows;
using rows::Str;
using rows::kDateRule;

namespace {

const std::initializer_list<const char*> kTypes = {"corrective", "preventive", "inspection",
                                                   "installation", "other"};
const std::initializer_list<const char*> kPriorities = {"low", "normal", "high", "urgent"};

Result<Json> Get(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json t, RequireLive(db, "tasks", id, "id", "task"));
  t.erase("deleted");
  t.erase("version");
  t["estimated_hours_milli"] = t["estimated_hours"];
  t["estimated_hours"] = FormatQuantity(Int(t, "estimated_hours"));
  INVENTO_ASSIGN_OR_RETURN(
      auto assignees,
      Rows(db,
           "SELECT a.id, a.employee_id, a.team_id, coalesce(e.name, tm.name) AS name FROM "
           "task_assignees a"
           " LEFT JOIN employees e ON e.id = a.employee_id LEFT JOIN teams tm ON tm.id = a.team_id"
           " WHERE a.task_id = ? AND a.deleted = 0 ORDER BY a.team_id IS NOT NULL, name, a.id",
           {Json(id)}));
  t["assignees"] = assignees;
  INVENTO_ASSIGN_OR_RETURN(auto employees, TaskEmployees(db, id));
  t["employees"] = employees;
  INVENTO_ASSIGN_OR_RETURN(auto skills,
                           Rows(db,
                                "SELECT ts.skill_id, s.name, ts.min_level FROM task_skills ts JOIN "
                                "skills s ON s.id = ts.skill_id"
                                " WHERE ts.task_id = ? AND ts.deleted = 0 ORDER BY s.name_key",
                                {Json(id)}));
  t["required_skills"] = skills;
  INVENTO_ASSIGN_OR_RETURN(
      auto checklist, Rows(db,
                           "SELECT c.id, c.position, c.label, c.required, c.meter_id, c.checked, "
                           "c.checked_at, c.checked_by,"
                           " c.reading_id, r.value AS reading_value, c.note FROM checklist_items c"
                           " LEFT JOIN meter_readings r ON r.id = c.reading_id"
                           " WHERE c.task_id = ? AND c.deleted = 0 ORDER BY c.position, c.id",
                           {Json(id)}));
  for (auto& c : checklist) {
    c["required"] = c["required"] == 1;
    c["checked"] = c["checked"] == 1;
    if (c["reading_value"].is_number_integer())
      c["reading_value"] = FormatQuantity(Int(c, "reading_value"));
  }
  t["checklist"] = checklist;
  INVENTO_ASSIGN_OR_RETURN(t["materials"], TaskMaterials(db, id));
  INVENTO_ASSIGN_OR_RETURN(
      auto entries,
      Rows(db,
           "SELECT te.id, te.employee_id, e.name AS employee, te.work_date, te.hours, te.note FROM "
           "time_entries te"
           " JOIN employees e ON e.id = te.employee_id WHERE te.task_id = ? AND te.deleted = 0"
           " ORDER BY te.work_date, te.id",
           {Json(id)}));
  std::int64_t total = 0;
  for (auto& e : entries) {
    total += Int(e, "hours");
    e["hours"] = FormatQuantity(Int(e, "hours"));
  }
  t["time_entries"] = entries;
  t["total_hours"] = FormatQuantity(total);
  INVENTO_ASSIGN_OR_RETURN(
      auto history,
      Rows(db,
           "SELECT id, from_status, to_status, at, actor_id, note FROM task_status_events"
           " WHERE task_id = ? AND deleted = 0 ORDER BY at, id",
           {Json(id)}));
  t["status_history"] = history;
  INVENTO_ASSIGN_OR_RETURN(
      auto attachments,
      Rows(db,
           "SELECT id, sha256, filename, mime, size_bytes, uploaded_at, actor_id FROM attachments"
           " WHERE entity_type = 'task' AND entity_id = ? AND deleted = 0 ORDER BY uploaded_at, id",
           {Json(id)}));
  t["attachments"] = attachments;
  return t;
}

// ORDER BY for task.list's `sort` (fixed strings chosen from the enum, never input text).
std::string ListOrder(const std::string& sort, bool descending) {
  const char* dir = descending ? " DESC" : "";
  std::string key;
  if (sort == "priority") {
    key = std::string("CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 "
                      "ELSE 3 END") + dir;
  } else if (sort == "status") {
    key = std::string("CASE t.status WHEN 'draft' THEN 0 WHEN 'planned' THEN 1 WHEN 'in_progress' "
                      "THEN 2 WHEN 'on_hold' THEN 3 WHEN 'done' THEN 4 WHEN 'closed' THEN 5 ELSE 6 "
                      "END") + dir;
  } else if (sort == "title") {
    key = std::string("t.title COLLATE NOCASE") + dir;
  } else if (sort == "planned_start") {
    key = std::string("t.planned_start IS NULL, t.planned_start") + dir;
  } else {  // due
    return std::string("t.due_date IS NULL, t.due_date") + dir + ", t.planned_start, t.id";
  }
  return key + ", t.due_date IS NULL, t.due_date, t.id";
}

Result<Json> List(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  // "open": every status but done, closed and cancelled (the work still to do).
  auto status = r.OptionalEnum("status", {"draft", "planned", "in_progress", "on_hold", "done",
                                          "closed", "cancelled", "open"});
  auto type = r.OptionalEnum("type", kTypes);
  auto priority = r.OptionalEnum("priority", kPriorities);
  auto project_id = r.OptionalId("project_id");
  auto asset_id = r.OptionalId("asset_id");
  auto location_id = r.OptionalId("location_id");
  auto employee_id = r.OptionalId("employee_id");
  auto team_id = r.OptionalId("team_id");
  bool mine = r.Bool("mine", false);
  auto overdue_text = r.OptionalString("overdue_as_of", kDateRule);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  auto q = r.OptionalString("q", {.min = 0, .max = 200});
  const std::string sort =
      r.OptionalEnum("sort", {"due", "priority", "status", "title", "planned_start"}).value_or("due");
  const bool descending = r.OptionalEnum("dir", {"asc", "desc"}).value_or("asc") == "desc";
  const bool with_total = r.Bool("with_total", false);
  std::int64_t limit = r.OptionalInt("limit", 1, 1000).value_or(200);
  std::int64_t offset = r.OptionalInt("offset", 0, 1'000'000'000).value_or(0);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto overdue, CheckDate(overdue_text, "overdue_as_of"));
  INVENTO_ASSIGN_OR_RETURN(auto from, CheckDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(auto to, CheckDate(to_text, "to"));
  if (from && to && *from > *to) return Status::InvalidArgument("from is after to", "from");
  if (mine) {
    INVENTO_ASSIGN_OR_RETURN(
        auto own,
        FirstRow(db,
                 "SELECT id FROM employees WHERE user_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                 {Json(actor.user_id)}));
    if (!own) return Json{{"items", Json::array()}, {"total", 0}};
    employee_id = Str(*own, "id");
  }
  // A task is in [from, to] when its due date or its planned start day falls in it
  // (planned_start is in ms; dates compare as text YYYY-MM-DD).
  static const std::string kWhere =
      " FROM tasks t WHERE t.deleted = 0"
      " AND (?1 IS NULL OR t.status = ?1"
      "   OR (?1 = 'open' AND t.status NOT IN ('done', 'closed', 'cancelled')))"
      " AND (?2 IS NULL OR t.type = ?2)"
      " AND (?3 IS NULL OR t.priority = ?3)"
      " AND (?4 IS NULL OR t.project_id = ?4) AND (?5 IS NULL OR t.asset_id = ?5)"
      " AND (?6 IS NULL OR t.id IN (SELECT task_id FROM task_assignees WHERE employee_id = ?6 "
      "   AND deleted = 0"
      "   UNION SELECT a.task_id FROM task_assignees a JOIN team_members m ON m.team_id = a.team_id"
      "   WHERE m.employee_id = ?6 AND a.deleted = 0 AND m.deleted = 0))"
      " AND (?7 IS NULL OR t.id IN (SELECT task_id FROM task_assignees WHERE team_id = ?7 AND "
      "   deleted = 0))"
      " AND (?8 IS NULL OR (t.due_date < ?8 AND t.status NOT IN ('done', 'closed', 'cancelled')))"
      " AND (?9 IS NULL OR t.location_id = ?9)"
      " AND (?10 IS NULL OR t.due_date >= ?10"
      "   OR date(t.planned_start / 1000, 'unixepoch') >= ?10)"
      " AND (?11 IS NULL OR t.due_date <= ?11"
      "   OR date(t.planned_start / 1000, 'unixepoch') <= ?11)"
      " AND (?12 IS NULL OR instr(lower(t.title), lower(?12)) > 0)";
  std::vector<Json> params{OptJson(status),   OptJson(type),        OptJson(priority),
                           OptJson(project_id), OptJson(asset_id), OptJson(employee_id),
                           OptJson(team_id),  OptJson(overdue),     OptJson(location_id),
                           OptJson(from),     OptJson(to),          OptJson(q)};
  std::vector<Json> page = params;
  page.push_back(Json(limit));
  page.push_back(Json(offset));
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT t.id, t.title, t.type, t.priority, t.status, t.project_id, t.asset_id, "
           "t.location_id, t.pm_plan_id, t.planned_start, t.planned_end, t.due_date, "
           "t.estimated_hours, t.completed_at,"
           " (SELECT name FROM assets WHERE id = t.asset_id) AS asset,"
           " (SELECT name FROM locations WHERE id = t.location_id) AS location,"
           " (SELECT group_concat(n, ', ') FROM (SELECT coalesce(e.name, tm.name) AS n"
           "   FROM task_assignees ta LEFT JOIN employees e ON e.id = ta.employee_id"
           "   LEFT JOIN teams tm ON tm.id = ta.team_id"
           "   WHERE ta.task_id = t.id AND ta.deleted = 0 ORDER BY n)) AS assignees" +
               kWhere + " ORDER BY " + ListOrder(sort, descending) + " LIMIT ?13 OFFSET ?14",
           page));
  for (auto& t : rows) t["estimated_hours"] = FormatQuantity(Int(t, "estimated_hours"));
  Json out{{"items", rows}, {"limit", limit}, {"offset", offset}};
  if (with_total) {
    INVENTO_ASSIGN_OR_RETURN(auto total, FirstRow(db, "SELECT count(*) AS n" + kWhere, params));
    out["total"] = total ? Int(*total, "n") : 0;
  }
  return out;
}

}  // namespace

void RegisterTaskQueries(Registry& registry) {
  registry.Add(QueryDef{"task.get", &Get});
  registry.Add(QueryDef{"task.list", &List});
}

}  // namespace invento::maint
