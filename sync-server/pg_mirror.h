// PostgreSQL as the server's store of record (DATABASE_URL=postgresql://...).
//
// Each server process keeps a SQLite working copy of the database, its "replica"
// (REPLICA_PATH), on which the same core mutators, queries and account code run as in the
// SQLite mode. PostgreSQL holds every replicated row, shared by all processes:
//   invento_rows(tbl, pk, seq, data)  one row per row of a replicated SQLite table: data is
//                                     the row as a JSON object (NULL once deleted), seq the
//                                     commit that wrote it last
//   invento_meta(key, value)          the database's id, the schema versions it holds
// The replica can be thrown away: a process given an empty or foreign one reloads it.
//
// A unit of database work (Begin ... Commit) runs:
//   1. PostgreSQL: BEGIN and pg_advisory_xact_lock: one unit at a time across all processes,
//      so versions still commit in order (docs/sync-protocol.md);
//   2. catch-up: rows with seq > the replica's are applied to SQLite (INSERT, UPDATE or DELETE,
//      triggers on: the derived tables, on-hand cache, full-text index and summaries, follow);
//   3. SQLite: BEGIN IMMEDIATE, with a session (SQLite's session extension) recording every
//      row the work changes in a replicated table;
//   4. Commit: each changed row is read back and upserted into invento_rows under seq + 1,
//      pg_notify('invento', seq) tells the other processes, PostgreSQL COMMIT (from here the
//      work is durable and may be acknowledged), then SQLite COMMIT with the replica's seq.
// A process killed between the two commits finds its replica behind and catches up.
// Writes outside a unit are refused on the replica (a commit hook), so none can be lost.
//
// Not replicated: tables kept by triggers from replicated ones (kDerivedTables), the
// device-only sync tables, schema_migrations and replica_state (this replica's own seq).
// Not thread-safe: the caller serialises units (App's mutex).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/base/status.h"
#include "core/db/sqlite.h"

struct pg_conn;
struct sqlite3_session;

namespace invento::server {

// True when DATABASE_URL names PostgreSQL (postgresql:// or postgres://).
bool IsPostgresUrl(const std::string& url);

// A libpq connection (closed on destruction).
class PgConnection {
 public:
  static Result<PgConnection> Connect(const std::string& url);
  PgConnection(PgConnection&& o) noexcept : conn_(o.conn_) { o.conn_ = nullptr; }
  PgConnection& operator=(PgConnection&& o) noexcept;
  PgConnection(const PgConnection&) = delete;
  ~PgConnection();
  // Runs one or more statements without parameters; the last result's rows, if any.
  Result<std::vector<std::vector<std::string>>> Exec(const std::string& sql);
  // One statement with text parameters ($1, $2, ...); NULL for a nullptr entry.
  Result<std::vector<std::vector<std::string>>> Exec(const std::string& sql,
                                                     const std::vector<const std::string*>& params);
  // COPY ... FROM STDIN with `data` in COPY's text format (one call, one round trip).
  Status CopyIn(const std::string& copy_sql, const std::string& data);
  pg_conn* raw() const { return conn_; }
  // Reopens a connection that was lost (PostgreSQL restarted, a backend terminated).
  Status Revive();

 private:
  explicit PgConnection(pg_conn* c) : conn_(c) {}
  pg_conn* conn_ = nullptr;
};

class PgMirror {
 public:
  // Connects, creates PostgreSQL's tables when missing, and prepares the replica: a replica
  // of another database is emptied; PostgreSQL's rows are then loaded. A database whose
  // schema versions differ from this build's is refused (failed_precondition).
  // An empty PostgreSQL database takes the replica's initial rows (those the migrations wrote).
  // create=false: a PostgreSQL database that Invento never initialised is not_found (the
  // commands other than serve, init-db and migrate do not create one by accident).
  static Result<std::unique_ptr<PgMirror>> Open(const std::string& url, db::Db& replica, bool create = true);
  // After pg_restore (restore-database --new-epoch): a new database id, so every process's
  // replica is emptied and reloaded at its next unit. Inside a unit.
  Status NewDatabaseId();
  ~PgMirror();

  Status Begin();
  // Publishes what the unit changed and commits both; the seq it committed (the unchanged
  // one when the unit wrote nothing).
  Result<std::int64_t> Commit();
  void Rollback();
  // Applies what other processes committed since the replica's seq, outside any unit
  // (after a notification): takes no lock in PostgreSQL.
  Status CatchUp();
  std::int64_t seq() const { return seq_; }

  // The tables kept by triggers from replicated ones, never replicated themselves.
  static const std::vector<std::string>& DerivedTables();

 private:
  struct Table {
    std::vector<std::string> columns;
    std::vector<std::string> pk;  // primary key columns, in key order
  };
  PgMirror(PgConnection pg, db::Db& replica) : pg_(std::move(pg)), db_(replica) {}
  Status LoadTables();
  Status EnsureSchema(bool create);
  Status Reload();  // empties the replicated tables and loads PostgreSQL's rows
  Status ApplySince(std::int64_t since);  // inside an open SQLite transaction
  Status ApplyRow(const std::string& table, const std::string& pk, const std::string* data);
  Status PublishAll();  // a fresh PostgreSQL database: the replica's rows as seq 1
  // PostgreSQL's rows are of an older schema (`theirs`, "shared/server"): migrates them to
  // this build's (`mine`) under a new database id. Inside EnsureSchema's PostgreSQL transaction.
  Status UpgradeRows(int shared, int server, const std::string& mine);
  Status SaveSeq();
  // The session's changed rows in COPY's text format, "tbl\tpk\tseq\tdata-or-\N\n" each:
  // inserted ones into `inserted`, changed and deleted ones into `other`.
  Status ChangedRows(const std::string& seq, std::string& inserted, std::string& other);
  void EndSession();

  PgConnection pg_;
  db::Db& db_;
  std::map<std::string, Table> tables_;  // replicated tables
  std::int64_t seq_ = 0;
  bool in_unit_ = false;
  sqlite3_session* session_ = nullptr;
  std::atomic<bool> committing_{false};  // the commit hook lets only the unit's commit through
  std::string database_id_;
  // Commit's rows for COPY, kept between commits for their capacity.
  std::string inserted_text_, other_text_;
};

// Runs fn as one unit of database work: directly without a mirror (SQLite), else between
// Begin and Commit; a failure to begin or to commit gives on_failure(status) instead of fn's
// result, so nothing is acknowledged before PostgreSQL holds it.
template <class F, class OnFailure>
auto RunUnit(PgMirror* mirror, F&& fn, OnFailure&& on_failure) -> decltype(fn()) {
  if (!mirror) return fn();
  if (Status s = mirror->Begin(); !s.ok()) return on_failure(s);
  auto r = fn();
  if (auto c = mirror->Commit(); !c.ok()) return on_failure(c.status());
  return r;
}

// LISTEN invento on its own connection, in a thread: calls on_commit(seq) for each
// notification (other processes' commits, and this one's). Reconnects after a failure.
class PgListener {
 public:
  PgListener(std::string url, std::function<void(std::int64_t)> on_commit);
  ~PgListener();  // stops and joins
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

 private:
  void Run();
  std::string url_;
  std::function<void(std::int64_t)> on_commit_;
  std::atomic<bool> stop_{false};
  int wake_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace invento::server
