#include "sync-server/wal_checkpointer.h"

namespace invento::server {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(db::Db& db, int threshold_pages,
                                                                int hard_limit_pages) {
  INVENTO_ASSIGN_OR_RETURN(nlohmann::json mode, db.QueryValue("PRAGMA journal_mode"));
  if (mode != nlohmann::json("wal")) return std::unique_ptr<WalCheckpointer>();  // no WAL (":memory:")
  const char* file = sqlite3_db_filename(db.raw(), "main");
  const std::string path = file ? file : "";
  INVENTO_ASSIGN_OR_RETURN(nlohmann::json sync, db.QueryValue("PRAGMA synchronous"));
  sqlite3* own = nullptr;
  if (sqlite3_open_v2(path.c_str(), &own, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string why = own ? sqlite3_errmsg(own) : "out of memory";
    sqlite3_close(own);
    return Status::IoError("cannot open " + path + " to checkpoint it: " + why);
  }
  const std::string pragma = "PRAGMA synchronous=" + std::to_string(sync.get<int>());
  if (sqlite3_exec(own, pragma.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close(own);
    return Status::IoError("cannot set up the checkpoint connection to " + path);
  }
  std::unique_ptr<WalCheckpointer> c(new WalCheckpointer(db, own, threshold_pages, hard_limit_pages));
  c->thread_ = std::thread([p = c.get()] { p->Run(); });
  sqlite3_wal_hook(db.raw(), &WalCheckpointer::OnCommit, c.get());
  return c;
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(db_.raw(), 1000);  // SQLite's default hook again
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(own_);
}

int WalCheckpointer::OnCommit(void* self, sqlite3* db, const char* schema, int pages) {
  auto* c = static_cast<WalCheckpointer*>(self);
  if (pages >= c->hard_limit_) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    c->inline_.fetch_add(1);
  } else if (pages >= c->threshold_) {
    {
      std::lock_guard lock(c->mu_);
      c->pending_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return pending_ || stop_; });
    if (stop_) return;
    pending_ = false;
    lock.unlock();
    // PASSIVE: copies the frames no reader still needs, without waiting for anyone. SQLITE_BUSY
    // (another checkpoint running) is harmless: the next commit wakes us again.
    if (sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK) {
      background_.fetch_add(1);
    }
    lock.lock();
  }
}

}  // namespace invento::server
