#include "sync-server/pg_mirror.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "core/base/json_parse.h"
#include "core/db/migrations.h"

namespace invento::server {
namespace {

// pg_advisory_xact_lock's key for "one unit of database work at a time": 'I','N','V'.
constexpr const char* kLockSql = "BEGIN; SELECT pg_advisory_xact_lock(4804182)";
constexpr int kPageRows = 10000;

using Rows = std::vector<std::vector<std::string>>;

std::string Quote(const std::string& name) {  // names come from sqlite_schema, never input
  return "\"" + name + "\"";
}

Json ValueJson(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL: return nullptr;
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return sqlite3_value_double(v);
    default:
      return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)),
                         static_cast<std::size_t>(sqlite3_value_bytes(v)));
  }
}

void BindJson(db::Stmt& st, int index, const Json& v) {
  if (v.is_number_float()) {
    sqlite3_bind_double(st.raw(), index, v.get<double>());
  } else {
    st.Bind(index, v);
  }
}

Result<Rows> ResultRows(PGresult* res, pg_conn* conn) {
  const ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    PQclear(res);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Status::IoError("PostgreSQL: " + msg);
  }
  Rows rows;
  const int n = PQntuples(res), cols = PQnfields(res);
  rows.reserve(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    std::vector<std::string> row;
    row.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      // A NULL reads as the one string no column here can hold.
      row.emplace_back(PQgetisnull(res, r, c) ? std::string("\x01null", 5) : PQgetvalue(res, r, c));
    }
    rows.push_back(std::move(row));
  }
  PQclear(res);
  return rows;
}

bool IsNull(const std::string& s) { return s.size() == 5 && s[0] == '\x01'; }

int CommitHook(void* mirror_committing) {
  // Non-zero turns the commit into a rollback: a write outside a unit would never reach
  // PostgreSQL, so it does not happen either.
  return static_cast<std::atomic<bool>*>(mirror_committing)->load() ? 0 : 1;
}

}  // namespace

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

Result<PgConnection> PgConnection::Connect(const std::string& url) {
  // Each connection names itself, so restore-database can see whether servers are running.
  const char* keys[] = {"dbname", "application_name", nullptr};
  const char* values[] = {url.c_str(), "invento-server", nullptr};
  pg_conn* c = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Status::IoError("cannot connect to PostgreSQL (DATABASE_URL): " + msg);
  }
  PgConnection conn(c);
  // Quiet NOTICEs ("relation already exists, skipping") stay out of the server's log.
  INVENTO_RETURN_IF_ERROR(conn.Exec("SET client_min_messages = warning").status());
  return conn;
}

PgConnection& PgConnection::operator=(PgConnection&& o) noexcept {
  if (this != &o) {
    if (conn_) PQfinish(conn_);
    conn_ = o.conn_;
    o.conn_ = nullptr;
  }
  return *this;
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

Status PgConnection::Revive() {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Status::IoError("PostgreSQL (DATABASE_URL) cannot be reached: " + msg);
  }
  return Exec("SET client_min_messages = warning").status();
}

Result<Rows> PgConnection::Exec(const std::string& sql) {
  return ResultRows(PQexec(conn_, sql.c_str()), conn_);
}

Result<Rows> PgConnection::Exec(const std::string& sql, const std::vector<const std::string*>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string* p : params) values.push_back(p ? p->c_str() : nullptr);
  return ResultRows(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0),
                    conn_);
}

const std::vector<std::string>& PgMirror::DerivedTables() {
  // Kept by the triggers of schema/0002, 0007 and 0010 from stock_movements and items; the
  // triggers rebuild them on every replica as the rows they summarise are applied.
  static const std::vector<std::string> kDerived = {"stock_onhand", "stock_onhand_dirty",
                                                    "stock_movement_days", "stock_value_by_category"};
  return kDerived;
}

Result<std::unique_ptr<PgMirror>> PgMirror::Open(const std::string& url, db::Db& replica, bool create) {
  INVENTO_ASSIGN_OR_RETURN(PgConnection pg, PgConnection::Connect(url));
  std::unique_ptr<PgMirror> m(new PgMirror(std::move(pg), replica));
  INVENTO_RETURN_IF_ERROR(replica.Exec(
      "CREATE TABLE IF NOT EXISTS replica_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
      " source TEXT NOT NULL, seq INTEGER NOT NULL)"));
  INVENTO_RETURN_IF_ERROR(m->LoadTables());
  INVENTO_RETURN_IF_ERROR(m->EnsureSchema(create));
  sqlite3_commit_hook(replica.raw(), CommitHook, &m->committing_);
  return m;
}

PgMirror::~PgMirror() {
  if (in_unit_) Rollback();
  sqlite3_commit_hook(db_.raw(), nullptr, nullptr);
}

Status PgMirror::LoadTables() {
  std::set<std::string> skip(DerivedTables().begin(), DerivedTables().end());
  for (const char* t : {"schema_migrations", "replica_state", "sync_outbox", "sync_state", "sync_rejections"}) {
    skip.insert(t);
  }
  std::vector<std::string> virtuals, names;
  {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
        "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_schema WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      (st.Int(1) ? virtuals : names).push_back(st.Text(0));
    }
  }
  for (const std::string& name : names) {
    if (skip.count(name)) continue;
    // A virtual table's shadow tables (items_fts_data, ...) belong to its index.
    bool shadow = std::any_of(virtuals.begin(), virtuals.end(),
                              [&](const std::string& v) { return name.rfind(v + "_", 0) == 0; });
    if (shadow) continue;
    Table t;
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid"));
    st.Bind(1, std::string_view(name));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      t.columns.push_back(st.Text(0));
      if (st.Int(1) > 0) t.pk.push_back(st.Text(0));
    }
    if (t.pk.empty()) {
      return Status::Internal("table " + name + " has no primary key: it cannot be replicated to PostgreSQL");
    }
    tables_.emplace(name, std::move(t));
  }
  return Status::Ok();
}

Status PgMirror::EnsureSchema(bool create) {
  INVENTO_RETURN_IF_ERROR(pg_.Exec(kLockSql).status());
  auto fail = [&](Status s) {
    (void)pg_.Exec("ROLLBACK");
    return s;
  };
  Status s = pg_.Exec(
                    "CREATE TABLE IF NOT EXISTS invento_meta (key text PRIMARY KEY, value text NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS invento_rows (tbl text NOT NULL, pk text NOT NULL,"
                    " seq bigint NOT NULL, data text, PRIMARY KEY (tbl, pk));"
                    "CREATE INDEX IF NOT EXISTS invento_rows_seq ON invento_rows (seq, tbl, pk)")
                 .status();
  if (!s.ok()) return fail(s);
  auto meta = pg_.Exec("SELECT key, value FROM invento_meta");
  if (!meta.ok()) return fail(meta.status());
  std::map<std::string, std::string> values;
  for (auto& row : meta.value()) values[row[0]] = row[1];
  auto shared = db::SchemaVersion(db_, "shared");
  auto server = db::SchemaVersion(db_, "server");
  if (!shared.ok()) return fail(shared.status());
  if (!server.ok()) return fail(server.status());
  const std::string mine = std::to_string(shared.value()) + "/" + std::to_string(server.value());

  INVENTO_ASSIGN_OR_RETURN(Json source, db_.QueryValue("SELECT source FROM replica_state WHERE id = 1"));
  INVENTO_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  Status done = [&]() -> Status {
    if (values.empty() && !create) {
      return Status::NotFound("the PostgreSQL database (DATABASE_URL) holds no Invento data: run "
                              "'invento-server init-db' first");
    }
    if (values.empty()) {
      // A new PostgreSQL database: it starts from this replica's rows, which must then be
      // only what the migrations wrote (a replica of an earlier database would carry its data).
      if (source.is_string()) {
        return Status::FailedPrecondition(
            "REPLICA_PATH holds a copy of another database: remove it before initialising a new "
            "PostgreSQL database");
      }
      INVENTO_ASSIGN_OR_RETURN(Rows id, pg_.Exec("SELECT gen_random_uuid()::text"));
      database_id_ = id[0][0];
      const std::string* params[] = {&database_id_, &mine};
      INVENTO_RETURN_IF_ERROR(pg_.Exec("INSERT INTO invento_meta VALUES ('database_id', $1), ('schema', $2)",
                                       {params[0], params[1]})
                                  .status());
      INVENTO_RETURN_IF_ERROR(PublishAll());
      return SaveSeq();
    }
    database_id_ = values["database_id"];
    if (values["schema"] != mine) {
      return Status::FailedPrecondition("the PostgreSQL database holds schema " + values["schema"] +
                                        " and this server's is " + mine +
                                        " (shared/server migrations): upgrading a PostgreSQL database's "
                                        "schema is not supported yet (docs/operations.md)");
    }
    // An empty replica, or one of another database: emptied, then loaded whole.
    if (source != Json(database_id_)) return Reload();
    INVENTO_ASSIGN_OR_RETURN(Json seq, db_.QueryValue("SELECT seq FROM replica_state WHERE id = 1"));
    seq_ = seq.get<std::int64_t>();
    return ApplySince(seq_);
  }();
  if (!done.ok()) {
    (void)db_.Exec("ROLLBACK");
    return fail(done);
  }
  if (Status c = db_.Exec("COMMIT"); !c.ok()) return fail(c);
  return pg_.Exec("COMMIT").status();
}

Status PgMirror::Reload() {
  for (const auto& [name, table] : tables_) {
    INVENTO_RETURN_IF_ERROR(db_.Exec("DELETE FROM " + Quote(name)));
  }
  seq_ = 0;
  return ApplySince(0);
}

Status PgMirror::NewDatabaseId() {
  if (!in_unit_) return Status::Internal("NewDatabaseId outside a unit");
  INVENTO_ASSIGN_OR_RETURN(Rows id, pg_.Exec("UPDATE invento_meta SET value = gen_random_uuid()::text"
                                             " WHERE key = 'database_id' RETURNING value"));
  if (id.empty()) return Status::NotFound("invento_meta has no database_id");
  database_id_ = id[0][0];
  return SaveSeq();
}

Status PgMirror::SaveSeq() {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "INSERT INTO replica_state (id, source, seq) VALUES (1, ?, ?)"
      " ON CONFLICT (id) DO UPDATE SET source = excluded.source, seq = excluded.seq"));
  st.Bind(1, std::string_view(database_id_)).Bind(2, seq_);
  return st.Run();
}

Status PgMirror::PublishAll() {
  Json rows = Json::array();
  for (const auto& [name, table] : tables_) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("SELECT * FROM " + Quote(name)));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Json obj = st.RowObject();
      Json pk = Json::array();
      for (const std::string& c : table.pk) pk.push_back(obj[c]);
      rows.push_back(Json::array({name, pk.dump(), obj.dump()}));
    }
  }
  seq_ = 1;
  const std::string seq = "1", body = rows.dump();
  return pg_.Exec(
             "INSERT INTO invento_rows (tbl, pk, seq, data)"
             " SELECT e->>0, e->>1, $1::bigint, e->>2 FROM json_array_elements($2::json) e",
             {&seq, &body})
      .status();
}

Status PgMirror::ApplySince(std::int64_t since) {
  std::string seq = std::to_string(since), tbl, pk;
  bool first = true;
  std::int64_t max_seq = since;
  while (true) {
    const std::string limit = std::to_string(kPageRows);
    auto page = first ? pg_.Exec("SELECT tbl, pk, seq, data FROM invento_rows WHERE seq > $1::bigint"
                                 " ORDER BY seq, tbl, pk LIMIT $2::int",
                                 {&seq, &limit})
                      : pg_.Exec("SELECT tbl, pk, seq, data FROM invento_rows"
                                 " WHERE (seq, tbl, pk) > ($1::bigint, $2, $3) ORDER BY seq, tbl, pk LIMIT $4::int",
                                 {&seq, &tbl, &pk, &limit});
    if (!page.ok()) return page.status();
    // Rows arrive in seq order, not in the order of their references: the foreign keys are
    // checked at the end of the transaction while applying them (deferring them for the
    // unit's own work would slow every insert down).
    if (first && !page->empty()) INVENTO_RETURN_IF_ERROR(db_.Exec("PRAGMA defer_foreign_keys = ON"));
    first = false;
    for (const auto& row : page.value()) {
      INVENTO_RETURN_IF_ERROR(ApplyRow(row[0], row[1], IsNull(row[3]) ? nullptr : &row[3]));
      max_seq = std::max<std::int64_t>(max_seq, std::stoll(row[2]));
    }
    if (page->size() < static_cast<std::size_t>(kPageRows)) break;
    tbl = page->back()[0];
    pk = page->back()[1];
    seq = page->back()[2];
  }
  if (max_seq != since) INVENTO_RETURN_IF_ERROR(db_.Exec("PRAGMA defer_foreign_keys = OFF"));
  if (max_seq != seq_ || since == 0) {
    seq_ = max_seq;
    INVENTO_RETURN_IF_ERROR(SaveSeq());
  }
  return Status::Ok();
}

Status PgMirror::ApplyRow(const std::string& name, const std::string& pk_text, const std::string* data) {
  auto it = tables_.find(name);
  if (it == tables_.end()) {
    return Status::FailedPrecondition("PostgreSQL holds rows of table " + name +
                                      ", which this server does not replicate");
  }
  const Table& table = it->second;
  INVENTO_ASSIGN_OR_RETURN(Json pk, ParseJson(pk_text));
  if (!pk.is_array() || pk.size() != table.pk.size()) {
    return Status::Corrupt("invento_rows: bad primary key " + pk_text + " for " + name);
  }
  std::string where;
  for (std::size_t i = 0; i < table.pk.size(); ++i) {
    where += (i ? " AND " : " WHERE ") + Quote(table.pk[i]) + " = ?";
  }
  if (!data) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt del, db_.Prepare("DELETE FROM " + Quote(name) + where));
    for (std::size_t i = 0; i < pk.size(); ++i) BindJson(del, static_cast<int>(i + 1), pk[i]);
    return del.Run();
  }
  INVENTO_ASSIGN_OR_RETURN(Json row, ParseJson(*data));
  if (!row.is_object()) return Status::Corrupt("invento_rows: bad row for " + name + " " + pk_text);
  std::vector<const std::string*> cols;
  std::vector<const Json*> vals;
  for (const std::string& c : table.columns) {
    auto v = row.find(c);
    if (v != row.end()) {
      cols.push_back(&c);
      vals.push_back(&*v);
    }
  }
  if (cols.size() != row.size()) {
    return Status::FailedPrecondition("PostgreSQL holds a column of " + name +
                                      " that this server's schema does not have");
  }
  std::string set;
  std::vector<const Json*> set_vals;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (std::find(table.pk.begin(), table.pk.end(), *cols[i]) != table.pk.end()) continue;
    set += (set.empty() ? " SET " : ", ") + Quote(*cols[i]) + " = ?";
    set_vals.push_back(vals[i]);
  }
  if (!set.empty()) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt up, db_.Prepare("UPDATE " + Quote(name) + set + where));
    int n = 0;
    for (const Json* v : set_vals) BindJson(up, ++n, *v);
    for (const Json& v : pk) BindJson(up, ++n, v);
    INVENTO_RETURN_IF_ERROR(up.Run());
    if (db_.Changes() > 0) return Status::Ok();
  } else {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt has, db_.Prepare("SELECT 1 FROM " + Quote(name) + where));
    int n = 0;
    for (const Json& v : pk) BindJson(has, ++n, v);
    INVENTO_ASSIGN_OR_RETURN(bool exists, has.Step());
    if (exists) return Status::Ok();
  }
  std::string names, marks;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    names += (i ? ", " : "") + Quote(*cols[i]);
    marks += i ? ", ?" : "?";
  }
  INVENTO_ASSIGN_OR_RETURN(db::Stmt ins, db_.Prepare("INSERT INTO " + Quote(name) + " (" + names +
                                                     ") VALUES (" + marks + ")"));
  int n = 0;
  for (const Json* v : vals) BindJson(ins, ++n, *v);
  return ins.Run();
}

Status PgMirror::Begin() {
  if (in_unit_) return Status::Internal("a unit of database work is already open");
  // The lock, and the database's id in the same round trip: it changes after a pg_restore
  // (restore-database --new-epoch), and then this replica is reloaded whole.
  const std::string lock = std::string(kLockSql) + "; SELECT value FROM invento_meta WHERE key = 'database_id'";
  INVENTO_RETURN_IF_ERROR(pg_.Revive());
  auto id = pg_.Exec(lock);
  if (!id.ok() && PQstatus(pg_.raw()) != CONNECTION_OK) {
    // The connection was lost since the last unit (nothing of ours was open on it): reopen
    // it and start again.
    INVENTO_RETURN_IF_ERROR(pg_.Revive());
    id = pg_.Exec(lock);
  }
  if (!id.ok()) {
    (void)pg_.Exec("ROLLBACK");
    return id.status();
  }
  if (Status s = db_.Exec("BEGIN IMMEDIATE"); !s.ok()) {
    (void)pg_.Exec("ROLLBACK");
    return s;
  }
  in_unit_ = true;
  Status s = [&]() -> Status {
    if (id->empty()) return Status::NotFound("the PostgreSQL database lost its Invento data (invento_meta)");
    if (id.value()[0][0] != database_id_) {
      database_id_ = id.value()[0][0];
      INVENTO_RETURN_IF_ERROR(Reload());
    } else {
      // Another connection to this replica (the daily digests') may have moved it on.
      INVENTO_ASSIGN_OR_RETURN(Json seq, db_.QueryValue("SELECT seq FROM replica_state WHERE id = 1"));
      seq_ = seq.get<std::int64_t>();
      INVENTO_RETURN_IF_ERROR(ApplySince(seq_));
    }
    if (sqlite3session_create(db_.raw(), "main", &session_) != SQLITE_OK) {
      return Status::Internal("cannot start a SQLite session");
    }
    sqlite3session_table_filter(
        session_, [](void* self, const char* table) -> int {
          return static_cast<PgMirror*>(self)->tables_.count(table) ? 1 : 0;
        },
        this);
    if (sqlite3session_attach(session_, nullptr) != SQLITE_OK) {
      return Status::Internal("cannot attach the SQLite session");
    }
    return Status::Ok();
  }();
  if (!s.ok()) Rollback();
  return s;
}

void PgMirror::EndSession() {
  if (session_) sqlite3session_delete(session_);
  session_ = nullptr;
}

Result<std::string> PgMirror::RowsJson() {
  int n = 0;
  void* buf = nullptr;
  if (sqlite3session_changeset(session_, &n, &buf) != SQLITE_OK) {
    return Status::Internal("cannot read the SQLite session's changes");
  }
  std::vector<std::pair<std::string, Json>> changed;
  sqlite3_changeset_iter* it = nullptr;
  if (n > 0 && sqlite3changeset_start(&it, n, buf) == SQLITE_OK) {
    while (sqlite3changeset_next(it) == SQLITE_ROW) {
      const char* tab = nullptr;
      int ncol = 0, op = 0, indirect = 0;
      sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
      unsigned char* is_pk = nullptr;
      sqlite3changeset_pk(it, &is_pk, &ncol);
      Json pk = Json::array();
      for (int i = 0; i < ncol; ++i) {
        if (!is_pk[i]) continue;
        sqlite3_value* v = nullptr;
        if (op == SQLITE_INSERT) {
          sqlite3changeset_new(it, i, &v);
        } else {
          sqlite3changeset_old(it, i, &v);
        }
        pk.push_back(v ? ValueJson(v) : Json(nullptr));
      }
      changed.emplace_back(tab, std::move(pk));
    }
    sqlite3changeset_finalize(it);
  }
  sqlite3_free(buf);
  if (changed.empty()) return std::string();
  Json rows = Json::array();
  for (const auto& [name, pk] : changed) {
    const Table& table = tables_.at(name);
    std::string where;
    for (std::size_t i = 0; i < table.pk.size(); ++i) {
      where += (i ? " AND " : " WHERE ") + Quote(table.pk[i]) + " = ?";
    }
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("SELECT * FROM " + Quote(name) + where));
    int k = 0;
    for (const Json& v : pk) BindJson(st, ++k, v);
    INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
    rows.push_back(Json::array({name, pk.dump(), found ? Json(st.RowObject().dump()) : Json(nullptr)}));
  }
  return rows.dump();
}

Result<std::int64_t> PgMirror::Commit() {
  if (!in_unit_) return Status::Internal("no unit of database work is open");
  if (!db_.in_transaction()) {
    // The work rolled its transaction back (db::Transaction, nested): nothing to publish.
    EndSession();
    (void)pg_.Exec("ROLLBACK");
    in_unit_ = false;
    return seq_;
  }
  auto rows = RowsJson();
  EndSession();
  Status s = rows.status();
  std::int64_t next = seq_;
  if (s.ok() && !rows->empty()) {
    next = seq_ + 1;
    const std::string seq = std::to_string(next);
    s = pg_.Exec(
               "INSERT INTO invento_rows (tbl, pk, seq, data)"
               " SELECT e->>0, e->>1, $1::bigint, e->>2 FROM json_array_elements($2::json) e"
               " ON CONFLICT (tbl, pk) DO UPDATE SET seq = excluded.seq, data = excluded.data",
               {&seq, &rows.value()})
            .status();
    if (s.ok()) s = pg_.Exec("SELECT pg_notify('invento', '" + seq + "')").status();
  }
  if (s.ok()) s = pg_.Exec("COMMIT").status();
  if (!s.ok()) {
    Rollback();
    return s;
  }
  // Durable in PostgreSQL from here. A replica that fails to commit catches up next time.
  in_unit_ = false;
  std::int64_t before = seq_;
  seq_ = next;
  Status local = next != before ? SaveSeq() : Status::Ok();
  committing_ = true;
  if (local.ok()) local = db_.Exec("COMMIT");
  committing_ = false;
  if (!local.ok()) {
    (void)db_.Exec("ROLLBACK");
    seq_ = before;
  }
  return next;
}

void PgMirror::Rollback() {
  EndSession();
  if (db_.in_transaction()) (void)db_.Exec("ROLLBACK");
  (void)pg_.Exec("ROLLBACK");
  in_unit_ = false;
}

Status PgMirror::CatchUp() {
  if (in_unit_) return Status::Internal("CatchUp inside a unit");
  INVENTO_RETURN_IF_ERROR(pg_.Revive());
  INVENTO_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  Status s = [&]() -> Status {
    INVENTO_ASSIGN_OR_RETURN(Json seq, db_.QueryValue("SELECT seq FROM replica_state WHERE id = 1"));
    seq_ = seq.get<std::int64_t>();
    return ApplySince(seq_);
  }();
  if (s.ok()) {
    committing_ = true;
    s = db_.Exec("COMMIT");
    committing_ = false;
  }
  if (!s.ok() && db_.in_transaction()) (void)db_.Exec("ROLLBACK");
  return s;
}

PgListener::PgListener(std::string url, std::function<void(std::int64_t)> on_commit)
    : url_(std::move(url)), on_commit_(std::move(on_commit)) {
  if (::pipe(wake_) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread([this] { Run(); });
}

PgListener::~PgListener() {
  stop_ = true;
  if (wake_[1] >= 0) (void)!::write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
  for (int fd : wake_) {
    if (fd >= 0) ::close(fd);
  }
}

void PgListener::Run() {
  while (!stop_) {
    auto conn = PgConnection::Connect(url_);
    if (conn.ok() && conn->Exec("LISTEN invento").ok()) {
      // A commit may have landed while (re)connecting: one call catches up.
      on_commit_(0);
      pg_conn* c = conn->raw();
      while (!stop_) {
        pollfd fds[2] = {{PQsocket(c), POLLIN, 0}, {wake_[0], POLLIN, 0}};
        if (::poll(fds, 2, 5000) < 0) continue;
        if (stop_) return;
        if (!PQconsumeInput(c)) break;  // connection lost: reconnect
        std::int64_t newest = -1;
        while (PGnotify* n = PQnotifies(c)) {
          newest = std::max<std::int64_t>(newest, std::atoll(n->extra));
          PQfreemem(n);
        }
        if (newest >= 0) on_commit_(newest);
      }
    }
    // Wait a second before reconnecting (or stop at once).
    pollfd fd{wake_[0], POLLIN, 0};
    ::poll(&fd, 1, 1000);
  }
}

}  // namespace invento::server
