// Opening and rebuilding a device database (core/sync/recovery.h) on real SQLite files:
// a damaged, missing or healthy file is rebuilt keeping the unsent mutations it can still
// read, a server snapshot becomes the database, and a snapshot that cannot be used falls
// back to an empty database.
#include "core/sync/recovery.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace invento::sync {
namespace {

namespace fs = std::filesystem;

std::string Id(int n) {
  char buf[37];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

const Json kAdminSession{{"token", std::string(64, 'a')}, {"user", {{"id", "u-admin"}, {"role", "admin"}}}};

class RecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("invento-recovery-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Core::Options Options(const std::string& name) const {
    return {.path = (dir_ / name).string(),
            .pragmas = {.journal_mode = db::JournalMode::kWal, .synchronous = db::Synchronous::kNormal}};
  }
  // A device database with the admin signed in and `n` unsent category.create mutations.
  std::string MakeDevice(const std::string& name, int n, int first_id = 1) {
    auto replica = OpenReplica(Options(name), Id(900));
    EXPECT_TRUE(replica.ok()) << replica.status().ToString();
    EXPECT_TRUE(replica->client->SetSession(kAdminSession).ok());
    for (int i = first_id; i < first_id + n; ++i) {
      auto made = replica->client->Mutate("category.create", {{"id", Id(i)}, {"name", "C" + std::to_string(i)}}, 1000);
      EXPECT_TRUE(made.ok()) << made.status().ToString();
    }
    return replica->client_id;
  }
  static std::int64_t Count(Core& core, const std::string& table) {
    return core.db().QueryValue("SELECT count(*) FROM " + table).value().get<std::int64_t>();
  }
  fs::path dir_;
};

// Reads a byte vector as a snapshot.
SnapshotSource FromBytes(const std::vector<char>& bytes) {
  return [&bytes](std::uint8_t* dest, int n, std::int64_t at) {
    const auto left = static_cast<std::int64_t>(bytes.size()) - at;
    const int k = static_cast<int>(std::max<std::int64_t>(0, std::min<std::int64_t>(n, left)));
    if (k > 0) std::memcpy(dest, bytes.data() + at, static_cast<std::size_t>(k));
    return k;
  };
}

TEST_F(RecoveryTest, OpenReplicaKeepsItsClientIdAndTheSessionsActor) {
  const std::string id = MakeDevice("a.db", 1);
  EXPECT_EQ(id, Id(900));
  auto again = OpenReplica(Options("a.db"), Id(901));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->client_id, Id(900));
  EXPECT_EQ(again->client->actor().user_id, "u-admin");
  EXPECT_EQ(again->client->actor().role, Role::kAdmin);
  EXPECT_EQ(again->client->State().value()["pending"], 1);
  EXPECT_EQ(again->core->db().QueryValue("PRAGMA journal_mode").value(), "wal");
}

TEST_F(RecoveryTest, AFileThatIsNotADatabaseFailsToOpenAndIsRebuiltEmpty) {
  MakeDevice("a.db", 2);
  {
    std::fstream f(dir_ / "a.db", std::ios::binary | std::ios::in | std::ios::out);
    f.write(std::string(4096, 'x').data(), 4096);  // the header and the schema page
  }
  auto opened = OpenReplica(Options("a.db"), Id(901));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kCorrupt) << opened.status().ToString();

  auto rebuilt = RebuildReplica(Options("a.db"), Id(902));
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  const Json& report = rebuilt->report;
  EXPECT_FALSE(report["errors"].empty()) << report.dump();
  EXPECT_EQ(report["kept"], 0);
  EXPECT_EQ(report["client_id"], Id(902));  // nothing readable: a new client
  EXPECT_EQ(report["snapshot"], false);
  EXPECT_EQ(rebuilt->replica.client_id, Id(902));
  EXPECT_EQ(rebuilt->replica.client->actor().user_id, "");  // signed out: sign in again
  EXPECT_EQ(Count(*rebuilt->replica.core, "categories"), 0);
  EXPECT_EQ(rebuilt->replica.core->db().QueryValue("PRAGMA journal_mode").value(), "wal");
  // The new file is a healthy database that opens again.
  rebuilt->replica.client.reset();
  rebuilt->replica.core.reset();
  auto reopened = OpenReplica(Options("a.db"), Id(903));
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(reopened->client_id, Id(902));
}

TEST_F(RecoveryTest, AReadableDatabaseIsRebuiltKeepingItsUnsentMutationsAndSession) {
  MakeDevice("a.db", 3);
  auto rebuilt = RebuildReplica(Options("a.db"), Id(902));
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  const Json& report = rebuilt->report;
  EXPECT_TRUE(report["errors"].empty()) << report.dump();
  EXPECT_EQ(report["kept"], 3);
  EXPECT_EQ(report["lost"], 0);
  EXPECT_EQ(report["client_id"], Id(900));
  LocalReplica& r = rebuilt->replica;
  EXPECT_EQ(r.client->Session().value(), kAdminSession);
  EXPECT_EQ(r.client->actor().role, Role::kAdmin);
  // Re-run as the restored session's user: the rows are back, and pending again.
  EXPECT_EQ(Count(*r.core, "categories"), 3);
  EXPECT_EQ(r.client->State().value()["pending"], 3);
  EXPECT_EQ(r.client->PullRequest().value()["since"], 0);
}

TEST_F(RecoveryTest, AMissingDatabaseIsCreatedAsANewClient) {
  auto rebuilt = RebuildReplica(Options("gone.db"), Id(904));
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(rebuilt->report["client_id"], Id(904));
  EXPECT_EQ(rebuilt->report["kept"], 0);
  EXPECT_EQ(rebuilt->replica.client->State().value()["pending"], 0);
  EXPECT_TRUE(fs::exists(dir_ / "gone.db"));
}

TEST_F(RecoveryTest, ASnapshotBecomesTheDatabaseUnderTheKeptMutations) {
  {
    // The server's snapshot: a database file with two categories (no device state).
    auto server = Core::Open({.path = (dir_ / "snapshot.db").string()});
    ASSERT_TRUE(server.ok());
    for (int i = 50; i < 52; ++i) {
      ASSERT_TRUE((*server)->Mutate("category.create", {{"id", Id(i)}, {"name", "S" + std::to_string(i)}},
                                    {.actor = {"u-admin", Role::kAdmin}, .now_ms = 1000}).ok());
    }
  }
  std::ifstream in(dir_ / "snapshot.db", std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_GT(bytes.size(), 4096u);

  MakeDevice("a.db", 2);
  const SnapshotSource source = FromBytes(bytes);
  auto rebuilt = RebuildReplica(Options("a.db"), Id(905), &source);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(rebuilt->report["snapshot"], true) << rebuilt->report.dump();
  EXPECT_EQ(rebuilt->report["kept"], 2);
  EXPECT_EQ(rebuilt->report["client_id"], Id(900));
  EXPECT_EQ(Count(*rebuilt->replica.core, "categories"), 4);  // the snapshot's and the kept ones
  EXPECT_EQ(rebuilt->replica.client->State().value()["pending"], 2);
}

TEST_F(RecoveryTest, ASnapshotThatCannotBeUsedFallsBackToAnEmptyDatabase) {
  MakeDevice("a.db", 1);
  const std::vector<char> garbage(8192, 'z');
  const SnapshotSource bad = FromBytes(garbage);
  auto rebuilt = RebuildReplica(Options("a.db"), Id(906), &bad);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(rebuilt->report["snapshot"], false);
  ASSERT_EQ(rebuilt->report["errors"].size(), 1u) << rebuilt->report.dump();
  EXPECT_EQ(rebuilt->report["errors"][0].get<std::string>().rfind("snapshot: ", 0), 0u);
  EXPECT_EQ(rebuilt->report["kept"], 1);
  EXPECT_EQ(Count(*rebuilt->replica.core, "categories"), 1);

  // No snapshot at all (the source says -1): the same fallback.
  rebuilt->replica.client.reset();
  rebuilt->replica.core.reset();
  const SnapshotSource none = [](std::uint8_t*, int, std::int64_t) { return -1; };
  auto again = RebuildReplica(Options("a.db"), Id(907), &none);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->report["snapshot"], false);
  EXPECT_EQ(again->report["kept"], 1);
}

TEST_F(RecoveryTest, TheIntegrityCheckVisitsEveryTableOnce) {
  MakeDevice("a.db", 1);
  auto replica = OpenReplica(Options("a.db"), Id(908));
  ASSERT_TRUE(replica.ok());
  const db::Db& db = replica->core->db();
  const auto tables = db.QueryValue("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").value().get<int>();
  int visited = 0;
  for (Json next = 0; !next.is_null(); ++visited) {
    auto step = CheckTableAt(db, next.get<int>());
    ASSERT_TRUE(step.ok()) << step.status().ToString();
    EXPECT_EQ(step.value()["result"], "ok") << step.value().dump();
    next = step.value()["next"];
  }
  EXPECT_EQ(visited, tables + 1);  // the last call says there is nothing left
}

}  // namespace
}  // namespace invento::sync
