// Shared fixtures for server tests: a temporary directory with a tiny web root and a fresh
// SQLite database, and an App configured for fast password hashing.
//
// Both storage engines: when INVENTO_TEST_PG names a PostgreSQL server's maintenance
// database (the ctest tests prefixed "pg.", run against the throwaway cluster of
// scripts/pg_test_cluster.sh), each TempDir also creates a fresh PostgreSQL database, and
// TestConfig points the server at it (the SQLite file becomes the server's replica).
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <random>
#include <string>

#include "sync-server/app.h"
#include "sync-server/pg_mirror.h"

namespace invento::server::testing {

// A TCP connection to 127.0.0.1:port with a 5 s receive timeout, or -1 (raw HTTP tests).
inline int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("invento-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_ / "web" / "assets");
    Write("web/index.html", "<!doctype html><title>Invento</title>");
    Write("web/assets/app-1a2b3c.js", "console.log('hi')");
    Write("web/assets/core-9f8e.wasm", std::string("\0asm\1\0\0\0", 8));
    Write("web/manifest.webmanifest", "{}");
    Write("secret.txt", "top secret");
    if (const char* admin = std::getenv("INVENTO_TEST_PG")) {
      admin_url_ = admin;
      pg_name_ = "t" + std::to_string(rd()) + std::to_string(rd());
      auto c = PgConnection::Connect(admin_url_);
      if (!c.ok() || !c->Exec("CREATE DATABASE " + pg_name_).ok()) {
        ADD_FAILURE() << "INVENTO_TEST_PG=" << admin_url_ << ": cannot create a test database: "
                      << (c.ok() ? "CREATE DATABASE failed" : c.status().ToString());
      }
    }
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    if (!pg_name_.empty()) {
      if (auto c = PgConnection::Connect(admin_url_); c.ok()) {
        (void)c->Exec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
      }
    }
  }
  // The PostgreSQL database of this test (empty when the tests run on SQLite alone).
  std::string PostgresUrl() const {
    if (pg_name_.empty()) return {};
    std::string url = admin_url_;
    auto at = url.find("/postgres");
    return at == std::string::npos ? url : url.replace(at, 9, "/" + pg_name_);
  }
  // DATABASE_URL for a server process started by a test: PostgreSQL's, or the SQLite file.
  std::string DatabaseUrl(const std::string& sqlite_rel = "data/invento.db") const {
    return pg_name_.empty() ? Path(sqlite_rel) : PostgresUrl();
  }
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(path_ / rel, std::ios::binary) << content;
  }
  std::string Path(const std::string& rel = "") const { return (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
  std::string admin_url_, pg_name_;
};

inline bool OnPostgres() { return std::getenv("INVENTO_TEST_PG") != nullptr; }

inline Config TestConfig(const TempDir& dir) {
  Config c;
  c.database_path = dir.Path("data/invento.db");
  c.postgres_url = dir.PostgresUrl();
  c.web_root = dir.Path("web");
  c.port = 0;
  c.body_limit = 64 * 1024;
  c.read_timeout_seconds = 2;
  c.fast_password_hash = true;
  return c;
}

}  // namespace invento::server::testing
