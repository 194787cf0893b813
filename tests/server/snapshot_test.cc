// A fresh device's first sync from a database snapshot (POST /api/snapshot,
// sync-server/snapshot_store.h), then row-by-row pulls of what came after it.
#include <gtest/gtest.h>

#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

using testing::SimDevice;

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config = testing::TestConfig(dir_);
    config.snapshot_min_version = 20;
    auto app = App::Create(config);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    auto admin = NewDevice();
    ASSERT_TRUE(admin->Login("admin", "Admin123!"));
    ASSERT_EQ(admin->Post("/api/password", {{"current_password", "Admin123!"},
                                            {"new_password", "Admin-Pass-1"}}).status, 200);
    for (auto [name, role] : {std::pair{"manager", "manager"}, {"viewer", "consultant"}}) {
      ASSERT_EQ(admin->Post("/api/admin/users", {{"username", name}, {"role", role}, {"password", "Initial-1"}}).status, 200);
      auto d = NewDevice();
      ASSERT_TRUE(d->Login(name, "Initial-1"));
      ASSERT_EQ(d->Post("/api/password", {{"current_password", "Initial-1"}, {"new_password", std::string(name) + "-Pass-1"}}).status, 200);
    }
  }
  std::unique_ptr<SimDevice> NewDevice() {
    return std::make_unique<SimDevice>([this](const HttpRequest& r) { return app_->Handle(r); }, rng_);
  }
  std::unique_ptr<SimDevice> Device(const std::string& user) {
    auto d = NewDevice();
    EXPECT_TRUE(d->Login(user, user + "-Pass-1"));
    return d;
  }
  // n items (with a category and a receipt each) created and synced by `d`.
  void CreateItems(SimDevice& d, int from, int n) {
    std::string loc = testing::RandomId(rng_);
    ASSERT_TRUE(d.Mutate("location.create", {{"id", loc}, {"kind", "warehouse"}, {"name", "W" + std::to_string(from)}}).ok());
    for (int i = from; i < from + n; ++i) {
      std::string item = testing::RandomId(rng_);
      ASSERT_TRUE(d.Mutate("item.create", {{"id", item}, {"reference", "SNAP-" + std::to_string(i)}, {"label", "Roulement " + std::to_string(i)}}).ok());
      ASSERT_TRUE(d.Mutate("stock.receipt", {{"id", testing::RandomId(rng_)}, {"item_id", item}, {"location_id", loc}, {"qty", i + 1}}).ok());
    }
    ASSERT_TRUE(d.Sync().ok());
  }
  std::string ServerDigest() {
    auto db = db::Db::Open(dir_.Path("data/invento.db"));
    auto tables = db::TableRegistry::Load(**db);
    return sync::TablesDigest(**db, tables.value()).value();
  }

  testing::TempDir dir_;
  std::mt19937_64 rng_{7};
  std::unique_ptr<App> app_;
};

TEST_F(SnapshotTest, AFreshDeviceStartsFromTheSnapshotAndPullsTheRest) {
  auto a = Device("manager");
  CreateItems(*a, 0, 15);  // 31 mutations: past the threshold of 20
  auto b = Device("viewer");
  auto first = b->Post("/api/snapshot", {{"schema", b->core().schema_version()}});
  ASSERT_EQ(first.status, 200) << first.body;
  // More work after the snapshot was built: the cached snapshot is reused (within the lag)
  // and the device pulls these rows one by one.
  CreateItems(*a, 15, 5);
  auto snap = b->Post("/api/snapshot", {{"schema", b->core().schema_version()}});
  ASSERT_EQ(snap.status, 200) << snap.body;
  EXPECT_EQ(snap.Header("Content-Type"), "application/vnd.sqlite3");
  const std::int64_t version = std::stoll(snap.Header("X-Invento-Version"));
  EXPECT_EQ(version, std::stoll(first.Header("X-Invento-Version")));
  EXPECT_EQ(snap.body, first.body);

  ASSERT_TRUE(b->InstallSnapshot(snap.body, dir_.Path("device-b.db")).ok());
  EXPECT_EQ(b->State()["cookie"], version);
  EXPECT_EQ(b->State()["pending"], 0);
  // What the snapshot holds is searchable at once (its full-text index came with it).
  auto found = b->core().Query("item.search", {{"q", "SNAP-7"}}, b->actor());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_FALSE(found.value()["items"].empty());
  EXPECT_EQ(found.value()["items"][0]["reference"], "SNAP-7");

  b->pages_pulled = 0;
  ASSERT_TRUE(b->Pull().ok());
  EXPECT_EQ(b->Digest(), a->Digest());
  EXPECT_EQ(b->Digest(), ServerDigest());
  // One snapshot (and its gzip copy) is kept beside the database.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.Path("data/invento.db.snapshots"))) {
    EXPECT_EQ(e.path().filename().string().rfind("snapshot-full-" + std::to_string(version) + ".db", 0), 0u) << e.path();
    ++files;
  }
  EXPECT_EQ(files, 2);
  auto later = b->core().Query("item.search", {{"q", "SNAP-17"}}, b->actor());
  ASSERT_TRUE(later.ok());
  ASSERT_FALSE(later.value()["items"].empty());
  // The device keeps working: its own mutations push under its client id.
  auto manager_b = Device("manager");
  ASSERT_TRUE(manager_b->InstallSnapshot(snap.body, dir_.Path("device-c.db")).ok());
  ASSERT_TRUE(manager_b->Mutate("category.create", {{"id", testing::RandomId(rng_)}, {"name", "Après snapshot"}}).ok());
  ASSERT_TRUE(manager_b->Sync().ok());
  EXPECT_EQ(manager_b->Pending(), 0);
  ASSERT_TRUE(a->Pull().ok());
  EXPECT_EQ(manager_b->Digest(), a->Digest());
}

TEST_F(SnapshotTest, TheSnapshotHoldsNoServerTableNorSecret) {
  auto a = Device("manager");
  CreateItems(*a, 0, 15);
  auto snap = a->Post("/api/snapshot", {{"schema", a->core().schema_version()}});
  ASSERT_EQ(snap.status, 200) << snap.body;
  EXPECT_EQ(snap.body.find("$argon2id$"), std::string::npos);  // password hashes
  const std::string path = dir_.Path("inspect.db");
  std::ofstream(path, std::ios::binary) << snap.body;
  auto db = db::Db::Open(path);
  ASSERT_TRUE(db.ok());
  for (const char* table : {"users", "sessions", "mutation_log", "sync_clients", "server_state"}) {
    auto n = (*db)->QueryValue("SELECT count(*) FROM sqlite_schema WHERE name = ?", {Json(table)});
    EXPECT_EQ(n.value(), 0) << table;
  }
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM schema_migrations WHERE set_name <> 'shared'").value(), 0);
  EXPECT_EQ((*db)->QueryValue("PRAGMA integrity_check").value(), "ok");
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM items").value(), 15);
}

TEST_F(SnapshotTest, ABrowserGetsItGzipCompressed) {
  auto a = Device("manager");
  CreateItems(*a, 0, 15);
  auto plain = a->Post("/api/snapshot", {{"schema", a->core().schema_version()}});
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Header("Content-Encoding"), "");
  EXPECT_EQ(plain.Header("X-Invento-Bytes"), std::to_string(plain.body.size()));
  HttpRequest req;
  req.method = "POST";
  req.target = "/api/snapshot";
  req.body = Json{{"schema", a->core().schema_version()}}.dump();
  req.headers["content-type"] = "application/json";
  req.headers["accept-encoding"] = "gzip, deflate, br, zstd";  // what Chromium sends
  req.headers["authorization"] = "Bearer " + a->token();
  auto gz = app_->Handle(req);
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.Header("X-Invento-Bytes"), std::to_string(plain.body.size()));
  EXPECT_EQ(gz.Header("X-Invento-Version"), plain.Header("X-Invento-Version"));
  EXPECT_LT(gz.body.size() * 2, plain.body.size());
  // gunzip (windowBits 15 + 16: gzip framing) gives back the very same file.
  std::string out(plain.body.size() + 1, '\0');
  z_stream z{};
  ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(gz.body.data());
  z.avail_in = static_cast<uInt>(gz.body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  EXPECT_EQ(out, plain.body);
}

TEST_F(SnapshotTest, RefusalsAreSpecific) {
  auto b = Device("viewer");
  // Too little on the server for a snapshot to pay: pull instead.
  EXPECT_EQ(b->Post("/api/snapshot", {{"schema", b->core().schema_version()}}).status, 204);
  auto a = Device("manager");
  CreateItems(*a, 0, 15);
  auto mismatch = b->Post("/api/snapshot", {{"schema", b->core().schema_version() + 1}});
  EXPECT_EQ(mismatch.status, 409);
  EXPECT_NE(mismatch.body.find("schema_mismatch"), std::string::npos);
  for (const Json& bad : {Json::object(), Json{{"schema", "7"}}, Json{{"schema", -1}}}) {
    auto r = b->Post("/api/snapshot", bad);
    EXPECT_EQ(r.status, 400) << bad.dump();
    EXPECT_NE(r.body.find("schema"), std::string::npos);
  }
  auto anonymous = NewDevice();
  EXPECT_EQ(anonymous->Post("/api/snapshot", {{"schema", 1}}).status, 401);
}

}  // namespace
}  // namespace invento::server
