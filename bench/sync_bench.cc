// Sync server throughput and end-to-end replication time.
//
// 1. Server mutations per second: 20,000 `stock.receipt` mutations pushed in batches of 1000
//    through the server's request handler (JSON parsing, session check, permission check,
//    mutator, versioning, audit log, on-hand cache triggers, fsync'd WAL commit per batch),
//    compared with the named alternative: a raw batched SQLite INSERT of the same 20,000
//    ledger rows into the same schema (one prepared statement, same batch size, the server's
//    own connection settings from sync-server/db_settings.h: WAL, synchronous=FULL...).
//    CPU times are printed too: on a shared machine they move less with the load.
// 2. End to end: 10,000 mutations made offline on one simulated device (the core's client
//    half), pushed, then pulled by a second fresh device, until both digests match.
// In-process (no sockets): it measures the server and the sync protocol, not loopback TCP.
// Usage: build-bench/bench/sync_bench  (Release build; prints a markdown table)
#include <cstdio>
#include <filesystem>
#include <random>

#include "bench/bench_support.h"
#include "core/sync/protocol.h"
#include "sync-server/db_settings.h"

using namespace invento;
using namespace invento::bench;
namespace st = invento::server::testing;

int main() {
  auto server = StartServer("invento-sync-bench");
  const auto& dir = server->dir;
  const auto& transport = server->transport;
  std::mt19937_64 rng(1);
  st::SimDevice admin(transport, rng);
  SignInAdmin(admin);
  std::vector<std::string> items, locs;
  CreateItemsAndVans(admin, rng, &items, &locs);
  (void)admin.Sync();

  // --- 1a. server: 20,000 receipts pushed in batches of 1000 -------------------------------
  constexpr int kServerMutations = 20000, kBatch = 1000;
  std::vector<Json> batches;
  std::int64_t next_id = admin.State()["pending"].get<std::int64_t>();  // 0 pending
  {
    // Mutation ids continue after the setup mutations.
    auto r = admin.Post("/api/pull", {{"client_id", admin.client_id()}, {"since", 0}, {"limit", 1}});
    next_id = Json::parse(r.body)["last_mutation_id"].get<std::int64_t>() + 1;
  }
  for (int b = 0; b < kServerMutations / kBatch; ++b) {
    Json muts = Json::array();
    for (int i = 0; i < kBatch; ++i) {
      muts.push_back({{"id", next_id++}, {"name", "stock.receipt"},
                      {"args", {{"id", st::RandomId(rng)}, {"item_id", items[rng() % items.size()]},
                                {"location_id", locs[rng() % locs.size()]}, {"qty", "1.5"}}}});
    }
    batches.push_back({{"client_id", admin.client_id()}, {"mutations", std::move(muts)}});
  }
  auto t0 = Clock::now();
  double c0 = CpuSeconds();
  for (const auto& b : batches) {
    auto r = admin.Post("/api/push", b);
    if (r.status != 200) {
      std::fprintf(stderr, "push failed %d %s\n", r.status, r.body.substr(0, 300).c_str());
      return 1;
    }
  }
  auto t1 = Clock::now();
  double server_s = Seconds(t0, t1), server_cpu = CpuSeconds() - c0;

  // --- 1b. alternative: raw batched INSERT of the same rows ------------------------------
  auto raw = db::Db::Open((dir / "raw.db").string()).value();
  (void)Core::Open({.path = (dir / "raw.db").string()});
  (void)raw->Exec(db::PragmaStatements(server::kServerConnectionPragmas));  // the server's own settings (db_settings.h)
  auto t2 = Clock::now();
  double c2 = CpuSeconds();
  for (const auto& b : batches) {
    (void)raw->Exec("BEGIN IMMEDIATE");
    auto st = raw->Prepare("INSERT INTO stock_movements (id, item_id, kind, to_location_id, qty, occurred_at, actor_id, version)"
                           " VALUES (?, ?, 'receipt', ?, 1500, 1800000000000, 'u', 1)").value();
    for (const auto& m : b["mutations"]) {
      st.Bind(1, m["args"]["id"]).Bind(2, m["args"]["item_id"]).Bind(3, m["args"]["location_id"]);
      (void)st.Run();
      st.Reset();
    }
    (void)raw->Exec("COMMIT");
  }
  auto t3 = Clock::now();
  double raw_s = Seconds(t2, t3), raw_cpu = CpuSeconds() - c2;

  // --- 2. end to end: 10,000 offline mutations, device A -> server -> fresh device B ----
  constexpr int kE2E = 10000;
  st::SimDevice a(transport, rng), b(transport, rng);
  a.Login("admin", "Admin-Pass-1");
  b.Login("admin", "Admin-Pass-1");
  (void)a.Pull();
  auto t4 = Clock::now();
  for (int i = 0; i < kE2E; ++i) {
    (void)a.Mutate("stock.issue", {{"id", st::RandomId(rng)}, {"item_id", items[rng() % items.size()]},
                                   {"location_id", locs[rng() % locs.size()]}, {"qty", 1}});
  }
  auto t5 = Clock::now();
  if (!a.Sync().ok()) return 1;
  auto t6 = Clock::now();
  if (!b.Pull(5000).ok()) return 1;
  auto t7 = Clock::now();
  bool same = a.Digest() == b.Digest();

  std::printf("| measure | figure |\n|---|---|\n");
  std::printf("| server: %d stock.receipt mutations pushed in batches of %d | %.2f s = **%.0f mutations/s** |\n",
              kServerMutations, kBatch, server_s, kServerMutations / server_s);
  std::printf("| alternative: raw batched SQLite INSERT of the same rows | %.2f s = %.0f rows/s |\n", raw_s,
              kServerMutations / raw_s);
  std::printf("| server as a fraction of raw inserts | %.0f %% |\n", 100.0 * raw_s / server_s);
  std::printf("| CPU time (user + system): server / raw inserts | %.2f s / %.2f s (%.0f %%) |\n",
              server_cpu, raw_cpu, 100.0 * raw_cpu / server_cpu);
  std::printf("| e2e: %d mutations made offline on device A (optimistic, local) | %.2f s |\n", kE2E, Seconds(t4, t5));
  std::printf("| e2e: push + rebase of A | %.2f s |\n", Seconds(t5, t6));
  std::printf("| e2e: pull into a fresh device B (%d+ rows) | %.2f s |\n", kE2E, Seconds(t6, t7));
  std::printf("| e2e: push + pull total (A -> server -> B), digests equal: %s | **%.2f s** |\n",
              same ? "yes" : "NO", Seconds(t5, t7));
  return same ? 0 : 1;
}
