// A thin RAII layer over the SQLite C API: a connection (Db), prepared statements (Stmt),
// a scoped transaction (Transaction) and a scoped savepoint (Savepoint).
//
// Prepared statements are cached per connection, keyed by their SQL text: a Stmt returns
// its statement to the cache (reset, bindings cleared) when destroyed, and Prepare reuses
// it. Compiling SQL was the largest single cost of a mutation (measured with perf on the
// sync benchmark); the cache is bounded (kMaxCachedStatements) and outlives no connection.
//
// Contract: every failure is returned as a Status (io_error for SQLite I/O failures,
// corrupt for SQLITE_CORRUPT/NOTADB, conflict for constraint violations, internal for
// misuse). Values are always bound as parameters; SQL text comes from core's store
// layer, never from input. A Db is used by one thread at a time (the server has a single
// writer; the browser runs it in one worker).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "core/db/connection_pragmas.h"

namespace invento::db {

using Json = nlohmann::json;

// Statements ready for reuse, shared by a Db and the Stmts it handed out (so a Stmt that
// outlives its Db finalizes instead of returning).
struct StmtCache {
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> free;
  std::size_t size = 0;
  bool closed = false;
};

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s, std::shared_ptr<StmtCache> cache = nullptr, std::string key = {})
      : s_(s), cache_(std::move(cache)), key_(std::move(key)) {}
  Stmt(Stmt&& o) noexcept
      : s_(std::exchange(o.s_, nullptr)), cache_(std::move(o.cache_)), key_(std::move(o.key_)) {}
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binding; index is 1-based. Bind(Json) accepts null, integer, boolean and string.
  Stmt& Bind(int index, std::int64_t v);
  Stmt& Bind(int index, std::string_view v);
  Stmt& BindNull(int index);
  Stmt& Bind(int index, const Json& v);

  // Step: returns true when a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();
  void Reset();

  int ColumnCount() const;
  std::string_view ColumnName(int i) const;
  bool IsNull(int i) const;
  std::int64_t Int(int i) const;
  double Double(int i) const;
  std::string Text(int i) const;
  Json Value(int i) const;  // null / integer / string (reals as numbers)
  Json RowObject() const;   // {column: value} for the current row

  sqlite3_stmt* raw() const { return s_; }

 private:
  void Release();
  sqlite3_stmt* s_ = nullptr;
  std::shared_ptr<StmtCache> cache_;
  std::string key_;  // the SQL text it was prepared from (its cache key)
  Status status_;  // first bind error, reported by Step/Run
};

class Db {
 public:
  // Opens (creating if needed) the database at path (":memory:" for in-memory) and
  // sets the connection pragmas (connection_pragmas.h says when each applies), after
  // foreign_keys=ON and trusted_schema=OFF. vfs may be nullptr for the default VFS.
  // Fails with corrupt when the file is not a database.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, const char* vfs = nullptr,
                                          const ConnectionPragmas& pragmas = {});
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Result<Stmt> Prepare(std::string_view sql) const;
  // Executes one or more statements without parameters (migrations, pragmas).
  Status Exec(std::string_view sql) const;
  // Runs sql with the given parameters and returns the first column of the first row.
  Result<Json> QueryValue(std::string_view sql, std::initializer_list<Json> params = {}) const;

  std::int64_t Changes() const;
  sqlite3* raw() const { return db_; }
  Status ErrorStatus(int rc) const;
  bool in_transaction() const;

 private:
  explicit Db(sqlite3* db) : db_(db), cache_(std::make_shared<StmtCache>()) {}
  sqlite3* db_;
  std::shared_ptr<StmtCache> cache_;
};

inline constexpr std::size_t kMaxCachedStatements = 512;

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() succeeded.
// Begun while the connection is already inside a transaction (the server's PostgreSQL mode
// wraps each unit of database work in one, sync-server/pg_mirror.h), it joins that
// transaction: Commit() leaves the commit to its owner, and Rollback() rolls the WHOLE
// enclosing transaction back (the unit then publishes nothing). Not a savepoint: a savepoint
// held across a whole batch copies every page it touches into the sub-journal, which made
// each push slower as the tables grew (docs/benchmarks.md, "Storage engines").
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> Begin(Db& db);
  ~Transaction();
  Status Commit();
  void Rollback();

 private:
  Transaction(Db& db, bool nested) : db_(db), nested_(nested) {}
  Db& db_;
  bool nested_;
  bool open_ = true;
};

// SAVEPOINT name on Begin(); Release() keeps the effects (RELEASE), Rollback() discards them
// (ROLLBACK TO, then RELEASE); the destructor rolls back if neither succeeded. Savepoints
// nest, inside a Transaction or each other; outside any transaction the outermost one opens
// one, which its Release() commits. Used per mutation (server, sync client) and per CSV line.
//
// Contract: `name` is a literal from code (it is pasted into SQL) and must outlive the
// Savepoint; the Db must outlive it too. Each statement is run alone, so it goes through the
// statement cache. Failures are the Status of Db::Exec. A failed Release() leaves the
// savepoint open (the destructor then rolls it back); after a failed Rollback() the
// savepoint is left as SQLite has it and the caller should abandon the enclosing transaction.
class Savepoint {
 public:
  static Result<Savepoint> Begin(const Db& db, const char* name);
  Savepoint(Savepoint&& o) noexcept
      : db_(o.db_), name_(o.name_), open_(std::exchange(o.open_, false)) {}
  Savepoint& operator=(Savepoint&&) = delete;
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint();

  Status Release();   // keeps the effects
  Status Rollback();  // discards them
  bool open() const { return open_; }

 private:
  Savepoint(const Db& db, const char* name) : db_(&db), name_(name) {}
  const Db* db_;
  const char* name_;
  bool open_ = true;
};

// Maps a SQLite result code to a Status with the connection's message.
Status StatusFromSqlite(int rc, std::string_view what);

}  // namespace invento::db
