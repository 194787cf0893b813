// Hostile request bodies (issue 14, points 1-3): nesting deep enough to overflow any
// recursive code, numbers too large for a double, and extreme clock values. Each must get a
// 400 naming the problem (or be corrected), change nothing, and leave the server serving.
#include <gtest/gtest.h>

#include <climits>
#include <map>
#include <mutex>

#include "core/base/json_parse.h"
#include "core/db/sqlite.h"
#include "sync-server/http_server.h"
#include "sync-server/server_log.h"
#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

std::string Nested(int levels, const std::string& inner = "1") {
  return std::string(levels, '[') + inner + std::string(levels, ']');
}

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = App::Create(testing::TestConfig(dir_), [this] { return now_; });
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    admin_ = std::make_unique<testing::SimDevice>([this](const HttpRequest& r) { return app_->Handle(r); }, rng_);
    ASSERT_TRUE(admin_->Login("admin", "Admin123!"));
    ASSERT_EQ(admin_->Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}}).status, 200);
    ASSERT_EQ(admin_->Post("/api/admin/users", {{"username", "c"}, {"role", "consultant"}, {"password", "Initial-1"}}).status, 200);
    consultant_ = std::make_unique<testing::SimDevice>([this](const HttpRequest& r) { return app_->Handle(r); }, rng_);
    ASSERT_TRUE(consultant_->Login("c", "Initial-1"));
    ASSERT_EQ(consultant_->Post("/api/password", {{"current_password", "Initial-1"}, {"new_password", "Consult-Pass-1"}}).status, 200);
  }
  HttpResponse Raw(const std::string& path, const std::string& body, const std::string& token) {
    HttpRequest r;
    r.method = "POST";
    r.target = path;
    r.body = body;
    r.headers["content-type"] = "application/json";
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return app_->Handle(r);
  }
  std::int64_t Version() { return app_->CurrentVersion().value(); }

  testing::TempDir dir_;
  std::int64_t now_ = 1'800'000'000'000;
  std::mt19937_64 rng_{11};
  std::unique_ptr<App> app_;
  std::unique_ptr<testing::SimDevice> admin_, consultant_;
};

const char* const kJsonEndpoints[] = {
    "/api/login", "/api/password", "/api/push", "/api/pull", "/api/snapshot",
    "/api/admin/users", "/api/admin/users/update", "/api/admin/users/reset-password",
    "/api/admin/sessions/revoke"};

TEST(ParseJsonTest, DepthLimitNumbersAndStrings) {
  EXPECT_TRUE(ParseJson(Nested(64)).ok());
  auto deep = ParseJson(Nested(65));
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().message().find("nested deeper than 64"), std::string::npos);
  // Brackets inside strings (escaped quotes included) do not count.
  EXPECT_TRUE(ParseJson("{\"a\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}").ok());
  auto big = ParseJson(R"({"a": 1e999})");
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("out of range"), std::string::npos);
  EXPECT_FALSE(ParseJson("{\"a\":\"\xff\"}").ok());  // not UTF-8
  EXPECT_FALSE(ParseJson("").ok());
  EXPECT_EQ(JsonNestingDepth(Nested(100000), 64), 65);  // stops early
}

TEST_F(HostileInputTest, HundredThousandLevelsOnEveryJsonEndpointIs400) {
  const std::string deep_object = "{\"a\":" + Nested(100000) + "}";
  const std::string deep_push = "{\"client_id\":\"" + admin_->client_id() +
                                "\",\"mutations\":[{\"id\":1,\"name\":\"category.create\",\"args\":" +
                                Nested(100000) + "}]}";
  const std::int64_t before = Version();
  for (const std::string& token : {admin_->token(), consultant_->token()}) {
    for (const char* path : kJsonEndpoints) {
      for (const std::string* body : {&deep_object, &deep_push}) {
        auto r = Raw(path, *body, token);
        if (token == consultant_->token() && std::string(path).rfind("/api/admin/", 0) == 0) {
          EXPECT_EQ(r.status, 403) << path << " " << r.body;  // refused before the body is read
          continue;
        }
        EXPECT_EQ(r.status, 400) << path << " " << r.body;
        EXPECT_EQ(Json::parse(r.body)["code"], "malformed_json") << path;
        EXPECT_NE(r.body.find("nested deeper than 64 levels"), std::string::npos) << path;
      }
    }
  }
  EXPECT_EQ(Version(), before);
  EXPECT_EQ(admin_->Post("/api/pull", {{"client_id", admin_->client_id()}}).status, 200);
}

TEST_F(HostileInputTest, HugeNumbersAre400NotServerErrors) {
  const std::int64_t before = Version();
  const std::string cid = admin_->client_id();
  const std::pair<const char*, std::string> cases[] = {
      {"/api/login", R"({"username":"admin","password":"x","n":1e999})"},
      {"/api/push", "{\"client_id\":\"" + cid + "\",\"mutations\":[{\"id\":1,\"name\":\"category.create\",\"args\":{\"qty\":1e999}}]}"},
      {"/api/push", "{\"client_id\":\"" + cid + "\",\"mutations\":[{\"id\":1e999,\"name\":\"x\",\"args\":{}}]}"},
      {"/api/pull", "{\"client_id\":\"" + cid + "\",\"since\":-1e999}"},
      {"/api/password", R"({"current_password":"a","new_password":"b","x":[1e400]})"},
      {"/api/admin/users/update", R"({"id":"x","role":1E+9999})"},
  };
  for (const auto& [path, body] : cases) {
    auto r = Raw(path, body, admin_->token());
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    EXPECT_NE(r.body.find("out of range"), std::string::npos) << path << " " << r.body;
  }
  EXPECT_EQ(Version(), before);
}

TEST_F(HostileInputTest, ExtremeClockValuesFallBackToServerTime) {
  // Reference data for movements, pushed with a sane clock.
  const std::string cat_id = testing::RandomId(rng_), item = testing::RandomId(rng_), loc = testing::RandomId(rng_);
  Json muts = Json::array({
      {{"id", 1}, {"name", "category.create"}, {"at", now_}, {"args", {{"id", cat_id}, {"name", "Pumps"}}}},
      {{"id", 2}, {"name", "location.create"}, {"at", now_}, {"args", {{"id", loc}, {"name", "Main"}, {"kind", "warehouse"}}}},
      {{"id", 3}, {"name", "item.create"}, {"at", now_},
       {"args", {{"id", item}, {"reference", "P-1"}, {"label", "Pump"}, {"category_id", cat_id}}}}});
  const Json extremes[] = {Json(INT64_MIN), Json(INT64_MIN + 1), Json(INT64_MAX), Json(UINT64_MAX),
                           Json(std::uint64_t{1} << 63), Json(-1), Json(0), Json(now_ + 25LL * 3600 * 1000)};
  std::vector<std::string> movement_ids;
  std::int64_t id = 4;
  for (const Json& at : extremes) {
    movement_ids.push_back(testing::RandomId(rng_));
    muts.push_back({{"id", id++}, {"name", "stock.receipt"}, {"at", at},
                    {"args", {{"id", movement_ids.back()}, {"item_id", item}, {"location_id", loc}, {"qty", "1"}}}});
  }
  auto r = admin_->Post("/api/push", {{"client_id", admin_->client_id()}, {"mutations", muts}});
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& res : Json::parse(r.body)["results"]) EXPECT_EQ(res["status"], "accepted") << res.dump();
  ASSERT_TRUE(admin_->Pull().ok());
  for (const auto& mid : movement_ids) {
    auto at = admin_->core().db().QueryValue("SELECT occurred_at FROM stock_movements WHERE id = ?", {Json(mid)});
    ASSERT_TRUE(at.ok());
    EXPECT_EQ(at.value().get<std::int64_t>(), now_) << "the server's time, not the device's";
  }
  // A plausible device time (within 24 h) is kept.
  const std::string kept = testing::RandomId(rng_);
  auto ok = admin_->Post("/api/push", {{"client_id", admin_->client_id()}, {"mutations", Json::array({
      {{"id", id}, {"name", "stock.receipt"}, {"at", now_ - 3600000},
       {"args", {{"id", kept}, {"item_id", item}, {"location_id", loc}, {"qty", "1"}}}}})}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  ASSERT_TRUE(admin_->Pull().ok());
  EXPECT_EQ(admin_->core().db().QueryValue("SELECT occurred_at FROM stock_movements WHERE id = ?", {Json(kept)})
                .value().get<std::int64_t>(), now_ - 3600000);
}

// The audit log keeps the device's clock as sent when it fits a signed 64-bit integer, and
// nothing (null) when it does not, rather than a wrapped negative number.
TEST_F(HostileInputTest, AuditLogKeepsOnlyRepresentableDeviceTimes) {
  const Json ats[] = {Json(UINT64_MAX), Json(std::uint64_t{1} << 63), Json(now_ - 1000)};
  Json muts = Json::array();
  std::int64_t id = 1;
  for (const Json& at : ats) {
    muts.push_back({{"id", id++}, {"name", "category.create"}, {"at", at},
                    {"args", {{"id", testing::RandomId(rng_)}, {"name", "C" + std::to_string(id)}}}});
  }
  auto r = admin_->Post("/api/push", {{"client_id", admin_->client_id()}, {"mutations", muts}});
  ASSERT_EQ(r.status, 200) << r.body;
  HttpRequest q;
  q.method = "GET";
  q.target = "/api/audit?mutator=category.create";
  q.headers["authorization"] = "Bearer " + admin_->token();
  Json rows = Json::parse(app_->Handle(q).body)["rows"];
  ASSERT_EQ(rows.size(), 3u) << rows.dump();
  std::map<std::int64_t, Json> by_id;
  for (const auto& row : rows) by_id[row["mutation_id"].get<std::int64_t>()] = row["device_time"];
  EXPECT_TRUE(by_id[1].is_null()) << by_id[1].dump();
  EXPECT_TRUE(by_id[2].is_null()) << by_id[2].dump();
  EXPECT_EQ(by_id[3], Json(now_ - 1000));
}

// A mutation that fails for a reason the device cannot have caused (here the database
// refuses the write: a trigger names a table that does not exist) is rejected in a 200
// push, and logged on the server with its cause.
TEST_F(HostileInputTest, InternalRejectionsInAPushAreLogged) {
  {
    auto side = db::Db::Open(dir_.Path("data/invento.db"));
    ASSERT_TRUE(side.ok()) << side.status().ToString();
    ASSERT_TRUE((*side)->Exec("CREATE TRIGGER broken_for_test AFTER INSERT ON categories"
                              " BEGIN INSERT INTO no_such_table VALUES (1); END").ok());
  }
  std::vector<std::string> lines;
  std::mutex mu;
  SetLogSink([&](const std::string& line) {
    std::lock_guard lock(mu);
    lines.push_back(line);
  });
  const std::string cat = testing::RandomId(rng_);
  auto r = admin_->Post("/api/push", {{"client_id", admin_->client_id()}, {"mutations", Json::array({
      {{"id", 1}, {"name", "category.create"}, {"args", {{"id", cat}, {"name", "Pumps"}}}}})}});
  SetLogSink(nullptr);
  ASSERT_EQ(r.status, 200) << r.body;
  Json res = Json::parse(r.body)["results"][0];
  EXPECT_EQ(res["status"], "rejected");
  EXPECT_EQ(res["code"], "internal") << res.dump();
  bool logged = false;
  for (const auto& line : lines) {
    if (line.find("push") != std::string::npos && line.find("category.create") != std::string::npos &&
        line.find("no_such_table") != std::string::npos) {
      logged = true;
    }
  }
  EXPECT_TRUE(logged) << "log lines:\n" << [&] { std::string all; for (auto& l : lines) all += l + "\n"; return all; }();
}

// Over real HTTP with a 1 MiB body limit: the bodies reach the app, the server survives.
TEST(HostileInputHttpTest, DeepBodyOverRealHttpLeavesTheServerUp) {
  testing::TempDir dir;
  Config cfg = testing::TestConfig(dir);
  cfg.body_limit = 1 << 20;
  auto app = App::Create(cfg);
  ASSERT_TRUE(app.ok());
  HttpServer server(**app);
  int port = server.Start(2).value();
  std::vector<std::string> lines;
  std::mutex mu;
  SetLogSink([&](const std::string& line) {
    std::lock_guard lock(mu);
    lines.push_back(line);
  });
  const std::string body = "{\"username\":" + Nested(100000) + "}";
  for (int i = 0; i < 3; ++i) {
    int fd = testing::Connect(port);
    ASSERT_GE(fd, 0);
    std::string req = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    ASSERT_EQ(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), static_cast<ssize_t>(req.size()));
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << out.substr(0, 200);
  }
  int fd = testing::Connect(port);
  ASSERT_GE(fd, 0) << "the server must still accept connections";
  ::close(fd);
  server.Stop();
  server.Wait();
  SetLogSink(nullptr);
  // One access-log line per request, written by the transport.
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& line : lines) {
    EXPECT_NE(line.find(" POST /api/login 400 "), std::string::npos) << line;
    EXPECT_NE(line.find(" user=- from=127.0.0.1"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace invento::server
