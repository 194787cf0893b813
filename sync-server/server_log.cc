#include "sync-server/server_log.h"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>

namespace invento::server {
namespace {

std::mutex g_mu;
std::function<void(const std::string&)> g_sink;

std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const long ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

// Keeps a logged field on one line and printable (a path may carry control characters).
std::string Printable(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (s.size() > max) out += "...";
  return out;
}

void Write(const std::string& line) {
  std::lock_guard lock(g_mu);
  if (g_sink) {
    g_sink(line);
    return;
  }
  std::fputs(line.c_str(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace

void LogRequest(const RequestLogEntry& e) {
  try {
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1fms", e.duration_ms);
    std::string_view path = e.target.substr(0, e.target.find('?'));
    Write(UtcNow() + " " + Printable(e.method, 16) + " " + Printable(path, 200) + " " +
          std::to_string(e.status) + " " + duration +
          " user=" + (e.user_id.empty() ? std::string("-") : Printable(e.user_id, 64)) +
          " from=" + (e.address.empty() ? std::string("-") : Printable(e.address, 64)));
  } catch (...) {  // out of memory: the request matters more than its log line
  }
}

void LogError(std::string_view where, std::string_view cause) {
  try {
    Write(UtcNow() + " ERROR " + Printable(where, 100) + ": " + Printable(cause, 2000));
  } catch (...) {
  }
}

void LogInfo(std::string_view where, std::string_view what) {
  try {
    Write(UtcNow() + " INFO " + Printable(where, 100) + ": " + Printable(what, 2000));
  } catch (...) {
  }
}

void PrepareThreadForCrashLog() {
  thread_local std::unique_ptr<char[]> stack;
  if (stack) return;
  constexpr std::size_t kSize = 64 * 1024;
  stack = std::make_unique<char[]>(kSize);
  stack_t ss{};
  ss.ss_sp = stack.get();
  ss.ss_size = kSize;
  sigaltstack(&ss, nullptr);
}

void SetLogSink(std::function<void(const std::string& line)> sink) {
  std::lock_guard lock(g_mu);
  g_sink = std::move(sink);
}

}  // namespace invento::server
