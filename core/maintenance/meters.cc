#include "core/maintenance/meters.h"

#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/maintenance/pm_generate.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::FirstRow;
using rows::Flag;
using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kMaxTime;
using rows::kMinTime;

namespace {

constexpr const char* kReadingsSql =
    "SELECT id, value, read_at, is_reset, task_id, note FROM meter_readings"
    " WHERE meter_id = ? AND deleted = 0 ORDER BY read_at, id";

// Adds a running `total` to readings in time order.
void FoldTotals(std::vector<Json>& readings) {
  std::int64_t total = 0, prev = 0;
  bool first = true;
  for (auto& r : readings) {
    std::int64_t v = Int(r, "value");
    total += first || Int(r, "is_reset") == 1 ? v : v - prev;
    prev = v;
    first = false;
    r["total_milli"] = total;
  }
}

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::optional<std::string> asset_id;
  if (create) asset_id = r.Id("asset_id");
  auto name = create ? std::optional(r.String("name", {.min = 1, .max = 80}))
                     : r.OptionalString("name", {.min = 1, .max = 80});
  auto unit = create ? std::optional(r.String("unit", {.min = 1, .max = 16}))
                     : r.OptionalString("unit", {.min = 1, .max = 16});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  Json row{{"id", id}};
  if (create) {
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "meters", id));
    INVENTO_ASSIGN_OR_RETURN(Json asset, RequireLive(tx, "assets", *asset_id, "asset_id", "asset"));
    row.update({{"asset_id", *asset_id}, {"archived", 0}, {"deleted", 0}});
  } else {
    INVENTO_ASSIGN_OR_RETURN(Json meter, RequireLive(tx, "meters", id, "id", "meter"));
    asset_id = Str(meter, "asset_id");
  }
  if (name) {
    std::string key = FoldKey(*name);
    INVENTO_ASSIGN_OR_RETURN(
        auto dup,
        FirstRow(
            tx.db(),
            "SELECT 1 FROM meters WHERE asset_id = ? AND name_key = ? AND deleted = 0 AND id <> ?",
            {Json(*asset_id), Json(key), Json(id)}));
    if (dup)
      return Status::Conflict("this asset already has a meter named '" + *name + "'", "name");
    row["name"] = *name;
    row["name_key"] = key;
  }
  if (unit) row["unit"] = *unit;
  INVENTO_RETURN_IF_ERROR(tx.Put("meters", row));
  return Json{{"id", id}};
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}
Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return rows::SetArchived(tx, args, "meters", "meter");
}

Result<Json> Record(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  ReadingArgs a;
  a.id = r.Id("id");
  a.meter_id = r.Id("meter_id");
  a.value = r.Quantity("value");
  a.read_at = r.OptionalInt("read_at", kMinTime, kMaxTime).value_or(ctx.now_ms);
  a.reset = r.Bool("reset", false);
  a.task_id = r.OptionalId("task_id");
  a.note = r.OptionalString("note", {.min = 0, .max = 1000});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json generated, RecordReading(tx, a, ctx));
  INVENTO_ASSIGN_OR_RETURN(std::int64_t total, MeterTotal(tx.db(), a.meter_id));
  return Json{{"id", a.id}, {"total", FormatQuantity(total)}, {"generated", std::move(generated)}};
}

Result<Json> Readings(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string meter_id = r.Id("meter_id");
  std::int64_t limit = r.OptionalInt("limit", 1, 10000).value_or(100);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json meter, RequireLive(db, "meters", meter_id, "meter_id", "meter"));
  INVENTO_ASSIGN_OR_RETURN(auto rows, Rows(db, kReadingsSql, {Json(meter_id)}));
  FoldTotals(rows);
  std::int64_t total = rows.empty() ? 0 : Int(rows.back(), "total_milli");
  Json items = Json::array();
  for (auto it = rows.rbegin();
       it != rows.rend() && static_cast<std::int64_t>(items.size()) < limit; ++it) {
    Json o = *it;
    o["reset"] = Int(o, "is_reset") == 1;
    o.erase("is_reset");
    o["value"] = FormatQuantity(Int(o, "value"));
    o["total"] = FormatQuantity(Int(o, "total_milli"));
    o.erase("total_milli");
    items.push_back(std::move(o));
  }
  return Json{{"unit", meter["unit"]}, {"total", FormatQuantity(total)}, {"items", items}};
}

}  // namespace

Result<Json> RecordReading(WriteTx& tx, const ReadingArgs& a, const MutationContext& ctx) {
  if (a.value < 0) return Status::InvalidArgument("a meter reading cannot be negative", "value");
  INVENTO_ASSIGN_OR_RETURN(Json meter, RequireLive(tx, "meters", a.meter_id, "meter_id", "meter"));
  if (Flag(meter, "archived"))
    return Status::FailedPrecondition("meter " + Str(meter, "name") + " is archived");
  if (a.task_id) {
    INVENTO_ASSIGN_OR_RETURN(Json task, RequireLive(tx, "tasks", *a.task_id, "task_id", "task"));
  }
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "meter_readings", a.id));
  if (!a.reset) {
    INVENTO_ASSIGN_OR_RETURN(auto prev,
                             FirstRow(tx.db(),
                                      "SELECT value, read_at FROM meter_readings WHERE meter_id = "
                                      "? AND deleted = 0 AND (read_at, id) < (?, ?)"
                                      " ORDER BY read_at DESC, id DESC LIMIT 1",
                                      {Json(a.meter_id), Json(a.read_at), Json(a.id)}));
    if (prev && Int(*prev, "value") > a.value) {
      return Status::InvalidArgument(
          "the meter cannot go backwards: the previous reading is " +
              FormatQuantity(Int(*prev, "value")) +
              " (record a reset if the meter was replaced or rolled over)",
          "value");
    }
  }
  INVENTO_ASSIGN_OR_RETURN(auto next,
                           FirstRow(tx.db(),
                                    "SELECT value, is_reset FROM meter_readings WHERE meter_id = ? "
                                    "AND deleted = 0 AND (read_at, id) > (?, ?)"
                                    " ORDER BY read_at, id LIMIT 1",
                                    {Json(a.meter_id), Json(a.read_at), Json(a.id)}));
  if (next && Int(*next, "is_reset") == 0 && Int(*next, "value") < a.value) {
    return Status::InvalidArgument("a later reading is lower (" +
                                       FormatQuantity(Int(*next, "value")) +
                                       "): the meter cannot go backwards",
                                   "value");
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("meter_readings", Json{{"id", a.id},
                                                        {"meter_id", a.meter_id},
                                                        {"value", a.value},
                                                        {"read_at", a.read_at},
                                                        {"is_reset", a.reset ? 1 : 0},
                                                        {"task_id", OptJson(a.task_id)},
                                                        {"note", OptJson(a.note)},
                                                        {"actor_id", ctx.actor.user_id},
                                                        {"deleted", 0}}));
  return GenerateForMeter(tx, ctx, a.meter_id);
}

Result<std::int64_t> MeterTotal(const db::Db& db, const std::string& meter_id) {
  INVENTO_ASSIGN_OR_RETURN(auto rows, Rows(db, kReadingsSql, {Json(meter_id)}));
  FoldTotals(rows);
  return rows.empty() ? 0 : Int(rows.back(), "total_milli");
}

void RegisterMeters(Registry& registry) {
  registry.Add(MutatorDef{"meter.create", &Create});
  registry.Add(MutatorDef{"meter.update", &Update});
  registry.Add(MutatorDef{"meter.archive", &Archive});
  registry.Add(MutatorDef{"meter.record", &Record});
  registry.Add(QueryDef{"meter.readings", &Readings});
}

}  // namespace invento::maint
