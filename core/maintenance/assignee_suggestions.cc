#include "core/maintenance/assignee_suggestions.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/maintenance/assignment_checks.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::Int;
using rows::RequireLive;
using rows::Rows;
using rows::Str;

namespace {

struct Candidate {
  Json out;
  bool all_skills = false, available = false;
  std::int64_t skill_score = 0, open_tasks = 0;
  std::string name_key, id;
};

Result<Json> Suggest(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string task_id = r.Id("task_id");
  std::int64_t limit = r.OptionalInt("limit", 1, 500).value_or(10);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(db, "tasks", task_id, "task_id", "task"));
  INVENTO_ASSIGN_OR_RETURN(auto required, Rows(db,
                                               "SELECT ts.skill_id, s.name, ts.min_level FROM "
                                               "task_skills ts JOIN skills s ON s.id = ts.skill_id"
                                               " WHERE ts.task_id = ? AND ts.deleted = 0 AND "
                                               "s.deleted = 0 ORDER BY s.name_key, ts.skill_id",
                                               {Json(task_id)}));
  INVENTO_ASSIGN_OR_RETURN(auto employees,
                           Rows(db,
                                "SELECT id, name, name_key FROM employees WHERE deleted = 0 AND "
                                "archived = 0 ORDER BY name_key, id"));
  std::vector<Candidate> candidates;
  for (const auto& e : employees) {
    Candidate c;
    c.id = Str(e, "id");
    c.name_key = Str(e, "name_key");
    INVENTO_ASSIGN_OR_RETURN(auto levels,
                             Rows(db,
                                  "SELECT skill_id, max(level) AS level FROM employee_skills WHERE "
                                  "employee_id = ? AND deleted = 0"
                                  " GROUP BY skill_id",
                                  {Json(c.id)}));
    std::map<std::string, std::int64_t> have;
    for (const auto& l : levels) have[Str(l, "skill_id")] = Int(l, "level");
    Json missing = Json::array();
    std::int64_t met = 0;
    for (const auto& s : required) {
      std::int64_t level = have.count(Str(s, "skill_id")) ? have[Str(s, "skill_id")] : 0;
      c.skill_score += level;
      if (level >= Int(s, "min_level")) {
        ++met;
      } else {
        missing.push_back({{"skill_id", s["skill_id"]},
                           {"name", s["name"]},
                           {"min_level", s["min_level"]},
                           {"level", level}});
      }
    }
    c.all_skills = met == static_cast<std::int64_t>(required.size());
    INVENTO_ASSIGN_OR_RETURN(Json warnings, EmployeeWarnings(db, task, c.id));
    c.available = warnings.empty();
    INVENTO_ASSIGN_OR_RETURN(
        Json open, db.QueryValue("SELECT count(*) FROM tasks t WHERE t.deleted = 0 AND t.status IN "
                                 "('planned', 'in_progress', 'on_hold')"
                                 " AND t.id IN (SELECT task_id FROM task_assignees WHERE "
                                 "employee_id = ?1 AND deleted = 0"
                                 "  UNION SELECT a.task_id FROM task_assignees a JOIN team_members "
                                 "m ON m.team_id = a.team_id"
                                 "  WHERE m.employee_id = ?1 AND a.deleted = 0 AND m.deleted = 0)",
                                 {Json(c.id)}));
    c.open_tasks = open.get<std::int64_t>();
    c.out = {{"employee_id", c.id},       {"name", e["name"]},
             {"skills_met", met},         {"skills_required", required.size()},
             {"missing", missing},        {"skill_score", c.skill_score},
             {"available", c.available},  {"warnings", warnings},
             {"open_tasks", c.open_tasks}};
    candidates.push_back(std::move(c));
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tuple(!a.all_skills, !a.available, -a.skill_score, a.open_tasks, a.name_key, a.id) <
           std::tuple(!b.all_skills, !b.available, -b.skill_score, b.open_tasks, b.name_key, b.id);
  });
  Json items = Json::array();
  for (const auto& c : candidates) {
    if (static_cast<std::int64_t>(items.size()) >= limit) break;
    items.push_back(c.out);
  }
  return Json{{"items", items}};
}

}  // namespace

void RegisterAssigneeSuggestions(Registry& registry) {
  registry.Add(QueryDef{"task.suggest_assignees", &Suggest});
}

}  // namespace invento::maint
