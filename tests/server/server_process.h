// A real invento-server process for tests (kill -9, several processes), and a minimal HTTP
// client to talk to it. With PostgreSQL (test_support.h), DATABASE_URL names the test's
// PostgreSQL database and `db` is the process's replica (REPLICA_PATH).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "sync-server/http_types.h"

namespace invento::server {

// A minimal HTTP/1.1 client over a fresh connection per request. Status 0 = no answer.
inline HttpResponse RealHttp(int port, const HttpRequest& req) {
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
  ServerProcess(std::string db, std::string web, int port, std::string postgres_url = {})
      : db_(std::move(db)), web_(std::move(web)), port_(port), pg_(std::move(postgres_url)) {}
  ~ServerProcess() { Kill(); }
  void Start() {
    pid_ = fork();
    if (pid_ == 0) {
      setenv("PORT", std::to_string(port_).c_str(), 1);
      if (pg_.empty()) {
        setenv("DATABASE_URL", db_.c_str(), 1);
      } else {
        setenv("DATABASE_URL", pg_.c_str(), 1);
        setenv("REPLICA_PATH", db_.c_str(), 1);
      }
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
  std::string pg_;
  pid_t pid_ = -1;
};

}  // namespace invento::server
