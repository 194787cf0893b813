#include "core/stock/ledger.h"

#include <map>

#include "core/base/decimal.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"
#include "core/stock/common.h"
#include "core/stock/counts.h"
#include "core/stock/location_access.h"

namespace invento::stock {

using rows::OptJson;
using rows::RequireLive;
using rows::kMaxTime;
using rows::kMinTime;

namespace {

constexpr StringRule kNote{.min = 0, .max = 1000};

struct Common {
  std::string id;
  std::string item_id;
  std::int64_t occurred_at = 0;
  std::optional<std::string> note;
};

Common ReadCommon(ArgReader& r, const MutationContext& ctx) {
  Common c;
  c.id = r.Id("id");
  c.item_id = r.Id("item_id");
  c.occurred_at = r.OptionalInt("occurred_at", kMinTime, kMaxTime).value_or(ctx.now_ms);
  c.note = r.OptionalString("note", kNote);
  return c;
}

Status RequirePositive(std::int64_t qty) {
  if (qty <= 0) return Status::InvalidArgument("qty must be greater than zero", "qty");
  return Status::Ok();
}

// Like RequireLive when the caller needs nothing from the row: reads one column instead of
// building the whole row as JSON (movements are the hot path of a push).
Status RequireLiveId(const WriteTx& tx, const char* table, const std::string& id,
                     const char* field, const char* what) {
  // table comes from code, never from input.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, tx.db().Prepare(std::string("SELECT deleted FROM ") +
                                                        table + " WHERE id = ?"));
  st.Bind(1, std::string_view(id));
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.Int(0) == 1) {
    return Status::NotFound(std::string(what) + " " + id + " does not exist", field);
  }
  return Status::Ok();
}

// What a movement needs from its item; not_found (field item_id) as RequireLive.
struct LiveItem {
  bool archived = false;
  std::string reference;
  std::int64_t unit_price_cents = 0;
};

Result<LiveItem> RequireLiveItem(const WriteTx& tx, const std::string& id) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, tx.db().Prepare(
      "SELECT deleted, archived, reference, unit_price_cents FROM items WHERE id = ?"));
  st.Bind(1, std::string_view(id));
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.Int(0) == 1) return Status::NotFound("item " + id + " does not exist", "item_id");
  return LiveItem{st.Int(1) == 1, st.Text(2), st.Int(3)};
}

// Appends the entry; its id must be new (conflict otherwise, tombstones included).
Result<Json> Append(WriteTx& tx, const Common& c, const MutationContext& ctx, Json row) {
  row["id"] = c.id;
  row["item_id"] = c.item_id;
  row["occurred_at"] = c.occurred_at;
  row["actor_id"] = ctx.actor.user_id;
  row["deleted"] = 0;
  if (!row.contains("note")) row["note"] = OptJson(c.note);
  INVENTO_RETURN_IF_ERROR(tx.Insert("stock_movements", row));
  return Json{{"id", c.id}};
}

Result<Json> Receipt(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  Common c = ReadCommon(r, ctx);
  std::string location_id = r.Id("location_id");
  std::int64_t qty = r.Quantity("qty");
  auto cost = r.OptionalInt("unit_cost_cents", 0, kMaxMoneyCents);
  auto supplier_id = r.OptionalId("supplier_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequirePositive(qty));
  INVENTO_ASSIGN_OR_RETURN(LiveItem item, RequireLiveItem(tx, c.item_id));
  if (item.archived) {
    return Status::FailedPrecondition("item " + item.reference +
                                      " is archived: restore it before receiving stock");
  }
  INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "locations", location_id, "location_id", "location"));
  INVENTO_RETURN_IF_ERROR(RequireLocationAllowed(tx.db(), ctx.actor, location_id, "location_id"));
  if (supplier_id) {
    INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "suppliers", *supplier_id, "supplier_id", "supplier"));
  }
  return Append(tx, c, ctx, {{"kind", "receipt"}, {"to_location_id", location_id}, {"qty", qty},
                             {"unit_cost_cents", cost ? *cost : item.unit_price_cents},
                             {"supplier_id", OptJson(supplier_id)}});
}

// stock.issue: with a task, the task's rules apply (task.consume, which calls RecordIssue).
Result<Json> Issue(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  if (args.is_object() && args.contains("task_id") && !args["task_id"].is_null()) {
    const MutatorDef* consume = Registry::Get().FindMutator("task.consume");
    if (!consume) return Status::Internal("task.consume is not registered");
    return consume->apply(tx, args, ctx);
  }
  return RecordIssue(tx, args, ctx);
}

Result<Json> Transfer(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  Common c = ReadCommon(r, ctx);
  std::string from = r.Id("from_location_id");
  std::string to = r.Id("to_location_id");
  std::int64_t qty = r.Quantity("qty");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequirePositive(qty));
  if (from == to) {
    return Status::InvalidArgument("a transfer needs two different locations", "to_location_id");
  }
  INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "items", c.item_id, "item_id", "item"));
  INVENTO_ASSIGN_OR_RETURN(Json f, RequireLive(tx, "locations", from, "from_location_id", "location"));
  INVENTO_ASSIGN_OR_RETURN(Json t, RequireLive(tx, "locations", to, "to_location_id", "location"));
  INVENTO_RETURN_IF_ERROR(RequireTransferAllowed(tx.db(), ctx.actor, f, t));
  return Append(tx, c, ctx, {{"kind", "transfer"}, {"from_location_id", from},
                             {"to_location_id", to}, {"qty", qty}});
}

Result<Json> RecordIssueImpl(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  Common c = ReadCommon(r, ctx);
  std::string location_id = r.Id("location_id");
  std::int64_t qty = r.Quantity("qty");
  auto task_id = r.OptionalId("task_id");
  auto site_id = r.OptionalId("site_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequirePositive(qty));
  INVENTO_ASSIGN_OR_RETURN(LiveItem item, RequireLiveItem(tx, c.item_id));
  INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "locations", location_id, "location_id", "location"));
  INVENTO_RETURN_IF_ERROR(RequireLocationAllowed(tx.db(), ctx.actor, location_id, "location_id"));
  if (site_id) {
    INVENTO_ASSIGN_OR_RETURN(Json site, RequireLive(tx, "locations", *site_id, "site_id", "client site"));
    if (site["kind"] != "site") return Status::InvalidArgument("site_id must be a client site", "site_id");
  }
  if (task_id) {
    INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "tasks", *task_id, "task_id", "task"));
  }
  // The cost of consumed parts is the item's price at the time of the issue.
  return Append(tx, c, ctx, {{"kind", "issue"}, {"from_location_id", location_id}, {"qty", qty},
                             {"unit_cost_cents", item.unit_price_cents},
                             {"task_id", OptJson(task_id)}, {"site_id", OptJson(site_id)}});
}

Result<Json> Adjust(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  Common c = ReadCommon(r, ctx);
  std::string location_id = r.Id("location_id");
  std::int64_t qty = r.Quantity("qty");
  std::string reason = r.String("reason", {.min = 1, .max = 200});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (qty == 0) return Status::InvalidArgument("an adjustment cannot be zero", "qty");
  INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "items", c.item_id, "item_id", "item"));
  INVENTO_RETURN_IF_ERROR(RequireLiveId(tx, "locations", location_id, "location_id", "location"));
  return Append(tx, c, ctx, {{"kind", "adjustment"}, {"to_location_id", location_id},
                             {"qty", qty}, {"reason", reason}});
}

Result<Json> Reverse(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string movement_id = r.Id("movement_id");
  std::string reason = r.String("reason", {.min = 1, .max = 200});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json m, RequireLive(tx, "stock_movements", movement_id, "movement_id", "movement"));
  std::string kind = m["kind"].get<std::string>();
  if (kind == "count") {
    return Status::FailedPrecondition("a count is an observation and cannot be reversed: count again");
  }
  if (!m["reverses_id"].is_null()) {
    return Status::FailedPrecondition("this entry is itself a reversal and cannot be reversed");
  }
  INVENTO_ASSIGN_OR_RETURN(Json already, tx.db().QueryValue(
      "SELECT count(*) FROM stock_movements WHERE reverses_id = ? AND deleted = 0", {Json(movement_id)}));
  if (already.get<std::int64_t>() > 0) {
    return Status::Conflict("this entry has already been reversed", "movement_id");
  }
  Common c{id, m["item_id"].get<std::string>(), m["occurred_at"].get<std::int64_t>(), std::nullopt};
  Json row{{"reverses_id", movement_id}, {"reason", reason}, {"kind", kind},
           {"unit_cost_cents", m["unit_cost_cents"]}, {"task_id", m["task_id"]},
           {"site_id", m["site_id"]}, {"supplier_id", m["supplier_id"]}};
  const std::int64_t qty = m["qty"].get<std::int64_t>();
  if (kind == "receipt") {
    row.update({{"kind", "adjustment"}, {"to_location_id", m["to_location_id"]}, {"qty", -qty}});
  } else if (kind == "issue") {
    row.update({{"kind", "adjustment"}, {"to_location_id", m["from_location_id"]}, {"qty", qty}});
  } else if (kind == "transfer") {
    row.update({{"from_location_id", m["to_location_id"]}, {"to_location_id", m["from_location_id"]},
                {"qty", qty}});
  } else {  // adjustment
    row.update({{"to_location_id", m["to_location_id"]}, {"qty", -qty}});
  }
  return Append(tx, c, ctx, row);
}

// ---- queries ----

Result<Json> OnHand(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  auto item_id = r.OptionalId("item_id");
  auto location_id = r.OptionalId("location_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(BlindCountMask blind, BlindCountMask::Load(db, actor));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT o.item_id, o.location_id, l.name, o.qty, o.last_count_at, i.unit_price_cents"
      " FROM stock_onhand o JOIN locations l ON l.id = o.location_id"
      " JOIN items i ON i.id = o.item_id"
      " WHERE (?1 IS NULL OR o.item_id = ?1) AND (?2 IS NULL OR o.location_id = ?2)"
      " ORDER BY i.reference_key, l.name_key LIMIT 100000"));
  st.Bind(1, OptJson(item_id)).Bind(2, OptJson(location_id));
  Json rows = Json::array();
  std::int64_t total = 0, value = 0;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    bool hidden = false;
    if (!blind.empty()) {
      INVENTO_ASSIGN_OR_RETURN(hidden, blind.Hides(st.Text(0), st.Text(1)));
    }
    if (hidden) {  // a blind count is open there (counts.h): no book quantity, no value
      rows.push_back({{"item_id", st.Text(0)}, {"location_id", st.Text(1)},
                      {"location", st.Text(2)}, {"qty", nullptr}, {"qty_milli", nullptr},
                      {"value_cents", nullptr}, {"last_count_at", st.Value(4)},
                      {"hidden", true}});
      continue;
    }
    std::int64_t q = st.Int(3);
    total += q;
    std::int64_t v = ValueCents(q, st.Int(5));
    value += v;
    rows.push_back({{"item_id", st.Text(0)}, {"location_id", st.Text(1)}, {"location", st.Text(2)},
                    {"qty", FormatQuantity(q)}, {"qty_milli", q}, {"value_cents", v},
                    {"last_count_at", st.Value(4)}});
  }
  return Json{{"rows", std::move(rows)}, {"total", FormatQuantity(total)},
              {"total_milli", total}, {"value_cents", value}};
}

Result<Json> Movements(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  auto item_id = r.OptionalId("item_id");
  auto location_id = r.OptionalId("location_id");
  auto task_id = r.OptionalId("task_id");
  auto from = r.OptionalInt("from", 0, kMaxTime);
  auto to = r.OptionalInt("to", 0, kMaxTime);
  std::int64_t limit = r.OptionalInt("limit", 1, 1000).value_or(100);
  std::int64_t offset = r.OptionalInt("offset", 0, 1'000'000'000).value_or(0);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT m.id, m.item_id, i.reference, m.kind, m.from_location_id, m.to_location_id, m.qty,"
      " m.unit_cost_cents, m.task_id, m.site_id, m.reverses_id, m.reason, m.note, m.occurred_at,"
      " m.actor_id, m.count_session_id, m.version FROM stock_movements m JOIN items i ON i.id = m.item_id"
      " WHERE m.deleted = 0 AND (?1 IS NULL OR m.item_id = ?1)"
      " AND (?2 IS NULL OR m.from_location_id = ?2 OR m.to_location_id = ?2)"
      " AND (?3 IS NULL OR m.task_id = ?3) AND (?4 IS NULL OR m.occurred_at >= ?4)"
      " AND (?5 IS NULL OR m.occurred_at < ?5)"
      " ORDER BY m.occurred_at DESC, m.id DESC LIMIT ?6 OFFSET ?7"));
  st.Bind(1, OptJson(item_id)).Bind(2, OptJson(location_id)).Bind(3, OptJson(task_id));
  st.Bind(4, from ? Json(*from) : Json()).Bind(5, to ? Json(*to) : Json());
  st.Bind(6, limit).Bind(7, offset);
  INVENTO_ASSIGN_OR_RETURN(BlindCountMask blind, BlindCountMask::Load(db, actor));
  Json rows = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    // Movements add up to the book quantity: while a blind count hides it (counts.h), those at
    // the counted location say that something moved, not how much.
    bool hidden = false;
    if (!blind.empty()) {
      const std::string item = o["item_id"].get<std::string>();
      for (const char* side : {"from_location_id", "to_location_id"}) {
        if (hidden || !o[side].is_string()) continue;
        INVENTO_ASSIGN_OR_RETURN(hidden, blind.Hides(item, o[side].get<std::string>()));
      }
    }
    if (hidden) {
      o["qty"] = nullptr;
      o["qty_milli"] = nullptr;
      o["unit_cost_cents"] = nullptr;
      o["hidden"] = true;
      o["pending"] = o["version"] == 0;
      o.erase("version");
      rows.push_back(std::move(o));
      continue;
    }
    o["qty_milli"] = o["qty"];
    o["qty"] = FormatQuantity(o["qty"].get<std::int64_t>());
    o["pending"] = o["version"] == 0;
    o.erase("version");
    rows.push_back(std::move(o));
  }
  return Json{{"rows", std::move(rows)}, {"limit", limit}, {"offset", offset}};
}

Result<Json> Value(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string group = r.Enum("group_by", {"location", "category"});
  auto location_id = r.OptionalId("location_id");  // that location and everything inside it
  auto category_id = r.OptionalId("category_id");  // that category and its subcategories
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(CheckScope(db, location_id, category_id));
  const bool by_location = group == "location";
  auto clamp = [](Int128 v) -> Result<std::int64_t> {
    if (v > INT64_MAX || v < INT64_MIN) return Status::Internal("stock value overflows");
    return static_cast<std::int64_t>(v);
  };
  if (!by_location && !location_id && !category_id) {
    // The per-category figures the triggers keep (schema/0010), unless one went beyond 64 bits.
    INVENTO_ASSIGN_OR_RETURN(db::Stmt kept, db.Prepare(
        "SELECT v.category_id, coalesce(c.name, ''), v.value_cents, typeof(v.value_cents)"
        " FROM stock_value_by_category v LEFT JOIN categories c ON c.id = v.category_id"
        " WHERE v.n_rows > 0 ORDER BY v.category_id"));
    Json rows = Json::array();
    Int128 total = 0;
    bool exact = true;
    while (exact) {
      INVENTO_ASSIGN_OR_RETURN(bool row, kept.Step());
      if (!row) break;
      exact = kept.Text(3) == "integer";
      const std::string id = kept.Text(0);
      rows.push_back({{"id", id.empty() ? Json() : Json(id)}, {"name", kept.Text(1)},
                      {"value_cents", kept.Int(2)}});
      total += kept.Int(2);
    }
    if (exact) {
      INVENTO_ASSIGN_OR_RETURN(std::int64_t t, clamp(total));
      return Json{{"rows", std::move(rows)}, {"total_cents", t}};
    }
  }
#define INVENTO_VALUE_FILTERS                                         \
  " AND (?1 IS NULL OR o.location_id IN " INVENTO_SQL_LOCATION_SUBTREE("?1") ")" \
  " AND (?2 IS NULL OR i.category_id IN " INVENTO_SQL_CATEGORY_SUBTREE("?2") ")"
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      by_location
          ? "SELECT o.location_id, l.name, o.qty, i.unit_price_cents FROM stock_onhand o"
            " JOIN items i ON i.id = o.item_id JOIN locations l ON l.id = o.location_id"
            " WHERE i.deleted = 0" INVENTO_VALUE_FILTERS
          : "SELECT coalesce(i.category_id, ''), coalesce(c.name, ''), o.qty, i.unit_price_cents"
            " FROM stock_onhand o JOIN items i ON i.id = o.item_id"
            " LEFT JOIN categories c ON c.id = i.category_id WHERE i.deleted = 0"
            INVENTO_VALUE_FILTERS));
#undef INVENTO_VALUE_FILTERS
  st.Bind(1, OptJson(location_id)).Bind(2, OptJson(category_id));
  std::map<std::string, std::pair<std::string, Int128>> groups;
  Int128 total = 0;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    const Int128 v = ValueCentsWide(st.Int(2), st.Int(3));
    auto& g = groups[st.Text(0)];
    g.first = st.Text(1);
    g.second += v;
    total += v;
  }
  Json rows = Json::array();
  for (const auto& [id, g] : groups) {
    INVENTO_ASSIGN_OR_RETURN(std::int64_t v, clamp(g.second));
    rows.push_back({{"id", id.empty() ? Json() : Json(id)}, {"name", g.first}, {"value_cents", v}});
  }
  INVENTO_ASSIGN_OR_RETURN(std::int64_t t, clamp(total));
  return Json{{"rows", std::move(rows)}, {"total_cents", t}};
}

}  // namespace

Result<Json> RecordIssue(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  return RecordIssueImpl(tx, args, ctx);
}

void RegisterLedger(Registry& registry) {
  registry.Add(MutatorDef{"stock.receipt", &Receipt});
  registry.Add(MutatorDef{"stock.issue", &Issue});
  registry.Add(MutatorDef{"stock.transfer", &Transfer});
  registry.Add(MutatorDef{"stock.adjust", &Adjust});
  registry.Add(MutatorDef{"stock.reverse", &Reverse});
  registry.Add(QueryDef{"stock.onhand", &OnHand});
  registry.Add(QueryDef{"stock.movements", &Movements});
  registry.Add(QueryDef{"stock.value", &Value});
}

}  // namespace invento::stock
