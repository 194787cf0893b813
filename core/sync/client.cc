#include "core/sync/client.h"

#include "core/sync/protocol.h"
#include "core/rows/derived_id.h"

#include <algorithm>
#include <functional>

namespace invento::sync {
namespace {

Json ChangesToJson(const std::vector<RowChange>& changes) {
  Json out = Json::array();
  for (const auto& c : changes) out.push_back({{"t", c.table}, {"id", c.id}, {"b", c.before}});
  return out;
}

Result<std::vector<RowChange>> ChangesFromJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return Status::Corrupt("sync_outbox.changes is not a JSON array");
  std::vector<RowChange> out;
  for (const auto& c : j) {
    if (!c.is_object() || !c.contains("t") || !c.contains("id") || !c.contains("b")) {
      return Status::Corrupt("sync_outbox.changes holds a malformed entry");
    }
    out.push_back({c["t"].get<std::string>(), c["id"].get<std::string>(), c["b"]});
  }
  return out;
}

}  // namespace

Result<std::string> SyncClient::Get(const std::string& key, const std::string& fallback) const {
  INVENTO_ASSIGN_OR_RETURN(Json v, core_.db().QueryValue(
      "SELECT value FROM sync_state WHERE key = ?", {Json(key)}));
  return v.is_string() ? v.get<std::string>() : fallback;
}

Status SyncClient::Set(const std::string& key, const std::string& value) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
      "INSERT INTO sync_state (key, value) VALUES (?, ?)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  st.Bind(1, std::string_view(key)).Bind(2, std::string_view(value));
  return st.Run();
}

Result<std::string> SyncClient::Init(const std::string& fresh_client_id) {
  INVENTO_RETURN_IF_ERROR(LoadActor());
  INVENTO_ASSIGN_OR_RETURN(std::string id, Get("client_id", ""));
  if (id.empty()) {
    id = fresh_client_id;
    INVENTO_RETURN_IF_ERROR(Set("client_id", id));
  }
  // The database's own id: its first client id (a database from before epochs: its only one).
  INVENTO_ASSIGN_OR_RETURN(std::string database_id, Get("database_id", ""));
  if (!database_id.empty()) return database_id;
  INVENTO_RETURN_IF_ERROR(Set("database_id", id));
  return id;
}

Result<Json> SyncClient::Mutate(std::string_view name, const Json& args, const Actor& actor,
                                std::int64_t device_now_ms) {
  INVENTO_ASSIGN_OR_RETURN(std::string offset, Get("clock_offset_ms", "0"));
  const std::int64_t at = CorrectedDeviceTime(device_now_ms, std::stoll(offset));
  std::string args_text = args.dump();
  if (args_text.size() > kMaxArgsBytes) {
    return Status::InvalidArgument("the arguments of this change are too large", "args");
  }
  INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(core_.db()));
  INVENTO_ASSIGN_OR_RETURN(Json next, core_.db().QueryValue(
      "SELECT max(coalesce((SELECT max(mutation_id) FROM sync_outbox), 0),"
      " coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last_mutation_id'), 0)) + 1"));
  WriteTx tx(core_.db(), core_.tables(), 0);
  INVENTO_ASSIGN_OR_RETURN(Json result, Core::Apply(tx, name, args, {.actor = actor, .now_ms = at}));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
      "INSERT INTO sync_outbox (mutation_id, name, args, at, changes) VALUES (?, ?, ?, ?, ?)"));
  st.Bind(1, next.get<std::int64_t>()).Bind(2, name).Bind(3, std::string_view(args_text)).Bind(4, at);
  st.Bind(5, std::string_view(ChangesToJson(tx.changes()).dump()));
  INVENTO_RETURN_IF_ERROR(st.Run());
  INVENTO_RETURN_IF_ERROR(sql_tx->Commit());
  return result;
}

Result<Json> SyncClient::PushRequest(std::size_t max_mutations) const {
  INVENTO_ASSIGN_OR_RETURN(std::string client_id, Get("client_id", ""));
  if (client_id.empty()) return Status::FailedPrecondition("sync client not initialised");
  // Mutations the server already acknowledged stay in the outbox until the pull that
  // brings their rows, but are not sent again.
  INVENTO_ASSIGN_OR_RETURN(std::string acked, Get("push_acked", "0"));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
      "SELECT mutation_id, name, args, at FROM sync_outbox WHERE mutation_id > ?"
      " ORDER BY mutation_id LIMIT ?"));
  st.Bind(1, static_cast<std::int64_t>(std::stoll(acked)));
  st.Bind(2, static_cast<std::int64_t>(std::min(max_mutations, kMaxPushMutations)));
  Json muts = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    muts.push_back({{"id", st.Int(0)}, {"name", st.Text(1)},
                    {"args", Json::parse(st.Text(2), nullptr, false)}, {"at", st.Int(3)}});
  }
  if (muts.empty()) return Json::object();
  Json req{{"client_id", client_id}, {"mutations", std::move(muts)}};
  INVENTO_ASSIGN_OR_RETURN(std::string epoch, Get("epoch", ""));
  if (!epoch.empty()) req["epoch"] = epoch;
  return req;
}

Status SyncClient::ApplyPushResponse(const Json& response, std::int64_t device_now_ms) {
  {
    INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(core_.db()));
    INVENTO_ASSIGN_OR_RETURN(bool reset, FollowEpoch(response, actor_));
    INVENTO_RETURN_IF_ERROR(sql_tx->Commit());
    if (reset) return Status::Ok();  // nothing of that push was processed: push again
  }
  if (response.contains("last_mutation_id") && response["last_mutation_id"].is_number_integer()) {
    INVENTO_RETURN_IF_ERROR(Set("push_acked", std::to_string(response["last_mutation_id"].get<std::int64_t>())));
  }
  if (response.contains("server_time") && response["server_time"].is_number_integer()) {
    return Set("clock_offset_ms",
               std::to_string(ClockOffset(response["server_time"].get<std::int64_t>(), device_now_ms)));
  }
  return Status::Ok();
}

Result<Json> SyncClient::PullRequest() const {
  INVENTO_ASSIGN_OR_RETURN(std::string client_id, Get("client_id", ""));
  if (client_id.empty()) return Status::FailedPrecondition("sync client not initialised");
  INVENTO_ASSIGN_OR_RETURN(std::string cookie, Get("cookie", "0"));
  INVENTO_ASSIGN_OR_RETURN(std::string cursor, Get("pull_cursor", ""));
  INVENTO_ASSIGN_OR_RETURN(std::string until, Get("pull_until", ""));
  Json req{{"client_id", client_id}, {"since", std::stoll(cookie)}};
  if (!cursor.empty()) req["cursor"] = cursor;
  if (!until.empty()) req["until"] = std::stoll(until);
  INVENTO_ASSIGN_OR_RETURN(std::string epoch, Get("epoch", ""));
  if (!epoch.empty()) req["epoch"] = epoch;
  return req;
}

Status SyncClient::UndoPending() {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
      "SELECT changes FROM sync_outbox ORDER BY mutation_id DESC"));
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    INVENTO_ASSIGN_OR_RETURN(auto changes, ChangesFromJson(st.Text(0)));
    INVENTO_RETURN_IF_ERROR(WriteTx::Undo(core_.db(), core_.tables(), changes));
  }
  return Status::Ok();
}

Status SyncClient::RedoPending(const Actor& actor) {
  std::vector<std::tuple<std::int64_t, std::string, std::string, std::int64_t>> pending;
  {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
        "SELECT mutation_id, name, args, at FROM sync_outbox ORDER BY mutation_id"));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      pending.emplace_back(st.Int(0), st.Text(1), st.Text(2), st.Int(3));
    }
  }
  for (const auto& [id, name, args, at] : pending) {
    std::string changes = "[]";
    {
      INVENTO_ASSIGN_OR_RETURN(db::Savepoint sp, db::Savepoint::Begin(core_.db(), "sync_step"));
      WriteTx tx(core_.db(), core_.tables(), 0);
      auto r = Core::Apply(tx, name, Json::parse(args, nullptr, false), {.actor = actor, .now_ms = at});
      // A mutation that no longer applies locally stays pending with no effect: the server
      // decides (it will most likely reject it, and the user will see why).
      if (r.ok()) {
        changes = ChangesToJson(tx.changes()).dump();
        INVENTO_RETURN_IF_ERROR(sp.Release());
      }
    }
    INVENTO_ASSIGN_OR_RETURN(db::Stmt up, core_.db().Prepare(
        "UPDATE sync_outbox SET changes = ? WHERE mutation_id = ?"));
    up.Bind(1, std::string_view(changes)).Bind(2, id);
    INVENTO_RETURN_IF_ERROR(up.Run());
  }
  return Status::Ok();
}

Result<Json> SyncClient::ApplyPull(const Json& response, const Actor& actor,
                                   std::int64_t device_now_ms) {
  // A page that started the pull over (a new epoch, a new read scope): nothing applied; the
  // next request starts from version 0.
  auto started_over = [&](db::Transaction& sql_tx, Json until, const char* why) -> Result<Json> {
    INVENTO_ASSIGN_OR_RETURN(Json pending, core_.db().QueryValue("SELECT count(*) FROM sync_outbox"));
    INVENTO_RETURN_IF_ERROR(sql_tx.Commit());
    return Json{{"done", false}, {"rows", 0}, {"pending", pending}, {"rejected", Json::array()},
                {"until", std::move(until)}, {"reached", 0}, {why, true}};
  };
  if (response.is_object() && response.value("reset", false) == true) {
    INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(core_.db()));
    INVENTO_ASSIGN_OR_RETURN(bool reset, FollowEpoch(response, actor));
    if (!reset) return Status::InvalidArgument("malformed pull response");
    return started_over(*sql_tx, 0, "reset");
  }
  if (!response.is_object() || !response.contains("rows") || !response["rows"].is_array() ||
      !response.contains("until") || !response["until"].is_number_integer() ||
      !response.contains("last_mutation_id") || !response["last_mutation_id"].is_number_integer()) {
    return Status::InvalidArgument("malformed pull response");
  }
  INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(core_.db()));
  if (auto s = response.find("scope"); s != response.end() && s->is_string()) {
    INVENTO_ASSIGN_OR_RETURN(bool rescoped, AdoptScope(s->get<std::string>(), actor));
    // This page was cut for the old scope: dropped.
    if (rescoped) return started_over(*sql_tx, response["until"], "rescoped");
  }
  INVENTO_ASSIGN_OR_RETURN(bool reset, FollowEpoch(response, actor));
  if (reset) return Status::InvalidArgument("malformed pull response");  // reset comes alone
  INVENTO_RETURN_IF_ERROR(UndoPending());
  std::size_t applied = 0;
  std::int64_t reached = 0;  // highest version among the rows of this page
  for (const auto& entry : response["rows"]) {
    if (!entry.is_object() || !entry.contains("t") || !entry["t"].is_string() ||
        !entry.contains("r") || !entry["r"].is_object()) {
      return Status::InvalidArgument("malformed row in pull response");
    }
    const db::TableDef* def = core_.tables().Find(entry["t"].get<std::string>());
    if (!def) return Status::InvalidArgument("pull response names unknown table " + entry["t"].get<std::string>());
    INVENTO_RETURN_IF_ERROR(WriteTx::WriteFullRow(core_.db(), *def, entry["r"]));
    if (auto v = entry["r"].find("version"); v != entry["r"].end() && v->is_number_integer()) {
      reached = std::max(reached, v->get<std::int64_t>());
    }
    ++applied;
  }
  const std::int64_t last = response["last_mutation_id"].get<std::int64_t>();
  Json new_rejections = Json::array();
  if (response.contains("rejected") && response["rejected"].is_array()) {
    for (const auto& rj : response["rejected"]) {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
          "INSERT OR IGNORE INTO sync_rejections (mutation_id, name, args, code, message, at)"
          " SELECT mutation_id, name, args, ?, ?, at FROM sync_outbox WHERE mutation_id = ?"));
      const std::string code = rj.value("code", "rejected"), message = rj.value("message", "");
      st.Bind(1, std::string_view(code)).Bind(2, std::string_view(message));
      st.Bind(3, rj.value("mutation_id", std::int64_t{-1}));
      INVENTO_RETURN_IF_ERROR(st.Run());
      if (core_.db().Changes() > 0) new_rejections.push_back(rj);
    }
  }
  INVENTO_ASSIGN_OR_RETURN(db::Stmt drop, core_.db().Prepare("DELETE FROM sync_outbox WHERE mutation_id <= ?"));
  drop.Bind(1, last);
  INVENTO_RETURN_IF_ERROR(drop.Run());
  INVENTO_RETURN_IF_ERROR(Set("last_mutation_id", std::to_string(last)));
  INVENTO_RETURN_IF_ERROR(Set("push_acked", std::to_string(last)));
  INVENTO_RETURN_IF_ERROR(RedoPending(actor));
  const bool done = !response.contains("cursor") || response["cursor"].is_null();
  if (done) {
    INVENTO_RETURN_IF_ERROR(Set("cookie", std::to_string(response["until"].get<std::int64_t>())));
    // When this device last caught up with the server (its own clock): shown to the user.
    INVENTO_RETURN_IF_ERROR(Set("last_pull_at", std::to_string(device_now_ms)));
    INVENTO_RETURN_IF_ERROR(core_.db().Exec(
        "DELETE FROM sync_state WHERE key IN ('pull_cursor', 'pull_until')"));
  } else {
    INVENTO_RETURN_IF_ERROR(Set("pull_cursor", response["cursor"].get<std::string>()));
    INVENTO_RETURN_IF_ERROR(Set("pull_until", std::to_string(response["until"].get<std::int64_t>())));
  }
  if (response.contains("server_time") && response["server_time"].is_number_integer()) {
    INVENTO_RETURN_IF_ERROR(Set("clock_offset_ms",
        std::to_string(ClockOffset(response["server_time"].get<std::int64_t>(), device_now_ms))));
  }
  INVENTO_ASSIGN_OR_RETURN(Json pending, core_.db().QueryValue("SELECT count(*) FROM sync_outbox"));
  INVENTO_RETURN_IF_ERROR(sql_tx->Commit());
  const std::int64_t until = response["until"].get<std::int64_t>();
  return Json{{"done", done}, {"rows", applied}, {"pending", pending}, {"rejected", new_rejections},
              {"until", until}, {"reached", done ? until : reached}};
}

Result<bool> SyncClient::AdoptScope(const std::string& name, const Actor& actor) {
  INVENTO_ASSIGN_OR_RETURN(std::string held, Get("scope", ""));
  if (held == name) return false;
  // The names this core knows (compared here, not with ParseReadScope: fewer bytes in wasm).
  const ReadScope scope = name == ReadScopeName(ReadScope::kField) ? ReadScope::kField : ReadScope::kFull;
  if (name != ReadScopeName(scope)) return Status::InvalidArgument("unknown read scope", "scope");
  INVENTO_RETURN_IF_ERROR(Set("scope", name));
  INVENTO_ASSIGN_OR_RETURN(std::string cookie, Get("cookie", "0"));
  INVENTO_ASSIGN_OR_RETURN(std::string cursor, Get("pull_cursor", ""));
  // No scope held: either the device never pulled (it holds nothing of the server's yet) or
  // its rows predate read scopes (it holds everything, which is what `full` reads).
  if (held.empty() && ((cookie == "0" && cursor.empty()) || scope == ReadScope::kFull)) return false;
  // The role changed (or the rows predate scopes): drop the tables this scope may not read,
  // and pull every row again from version 0, which rewrites every other row with the
  // columns this scope reads. Pending mutations stay and are re-run on top.
  INVENTO_RETURN_IF_ERROR(UndoPending());
  for (const auto& t : core_.tables().tables()) {
    if (!CanReadTable(scope, t.name)) INVENTO_RETURN_IF_ERROR(core_.db().Exec("DELETE FROM " + t.name));
  }
  INVENTO_RETURN_IF_ERROR(core_.db().Exec(
      "UPDATE sync_state SET value = '0' WHERE key = 'cookie';"
      " DELETE FROM sync_state WHERE key IN ('pull_cursor', 'pull_until')"));
  INVENTO_RETURN_IF_ERROR(RedoPending(actor));
  return true;
}

Result<bool> SyncClient::FollowEpoch(const Json& response, const Actor& actor) {
  auto e = response.find("epoch");
  if (e == response.end()) return false;  // a server from before epochs
  if (!e->is_string() || e->get<std::string>().empty() || e->get<std::string>().size() > 64) {
    return Status::InvalidArgument("malformed epoch in the server's answer");
  }
  const std::string epoch = e->get<std::string>();
  INVENTO_ASSIGN_OR_RETURN(std::string held, Get("epoch", ""));
  if (held == epoch) return false;
  if (response.value("reset", false) != true) {
    // First answer naming an epoch (a device from before epochs, or a fresh one): adopt it.
    INVENTO_RETURN_IF_ERROR(Set("epoch", epoch));
    return false;
  }
  INVENTO_RETURN_IF_ERROR(StartNewEpoch(epoch, actor));
  return true;
}

Status SyncClient::StartNewEpoch(const std::string& epoch, const Actor& actor) {
  INVENTO_RETURN_IF_ERROR(UndoPending());
  for (const auto& t : core_.tables().tables()) INVENTO_RETURN_IF_ERROR(core_.db().Exec("DELETE FROM " + t.name));
  INVENTO_ASSIGN_OR_RETURN(std::string old_client, Get("client_id", ""));
  INVENTO_ASSIGN_OR_RETURN(std::string database_id, Get("database_id", ""));
  if (database_id.empty()) INVENTO_RETURN_IF_ERROR(Set("database_id", old_client));  // kept: the same database
  // Renumbered from 1 in order (through negative ids: no two rows ever share one).
  INVENTO_RETURN_IF_ERROR(core_.db().Exec(
      "CREATE TEMP TABLE outbox_renumbered AS SELECT mutation_id AS old,"
      " row_number() OVER (ORDER BY mutation_id) AS new FROM sync_outbox;"
      " UPDATE sync_outbox SET mutation_id = -mutation_id;"
      " UPDATE sync_outbox SET mutation_id = (SELECT new FROM outbox_renumbered"
      " WHERE old = -sync_outbox.mutation_id);"
      " DROP TABLE outbox_renumbered;"));
  INVENTO_RETURN_IF_ERROR(Set("client_id", rows::DerivedId("client:" + old_client + ":" + epoch)));
  INVENTO_RETURN_IF_ERROR(Set("epoch", epoch));
  INVENTO_RETURN_IF_ERROR(core_.db().Exec(
      "UPDATE sync_state SET value = '0' WHERE key IN ('cookie', 'last_mutation_id', 'push_acked');"
      " DELETE FROM sync_state WHERE key IN ('pull_cursor', 'pull_until')"));
  return RedoPending(actor);
}

Result<Json> SyncClient::State() const {
  INVENTO_ASSIGN_OR_RETURN(std::string client_id, Get("client_id", ""));
  INVENTO_ASSIGN_OR_RETURN(std::string cookie, Get("cookie", "0"));
  INVENTO_ASSIGN_OR_RETURN(std::string offset, Get("clock_offset_ms", "0"));
  INVENTO_ASSIGN_OR_RETURN(std::string last_pull, Get("last_pull_at", ""));
  INVENTO_ASSIGN_OR_RETURN(std::string scope, Get("scope", ""));
  INVENTO_ASSIGN_OR_RETURN(Json pending, core_.db().QueryValue("SELECT count(*) FROM sync_outbox"));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
      "SELECT mutation_id, name, args, code, message, at FROM sync_rejections ORDER BY mutation_id"));
  Json rejections = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    o["args"] = Json::parse(o["args"].get<std::string>(), nullptr, false);
    rejections.push_back(std::move(o));
  }
  return Json{{"client_id", client_id}, {"pending", pending}, {"cookie", std::stoll(cookie)},
              {"clock_offset_ms", std::stoll(offset)},
              {"last_pull_at", last_pull.empty() ? Json(nullptr) : Json(std::stoll(last_pull))},
              {"scope", scope.empty() ? Json(nullptr) : Json(scope)}, {"rejections", std::move(rejections)}};
}

Result<Json> SyncClient::Session() const {
  INVENTO_ASSIGN_OR_RETURN(std::string text, Get("session", ""));
  if (text.empty()) return Json(nullptr);
  Json j = Json::parse(text, nullptr, false);
  return j.is_object() ? j : Json(nullptr);
}

Result<Actor> SyncClient::ActorOfSession(const Json& session) {
  if (!session.is_object() || !session.contains("token") || !session["token"].is_string() ||
      !session.contains("user") || !session["user"].is_object()) {
    return Status::InvalidArgument("a session is {token, user}", "session");
  }
  const Json& user = session["user"];
  if (!user.contains("id") || !user["id"].is_string() || !user.contains("role") || !user["role"].is_string()) {
    return Status::InvalidArgument("a session's user has an id and a role", "session");
  }
  INVENTO_ASSIGN_OR_RETURN(Role role, ParseRole(user["role"].get<std::string>()));
  return Actor{user["id"].get<std::string>(), role};
}

Status SyncClient::LoadActor() {
  INVENTO_ASSIGN_OR_RETURN(Json session, Session());
  auto actor = ActorOfSession(session);
  actor_ = actor.ok() ? actor.value() : kNobody;
  return Status::Ok();
}

Status SyncClient::SetSession(const Json& session) {
  if (session.is_null()) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare("DELETE FROM sync_state WHERE key = 'session'"));
    INVENTO_RETURN_IF_ERROR(st.Run());
    actor_ = kNobody;
    return Status::Ok();
  }
  INVENTO_ASSIGN_OR_RETURN(Actor actor, ActorOfSession(session));
  INVENTO_RETURN_IF_ERROR(Set("session", session.dump()));
  actor_ = std::move(actor);
  return Status::Ok();
}

namespace {

// Reads every row of `sql` it can; stops at the first unreadable one and says so.
void SalvageRows(const db::Db& db, std::string_view sql, std::string_view what,
                 const std::function<void(db::Stmt&)>& row, Json& errors) {
  auto st = db.Prepare(sql);
  if (!st.ok()) {
    errors.push_back(std::string(what) + ": " + st.status().message());
    return;
  }
  while (true) {
    auto more = st->Step();
    if (!more.ok()) {
      errors.push_back(std::string(what) + ": " + more.status().message());
      return;
    }
    if (!more.value()) return;
    row(st.value());
  }
}

}  // namespace

Json SyncClient::Salvage(const db::Db& damaged) {
  Json out{{"state", Json::object()}, {"outbox", Json::array()}, {"rejections", Json::array()},
           {"errors", Json::array()}};
  SalvageRows(damaged, "SELECT key, value FROM sync_state", "sync_state",
              [&](db::Stmt& st) { out["state"][st.Text(0)] = st.Text(1); }, out["errors"]);
  SalvageRows(damaged, "SELECT mutation_id, name, args, at FROM sync_outbox ORDER BY mutation_id",
              "sync_outbox", [&](db::Stmt& st) {
                out["outbox"].push_back({{"mutation_id", st.Int(0)}, {"name", st.Text(1)},
                                         {"args", st.Text(2)}, {"at", st.Int(3)}});
              }, out["errors"]);
  SalvageRows(damaged,
              "SELECT mutation_id, name, args, code, message, at FROM sync_rejections ORDER BY mutation_id",
              "sync_rejections", [&](db::Stmt& st) { out["rejections"].push_back(st.RowObject()); },
              out["errors"]);
  return out;
}

Result<Json> SyncClient::Restore(const Json& salvaged, const std::string& fresh_client_id) {
  if (!salvaged.is_object() || !salvaged.contains("state") || !salvaged["state"].is_object() ||
      !salvaged.contains("outbox") || !salvaged["outbox"].is_array()) {
    return Status::InvalidArgument("malformed salvage", "salvaged");
  }
  INVENTO_ASSIGN_OR_RETURN(std::string existing, Get("client_id", ""));
  if (!existing.empty()) return Status::FailedPrecondition("Restore() needs a fresh database");
  const Json& state = salvaged["state"];
  auto text = [&](const char* key) {
    auto it = state.find(key);
    return it != state.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto number = [&](const char* key) -> std::int64_t {
    std::string v = text(key);
    if (v.empty() || v.find_first_not_of("-0123456789") != std::string::npos || v.size() > 18) return 0;
    return std::stoll(v);
  };
  const std::string client_id = text("client_id");
  const auto& outbox = salvaged["outbox"];
  INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(core_.db()));
  std::int64_t kept = 0;
  if (client_id.empty()) {
    // Without its client id the unsent mutations cannot be pushed under the ids the server
    // knows; they are lost, and the device starts as a new client.
    INVENTO_RETURN_IF_ERROR(Set("client_id", fresh_client_id));
  } else {
    INVENTO_RETURN_IF_ERROR(Set("client_id", client_id));
    for (const char* key : {"session", "clock_offset_ms", "last_mutation_id", "push_acked", "database_id", "epoch"}) {
      if (!text(key).empty()) INVENTO_RETURN_IF_ERROR(Set(key, text(key)));
    }
    // Keep the consecutive run that starts at the first id after the last acknowledged one.
    // (0: unknown, the run starts at the first readable entry.)
    std::int64_t expect = number("last_mutation_id") > 0 ? number("last_mutation_id") + 1 : 0;
    for (const auto& m : outbox) {
      const std::int64_t id = m.value("mutation_id", std::int64_t{0});
      if (id <= 0 || (expect > 0 && id < expect)) continue;
      if (expect == 0) expect = id;
      if (id != expect) break;
      INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
          "INSERT INTO sync_outbox (mutation_id, name, args, at, changes) VALUES (?, ?, ?, ?, '[]')"));
      st.Bind(1, id).Bind(2, std::string_view(m.value("name", ""))).Bind(3, std::string_view(m.value("args", "{}")));
      st.Bind(4, m.value("at", std::int64_t{0}));
      INVENTO_RETURN_IF_ERROR(st.Run());
      ++kept;
      ++expect;
    }
    if (salvaged.contains("rejections") && salvaged["rejections"].is_array()) {
      for (const auto& r : salvaged["rejections"]) {
        INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
            "INSERT OR IGNORE INTO sync_rejections (mutation_id, name, args, code, message, at)"
            " VALUES (?, ?, ?, ?, ?, ?)"));
        st.Bind(1, r.value("mutation_id", std::int64_t{0})).Bind(2, std::string_view(r.value("name", "")));
        st.Bind(3, std::string_view(r.value("args", "{}"))).Bind(4, std::string_view(r.value("code", "")));
        st.Bind(5, std::string_view(r.value("message", ""))).Bind(6, r.value("at", std::int64_t{0}));
        INVENTO_RETURN_IF_ERROR(st.Run());
      }
    }
  }
  // Re-run what was kept on the (empty) database, as the restored session's user; what cannot
  // apply yet stays pending and is re-run again after the first pull brings the server's rows.
  const Actor before = actor_;
  if (!client_id.empty() && !text("session").empty()) {
    auto restored_actor = ActorOfSession(Json::parse(text("session"), nullptr, false));
    if (restored_actor.ok()) actor_ = restored_actor.value();
  }
  INVENTO_RETURN_IF_ERROR(RedoPending(actor_));
  if (auto committed = sql_tx->Commit(); !committed.ok()) {
    actor_ = before;
    return committed;
  }
  const std::int64_t lost = static_cast<std::int64_t>(outbox.size()) - kept;
  INVENTO_ASSIGN_OR_RETURN(std::string used, Get("client_id", ""));
  return Json{{"kept", kept}, {"lost", lost}, {"client_id", used}};
}

Status SyncClient::DismissRejection(std::int64_t mutation_id) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare("DELETE FROM sync_rejections WHERE mutation_id = ?"));
  st.Bind(1, mutation_id);
  return st.Run();
}

}  // namespace invento::sync
