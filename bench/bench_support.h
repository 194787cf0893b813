// What the in-process server benchmarks share: timers, and a fresh server (real request
// handler, SQLite file in a temporary folder) with its administrator signed in on a simulated
// device whose password is already changed.
#pragma once

#include <time.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "sync-server/app.h"
#include "tests/server/sim_device.h"

namespace invento::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU time of this process (user + system), in seconds. Printed beside wall-clock times
// because this 2-core machine is shared: under load the wall clock also counts time slices
// given to other processes, the CPU time does not (it excludes waiting for fsync, too).
inline double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct BenchServer {
  std::filesystem::path dir;
  std::unique_ptr<server::App> app;
  server::testing::SimDevice::Transport transport;

  ~BenchServer() {
    app.reset();
    std::filesystem::remove_all(dir);
  }
};

// A server in temp/<name> (emptied first). The admin's password becomes "Admin-Pass-1".
inline std::unique_ptr<BenchServer> StartServer(const std::string& name) {
  auto s = std::make_unique<BenchServer>();
  s->dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(s->dir);
  std::filesystem::create_directories(s->dir / "web");
  server::Config cfg;
  cfg.database_path = (s->dir / "server.db").string();
  cfg.web_root = (s->dir / "web").string();
  cfg.fast_password_hash = true;
  cfg.body_limit = 64 << 20;
  s->app = server::App::Create(cfg).value();
  server::App* app = s->app.get();
  s->transport = [app](const server::HttpRequest& r) { return app->Handle(r); };
  return s;
}

// The administrator, signed in with the changed password.
inline void SignInAdmin(server::testing::SimDevice& admin) {
  admin.Login("admin", "Admin123!");
  admin.Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}});
  admin.Login("admin", "Admin-Pass-1");
}

// 50 items and 5 vans made by `admin` (not yet synced): what the push benchmarks move stock
// between.
inline void CreateItemsAndVans(server::testing::SimDevice& admin, std::mt19937_64& rng,
                               std::vector<std::string>* items, std::vector<std::string>* vans) {
  for (int i = 0; i < 50; ++i) {
    items->push_back(server::testing::RandomId(rng));
    (void)admin.Mutate("item.create", {{"id", items->back()}, {"reference", "R" + std::to_string(i)}, {"label", "Item"}});
  }
  for (int i = 0; i < 5; ++i) {
    vans->push_back(server::testing::RandomId(rng));
    (void)admin.Mutate("location.create", {{"id", vans->back()}, {"kind", "vehicle"}, {"name", "V" + std::to_string(i)}});
  }
}

}  // namespace invento::bench
