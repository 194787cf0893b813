// Storage engines (issue 18): mutations per second and pull throughput of the real server
// binary over HTTP on SQLite and on PostgreSQL, with one and with two server processes,
// each beside the same engine's raw batched insert of equivalent rows, in the same run.
//
// For each engine and process count P:
//  - P `invento-server serve` processes on one database (SQLite: the same file; PostgreSQL:
//    the same database, each process with its own replica);
//  - 20,000 `stock.receipt` mutations in batches of 1000, pushed by P devices at once, one
//    per process (so 20,000 / P each): **mutations/s** = 20,000 / wall time;
//  - then P fresh devices pull everything at once, one per process, in pages of 5000:
//    **pull rows/s** = rows received by all / wall time;
//  - the alternative: P writers inserting the same 20,000 ledger rows (stock_movements) in
//    batches of 1000, one transaction each: SQLite, one prepared INSERT per row with the
//    server's connection settings (WAL, synchronous=FULL); PostgreSQL, one multi-row INSERT
//    ... SELECT FROM unnest(...) per batch into a plain table of the same columns.
// PostgreSQL runs in a cluster started for the run (scripts/pg_test_cluster.sh) with its
// durable defaults (fsync on, synchronous_commit on), like SQLite's synchronous=FULL.
// Each configuration runs 3 times (INVENTO_BENCH_RUNS=n for another count), the rounds
// interleaved; the table gives medians, and the range of the server's mutations/s.
// Usage: build/bench/storage_bench   (prints a markdown table; each run's figure on stderr)
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "bench/bench_support.h"
#include "core/db/connection_pragmas.h"
#include "sync-server/db_settings.h"
#include "sync-server/pg_mirror.h"
#include "tests/server/server_process.h"

using namespace invento;
using namespace invento::bench;
namespace st = invento::server::testing;
namespace fs = std::filesystem;

namespace {

constexpr int kMutations = 20000, kBatch = 1000;

struct Figures {
  double push_s = 0, pull_s = 0, raw_s = 0;
  std::int64_t pulled_rows = 0;
};

std::vector<Json> Batches(const std::string& client_id, int count, const std::vector<std::string>& items,
                          const std::vector<std::string>& locs, std::mt19937_64& rng) {
  std::vector<Json> batches;
  std::int64_t id = 1;
  for (int b = 0; b < count / kBatch; ++b) {
    Json muts = Json::array();
    for (int i = 0; i < kBatch; ++i) {
      muts.push_back({{"id", id++}, {"name", "stock.receipt"},
                      {"args", {{"id", st::RandomId(rng)}, {"item_id", items[rng() % items.size()]},
                                {"location_id", locs[rng() % locs.size()]}, {"qty", "1.5"}}}});
    }
    batches.push_back({{"client_id", client_id}, {"mutations", std::move(muts)}});
  }
  return batches;
}

template <class F>
double Parallel(int n, F&& fn) {
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) threads.emplace_back([&fn, i] { fn(i); });
  for (auto& t : threads) t.join();
  return Seconds(t0, Clock::now());
}

Figures Run(const fs::path& dir, const std::string& pg_url, int processes, const std::vector<std::vector<Json>>& raw_rows) {
  Figures f;
  fs::create_directories(dir / "web");
  std::vector<std::unique_ptr<server::ServerProcess>> servers;
  const int base = 30000 + static_cast<int>(std::random_device{}() % 20000);
  for (int p = 0; p < processes; ++p) {
    const std::string file = pg_url.empty() ? (dir / "server.db").string() : (dir / ("replica-" + std::to_string(p) + ".db")).string();
    servers.push_back(std::make_unique<server::ServerProcess>(file, (dir / "web").string(), base + p, pg_url));
    servers.back()->Start();
    if (p == 0) {
      // The first process initialises the database before the others open it.
      server::HttpRequest h;
      h.method = "GET";
      h.target = "/api/health";
      (void)server::RealHttp(base, h);
    }
  }
  auto transport = [base](int p) {
    return [port = base + p](const server::HttpRequest& r) { return server::RealHttp(port, r); };
  };
  std::mt19937_64 rng(7);
  st::SimDevice admin(transport(0), rng);
  SignInAdmin(admin);
  std::vector<std::string> items, locs;
  CreateItemsAndVans(admin, rng, &items, &locs);
  if (!admin.Sync().ok()) std::abort();

  std::vector<std::unique_ptr<st::SimDevice>> pushers;
  std::vector<std::vector<Json>> batches;
  for (int p = 0; p < processes; ++p) {
    pushers.push_back(std::make_unique<st::SimDevice>(transport(p), rng));
    pushers.back()->Login("admin", "Admin-Pass-1");
    batches.push_back(Batches(pushers.back()->client_id(), kMutations / processes, items, locs, rng));
  }
  f.push_s = Parallel(processes, [&](int p) {
    for (const Json& b : batches[static_cast<std::size_t>(p)]) {
      auto r = pushers[static_cast<std::size_t>(p)]->Post("/api/push", b);
      if (r.status != 200) {
        std::fprintf(stderr, "push failed %d %s\n", r.status, r.body.substr(0, 300).c_str());
        std::abort();
      }
    }
  });

  std::vector<std::unique_ptr<st::SimDevice>> pullers;
  std::vector<std::int64_t> rows(static_cast<std::size_t>(processes), 0);
  for (int p = 0; p < processes; ++p) {
    pullers.push_back(std::make_unique<st::SimDevice>(transport(p), rng));
    pullers.back()->Login("admin", "Admin-Pass-1");
  }
  f.pull_s = Parallel(processes, [&](int p) {
    auto& d = *pullers[static_cast<std::size_t>(p)];
    if (!d.Pull(5000).ok()) std::abort();
    rows[static_cast<std::size_t>(p)] = d.core().db().QueryValue("SELECT count(*) FROM stock_movements").value().get<std::int64_t>();
  });
  for (auto r : rows) f.pulled_rows += r;
  servers.clear();

  // The alternative: the same ledger rows, raw, same batches, P writers at once.
  if (pg_url.empty()) {
    const std::string raw = (dir / "raw.db").string();
    (void)Core::Open({.path = raw});
    f.raw_s = Parallel(processes, [&](int p) {
      auto db = db::Db::Open(raw).value();
      (void)db->Exec(db::PragmaStatements(server::kServerConnectionPragmas));
      for (const Json& batch : raw_rows[static_cast<std::size_t>(p)]) {
        (void)db->Exec("BEGIN IMMEDIATE");
        auto st = db->Prepare("INSERT INTO stock_movements (id, item_id, kind, to_location_id, qty, occurred_at, actor_id, version)"
                              " VALUES (?, ?, 'receipt', ?, 1500, 1800000000000, 'u', 1)").value();
        for (const Json& r : batch) {
          st.Bind(1, r[0]).Bind(2, r[1]).Bind(3, r[2]);
          (void)st.Run();
          st.Reset();
        }
        (void)db->Exec("COMMIT");
      }
    });
  } else {
    auto setup = server::PgConnection::Connect(pg_url).value();
    (void)setup.Exec("CREATE TABLE raw_movements (id text PRIMARY KEY, item_id text NOT NULL, kind text NOT NULL,"
                     " to_location_id text, qty bigint NOT NULL, occurred_at bigint NOT NULL, actor_id text NOT NULL,"
                     " version bigint NOT NULL)");
    f.raw_s = Parallel(processes, [&](int p) {
      auto pg = server::PgConnection::Connect(pg_url).value();
      for (const Json& batch : raw_rows[static_cast<std::size_t>(p)]) {
        std::string ids = "{", item_ids = "{", loc_ids = "{";
        for (const Json& r : batch) {
          ids += r[0].get<std::string>() + ",";
          item_ids += r[1].get<std::string>() + ",";
          loc_ids += r[2].get<std::string>() + ",";
        }
        ids.back() = item_ids.back() = loc_ids.back() = '}';
        auto done = pg.Exec("INSERT INTO raw_movements SELECT id, item, 'receipt', loc, 1500, 1800000000000, 'u', 1"
                            " FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, item, loc)",
                            {&ids, &item_ids, &loc_ids});
        if (!done.ok()) {
          std::fprintf(stderr, "raw insert: %s\n", done.status().ToString().c_str());
          std::abort();
        }
      }
    });
  }
  return f;
}

}  // namespace

int main() {
  const fs::path root = fs::temp_directory_path() / "invento-storage-bench";
  fs::remove_all(root);
  fs::create_directories(root);
  // A durable cluster: PostgreSQL's defaults (fsync, synchronous_commit) are kept.
  const std::string cluster = (root / "pg").string();
  const std::string script = std::string(INVENTO_SOURCE_DIR) + "/scripts/pg_test_cluster.sh";
  if (std::system(("PG_DURABLE=1 bash '" + script + "' start '" + cluster + "' >/dev/null").c_str()) != 0) {
    std::fprintf(stderr, "cannot start PostgreSQL\n");
    return 1;
  }
  const std::string admin_url = "postgresql:///postgres?host=" + cluster + "&user=postgres";
  std::mt19937_64 rng(3);
  // Each configuration runs kRuns times, the rounds interleaved (this machine is a shared VM
  // whose speed drifts by 20-30 % over a minute); each figure is the median, and the range of
  // the server's mutations/s is printed beside it.
  const char* runs_env = std::getenv("INVENTO_BENCH_RUNS");
  const int runs = runs_env ? std::max(1, std::atoi(runs_env)) : 3;
  struct Config {
    std::string engine;
    int processes;
  };
  const std::vector<Config> configs = {{"SQLite", 1}, {"SQLite", 2}, {"PostgreSQL", 1}, {"PostgreSQL", 2}};
  std::vector<std::vector<Figures>> results(configs.size());
  int status = 0;
  for (int run = 0; run < runs; ++run) {
    for (std::size_t c = 0; c < configs.size(); ++c) {
      const Config& cfg = configs[c];
      const std::string name = std::string(cfg.engine == "SQLite" ? "s" : "p") + std::to_string(cfg.processes) +
                               "_" + std::to_string(run);
      std::string url;
      if (cfg.engine != "SQLite") {
        auto admin = server::PgConnection::Connect(admin_url).value();
        (void)admin.Exec("CREATE DATABASE bench_" + name);
        url = "postgresql:///bench_" + name + "?host=" + cluster + "&user=postgres";
      }
      std::vector<std::vector<Json>> raw_rows(static_cast<std::size_t>(cfg.processes));
      for (int p = 0; p < cfg.processes; ++p) {
        for (int b = 0; b < kMutations / cfg.processes / kBatch; ++b) {
          Json batch = Json::array();
          for (int i = 0; i < kBatch; ++i) batch.push_back({st::RandomId(rng), st::RandomId(rng), st::RandomId(rng)});
          raw_rows[static_cast<std::size_t>(p)].push_back(std::move(batch));
        }
      }
      Figures f = Run(root / name, url, cfg.processes, raw_rows);
      if (f.pulled_rows != static_cast<std::int64_t>(cfg.processes) * kMutations) status = 1;
      results[c].push_back(f);
      std::fprintf(stderr, "run %d: %s x%d: %.0f mutations/s\n", run + 1, cfg.engine.c_str(), cfg.processes,
                   kMutations / f.push_s);
    }
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("| engine | processes | server: mutations/s (median of %d, range) | raw batched insert: rows/s |"
              " server / raw | pull: rows/s |\n|---|---|---|---|---|---|\n", runs);
  for (std::size_t c = 0; c < configs.size(); ++c) {
    std::vector<double> push, raw, pull, rate;
    std::int64_t pulled = results[c].front().pulled_rows;
    for (const Figures& f : results[c]) {
      push.push_back(f.push_s);
      raw.push_back(f.raw_s);
      pull.push_back(f.pull_s);
      rate.push_back(kMutations / f.push_s);
      pulled = std::min(pulled, f.pulled_rows);
    }
    const double push_s = median(push), raw_s = median(raw), pull_s = median(pull);
    const std::int64_t expected = static_cast<std::int64_t>(configs[c].processes) * kMutations;
    std::printf("| %s | %d | %.0f (%.2f s; %.0f-%.0f) | %.0f (%.2f s) | %.0f %% | %.0f (%lld rows in %.2f s)%s |\n",
                configs[c].engine.c_str(), configs[c].processes, kMutations / push_s, push_s,
                *std::min_element(rate.begin(), rate.end()), *std::max_element(rate.begin(), rate.end()),
                kMutations / raw_s, raw_s, 100.0 * raw_s / push_s, static_cast<double>(expected) / pull_s,
                static_cast<long long>(expected), pull_s, pulled == expected ? "" : " **ROWS MISSING**");
  }
  std::fflush(stdout);
  (void)std::system(("bash '" + script + "' stop '" + cluster + "'").c_str());
  fs::remove_all(root);
  return status;
}
