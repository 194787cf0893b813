// kill -9 of the real server binary while a device pushes over real HTTP: after restarts,
// no acknowledged mutation is lost and none is applied twice.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/server/server_process.h"
#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

// Accepted mutations in the store of record: the SQLite database, or PostgreSQL's rows.
std::int64_t AcceptedInStore(const testing::TempDir& dir) {
  if (!testing::OnPostgres()) {
    auto check = db::Db::Open(dir.Path("data/crash.db"));
    return (*check)->QueryValue("SELECT count(*) FROM mutation_log WHERE result = 'accepted'").value().get<std::int64_t>();
  }
  auto pg = PgConnection::Connect(dir.PostgresUrl());
  EXPECT_TRUE(pg.ok()) << pg.status().ToString();
  auto n = pg->Exec("SELECT count(*) FROM invento_rows WHERE tbl = 'mutation_log'"
                    " AND data::json->>'result' = 'accepted'");
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? std::stoll(n.value()[0][0]) : -1;
}

TEST(CrashTest, KillNineWhileDevicesPushLosesNothingAndDuplicatesNothing) {
  testing::TempDir dir;
  std::mt19937_64 rng(99);
  const int port = 20000 + static_cast<int>(rng() % 20000);
  const std::string db = dir.Path("data/crash.db");
  ServerProcess server(db, dir.Path("web"), port, dir.PostgresUrl());
  server.Start();
  auto transport = [port](const HttpRequest& r) { return RealHttp(port, r); };
  testing::SimDevice admin(transport, rng);
  ASSERT_TRUE(admin.Login("admin", "Admin123!"));
  ASSERT_EQ(admin.Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}}).status, 200);

  constexpr int kMutations = 400;
  for (int i = 0; i < kMutations; ++i) {
    ASSERT_TRUE(admin.Mutate("category.create", {{"id", testing::RandomId(rng)}, {"name", "C" + std::to_string(i)}}).ok());
  }
  std::int64_t acknowledged = 0;
  int kills = 0, failures = 0;
  while (admin.Pending() > 0 || acknowledged < kMutations) {
    // Kill the server at random moments, including right after an acknowledgement.
    std::atomic<bool> killed{false};
    std::thread killer;
    if (kills < 4 && rng() % 3 == 0) {
      int delay_us = static_cast<int>(rng() % 3000);
      killer = std::thread([&] {
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
        server.Kill();
        killed = true;
      });
    }
    Status pushed = admin.Push(25);
    if (killer.joinable()) killer.join();
    if (pushed.ok()) {
      Json body = Json::parse(admin.last_push_body);
      acknowledged = std::max(acknowledged, body["last_mutation_id"].get<std::int64_t>());
      Status pulled = admin.Pull();
      if (!pulled.ok()) ++failures;
    } else {
      ++failures;
    }
    if (killed) {
      ++kills;
      server.Start();
      // Everything acknowledged before the crash must have survived it.
      ASSERT_GE(AcceptedInStore(dir), acknowledged) << "acknowledged mutations lost by kill -9";
    }
    ASSERT_LT(failures, 200);
  }
  ASSERT_TRUE(admin.Sync().ok());
  EXPECT_GE(kills, 1);
  EXPECT_EQ(AcceptedInStore(dir), kMutations);
  if (testing::OnPostgres()) {
    // The replica is only a working copy: a process started without it rebuilds it from
    // PostgreSQL alone, with everything in it.
    server.Kill();
    std::filesystem::remove(db);
    server.Start();
    ASSERT_TRUE(admin.Sync().ok());
  }
  auto check = db::Db::Open(db);
  EXPECT_EQ((*check)->QueryValue("SELECT count(*) FROM categories").value(), kMutations);
  EXPECT_EQ((*check)->QueryValue("SELECT count(*) FROM mutation_log WHERE result = 'accepted'").value(), kMutations);
  EXPECT_EQ((*check)->QueryValue("SELECT count(*) FROM mutation_log WHERE result = 'rejected'").value(), 0);
  EXPECT_EQ((*check)->QueryValue("PRAGMA integrity_check").value(), "ok");
  auto tables = db::TableRegistry::Load(**check);
  EXPECT_EQ(admin.Digest(), sync::TablesDigest(**check, tables.value()).value());
}

}  // namespace
}  // namespace invento::server
