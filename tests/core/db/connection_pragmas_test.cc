// Connection settings are per connection (Core::Options::pragmas -> Db::Open), with
// SQLite's defaults when nothing is asked, and never leak from one connection to the next.
#include "core/db/connection_pragmas.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/core.h"
#include "core/db/sqlite.h"

namespace invento::db {
namespace {

namespace fs = std::filesystem;

class ConnectionPragmasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("invento-pragmas-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static Json Pragma(const Db& db, const std::string& name) { return db.QueryValue("PRAGMA " + name).value(); }
  fs::path dir_;
};

const ConnectionPragmas kBrowserLike{
    .exclusive_locking = true,
    .journal_mode = JournalMode::kWal,
    .synchronous = Synchronous::kNormal,
    .temp_store_memory = true,
    .cache_size = -16384,
    .wal_autocheckpoint = 8192,
};

TEST_F(ConnectionPragmasTest, DefaultsAreSqlitesOwn) {
  auto db = Db::Open(Path("plain.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(Pragma(**db, "journal_mode"), "delete");
  EXPECT_EQ(Pragma(**db, "locking_mode"), "normal");
  EXPECT_EQ(Pragma(**db, "synchronous"), 2);  // FULL
  EXPECT_EQ(Pragma(**db, "temp_store"), 0);
  EXPECT_EQ(Pragma(**db, "wal_autocheckpoint"), 1000);
  EXPECT_EQ(Pragma(**db, "foreign_keys"), 1);
  EXPECT_EQ(PragmaStatements({}), "");
}

TEST_F(ConnectionPragmasTest, CoreOptionsApplyEveryPragmaToItsOwnConnectionOnly) {
  auto core = Core::Open({.path = Path("device.db"), .pragmas = kBrowserLike});
  ASSERT_TRUE(core.ok()) << core.status().ToString();
  Db& db = (*core)->db();
  EXPECT_EQ(Pragma(db, "journal_mode"), "wal");
  EXPECT_EQ(Pragma(db, "locking_mode"), "exclusive");
  EXPECT_EQ(Pragma(db, "synchronous"), 1);  // NORMAL
  EXPECT_EQ(Pragma(db, "temp_store"), 2);   // MEMORY
  EXPECT_EQ(Pragma(db, "cache_size"), -16384);
  EXPECT_EQ(Pragma(db, "wal_autocheckpoint"), 8192);
  // Nothing global: a second connection opened with defaults in the same process keeps them.
  auto other = Core::Open({.path = Path("other.db")});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(Pragma((*other)->db(), "journal_mode"), "delete");
  EXPECT_EQ(Pragma((*other)->db(), "locking_mode"), "normal");
  EXPECT_EQ(Pragma((*other)->db(), "cache_size"), -2000);
}

TEST_F(ConnectionPragmasTest, ServerLikeSettingsKeepWalAcrossReopening) {
  const ConnectionPragmas server{.journal_mode = JournalMode::kWal, .synchronous = Synchronous::kFull,
                                 .temp_store_memory = true, .cache_size = -65536};
  {
    auto core = Core::Open({.path = Path("server.db"), .server_tables = true, .pragmas = server});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    EXPECT_EQ(Pragma((*core)->db(), "synchronous"), 2);
    EXPECT_EQ(Pragma((*core)->db(), "cache_size"), -65536);
  }
  auto again = Db::Open(Path("server.db"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Pragma(**again, "journal_mode"), "wal");  // persistent in the file
}

}  // namespace
}  // namespace invento::db
