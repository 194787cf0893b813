#include "core/maintenance/pm_queries.h"

#include <map>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/base/decimal.h"
#include "core/maintenance/meters.h"
#include "core/maintenance/pm_schedule.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::CheckDate;
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

constexpr const char* kCountedSql =
    "SELECT t.pm_plan_id, p.title, t.status, t.due_date, t.completed_at FROM tasks t"
    " JOIN pm_plans p ON p.id = t.pm_plan_id"
    " WHERE t.deleted = 0 AND t.pm_plan_id IS NOT NULL AND t.status <> 'cancelled'"
    " AND t.due_date >= ?1 AND t.due_date <= ?2 AND (?4 IS NULL OR t.asset_id = ?4)"
    " AND (?5 IS NULL OR t.pm_plan_id = ?5)"
    " AND (t.status IN ('done', 'closed') OR t.due_date < ?3)"
    " ORDER BY t.pm_plan_id, t.due_date, t.id";

void Count(Compliance& c, const Json& row) {
  ++c.due;
  if (!IsCompleted(Str(row, "status"))) {
    ++c.missed;
  } else if (FormatDate(DayOfMs(Int(row, "completed_at"))) <= Str(row, "due_date")) {
    ++c.on_time;
  } else {
    ++c.late;
  }
}

Result<Json> CompliancePerPlan(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  auto as_of_text = r.OptionalString("as_of", kDateRule);
  auto asset_id = r.OptionalId("asset_id");
  auto plan_id = r.OptionalId("plan_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string from, CheckRequiredDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(std::string to, CheckRequiredDate(to_text, "to"));
  INVENTO_ASSIGN_OR_RETURN(auto as_of, CheckDate(as_of_text, "as_of"));
  if (to < from) return Status::InvalidArgument("to is before from", "to");
  if (plan_id) {
    INVENTO_ASSIGN_OR_RETURN(Json p,
                             RequireLive(db, "pm_plans", *plan_id, "plan_id", "preventive plan"));
  }
  std::string day = as_of.value_or(FormatDate(DayOfMs(NowMs())));
  INVENTO_ASSIGN_OR_RETURN(
      auto rows, Rows(db, kCountedSql,
                      {Json(from), Json(to), Json(day), OptJson(asset_id), OptJson(plan_id)}));
  Compliance total;
  std::map<std::string, std::pair<std::string, Compliance>> plans;
  for (const auto& row : rows) {
    Count(total, row);
    auto& p = plans[Str(row, "pm_plan_id")];
    p.first = Str(row, "title");
    Count(p.second, row);
  }
  Json out = ComplianceJson(total);
  out["by_plan"] = Json::array();
  for (const auto& [id, p] : plans) {
    Json j = ComplianceJson(p.second);
    j["plan_id"] = id;
    j["title"] = p.first;
    out["by_plan"].push_back(std::move(j));
  }
  return out;
}

Result<Json> Due(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto as_of_text = r.OptionalString("as_of", kDateRule);
  std::int64_t horizon = r.OptionalInt("horizon_days", 0, 3650).value_or(30);
  auto asset_id = r.OptionalId("asset_id");
  bool only_overdue = r.Bool("only_overdue", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string as_of, CheckRequiredDate(as_of_text, "as_of"));
  const Date today = StoredDate(as_of);
  INVENTO_ASSIGN_OR_RETURN(
      auto plans,
      Rows(db,
           "SELECT p.*, a.name AS asset FROM pm_plans p JOIN assets a ON a.id = p.asset_id"
           " WHERE p.deleted = 0 AND p.active = 1 AND a.deleted = 0 AND (?1 IS NULL OR p.asset_id "
           "= ?1)"
           " ORDER BY a.name_key, p.title, p.id",
           {OptJson(asset_id)}));
  Json items = Json::array();
  for (const auto& p : plans) {
    Json item{{"plan_id", p["id"]},
              {"title", p["title"]},
              {"asset_id", p["asset_id"]},
              {"asset", p["asset"]},
              {"trigger", p["trigger_kind"]}};
    bool overdue = false, due_soon = false;
    INVENTO_ASSIGN_OR_RETURN(
        auto open,
        Rows(
            db,
            "SELECT id AS task_id, due_date, status FROM tasks WHERE pm_plan_id = ? AND deleted = 0"
            " AND status NOT IN ('done', 'closed', 'cancelled') ORDER BY due_date, id",
            {p["id"]}));
    for (auto& t : open) {
      bool late = !t["due_date"].is_null() && Str(t, "due_date") < as_of;
      t["overdue"] = late;
      overdue = overdue || late;
    }
    item["open_work_orders"] = open;
    if (Str(p, "trigger_kind") == "calendar") {
      Date start = StoredDate(Str(p, "start_date"));
      auto unit = ParseIntervalUnit(Str(p, "interval_unit")).value_or(IntervalUnit::kMonth);
      auto last = OptStr(p, "last_due_date");
      std::int64_t k = FirstOccurrenceAfter(start, unit, Int(p, "interval_n", 1),
                                            last ? std::optional(StoredDate(*last)) : std::nullopt);
      Date next = CalendarOccurrence(start, unit, Int(p, "interval_n", 1), k);
      item["next_due_date"] = FormatDate(next);
      overdue = overdue || DayNumber(next) < DayNumber(today);  // never generated
      due_soon = DayNumber(next) <= DayNumber(today) + horizon;
    } else {
      INVENTO_ASSIGN_OR_RETURN(std::int64_t total, MeterTotal(db, Str(p, "meter_id")));
      std::int64_t threshold =
          Int(p, "meter_base") + (Int(p, "last_meter_k", 0) + 1) * Int(p, "meter_interval");
      item["meter_total"] = FormatQuantity(total);
      item["next_threshold"] = FormatQuantity(threshold);
      item["remaining"] = FormatQuantity(threshold - total);
      due_soon = total + Int(p, "lead_units") >= threshold;
      overdue = overdue || total >= threshold;
    }
    item["overdue"] = overdue;
    item["due_soon"] = due_soon;
    if (!only_overdue || overdue) items.push_back(std::move(item));
  }
  return Json{{"items", items}};
}

// The next occurrences of a schedule being edited, before it is saved: the same arithmetic
// as pm.due and pm.generate (pm_schedule.h), so the editor shows what the plan will do.
Result<Json> Preview(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string trigger = r.Enum("trigger", {"calendar", "meter"});
  std::int64_t count = r.OptionalInt("count", 1, 24).value_or(5);
  auto n = r.OptionalInt("interval_n", 1, 1000);
  auto unit_text = r.OptionalEnum("interval_unit", {"day", "week", "month", "year"});
  auto start_text = r.OptionalString("start_date", kDateRule);
  auto from_text = r.OptionalString("from", kDateRule);
  std::int64_t lead_days = r.OptionalInt("lead_days", 0, 365).value_or(0);
  auto meter_id = r.OptionalId("meter_id");
  auto interval = r.OptionalQuantity("meter_interval");
  auto base = r.OptionalQuantity("meter_base");
  std::int64_t lead_units = r.OptionalQuantity("lead_units").value_or(0);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  Json items = Json::array();
  if (trigger == "calendar") {
    if (!n) return Status::InvalidArgument("interval_n is required", "interval_n");
    if (!unit_text) return Status::InvalidArgument("interval_unit is required", "interval_unit");
    INVENTO_ASSIGN_OR_RETURN(std::string start_day, CheckRequiredDate(start_text, "start_date"));
    INVENTO_ASSIGN_OR_RETURN(auto from, CheckDate(from_text, "from"));
    const Date start = StoredDate(start_day);
    const IntervalUnit unit = *ParseIntervalUnit(*unit_text);
    // Occurrences on or after `from` (default: from the first one).
    std::int64_t k = from ? FirstOccurrenceAfter(start, unit, *n, AddDays(StoredDate(*from), -1)) : 0;
    for (std::int64_t i = 0; i < count; ++i, ++k) {
      const Date due = CalendarOccurrence(start, unit, *n, k);
      items.push_back({{"due_date", FormatDate(due)}, {"generated_on", FormatDate(AddDays(due, -lead_days))}});
    }
    return Json{{"items", std::move(items)}};
  }
  if (!meter_id) return Status::InvalidArgument("meter_id is required", "meter_id");
  INVENTO_ASSIGN_OR_RETURN(Json meter, RequireLive(db, "meters", *meter_id, "meter_id", "meter"));
  if (!interval || *interval <= 0) {
    return Status::InvalidArgument("meter_interval must be greater than zero", "meter_interval");
  }
  if (lead_units < 0 || lead_units >= *interval) {
    return Status::InvalidArgument("lead_units must be at least 0 and less than meter_interval", "lead_units");
  }
  if (base && *base < 0) return Status::InvalidArgument("meter_base cannot be negative", "meter_base");
  INVENTO_ASSIGN_OR_RETURN(std::int64_t total, MeterTotal(db, *meter_id));
  const std::int64_t from = base.value_or(total);
  // The first threshold not yet reached, then every interval after it.
  std::int64_t k = total < from ? 1 : (total - from) / *interval + 1;
  for (std::int64_t i = 0; i < count; ++i, ++k) {
    const std::int64_t threshold = from + k * *interval;
    items.push_back({{"threshold", FormatQuantity(threshold)}, {"generated_at", FormatQuantity(threshold - lead_units)},
                     {"remaining", FormatQuantity(threshold - total)}});
  }
  return Json{{"meter_total", FormatQuantity(total)}, {"items", std::move(items)}};
}

}  // namespace

Result<Compliance> PmCompliance(const db::Db& db, const std::string& from, const std::string& to,
                                const std::string& as_of,
                                const std::optional<std::string>& asset_id,
                                const std::optional<std::string>& plan_id) {
  INVENTO_ASSIGN_OR_RETURN(
      auto rows, Rows(db, kCountedSql,
                      {Json(from), Json(to), Json(as_of), OptJson(asset_id), OptJson(plan_id)}));
  Compliance c;
  for (const auto& row : rows) Count(c, row);
  return c;
}

Json ComplianceJson(const Compliance& c) {
  Json bp = c.due > 0 ? Json(BasisPoints(c.on_time, c.due)) : Json();
  return Json{{"due", c.due},
              {"on_time", c.on_time},
              {"late", c.late},
              {"missed", c.missed},
              {"rate_bp", bp},
              {"rate", bp.is_null() ? Json() : Json(FormatBasisPoints(bp.get<std::int64_t>()))}};
}

void RegisterPmQueries(Registry& registry) {
  registry.Add(QueryDef{"pm.due", &Due});
  registry.Add(QueryDef{"pm.preview", &Preview});
  registry.Add(QueryDef{"pm.compliance", &CompliancePerPlan});
}

}  // namespace invento::maint
