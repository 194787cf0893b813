#include "core/maintenance/pm_generate.h"

#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/base/decimal.h"
#include "core/maintenance/checklist.h"
#include "core/rows/derived_id.h"
#include "core/maintenance/meters.h"
#include "core/maintenance/pm_schedule.h"
#include "core/maintenance/task_workflow.h"
#include "core/maintenance/tasks.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::DerivedId;

using rows::CheckRequiredDate;
using rows::Int;
using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::Rows;
using rows::StoredDate;
using rows::Str;
using rows::kDateRule;

namespace {

constexpr int kMaxPerPlan = 100;

struct Generated {
  Json created = Json::array();
  std::int64_t existing = 0;
  bool truncated = false;
};

// Creates the work order of one occurrence unless a row with its id exists.
Status CreateOccurrence(WriteTx& tx, const MutationContext& ctx, const Json& plan,
                        const Json& asset, const std::string& key, const std::string& due,
                        Generated& out) {
  const std::string plan_id = Str(plan, "id");
  const std::string task_id = PmWorkOrderId(plan_id, key);
  INVENTO_ASSIGN_OR_RETURN(auto existing, tx.Get("tasks", task_id));
  if (existing) {
    ++out.existing;
    return Status::Ok();
  }
  INVENTO_RETURN_IF_ERROR(InsertTask(tx,
                                     Json{{"id", task_id},
                                          {"title", plan["title"]},
                                          {"description", plan["description"]},
                                          {"type", plan["task_type"]},
                                          {"priority", plan["priority"]},
                                          {"status", "planned"},
                                          {"asset_id", plan["asset_id"]},
                                          {"location_id", asset["location_id"]},
                                          {"pm_plan_id", plan_id},
                                          {"pm_occurrence", key},
                                          {"due_date", due},
                                          {"estimated_hours", plan["estimated_hours"]}},
                                     ctx));
  Json checklist = Json::parse(Str(plan, "checklist"), nullptr, false);
  if (checklist.is_array())
    INVENTO_RETURN_IF_ERROR(AddChecklistFromTemplate(tx, task_id, checklist));
  if (auto team = OptStr(plan, "team_id")) {
    INVENTO_RETURN_IF_ERROR(tx.Put("task_assignees", Json{{"id", DerivedId("pm-team:" + task_id)},
                                                          {"task_id", task_id},
                                                          {"team_id", *team},
                                                          {"employee_id", nullptr},
                                                          {"deleted", 0}}));
  }
  out.created.push_back(
      {{"task_id", task_id}, {"plan_id", plan_id}, {"occurrence", key}, {"due_date", due}});
  return Status::Ok();
}

Status GenerateCalendar(WriteTx& tx, const MutationContext& ctx, const Json& plan,
                        const Json& asset, const Date& as_of, Generated& out) {
  Date start = StoredDate(Str(plan, "start_date"));
  auto unit = ParseIntervalUnit(Str(plan, "interval_unit")).value_or(IntervalUnit::kMonth);
  std::int64_t n = Int(plan, "interval_n", 1);
  auto last = OptStr(plan, "last_due_date");
  std::int64_t k =
      FirstOccurrenceAfter(start, unit, n, last ? std::optional(StoredDate(*last)) : std::nullopt);
  std::optional<std::string> new_last;
  for (int made = 0;; ++k, ++made) {
    Date due = CalendarOccurrence(start, unit, n, k);
    if (DayNumber(due) - Int(plan, "lead_days") > DayNumber(as_of)) break;
    if (made == kMaxPerPlan) {
      out.truncated = true;
      break;
    }
    std::string key = FormatDate(due);
    INVENTO_RETURN_IF_ERROR(CreateOccurrence(tx, ctx, plan, asset, key, key, out));
    new_last = key;
  }
  if (new_last)
    INVENTO_RETURN_IF_ERROR(
        tx.Put("pm_plans", Json{{"id", plan["id"]}, {"last_due_date", *new_last}}));
  return Status::Ok();
}

Status GenerateMeter(WriteTx& tx, const MutationContext& ctx, const Json& plan, const Json& asset,
                     const Date& as_of, Generated& out) {
  INVENTO_ASSIGN_OR_RETURN(std::int64_t total, MeterTotal(tx.db(), Str(plan, "meter_id")));
  std::int64_t k = MeterOccurrenceReached(Int(plan, "meter_base"), Int(plan, "meter_interval"),
                                          Int(plan, "lead_units"), total);
  if (k < 1 || k <= Int(plan, "last_meter_k", 0)) return Status::Ok();
  std::string due = FormatDate(AddDays(as_of, Int(plan, "due_days")));
  INVENTO_RETURN_IF_ERROR(CreateOccurrence(tx, ctx, plan, asset, MeterOccurrenceKey(k), due, out));
  return tx.Put("pm_plans", Json{{"id", plan["id"]}, {"last_meter_k", k}});
}

// Active plans on live, not retired assets: all, the one given (?1), or the meter plans of a
// meter (?2).
constexpr const char* kActivePlansSql =
    "SELECT p.* FROM pm_plans p JOIN assets a ON a.id = p.asset_id WHERE p.deleted = 0"
    " AND p.active = 1 AND a.deleted = 0 AND a.archived = 0 AND a.status <> 'retired'"
    " AND (?1 IS NULL OR p.id = ?1)"
    " AND (?2 IS NULL OR (p.trigger_kind = 'meter' AND p.meter_id = ?2)) ORDER BY p.id";

Result<Json> Generate(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  auto as_of_text = r.OptionalString("as_of", kDateRule);
  auto plan_id = r.OptionalId("plan_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string as_of, CheckRequiredDate(as_of_text, "as_of"));
  if (plan_id) {
    INVENTO_ASSIGN_OR_RETURN(Json p,
                             RequireLive(tx, "pm_plans", *plan_id, "plan_id", "preventive plan"));
  }
  INVENTO_ASSIGN_OR_RETURN(auto plans, Rows(tx.db(), kActivePlansSql, {OptJson(plan_id), Json()}));
  Generated out;
  for (const auto& plan : plans) {
    INVENTO_ASSIGN_OR_RETURN(Json asset,
                             RequireLive(tx, "assets", Str(plan, "asset_id"), "asset_id", "asset"));
    if (Str(plan, "trigger_kind") == "calendar") {
      INVENTO_RETURN_IF_ERROR(GenerateCalendar(tx, ctx, plan, asset, StoredDate(as_of), out));
    } else {
      INVENTO_RETURN_IF_ERROR(GenerateMeter(tx, ctx, plan, asset, StoredDate(as_of), out));
    }
  }
  return Json{{"created", out.created}, {"existing", out.existing}, {"truncated", out.truncated}};
}

}  // namespace

Result<Json> GenerateForMeter(WriteTx& tx, const MutationContext& ctx, const std::string& meter_id) {
  INVENTO_ASSIGN_OR_RETURN(auto plans, Rows(tx.db(), kActivePlansSql, {Json(), Json(meter_id)}));
  Generated out;
  const Date today = DayOfMs(ctx.now_ms);
  for (const auto& plan : plans) {
    INVENTO_ASSIGN_OR_RETURN(Json asset,
                             RequireLive(tx, "assets", Str(plan, "asset_id"), "asset_id", "asset"));
    INVENTO_RETURN_IF_ERROR(GenerateMeter(tx, ctx, plan, asset, today, out));
  }
  return out.created;
}

void RegisterPmGenerate(Registry& registry) { registry.Add(MutatorDef{"pm.generate", &Generate}); }

}  // namespace invento::maint
