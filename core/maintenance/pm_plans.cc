#include "core/maintenance/pm_plans.h"

#include "core/base/decimal.h"
#include "core/maintenance/checklist.h"
#include "core/maintenance/meters.h"
#include "core/maintenance/pm_schedule.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::CheckDate;
using rows::Int;
using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kDateRule;
using rows::kNoteRule;

namespace {

const std::initializer_list<const char*> kPriorities = {"low", "normal", "high", "urgent"};

// Reads the fields shared by create and update into row.
void ReadFields(ArgReader& r, Json& row, bool create, Status* deferred) {
  auto title = create ? std::optional(r.String("title", {.min = 1, .max = 200}))
                      : r.OptionalString("title", {.min = 1, .max = 200});
  if (title) row["title"] = *title;
  if (r.Has("description"))
    row["description"] = OptJson(r.OptionalString("description", kNoteRule));
  if (auto p = r.OptionalEnum("priority", kPriorities)) row["priority"] = *p;
  if (auto n = r.OptionalInt("interval_n", 1, 1000)) row["interval_n"] = *n;
  if (auto u = r.OptionalEnum("interval_unit", {"day", "week", "month", "year"}))
    row["interval_unit"] = *u;
  if (auto s = r.OptionalString("start_date", kDateRule)) row["start_date"] = *s;
  if (auto d = r.OptionalInt("lead_days", 0, 365)) row["lead_days"] = *d;
  if (auto q = r.OptionalQuantity("meter_interval")) row["meter_interval"] = *q;
  if (auto q = r.OptionalQuantity("lead_units")) row["lead_units"] = *q;
  if (auto d = r.OptionalInt("due_days", 0, 365)) row["due_days"] = *d;
  if (auto h = r.OptionalQuantity("estimated_hours")) {
    row["estimated_hours"] = *h;
    if (*h < 0)
      *deferred = Status::InvalidArgument("estimated_hours cannot be negative", "estimated_hours");
  }
  if (r.Has("team_id")) row["team_id"] = OptJson(r.OptionalId("team_id"));
  if (const Json* c = r.Raw("checklist")) row["checklist"] = *c;
}

// Checks the merged plan (existing row + changes) for a consistent schedule.
Status CheckSchedule(const Json& plan) {
  const bool calendar = Str(plan, "trigger_kind") == "calendar";
  const char* calendar_fields[] = {"interval_n", "interval_unit", "start_date"};
  const char* meter_fields[] = {"meter_interval"};
  for (const char* f : calendar_fields) {
    bool has = plan.contains(f) && !plan[f].is_null();
    if (calendar && !has)
      return Status::InvalidArgument(std::string(f) + " is required for a calendar plan", f);
    if (!calendar && has)
      return Status::InvalidArgument(std::string(f) + " is only for calendar plans", f);
  }
  for (const char* f : meter_fields) {
    bool has = plan.contains(f) && !plan[f].is_null();
    if (!calendar && !has)
      return Status::InvalidArgument(std::string(f) + " is required for a meter plan", f);
    if (calendar && has)
      return Status::InvalidArgument(std::string(f) + " is only for meter plans", f);
  }
  if (calendar) {
    INVENTO_ASSIGN_OR_RETURN(auto d, CheckDate(OptStr(plan, "start_date"), "start_date"));
  } else {
    std::int64_t interval = Int(plan, "meter_interval");
    if (interval <= 0)
      return Status::InvalidArgument("meter_interval must be greater than zero", "meter_interval");
    std::int64_t lead = Int(plan, "lead_units");
    if (lead < 0 || lead >= interval) {
      return Status::InvalidArgument("lead_units must be at least 0 and less than meter_interval",
                                     "lead_units");
    }
  }
  return Status::Ok();
}

Status CheckRefs(WriteTx& tx, Json& row) {
  if (auto t = OptStr(row, "team_id")) {
    INVENTO_ASSIGN_OR_RETURN(Json team, RequireLive(tx, "teams", *t, "team_id", "team"));
  }
  if (row.contains("checklist")) {
    INVENTO_ASSIGN_OR_RETURN(Json clean,
                             ValidateChecklistTemplate(tx.db(), row["checklist"], "checklist"));
    row["checklist"] = clean.dump();
  }
  return Status::Ok();
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string asset_id = r.Id("asset_id");
  std::string trigger = r.Enum("trigger", {"calendar", "meter"});
  std::string task_type =
      r.OptionalEnum("task_type", {"preventive", "inspection"}).value_or("preventive");
  auto meter_id = r.OptionalId("meter_id");
  auto meter_base = r.OptionalQuantity("meter_base");
  Json row{{"id", id}};
  Status deferred;
  ReadFields(r, row, true, &deferred);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(deferred);
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "pm_plans", id));
  INVENTO_ASSIGN_OR_RETURN(Json asset, RequireLive(tx, "assets", asset_id, "asset_id", "asset"));
  row.update({{"asset_id", asset_id},
              {"trigger_kind", trigger},
              {"task_type", task_type},
              {"active", 1},
              {"deleted", 0}});
  if (trigger == "meter") {
    if (!meter_id)
      return Status::InvalidArgument("meter_id is required for a meter plan", "meter_id");
    INVENTO_ASSIGN_OR_RETURN(Json meter, RequireLive(tx, "meters", *meter_id, "meter_id", "meter"));
    if (Str(meter, "asset_id") != asset_id) {
      return Status::InvalidArgument("meter_id must be a meter of this asset", "meter_id");
    }
    INVENTO_ASSIGN_OR_RETURN(std::int64_t total, MeterTotal(tx.db(), *meter_id));
    if (meter_base && *meter_base < 0)
      return Status::InvalidArgument("meter_base cannot be negative", "meter_base");
    row["meter_id"] = *meter_id;
    row["meter_base"] = meter_base.value_or(total);
  } else if (meter_id || meter_base) {
    return Status::InvalidArgument("meter_id is only for meter plans",
                                   meter_id ? "meter_id" : "meter_base");
  }
  INVENTO_RETURN_IF_ERROR(CheckSchedule(row));
  INVENTO_RETURN_IF_ERROR(CheckRefs(tx, row));
  INVENTO_RETURN_IF_ERROR(tx.Put("pm_plans", row));
  return Json{{"id", id}};
}

Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  Json row{{"id", id}};
  Status deferred;
  ReadFields(r, row, false, &deferred);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(deferred);
  INVENTO_ASSIGN_OR_RETURN(Json plan, RequireLive(tx, "pm_plans", id, "id", "preventive plan"));
  Json merged = plan;
  merged.update(row);
  INVENTO_RETURN_IF_ERROR(CheckSchedule(merged));
  INVENTO_RETURN_IF_ERROR(CheckRefs(tx, row));
  INVENTO_RETURN_IF_ERROR(tx.Put("pm_plans", row));
  return Json{{"id", id}};
}

Result<Json> SetActive(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  bool active = r.Bool("active", true);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json plan, RequireLive(tx, "pm_plans", id, "id", "preventive plan"));
  INVENTO_RETURN_IF_ERROR(tx.Put("pm_plans", Json{{"id", id}, {"active", active ? 1 : 0}}));
  return Json{{"id", id}, {"active", active}};
}

Result<Json> Delete(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json plan, RequireLive(tx, "pm_plans", id, "id", "preventive plan"));
  INVENTO_RETURN_IF_ERROR(tx.Del("pm_plans", id));
  return Json{{"id", id}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto asset_id = r.OptionalId("asset_id");
  bool inactive = r.Bool("include_inactive", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto rows,
                           Rows(db,
                                "SELECT p.id, p.title, p.asset_id, a.name AS asset, p.trigger_kind "
                                "AS \"trigger\", p.task_type, p.priority,"
                                " p.interval_n, p.interval_unit, p.start_date, p.lead_days, "
                                "p.meter_id, p.meter_interval, p.meter_base,"
                                " p.lead_units, p.due_days, p.estimated_hours, p.team_id, "
                                "p.active, p.last_due_date, p.last_meter_k"
                                " FROM pm_plans p JOIN assets a ON a.id = p.asset_id WHERE "
                                "p.deleted = 0 AND (?1 IS NULL OR p.asset_id = ?1)"
                                " AND (?2 OR p.active = 1) ORDER BY a.name_key, p.title, p.id",
                                {OptJson(asset_id), Json(inactive)}));
  for (auto& p : rows) {
    p["active"] = p["active"] == 1;
    for (const char* q : {"meter_interval", "meter_base", "lead_units"}) {
      if (p[q].is_number_integer()) p[q] = FormatQuantity(Int(p, q));
    }
    p["estimated_hours"] = FormatQuantity(Int(p, "estimated_hours"));
  }
  return Json{{"items", rows}};
}

}  // namespace

void RegisterPmPlans(Registry& registry) {
  registry.Add(MutatorDef{"pm.create", &Create});
  registry.Add(MutatorDef{"pm.update", &Update});
  registry.Add(MutatorDef{"pm.set_active", &SetActive});
  registry.Add(MutatorDef{"pm.delete", &Delete});
  registry.Add(QueryDef{"pm.list", &List});
}

}  // namespace invento::maint
