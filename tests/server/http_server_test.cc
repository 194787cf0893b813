// Real HTTP on 127.0.0.1: the Beast transport with the App behind it, driven by plain
// POSIX sockets (so this test does not compile Beast a second time).
#include "sync-server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/server/test_support.h"

namespace invento::server {
namespace {

using testing::Connect;

// Sends raw bytes and reads until the server closes the connection.
std::string Exchange(int port, const std::string& raw) {
  int fd = Connect(port);
  if (fd < 0) return "";
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = App::Create(testing::TestConfig(dir_));
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    server_ = std::make_unique<HttpServer>(*app_);
    auto port = server_->Start(2);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.value();
  }
  void TearDown() override {
    server_->Stop();
    server_->Wait();
  }
  testing::TempDir dir_;
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
};

TEST_F(HttpServerTest, HealthOverRealHttp) {
  std::string r = Exchange(port_, "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
  EXPECT_NE(r.find("\"database\":\"ok\""), std::string::npos) << r;
  EXPECT_NE(r.find("X-Content-Type-Options: nosniff"), std::string::npos) << r;
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequests) {
  std::string two =
      "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string r = Exchange(port_, two);
  EXPECT_NE(r.find("HTTP/1.1 200"), std::string::npos);
  EXPECT_NE(r.find("HTTP/1.1 404"), std::string::npos);
}

TEST_F(HttpServerTest, OversizedBodyIs413Json) {
  std::string body(100 * 1024, 'x');
  std::string r = Exchange(port_, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                  "application/json\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r.substr(0, 200);
  EXPECT_NE(r.find("payload_too_large"), std::string::npos);
}

TEST_F(HttpServerTest, GarbageIs400AndMalformedJson400) {
  std::string r = Exchange(port_, "HELLO\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << r;
  std::string body = "{not json";
  r = Exchange(port_, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << r;
  EXPECT_NE(r.find("malformed_json"), std::string::npos);
}

TEST_F(HttpServerTest, SlowClientIsDisconnectedAfterReadTimeout) {
  auto start = std::chrono::steady_clock::now();
  std::string r = Exchange(port_, "GET /api/health HTTP/1.1\r\nHost: x\r\n");  // never finished
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(r.empty()) << r;
  EXPECT_GE(elapsed, std::chrono::milliseconds(1500));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(HttpServerTest, StopClosesTheListener) {
  server_->Stop();
  server_->Wait();
  EXPECT_EQ(Connect(port_), -1);
}

TEST(ServerBinaryTest, SigtermStopsGracefully) {
  testing::TempDir dir;
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    close(out[0]);
    setenv("PORT", "0", 1);
    setenv("DATABASE_URL", dir.Path("data/x.db").c_str(), 1);
    setenv("WEB_ROOT", dir.Path("web").c_str(), 1);
    setenv("PASSWORD_HASH_COST", "min", 1);
    execl(INVENTO_SERVER_BINARY, INVENTO_SERVER_BINARY, "serve", nullptr);
    _exit(127);
  }
  close(out[1]);
  // Signal only once the server says it listens (its handlers are installed by then): a
  // fixed delay was too short on a loaded machine.
  std::string said;
  char buf[256];
  while (said.find("listening on") == std::string::npos) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    said.append(buf, static_cast<size_t>(n));
  }
  ASSERT_NE(said.find("listening on"), std::string::npos) << said;
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  close(out[0]);
  ASSERT_TRUE(WIFEXITED(status)) << "server did not exit on SIGTERM";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ServerBinaryTest, UnknownCommandAndBadConfigFail) {
  EXPECT_NE(std::system(INVENTO_SERVER_BINARY " frobnicate 2>/dev/null"), 0);
  EXPECT_NE(std::system("PORT=notaport " INVENTO_SERVER_BINARY " init-db 2>/dev/null"), 0);
}

}  // namespace
}  // namespace invento::server
