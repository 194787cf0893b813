// A device's first sync: N items created on the server, then pulled by a fresh device in
// pages of 5,000 rows through the core's client half (SyncClient::ApplyPull), the way the
// browser's worker does it (the page is handed over as text and parsed once).
//
// Times apart: the server answering the pull requests, parsing the pages, and applying them
// on the device. The named alternative, in the same run: the same item rows inserted into a
// fresh database of the same schema by one prepared INSERT in one transaction (the floor
// for "write these rows with their indexes and full-text triggers").
//
// Usage: build-bench/bench/initial_pull_bench [items=100000] [device.db path; default memory]
#include <cstdio>
#include <filesystem>
#include <random>

#include "bench/bench_support.h"
#include "core/core.h"
#include "core/sync/client.h"

using namespace invento;
using namespace invento::bench;
namespace st = invento::server::testing;

static std::unique_ptr<Core> OpenDevice(const std::string& path) {
  if (!path.empty()) std::filesystem::remove(path);
  Core::Options options;
  options.path = path.empty() ? ":memory:" : path;
  auto core = Core::Open(options).value();
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                             "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-16384"}) {
    (void)core->db().Exec(pragma);
  }
  return core;
}

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string device_path = argc > 2 ? argv[2] : "";
  auto server = StartServer("invento-initial-pull-bench");
  std::mt19937_64 rng(1);
  st::SimDevice admin(server->transport, rng);
  SignInAdmin(admin);

  // N items on the server, pushed directly (1,000 mutations a request).
  std::int64_t next = 1;
  const std::string seed_client = st::RandomId(rng);
  for (int start = 0; start < n; start += 1000) {
    Json muts = Json::array();
    for (int i = start; i < std::min(n, start + 1000); ++i) {
      char ref[32];
      std::snprintf(ref, sizeof ref, "REF-%06d", i);
      muts.push_back({{"id", next++}, {"name", "item.create"}, {"at", NowMs()},
                      {"args", {{"id", st::RandomId(rng)}, {"reference", ref},
                                {"label", std::string("Écrou inox M8 lot ") + ref},
                                {"unit", "piece"}, {"barcode", std::to_string(3000000000000LL + i)}}}});
    }
    auto r = admin.Post("/api/push", {{"client_id", seed_client}, {"mutations", muts}});
    if (r.status != 200) {
      std::fprintf(stderr, "seed push failed: %d %s\n", r.status, r.body.substr(0, 300).c_str());
      return 1;
    }
  }

  // The device's first pull, pages of 5,000 rows.
  auto device = OpenDevice(device_path);
  sync::SyncClient client(*device);
  (void)client.Init(st::RandomId(rng)).value();
  double serve_s = 0, parse_s = 0, apply_s = 0, apply_cpu = 0;
  const double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  int pages = 0;
  std::int64_t rows = 0;
  for (;;) {
    Json body = client.PullRequest().value();
    body["limit"] = 5000;
    auto a = Clock::now();
    auto r = admin.Post("/api/pull", body);
    auto b = Clock::now();
    if (r.status != 200) return 1;
    Json page = Json::parse(r.body);
    auto c = Clock::now();
    const double cpu_c = CpuSeconds();
    auto applied = client.ApplyPull(page, admin.actor(), NowMs());
    apply_cpu += CpuSeconds() - cpu_c;
    auto d = Clock::now();
    if (!applied.ok()) {
      std::fprintf(stderr, "apply failed: %s\n", applied.status().ToString().c_str());
      return 1;
    }
    serve_s += Seconds(a, b);
    parse_s += Seconds(b, c);
    apply_s += Seconds(c, d);
    ++pages;
    rows += (*applied)["rows"].get<std::int64_t>();
    if ((*applied)["done"] == true) break;
  }
  const double total_s = Seconds(t0, Clock::now()), total_cpu = CpuSeconds() - cpu0;
  auto count = device->db().QueryValue("SELECT count(*) FROM items").value();

  // The alternative: the same rows, one prepared INSERT, one transaction, same schema.
  auto floor_db = OpenDevice(device_path.empty() ? "" : device_path + ".floor");
  auto source = device->db().Prepare("SELECT * FROM items").value();
  std::vector<std::vector<Json>> copy;
  int columns = 0;
  while (source.Step().value()) {
    columns = source.ColumnCount();
    std::vector<Json> row;
    for (int i = 0; i < columns; ++i) row.push_back(source.Value(i));
    copy.push_back(std::move(row));
  }
  std::string sql = "INSERT INTO items VALUES (?";
  for (int i = 1; i < columns; ++i) sql += ", ?";
  sql += ")";
  auto f0 = Clock::now();
  const double floor_cpu0 = CpuSeconds();
  (void)floor_db->db().Exec("BEGIN");
  for (const auto& row : copy) {
    auto ins = floor_db->db().Prepare(sql).value();
    for (int i = 0; i < columns; ++i) ins.Bind(i + 1, row[static_cast<std::size_t>(i)]);
    if (!ins.Run().ok()) return 1;
  }
  (void)floor_db->db().Exec("COMMIT");
  const double floor_s = Seconds(f0, Clock::now()), floor_cpu = CpuSeconds() - floor_cpu0;

  // What the full-text index costs in that floor: the same insert without its trigger.
  auto bare_db = OpenDevice(device_path.empty() ? "" : device_path + ".bare");
  (void)bare_db->db().Exec("DROP TRIGGER items_fts_ai");
  const double bare_cpu0 = CpuSeconds();
  (void)bare_db->db().Exec("BEGIN");
  for (const auto& row : copy) {
    auto ins = bare_db->db().Prepare(sql).value();
    for (int i = 0; i < columns; ++i) ins.Bind(i + 1, row[static_cast<std::size_t>(i)]);
    if (!ins.Run().ok()) return 1;
  }
  (void)bare_db->db().Exec("COMMIT");
  const double bare_cpu = CpuSeconds() - bare_cpu0;

  std::printf("| measure (%d items, device db %s) | figure |\n|---|---|\n", n,
              device_path.empty() ? "in memory" : device_path.c_str());
  std::printf("| first pull, total (%d pages, %lld rows, %s items on the device) | **%.2f s** (CPU %.2f s) = %.0f µs/row |\n",
              pages, static_cast<long long>(rows), count.dump().c_str(), total_s, total_cpu, 1e6 * total_s / static_cast<double>(rows));
  std::printf("| of which the server answering the pulls | %.2f s |\n", serve_s);
  std::printf("| of which parsing the pages (JSON) | %.2f s |\n", parse_s);
  std::printf("| of which applying them on the device (ApplyPull) | %.2f s (CPU %.2f s = %.0f µs/row) |\n", apply_s,
              apply_cpu, 1e6 * apply_cpu / static_cast<double>(rows));
  std::printf("| alternative: the same %zu item rows, one prepared INSERT, one transaction | %.2f s (CPU %.2f s = %.0f µs/row) |\n",
              copy.size(), floor_s, floor_cpu, 1e6 * floor_cpu / static_cast<double>(copy.size()));
  std::printf("| the same without the full-text trigger (what the index costs) | CPU %.2f s = %.0f µs/row |\n",
              bare_cpu, 1e6 * bare_cpu / static_cast<double>(copy.size()));
  return 0;
}
