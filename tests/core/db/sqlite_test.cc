#include "core/db/sqlite.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace invento::db {

TEST(SqliteTest, PreparedStatementsBindAndRead) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER, b TEXT)").ok());
  auto st = (*db)->Prepare("INSERT INTO t VALUES (?, ?)");
  ASSERT_TRUE(st.ok());
  st->Bind(1, std::int64_t{42}).Bind(2, std::string_view("x'); DROP TABLE t; --"));
  ASSERT_TRUE(st->Run().ok());
  auto v = (*db)->QueryValue("SELECT b FROM t WHERE a = ?", {Json(42)});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), "x'); DROP TABLE t; --");
}

TEST(SqliteTest, TransactionRollsBackUnlessCommitted) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER)").ok());
  {
    auto tx = Transaction::Begin(**db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM t").value(), 0);
  {
    auto tx = Transaction::Begin(**db);
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM t").value(), 1);
}

TEST(SqliteTest, ErrorsAreStatuses) {
  auto db = Db::Open(":memory:");
  auto bad = (*db)->Prepare("SELEKT 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInternal);
  ASSERT_TRUE((*db)->Exec("CREATE TABLE u (a INTEGER UNIQUE)").ok());
  ASSERT_TRUE((*db)->Exec("INSERT INTO u VALUES (1)").ok());
  auto dup = (*db)->Exec("INSERT INTO u VALUES (1)");
  EXPECT_EQ(dup.code(), Code::kConflict);
}

TEST(SqliteTest, NotADatabaseIsCorrupt) {
  std::string path = ::testing::TempDir() + "/not_a_db.sqlite";
  {
    std::ofstream f(path, std::ios::binary);
    f << std::string(4096, 'x');
  }
  auto db = Db::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kCorrupt) << db.status().ToString();
  std::remove(path.c_str());
}

}  // namespace invento::db
