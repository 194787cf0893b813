#include "core/stock/counts.h"

#include <map>
#include <set>

#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/derived_id.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"
#include "core/stock/common.h"
#include "core/stock/ledger_fold.h"
#include "core/stock/location_access.h"

namespace invento::stock {

using rows::DerivedId;
using rows::IsSelfOrDescendant;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::kMaxTime;
using rows::kMinTime;

namespace {

Result<Json> OpenSession(const WriteTx& tx, const std::string& id) {
  INVENTO_ASSIGN_OR_RETURN(Json s, RequireLive(tx, "count_sessions", id, "session_id", "count session"));
  if (s["status"] != "open") {
    return Status::FailedPrecondition("this count session is closed (read-only)");
  }
  return s;
}

Result<bool> InScope(const db::Db& db, const Json& session, const std::string& item_id,
                     const Json& item) {
  std::string scope = session["scope"].get<std::string>();
  if (scope == "all") return true;
  if (scope == "list") {
    Json ids = Json::parse(session["item_ids"].get<std::string>(), nullptr, false);
    for (const auto& i : ids) {
      if (i == item_id) return true;
    }
    return false;
  }
  if (item["category_id"].is_null()) return false;
  return IsSelfOrDescendant(db, "categories", item["category_id"].get<std::string>(),
                            session["category_id"].get<std::string>());
}

Result<Json> Open(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string location_id = r.Id("location_id");
  auto name = r.OptionalString("name", {.min = 0, .max = 120});
  std::string scope = r.OptionalEnum("scope", {"all", "category", "list"}).value_or("all");
  auto category_id = r.OptionalId("category_id");
  const Json* item_ids = r.Raw("item_ids");
  bool blind = r.Bool("blind", false);
  std::string mode = r.OptionalEnum("repeat_mode", {"add", "replace"}).value_or("add");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "count_sessions", id));
  INVENTO_ASSIGN_OR_RETURN(Json loc, RequireLive(tx, "locations", location_id, "location_id", "location"));
  INVENTO_RETURN_IF_ERROR(RequireLocationAllowed(tx.db(), ctx.actor, location_id, "location_id"));
  Json ids = Json::array();
  if (scope == "category") {
    if (!category_id) return Status::InvalidArgument("a category count needs category_id", "category_id");
    INVENTO_ASSIGN_OR_RETURN(Json c, RequireLive(tx, "categories", *category_id, "category_id", "category"));
  } else if (category_id) {
    return Status::InvalidArgument("category_id is only for scope category", "category_id");
  }
  if (scope == "list") {
    if (!item_ids || !item_ids->is_array() || item_ids->empty() || item_ids->size() > 5000) {
      return Status::InvalidArgument("a list count needs item_ids: 1 to 5000 item ids", "item_ids");
    }
    std::set<std::string> seen;
    for (const auto& i : *item_ids) {
      if (!i.is_string() || !IsUuid(i.get<std::string>())) {
        return Status::InvalidArgument("item_ids must hold item ids", "item_ids");
      }
      INVENTO_ASSIGN_OR_RETURN(Json item, RequireLive(tx, "items", i.get<std::string>(), "item_ids", "item"));
      if (seen.insert(i.get<std::string>()).second) ids.push_back(i);
    }
  } else if (item_ids) {
    return Status::InvalidArgument("item_ids is only for scope list", "item_ids");
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("count_sessions", Json{{"id", id},
                                                        {"location_id", location_id},
                                                        {"name", OptJson(name)},
                                                        {"scope", scope},
                                                        {"category_id", OptJson(category_id)},
                                                        {"item_ids", ids.dump()},
                                                        {"blind", blind ? 1 : 0},
                                                        {"repeat_mode", mode},
                                                        {"status", "open"},
                                                        {"opened_at", ctx.now_ms},
                                                        {"opened_by", ctx.actor.user_id},
                                                        {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> FindItem(const db::Db& db, const char* column, const std::string& value,
                      const char* field) {
  // column is a literal chosen below.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(std::string("SELECT * FROM items WHERE ") +
                                                   column + " = ? AND deleted = 0 LIMIT 1"));
  st.Bind(1, std::string_view(value));
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound(std::string("no item has the ") + field + " " + value, field);
  return st.RowObject();
}

// Counted quantity of each item at each place of a session (the session's location or one
// inside it: a warehouse's zones and bins), and the time of its last line there.
struct Counted {
  std::int64_t qty = 0;
  std::int64_t last_at = 0;
};
using Place = std::pair<std::string, std::string>;  // item id, location id

Result<std::map<Place, Counted>> CountedPerPlace(const db::Db& db, const Json& session) {
  const bool replace = session["repeat_mode"] == "replace";
  // Lines written before lines had a location were all at the session's location.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT item_id, coalesce(location_id, ?2), qty, counted_at FROM count_lines"
      " WHERE session_id = ?1 AND deleted = 0 ORDER BY counted_at, id"));
  st.Bind(1, std::string_view(session["id"].get_ref<const std::string&>()))
      .Bind(2, std::string_view(session["location_id"].get_ref<const std::string&>()));
  std::map<Place, Counted> out;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Counted& c = out[{st.Text(0), st.Text(1)}];
    c.qty = replace ? st.Int(2) : c.qty + st.Int(2);
    c.last_at = st.Int(3);
  }
  return out;
}

Result<std::int64_t> Expected(const db::Db& db, const std::string& item_id,
                              const std::string& location_id) {
  INVENTO_ASSIGN_OR_RETURN(Json q, db.QueryValue(
      "SELECT qty FROM stock_onhand WHERE item_id = ? AND location_id = ?",
      {Json(item_id), Json(location_id)}));
  return q.is_number_integer() ? q.get<std::int64_t>() : 0;
}

// A closed session's expected quantity for an item it counted: the on-hand just before the
// session's own observation (ledger order: occurred_at, id), so the review of a closed count
// keeps showing the variance that was found — once written, the observation makes on-hand
// equal the count. Without an observation (not counted), the current on-hand.
Result<std::int64_t> ExpectedBeforeClose(const db::Db& db, const std::string& session_id,
                                         const std::string& item_id, const std::string& location_id) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt obs, db.Prepare(
      "SELECT id, occurred_at FROM stock_movements WHERE count_session_id = ? AND item_id = ?"
      " AND to_location_id = ? AND kind = 'count' AND deleted = 0 LIMIT 1"));
  obs.Bind(1, std::string_view(session_id)).Bind(2, std::string_view(item_id))
      .Bind(3, std::string_view(location_id));
  INVENTO_ASSIGN_OR_RETURN(bool found, obs.Step());
  if (!found) return Expected(db, item_id, location_id);
  const std::string obs_id = obs.Text(0);
  const std::int64_t obs_at = obs.Int(1);
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT id, kind, from_location_id, to_location_id, qty, occurred_at FROM stock_movements"
      " WHERE item_id = ?1 AND deleted = 0 AND (from_location_id = ?2 OR to_location_id = ?2)"
      " AND (occurred_at < ?3 OR (occurred_at = ?3 AND id < ?4))"));
  st.Bind(1, std::string_view(item_id)).Bind(2, std::string_view(location_id)).Bind(3, obs_at)
      .Bind(4, std::string_view(obs_id));
  std::vector<LedgerEntry> entries;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    LedgerEntry e;
    e.id = st.Text(0);
    e.item_id = item_id;
    e.kind = st.Text(1);
    if (!st.IsNull(2)) e.from_location_id = st.Text(2);
    if (!st.IsNull(3)) e.to_location_id = st.Text(3);
    e.qty = st.Int(4);
    e.occurred_at = st.Int(5);
    entries.push_back(std::move(e));
  }
  OnHandMap before = FoldOnHand(entries);
  auto it = before.find({item_id, location_id});
  return it == before.end() ? 0 : it->second;
}

bool ShowsExpected(const Json& session, const Actor& actor) {
  return session["blind"] != 1 || IsAllowed(actor.role, "cap.count.blind_expected");
}

// A count session's lines are recorded and undone only by who may count at its location.
Status RequireMayCountIn(const WriteTx& tx, const Actor& actor, const Json& session) {
  return RequireLocationAllowed(tx.db(), actor, session["location_id"].get<std::string>(),
                                "session_id");
}

Result<Json> Record(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string session_id = r.Id("session_id");
  std::int64_t qty = r.Quantity("qty");
  std::int64_t at = r.OptionalInt("counted_at", kMinTime, kMaxTime).value_or(ctx.now_ms);
  auto item_id = r.OptionalId("item_id");
  auto barcode = r.OptionalString("barcode", {.min = 1, .max = 128});
  auto reference = r.OptionalString("reference", {.min = 1, .max = 64});
  auto where = r.OptionalId("location_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if ((item_id ? 1 : 0) + (barcode ? 1 : 0) + (reference ? 1 : 0) != 1) {
    return Status::InvalidArgument("give exactly one of item_id, barcode or reference", "item_id");
  }
  INVENTO_ASSIGN_OR_RETURN(Json session, OpenSession(tx, session_id));
  INVENTO_RETURN_IF_ERROR(RequireMayCountIn(tx, ctx.actor, session));
  const std::string session_location = session["location_id"].get<std::string>();
  const std::string location = where.value_or(session_location);
  if (location != session_location) {
    INVENTO_ASSIGN_OR_RETURN(Json place, RequireLive(tx, "locations", location, "location_id", "location"));
    INVENTO_ASSIGN_OR_RETURN(bool inside, IsSelfOrDescendant(tx.db(), "locations", location, session_location));
    if (!inside) {
      return Status::InvalidArgument("location_id must be the count's location or a location inside it",
                                     "location_id");
    }
  }
  const bool replace = session["repeat_mode"] == "replace";
  if (replace && qty < 0) return Status::InvalidArgument("a counted quantity cannot be negative", "qty");
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "count_lines", id));
  Json item;
  if (item_id) {
    INVENTO_ASSIGN_OR_RETURN(item, RequireLive(tx, "items", *item_id, "item_id", "item"));
  } else if (barcode) {
    INVENTO_ASSIGN_OR_RETURN(item, FindItem(tx.db(), "barcode", *barcode, "barcode"));
  } else {
    INVENTO_ASSIGN_OR_RETURN(item, FindItem(tx.db(), "reference_key", FoldKey(*reference), "reference"));
  }
  const std::string iid = item["id"].get<std::string>();
  INVENTO_ASSIGN_OR_RETURN(bool in_scope, InScope(tx.db(), session, iid, item));
  if (!in_scope) {
    return Status::FailedPrecondition("item " + item["reference"].get<std::string>() +
                                      " is not part of this count");
  }
  INVENTO_ASSIGN_OR_RETURN(auto counted, CountedPerPlace(tx.db(), session));
  std::int64_t total = replace ? qty : counted[{iid, location}].qty + qty;
  if (total < 0) {
    return Status::InvalidArgument("the counted total for this item cannot go below zero", "qty");
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("count_lines", Json{{"id", id},
                                                     {"session_id", session_id},
                                                     {"item_id", iid},
                                                     {"location_id", location},
                                                     {"qty", qty},
                                                     {"counted_at", at},
                                                     {"actor_id", ctx.actor.user_id},
                                                     {"deleted", 0}}));
  Json out{{"line_id", id}, {"item_id", iid}, {"location_id", location}, {"reference", item["reference"]},
           {"label", item["label"]}, {"counted", FormatQuantity(total)}};
  if (ShowsExpected(session, ctx.actor)) {
    INVENTO_ASSIGN_OR_RETURN(std::int64_t exp, Expected(tx.db(), iid, location));
    out["expected"] = FormatQuantity(exp);
  }
  return out;
}

Result<Json> UndoLast(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string session_id = r.Id("session_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json session, OpenSession(tx, session_id));
  INVENTO_RETURN_IF_ERROR(RequireMayCountIn(tx, ctx.actor, session));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, tx.db().Prepare(
      "SELECT id, item_id, coalesce(location_id, ?2) FROM count_lines WHERE session_id = ?1"
      " AND deleted = 0 ORDER BY counted_at DESC, id DESC LIMIT 1"));
  st.Bind(1, std::string_view(session_id))
      .Bind(2, std::string_view(session["location_id"].get_ref<const std::string&>()));
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("this count session has no line to undo", "session_id");
  std::string line = st.Text(0), item = st.Text(1), location = st.Text(2);
  INVENTO_RETURN_IF_ERROR(tx.Del("count_lines", line));
  return Json{{"undone_line_id", line}, {"item_id", item}, {"location_id", location}};
}

Result<Json> Close(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string session_id = r.Id("session_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json session, OpenSession(tx, session_id));
  INVENTO_ASSIGN_OR_RETURN(auto counted, CountedPerPlace(tx.db(), session));
  const std::string session_location = session["location_id"].get<std::string>();
  for (const auto& [place, c] : counted) {
    const auto& [item_id, location] = place;
    // Deterministic observation id from the session, item and place, so a retried close on
    // another replica cannot create a second observation. (At the session's own location,
    // the id observations had before lines had a location.)
    std::string obs_id = location == session_location
                             ? session_id.substr(0, 24) + item_id.substr(24)
                             : DerivedId("count:" + session_id + ":" + item_id + ":" + location);
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "stock_movements", obs_id));
    INVENTO_RETURN_IF_ERROR(tx.Put("stock_movements", Json{{"id", obs_id},
                                                           {"item_id", item_id},
                                                           {"kind", "count"},
                                                           {"to_location_id", location},
                                                           {"qty", c.qty},
                                                           {"count_session_id", session_id},
                                                           {"occurred_at", c.last_at},
                                                           {"actor_id", ctx.actor.user_id},
                                                           {"deleted", 0}}));
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("count_sessions", Json{{"id", session_id},
                                                        {"status", "closed"},
                                                        {"closed_at", ctx.now_ms},
                                                        {"closed_by", ctx.actor.user_id}}));
  return Json{{"id", session_id}, {"observations", counted.size()}};
}

Result<Json> Review(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  std::string session_id = r.Id("session_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json session, RequireLive(db, "count_sessions", session_id, "session_id", "count session"));
  const bool show = ShowsExpected(session, actor);
  const bool closed = session["status"] == "closed";
  const std::string location = session["location_id"].get<std::string>();
  INVENTO_ASSIGN_OR_RETURN(auto counted, CountedPerPlace(db, session));
  // One line per item and place (the session's location or one inside it: a warehouse's
  // zones and bins): every place in the location's subtree holding stock of an item in scope,
  // every place counted, and (list and category scopes) the items in scope held nowhere
  // there, at the session's location.
  std::string scope = session["scope"].get<std::string>();
  std::string scope_sql =
      scope == "list"
          ? "SELECT value AS item_id FROM json_each((SELECT item_ids FROM count_sessions WHERE id = ?2))"
      : scope == "category"
          ? "WITH RECURSIVE sub(id, n) AS (SELECT category_id, 0 FROM count_sessions WHERE id = ?2"
            " UNION ALL SELECT c.id, sub.n + 1 FROM categories c JOIN sub ON c.parent_id = sub.id"
            " WHERE c.deleted = 0 AND sub.n < 64)"
            " SELECT i.id AS item_id FROM items i JOIN sub ON i.category_id = sub.id"
            " WHERE i.deleted = 0 AND i.archived = 0"
          : "";
  const std::string held =
      "SELECT o.item_id, o.location_id FROM stock_onhand o WHERE o.qty <> 0"
      " AND o.location_id IN " INVENTO_SQL_LOCATION_SUBTREE("?1");
  std::string places = held + (scope_sql.empty() ? "" : " AND o.item_id IN (" + scope_sql + ")") +
                       " UNION SELECT item_id, coalesce(location_id, ?1) FROM count_lines"
                       " WHERE session_id = ?2 AND deleted = 0";
  if (!scope_sql.empty()) {
    places += " UNION SELECT s.item_id, ?1 FROM (" + scope_sql + ") s WHERE s.item_id NOT IN"
              " (SELECT h.item_id FROM (" + held + ") h)";
  }
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT i.id, i.reference, i.label, i.unit, i.unit_price_cents, p.location_id, l.name"
      " FROM (" + places + ") p JOIN items i ON i.id = p.item_id"
      " JOIN locations l ON l.id = p.location_id ORDER BY i.reference_key, l.name, p.location_id"));
  st.Bind(1, std::string_view(location)).Bind(2, std::string_view(session_id));
  Json lines = Json::array(), uncounted = Json::array();
  std::int64_t variance_value = 0;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::string iid = st.Text(0), place = st.Text(5);
    Json o{{"item_id", iid}, {"reference", st.Text(1)}, {"label", st.Text(2)}, {"unit", st.Text(3)},
           {"location_id", place}, {"location", st.Text(6)}};
    auto c = counted.find({iid, place});
    INVENTO_ASSIGN_OR_RETURN(std::int64_t exp, closed && c != counted.end()
                                                   ? ExpectedBeforeClose(db, session_id, iid, place)
                                                   : Expected(db, iid, place));
    if (show) o["expected"] = FormatQuantity(exp);
    if (c == counted.end()) {
      uncounted.push_back(std::move(o));
      continue;
    }
    o["counted"] = FormatQuantity(c->second.qty);
    o["counted_at"] = c->second.last_at;
    if (show) {
      std::int64_t var = c->second.qty - exp;
      std::int64_t val = ValueCents(var, st.Int(4));
      o["variance"] = FormatQuantity(var);
      o["variance_value_cents"] = val;
      variance_value += val;
    }
    lines.push_back(std::move(o));
  }
  Json sess{{"id", session_id}, {"location_id", location}, {"name", session["name"]},
            {"scope", scope}, {"blind", session["blind"] == 1},
            {"repeat_mode", session["repeat_mode"]}, {"status", session["status"]},
            {"opened_at", session["opened_at"]}, {"closed_at", session["closed_at"]}};
  Json out{{"session", sess}, {"lines", std::move(lines)}, {"uncounted", std::move(uncounted)},
           {"expected_visible", show}};
  if (show) out["variance_value_cents"] = variance_value;
  return out;
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto location_id = r.OptionalId("location_id");
  auto status = r.OptionalEnum("status", {"open", "closed"});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT s.id, s.location_id, l.name AS location, s.name, s.scope, s.blind, s.repeat_mode,"
      " s.status, s.opened_at, s.closed_at,"
      " (SELECT count(*) FROM count_lines c WHERE c.session_id = s.id AND c.deleted = 0) AS line_count"
      " FROM count_sessions s JOIN locations l ON l.id = s.location_id"
      " WHERE s.deleted = 0 AND (?1 IS NULL OR s.location_id = ?1) AND (?2 IS NULL OR s.status = ?2)"
      " ORDER BY s.opened_at DESC, s.id LIMIT 500"));
  st.Bind(1, OptJson(location_id)).Bind(2, OptJson(status));
  Json items = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    o["blind"] = o["blind"] == 1;
    items.push_back(std::move(o));
  }
  return Json{{"items", std::move(items)}};
}

}  // namespace

Result<BlindCountMask> BlindCountMask::Load(const db::Db& db, const Actor& actor) {
  BlindCountMask mask;
  mask.db_ = &db;
  if (IsAllowed(actor.role, "cap.count.blind_expected")) return mask;
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT id, location_id, scope, category_id, item_ids FROM count_sessions"
      " WHERE blind = 1 AND status = 'open' AND deleted = 0"));
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    mask.sessions_.push_back(st.RowObject());
  }
  // Each session hides its location and every location inside it (a warehouse's zones and
  // bins are counted with it).
  for (const Json& session : mask.sessions_) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt sub, db.Prepare("SELECT id FROM " INVENTO_SQL_LOCATION_SUBTREE("?1")));
    sub.Bind(1, std::string_view(session["location_id"].get_ref<const std::string&>()));
    std::set<std::string> places;
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, sub.Step());
      if (!row) break;
      places.insert(sub.Text(0));
    }
    mask.places_.push_back(std::move(places));
  }
  return mask;
}

Result<bool> BlindCountMask::Hides(const std::string& item_id,
                                   const std::string& location_id) const {
  for (std::size_t k = 0; k < sessions_.size(); ++k) {
    const Json& session = sessions_[k];
    if (places_[k].count(location_id) == 0) continue;
    Json item = Json::object();
    if (session["scope"] == "category") {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt st,
                               db_->Prepare("SELECT category_id FROM items WHERE id = ?"));
      st.Bind(1, std::string_view(item_id));
      INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
      item["category_id"] = found ? st.Value(0) : Json();
    }
    INVENTO_ASSIGN_OR_RETURN(bool in_scope, InScope(*db_, session, item_id, item));
    if (in_scope) return true;
  }
  return false;
}

void RegisterCounts(Registry& registry) {
  registry.Add(MutatorDef{"count.open", &Open});
  registry.Add(MutatorDef{"count.record", &Record});
  registry.Add(MutatorDef{"count.undo_last", &UndoLast});
  registry.Add(MutatorDef{"count.close", &Close});
  registry.Add(QueryDef{"count.review", &Review});
  registry.Add(QueryDef{"count.list", &List});
}

}  // namespace invento::stock
