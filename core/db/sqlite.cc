#include "core/db/sqlite.h"

#include <string>

namespace invento::db {

Status StatusFromSqlite(int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return Status::Ok();
    case SQLITE_CONSTRAINT:
      return Status::Conflict(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corrupt(msg);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
      return Status::IoError(msg);
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return Status::InvalidArgument(msg);
    default:
      return Status::Internal(msg);
  }
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    Release();
    s_ = std::exchange(o.s_, nullptr);
    cache_ = std::move(o.cache_);
    key_ = std::move(o.key_);
    status_ = std::move(o.status_);
  }
  return *this;
}

Stmt::~Stmt() { Release(); }

void Stmt::Release() {
  if (!s_) return;
  if (cache_ && !cache_->closed && cache_->size < kMaxCachedStatements) {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    cache_->free[std::move(key_)].push_back(s_);
    ++cache_->size;
  } else {
    sqlite3_finalize(s_);
  }
  s_ = nullptr;
  cache_.reset();
}

Stmt& Stmt::Bind(int index, std::int64_t v) {
  int rc = sqlite3_bind_int64(s_, index, v);
  if (rc != SQLITE_OK && status_.ok()) status_ = StatusFromSqlite(rc, "bind");
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view v) {
  int rc = sqlite3_bind_text64(s_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && status_.ok()) status_ = StatusFromSqlite(rc, "bind");
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  sqlite3_bind_null(s_, index);
  return *this;
}

Stmt& Stmt::Bind(int index, const Json& v) {
  if (v.is_null()) return BindNull(index);
  if (v.is_boolean()) return Bind(index, static_cast<std::int64_t>(v.get<bool>() ? 1 : 0));
  if (v.is_number_integer()) return Bind(index, v.get<std::int64_t>());
  if (v.is_string()) return Bind(index, std::string_view(v.get_ref<const std::string&>()));
  if (status_.ok()) status_ = Status::Internal("cannot bind a JSON " + std::string(v.type_name()));
  return *this;
}

Result<bool> Stmt::Step() {
  if (!status_.ok()) return status_;
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(s_);
  return Status(StatusFromSqlite(rc, "step").code(), std::string("sqlite: ") + sqlite3_errmsg(db));
}

Status Stmt::Run() {
  auto r = Step();
  if (!r.ok()) return r.status();
  return Status::Ok();
}

void Stmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  status_ = Status::Ok();
}

int Stmt::ColumnCount() const { return sqlite3_column_count(s_); }
std::string_view Stmt::ColumnName(int i) const { return sqlite3_column_name(s_, i); }
bool Stmt::IsNull(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
std::int64_t Stmt::Int(int i) const { return sqlite3_column_int64(s_, i); }
double Stmt::Double(int i) const { return sqlite3_column_double(s_, i); }
std::string Stmt::Text(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
}

Json Stmt::Value(int i) const {
  switch (sqlite3_column_type(s_, i)) {
    case SQLITE_NULL: return nullptr;
    case SQLITE_INTEGER: return Int(i);
    case SQLITE_FLOAT: return Double(i);
    default: return Text(i);
  }
}

Json Stmt::RowObject() const {
  Json row = Json::object();
  for (int i = 0; i < ColumnCount(); ++i) row[std::string(ColumnName(i))] = Value(i);
  return row;
}

std::string PragmaStatements(const ConnectionPragmas& p) {
  std::string sql;
  switch (p.journal_mode) {
    case JournalMode::kDefault: break;
    case JournalMode::kDelete: sql += "PRAGMA journal_mode=DELETE;"; break;
    case JournalMode::kWal: sql += "PRAGMA journal_mode=WAL;"; break;
  }
  switch (p.synchronous) {
    case Synchronous::kDefault: break;
    case Synchronous::kOff: sql += "PRAGMA synchronous=OFF;"; break;
    case Synchronous::kNormal: sql += "PRAGMA synchronous=NORMAL;"; break;
    case Synchronous::kFull: sql += "PRAGMA synchronous=FULL;"; break;
  }
  if (p.temp_store_memory) sql += "PRAGMA temp_store=MEMORY;";
  if (p.cache_size) sql += "PRAGMA cache_size=" + std::to_string(*p.cache_size) + ";";
  if (p.wal_autocheckpoint) sql += "PRAGMA wal_autocheckpoint=" + std::to_string(*p.wal_autocheckpoint) + ";";
  return sql;
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, const char* vfs,
                                     const ConnectionPragmas& pragmas) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return Status(StatusFromSqlite(rc, "open").code(), "cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<Db> db(new Db(raw));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  if (pragmas.exclusive_locking) INVENTO_RETURN_IF_ERROR(db->Exec("PRAGMA locking_mode=EXCLUSIVE"));
  INVENTO_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;"));
  // Reading the schema detects a file that is not a database (SQLITE_NOTADB).
  auto check = db->QueryValue("SELECT count(*) FROM sqlite_schema");
  if (!check.ok()) return check.status();
  if (std::string sql = PragmaStatements(pragmas); !sql.empty()) INVENTO_RETURN_IF_ERROR(db->Exec(sql));
  return db;
}

Db::~Db() {
  cache_->closed = true;
  for (auto& [sql, stmts] : cache_->free) {
    for (sqlite3_stmt* s : stmts) sqlite3_finalize(s);
  }
  cache_->free.clear();
  sqlite3_close_v2(db_);
}

Result<Stmt> Db::Prepare(std::string_view sql) const {
  std::string key(sql);
  auto it = cache_->free.find(key);
  if (it != cache_->free.end() && !it->second.empty()) {
    sqlite3_stmt* s = it->second.back();
    it->second.pop_back();
    --cache_->size;
    return Stmt(s, cache_, std::move(key));
  }
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) {
    return Status(StatusFromSqlite(rc, "prepare").code(),
                  std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  }
  if (s == nullptr) return Stmt(s);  // empty text: nothing to cache
  return Stmt(s, cache_, std::move(key));
}

Status Db::Exec(std::string_view sql) const {
  // One statement (SAVEPOINT, RELEASE, BEGIN, COMMIT... run per mutation): through the cache.
  if (sql.find(';') == std::string_view::npos) {
    INVENTO_ASSIGN_OR_RETURN(Stmt st, Prepare(sql));
    if (st.raw() == nullptr) return Status::Ok();
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Status::Ok();
    }
  }
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Status(StatusFromSqlite(rc, "exec").code(), "sqlite: " + msg);
  }
  return Status::Ok();
}

Result<Json> Db::QueryValue(std::string_view sql, std::initializer_list<Json> params) const {
  INVENTO_ASSIGN_OR_RETURN(Stmt st, Prepare(sql));
  int i = 1;
  for (const auto& p : params) st.Bind(i++, p);
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Json(nullptr);
  return st.Value(0);
}

std::int64_t Db::Changes() const { return sqlite3_changes64(db_); }
Status Db::ErrorStatus(int rc) const {
  return Status(StatusFromSqlite(rc, "sqlite").code(), sqlite3_errmsg(db_));
}
bool Db::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<std::unique_ptr<Transaction>> Transaction::Begin(Db& db) {
  const bool nested = db.in_transaction();
  if (!nested) INVENTO_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return std::unique_ptr<Transaction>(new Transaction(db, nested));
}

Transaction::~Transaction() { Rollback(); }

Status Transaction::Commit() {
  if (!open_) return Status::Internal("transaction already finished");
  Status s = nested_ ? Status::Ok() : db_.Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

void Transaction::Rollback() {
  if (!open_) return;
  open_ = false;
  if (db_.in_transaction()) (void)db_.Exec("ROLLBACK");
}

Result<Savepoint> Savepoint::Begin(const Db& db, const char* name) {
  INVENTO_RETURN_IF_ERROR(db.Exec(std::string("SAVEPOINT ") + name));
  return Savepoint(db, name);
}

Savepoint::~Savepoint() {
  if (open_) (void)Rollback();
}

Status Savepoint::Release() {
  if (!open_) return Status::Internal(std::string("savepoint ") + name_ + " already finished");
  INVENTO_RETURN_IF_ERROR(db_->Exec(std::string("RELEASE SAVEPOINT ") + name_));
  open_ = false;
  return Status::Ok();
}

Status Savepoint::Rollback() {
  if (!open_) return Status::Internal(std::string("savepoint ") + name_ + " already finished");
  open_ = false;
  INVENTO_RETURN_IF_ERROR(db_->Exec(std::string("ROLLBACK TO SAVEPOINT ") + name_));
  return db_->Exec(std::string("RELEASE SAVEPOINT ") + name_);
}

}  // namespace invento::db
