#include "core/dashboard/widgets.h"

#include <algorithm>

#include "core/dashboard/figures.h"
#include "core/maintenance/common.h"

namespace invento::dashboard {
namespace {

using namespace maint;  // NOLINT: shared helpers

const std::initializer_list<const char*> kTypes = {"number", "bar", "pie", "line", "table", "list"};

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
  return Json{{"items", rows}};
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
  registry.Add(QueryDef{"dashboard.widgets", &List});
  registry.Add(QueryDef{"dashboard.widget_data", &Data});
}

}  // namespace invento::dashboard
