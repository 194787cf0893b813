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

#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

// A minimal HTTP/1.1 client over a fresh connection per request. Status 0 = no answer.
HttpResponse RealHttp(int port, const HttpRequest& req) {
  HttpResponse out;
  out.status = 0;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return out;
  }
  std::string raw = req.method + " " + req.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : req.headers) raw += k + ": " + v + "\r\n";
  raw += "Content-Length: " + std::to_string(req.body.size()) + "\r\n\r\n" + req.body;
  if (::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(raw.size())) {
    ::close(fd);
    return out;
  }
  std::string resp;
  char buf[65536];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) resp.append(buf, static_cast<size_t>(n));
  ::close(fd);
  auto head_end = resp.find("\r\n\r\n");
  if (resp.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return out;
  std::string body = resp.substr(head_end + 4);
  auto cl = resp.find("Content-Length: ");
  if (cl == std::string::npos || cl > head_end) return out;
  if (body.size() != std::stoul(resp.substr(cl + 16))) return out;  // truncated by a crash
  out.status = std::stoi(resp.substr(9, 3));
  out.body = body;
  return out;
}

class ServerProcess {
 public:
  ServerProcess(std::string db, std::string web, int port) : db_(std::move(db)), web_(std::move(web)), port_(port) {}
  ~ServerProcess() { Kill(); }
  void Start() {
    pid_ = fork();
    if (pid_ == 0) {
      setenv("PORT", std::to_string(port_).c_str(), 1);
      setenv("DATABASE_URL", db_.c_str(), 1);
      setenv("WEB_ROOT", web_.c_str(), 1);
      setenv("PASSWORD_HASH_COST", "min", 1);
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      execl(INVENTO_SERVER_BINARY, INVENTO_SERVER_BINARY, "serve", nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      HttpRequest h;
      h.method = "GET";
      h.target = "/api/health";
      if (RealHttp(port_, h).status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    FAIL() << "server did not start";
  }
  void Kill() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

 private:
  std::string db_, web_;
  int port_;
  pid_t pid_ = -1;
};

TEST(CrashTest, KillNineWhileDevicesPushLosesNothingAndDuplicatesNothing) {
  testing::TempDir dir;
  std::mt19937_64 rng(99);
  const int port = 20000 + static_cast<int>(rng() % 20000);
  const std::string db = dir.Path("data/crash.db");
  ServerProcess server(db, dir.Path("web"), port);
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
      auto check = db::Db::Open(db);
      auto n = (*check)->QueryValue("SELECT count(*) FROM mutation_log WHERE result = 'accepted'");
      ASSERT_GE(n.value().get<std::int64_t>(), acknowledged) << "acknowledged mutations lost by kill -9";
    }
    ASSERT_LT(failures, 200);
  }
  ASSERT_TRUE(admin.Sync().ok());
  EXPECT_GE(kills, 1);
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
