#include "sync-server/snapshot_store.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

#include <zlib.h>

#include "core/db/migration_list.h"
#include "core/db/migrations.h"
#include "core/db/sqlite.h"
#include "core/db/tables.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;

// The tables a device's database has: those of the shared migrations (with the full-text
// index's shadow tables and schema_migrations).
Result<std::set<std::string>> DeviceTables() {
  INVENTO_ASSIGN_OR_RETURN(auto mem, db::Db::Open(":memory:"));
  INVENTO_RETURN_IF_ERROR(db::ApplyMigrations(*mem, "shared", db::SharedMigrations()));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, mem->Prepare("SELECT name FROM sqlite_schema WHERE type = 'table'"));
  std::set<std::string> names;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    names.insert(st.Text(0));
  }
  return names;
}

// Turns the copy of the server database into a device database at version `version`.
Status MakeDeviceDatabase(db::Db& copy) {
  INVENTO_ASSIGN_OR_RETURN(std::set<std::string> keep, DeviceTables());
  INVENTO_RETURN_IF_ERROR(copy.Exec("PRAGMA foreign_keys = OFF"));
  std::vector<std::string> drop;
  {
    // Newest first, so a table goes before the tables it references.
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, copy.Prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        " ORDER BY rowid DESC"));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      if (!keep.count(st.Text(0))) drop.push_back(st.Text(0));
    }
  }
  INVENTO_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(copy));
  for (const std::string& table : drop) {
    // Names come from sqlite_schema, not from input; quoted all the same.
    INVENTO_RETURN_IF_ERROR(copy.Exec("DROP TABLE \"" + table + "\""));
  }
  // The device-only sync tables are empty on the server; the cookie says what the file holds.
  INVENTO_RETURN_IF_ERROR(copy.Exec(
      "DELETE FROM schema_migrations WHERE set_name <> 'shared';"
      " DELETE FROM sync_outbox; DELETE FROM sync_rejections; DELETE FROM sync_state;"));
  return tx->Commit();
}

// Leaves in the copy only what devices of `scope` read: no row of a hidden table, the masked
// value in every hidden column. Masking a price changes no derived data (the on-hand cache
// and the full-text index do not read prices), so the triggers of a masked table are set
// aside meanwhile: otherwise every rewritten movement would recompute its on-hand pairs.
Status ProjectForScope(db::Db& copy, ReadScope scope) {
  INVENTO_ASSIGN_OR_RETURN(db::TableRegistry tables, db::TableRegistry::Load(copy));
  INVENTO_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(copy));
  for (const auto& t : tables.tables()) {
    if (!CanReadTable(scope, t.name)) {
      INVENTO_RETURN_IF_ERROR(copy.Exec("DELETE FROM " + t.name));
      continue;
    }
    std::string sets;
    for (const auto& c : t.columns) {
      if (const char* masked = MaskedColumn(scope, t.name, c)) {
        sets += (sets.empty() ? "" : ", ") + c + " = " + masked;
      }
    }
    if (sets.empty()) continue;
    std::vector<std::pair<std::string, std::string>> triggers;  // name, sql
    {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt st, copy.Prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?"));
      st.Bind(1, std::string_view(t.name));
      while (true) {
        INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        triggers.emplace_back(st.Text(0), st.Text(1));
      }
    }
    for (const auto& [name, sql] : triggers) INVENTO_RETURN_IF_ERROR(copy.Exec("DROP TRIGGER \"" + name + "\""));
    INVENTO_RETURN_IF_ERROR(copy.Exec("UPDATE " + t.name + " SET " + sets));
    for (const auto& [name, sql] : triggers) INVENTO_RETURN_IF_ERROR(copy.Exec(sql));
  }
  return tx->Commit();
}

// Writes `from` gzip-compressed (level 1: fast, and SQLite pages shrink ~3.7x) as `to`.
Status GzipFile(const std::string& from, const std::string& to) {
  std::ifstream in(from, std::ios::binary);
  gzFile out = gzopen(to.c_str(), "wb1");
  if (!in || out == nullptr) {
    if (out != nullptr) gzclose(out);
    return Status::IoError("cannot write " + to);
  }
  std::vector<char> buf(1 << 20);
  bool ok = true;
  while (ok && in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<unsigned>(in.gcount());
    if (n > 0) ok = gzwrite(out, buf.data(), n) == static_cast<int>(n);
  }
  ok = gzclose(out) == Z_OK && ok && in.eof();
  return ok ? Status::Ok() : Status::IoError("cannot compress the snapshot into " + to);
}

std::string ReadWhole(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *ok = in.good() || in.eof();
  return out;
}

Result<std::int64_t> ServerVersion(const db::Db& copy) {
  INVENTO_ASSIGN_OR_RETURN(db::Json v, copy.QueryValue("SELECT version FROM server_state WHERE id = 1"));
  if (!v.is_number_integer()) return Status::Corrupt("the server database has no version");
  return v.get<std::int64_t>();
}

}  // namespace

Result<SnapshotBytes> SnapshotStore::Load(ReadScope scope, std::int64_t current_version, bool gzip) {
  std::lock_guard lock(mu_);
  if (database_path_.empty() || database_path_ == ":memory:" || database_path_.rfind("file:", 0) == 0) {
    return Status::FailedPrecondition("snapshots need a database file");
  }
  auto it = newest_.find(scope);
  if (it == newest_.end() || current_version - it->second.version > max_lag_ || !fs::exists(it->second.path) ||
      !fs::exists(it->second.path + ".gz")) {
    INVENTO_ASSIGN_OR_RETURN(Snapshot built, Build(scope));
    it = newest_.insert_or_assign(scope, std::move(built)).first;
  }
  const Snapshot& snap = it->second;
  std::error_code ec;
  const auto file_bytes = static_cast<std::int64_t>(fs::file_size(snap.path, ec));
  if (ec) return Status::IoError("cannot read the snapshot " + snap.path + ": " + ec.message());
  bool ok = false;
  SnapshotBytes out{snap.version, ReadWhole(gzip ? snap.path + ".gz" : snap.path, &ok), file_bytes, gzip};
  if (!ok) return Status::IoError("cannot read the snapshot " + snap.path);
  return out;
}

Result<Snapshot> SnapshotStore::Build(ReadScope scope) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IoError("cannot create the snapshot folder " + dir_ + ": " + ec.message());
  const std::string name = std::string(ReadScopeName(scope));
  const std::string building = (fs::path(dir_) / ("building-" + name + ".db")).string();
  fs::remove(building, ec);
  {
    // A consistent copy as of one read transaction, taken beside the server's connection.
    INVENTO_ASSIGN_OR_RETURN(auto source, db::Db::Open(database_path_));
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, source->Prepare("VACUUM INTO ?"));
    st.Bind(1, std::string_view(building));
    INVENTO_RETURN_IF_ERROR(st.Run());
  }
  std::int64_t version = 0;
  {
    INVENTO_ASSIGN_OR_RETURN(auto copy, db::Db::Open(building));
    INVENTO_ASSIGN_OR_RETURN(version, ServerVersion(*copy));
    INVENTO_RETURN_IF_ERROR(MakeDeviceDatabase(*copy));
    INVENTO_RETURN_IF_ERROR(ProjectForScope(*copy, scope));
    INVENTO_ASSIGN_OR_RETURN(db::Stmt state, copy->Prepare(
        "INSERT INTO sync_state (key, value) VALUES ('cookie', ?), ('scope', ?)"));
    state.Bind(1, std::string_view(std::to_string(version))).Bind(2, std::string_view(name));
    INVENTO_RETURN_IF_ERROR(state.Run());
    // Compact: the pages of the dropped tables and of the hidden values leave the file. One
    // file, no journal beside it.
    INVENTO_RETURN_IF_ERROR(copy->Exec("VACUUM; PRAGMA journal_mode = DELETE;"));
  }
  const std::string prefix = "snapshot-" + name + "-";
  const std::string final_path = (fs::path(dir_) / (prefix + std::to_string(version) + ".db")).string();
  fs::rename(building, final_path, ec);
  if (ec) return Status::IoError("cannot move the snapshot into place: " + ec.message());
  INVENTO_RETURN_IF_ERROR(GzipFile(final_path, final_path + ".gz"));
  // Older snapshots go: this scope's, and any a previous run of the server left behind
  // (another scope's current snapshot stays).
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const std::string p = entry.path().string(), file = entry.path().filename().string();
    bool current = p == final_path || p == final_path + ".gz";
    for (const auto& [other, snap] : newest_) {
      if (other != scope && (p == snap.path || p == snap.path + ".gz")) current = true;
    }
    if (!current && file.rfind("snapshot-", 0) == 0) fs::remove(entry.path(), ec);
  }
  return Snapshot{final_path, version};
}

}  // namespace invento::server
