#include "core/maintenance/assets.h"

#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/rows/derived_id.h"
#include "core/maintenance/meters.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::DerivedId;

using rows::CheckDate;
using rows::FirstRow;
using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kDateRule;
using rows::kMaxTime;
using rows::kMinTime;
using rows::kNoteRule;

namespace {

const std::initializer_list<const char*> kKinds = {"site", "line", "machine", "component"};
const std::initializer_list<const char*> kStatuses = {"running", "degraded", "down", "retired"};
const std::initializer_list<const char*> kCriticality = {"low", "medium", "high", "critical"};
constexpr StringRule kName{.min = 1, .max = 120};
constexpr StringRule kShort{.min = 0, .max = 120};

int Rank(const std::string& kind) {
  int i = 0;
  for (const char* k : kKinds) {
    if (kind == k) return i;
    ++i;
  }
  return 0;
}

Status CheckParent(const WriteTx& tx, const std::string& id, const std::string& kind,
                   const std::optional<std::string>& parent_id) {
  if (!parent_id) return Status::Ok();
  INVENTO_ASSIGN_OR_RETURN(Json parent,
                           RequireLive(tx, "assets", *parent_id, "parent_id", "parent asset"));
  if (Rank(Str(parent, "kind")) >= Rank(kind)) {
    return Status::InvalidArgument("a " + kind + " cannot be placed under a " +
                                       Str(parent, "kind") + " (site > line > machine > component)",
                                   "parent_id");
  }
  INVENTO_ASSIGN_OR_RETURN(bool cycle,
                           rows::IsSelfOrDescendant(tx.db(), "assets", *parent_id, id));
  if (cycle) return Status::InvalidArgument("an asset cannot be moved under itself", "parent_id");
  return Status::Ok();
}

// Reads the optional descriptive fields present in args into row.
void ReadDetails(ArgReader& r, Json& row) {
  for (const char* f : {"serial_number", "manufacturer", "model"}) {
    if (r.Has(f)) row[f] = OptJson(r.OptionalString(f, kShort));
  }
  if (r.Has("code")) row["code"] = OptJson(r.OptionalString("code", {.min = 0, .max = 40}));
  if (r.Has("notes")) row["notes"] = OptJson(r.OptionalString("notes", kNoteRule));
  for (const char* f : {"location_id", "client_id"}) {
    if (r.Has(f)) row[f] = OptJson(r.OptionalId(f));
  }
  if (r.Has("commissioned_on"))
    row["commissioned_on"] = OptJson(r.OptionalString("commissioned_on", kDateRule));
  if (auto c = r.OptionalEnum("criticality", kCriticality)) row["criticality"] = *c;
}

Status CheckDetails(const WriteTx& tx, const Json& row) {
  if (row.contains("commissioned_on")) {
    INVENTO_ASSIGN_OR_RETURN(auto d, CheckDate(OptStr(row, "commissioned_on"), "commissioned_on"));
  }
  if (auto l = OptStr(row, "location_id")) {
    INVENTO_ASSIGN_OR_RETURN(Json loc, RequireLive(tx, "locations", *l, "location_id", "location"));
  }
  if (auto c = OptStr(row, "client_id")) {
    INVENTO_ASSIGN_OR_RETURN(Json client, RequireLive(tx, "clients", *c, "client_id", "client"));
  }
  return Status::Ok();
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string kind = r.Enum("kind", kKinds);
  std::string name = r.String("name", kName);
  auto parent_id = r.OptionalId("parent_id");
  std::string status = r.OptionalEnum("status", kStatuses).value_or("running");
  Json row{{"id", id}};
  ReadDetails(r, row);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "assets", id));
  INVENTO_RETURN_IF_ERROR(CheckParent(tx, id, kind, parent_id));
  INVENTO_RETURN_IF_ERROR(CheckDetails(tx, row));
  std::string key = FoldKey(name);
  INVENTO_RETURN_IF_ERROR(
      rows::RequireUniqueSiblingName(tx.db(), "assets", parent_id, key, id, name));
  row.update({{"kind", kind},
              {"name", name},
              {"name_key", key},
              {"parent_id", OptJson(parent_id)},
              {"status", status},
              {"archived", 0},
              {"deleted", 0}});
  INVENTO_RETURN_IF_ERROR(tx.Put("assets", row));
  INVENTO_RETURN_IF_ERROR(
      tx.Put("asset_status_events", Json{{"id", DerivedId("asset-status:" + id + ":initial")},
                                         {"asset_id", id},
                                         {"status", status},
                                         {"previous_status", nullptr},
                                         {"at", ctx.now_ms},
                                         {"actor_id", ctx.actor.user_id},
                                         {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto name = r.OptionalString("name", kName);
  bool move = r.Has("parent_id");
  auto parent_id = r.OptionalId("parent_id");
  Json row{{"id", id}};
  ReadDetails(r, row);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json asset, RequireLive(tx, "assets", id, "id", "asset"));
  auto final_parent = move ? parent_id : OptStr(asset, "parent_id");
  if (move) INVENTO_RETURN_IF_ERROR(CheckParent(tx, id, Str(asset, "kind"), final_parent));
  INVENTO_RETURN_IF_ERROR(CheckDetails(tx, row));
  std::string final_name = name.value_or(Str(asset, "name"));
  std::string key = FoldKey(final_name);
  INVENTO_RETURN_IF_ERROR(
      rows::RequireUniqueSiblingName(tx.db(), "assets", final_parent, key, id, final_name));
  row.update({{"name", final_name}, {"name_key", key}, {"parent_id", OptJson(final_parent)}});
  INVENTO_RETURN_IF_ERROR(tx.Put("assets", row));
  return Json{{"id", id}};
}

Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return rows::SetArchived(tx, args, "assets", "asset");
}

Result<Json> SetStatus(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string asset_id = r.Id("asset_id");
  std::string status = r.Enum("status", kStatuses);
  std::int64_t at = r.OptionalInt("at", kMinTime, kMaxTime).value_or(ctx.now_ms);
  auto task_id = r.OptionalId("task_id");
  auto note = r.OptionalString("note", {.min = 0, .max = 1000});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json asset, RequireLive(tx, "assets", asset_id, "asset_id", "asset"));
  if (task_id) {
    INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", *task_id, "task_id", "task"));
  }
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "asset_status_events", id));
  INVENTO_ASSIGN_OR_RETURN(auto prev, FirstRow(tx.db(),
                                               "SELECT status FROM asset_status_events WHERE "
                                               "asset_id = ? AND deleted = 0 AND (at, id) < (?, ?)"
                                               " ORDER BY at DESC, id DESC LIMIT 1",
                                               {Json(asset_id), Json(at), Json(id)}));
  if (prev && Str(*prev, "status") == status) {
    return Status::FailedPrecondition("the asset is already " + status + " at that time");
  }
  INVENTO_RETURN_IF_ERROR(
      tx.Put("asset_status_events", Json{{"id", id},
                                         {"asset_id", asset_id},
                                         {"status", status},
                                         {"previous_status", prev ? (*prev)["status"] : Json()},
                                         {"at", at},
                                         {"task_id", OptJson(task_id)},
                                         {"note", OptJson(note)},
                                         {"actor_id", ctx.actor.user_id},
                                         {"deleted", 0}}));
  INVENTO_ASSIGN_OR_RETURN(auto latest,
                           FirstRow(tx.db(),
                                    "SELECT status FROM asset_status_events WHERE asset_id = ? AND "
                                    "deleted = 0 ORDER BY at DESC, id DESC LIMIT 1",
                                    {Json(asset_id)}));
  INVENTO_RETURN_IF_ERROR(
      tx.Put("assets", Json{{"id", asset_id}, {"status", (*latest)["status"]}}));
  return Json{{"asset_id", asset_id}, {"status", (*latest)["status"]}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto parent_id = r.OptionalId("parent_id");
  auto location_id = r.OptionalId("location_id");
  auto status = r.OptionalEnum("status", kStatuses);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(
          db,
          "WITH RECURSIVE tree(id, depth, path) AS ("
          "  SELECT id, 0, name_key || char(1) || id FROM assets WHERE deleted = 0 AND (archived = "
          "0 OR ?1)"
          "  AND ((?2 IS NULL AND parent_id IS NULL) OR parent_id = ?2)"
          "  UNION ALL SELECT a.id, t.depth + 1, t.path || char(0) || a.name_key || char(1) || a.id"
          "  FROM assets a JOIN tree t ON a.parent_id = t.id WHERE a.deleted = 0 AND (a.archived = "
          "0 OR ?1)"
          "  AND t.depth < 64)"
          " SELECT a.id, a.parent_id, a.kind, a.name, a.code, a.location_id, a.client_id, "
          "a.criticality, a.status,"
          " a.archived, t.depth FROM tree t JOIN assets a ON a.id = t.id"
          " WHERE (?3 IS NULL OR a.location_id = ?3) AND (?4 IS NULL OR a.status = ?4) ORDER BY "
          "t.path",
          {Json(archived), OptJson(parent_id), OptJson(location_id), OptJson(status)}));
  for (auto& a : rows) a["archived"] = a["archived"] == 1;
  return Json{{"items", rows}};
}

Result<Json> Get(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json a, RequireLive(db, "assets", id, "id", "asset"));
  for (const char* c : {"name_key", "deleted", "version"}) a.erase(c);
  a["archived"] = a["archived"] == 1;
  INVENTO_ASSIGN_OR_RETURN(a["children"],
                           Rows(db,
                                "SELECT id, kind, name, status FROM assets WHERE parent_id = ? AND "
                                "deleted = 0 ORDER BY name_key, id",
                                {Json(id)}));
  INVENTO_ASSIGN_OR_RETURN(auto meters, Rows(db,
                                             "SELECT id, name, unit, archived FROM meters WHERE "
                                             "asset_id = ? AND deleted = 0 ORDER BY name_key, id",
                                             {Json(id)}));
  for (auto& m : meters) {
    INVENTO_ASSIGN_OR_RETURN(std::int64_t total, MeterTotal(db, Str(m, "id")));
    m["total"] = FormatQuantity(total);
    m["archived"] = m["archived"] == 1;
  }
  a["meters"] = meters;
  INVENTO_ASSIGN_OR_RETURN(
      a["status_history"],
      Rows(
          db,
          "SELECT id, status, previous_status, at, task_id, note, actor_id FROM asset_status_events"
          " WHERE asset_id = ? AND deleted = 0 ORDER BY at, id",
          {Json(id)}));
  INVENTO_ASSIGN_OR_RETURN(a["pm_plans"],
                           Rows(db,
                                "SELECT id, title, trigger_kind, active FROM pm_plans WHERE "
                                "asset_id = ? AND deleted = 0 ORDER BY title, id",
                                {Json(id)}));
  return a;
}

}  // namespace

void RegisterAssets(Registry& registry) {
  registry.Add(MutatorDef{"asset.create", &Create});
  registry.Add(MutatorDef{"asset.update", &Update});
  registry.Add(MutatorDef{"asset.archive", &Archive});
  registry.Add(MutatorDef{"asset.set_status", &SetStatus});
  registry.Add(QueryDef{"asset.list", &List});
  registry.Add(QueryDef{"asset.get", &Get});
}

}  // namespace invento::maint
