// A calendar drop, natively: `task.update {id, planned_start, planned_end}` on a database of
// 2,000 planned work orders in one week assigned over 20 technicians (the planning bench's
// data, bench/planning/calendar.bench.mjs), p50/p99 of 300 moves. Named alternatives in the
// same run: the same mutator changing only the title (no dates, so no assignment checks) and
// `category.create` (a small insert). The browser adds the Worker round trip and OPFS to this.
//
// Usage: task_update_bench [--orders N] [--moves N] [--db PATH] [--keep 1]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/core.h"

namespace {

using invento::Json;
using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

void Must(const invento::Result<Json>& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.status().message().c_str());
    std::exit(1);
  }
}

// A valid lowercase UUID, distinct per (kind, n).
std::string Id(char kind, int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012x", static_cast<unsigned>(n),
                static_cast<unsigned>(kind));
  return buf;
}

void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p / 100 * ms.size()))]; };
  std::printf("| %s | %.2f | %.2f | %.2f | %zu |\n", what, at(50), at(99), ms.back(), ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  int orders = 2000, moves = 300;
  bool keep = false;
  std::string path = (std::filesystem::temp_directory_path() / "invento-task-update-bench.db").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--orders")) orders = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--moves")) moves = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--keep")) keep = std::atoi(argv[i + 1]) != 0;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  // The browser device's settings (kBrowserPragmas, wasm/bindings.cc).
  const invento::db::ConnectionPragmas pragmas{.exclusive_locking = true,
                                               .journal_mode = invento::db::JournalMode::kWal,
                                               .synchronous = invento::db::Synchronous::kNormal,
                                               .temp_store_memory = true,
                                               .cache_size = -16384,
                                               .wal_autocheckpoint = 8192};
  auto opened = invento::Core::Open({.path = path, .pragmas = pragmas});
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().message().c_str());
    return 1;
  }
  auto& core = **opened;
  const invento::MutationContext ctx{.actor = {"admin", invento::Role::kAdmin}, .now_ms = 1'900'000'000'000};
  constexpr int kPeople = 20;
  const std::int64_t monday = 1'964'476'800'000;  // Monday 2 June 2032, 00:00 UTC
  for (int p = 0; p < kPeople; ++p) {
    Must(core.Mutate("employee.create", {{"id", Id('e', p)}, {"name", "Technicien " + std::to_string(p)}}, ctx), "employee");
  }
  for (int n = 0; n < orders; ++n) {
    const std::int64_t start = monday + (n % 5) * 86'400'000 + (8 + n % 9) * 3'600'000;
    Must(core.Mutate("task.create", {{"id", Id('t', n)}, {"title", "OT " + std::to_string(n)}, {"status", "planned"},
                                     {"planned_start", start}, {"planned_end", start + 3'600'000}}, ctx), "task");
    Must(core.Mutate("task.assign", {{"id", Id('a', n)}, {"task_id", Id('t', n)}, {"employee_id", Id('e', n % kPeople)}}, ctx), "assign");
  }

  std::vector<double> drop, title, category;
  for (int i = 0; i < moves; ++i) {
    const std::int64_t start = monday + (i % 5) * 86'400'000 + (7 + i % 11) * 3'600'000 + 1'800'000;
    auto t0 = Clock::now();
    Must(core.Mutate("task.update", {{"id", Id('t', i % orders)}, {"planned_start", start}, {"planned_end", start + 3'600'000}}, ctx), "drop");
    auto t1 = Clock::now();
    Must(core.Mutate("task.update", {{"id", Id('t', (i + 7) % orders)}, {"title", "OT renommé " + std::to_string(i)}}, ctx), "title");
    auto t2 = Clock::now();
    Must(core.Mutate("category.create", {{"id", Id('c', i)}, {"name", "Catégorie " + std::to_string(i)}, {"parent_id", nullptr}}, ctx), "category");
    auto t3 = Clock::now();
    drop.push_back(Ms(t0, t1));
    title.push_back(Ms(t1, t2));
    category.push_back(Ms(t2, t3));
  }
  std::printf("%d work orders over %d technicians, %d moves, %s\n\n", orders, kPeople, moves, path.c_str());
  std::printf("| mutation (ms) | p50 | p99 | max | n |\n|---|---|---|---|---|\n");
  Report("task.update planned_start/end (a drop)", drop);
  Report("task.update title only", title);
  Report("category.create", category);
  if (!keep) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  return 0;
}
