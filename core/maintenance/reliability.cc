#include "core/maintenance/reliability.h"

#include <algorithm>

#include "core/base/decimal.h"
#include "core/maintenance/materials.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::Rows;
using rows::Str;
using rows::kMaxTime;

namespace {

constexpr std::int64_t kForever = INT64_MAX;

struct DownPeriod {
  std::int64_t start, end;  // end = kForever while still down
};

Result<std::vector<Json>> Events(const db::Db& db, const std::string& asset_id) {
  return Rows(
      db,
      "SELECT id, status, previous_status, at, task_id, note, actor_id FROM asset_status_events"
      " WHERE asset_id = ? AND deleted = 0 ORDER BY at, id",
      {Json(asset_id)});
}

std::vector<DownPeriod> DownPeriods(const std::vector<Json>& events) {
  std::vector<DownPeriod> out;
  bool down = false;
  for (const auto& e : events) {
    bool is_down = Str(e, "status") == "down";
    if (is_down && !down) out.push_back({Int(e, "at"), kForever});
    if (!is_down && down) out.back().end = Int(e, "at");
    down = is_down;
  }
  return out;
}

std::int64_t Overlap(std::int64_t a, std::int64_t b, std::int64_t from, std::int64_t to) {
  return std::max<std::int64_t>(0, std::min(b, to) - std::max(a, from));
}

// ms -> hours as text (milli-hour precision, rounded half up).
Json Hours(const Json& ms) {
  if (!ms.is_number_integer()) return nullptr;
  return FormatQuantity((ms.get<std::int64_t>() + 1800) / 3600);
}

Result<Json> Kpi(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::int64_t from = r.Int("from", 0, kMaxTime);
  std::int64_t to = r.Int("to", 0, kMaxTime);
  auto asset_id = r.OptionalId("asset_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (to <= from) return Status::InvalidArgument("to must be after from", "to");
  if (asset_id) {
    INVENTO_ASSIGN_OR_RETURN(Json a, RequireLive(db, "assets", *asset_id, "asset_id", "asset"));
  }
  INVENTO_ASSIGN_OR_RETURN(
      auto assets,
      Rows(db,
           "SELECT a.id, a.name FROM assets a WHERE a.deleted = 0 AND (?1 IS NULL OR a.id = ?1)"
           " AND EXISTS (SELECT 1 FROM asset_status_events e WHERE e.asset_id = a.id AND e.deleted "
           "= 0)"
           " ORDER BY a.name_key, a.id",
           {OptJson(asset_id)}));
  Reliability total;
  Json rows = Json::array();
  for (const auto& a : assets) {
    INVENTO_ASSIGN_OR_RETURN(Reliability rel, AssetReliability(db, Str(a, "id"), from, to));
    total += rel;
    Json row = ReliabilityJson(rel);
    row["asset_id"] = a["id"];
    row["name"] = a["name"];
    rows.push_back(std::move(row));
  }
  return Json{{"assets", rows}, {"total", ReliabilityJson(total)}};
}

Result<Json> History(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::int64_t from = r.OptionalInt("from", 0, kMaxTime).value_or(0);
  std::int64_t to = r.OptionalInt("to", 0, kMaxTime).value_or(kMaxTime);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json asset, RequireLive(db, "assets", id, "id", "asset"));
  INVENTO_ASSIGN_OR_RETURN(
      auto tasks, Rows(db,
                       "SELECT id, title, type, priority, status, due_date, created_at, "
                       "started_at, completed_at, pm_plan_id"
                       " FROM tasks WHERE asset_id = ?1 AND deleted = 0 AND created_at < ?3"
                       " AND (completed_at IS NULL OR completed_at >= ?2) ORDER BY created_at, id",
                       {Json(id), Json(from), Json(to)}));
  Json parts = Json::array();
  std::int64_t parts_value = 0;
  for (const auto& t : tasks) {
    INVENTO_ASSIGN_OR_RETURN(Json m, TaskMaterials(db, Str(t, "id")));
    for (auto& c : m["consumed"]) {
      c["task_id"] = t["id"];
      parts.push_back(c);
    }
    parts_value += m["consumed_value_cents"].get<std::int64_t>();
  }
  INVENTO_ASSIGN_OR_RETURN(auto events, Events(db, id));
  Json downtime = Json::array();
  std::int64_t down_ms = 0;
  for (const auto& p : DownPeriods(events)) {
    if (p.end <= from || p.start >= to) continue;
    std::int64_t d = Overlap(p.start, p.end, from, to);
    down_ms += d;
    downtime.push_back({{"start", p.start},
                        {"end", p.end == kForever ? Json() : Json(p.end)},
                        {"duration_ms", p.end == kForever ? Json() : Json(p.end - p.start)}});
  }
  Json in_window = Json::array();
  for (const auto& e : events) {
    if (Int(e, "at") >= from && Int(e, "at") < to) in_window.push_back(e);
  }
  return Json{{"work_orders", tasks}, {"parts", parts},         {"parts_value_cents", parts_value},
              {"downtime", downtime}, {"downtime_ms", down_ms}, {"status_events", in_window}};
}

}  // namespace

Reliability& Reliability::operator+=(const Reliability& o) {
  failures += o.failures;
  repairs += o.repairs;
  repair_ms += o.repair_ms;
  uptime_ms += o.uptime_ms;
  downtime_ms += o.downtime_ms;
  return *this;
}

Result<Reliability> AssetReliability(const db::Db& db, const std::string& asset_id,
                                     std::int64_t from, std::int64_t to) {
  INVENTO_ASSIGN_OR_RETURN(auto events, Events(db, asset_id));
  Reliability rel;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string status = Str(events[i], "status");
    std::int64_t start = Int(events[i], "at");
    std::int64_t end = i + 1 < events.size() ? Int(events[i + 1], "at") : kForever;
    std::int64_t in = Overlap(start, end, from, to);
    if (status == "running" || status == "degraded") rel.uptime_ms += in;
    if (status == "down") {
      rel.downtime_ms += in;
      bool was_down = i > 0 && Str(events[i - 1], "status") == "down";
      if (i > 0 && !was_down && start >= from && start < to) ++rel.failures;
    }
  }
  for (const auto& p : DownPeriods(events)) {
    if (p.end != kForever && p.end >= from && p.end < to) {
      ++rel.repairs;
      rel.repair_ms += p.end - p.start;
    }
  }
  return rel;
}

Json ReliabilityJson(const Reliability& r) {
  Json mttr = r.repairs > 0 ? Json(r.repair_ms / r.repairs) : Json();
  Json mtbf = r.failures > 0 ? Json(r.uptime_ms / r.failures) : Json();
  std::int64_t observed = r.uptime_ms + r.downtime_ms;
  Json avail_bp = observed > 0 ? Json(BasisPoints(r.uptime_ms, observed)) : Json();
  return Json{
      {"failures", r.failures},
      {"repairs", r.repairs},
      {"repair_ms", r.repair_ms},
      {"uptime_ms", r.uptime_ms},
      {"downtime_ms", r.downtime_ms},
      {"mttr_ms", mttr},
      {"mttr_hours", Hours(mttr)},
      {"mtbf_ms", mtbf},
      {"mtbf_hours", Hours(mtbf)},
      {"availability_bp", avail_bp},
      {"availability",
       avail_bp.is_null() ? Json() : Json(FormatBasisPoints(avail_bp.get<std::int64_t>()))}};
}

void RegisterReliability(Registry& registry) {
  registry.Add(QueryDef{"asset.kpi", &Kpi});
  registry.Add(QueryDef{"asset.history", &History});
}

}  // namespace invento::maint
