// The dashboard's figures natively, against an existing database (e.g. the server database
// the browser dashboard bench seeded: 100,000 items, 1,000,000 movements, 20,000 work
// orders): each data source of the default layouts (core/dashboard/widgets.cc) with the
// layout's arguments, and what the landing screen asks beside them (the alert badge), median
// and max of N runs. A diagnostic for the core's share of bench/dashboard: the browser runs
// the same queries in WebAssembly inside the worker, which is slower.
//
// Usage: dashboard_queries_bench PATH [--runs N]   (PATH is opened read-write: copy it first)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/core.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PATH [--runs N]\n", argv[0]);
    return 2;
  }
  int runs = 5;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  }
  auto opened = invento::Core::Open({.path = argv[1], .server_tables = true});
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().message().c_str());
    return 1;
  }
  auto& core = **opened;
  const invento::Actor admin{"bench", invento::Role::kAdmin};
  const std::vector<std::pair<std::string, invento::Json>> queries{
      {"dashboard.items_under_min", invento::Json::object()},
      {"dashboard.tasks", invento::Json::object()},
      {"dashboard.maintenance_kpis", invento::Json::object()},
      {"dashboard.stock_by_category", invento::Json::object()},
      {"dashboard.movements", {{"bucket", "day"}}},
      {"dashboard.movements", {{"bucket", "week"}}},
      {"dashboard.workload", invento::Json::object()},
      {"dashboard.cost_vs_budget", invento::Json::object()},
      {"dashboard.work_orders", invento::Json::object()},
      {"dashboard.projects_by_status", invento::Json::object()},
      {"alert.list", invento::Json::object()},
      {"alert.list", {{"below_minimum_only", true}}},
  };
  std::printf("| query | args | median ms | max ms |\n|---|---|---|---|\n");
  for (const auto& [name, args] : queries) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto out = core.Query(name, args, admin);
      auto t1 = std::chrono::steady_clock::now();
      if (!out.ok()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), out.status().message().c_str());
        return 1;
      }
      ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("| %s | %s | %.1f | %.1f |\n", name.c_str(), args.dump().c_str(), ms[ms.size() / 2],
                ms.back());
  }
  return 0;
}
