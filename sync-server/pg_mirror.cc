#include "sync-server/pg_mirror.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <sstream>

#include "core/base/json_parse.h"
#include "core/db/migration_list.h"
#include "core/db/migrations.h"
#include "sync-server/row_text.h"

namespace invento::server {
namespace {

// pg_advisory_xact_lock's key for "one unit of database work at a time": 'I','N','V'.
constexpr const char* kLockSql = "BEGIN; SELECT pg_advisory_xact_lock(4804182)";
constexpr int kPageRows = 10000;

using Rows = std::vector<std::vector<std::string>>;

std::string Quote(const std::string& name) {  // names come from sqlite_schema, never input
  return "\"" + name + "\"";
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
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const bool duplicate = state && std::string_view(state) == "23505";  // unique_violation
    PQclear(res);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    if (duplicate) return Status::Conflict("PostgreSQL: " + msg);
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

// The row `st` stands on as a JSON object of its columns; false when a text is not UTF-8.
bool AppendRowJson(std::string& out, sqlite3_stmt* st) {
  out += '{';
  for (int i = 0, n = sqlite3_column_count(st); i < n; ++i) {
    if (i) out += ',';
    if (!AppendJsonString(out, sqlite3_column_name(st, i))) return false;
    out += ':';
    if (!AppendJsonValue(out, sqlite3_column_value(st, i))) return false;
  }
  out += '}';
  return true;
}

Status NotUtf8(const std::string& table) {
  return Status::Internal("a changed row of " + table + " holds text that is not UTF-8: it cannot be published to PostgreSQL");
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

Status PgConnection::CopyIn(const std::string& copy_sql, const std::string& data) {
  PGresult* res = PQexec(conn_, copy_sql.c_str());
  if (PQresultStatus(res) != PGRES_COPY_IN) return ResultRows(res, conn_).status();
  PQclear(res);
  const bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1;
  if (PQputCopyEnd(conn_, sent ? nullptr : "the client could not send the rows") != 1) {
    return Status::IoError("PostgreSQL: " + std::string(PQerrorMessage(conn_)));
  }
  Status s = Status::Ok();
  while (PGresult* r = PQgetResult(conn_)) {
    auto rows = ResultRows(r, conn_);  // clears r
    if (s.ok() && !rows.ok()) s = rows.status();
  }
  return s;
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
  // The replica is a copy that catches up from PostgreSQL, the store of record: a commit
  // lost to a power cut is applied again, so its commits need not wait for the disk.
  INVENTO_RETURN_IF_ERROR(replica.Exec("PRAGMA synchronous=NORMAL"));
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
                    "CREATE TABLE IF NOT EXISTS invento_rows (tbl text COLLATE \"C\" NOT NULL, pk text COLLATE \"C\" NOT NULL,"
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
      int their_shared = 0, their_server = 0;
      char slash = 0;
      std::istringstream in(values["schema"]);
      const bool parsed = static_cast<bool>(in >> their_shared >> slash >> their_server) && slash == '/';
      if (!parsed || their_shared > shared.value() || their_server > server.value()) {
        return Status::FailedPrecondition("the PostgreSQL database holds schema " + values["schema"] +
                                          " and this server's is " + mine +
                                          " (shared/server migrations): it was written by a newer Invento,"
                                          " which this server cannot run on");
      }
      INVENTO_RETURN_IF_ERROR(UpgradeRows(their_shared, their_server, mine));
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

Status PgMirror::UpgradeRows(int shared, int server, const std::string& mine) {
  // A scratch SQLite database beside the replica, migrated only as far as PostgreSQL's rows
  // are; they are loaded into it, the newer migrations run there as they would on a SQLite
  // server, and what they give replaces PostgreSQL's rows.
  const std::string scratch = std::string(sqlite3_db_filename(db_.raw(), "main")) + ".upgrade";
  auto remove_scratch = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((scratch + suffix).c_str());
  };
  remove_scratch();
  auto upto = [](const std::vector<db::Migration>& set, int version) {
    std::vector<db::Migration> out;
    for (const db::Migration& m : set) {
      if (m.version <= version) out.push_back(m);
    }
    return out;
  };
  Status s = [&]() -> Status {
    INVENTO_ASSIGN_OR_RETURN(auto tmp, db::Db::Open(scratch));
    INVENTO_RETURN_IF_ERROR(tmp->Exec("PRAGMA synchronous=OFF"));
    INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*tmp, "shared", upto(db::SharedMigrations(), shared)));
    INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*tmp, "server", upto(db::ServerMigrations(), server)));
    INVENTO_RETURN_IF_ERROR(tmp->Exec(
        "CREATE TABLE replica_state (id INTEGER PRIMARY KEY CHECK (id = 1), source TEXT NOT NULL, seq INTEGER NOT NULL)"));
    // The same connection (and so the same lock) reads PostgreSQL's rows into the scratch copy.
    PgMirror old(std::move(pg_), *tmp);
    Status done = [&]() -> Status {
      INVENTO_RETURN_IF_ERROR(old.LoadTables());
      INVENTO_RETURN_IF_ERROR(tmp->Exec("BEGIN IMMEDIATE"));
      if (Status a = old.ApplySince(0); !a.ok()) {
        (void)tmp->Exec("ROLLBACK");
        return a;
      }
      INVENTO_RETURN_IF_ERROR(tmp->Exec("COMMIT"));
      INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*tmp, "shared", db::SharedMigrations()));
      INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*tmp, "server", db::ServerMigrations()));
      old.tables_.clear();
      INVENTO_RETURN_IF_ERROR(old.LoadTables());
      INVENTO_RETURN_IF_ERROR(old.pg_.Exec("DELETE FROM invento_rows").status());
      return old.PublishAll();
    }();
    pg_ = std::move(old.pg_);
    if (!done.ok()) return done;
    INVENTO_ASSIGN_OR_RETURN(Rows id, pg_.Exec("UPDATE invento_meta SET value = gen_random_uuid()::text"
                                               " WHERE key = 'database_id' RETURNING value"));
    if (id.empty()) return Status::NotFound("invento_meta has no database_id");
    database_id_ = id[0][0];
    return pg_.Exec("UPDATE invento_meta SET value = $1 WHERE key = 'schema'", {&mine}).status();
  }();
  remove_scratch();
  if (!s.ok()) {
    return Status(s.code(), "upgrading the PostgreSQL database's rows to schema " + mine + " failed: " + s.message());
  }
  return Status::Ok();
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
  std::string rows, json;
  for (const auto& [name, table] : tables_) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("SELECT * FROM " + Quote(name)));
    std::vector<int> pk;
    for (int i = 0; i < sqlite3_column_count(st.raw()); ++i) {
      const std::string column = sqlite3_column_name(st.raw(), i);
      if (std::find(table.pk.begin(), table.pk.end(), column) != table.pk.end()) pk.push_back(i);
    }
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      AppendCopyField(rows, name);
      json = "[";
      for (std::size_t k = 0; k < pk.size(); ++k) {
        if (k) json += ',';
        if (!AppendJsonValue(json, sqlite3_column_value(st.raw(), pk[k]))) return NotUtf8(name);
      }
      json += ']';
      rows += '\t';
      AppendCopyField(rows, json);
      rows += "\t1\t";
      json.clear();
      if (!AppendRowJson(json, st.raw())) return NotUtf8(name);
      AppendCopyField(rows, json);
      rows += '\n';
    }
  }
  seq_ = 1;
  return pg_.CopyIn("COPY invento_rows (tbl, pk, seq, data) FROM STDIN", rows);
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
  // The staging table Commit copies into lives as long as the connection.
  const std::string lock = std::string(kLockSql) +
                           "; CREATE TEMP TABLE IF NOT EXISTS invento_stage (tbl text NOT NULL, pk text NOT NULL,"
                           " seq bigint NOT NULL, data text) ON COMMIT DELETE ROWS"
                           "; SELECT value FROM invento_meta WHERE key = 'database_id'";
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

Status PgMirror::ChangedRows(const std::string& seq, std::string& inserted, std::string& other) {
  int n = 0;
  void* buf = nullptr;
  if (sqlite3session_changeset(session_, &n, &buf) != SQLITE_OK) {
    return Status::Internal("cannot read the SQLite session's changes");
  }
  inserted.clear();  // keeps its capacity: no growing a megabyte afresh at each batch
  other.clear();
  std::string pk, data;
  Status s = Status::Ok();
  sqlite3_changeset_iter* it = nullptr;
  if (n > 0 && sqlite3changeset_start(&it, n, buf) == SQLITE_OK) {
    while (s.ok() && sqlite3changeset_next(it) == SQLITE_ROW) {
      const char* tab = nullptr;
      int ncol = 0, op = 0, indirect = 0;
      sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
      unsigned char* is_pk = nullptr;
      sqlite3changeset_pk(it, &is_pk, &ncol);
      const Table& table = tables_.at(tab);
      const auto value = [&](int i) {
        sqlite3_value* v = nullptr;
        if (op == SQLITE_INSERT) {
          sqlite3changeset_new(it, i, &v);
        } else {
          sqlite3changeset_old(it, i, &v);
        }
        return v;
      };
      // The key as a JSON array, and the bound values to read an updated row back by.
      pk = "[";
      std::vector<sqlite3_value*> key;
      for (int i = 0; i < ncol; ++i) {
        if (!is_pk[i]) continue;
        sqlite3_value* v = value(i);
        key.push_back(v);
        if (key.size() > 1) pk += ',';
        if (v == nullptr) {
          pk += "null";
        } else if (!AppendJsonValue(pk, v)) {
          s = NotUtf8(tab);
          break;
        }
      }
      if (!s.ok()) break;
      pk += ']';
      // The row as it is now: an insert's changeset record holds every column's current
      // value; an update's only the changed ones, so the row is read back.
      data.clear();
      bool present = op != SQLITE_DELETE;
      if (op == SQLITE_INSERT && static_cast<std::size_t>(ncol) == table.columns.size()) {
        data += '{';
        for (int i = 0; i < ncol && s.ok(); ++i) {
          if (i) data += ',';
          AppendJsonString(data, table.columns[static_cast<std::size_t>(i)]);
          data += ':';
          sqlite3_value* v = value(i);
          if (v == nullptr) {
            data += "null";
          } else if (!AppendJsonValue(data, v)) {
            s = NotUtf8(tab);
          }
        }
        data += '}';
      } else if (present) {
        std::string where;
        for (std::size_t i = 0; i < table.pk.size(); ++i) {
          where += (i ? " AND " : " WHERE ") + Quote(table.pk[i]) + " = ?";
        }
        auto st = db_.Prepare("SELECT * FROM " + Quote(tab) + where);
        if (!st.ok()) {
          s = st.status();
          break;
        }
        for (std::size_t k = 0; k < key.size(); ++k) {
          sqlite3_bind_value(st->raw(), static_cast<int>(k) + 1, key[k]);
        }
        auto found = st->Step();
        if (!found.ok()) {
          s = found.status();
          break;
        }
        present = found.value();
        if (present && !AppendRowJson(data, st->raw())) s = NotUtf8(tab);
      }
      if (!s.ok()) break;
      std::string& out = op == SQLITE_INSERT ? inserted : other;
      AppendCopyField(out, tab);
      out += '\t';
      AppendCopyField(out, pk);
      out += '\t';
      out += seq;
      out += '\t';
      if (present) {
        AppendCopyField(out, data);
      } else {
        out += "\\N";
      }
      out += '\n';
    }
    sqlite3changeset_finalize(it);
  }
  sqlite3_free(buf);
  return s;
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
  std::int64_t next = seq_ + 1;
  const std::string seq = std::to_string(next);
  Status s = ChangedRows(seq, inserted_text_, other_text_);
  EndSession();
  if (inserted_text_.empty() && other_text_.empty()) next = seq_;
  if (s.ok() && !inserted_text_.empty()) {
    // New rows go straight in. One can still collide with what PostgreSQL keeps of a row
    // deleted earlier (data NULL): then the savepoint undoes the COPY and they are upserted.
    s = pg_.CopyIn("SAVEPOINT invento_copy; COPY invento_rows (tbl, pk, seq, data) FROM STDIN", inserted_text_);
    if (s.code() == Code::kConflict) {
      s = pg_.Exec("ROLLBACK TO SAVEPOINT invento_copy").status();
      other_text_ += inserted_text_;
    }
  }
  if (s.ok() && !other_text_.empty()) {
    // Changed and deleted rows: COPY into the unit's staging table (emptied at each commit),
    // then one upsert.
    s = pg_.CopyIn("COPY invento_stage (tbl, pk, seq, data) FROM STDIN", other_text_);
    if (s.ok()) {
      s = pg_.Exec("INSERT INTO invento_rows (tbl, pk, seq, data) SELECT tbl, pk, seq, data FROM invento_stage"
                   " ON CONFLICT (tbl, pk) DO UPDATE SET seq = excluded.seq, data = excluded.data")
              .status();
    }
  }
  // A typical batch's text stays allocated for the next; an import's megabytes do not.
  for (std::string* text : {&inserted_text_, &other_text_}) {
    if (text->capacity() > (std::size_t{16} << 20)) std::string().swap(*text);
  }
  // The notification is delivered at the commit, in the same round trip.
  if (s.ok()) {
    s = pg_.Exec(next != seq_ ? "SELECT pg_notify('invento', '" + seq + "'); COMMIT" : std::string("COMMIT")).status();
  }
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
