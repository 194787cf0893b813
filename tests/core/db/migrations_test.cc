#include "core/db/migrations.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "core/core.h"

namespace invento::db {
namespace {

const std::vector<Migration> kTwo{
    {1, "0001_a.sql", "CREATE TABLE a (id INTEGER);"},
    {2, "0002_b.sql", "CREATE TABLE b (id INTEGER);"},
};

TEST(MigrationsTest, AppliesInOrderAndRecordsVersion) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(ApplyMigrations(**db, "test", kTwo).ok());
  EXPECT_EQ(SchemaVersion(**db, "test").value(), 2);
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM sqlite_schema WHERE name IN ('a','b')").value(), 2);
}

TEST(MigrationsTest, ApplyingTwiceIsANoOp) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(ApplyMigrations(**db, "test", kTwo).ok());
  ASSERT_TRUE(ApplyMigrations(**db, "test", kTwo).ok());
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM schema_migrations").value(), 2);
}

TEST(MigrationsTest, NewerDatabaseIsRefusedAndUntouched) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(ApplyMigrations(**db, "test", kTwo).ok());
  std::vector<Migration> older{kTwo[0]};
  Status s = ApplyMigrations(**db, "test", older);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("newer than this version"), std::string::npos) << s.message();
  EXPECT_EQ(SchemaVersion(**db, "test").value(), 2);
}

TEST(MigrationsTest, FailingMigrationRollsBackAndReportsItsName) {
  auto db = Db::Open(":memory:");
  std::vector<Migration> bad{kTwo[0], {2, "0002_bad.sql", "CREATE TABLE c (id INTEGER); SELEKT;"}};
  Status s = ApplyMigrations(**db, "test", bad);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("0002_bad.sql"), std::string::npos);
  EXPECT_EQ(SchemaVersion(**db, "test").value(), 1);
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM sqlite_schema WHERE name = 'c'").value(), 0);
}

TEST(MigrationsTest, CoreOpensFileTwiceAndRefusesNewerSchema) {
  std::string path = ::testing::TempDir() + "/invento_migrations_test.db";
  std::remove(path.c_str());
  {
    auto core = Core::Open({.path = path});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    EXPECT_EQ((*core)->schema_version(), SharedMigrations().back().version);
  }
  {
    auto core = Core::Open({.path = path});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    ASSERT_TRUE((*core)->db().Exec("INSERT INTO schema_migrations(set_name, version, name) "
                                   "VALUES ('shared', 9999, '9999_future.sql')").ok());
  }
  auto core = Core::Open({.path = path});
  ASSERT_FALSE(core.ok());
  EXPECT_EQ(core.status().code(), Code::kFailedPrecondition);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace invento::db
