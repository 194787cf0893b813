#include "core/dashboard/activity.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/maintenance/assignment_checks.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"
#include "core/stock/common.h"

namespace invento::dashboard {

using rows::CheckDate;
using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::Rows;
using rows::StoredDate;
using rows::Str;
using rows::kDateRule;

namespace {

using maint::TaskDays;

struct Range {
  Date from, to;
};

// from/to (inclusive) with defaults: `before` days ending today when back, else starting today.
Result<Range> ReadRange(const std::optional<std::string>& from_text,
                        const std::optional<std::string>& to_text, std::int64_t days,
                        bool back) {
  INVENTO_ASSIGN_OR_RETURN(auto from_opt, CheckDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(auto to_opt, CheckDate(to_text, "to"));
  const Date today = DayOfMs(NowMs());
  Date from, to;
  if (from_opt && to_opt) {
    from = StoredDate(*from_opt), to = StoredDate(*to_opt);
  } else if (from_opt) {
    from = StoredDate(*from_opt), to = AddDays(from, days - 1);
  } else if (to_opt) {
    to = StoredDate(*to_opt), from = AddDays(to, 1 - days);
  } else {
    from = back ? AddDays(today, 1 - days) : today;
    to = AddDays(from, days - 1);
  }
  if (DayNumber(to) < DayNumber(from)) {
    return Status::InvalidArgument("to must not be before from", "to");
  }
  if (DayNumber(to) - DayNumber(from) >= 3660) {
    return Status::InvalidArgument("the range must not exceed 3660 days", "to");
  }
  return Range{from, to};
}

// The first day of the bucket holding `d`.
Date BucketStart(const Date& d, std::string_view bucket) {
  if (bucket == "week") return AddDays(d, 1 - IsoWeekday(d));
  if (bucket == "month") return d.year() / d.month() / std::chrono::day{1};
  return d;
}

Date NextBucket(const Date& start, std::string_view bucket) {
  if (bucket == "week") return AddDays(start, 7);
  if (bucket == "month") return AddMonths(start, 1);
  return AddDays(start, 1);
}

}  // namespace

Result<Json> Movements(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  std::string bucket = r.OptionalEnum("bucket", {"day", "week", "month"}).value_or("day");
  auto location_id = r.OptionalId("location_id");
  auto category_id = r.OptionalId("category_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Range range, ReadRange(from_text, to_text, 30, true));
  INVENTO_RETURN_IF_ERROR(stock::CheckScope(db, location_id, category_id));

  // Every bucket of the range, zeros first.
  std::map<std::string, Json> buckets;
  for (Date b = BucketStart(range.from, bucket); DayNumber(b) <= DayNumber(range.to);
       b = NextBucket(b, bucket)) {
    if (buckets.size() >= 800) {
      return Status::InvalidArgument("too many buckets: use a longer bucket or a shorter range",
                                     "bucket");
    }
    buckets[FormatDate(b)] = Json{{"period", FormatDate(b)}, {"total", 0},    {"receipt", 0},
                                  {"issue", 0},         {"transfer", 0}, {"adjustment", 0},
                                  {"count", 0}};
  }
  // Grouped by day in SQL, folded into buckets here. Unfiltered: the per-day counts kept by
  // triggers (schema/0010); filtered by place or category: the movements of the period (the
  // time index bounds the scan).
  const std::string sql =
      !location_id && !category_id
          ? "SELECT date(day * 86400, 'unixepoch') AS day, kind, n FROM stock_movement_days"
            " WHERE day >= ?1 / 86400000 AND day < ?2 / 86400000 AND ?3 IS NULL AND ?4 IS NULL"
            " AND n > 0"
          :
      std::string(
          "SELECT date(m.occurred_at / 1000, 'unixepoch') AS day, m.kind, count(*) AS n"
          " FROM stock_movements m WHERE m.deleted = 0 AND m.occurred_at >= ?1 AND "
          "m.occurred_at < ?2") +
      (location_id ? " AND (m.from_location_id IN " INVENTO_SQL_LOCATION_SUBTREE("?3")
                     " OR m.to_location_id IN " INVENTO_SQL_LOCATION_SUBTREE("?3") ")"
                   : " AND ?3 IS NULL") +
      (category_id ? " AND m.item_id IN (SELECT id FROM items WHERE category_id IN "
                     INVENTO_SQL_CATEGORY_SUBTREE("?4") ")"
                   : " AND ?4 IS NULL") +
      " GROUP BY day, m.kind";
  INVENTO_ASSIGN_OR_RETURN(
      auto rows, Rows(db, sql,
                      {Json(DayStartMs(range.from)), Json(DayStartMs(AddDays(range.to, 1))),
                       OptJson(location_id), OptJson(category_id)}));
  for (const auto& row : rows) {
    auto day = ParseDate(Str(row, "day"));
    if (!day) continue;
    Json& b = buckets[FormatDate(BucketStart(*day, bucket))];
    const std::string kind = Str(row, "kind");
    const std::int64_t n = Int(row, "n");
    b[kind] = b.value(kind, std::int64_t{0}) + n;
    b["total"] = b.value("total", std::int64_t{0}) + n;
  }
  Json out = Json::array();
  for (auto& [_, b] : buckets) out.push_back(std::move(b));
  return Json{{"from", FormatDate(range.from)},
              {"to", FormatDate(range.to)},
              {"bucket", bucket},
              {"rows", std::move(out)}};
}

Result<Json> Workload(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  auto team_id = r.OptionalId("team_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Range range, ReadRange(from_text, to_text, 7, false));
  if (team_id) INVENTO_RETURN_IF_ERROR(RequireLive(db, "teams", *team_id, "team_id", "team").status());
  const std::string from = FormatDate(range.from), to = FormatDate(range.to);

  INVENTO_ASSIGN_OR_RETURN(
      auto people,
      Rows(db,
           "SELECT e.id, e.name FROM employees e WHERE e.deleted = 0 AND e.archived = 0"
           " AND (?1 IS NULL OR e.id IN (SELECT employee_id FROM team_members"
           "  WHERE team_id = ?1 AND deleted = 0)) ORDER BY e.name_key, e.id",
           {OptJson(team_id)}));
  std::map<std::string, Json> by_employee;
  for (const auto& p : people) {
    by_employee[Str(p, "id")] = Json{{"employee_id", p["id"]}, {"name", p["name"]}, {"tasks", 0},
                                     {"milli_hours", 0}, {"absent_days", 0}};
  }
  // Open tasks that may meet the range (the exact days are TaskDays), with each assignee:
  // directly or through a live team. Read row by row (no JSON per row: a busy week holds
  // thousands); `t.status IN (...)` is the open statuses, written so the live-status index
  // (schema/0010) serves it.
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st,
      db.Prepare(
           "SELECT t.id, t.planned_start, t.planned_end, t.due_date, t.estimated_hours,"
           " coalesce(a.employee_id, m.employee_id) AS employee_id"
           " FROM tasks t JOIN task_assignees a ON a.task_id = t.id AND a.deleted = 0"
           " LEFT JOIN teams tm ON tm.id = a.team_id AND tm.deleted = 0"
           " LEFT JOIN team_members m ON m.team_id = tm.id AND m.deleted = 0"
           " WHERE t.deleted = 0 AND t.status IN ('draft', 'planned', 'in_progress', 'on_hold')"
           " AND (t.planned_start < ?2 OR (t.planned_start IS NULL AND t.due_date <= ?4))"
           " AND (coalesce(t.planned_end, t.planned_start + 86400000) > ?1"
           "      OR (t.planned_start IS NULL AND t.due_date >= ?3))"));
  st.Bind(1, DayStartMs(range.from)).Bind(2, DayStartMs(AddDays(range.to, 1)));
  st.Bind(3, std::string_view(from)).Bind(4, std::string_view(to));
  struct Load {
    std::int64_t tasks = 0, milli_hours = 0;
  };
  std::map<std::string, Load> load;
  std::set<std::pair<std::string, std::string>> counted;  // (employee, task)
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (st.IsNull(5)) continue;
    std::string employee = st.Text(5);
    if (!by_employee.count(employee)) continue;
    auto opt_int = [&](int c) { return st.IsNull(c) ? std::nullopt : std::optional(st.Int(c)); };
    auto days = maint::TaskDays(opt_int(1), opt_int(2),
                                st.IsNull(3) ? std::nullopt : std::optional(st.Text(3)));
    if (!days || days->second < from || days->first > to) continue;
    if (counted.emplace(employee, st.Text(0)).second) {
      Load& l = load[employee];
      ++l.tasks;
      l.milli_hours += st.Int(4);
    }
  }
  for (const auto& [employee, l] : load) {
    by_employee[employee]["tasks"] = l.tasks;
    by_employee[employee]["milli_hours"] = l.milli_hours;
  }
  INVENTO_ASSIGN_OR_RETURN(
      auto absences,
      Rows(db,
           "SELECT employee_id, max(start_date, ?1) AS s, min(end_date, ?2) AS e FROM absences"
           " WHERE deleted = 0 AND start_date <= ?2 AND end_date >= ?1",
           {Json(from), Json(to)}));
  // Days absent, overlapping absences counted once.
  std::map<std::string, std::vector<bool>> absent;
  const std::int64_t first = DayNumber(range.from);
  const std::size_t length = static_cast<std::size_t>(DayNumber(range.to) - first + 1);
  for (const auto& a : absences) {
    const std::string employee = Str(a, "employee_id");
    if (!by_employee.count(employee)) continue;
    auto& days = absent[employee];
    days.resize(length, false);
    for (std::int64_t d = DayNumber(StoredDate(Str(a, "s"))); d <= DayNumber(StoredDate(Str(a, "e")));
         ++d) {
      days[static_cast<std::size_t>(d - first)] = true;
    }
  }
  Json rows = Json::array();
  for (const auto& p : people) {
    Json row = by_employee[Str(p, "id")];
    const auto& days = absent[Str(p, "id")];
    row["absent_days"] = std::count(days.begin(), days.end(), true);
    row["planned_hours"] = static_cast<double>(Int(row, "milli_hours")) / 1000.0;
    row.erase("milli_hours");
    rows.push_back(std::move(row));
  }
  return Json{{"from", from}, {"to", to}, {"rows", std::move(rows)}};
}

}  // namespace invento::dashboard
