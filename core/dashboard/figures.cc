#include "core/dashboard/figures.h"

#include <map>
#include <set>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/dashboard/activity.h"
#include "core/maintenance/pm_queries.h"
#include "core/maintenance/reliability.h"
#include "core/mutators/args.h"
#include "core/projects/project_costs.h"
#include "core/rows/date_args.h"
#include "core/rows/rows.h"
#include "core/stock/alerts.h"
#include "core/stock/common.h"

namespace invento::dashboard {

using rows::CheckDate;
using rows::Int;
using rows::OptJson;
using rows::Rows;
using rows::StoredDate;
using rows::Str;
using rows::kDateRule;

namespace {

using maint::AssetReliability;
using maint::Compliance;
using maint::ComplianceJson;
using maint::PmCompliance;
using maint::Reliability;
using maint::ReliabilityJson;

// A registered query run by name as is: no permission check, unlike RunQuery
// (mutators/registry.h).
Result<Json> RunInternalQuery(const db::Db& db, std::string_view name, const Json& args,
                              const Actor& actor) {
  const QueryDef* q = Registry::Get().FindQuery(name);
  if (!q) return Status::Internal(std::string(name) + " is not registered");
  return q->run(db, args, actor);
}

// Filters of the stock figures: location_id (with what is inside it), category_id (with its
// subcategories).
Result<Json> StockByCategory(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  auto location_id = r.OptionalId("location_id");
  auto category_id = r.OptionalId("category_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  Json q{{"group_by", "category"}};
  if (location_id) q["location_id"] = *location_id;
  if (category_id) q["category_id"] = *category_id;
  return RunInternalQuery(db, "stock.value", q, actor);
}

// The count of items under their minimum, and the first kItemsShown of them (a widget shows
// a few lines and links to the filtered stock list for the rest).
constexpr std::size_t kItemsShown = 50;

Result<Json> ItemsUnderMin(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  auto location_id = r.OptionalId("location_id");
  auto category_id = r.OptionalId("category_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(stock::CheckScope(db, location_id, category_id));
  if (!location_id && !category_id) {
    // Unfiltered (the default layouts): the count in SQL, the first kItemsShown alerts.
    INVENTO_ASSIGN_OR_RETURN(Json listed,
                             RunInternalQuery(db, "alert.list",
                                              Json{{"include_acknowledged", true},
                                                   {"below_minimum_only", true},
                                                   {"limit", kItemsShown}},
                                              actor));
    Json& items = listed["alerts"];
    if (!listed["more"].get<bool>()) return Json{{"count", items.size()}, {"items", items}};
    INVENTO_ASSIGN_OR_RETURN(std::int64_t count, stock::CountUnderMinimum(db, actor));
    return Json{{"count", count}, {"items", std::move(items)}};
  }
  // The items and locations in scope (subtrees), when filtered.
  INVENTO_ASSIGN_OR_RETURN(
      auto in_scope,
      Rows(db,
           "SELECT 'l' AS k, id FROM " INVENTO_SQL_LOCATION_SUBTREE("?1") " WHERE ?1 IS NOT NULL"
           " UNION ALL SELECT 'i', i.id FROM items i WHERE ?2 IS NOT NULL AND i.category_id IN "
           INVENTO_SQL_CATEGORY_SUBTREE("?2"),
           {location_id ? Json(*location_id) : Json(), category_id ? Json(*category_id) : Json()}));
  std::set<std::string> locations, items_in_category;
  for (const auto& row : in_scope) {
    (Str(row, "k") == "l" ? locations : items_in_category).insert(Str(row, "id"));
  }
  INVENTO_ASSIGN_OR_RETURN(Json alerts,
                           RunInternalQuery(db, "alert.list",
                                            Json{{"include_acknowledged", true},
                                                 {"below_minimum_only", true}},
                                            actor));
  Json items = Json::array();
  std::int64_t count = 0;
  for (const auto& a : alerts["alerts"]) {
    if (a["kind"] != "under_min" && a["kind"] != "under_min_location") continue;
    if (location_id && !(a.contains("location_id") && a["location_id"].is_string() &&
                         locations.count(a["location_id"].get<std::string>()))) {
      continue;
    }
    if (category_id && !items_in_category.count(a.value("item_id", ""))) continue;
    ++count;
    if (items.size() < kItemsShown) items.push_back(a);
  }
  return Json{{"count", count}, {"items", items}};
}

Result<Json> ProjectsByStatus(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto client_id = r.OptionalId("client_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  Json rows = Json::array();
  for (const char* s : {"draft", "active", "on_hold", "done", "cancelled"}) {
    INVENTO_ASSIGN_OR_RETURN(Json n,
                             db.QueryValue("SELECT count(*) FROM projects WHERE deleted = 0 AND "
                                           "status = ?1 AND (?2 IS NULL OR client_id = ?2)",
                                           {Json(s), OptJson(client_id)}));
    rows.push_back({{"status", s}, {"count", n}});
  }
  return Json{{"rows", rows}};
}

Result<Json> Tasks(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto as_of_text = r.OptionalString("as_of", kDateRule);
  auto project_id = r.OptionalId("project_id");
  auto asset_id = r.OptionalId("asset_id");
  auto type =
      r.OptionalEnum("type", {"corrective", "preventive", "inspection", "installation", "other"});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto as_of_opt, CheckDate(as_of_text, "as_of"));
  const std::string as_of = as_of_opt.value_or(FormatDate(DayOfMs(NowMs())));
  // Only the filters given (unfiltered, the counts read the live-status index, schema/0010).
  const std::string from_where = std::string(" FROM tasks WHERE deleted = 0") +
                                 (project_id ? " AND project_id = ?1" : " AND ?1 IS NULL") +
                                 (asset_id ? " AND asset_id = ?2" : " AND ?2 IS NULL") +
                                 (type ? " AND type = ?3" : " AND ?3 IS NULL");
  INVENTO_ASSIGN_OR_RETURN(
      auto counts,
      Rows(db, "SELECT status, count(*) AS count" + from_where + " GROUP BY status",
           {OptJson(project_id), OptJson(asset_id), OptJson(type)}));
  Json by_status = Json::array();
  std::int64_t in_progress = 0, on_hold = 0;
  for (std::string_view s :
       {"draft", "planned", "in_progress", "on_hold", "done", "closed", "cancelled"}) {
    std::int64_t n = 0;
    for (const auto& c : counts) {
      if (Str(c, "status") == s) n = Int(c, "count");
    }
    if (s == "in_progress") in_progress = n;
    if (s == "on_hold") on_hold = n;
    by_status.push_back({{"status", s}, {"count", n}});
  }
  const std::string overdue_where =
      from_where + " AND due_date < ?4 AND status NOT IN ('done', 'closed', 'cancelled')";
  INVENTO_ASSIGN_OR_RETURN(Json overdue, db.QueryValue("SELECT count(*)" + overdue_where,
                                                       {OptJson(project_id), OptJson(asset_id),
                                                        OptJson(type), Json(as_of)}));
  INVENTO_ASSIGN_OR_RETURN(
      auto items, Rows(db,
                       "SELECT id, title, status, priority, due_date" + overdue_where +
                           " ORDER BY due_date, id LIMIT 20",
                       {OptJson(project_id), OptJson(asset_id), OptJson(type), Json(as_of)}));
  return Json{{"by_status", by_status},
              {"in_progress", in_progress},
              {"on_hold", on_hold},
              {"overdue", overdue},
              {"overdue_items", items}};
}

Result<Json> CostVsBudget(const db::Db& db, const Json& args, const Actor& actor) {
  INVENTO_ASSIGN_OR_RETURN(Json costs, RunInternalQuery(db, "project.costs", args, actor));
  Json items = Json::array();
  std::int64_t budget = 0, cost = 0;
  for (const auto& f : costs["items"]) {
    budget += f["budget_cents"].get<std::int64_t>();
    cost += f["cost_cents"].get<std::int64_t>();
    Json o = Json::object();
    for (const char* k : {"project_id", "code", "name", "status", "budget_cents", "cost_cents",
                          "forecast_cents", "consumed_pct", "progress_pct", "alerts"}) {
      o[k] = f[k];
    }
    items.push_back(std::move(o));
  }
  return Json{{"items", items}, {"total_budget_cents", budget}, {"total_cost_cents", cost}};
}

Result<Json> WorkOrders(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool open_only = r.Bool("open_only", false);
  auto project_id = r.OptionalId("project_id");
  auto asset_id = r.OptionalId("asset_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT type, priority, count(*) AS count FROM tasks WHERE deleted = 0 AND status <> "
           "'cancelled'"
           " AND (NOT ?1 OR status NOT IN ('done', 'closed')) AND (?2 IS NULL OR project_id = ?2)"
           " AND (?3 IS NULL OR asset_id = ?3) GROUP BY type, priority ORDER BY type, priority",
           {Json(open_only), OptJson(project_id), OptJson(asset_id)}));
  std::map<std::string, std::int64_t> by_type, by_priority;
  std::int64_t total = 0;
  for (const auto& row : rows) {
    by_type[Str(row, "type")] += Int(row, "count");
    by_priority[Str(row, "priority")] += Int(row, "count");
    total += Int(row, "count");
  }
  Json types = Json::array(), priorities = Json::array();
  for (const char* t : {"corrective", "preventive", "inspection", "installation", "other"}) {
    types.push_back({{"type", t}, {"count", by_type[t]}});
  }
  for (const char* p : {"urgent", "high", "normal", "low"}) {
    priorities.push_back({{"priority", p}, {"count", by_priority[p]}});
  }
  return Json{{"rows", rows}, {"by_type", types}, {"by_priority", priorities}, {"total", total}};
}

Result<Json> MaintenanceKpis(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  auto as_of_text = r.OptionalString("as_of", kDateRule);
  auto asset_id = r.OptionalId("asset_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto from_opt, CheckDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(auto to_opt, CheckDate(to_text, "to"));
  INVENTO_ASSIGN_OR_RETURN(auto as_of, CheckDate(as_of_text, "as_of"));
  const std::string today = FormatDate(DayOfMs(NowMs()));
  const std::string to = to_opt.value_or(as_of.value_or(today));
  const std::string from = from_opt.value_or(FormatDate(AddDays(StoredDate(to), -364)));
  if (to < from) return Status::InvalidArgument("to is before from", "to");
  const std::int64_t from_ms = DayStartMs(StoredDate(from));
  const std::int64_t to_ms = DayStartMs(AddDays(StoredDate(to), 1));
  INVENTO_ASSIGN_OR_RETURN(
      auto assets,
      Rows(db, "SELECT id FROM assets WHERE deleted = 0 AND (?1 IS NULL OR id = ?1) ORDER BY id",
           {OptJson(asset_id)}));
  Reliability total;
  for (const auto& a : assets) {
    INVENTO_ASSIGN_OR_RETURN(Reliability rel, AssetReliability(db, Str(a, "id"), from_ms, to_ms));
    total += rel;
  }
  INVENTO_ASSIGN_OR_RETURN(
      Compliance c, PmCompliance(db, from, to, as_of.value_or(today), asset_id, std::nullopt));
  return Json{{"reliability", ReliabilityJson(total)}, {"compliance", ComplianceJson(c)}};
}

}  // namespace

const std::vector<std::string_view>& DataSources() {
  static const std::vector<std::string_view> k{
      "dashboard.stock_by_category",  "dashboard.items_under_min",
      "dashboard.projects_by_status", "dashboard.tasks",
      "dashboard.cost_vs_budget",     "dashboard.work_orders",
      "dashboard.maintenance_kpis",   "dashboard.movements",
      "dashboard.workload"};
  return k;
}

void RegisterFigures(Registry& registry) {
  registry.Add(QueryDef{"dashboard.stock_by_category", &StockByCategory});
  registry.Add(QueryDef{"dashboard.items_under_min", &ItemsUnderMin});
  registry.Add(QueryDef{"dashboard.projects_by_status", &ProjectsByStatus});
  registry.Add(QueryDef{"dashboard.tasks", &Tasks});
  registry.Add(QueryDef{"dashboard.cost_vs_budget", &CostVsBudget});
  registry.Add(QueryDef{"dashboard.work_orders", &WorkOrders});
  registry.Add(QueryDef{"dashboard.movements", &Movements});
  registry.Add(QueryDef{"dashboard.workload", &Workload});
  registry.Add(QueryDef{"dashboard.maintenance_kpis", &MaintenanceKpis});
}

}  // namespace invento::dashboard
