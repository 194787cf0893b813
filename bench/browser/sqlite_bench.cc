// The "ours" side of the browser SQLite benchmark (bench/browser/README.md): the project's
// SQLite amalgamation and OPFS VFS (wasm/opfs_sah_pool.cc), built with the shipped core's
// flags (cmake/wasm_flags.cmake), with each workload's loop in C++ so that rows never cross
// into JS. One connection per module instance; JS times each call.
//
// Rows and queries come from the same generator as the official side (bench_data.mjs):
// xorshift32 from a fixed seed, the same word list, so both databases hold the same bytes.
// Every function returns a number: a count or checksum >= 0, or -1 on a SQLite error (the
// message is then in lastError()). Nothing throws.
#include <emscripten/bind.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "wasm/opfs_sah_pool.h"

namespace {

sqlite3* g_db = nullptr;
sqlite3_stmt* g_fts_query = nullptr;
std::string g_error;

// Must match bench_data.mjs.
constexpr const char* kWords[] = {
    "valve",  "pump",   "bearing", "filter", "motor",  "gasket", "sensor", "relay",
    "boiler", "fan",    "belt",    "seal",   "hose",   "nozzle", "switch", "cable",
    "brake",  "clutch", "gear",    "shaft",  "spring", "bolt",   "nut",    "washer",
    "screw",  "rivet",  "pipe",    "flange", "elbow",  "tee",    "coupler", "bushing",
    "piston", "ring",   "cylinder", "blade", "rotor",  "stator", "fuse",   "breaker",
    "lamp",   "ballast", "ladder", "glove",  "helmet", "mask",   "oil",    "grease",
    "paint",  "primer", "tape",    "glue",   "drill",  "saw",    "hammer", "wrench",
    "pliers", "meter",  "gauge",   "timer",  "thermostat", "compressor", "condenser",
    "evaporator"};
constexpr uint32_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

struct Rng {
  uint32_t x;
  uint32_t Next() {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }
};

double Fail() {
  g_error = g_db ? sqlite3_errmsg(g_db) : "no database";
  return -1;
}

bool Exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(g_db, sql, nullptr, nullptr, &msg) == SQLITE_OK) return true;
  g_error = msg ? msg : "error";
  sqlite3_free(msg);
  return false;
}

// name = two words and the row number, category 0..99, qty 0..999, price in cents / 100.
bool BindRow(sqlite3_stmt* st, int64_t id, Rng& rng) {
  uint32_t r = rng.Next();
  std::string name = std::string(kWords[r % kWordCount]) + " " +
                     kWords[(r >> 8) % kWordCount] + " " + std::to_string(id);
  return sqlite3_bind_int64(st, 1, id) == SQLITE_OK &&
         sqlite3_bind_text(st, 2, name.data(), static_cast<int>(name.size()),
                           SQLITE_TRANSIENT) == SQLITE_OK &&
         sqlite3_bind_int(st, 3, static_cast<int>(r % 100)) == SQLITE_OK &&
         sqlite3_bind_int(st, 4, static_cast<int>(r % 1000)) == SQLITE_OK &&
         sqlite3_bind_double(st, 5, (r % 100000) / 100.0) == SQLITE_OK;
}

// Inserts rows first_id.. into `table` in `transactions` transactions of equal size.
double InsertRows(const char* table, int rows, int transactions, uint32_t seed) {
  std::string sql =
      std::string("INSERT INTO ") + table + "(id, name, category, qty, price) VALUES(?,?,?,?,?)";
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return Fail();
  Rng rng{seed};
  int per_tx = rows / transactions;
  int64_t id = 1;
  for (int t = 0; t < transactions; ++t) {
    if (!Exec("BEGIN")) return sqlite3_finalize(st), -1;
    for (int i = 0; i < per_tx; ++i, ++id) {
      if (!BindRow(st, id, rng) || sqlite3_step(st) != SQLITE_DONE) {
        double rc = Fail();
        sqlite3_finalize(st);
        return rc;
      }
      sqlite3_reset(st);
    }
    if (!Exec("COMMIT")) return sqlite3_finalize(st), -1;
  }
  sqlite3_finalize(st);
  return static_cast<double>(id - 1);
}

// Opens `path` with `vfs` ("opfs-sahpool": Module.sahPool must hold the handles), then runs
// `pragmas` (the connection settings under test, chosen by ours_worker.mjs). 0 or -1.
double Open(const std::string& path, const std::string& vfs, const std::string& pragmas) {
  if (vfs == invento::wasm::kOpfsSahPoolVfs) {
    invento::Status s = invento::wasm::RegisterOpfsSahPool();
    if (!s.ok()) {
      g_error = s.message();
      return -1;
    }
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &g_db, flags, vfs.empty() ? nullptr : vfs.c_str()) !=
      SQLITE_OK) {
    return Fail();
  }
  return Exec(pragmas.c_str()) ? 0 : -1;
}

double Close() {
  if (g_fts_query) sqlite3_finalize(g_fts_query);
  g_fts_query = nullptr;
  int rc = sqlite3_close(g_db);
  g_db = nullptr;
  return rc == SQLITE_OK ? 0 : -1;
}

double ExecSql(const std::string& sql) { return Exec(sql.c_str()) ? 0 : -1; }

// W1: `rows` inserts into t1 in `transactions` transactions.
double W1(int rows, int transactions) { return InsertRows("t1", rows, transactions, 1); }

// W2: `n` primary-key lookups of t1 (ids 1..max_id); returns the sum of qty read.
double W2(int n, int max_id) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db, "SELECT name, qty FROM t1 WHERE id = ?", -1, &st, nullptr) !=
      SQLITE_OK) {
    return Fail();
  }
  Rng rng{2};
  double sum = 0;
  size_t name_bytes = 0;
  for (int i = 0; i < n; ++i) {
    sqlite3_bind_int64(st, 1, 1 + rng.Next() % static_cast<uint32_t>(max_id));
    if (sqlite3_step(st) == SQLITE_ROW) {
      name_bytes += static_cast<size_t>(sqlite3_column_bytes(st, 0));
      sum += sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return name_bytes > 0 ? sum : -1;
}

// W3a: `rows` inserts into t3 in one transaction.
double W3a(int rows) { return InsertRows("t3", rows, 1, 3); }

// W3b: grouped aggregate over t3; returns the number of groups.
double W3b() {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db,
                         "SELECT category, count(*), sum(qty), avg(price) FROM t3 "
                         "GROUP BY category ORDER BY category",
                         -1, &st, nullptr) != SQLITE_OK) {
    return Fail();
  }
  int groups = 0;
  double check = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    ++groups;
    check += sqlite3_column_int64(st, 1) + sqlite3_column_int64(st, 2) +
             sqlite3_column_double(st, 3);
  }
  sqlite3_finalize(st);
  return check > 0 ? groups : -1;
}

// W4 setup: `rows` documents (title: 3 words, body: 8 words) into the FTS5 table docs,
// in one transaction.
double W4Load(int rows) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db, "INSERT INTO docs(rowid, title, body) VALUES(?,?,?)", -1, &st,
                         nullptr) != SQLITE_OK) {
    return Fail();
  }
  if (!Exec("BEGIN")) return sqlite3_finalize(st), -1;
  Rng rng{4};
  std::string title, body;
  for (int i = 1; i <= rows; ++i) {
    title.clear();
    body.clear();
    for (int w = 0; w < 3; ++w) (title += w ? " " : "") += kWords[rng.Next() % kWordCount];
    for (int w = 0; w < 8; ++w) (body += w ? " " : "") += kWords[rng.Next() % kWordCount];
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_text(st, 2, title.data(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
      double rc = Fail();
      sqlite3_finalize(st);
      return rc;
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return Exec("COMMIT") ? rows : -1;
}

// W4: one FTS5 prefix query (`match` such as "val*"), at most 50 rowids; returns the count.
double W4Query(const std::string& match) {
  if (!g_fts_query &&
      sqlite3_prepare_v2(g_db, "SELECT rowid FROM docs WHERE docs MATCH ? LIMIT 50", -1,
                         &g_fts_query, nullptr) != SQLITE_OK) {
    return Fail();
  }
  sqlite3_bind_text(g_fts_query, 1, match.data(), static_cast<int>(match.size()),
                    SQLITE_TRANSIENT);
  int n = 0;
  int64_t check = 0;
  int rc;
  while ((rc = sqlite3_step(g_fts_query)) == SQLITE_ROW) {
    ++n;
    check += sqlite3_column_int64(g_fts_query, 0);
  }
  sqlite3_reset(g_fts_query);
  return rc == SQLITE_DONE && check >= 0 ? n : Fail();
}

// W5: the first result after a cold open: one row of t3 by primary key; returns its qty.
double W5First(int id) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db, "SELECT name, qty FROM t3 WHERE id = ?", -1, &st, nullptr) !=
      SQLITE_OK) {
    return Fail();
  }
  sqlite3_bind_int64(st, 1, id);
  double qty = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 1) : -1;
  sqlite3_finalize(st);
  return qty;
}

std::string LastError() { return g_error; }

}  // namespace

EMSCRIPTEN_BINDINGS(invento_sqlite_bench) {
  emscripten::function("open", &Open);
  emscripten::function("close", &Close);
  emscripten::function("exec", &ExecSql);
  emscripten::function("w1", &W1);
  emscripten::function("w2", &W2);
  emscripten::function("w3a", &W3a);
  emscripten::function("w3b", &W3b);
  emscripten::function("w4Load", &W4Load);
  emscripten::function("w4Query", &W4Query);
  emscripten::function("w5First", &W5First);
  emscripten::function("lastError", &LastError);
  emscripten::function("sqliteVersion", +[]() { return std::string(sqlite3_libversion()); });
}
