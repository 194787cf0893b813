#include "sync-server/static_files.h"

#include <gtest/gtest.h>

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

TEST(StaticFilesTest, MissingWebRootSays503) {
  HttpRequest r;
  r.method = "GET";
  r.target = "/";
  EXPECT_EQ(ServeStatic("/nonexistent/web", r).status, 503);
}

}  // namespace
}  // namespace invento::server
