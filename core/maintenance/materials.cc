#include "core/maintenance/materials.h"

#include <map>

#include "core/base/decimal.h"
#include "core/maintenance/task_access.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"
#include "core/stock/ledger.h"

namespace invento::maint {

using rows::FirstRow;
using rows::Int;
using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;

namespace {

constexpr StringRule kNote{.min = 0, .max = 1000};

// Net consumption movements of a task: issues (+) and reversals of issues (−).
constexpr const char* kConsumedSql =
    "SELECT m.id AS movement_id, m.item_id, i.reference, coalesce(m.from_location_id, "
    "m.to_location_id)"
    " AS location_id, CASE WHEN m.kind = 'issue' THEN m.qty ELSE -m.qty END AS qty,"
    " coalesce(m.unit_cost_cents, 0) AS unit_cost_cents, m.occurred_at, m.reverses_id IS NOT NULL "
    "AS reversal"
    " FROM stock_movements m JOIN items i ON i.id = m.item_id"
    " WHERE m.task_id = ? AND m.deleted = 0"
    " AND (m.kind = 'issue' OR (m.kind = 'adjustment' AND m.reverses_id IS NOT NULL))"
    " ORDER BY m.occurred_at, m.id";

Result<Json> Plan(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string task_id = r.Id("task_id");
  std::string item_id = r.Id("item_id");
  std::string location_id = r.Id("location_id");
  std::int64_t qty = r.Quantity("qty");
  auto note = r.OptionalString("note", kNote);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (qty <= 0) return Status::InvalidArgument("qty must be greater than zero", "qty");
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  INVENTO_ASSIGN_OR_RETURN(Json item, RequireLive(tx, "items", item_id, "item_id", "item"));
  INVENTO_ASSIGN_OR_RETURN(Json loc,
                           RequireLive(tx, "locations", location_id, "location_id", "location"));
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "task_materials", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("task_materials", Json{{"id", id},
                                                        {"task_id", task_id},
                                                        {"item_id", item_id},
                                                        {"location_id", location_id},
                                                        {"qty", qty},
                                                        {"note", OptJson(note)},
                                                        {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> UpdatePlanned(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto qty = r.OptionalQuantity("qty");
  auto location_id = r.OptionalId("location_id");
  bool has_note = r.Has("note");
  auto note = r.OptionalString("note", kNote);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (qty && *qty <= 0) return Status::InvalidArgument("qty must be greater than zero", "qty");
  INVENTO_ASSIGN_OR_RETURN(Json line,
                           RequireLive(tx, "task_materials", id, "id", "planned material"));
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, Str(line, "task_id")));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  Json row{{"id", id}};
  if (qty) row["qty"] = *qty;
  if (location_id) {
    INVENTO_ASSIGN_OR_RETURN(Json loc,
                             RequireLive(tx, "locations", *location_id, "location_id", "location"));
    row["location_id"] = *location_id;
  }
  if (has_note) row["note"] = OptJson(note);
  INVENTO_RETURN_IF_ERROR(tx.Put("task_materials", row));
  return Json{{"id", id}};
}

Result<Json> RemovePlanned(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json line,
                           RequireLive(tx, "task_materials", id, "id", "planned material"));
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, Str(line, "task_id")));
  INVENTO_RETURN_IF_ERROR(tx.Del("task_materials", id));
  return Json{{"id", id}};
}

Result<Json> Consume(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  if (!args.is_object()) return Status::InvalidArgument("arguments must be a JSON object");
  auto it = args.find("task_id");
  if (it == args.end() || !it->is_string() || !IsUuid(it->get_ref<const std::string&>())) {
    return Status::InvalidArgument("task_id must be the id of the task the parts are used for",
                                   "task_id");
  }
  const std::string task_id = it->get<std::string>();
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  Json issue = args;
  if (!issue.contains("site_id")) {
    if (auto loc = OptStr(task, "location_id")) {
      INVENTO_ASSIGN_OR_RETURN(
          auto site,
          FirstRow(tx.db(),
                   "SELECT 1 FROM locations WHERE id = ? AND kind = 'site' AND deleted = 0",
                   {Json(*loc)}));
      if (site) issue["site_id"] = *loc;
    }
  }
  // The one stock.issue rule, not a copy of it (stock.issue with a task_id comes here).
  return stock::RecordIssue(tx, issue, ctx);
}

Result<Json> Materials(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string task_id = r.Id("task_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(db, "tasks", task_id, "task_id", "task"));
  return TaskMaterials(db, task_id);
}

Result<Json> Reservations(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto item_id = r.OptionalId("item_id");
  auto location_id = r.OptionalId("location_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto lines,
      Rows(
          db,
          "SELECT p.task_id, p.item_id, i.reference, p.location_id, l.name AS location, sum(p.qty) "
          "AS planned,"
          " coalesce((SELECT sum(CASE WHEN m.kind = 'issue' THEN m.qty ELSE -m.qty END) FROM "
          "stock_movements m"
          "   WHERE m.task_id = p.task_id AND m.item_id = p.item_id AND m.deleted = 0"
          "   AND coalesce(m.from_location_id, m.to_location_id) = p.location_id"
          "   AND (m.kind = 'issue' OR (m.kind = 'adjustment' AND m.reverses_id IS NOT NULL))), 0) "
          "AS consumed,"
          " coalesce((SELECT qty FROM stock_onhand o WHERE o.item_id = p.item_id AND o.location_id "
          "= p.location_id), 0)"
          "   AS on_hand"
          " FROM task_materials p JOIN tasks t ON t.id = p.task_id JOIN items i ON i.id = p.item_id"
          " JOIN locations l ON l.id = p.location_id"
          " WHERE p.deleted = 0 AND t.deleted = 0 AND t.status IN ('draft', 'planned', "
          "'in_progress', 'on_hold')"
          " AND (?1 IS NULL OR p.item_id = ?1) AND (?2 IS NULL OR p.location_id = ?2)"
          " GROUP BY p.task_id, p.item_id, p.location_id ORDER BY i.reference_key, l.name_key, "
          "p.task_id",
          {OptJson(item_id), OptJson(location_id)}));
  struct Acc {
    Json row;
    std::int64_t reserved = 0;
  };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& l : lines) {
    auto key = std::pair{Str(l, "item_id"), Str(l, "location_id")};
    auto [pos, inserted] = acc.try_emplace(key);
    if (inserted) {
      pos->second.row = {{"item_id", l["item_id"]},
                         {"reference", l["reference"]},
                         {"location_id", l["location_id"]},
                         {"location", l["location"]},
                         {"on_hand_milli", l["on_hand"]}};
      order.push_back(key);
    }
    pos->second.reserved += std::max<std::int64_t>(0, Int(l, "planned") - Int(l, "consumed"));
  }
  Json rows = Json::array();
  for (const auto& key : order) {
    Acc& a = acc[key];
    std::int64_t on_hand = Int(a.row, "on_hand_milli");
    a.row.erase("on_hand_milli");
    a.row["on_hand"] = FormatQuantity(on_hand);
    a.row["reserved"] = FormatQuantity(a.reserved);
    a.row["available"] = FormatQuantity(on_hand - a.reserved);
    rows.push_back(a.row);
  }
  return Json{{"rows", rows}};
}

}  // namespace

Result<Json> TaskMaterials(const db::Db& db, const std::string& task_id) {
  INVENTO_ASSIGN_OR_RETURN(auto consumed, Rows(db, kConsumedSql, {Json(task_id)}));
  std::map<std::pair<std::string, std::string>, std::int64_t> net;
  std::int64_t value = 0;
  Json consumed_out = Json::array();
  for (auto& c : consumed) {
    std::int64_t qty = Int(c, "qty");
    net[{Str(c, "item_id"), Str(c, "location_id")}] += qty;
    std::int64_t v = ValueCents(qty, Int(c, "unit_cost_cents"));
    value += v;
    c["value_cents"] = v;
    c["qty"] = FormatQuantity(qty);
    c["reversal"] = c["reversal"] == 1;
    consumed_out.push_back(c);
  }
  INVENTO_ASSIGN_OR_RETURN(
      auto planned, Rows(db,
                         "SELECT p.id, p.item_id, i.reference, i.label, i.unit, p.location_id, "
                         "l.name AS location, p.qty, p.note"
                         " FROM task_materials p JOIN items i ON i.id = p.item_id JOIN locations l "
                         "ON l.id = p.location_id"
                         " WHERE p.task_id = ? AND p.deleted = 0 ORDER BY i.reference_key, p.id",
                         {Json(task_id)}));
  for (auto& p : planned) {
    std::int64_t qty = Int(p, "qty");
    // Consumption is matched against planned lines in order, per item and location.
    std::int64_t& left = net[{Str(p, "item_id"), Str(p, "location_id")}];
    std::int64_t used = std::clamp<std::int64_t>(left, 0, qty);
    left -= used;
    p["qty"] = FormatQuantity(qty);
    p["consumed"] = FormatQuantity(used);
    p["remaining"] = FormatQuantity(qty - used);
  }
  return Json{{"planned", planned}, {"consumed", consumed_out}, {"consumed_value_cents", value}};
}

Result<std::int64_t> TaskConsumedValue(const db::Db& db, const std::string& task_id) {
  INVENTO_ASSIGN_OR_RETURN(auto consumed, Rows(db, kConsumedSql, {Json(task_id)}));
  std::int64_t value = 0;
  for (const auto& c : consumed) value += ValueCents(Int(c, "qty"), Int(c, "unit_cost_cents"));
  return value;
}

void RegisterMaterials(Registry& registry) {
  registry.Add(MutatorDef{"task.plan_material", &Plan});
  registry.Add(MutatorDef{"task.update_material", &UpdatePlanned});
  registry.Add(MutatorDef{"task.remove_material", &RemovePlanned});
  registry.Add(MutatorDef{"task.consume", &Consume});
  registry.Add(QueryDef{"task.materials", &Materials});
  registry.Add(QueryDef{"stock.reservations", &Reservations});
}

}  // namespace invento::maint
