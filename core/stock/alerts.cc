#include "core/stock/alerts.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

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

Alert FromRow(const db::Stmt& st, const std::string& kind, bool with_location) {
  Alert a;
  a.kind = kind;
  a.item_id = st.Text(0);
  a.reference = st.Text(1);
  a.label = st.Text(2);
  if (with_location) {
    a.location_id = st.Text(3);
    a.location = st.Text(4);
  }
  a.qty = st.Int(5);
  a.key = kind + ":" + a.item_id + ":" + a.location_id.value_or("");
  return a;
}

// The two under-minimum kinds: what they read and when they alert (?1: one item, or NULL).
#define kUnderMinFrom                                                                  \
  " FROM items i WHERE i.min_qty > 0 AND i.deleted = 0 AND i.archived = 0"             \
  " AND (?1 IS NULL OR i.id = ?1)"                                                     \
  " AND coalesce((SELECT sum(qty) FROM stock_onhand o WHERE o.item_id = i.id), 0) < i.min_qty"
#define kUnderMinLocationFrom                                                               \
  " FROM item_location_mins m"                                                              \
  " JOIN items i ON i.id = m.item_id JOIN locations l ON l.id = m.location_id"              \
  " LEFT JOIN stock_onhand o ON o.item_id = m.item_id AND o.location_id = m.location_id"    \
  " WHERE m.deleted = 0 AND i.deleted = 0 AND i.archived = 0 AND coalesce(o.qty, 0) < m.min_qty" \
  " AND (?1 IS NULL OR m.item_id = ?1)"

// Each alert, in the list's order, to `visit`; stops as soon as visit returns false (a caller
// that needs only the first alerts does not pay for the rest: each statement is stepped
// lazily). item_id restricts every kind to one item (an acknowledgement).
// below_minimum_only: the two under-minimum kinds only (no scan of the on-hand rows).
using AlertVisitor = std::function<Result<bool>(Alert&&)>;
Status ComputeAlerts(const db::Db& db, std::int64_t days, std::int64_t now,
                     bool below_minimum_only, const std::optional<std::string>& item_id,
                     const AlertVisitor& visit) {
  const Json item = item_id ? Json(*item_id) : Json();
  {
    // Columns: item_id, reference, label, -, -, qty, min_qty.
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
        "SELECT i.id, i.reference, i.label, NULL, NULL,"
        " coalesce((SELECT sum(qty) FROM stock_onhand o WHERE o.item_id = i.id), 0) AS qty,"
        " i.min_qty" kUnderMinFrom));
    st.Bind(1, item);
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Alert a = FromRow(st, "under_min", false);
      a.min_qty = st.Int(6);
      a.severity = *a.min_qty - a.qty;
      INVENTO_ASSIGN_OR_RETURN(bool more, visit(std::move(a)));
      if (!more) return Status::Ok();
    }
  }
  {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
        "SELECT i.id, i.reference, i.label, m.location_id, l.name, coalesce(o.qty, 0),"
        " m.min_qty" kUnderMinLocationFrom));
    st.Bind(1, item);
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Alert a = FromRow(st, "under_min_location", true);
      a.min_qty = st.Int(6);
      a.severity = *a.min_qty - a.qty;
      INVENTO_ASSIGN_OR_RETURN(bool more, visit(std::move(a)));
      if (!more) return Status::Ok();
    }
  }
  if (below_minimum_only) return Status::Ok();
  // Negative stock first, then stock not counted for `days`. Without an item, each reads its
  // partial index (schema/0010), the on-hand rows driving the join (CROSS JOIN); for one item,
  // its rows by primary key.
  const std::int64_t counted_after = std::max<std::int64_t>(now - days * kDayMs, 0);
  for (const bool negative : {true, false}) {
    std::string sql =
        "SELECT i.id, i.reference, i.label, o.location_id, l.name, o.qty, o.last_count_at"
        " FROM stock_onhand o CROSS JOIN items i ON i.id = o.item_id"
        " CROSS JOIN locations l ON l.id = o.location_id WHERE i.deleted = 0";
    sql += negative ? " AND o.qty < 0" : " AND o.qty <> 0 AND coalesce(o.last_count_at, 0) <= ?2";
    sql += item_id ? " AND o.item_id = ?1" : " AND ?1 IS NULL";
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
    st.Bind(1, item);
    if (!negative) st.Bind(2, Json(counted_after));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Alert a = FromRow(st, negative ? "negative" : "not_counted", true);
      if (negative) {
        a.severity = -a.qty;
      } else {
        a.severity = kNeverCounted;
        if (!st.IsNull(6)) {
          const std::int64_t age = now - st.Int(6);
          if (age < days * kDayMs) continue;
          a.severity = age / (days * kDayMs);
        }
      }
      INVENTO_ASSIGN_OR_RETURN(bool more, visit(std::move(a)));
      if (!more) return Status::Ok();
    }
  }
  return Status::Ok();
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
  auto limit = r.OptionalInt("limit", 1, 100'000);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto acked, AckedSeverities(db));
  INVENTO_ASSIGN_OR_RETURN(BlindCountMask blind, BlindCountMask::Load(db, actor));
  Json out = Json::array();
  bool more = false;
  INVENTO_RETURN_IF_ERROR(ComputeAlerts(
      db, days, now, below_minimum_only, std::nullopt, [&](Alert&& a) -> Result<bool> {
        if (a.location_id && !blind.empty()) {  // an alert states a quantity a blind count hides
          INVENTO_ASSIGN_OR_RETURN(bool hidden, blind.Hides(a.item_id, *a.location_id));
          if (hidden) return true;
        }
        auto it = acked.find(a.key);
        bool is_acked = it != acked.end() && a.severity <= it->second;
        if (is_acked && !include_acked) return true;
        if (limit && static_cast<std::int64_t>(out.size()) == *limit) {
          more = true;
          return false;
        }
        Json o{{"key", a.key}, {"kind", a.kind}, {"item_id", a.item_id}, {"reference", a.reference},
               {"label", a.label}, {"qty", FormatQuantity(a.qty)}, {"severity", a.severity},
               {"acknowledged", is_acked}};
        if (a.location_id) {
          o["location_id"] = *a.location_id;
          o["location"] = *a.location;
        }
        if (a.min_qty) o["min_qty"] = FormatQuantity(*a.min_qty);
        out.push_back(std::move(o));
        return true;
      }));
  Json reply{{"alerts", std::move(out)}};
  if (limit) reply["more"] = more;
  return reply;
}

}  // namespace

Result<std::int64_t> CountUnderMinimum(const db::Db& db, const Actor& actor) {
  INVENTO_ASSIGN_OR_RETURN(BlindCountMask blind, BlindCountMask::Load(db, actor));
  std::int64_t n = 0;
  if (!blind.empty()) {  // the rare case: per alert, as alert.list does
    INVENTO_RETURN_IF_ERROR(ComputeAlerts(db, 90, 0, true, std::nullopt, [&](Alert&& a) -> Result<bool> {
      if (a.location_id) {
        INVENTO_ASSIGN_OR_RETURN(bool hidden, blind.Hides(a.item_id, *a.location_id));
        if (hidden) return true;
      }
      ++n;
      return true;
    }));
    return n;
  }
  for (const char* sql : {"SELECT count(*)" kUnderMinFrom, "SELECT count(*)" kUnderMinLocationFrom}) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
    st.Bind(1, Json());
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) n += st.Int(0);
  }
  return n;
}

namespace {

Result<Json> Ack(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string key = r.String("alert_key", {.min = 1, .max = 200});
  std::int64_t days = r.OptionalInt("days_not_counted", 1, 3650).value_or(90);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "alert_acks", id));
  // A key is kind:item_id:location_id (FromRow): only that item's alerts are computed.
  const size_t first = key.find(':');
  const size_t second = first == std::string::npos ? first : key.find(':', first + 1);
  if (second == std::string::npos) return Status::NotFound("no active alert " + key, "alert_key");
  const std::string item_id = key.substr(first + 1, second - first - 1);
  std::optional<std::int64_t> severity;
  INVENTO_RETURN_IF_ERROR(ComputeAlerts(tx.db(), days, ctx.now_ms, false, item_id,
                                        [&](Alert&& a) -> Result<bool> {
                                          if (a.key == key) severity = a.severity;
                                          return !severity;
                                        }));
  if (!severity) return Status::NotFound("no active alert " + key, "alert_key");
  INVENTO_RETURN_IF_ERROR(tx.Put("alert_acks", Json{{"id", id},
                                                    {"alert_key", key},
                                                    {"severity", *severity},
                                                    {"acked_at", ctx.now_ms},
                                                    {"actor_id", ctx.actor.user_id},
                                                    {"deleted", 0}}));
  return Json{{"id", id}, {"severity", *severity}};
}

}  // namespace

void RegisterAlerts(Registry& registry) {
  registry.Add(QueryDef{"alert.list", &List});
  registry.Add(MutatorDef{"alert.ack", &Ack});
}

}  // namespace invento::stock
