// Shared fixtures for server tests: a temporary directory with a tiny web root and a fresh
// SQLite database, and an App configured for fast password hashing.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "sync-server/app.h"

namespace invento::server::testing {

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
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(path_ / rel, std::ios::binary) << content;
  }
  std::string Path(const std::string& rel = "") const { return (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
};

inline Config TestConfig(const TempDir& dir) {
  Config c;
  c.database_path = dir.Path("data/invento.db");
  c.web_root = dir.Path("web");
  c.port = 0;
  c.body_limit = 64 * 1024;
  c.read_timeout_seconds = 2;
  c.fast_password_hash = true;
  return c;
}

}  // namespace invento::server::testing
