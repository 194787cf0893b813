#include "sync-server/sync_service.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/mutators/args.h"
#include "core/sync/protocol.h"
#include "sync-server/pull_cursor.h"
#include "sync-server/server_log.h"

namespace invento::server {
namespace {

constexpr std::int64_t kDeviceClockWindowMs = 24LL * 3600 * 1000;

// The mutation's `at` when it lies within kDeviceClockWindowMs of the server clock, else
// now_ms. Compared without arithmetic on `at`, so no value (INT64_MIN, a uint64 above
// INT64_MAX, a double) can overflow into the window.
std::int64_t PlausibleDeviceTime(const Json& mutation, std::int64_t now_ms) {
  auto it = mutation.find("at");
  if (it == mutation.end() || !it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
    return now_ms;
  }
  const std::int64_t at = it->get<std::int64_t>();
  return at >= now_ms - kDeviceClockWindowMs && at <= now_ms + kDeviceClockWindowMs ? at : now_ms;
}

}  // namespace

Result<std::int64_t> SyncService::CurrentVersion() const {
  INVENTO_ASSIGN_OR_RETURN(Json v, core_.db().QueryValue("SELECT version FROM server_state WHERE id = 1"));
  return v.get<std::int64_t>();
}

Result<std::int64_t> SyncService::ClientLastMutation(const SessionUser& user,
                                                     const std::string& client_id, bool create,
                                                     std::int64_t now_ms) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(
      "SELECT user_id, last_mutation_id FROM sync_clients WHERE client_id = ?"));
  st.Bind(1, std::string_view(client_id));
  INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
  if (found) {
    if (st.Text(0) != user.user_id) {
      return Status::Forbidden("this client id belongs to another user");
    }
    return st.Int(1);
  }
  if (create) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt ins, core_.db().Prepare(
        "INSERT INTO sync_clients (client_id, user_id, last_mutation_id, created_at, last_seen_at)"
        " VALUES (?, ?, 0, ?, ?)"));
    ins.Bind(1, std::string_view(client_id)).Bind(2, std::string_view(user.user_id)).Bind(3, now_ms).Bind(4, now_ms);
    INVENTO_RETURN_IF_ERROR(ins.Run());
  }
  return std::int64_t{0};
}

Result<std::string> SyncService::Epoch() const {
  INVENTO_ASSIGN_OR_RETURN(Json e, core_.db().QueryValue("SELECT epoch FROM server_state WHERE id = 1"));
  return e.get<std::string>();
}

Result<Json> SyncService::Push(const SessionUser& user, const Json& body, std::int64_t now_ms) {
  ArgReader r(body);
  std::string client_id = r.Id("client_id");
  const Json* muts = r.Raw("mutations");
  auto device_epoch = r.OptionalString("epoch", {.min = 1, .max = 64});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string epoch, Epoch());
  // Rows from another life of this database (restored from a backup since): the device
  // starts over as a new client (core/sync/client.h, "Epochs"); nothing is processed.
  if (device_epoch && *device_epoch != epoch) return Json{{"reset", true}, {"epoch", epoch}, {"server_time", now_ms}};
  if (!muts || !muts->is_array() || muts->size() > sync::kMaxPushMutations) {
    return Status::InvalidArgument("mutations must be a list of at most " +
                                       std::to_string(sync::kMaxPushMutations) + " entries",
                                   "mutations");
  }
  // Validate the shape of every entry before touching anything. The arguments' JSON text is
  // kept for the mutation log.
  std::vector<std::string> args_text;
  args_text.reserve(muts->size());
  for (const auto& m : *muts) {
    if (!m.is_object() || !m.contains("id") || !m["id"].is_number_integer() || m["id"].get<std::int64_t>() < 1 ||
        !m.contains("name") || !m["name"].is_string() || m["name"].get<std::string>().size() > 100 ||
        !m.contains("args") || (m.contains("at") && !m["at"].is_number_integer())) {
      return Status::InvalidArgument(
          "each mutation needs {id: integer >= 1, name: string, args: object, at?: integer}", "mutations");
    }
    args_text.push_back(m["args"].dump());
    if (args_text.back().size() > sync::kMaxArgsBytes) {
      return Status::InvalidArgument("mutation " + std::to_string(m["id"].get<std::int64_t>()) +
                                         " has arguments larger than 64 KiB", "mutations");
    }
  }
  INVENTO_ASSIGN_OR_RETURN(auto sql_tx, db::Transaction::Begin(core_.db()));
  INVENTO_ASSIGN_OR_RETURN(std::int64_t last, ClientLastMutation(user, client_id, true, now_ms));
  std::int64_t expected = last + 1;
  for (const auto& m : *muts) {
    std::int64_t id = m["id"].get<std::int64_t>();
    if (id <= last) continue;
    if (id != expected) {
      return Status::InvalidArgument("mutation ids must be consecutive: expected " +
                                         std::to_string(expected) + ", got " + std::to_string(id),
                                     "mutations");
    }
    ++expected;
  }
  INVENTO_ASSIGN_OR_RETURN(std::int64_t version, CurrentVersion());
  Json results = Json::array();
  const Actor actor{user.user_id, user.role};
  for (size_t k = 0; k < muts->size(); ++k) {
    const Json& m = (*muts)[k];
    const std::int64_t id = m["id"].get<std::int64_t>();
    if (id <= last) {
      results.push_back({{"id", id}, {"status", "skipped"}});
      continue;
    }
    const std::string& name = m["name"].get_ref<const std::string&>();
    // The device's corrected clock is used when plausible, so the authoritative run
    // computes the same defaults (occurred_at) as the optimistic one; otherwise the
    // server's own time.
    const std::int64_t ctx_now = PlausibleDeviceTime(m, now_ms);
    INVENTO_ASSIGN_OR_RETURN(db::Savepoint sp, db::Savepoint::Begin(core_.db(), "mutation"));
    WriteTx tx(core_.db(), core_.tables(), version + 1);
    auto out = Core::Apply(tx, name, m["args"], {.actor = actor, .now_ms = ctx_now});
    if (!out.ok() && (out.status().code() == Code::kIoError || out.status().code() == Code::kCorrupt)) {
      return out.status();  // storage failure: abort the batch, the device retries
    }
    Json touched = Json::array();
    if (out.ok()) {
      INVENTO_RETURN_IF_ERROR(sp.Release());
      for (const auto& c : tx.changes()) touched.push_back(c.table + ":" + c.id);
      if (!tx.changes().empty()) ++version;
    } else {
      INVENTO_RETURN_IF_ERROR(sp.Rollback());
    }
    INVENTO_ASSIGN_OR_RETURN(db::Stmt log, core_.db().Prepare(
        "INSERT INTO mutation_log (client_id, mutation_id, user_id, name, args, device_time,"
        " server_time, result, code, message, version, touched) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    log.Bind(1, std::string_view(client_id)).Bind(2, id).Bind(3, std::string_view(user.user_id));
    log.Bind(4, std::string_view(name)).Bind(5, std::string_view(args_text[k]));
    // The device's own clock, as sent, when it fits a signed 64-bit integer (a larger value
    // would be stored wrapped); the mutation itself ran at the plausible time above.
    if (m.contains("at") && !(m["at"].is_number_unsigned() &&
                              m["at"].get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
      log.Bind(6, m["at"].get<std::int64_t>());
    } else {
      log.BindNull(6);
    }
    if (!out.ok() && out.status().code() == Code::kInternal) {
      // A rejection the device could not have caused: the push still answers 200 (the
      // device records the rejection), so the operator learns of it only here.
      LogError("push", std::string(name) + " from client " + client_id + " (user " + user.user_id +
                           "): " + out.status().ToString());
    }
    log.Bind(7, now_ms).Bind(8, std::string_view(out.ok() ? "accepted" : "rejected"));
    if (out.ok()) {
      log.BindNull(9).BindNull(10).Bind(11, version);
    } else {
      log.Bind(9, out.status().code_name()).Bind(10, std::string_view(out.status().message())).BindNull(11);
    }
    log.Bind(12, std::string_view(touched.dump()));
    INVENTO_RETURN_IF_ERROR(log.Run());
    Json res{{"id", id}, {"status", out.ok() ? "accepted" : "rejected"}};
    if (out.ok()) {
      res["version"] = version;
    } else {
      res["code"] = out.status().code_name();
      res["message"] = out.status().message();
      if (!out.status().field().empty()) res["field"] = out.status().field();
    }
    results.push_back(std::move(res));
    last = id;
  }
  INVENTO_ASSIGN_OR_RETURN(db::Stmt upd, core_.db().Prepare(
      "UPDATE sync_clients SET last_mutation_id = ?, last_seen_at = ? WHERE client_id = ?"));
  upd.Bind(1, last).Bind(2, now_ms).Bind(3, std::string_view(client_id));
  INVENTO_RETURN_IF_ERROR(upd.Run());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt ver, core_.db().Prepare("UPDATE server_state SET version = ? WHERE id = 1"));
  ver.Bind(1, version);
  INVENTO_RETURN_IF_ERROR(ver.Run());
  INVENTO_RETURN_IF_ERROR(sql_tx->Commit());
  return Json{{"last_mutation_id", last}, {"version", version}, {"results", std::move(results)},
              {"server_time", now_ms}, {"epoch", epoch}};
}

Result<Json> SyncService::Pull(const SessionUser& user, const Json& params, std::int64_t now_ms) {
  ArgReader r(params);
  std::string client_id = r.Id("client_id");
  std::int64_t since = r.OptionalInt("since", 0, INT64_MAX).value_or(0);
  auto until_arg = r.OptionalInt("until", 0, INT64_MAX);
  auto cursor_arg = r.OptionalString("cursor", {.min = 1, .max = 200});
  std::int64_t limit = r.OptionalInt("limit", 1, sync::kMaxPullRows).value_or(sync::kDefaultPullRows);
  auto device_epoch = r.OptionalString("epoch", {.min = 1, .max = 64});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string epoch, Epoch());
  if (device_epoch && *device_epoch != epoch) return Json{{"reset", true}, {"epoch", epoch}, {"server_time", now_ms}};
  std::int64_t cv = 0;
  int ct = -1;
  std::string cid;
  if (cursor_arg && !ParseCursor(*cursor_arg, &cv, &ct, &cid)) {
    return Status::InvalidArgument("malformed cursor", "cursor");
  }
  INVENTO_ASSIGN_OR_RETURN(std::int64_t current, CurrentVersion());
  std::int64_t until = until_arg ? std::min(*until_arg, current) : current;
  if (since > until) since = until;
  INVENTO_ASSIGN_OR_RETURN(std::int64_t last, ClientLastMutation(user, client_id, false, now_ms));

  // Gather up to `limit` rows per table after the cursor, then merge by (version, table, id).
  struct Row {
    std::int64_t version;
    int table;
    std::string id;
    Json row;
  };
  std::vector<Row> rows;
  const auto& tables = core_.tables().tables();
  // Only what the role may read: hidden tables are not sent, hidden columns carry their
  // masked value (core/auth/permissions.h, read scopes).
  const ReadScope scope = ReadScopeOf(user.role);
  for (int t = 0; t < static_cast<int>(tables.size()); ++t) {
    const std::string select = sync::ScopedSelect(tables[t], scope);
    if (select.empty()) continue;
    // Rows strictly after the cursor in (version, table, id) order.
    std::string sql = select + " WHERE version > ? AND version <= ?";
    if (cursor_arg) {
      sql += t < ct   ? " AND version > ?"
             : t == ct ? " AND (version > ? OR (version = ? AND id > ?))"
                       : " AND version >= ?";
    }
    sql += " ORDER BY version, id LIMIT ?";
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core_.db().Prepare(sql));
    int i = 1;
    st.Bind(i++, since);
    st.Bind(i++, until);
    if (cursor_arg) {
      st.Bind(i++, cv);
      if (t == ct) {
        st.Bind(i++, cv);
        st.Bind(i++, std::string_view(cid));
      }
    }
    st.Bind(i++, limit + 1);  // one more than a page tells whether another page follows
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Json o = st.RowObject();
      rows.push_back({o["version"].get<std::int64_t>(), t, o["id"].get<std::string>(), std::move(o)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.version, a.table, a.id) < std::tie(b.version, b.table, b.id);
  });
  bool more = rows.size() > static_cast<size_t>(limit);
  if (more) rows.resize(static_cast<size_t>(limit));
  Json out_rows = Json::array();
  for (auto& row : rows) out_rows.push_back({{"t", tables[row.table].name}, {"r", std::move(row.row)}});
  Json cursor;
  if (more) {
    const Row& lastrow = rows.back();
    cursor = FormatCursor(lastrow.version, lastrow.table, lastrow.id);
  }
  // Rejections the device may not have seen yet: those of its recent mutations.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt rj, core_.db().Prepare(
      "SELECT mutation_id, name, code, message FROM mutation_log WHERE client_id = ?"
      " AND result = 'rejected' ORDER BY mutation_id DESC LIMIT 200"));
  rj.Bind(1, std::string_view(client_id));
  Json rejected = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, rj.Step());
    if (!row) break;
    rejected.push_back({{"mutation_id", rj.Int(0)}, {"name", rj.Text(1)}, {"code", rj.Text(2)},
                        {"message", rj.Text(3)}});
  }
  return Json{{"scope", std::string(ReadScopeName(scope))}, {"rows", std::move(out_rows)}, {"cursor", cursor}, {"until", until},
              {"last_mutation_id", last}, {"rejected", std::move(rejected)},
              {"server_time", now_ms}, {"epoch", epoch}};
}

}  // namespace invento::server
