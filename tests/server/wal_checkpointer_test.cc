// The server's WAL checkpoints run on their own thread (sync-server/wal_checkpointer.h): the
// committing connection no longer runs them, and the WAL file still stays small.
#include "sync-server/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "sync-server/db_settings.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Path("server.db");
    auto db = db::Db::Open(path_, nullptr, kServerConnectionPragmas);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db.value());
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").ok());
  }
  // `commits` transactions of `rows` rows of 1 KiB each, `pause` between them (a server's
  // pushes are apart; a loop with none never leaves the checkpoint a moment to finish).
  void Write(int commits, int rows, std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
    auto st = db_->Prepare("INSERT INTO t (body) VALUES (?)");
    ASSERT_TRUE(st.ok());
    for (int c = 0; c < commits; ++c) {
      ASSERT_TRUE(db_->Exec("BEGIN").ok());
      for (int r = 0; r < rows; ++r) {
        const std::string body(1024, static_cast<char>('a' + (c + r) % 26));
        st->Bind(1, std::string_view(body));
        ASSERT_TRUE(st->Run().ok());
        st->Reset();
      }
      ASSERT_TRUE(db_->Exec("COMMIT").ok());
      std::this_thread::sleep_for(pause);
    }
  }
  std::uintmax_t WalBytes() const { return fs::file_size(path_ + "-wal"); }

  testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<db::Db> db_;
};

TEST_F(WalCheckpointerTest, TheThreadCheckpointsAndTheWalStaysSmall) {
  auto c = WalCheckpointer::Start(*db_, /*threshold_pages=*/100, /*hard_limit_pages=*/100000);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_NE(c.value(), nullptr);
  // 80 commits of 120 rows of 1 KiB (~10 MiB in all, the threshold crossed every few
  // commits), 20 ms apart.
  Write(80, 120, std::chrono::milliseconds(20));
  EXPECT_GT(c.value()->background_checkpoints(), 5);
  EXPECT_EQ(c.value()->inline_checkpoints(), 0);  // the committing connection never did
  // The WAL restarted at its beginning after complete checkpoints: a few commits' worth,
  // not the ~10 MiB written.
  EXPECT_LT(WalBytes(), 3u << 20) << "the WAL grew to " << WalBytes() << " bytes";
  // Every row is there, read through a connection of its own.
  auto other = db::Db::Open(path_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other.value()->QueryValue("SELECT count(*) FROM t").value(), 80 * 120);
}

TEST_F(WalCheckpointerTest, PastTheHardLimitTheCommitCheckpointsItself) {
  // A threshold the thread never reaches, and a low hard limit: commits checkpoint inline.
  auto c = WalCheckpointer::Start(*db_, /*threshold_pages=*/1000000, /*hard_limit_pages=*/200);
  ASSERT_TRUE(c.ok());
  Write(20, 120);
  EXPECT_GT(c.value()->inline_checkpoints(), 0);
  EXPECT_EQ(c.value()->background_checkpoints(), 0);
  EXPECT_LT(WalBytes(), 8u << 20) << "the WAL grew to " << WalBytes() << " bytes";
}

TEST_F(WalCheckpointerTest, AnInMemoryDatabaseNeedsNone) {
  auto mem = db::Db::Open(":memory:");
  ASSERT_TRUE(mem.ok());
  auto c = WalCheckpointer::Start(*mem.value());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value(), nullptr);
}

TEST_F(WalCheckpointerTest, StoppingGivesSqliteItsOwnCheckpointBack) {
  {
    auto c = WalCheckpointer::Start(*db_, 100000, 100000);
    ASSERT_TRUE(c.ok());
  }
  // SQLite's automatic checkpoint (1000 pages) is back: the WAL restarts instead of growing.
  Write(60, 120);
  EXPECT_LT(WalBytes(), 8u << 20) << "the WAL grew to " << WalBytes() << " bytes";
}

}  // namespace
}  // namespace invento::server
