#include "core/projects/project_costs.h"

#include "core/base/date.h"
#include "core/base/decimal.h"
#include "core/mutators/args.h"
#include "core/people/employees.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::projects {

using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::Rows;
using rows::Str;

namespace {

Json Pct(std::int64_t num, std::int64_t den, Json* bp_out) {
  if (den <= 0) {
    *bp_out = nullptr;
    return nullptr;
  }
  std::int64_t bp = BasisPoints(num, den);
  *bp_out = bp;
  return FormatBasisPoints(bp);
}

Result<Json> Cost(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json project, RequireLive(db, "projects", id, "id", "project"));
  INVENTO_ASSIGN_OR_RETURN(Json figures, ProjectFigures(db, id));
  INVENTO_ASSIGN_OR_RETURN(figures["cost_lines"],
                           Rows(db,
                                "SELECT id, label, amount_cents, incurred_on, note FROM "
                                "project_cost_lines WHERE project_id = ?"
                                " AND deleted = 0 ORDER BY incurred_on, id",
                                {Json(id)}));
  return figures;
}

Result<Json> Costs(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto status = r.OptionalEnum("status", {"draft", "active", "on_hold", "done", "cancelled"});
  auto client_id = r.OptionalId("client_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto projects,
      Rows(db,
           "SELECT id FROM projects WHERE deleted = 0 AND (?1 IS NULL OR status = ?1)"
           " AND (?2 IS NULL OR client_id = ?2) ORDER BY code_key, id",
           {OptJson(status), OptJson(client_id)}));
  Json items = Json::array();
  for (const auto& p : projects) {
    INVENTO_ASSIGN_OR_RETURN(Json f, ProjectFigures(db, Str(p, "id")));
    items.push_back(std::move(f));
  }
  return Json{{"items", items}};
}

}  // namespace

Result<Json> ProjectFigures(const db::Db& db, const std::string& project_id) {
  INVENTO_ASSIGN_OR_RETURN(Json project, RequireLive(db, "projects", project_id, "id", "project"));
  // Estimates in one aggregate, and the parts consumed on every task of the project in one
  // statement (the rows TaskConsumedValue reads per task, materials.cc), each valued as there.
  std::int64_t est_all = 0, est_done = 0;
  {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
        "SELECT coalesce(sum(estimated_hours) FILTER (WHERE status <> 'cancelled'), 0),"
        " coalesce(sum(estimated_hours) FILTER (WHERE status IN ('done', 'closed')), 0)"
        " FROM tasks WHERE project_id = ? AND deleted = 0"));
    st.Bind(1, std::string_view(project_id));
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) {
      est_all = st.Int(0);
      est_done = st.Int(1);
    }
  }
  std::int64_t materials = 0;
  {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
        "SELECT CASE WHEN m.kind = 'issue' THEN m.qty ELSE -m.qty END,"
        " coalesce(m.unit_cost_cents, 0)"
        " FROM tasks t JOIN stock_movements m ON m.task_id = t.id JOIN items i ON i.id = m.item_id"
        " WHERE t.project_id = ? AND t.deleted = 0 AND m.deleted = 0"
        " AND (m.kind = 'issue' OR (m.kind = 'adjustment' AND m.reverses_id IS NOT NULL))"));
    st.Bind(1, std::string_view(project_id));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      materials += ValueCents(st.Int(0), st.Int(1));
    }
  }
  INVENTO_ASSIGN_OR_RETURN(auto entries,
                           Rows(db,
                                "SELECT te.id, te.employee_id, te.work_date, te.hours FROM "
                                "time_entries te JOIN tasks t ON t.id = te.task_id"
                                " WHERE t.project_id = ? AND t.deleted = 0 AND te.deleted = 0 "
                                "ORDER BY te.work_date, te.id",
                                {Json(project_id)}));
  std::int64_t labour = 0, logged = 0;
  Json missing = Json::array();
  for (const auto& e : entries) {
    logged += Int(e, "hours");
    INVENTO_ASSIGN_OR_RETURN(auto rate,
                             people::RateAt(db, Str(e, "employee_id"), Str(e, "work_date")));
    if (!rate) {
      missing.push_back({{"time_entry_id", e["id"]},
                         {"employee_id", e["employee_id"]},
                         {"work_date", e["work_date"]}});
      continue;
    }
    labour += ValueCents(Int(e, "hours"), *rate);
  }
  INVENTO_ASSIGN_OR_RETURN(Json other,
                           db.QueryValue("SELECT coalesce(sum(amount_cents), 0) FROM "
                                         "project_cost_lines WHERE project_id = ? AND deleted = 0",
                                         {Json(project_id)}));
  const std::int64_t cost = materials + labour + other.get<std::int64_t>();
  const std::int64_t budget = Int(project, "budget_cents");
  Json consumed_bp, consumed_pct, progress_bp;
  if (budget > 0) consumed_pct = Pct(cost, budget, &consumed_bp);
  Json progress_pct = Pct(est_done, est_all, &progress_bp);
  Json forecast;
  if (est_done > 0) {
    Int128 num = static_cast<Int128>(cost) * est_all;
    Int128 rounded = num >= 0 ? (2 * num + est_done) / (2 * static_cast<Int128>(est_done))
                              : -((-2 * num + est_done) / (2 * static_cast<Int128>(est_done)));
    forecast = static_cast<std::int64_t>(rounded);
  }
  Json alerts = Json::array();
  if (budget > 0 && cost > budget) alerts.push_back("over_budget");
  if (budget > 0 && forecast.is_number_integer() && forecast.get<std::int64_t>() > budget) {
    alerts.push_back("forecast_over_budget");
  }
  return Json{{"project_id", project_id},
              {"code", project["code"]},
              {"name", project["name"]},
              {"status", project["status"]},
              {"budget_cents", budget},
              {"materials_cents", materials},
              {"labour_cents", labour},
              {"other_cents", other},
              {"cost_cents", cost},
              {"consumed_bp", consumed_bp},
              {"consumed_pct", consumed_pct},
              {"progress_bp", progress_bp},
              {"progress_pct", progress_pct},
              {"estimated_hours", FormatQuantity(est_all)},
              {"done_estimated_hours", FormatQuantity(est_done)},
              {"logged_hours", FormatQuantity(logged)},
              {"forecast_cents", forecast},
              {"alerts", alerts},
              {"missing_rates", missing}};
}

void RegisterProjectCosts(Registry& registry) {
  registry.Add(QueryDef{"project.cost", &Cost});
  registry.Add(QueryDef{"project.costs", &Costs});
}

}  // namespace invento::projects
