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

TEST(SqliteTest, SavepointKeepsReleasedAndDiscardsRolledBackWork) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER)").ok());
  auto tx = Transaction::Begin(**db);
  ASSERT_TRUE(tx.ok());
  {
    auto kept = Savepoint::Begin(**db, "kept");
    ASSERT_TRUE(kept.ok()) << kept.status().ToString();
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
    {
      // Nested, rolled back explicitly: only its own row goes.
      auto inner = Savepoint::Begin(**db, "inner");
      ASSERT_TRUE(inner.ok());
      ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (2)").ok());
      ASSERT_TRUE(inner->Rollback().ok());
      EXPECT_FALSE(inner->open());
      EXPECT_EQ(inner->Release().code(), Code::kInternal);  // already finished
    }
    ASSERT_TRUE(kept->Release().ok());
  }
  {
    // Neither released nor rolled back: the destructor rolls back.
    auto dropped = Savepoint::Begin(**db, "dropped");
    ASSERT_TRUE(dropped.ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (3)").ok());
  }
  EXPECT_TRUE((*db)->in_transaction());  // savepoints never end the enclosing transaction
  ASSERT_TRUE((*tx)->Commit().ok());
  EXPECT_EQ((*db)->QueryValue("SELECT group_concat(a) FROM t").value(), "1");
}

TEST(SqliteTest, OutermostSavepointOpensAndEndsItsOwnTransaction) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER)").ok());
  {
    auto sp = Savepoint::Begin(**db, "outer");
    ASSERT_TRUE(sp.ok());
    EXPECT_TRUE((*db)->in_transaction());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
    Savepoint moved = std::move(*sp);  // the moved-from one no longer rolls back
    EXPECT_FALSE(sp->open());
    EXPECT_TRUE(moved.open());
  }
  EXPECT_FALSE((*db)->in_transaction());
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM t").value(), 0);
  {
    auto sp = Savepoint::Begin(**db, "outer");
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(sp->Release().ok());
  }
  EXPECT_FALSE((*db)->in_transaction());
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

TEST(SqliteTest, StatementsAreReusedFreshAndNeverShared) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3)").ok());
  const char* sql = "SELECT a FROM t WHERE a >= ? ORDER BY a";
  sqlite3_stmt* first = nullptr;
  {
    auto st = (*db)->Prepare(sql);
    ASSERT_TRUE(st.ok());
    st->Bind(1, std::int64_t{2});
    ASSERT_TRUE(st->Step().value());  // left mid-iteration, with a binding
    first = st->raw();
  }
  // The same text gets the same compiled statement back, reset and with no bindings left.
  auto again = (*db)->Prepare(sql);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->raw(), first);
  EXPECT_TRUE(sqlite3_stmt_busy(again->raw()) == 0);
  EXPECT_FALSE(again->Step().value());  // no binding left: a >= NULL matches nothing
  again->Reset();
  again->Bind(1, std::int64_t{3});
  ASSERT_TRUE(again->Step().value());
  EXPECT_EQ(again->Int(0), 3);
}

TEST(SqliteTest, AStatementInUseIsNotHandedOutTwice) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)").ok());
  const char* sql = "SELECT a FROM t ORDER BY a";
  auto outer = (*db)->Prepare(sql);
  ASSERT_TRUE(outer.ok());
  int pairs = 0;
  while (outer->Step().value()) {
    auto inner = (*db)->Prepare(sql);  // nested use of the same text
    ASSERT_TRUE(inner.ok());
    EXPECT_NE(inner->raw(), outer->raw());
    while (inner->Step().value()) ++pairs;
  }
  EXPECT_EQ(pairs, 4);
}

TEST(SqliteTest, AStatementOutlivingItsConnectionIsFinalizedSafely) {
  Stmt survivor;
  {
    auto db = Db::Open(":memory:");
    ASSERT_TRUE(db.ok());
    auto st = (*db)->Prepare("SELECT 1");
    ASSERT_TRUE(st.ok());
    survivor = std::move(st).value();
    auto cached = (*db)->Prepare("SELECT 2");  // returned to the cache when it goes
    ASSERT_TRUE(cached.ok());
  }
  // The connection is gone (a zombie until this statement finalizes); ASan checks the rest.
  EXPECT_NE(survivor.raw(), nullptr);
}

TEST(SqliteTest, SchemaChangesRecompileCachedStatements) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7)").ok());
  { ASSERT_EQ((*db)->QueryValue("SELECT * FROM t").value(), 7); }
  ASSERT_TRUE((*db)->Exec("DROP TABLE t; CREATE TABLE t (b TEXT); INSERT INTO t VALUES ('x')").ok());
  EXPECT_EQ((*db)->QueryValue("SELECT * FROM t").value(), "x");
}

}  // namespace invento::db
