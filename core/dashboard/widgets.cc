#include "core/dashboard/widgets.h"

#include <algorithm>

#include "core/dashboard/figures.h"
#include "core/rows/derived_id.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::dashboard {

using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;

namespace {

using rows::DerivedId;

const std::initializer_list<const char*> kTypes = {"number", "bar", "pie", "doughnut", "line", "table", "list"};

bool IsDataSource(const std::string& s) {
  const auto& all = DataSources();
  return std::find(all.begin(), all.end(), s) != all.end();
}

// Runs the data source with the filters: they must be accepted as its arguments.
Status CheckFilters(const db::Db& db, const std::string& source, const Json& filters,
                    const Actor& actor) {
  if (!filters.is_object() || filters.dump().size() > 2000) {
    return Status::InvalidArgument("filters must be an object of at most 2000 bytes", "filters");
  }
  const QueryDef* q = Registry::Get().FindQuery(source);
  if (!q) return Status::Internal(source + " is not registered");
  auto result = q->run(db, filters, actor);
  if (!result.ok() && result.status().code() == Code::kInvalidArgument) {
    return Status::InvalidArgument(
        "filters rejected by " + source + ": " + result.status().message(), "filters");
  }
  return result.ok() || result.status().code() == Code::kNotFound ? Status::Ok() : result.status();
}

Result<Json> Write(WriteTx& tx, const Json& args, const MutationContext& ctx, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto type = create ? std::optional(r.Enum("type", kTypes)) : r.OptionalEnum("type", kTypes);
  auto source = create ? std::optional(r.String("data_source", {.min = 1, .max = 64}))
                       : r.OptionalString("data_source", {.min = 1, .max = 64});
  bool has_title = r.Has("title");
  auto title = r.OptionalString("title", {.min = 0, .max = 120});
  const Json* filters = r.Raw("filters");
  auto position = r.OptionalInt("position", 0, 1000);
  auto width = r.OptionalInt("width", 1, 12);
  auto height = r.OptionalInt("height", 1, 12);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (source && !IsDataSource(*source)) {
    return Status::InvalidArgument("data_source must be one of the dashboard.* figures",
                                   "data_source");
  }
  Json existing;
  if (create) {
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "dashboard_widgets", id));
  } else {
    INVENTO_ASSIGN_OR_RETURN(existing, RequireLive(tx, "dashboard_widgets", id, "id", "widget"));
    if (Str(existing, "user_id") != ctx.actor.user_id &&
        !IsAllowed(ctx.actor.role, "cap.widget.others")) {
      return Status::Forbidden("this widget belongs to another user's dashboard");
    }
  }
  const std::string final_source = source.value_or(Str(existing, "data_source"));
  Json final_filters = filters  ? *filters
                       : create ? Json::object()
                                : Json::parse(Str(existing, "filters"), nullptr, false);
  if (filters || source)
    INVENTO_RETURN_IF_ERROR(CheckFilters(tx.db(), final_source, final_filters, ctx.actor));
  Json row{{"id", id}};
  if (create) {
    if (!position) {
      INVENTO_ASSIGN_OR_RETURN(
          Json next, tx.db().QueryValue("SELECT coalesce(max(position) + 1, 0) FROM "
                                        "dashboard_widgets WHERE user_id = ? AND deleted = 0",
                                        {Json(ctx.actor.user_id)}));
      position = std::min<std::int64_t>(next.get<std::int64_t>(), 1000);
    }
    row.update({{"user_id", ctx.actor.user_id}, {"deleted", 0}});
  }
  if (type) row["type"] = *type;
  if (source) row["data_source"] = *source;
  if (has_title) row["title"] = OptJson(title);
  if (filters || create) row["filters"] = final_filters.dump();
  if (position) row["position"] = *position;
  if (width) row["width"] = *width;
  if (height) row["height"] = *height;
  INVENTO_RETURN_IF_ERROR(tx.Put("dashboard_widgets", row));
  return Json{{"id", id}};
}

// The default layout of a role: {type, data_source, filters, width} in order.
struct DefaultWidget {
  const char* type;
  const char* source;
  const char* filters;
  int width;
};
const std::vector<DefaultWidget>& DefaultsFor(Role role) {
  static const std::vector<DefaultWidget> kOffice{
      {"number", "dashboard.items_under_min", "{}", 4},
      {"number", "dashboard.tasks", "{}", 4},
      {"number", "dashboard.maintenance_kpis", "{}", 4},
      {"bar", "dashboard.tasks", "{}", 6},
      {"doughnut", "dashboard.stock_by_category", "{}", 6},
      {"line", "dashboard.movements", "{\"bucket\":\"day\"}", 6},
      {"bar", "dashboard.workload", "{}", 6},
      {"table", "dashboard.cost_vs_budget", "{}", 12}};
  static const std::vector<DefaultWidget> kTechnician{
      {"number", "dashboard.items_under_min", "{}", 6},
      {"bar", "dashboard.workload", "{}", 6},
      {"list", "dashboard.items_under_min", "{}", 6},
      {"line", "dashboard.movements", "{\"bucket\":\"day\"}", 6}};
  static const std::vector<DefaultWidget> kConsultant{
      {"number", "dashboard.maintenance_kpis", "{}", 4},
      {"number", "dashboard.tasks", "{}", 4},
      {"number", "dashboard.items_under_min", "{}", 4},
      {"doughnut", "dashboard.stock_by_category", "{}", 6},
      {"line", "dashboard.movements", "{\"bucket\":\"week\"}", 6},
      {"table", "dashboard.cost_vs_budget", "{}", 12}};
  if (role == Role::kTechnician) return kTechnician;
  if (role == Role::kConsultant) return kConsultant;
  return kOffice;
}

Json DefaultRow(const DefaultWidget& w, std::size_t position, const std::string& id) {
  return Json{{"id", id},
              {"type", w.type},
              {"data_source", w.source},
              {"title", nullptr},
              {"filters", Json::parse(w.filters)},
              {"position", position},
              {"width", w.width},
              {"height", 1}};
}

// Replaces the actor's widgets by the role's default layout, as widgets of their own; their
// ids derive from the mutation's id so that the device and the server create the same rows.
Result<Json> Reset(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto mine, Rows(tx.db(),
                                           "SELECT id FROM dashboard_widgets WHERE user_id = ? "
                                           "AND deleted = 0",
                                           {Json(ctx.actor.user_id)}));
  for (const auto& w : mine) INVENTO_RETURN_IF_ERROR(tx.Del("dashboard_widgets", Str(w, "id")));
  Json ids = Json::array();
  const auto& defaults = DefaultsFor(ctx.actor.role);
  for (std::size_t i = 0; i < defaults.size(); ++i) {
    const std::string widget_id = DerivedId("widget:" + id + ":" + std::to_string(i));
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "dashboard_widgets", widget_id));
    Json row = DefaultRow(defaults[i], i, widget_id);
    row["filters"] = row["filters"].dump();
    row.update({{"user_id", ctx.actor.user_id}, {"deleted", 0}});
    INVENTO_RETURN_IF_ERROR(tx.Put("dashboard_widgets", row));
    ids.push_back(row["id"]);
  }
  return Json{{"ids", ids}};
}

Result<Json> Add(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  return Write(tx, args, ctx, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  return Write(tx, args, ctx, false);
}

Result<Json> Remove(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json w, RequireLive(tx, "dashboard_widgets", id, "id", "widget"));
  if (Str(w, "user_id") != ctx.actor.user_id &&
      !IsAllowed(ctx.actor.role, "cap.widget.others")) {
    return Status::Forbidden("this widget belongs to another user's dashboard");
  }
  INVENTO_RETURN_IF_ERROR(tx.Del("dashboard_widgets", id));
  return Json{{"id", id}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto rows,
                           Rows(db,
                                "SELECT id, type, data_source, title, filters, position, width, "
                                "height FROM dashboard_widgets"
                                " WHERE user_id = ? AND deleted = 0 ORDER BY position, id",
                                {Json(actor.user_id)}));
  for (auto& w : rows) w["filters"] = Json::parse(Str(w, "filters"), nullptr, false);
  if (!rows.empty()) return Json{{"items", rows}, {"defaults", false}};
  // No widget of their own: the role's default layout, drawn from its sources directly.
  Json items = Json::array();
  const auto& defaults = DefaultsFor(actor.role);
  for (std::size_t i = 0; i < defaults.size(); ++i) {
    items.push_back(DefaultRow(defaults[i], i, "default-" + std::to_string(i + 1)));
  }
  return Json{{"items", items}, {"defaults", true}};
}

Result<Json> Data(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json w, RequireLive(db, "dashboard_widgets", id, "id", "widget"));
  if (Str(w, "user_id") != actor.user_id && !IsAllowed(actor.role, "cap.widget.others")) {
    return Status::Forbidden("this widget belongs to another user's dashboard");
  }
  const QueryDef* q = Registry::Get().FindQuery(Str(w, "data_source"));
  if (!q) return Status::FailedPrecondition("the widget's data source no longer exists");
  return q->run(db, Json::parse(Str(w, "filters"), nullptr, false), actor);
}

}  // namespace

void RegisterWidgets(Registry& registry) {
  registry.Add(MutatorDef{"dashboard.widget_add", &Add});
  registry.Add(MutatorDef{"dashboard.widget_update", &Update});
  registry.Add(MutatorDef{"dashboard.widget_remove", &Remove});
  registry.Add(MutatorDef{"dashboard.reset", &Reset});
  registry.Add(QueryDef{"dashboard.widgets", &List});
  registry.Add(QueryDef{"dashboard.widget_data", &Data});
}

}  // namespace invento::dashboard
