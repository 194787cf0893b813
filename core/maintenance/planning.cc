#include "core/maintenance/planning.h"

#include <map>
#include <set>

#include "core/base/date.h"
#include "core/maintenance/assignment_checks.h"
#include "core/maintenance/task_access.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/people/absences.h"
#include "core/people/teams.h"
#include "core/rows/date_args.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::CheckRequiredDate;
using rows::Int;
using rows::OptJson;
using rows::OptStr;
using rows::Rows;
using rows::StoredDate;
using rows::Str;
using rows::kDateRule;

namespace {

struct Filters {
  std::string from, to;
  std::optional<std::string> employee_id, team_id, asset_id, site_id;
  bool any_subject() const { return employee_id || team_id || asset_id || site_id; }
};

// Tasks matching the subject filters (the date range is applied by the caller, on the days
// each task occupies). ?1 is unused: parameters keep the numbering of the filters.
Result<std::vector<Json>> CandidateTasks(const db::Db& db, const Filters& f) {
  return Rows(
      db,
      "WITH RECURSIVE below(id, n) AS (SELECT ?4, 0 WHERE ?4 IS NOT NULL"
      "  UNION ALL SELECT a.id, below.n + 1 FROM assets a JOIN below ON a.parent_id = below.id"
      "  WHERE a.deleted = 0 AND below.n < 64),"
      " people(id) AS (SELECT ?2 WHERE ?2 IS NOT NULL UNION SELECT employee_id FROM team_members"
      "  WHERE team_id = ?3 AND deleted = 0)"
      " SELECT t.* FROM tasks t WHERE t.deleted = 0 AND t.status <> 'cancelled'"
      " AND (t.planned_start IS NOT NULL OR t.due_date IS NOT NULL)"
      " AND (?2 IS NULL AND ?3 IS NULL OR t.id IN ("
      "   SELECT task_id FROM task_assignees WHERE deleted = 0 AND (employee_id IN people OR "
      "team_id = ?3)"
      "   UNION SELECT a.task_id FROM task_assignees a JOIN team_members m ON m.team_id = a.team_id"
      "   WHERE a.deleted = 0 AND m.deleted = 0 AND m.employee_id IN people))"
      " AND (?4 IS NULL OR t.asset_id IN (SELECT id FROM below))"
      " AND (?5 IS NULL OR t.location_id = ?5 OR t.asset_id IN (SELECT id FROM assets WHERE "
      "location_id = ?5))"
      " ORDER BY t.planned_start IS NULL, t.planned_start, t.due_date, t.id",
      {Json(f.from), OptJson(f.employee_id), OptJson(f.team_id), OptJson(f.asset_id),
       OptJson(f.site_id)});
}

Result<Json> Range(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  Filters f;
  f.employee_id = r.OptionalId("employee_id");
  f.team_id = r.OptionalId("team_id");
  f.asset_id = r.OptionalId("asset_id");
  f.site_id = r.OptionalId("site_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(f.from, CheckRequiredDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(f.to, CheckRequiredDate(to_text, "to"));
  if (f.to < f.from) return Status::InvalidArgument("to is before from", "to");
  if (DayNumber(StoredDate(f.to)) - DayNumber(StoredDate(f.from)) > 366) {
    return Status::InvalidArgument("a planning range covers at most 366 days", "to");
  }
  INVENTO_ASSIGN_OR_RETURN(auto candidates, CandidateTasks(db, f));
  Json tasks = Json::array();
  std::set<std::string> employees, project_ids;
  std::map<std::string, Json> listed;  // id -> task row
  for (const auto& t : candidates) {
    auto days = TaskDays(t);
    if (!days || days->second < f.from || days->first > f.to) continue;
    INVENTO_ASSIGN_OR_RETURN(auto emps, TaskEmployees(db, Str(t, "id")));
    INVENTO_ASSIGN_OR_RETURN(auto teams, Rows(db,
                                              "SELECT team_id FROM task_assignees WHERE task_id = "
                                              "? AND deleted = 0 AND team_id IS NOT NULL"
                                              " ORDER BY team_id",
                                              {t["id"]}));
    Json team_ids = Json::array();
    for (const auto& tm : teams) team_ids.push_back(tm["team_id"]);
    employees.insert(emps.begin(), emps.end());
    if (auto p = OptStr(t, "project_id")) project_ids.insert(*p);
    listed[Str(t, "id")] = t;
    tasks.push_back({{"id", t["id"]},
                     {"title", t["title"]},
                     {"status", t["status"]},
                     {"type", t["type"]},
                     {"priority", t["priority"]},
                     {"project_id", t["project_id"]},
                     {"asset_id", t["asset_id"]},
                     {"location_id", t["location_id"]},
                     {"planned_start", t["planned_start"]},
                     {"planned_end", t["planned_end"]},
                     {"due_date", t["due_date"]},
                     {"first_day", days->first},
                     {"last_day", days->second},
                     {"employees", emps},
                     {"teams", team_ids}});
  }
  // People whose absences matter: the filtered ones, or those of the listed tasks.
  std::set<std::string> people = employees;
  if (f.employee_id) people.insert(*f.employee_id);
  if (f.team_id) {
    INVENTO_ASSIGN_OR_RETURN(auto members, people::TeamMembers(db, *f.team_id));
    people.insert(members.begin(), members.end());
  }
  INVENTO_ASSIGN_OR_RETURN(
      auto all_absences,
      Rows(db,
           "SELECT a.id, a.employee_id, e.name AS employee, a.kind, a.start_date, a.end_date FROM "
           "absences a"
           " JOIN employees e ON e.id = a.employee_id WHERE a.deleted = 0 AND e.deleted = 0"
           " AND a.end_date >= ? AND a.start_date <= ? ORDER BY a.start_date, e.name_key, a.id",
           {Json(f.from), Json(f.to)}));
  Json absences = Json::array();
  for (const auto& a : all_absences) {
    if (!f.any_subject() || people.count(Str(a, "employee_id"))) absences.push_back(a);
  }
  INVENTO_ASSIGN_OR_RETURN(
      auto all_projects,
      Rows(db,
           "SELECT id, code, name, status, start_date, end_date FROM projects WHERE deleted = 0"
           " AND status <> 'cancelled' AND (start_date IS NULL OR start_date <= ?2)"
           " AND (end_date IS NULL OR end_date >= ?1) AND (start_date IS NOT NULL OR end_date IS "
           "NOT NULL)"
           " ORDER BY start_date, code_key, id",
           {Json(f.from), Json(f.to)}));
  Json projects = Json::array();
  for (const auto& p : all_projects) {
    if (!f.any_subject() || project_ids.count(Str(p, "id"))) projects.push_back(p);
  }
  // Conflicts of the employees of the listed tasks.
  Json conflicts = Json::array();
  // Only bookings that may overlap the range can overlap a listed task; they come ordered by
  // planned_start, so the pairs of one booking stop at the first that starts (less a day:
  // a task without an end occupies its whole day) after it ends.
  const Window range{DayStartMs(StoredDate(f.from)), DayStartMs(StoredDate(f.to)) + kDayMs};
  for (const auto& e : employees) {
    INVENTO_ASSIGN_OR_RETURN(auto bookings, EmployeeBookings(db, e, range));
    for (std::size_t i = 0; i < bookings.size(); ++i) {
      const auto a = TaskWindow(bookings[i]);
      for (std::size_t j = i + 1; j < bookings.size(); ++j) {
        if (a && Int(bookings[j], "planned_start") - kDayMs >= a->end) break;
        auto b = TaskWindow(bookings[j]);
        bool shown = listed.count(Str(bookings[i], "id")) || listed.count(Str(bookings[j], "id"));
        if (shown && a && b && a->start < b->end && b->start < a->end) {
          conflicts.push_back({{"kind", "overlap"},
                               {"employee_id", e},
                               {"task_ids", {bookings[i]["id"], bookings[j]["id"]}}});
        }
      }
    }
    for (const auto& [id, t] : listed) {
      if (!IsBookingStatus(Str(t, "status"))) continue;
      INVENTO_ASSIGN_OR_RETURN(bool assigned, EmployeeIsAssigned(db, e, id));
      auto days = TaskDays(t);
      if (!assigned || !days) continue;
      INVENTO_ASSIGN_OR_RETURN(auto absent,
                               people::AbsencesOverlapping(db, e, days->first, days->second));
      for (const auto& a : absent) {
        conflicts.push_back(
            {{"kind", "absent"}, {"employee_id", e}, {"task_id", id}, {"absence_id", a["id"]}});
      }
    }
  }
  return Json{
      {"tasks", tasks}, {"projects", projects}, {"absences", absences}, {"conflicts", conflicts}};
}

}  // namespace

void RegisterPlanning(Registry& registry) { registry.Add(QueryDef{"planning.range", &Range}); }

}  // namespace invento::maint
