#include "core/maintenance/assignment_checks.h"

#include "core/base/date.h"
#include "core/maintenance/task_workflow.h"
#include "core/people/absences.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::OptStr;
using rows::RequireLive;
using rows::Rows;
using rows::StoredDate;

using rows::Str;

std::optional<Window> TaskWindow(const Json& task) {
  if (!task.contains("planned_start") || !task["planned_start"].is_number_integer())
    return std::nullopt;
  std::int64_t start = task["planned_start"].get<std::int64_t>();
  if (task.contains("planned_end") && task["planned_end"].is_number_integer()) {
    return Window{start, task["planned_end"].get<std::int64_t>()};
  }
  std::int64_t day = DayStartMs(DayOfMs(start));
  return Window{day, day + kDayMs};
}

std::optional<std::pair<std::string, std::string>> TaskDays(
    std::optional<std::int64_t> planned_start, std::optional<std::int64_t> planned_end,
    const std::optional<std::string>& due_date) {
  if (planned_start) {
    // As TaskWindow: without an end, the day of the start. The end is exclusive: a task
    // ending at midnight does not occupy the next day.
    const std::int64_t start = *planned_start;
    const std::int64_t end =
        planned_end ? *planned_end : DayStartMs(DayOfMs(start)) + kDayMs;
    return std::pair{FormatDate(DayOfMs(start)), FormatDate(DayOfMs(std::max(start, end - 1)))};
  }
  if (due_date) return std::pair{*due_date, *due_date};
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> TaskDays(const Json& task) {
  auto integer = [&](const char* k) -> std::optional<std::int64_t> {
    if (task.contains(k) && task[k].is_number_integer()) return task[k].get<std::int64_t>();
    return std::nullopt;
  };
  return TaskDays(integer("planned_start"), integer("planned_end"), OptStr(task, "due_date"));
}

Result<std::vector<Json>> EmployeeBookings(const db::Db& db, const std::string& employee_id,
                                           const std::optional<Window>& within) {
  // A task without an end occupies the day of its start (TaskWindow): it may overlap a window
  // if it starts less than a day before or after it. A task with an end overlaps it if it
  // starts before its end and ends after its start.
  // The employee's assignments drive the search (a few hundred at most, each a primary-key
  // lookup): `+t.status` keeps SQLite from walking every open task of the company through
  // the status index instead (0.45 ms natively for 2,000 open tasks; bench/task_update_bench).
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT t.id, t.title, t.status, t.planned_start, t.planned_end FROM tasks t"
           " WHERE t.deleted = 0 AND t.planned_start IS NOT NULL"
           " AND (?2 IS NULL OR (t.planned_start < ?3 + 86400000 AND (t.planned_end > ?2"
           "  OR (t.planned_end IS NULL AND t.planned_start > ?2 - 86400000))))"
           " AND +t.status IN ('planned', 'in_progress', 'on_hold') AND t.id IN ("
           "  SELECT task_id FROM task_assignees WHERE employee_id = ?1 AND deleted = 0"
           "  UNION SELECT a.task_id FROM task_assignees a JOIN team_members m ON m.team_id = "
           "a.team_id"
           "  JOIN teams tm ON tm.id = a.team_id"
           "  WHERE m.employee_id = ?1 AND a.deleted = 0 AND m.deleted = 0 AND tm.deleted = 0)"
           " ORDER BY t.planned_start, t.id",
           {Json(employee_id), within ? Json(within->start) : Json(), within ? Json(within->end) : Json()}));
  return rows;
}

Result<Json> EmployeeWarnings(const db::Db& db, const Json& task, const std::string& employee_id) {
  Json out = Json::array();
  INVENTO_ASSIGN_OR_RETURN(Json e,
                           RequireLive(db, "employees", employee_id, "employee_id", "employee"));
  const std::string name = Str(e, "name");
  auto days = TaskDays(task);
  if (!days) return out;
  INVENTO_ASSIGN_OR_RETURN(auto absences,
                           people::AbsencesOverlapping(db, employee_id, days->first, days->second));
  for (const auto& a : absences) {
    out.push_back({{"code", "absent"},
                   {"employee_id", employee_id},
                   {"employee", name},
                   {"absence_id", a["id"]},
                   {"kind", a["kind"]},
                   {"start_date", a["start_date"]},
                   {"end_date", a["end_date"]}});
  }
  if (auto w = TaskWindow(task)) {
    INVENTO_ASSIGN_OR_RETURN(auto bookings, EmployeeBookings(db, employee_id, w));
    for (const auto& other : bookings) {
      if (Str(other, "id") == Str(task, "id")) continue;
      auto ow = TaskWindow(other);
      if (ow && ow->start < w->end && w->start < ow->end) {
        out.push_back({{"code", "overlap"},
                       {"employee_id", employee_id},
                       {"employee", name},
                       {"task_id", other["id"]},
                       {"title", other["title"]},
                       {"planned_start", other["planned_start"]},
                       {"planned_end", other["planned_end"]}});
      }
    }
  }
  Json hours = Json::parse(Str(e, "working_hours"), nullptr, false);
  if (hours.is_array() && !hours.empty()) {
    Date first = StoredDate(days->first), last = StoredDate(days->second);
    for (std::int64_t d = DayNumber(first), n = 0; d <= DayNumber(last) && n < 366; ++d, ++n) {
      int wd = IsoWeekday(FromDayNumber(d));
      bool works = false;
      for (const auto& p : hours) works = works || p.value("weekday", 0) == wd;
      if (!works) {
        out.push_back({{"code", "not_working"},
                       {"employee_id", employee_id},
                       {"employee", name},
                       {"date", FormatDate(FromDayNumber(d))}});
      }
    }
  }
  return out;
}

Result<Json> AssignmentWarnings(const db::Db& db, const Json& task,
                                const std::vector<std::string>& employee_ids) {
  Json out = Json::array();
  for (const auto& id : employee_ids) {
    INVENTO_ASSIGN_OR_RETURN(Json w, EmployeeWarnings(db, task, id));
    for (auto& x : w) out.push_back(std::move(x));
  }
  return out;
}

}  // namespace invento::maint
