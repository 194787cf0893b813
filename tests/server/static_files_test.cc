#include "sync-server/static_files.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "tests/server/test_support.h"

namespace invento::server {
namespace {

HttpResponse Get(const testing::TempDir& dir, const std::string& target,
                 const std::string& method = "GET") {
  HttpRequest r;
  r.method = method;
  r.target = target;
  return ServeStatic(dir.Path("web"), r);
}

TEST(StaticFilesTest, ServesFilesWithMimeTypesAndCacheHeaders) {
  testing::TempDir dir;
  auto js = Get(dir, "/assets/app-1a2b3c.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  auto wasm = Get(dir, "/assets/core-9f8e.wasm");
  EXPECT_EQ(wasm.Header("Content-Type"), "application/wasm");
  EXPECT_EQ(wasm.body.size(), 8u);
  auto index = Get(dir, "/");
  EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(Get(dir, "/manifest.webmanifest").Header("Content-Type"), "application/manifest+json");
  EXPECT_EQ(MimeType("x.mjs"), "text/javascript; charset=utf-8");
}

TEST(StaticFilesTest, AppRoutesFallBackToIndexButMissingFilesAre404) {
  testing::TempDir dir;
  auto route = Get(dir, "/stock/items/42");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("<title>Invento"), std::string::npos);
  EXPECT_EQ(Get(dir, "/assets/missing.js").status, 404);
  EXPECT_TRUE(Get(dir, "/", "HEAD").body.empty());
  EXPECT_EQ(Get(dir, "/", "POST").status, 405);
}

TEST(StaticFilesTest, PathTraversalIsRefusedInEveryEncoding) {
  testing::TempDir dir;
  for (const char* bad : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                          "/%2E%2E%2Fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                          "/..%5csecret.txt", "/%00index.html", "/%zz", "/%2"}) {
    auto r = Get(dir, bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.body.find("top secret"), std::string::npos) << bad;
  }
}

TEST(StaticFilesTest, PrecompressedCopiesAreSentWhenAccepted) {
  testing::TempDir dir;
  dir.Write("web/assets/core-9f8e.wasm.gz", "GZIP-BYTES");
  dir.Write("web/assets/core-9f8e.wasm.br", "BROTLI-BYTES");
  dir.Write("web/index.html.gz", "GZ-INDEX");
  auto get = [&](const std::string& target, const std::string& accept) {
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    if (!accept.empty()) r.headers["accept-encoding"] = accept;
    return ServeStatic(dir.Path("web"), r);
  };
  auto br = get("/assets/core-9f8e.wasm", "gzip, deflate, br, zstd");
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.Header("Content-Encoding"), "br");
  EXPECT_EQ(br.Header("Content-Type"), "application/wasm");
  EXPECT_EQ(br.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(br.Header("Cache-Control"), "public, max-age=31536000, immutable");
  auto gz = get("/assets/core-9f8e.wasm", "gzip");
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(get("/assets/core-9f8e.wasm", "br;q=0, gzip;q=0.5").body, "GZIP-BYTES");
  auto plain = get("/assets/core-9f8e.wasm", "");
  EXPECT_EQ(plain.body.size(), 8u);
  EXPECT_EQ(plain.Header("Content-Encoding"), "");
  EXPECT_EQ(get("/assets/core-9f8e.wasm", "identity, gzip;q=0").body.size(), 8u);
  // No copy for this file: sent as is even when gzip is accepted.
  EXPECT_EQ(get("/assets/app-1a2b3c.js", "gzip, br").Header("Content-Encoding"), "");
  // An app route falls back to index.html, compressed too.
  EXPECT_EQ(get("/stock/items", "gzip").body, "GZ-INDEX");
  // A file changed after the build: its (stale) copies are not sent.
  dir.Write("web/index.html", "<!doctype html><title>Invento 2</title>");
  std::filesystem::last_write_time(dir.Path("web/index.html"),
                                   std::filesystem::last_write_time(dir.Path("web/index.html.gz")) +
                                       std::chrono::seconds(5));
  auto fresh = get("/", "gzip");
  EXPECT_EQ(fresh.Header("Content-Encoding"), "");
  EXPECT_NE(fresh.body.find("Invento 2"), std::string::npos);
  EXPECT_TRUE(AcceptsEncoding("*", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzip;q=0.000", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzipx", "gzip"));
  // The entry naming a coding decides over "*", in either order.
  EXPECT_FALSE(AcceptsEncoding("*, gzip;q=0", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzip;q=0, *", "gzip"));
  EXPECT_TRUE(AcceptsEncoding("*;q=0, gzip", "gzip"));
  EXPECT_TRUE(AcceptsEncoding("*, gzip;q=0", "br"));
}

TEST(StaticFilesTest, MissingWebRootSays503) {
  HttpRequest r;
  r.method = "GET";
  r.target = "/";
  EXPECT_EQ(ServeStatic("/nonexistent/web", r).status, 503);
}

}  // namespace
}  // namespace invento::server
