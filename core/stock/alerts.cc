#include "core/stock/alerts.h"

#include <map>

#include "core/base/clock.h"
#include "core/base/decimal.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/stock/counts.h"

namespace invento::stock {

using rows::RequireNewId;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kNeverCounted = 1'000'000;

struct Alert {
  std::string key, kind, item_id, reference, label;
  std::optional<std::string> location_id, location;
  std::int64_t qty = 0;
  std::optional<std::int64_t> min_qty;
  std::int64_t severity = 0;
};

Status Collect(const db::Db& db, const char* sql, std::vector<db::Json>* rows,
               std::initializer_list<db::Json> params = {}) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
  int i = 1;
  for (const auto& p : params) st.Bind(i++, p);
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    rows->push_back(st.RowObject());
  }
  return Status::Ok();
}

Alert FromRow(const Json& r, const std::string& kind) {
  Alert a;
  a.kind = kind;
  a.item_id = r["item_id"].get<std::string>();
  a.reference = r["reference"].get<std::string>();
  a.label = r["label"].get<std::string>();
  if (r.contains("location_id") && r["location_id"].is_string()) {
    a.location_id = r["location_id"].get<std::string>();
    a.location = r["location"].get<std::string>();
  }
  a.qty = r["qty"].get<std::int64_t>();
  a.key = kind + ":" + a.item_id + ":" + a.location_id.value_or("");
  return a;
}

// below_minimum_only: the two under-minimum kinds only (no scan of every on-hand row).
Result<std::vector<Alert>> ComputeAlerts(const db::Db& db, std::int64_t days, std::int64_t now,
                                         bool below_minimum_only = false) {
  std::vector<Alert> out;
  std::vector<Json> rows;
  INVENTO_RETURN_IF_ERROR(Collect(db,
      "SELECT i.id AS item_id, i.reference, i.label, i.min_qty,"
      " coalesce((SELECT sum(qty) FROM stock_onhand o WHERE o.item_id = i.id), 0) AS qty"
      " FROM items i WHERE i.deleted = 0 AND i.archived = 0 AND i.min_qty > 0"
      " AND coalesce((SELECT sum(qty) FROM stock_onhand o WHERE o.item_id = i.id), 0) < i.min_qty",
      &rows));
  for (const auto& r : rows) {
    Alert a = FromRow(r, "under_min");
    a.min_qty = r["min_qty"].get<std::int64_t>();
    a.severity = *a.min_qty - a.qty;
    out.push_back(a);
  }
  rows.clear();
  INVENTO_RETURN_IF_ERROR(Collect(db,
      "SELECT i.id AS item_id, i.reference, i.label, m.location_id, l.name AS location, m.min_qty,"
      " coalesce(o.qty, 0) AS qty FROM item_location_mins m"
      " JOIN items i ON i.id = m.item_id JOIN locations l ON l.id = m.location_id"
      " LEFT JOIN stock_onhand o ON o.item_id = m.item_id AND o.location_id = m.location_id"
      " WHERE m.deleted = 0 AND i.deleted = 0 AND i.archived = 0 AND coalesce(o.qty, 0) < m.min_qty",
      &rows));
  for (const auto& r : rows) {
    Alert a = FromRow(r, "under_min_location");
    a.min_qty = r["min_qty"].get<std::int64_t>();
    a.severity = *a.min_qty - a.qty;
    out.push_back(a);
  }
  if (below_minimum_only) return out;
  rows.clear();
  INVENTO_RETURN_IF_ERROR(Collect(db,
      "SELECT i.id AS item_id, i.reference, i.label, o.location_id, l.name AS location, o.qty,"
      " o.last_count_at FROM stock_onhand o JOIN items i ON i.id = o.item_id"
      " JOIN locations l ON l.id = o.location_id WHERE i.deleted = 0 AND o.qty <> 0",
      &rows));
  for (const auto& r : rows) {
    if (r["qty"].get<std::int64_t>() < 0) {
      Alert a = FromRow(r, "negative");
      a.severity = -a.qty;
      out.push_back(a);
    }
    std::int64_t periods = kNeverCounted;
    if (r["last_count_at"].is_number_integer()) {
      std::int64_t age = now - r["last_count_at"].get<std::int64_t>();
      if (age < days * kDayMs) continue;
      periods = age / (days * kDayMs);
    }
    Alert a = FromRow(r, "not_counted");
    a.severity = periods;
    out.push_back(a);
  }
  return out;
}

Result<std::map<std::string, std::int64_t>> AckedSeverities(const db::Db& db) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT alert_key, severity FROM alert_acks WHERE deleted = 0 ORDER BY acked_at, id"));
  std::map<std::string, std::int64_t> out;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out[st.Text(0)] = st.Int(1);  // the latest acknowledgement wins
  }
  return out;
}

Result<Json> List(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  std::int64_t days = r.OptionalInt("days_not_counted", 1, 3650).value_or(90);
  std::int64_t now = r.OptionalInt("as_of", 0, 7258118400000).value_or(NowMs());
  bool include_acked = r.Bool("include_acknowledged", false);
  bool below_minimum_only = r.Bool("below_minimum_only", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto alerts, ComputeAlerts(db, days, now, below_minimum_only));
  INVENTO_ASSIGN_OR_RETURN(auto acked, AckedSeverities(db));
  INVENTO_ASSIGN_OR_RETURN(BlindCountMask blind, BlindCountMask::Load(db, actor));
  Json out = Json::array();
  for (const auto& a : alerts) {
    if (a.location_id && !blind.empty()) {  // an alert states a quantity a blind count hides
      INVENTO_ASSIGN_OR_RETURN(bool hidden, blind.Hides(a.item_id, *a.location_id));
      if (hidden) continue;
    }
    auto it = acked.find(a.key);
    bool is_acked = it != acked.end() && a.severity <= it->second;
    if (is_acked && !include_acked) continue;
    Json o{{"key", a.key}, {"kind", a.kind}, {"item_id", a.item_id}, {"reference", a.reference},
           {"label", a.label}, {"qty", FormatQuantity(a.qty)}, {"severity", a.severity},
           {"acknowledged", is_acked}};
    if (a.location_id) {
      o["location_id"] = *a.location_id;
      o["location"] = *a.location;
    }
    if (a.min_qty) o["min_qty"] = FormatQuantity(*a.min_qty);
    out.push_back(std::move(o));
  }
  return Json{{"alerts", std::move(out)}};
}

Result<Json> Ack(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string key = r.String("alert_key", {.min = 1, .max = 200});
  std::int64_t days = r.OptionalInt("days_not_counted", 1, 3650).value_or(90);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "alert_acks", id));
  INVENTO_ASSIGN_OR_RETURN(auto alerts, ComputeAlerts(tx.db(), days, ctx.now_ms));
  for (const auto& a : alerts) {
    if (a.key != key) continue;
    INVENTO_RETURN_IF_ERROR(tx.Put("alert_acks", Json{{"id", id},
                                                      {"alert_key", key},
                                                      {"severity", a.severity},
                                                      {"acked_at", ctx.now_ms},
                                                      {"actor_id", ctx.actor.user_id},
                                                      {"deleted", 0}}));
    return Json{{"id", id}, {"severity", a.severity}};
  }
  return Status::NotFound("no active alert " + key, "alert_key");
}

}  // namespace

void RegisterAlerts(Registry& registry) {
  registry.Add(QueryDef{"alert.list", &List});
  registry.Add(MutatorDef{"alert.ack", &Ack});
}

}  // namespace invento::stock
