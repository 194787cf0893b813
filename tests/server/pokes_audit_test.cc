// Live pokes over a real WebSocket, and the audit trail API.
#include <utility>  // before Asio (Boost 1.74 + C++20)

#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <functional>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "core/db/migration_list.h"
#include "core/db/migrations.h"
#include "sync-server/http_server.h"
#include "sync-server/server_log.h"
#include "tests/server/server_process.h"
#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class PokesAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = App::Create(testing::TestConfig(dir_));
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    server_ = std::make_unique<HttpServer>(*app_);
    port_ = server_->Start(2).value();
    admin_ = std::make_unique<testing::SimDevice>([this](const HttpRequest& r) { return app_->Handle(r); }, rng_);
    ASSERT_TRUE(admin_->Login("admin", "Admin123!"));
    ASSERT_EQ(admin_->Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}}).status, 200);
  }
  void TearDown() override {
    server_->Stop();
    server_->Wait();
  }
  std::unique_ptr<websocket::stream<tcp::socket>> Connect() {
    auto ws = std::make_unique<websocket::stream<tcp::socket>>(ioc_);
    tcp::resolver resolver(ioc_);
    asio::connect(ws->next_layer(), resolver.resolve("127.0.0.1", std::to_string(port_)));
    ws->handshake("127.0.0.1", "/api/ws");
    return ws;
  }
  Json Read(websocket::stream<tcp::socket>& ws) {
    beast::flat_buffer b;
    ws.read(b);
    return Json::parse(beast::buffers_to_string(b.data()));
  }
  testing::TempDir dir_;
  std::mt19937_64 rng_{7};
  asio::io_context ioc_;
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<testing::SimDevice> admin_;
  int port_ = 0;
};

TEST_F(PokesAuditTest, AuthenticatedSocketsArePokedAfterEachCommittedPush) {
  auto ws = Connect();
  ws->write(asio::buffer(Json{{"type", "auth"}, {"token", admin_->token()}}.dump()));
  Json hello = Read(*ws);
  EXPECT_EQ(hello["type"], "hello");
  EXPECT_EQ(hello["version"], 0);
  ASSERT_TRUE(admin_->Mutate("category.create", {{"id", testing::RandomId(rng_)}, {"name", "A"}}).ok());
  ASSERT_TRUE(admin_->Push().ok());
  Json poke = Read(*ws);
  EXPECT_EQ(poke["type"], "poke");
  EXPECT_EQ(poke["version"], 1);
}

TEST_F(PokesAuditTest, SocketWithoutAuthIsClosed) {
  auto ws = Connect();
  ws->write(asio::buffer(std::string(R"({"type":"hello"})")));
  Json err = Read(*ws);
  EXPECT_EQ(err["code"], "unauthenticated");
  beast::flat_buffer b;
  beast::error_code ec;
  ws->read(b, ec);
  EXPECT_EQ(ec, websocket::error::closed);
  // Oversized messages are refused too.
  auto big = Connect();
  big->write(asio::buffer(std::string(10000, 'x')), ec);
  big->read(b, ec);
  EXPECT_TRUE(ec);
}

TEST_F(PokesAuditTest, SocketOfASessionThatMustChangeItsPasswordIsRefused) {
  ASSERT_EQ(admin_->Post("/api/admin/users", {{"username", "newbie"}, {"role", "technician"}, {"password", "Newbie-Pass-1"}}).status, 200);
  testing::SimDevice d([this](const HttpRequest& q) { return app_->Handle(q); }, rng_);
  ASSERT_TRUE(d.Login("newbie", "Newbie-Pass-1"));  // must change the password first
  auto ws = Connect();
  ws->write(asio::buffer(Json{{"type", "auth"}, {"token", d.token()}}.dump()));
  Json err = Read(*ws);
  EXPECT_EQ(err["type"], "error");
  EXPECT_EQ(err["code"], "password_change_required");
  beast::flat_buffer b;
  beast::error_code ec;
  ws->read(b, ec);
  EXPECT_EQ(ec, websocket::error::closed);
}

// The socket's first message is JSON too: nesting within its 4 KiB limit is parsed with the
// depth limit and refused; nesting of 100,000 levels is over the limit and the socket closed.
// Either way the server keeps serving.
TEST_F(PokesAuditTest, DeeplyNestedSocketMessagesAreRefusedAndTheServerStaysUp) {
  for (const std::string& text : {std::string(2000, '[') + std::string(2000, ']'),
                                  "{\"type\":\"auth\",\"token\":" + std::string(1900, '[') + std::string(1900, ']') + "}"}) {
    auto ws = Connect();
    ws->write(asio::buffer(text));
    Json err = Read(*ws);
    EXPECT_EQ(err["type"], "error");
    EXPECT_EQ(err["code"], "unauthenticated");
  }
  std::vector<std::string> lines;
  std::mutex mu;
  SetLogSink([&](const std::string& line) {
    std::lock_guard lock(mu);
    lines.push_back(line);
  });
  auto deep = Connect();
  beast::error_code ec;
  deep->write(asio::buffer(std::string(100000, '[') + std::string(100000, ']')), ec);
  beast::flat_buffer b;
  if (!ec) deep->read(b, ec);
  EXPECT_TRUE(ec) << "a 200 KB message must close the socket";
  auto ok = Connect();
  ok->write(asio::buffer(Json{{"type", "auth"}, {"token", admin_->token()}}.dump()));
  EXPECT_EQ(Read(*ok)["type"], "hello");
  bool logged = false;
  for (int i = 0; i < 100 && !logged; ++i) {  // the server thread may log just after closing
    {
      std::lock_guard lock(mu);
      for (const auto& line : lines) logged = logged || line.find("websocket") != std::string::npos;
    }
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  SetLogSink(nullptr);
  EXPECT_TRUE(logged) << "the refused oversized message is logged with its cause";
}

TEST_F(PokesAuditTest, AuditTrailRecordsAcceptedAndRejectedWithFilters) {
  std::string cat = testing::RandomId(rng_);
  ASSERT_TRUE(admin_->Mutate("category.create", {{"id", cat}, {"name", "A"}}).ok());
  ASSERT_TRUE(admin_->Push().ok());
  auto r = admin_->Post("/api/push", {{"client_id", admin_->client_id()},
                                      {"mutations", {{{"id", 2}, {"name", "category.create"}, {"args", {{"id", cat}, {"name", "B"}}}}}}});
  ASSERT_EQ(r.status, 200);
  auto get = [&](const std::string& target, const std::string& token) {
    HttpRequest q;
    q.method = "GET";
    q.target = target;
    q.headers["authorization"] = "Bearer " + token;
    return app_->Handle(q);
  };
  Json all = Json::parse(get("/api/audit", admin_->token()).body);
  ASSERT_EQ(all["rows"].size(), 2u);
  EXPECT_EQ(all["rows"][0]["result"], "rejected");
  EXPECT_EQ(all["rows"][0]["code"], "conflict");
  EXPECT_EQ(all["rows"][1]["result"], "accepted");
  EXPECT_EQ(all["rows"][1]["username"], "admin");
  EXPECT_EQ(all["rows"][1]["touched"][0], "categories:" + cat);
  EXPECT_EQ(Json::parse(get("/api/audit?entity=" + cat, admin_->token()).body)["rows"].size(), 2u);
  EXPECT_EQ(Json::parse(get("/api/audit?mutator=stock.issue", admin_->token()).body)["rows"].size(), 0u);
  EXPECT_EQ(Json::parse(get("/api/audit?from=0&to=1", admin_->token()).body)["rows"].size(), 0u);
  EXPECT_EQ(get("/api/audit?from=yesterday", admin_->token()).status, 400);
  auto csv = get("/api/audit?format=csv", admin_->token());
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFseq;", 0), 0u);
  EXPECT_NE(csv.body.find("category.create"), std::string::npos);
  // Technicians and consultants may not read it.
  ASSERT_EQ(admin_->Post("/api/admin/users", {{"username", "t"}, {"role", "technician"}, {"password", "Tech-Pass-1"}}).status, 200);
  testing::SimDevice t([this](const HttpRequest& q) { return app_->Handle(q); }, rng_);
  ASSERT_TRUE(t.Login("t", "Tech-Pass-1"));
  EXPECT_EQ(get("/api/audit", t.token()).status, 403);
}

TEST_F(PokesAuditTest, LoginIsRateLimitedPerAccountWithoutRevealingIt) {
  testing::SimDevice d([this](const HttpRequest& q) { return app_->Handle(q); }, rng_);
  for (const char* who : {"admin", "nobody"}) {
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(d.Post("/api/login", {{"username", who}, {"password", "wrong"}}).status, 401);
    }
    auto r = d.Post("/api/login", {{"username", who}, {"password", "wrong"}});
    EXPECT_EQ(r.status, 429) << who;
    EXPECT_FALSE(r.Header("Retry-After").empty());
  }
  // Even the right password waits: the account is throttled.
  EXPECT_EQ(d.Post("/api/login", {{"username", "admin"}, {"password", "Admin-Pass-1"}}).status, 429);
}

TEST_F(PokesAuditTest, AdminManagesUsersAndSessions) {
  auto post = [&](const std::string& p, const Json& b) { return admin_->Post(p, b); };
  auto created = post("/api/admin/users", {{"username", "marie"}, {"display_name", "Marie"}, {"role", "manager"}, {"password", "Marie-Pass-1"}});
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = Json::parse(created.body)["id"].get<std::string>();
  EXPECT_EQ(post("/api/admin/users", {{"username", "MARIE"}, {"role", "manager"}, {"password", "Marie-Pass-1"}}).status, 409);
  EXPECT_EQ(post("/api/admin/users", {{"username", "x y"}, {"role", "manager"}, {"password", "Marie-Pass-1"}}).status, 400);
  EXPECT_EQ(post("/api/admin/users", {{"username", "z"}, {"role", "root"}, {"password", "Marie-Pass-1"}}).status, 400);
  testing::SimDevice m([this](const HttpRequest& q) { return app_->Handle(q); }, rng_);
  ASSERT_TRUE(m.Login("marie", "Marie-Pass-1"));
  EXPECT_EQ(m.Post("/api/admin/users", {{"username", "evil"}, {"role", "admin"}, {"password", "Evil-Pass-1"}}).status, 403);
  EXPECT_EQ(post("/api/admin/users/update", {{"id", id}, {"role", "technician"}}).status, 200);
  ASSERT_EQ(m.Post("/api/logout", Json::object()).status, 200);
  ASSERT_TRUE(m.Login("marie", "Marie-Pass-1"));
  EXPECT_EQ(m.actor().role, Role::kTechnician);
  HttpRequest q;
  q.method = "GET";
  q.target = "/api/admin/sessions";
  q.headers["authorization"] = "Bearer " + admin_->token();
  Json sessions = Json::parse(app_->Handle(q).body)["sessions"];
  std::string sid;
  for (const auto& s : sessions) {
    if (s["username"] == "marie") sid = s["id"].get<std::string>();
  }
  ASSERT_FALSE(sid.empty());
  EXPECT_EQ(post("/api/admin/sessions/revoke", {{"id", sid}}).status, 200);
  EXPECT_EQ(m.Post("/api/pull", {{"client_id", m.client_id()}}).status, 401);
  ASSERT_TRUE(m.Login("marie", "Marie-Pass-1"));
  EXPECT_EQ(post("/api/admin/users/update", {{"id", id}, {"active", false}}).status, 200);
  EXPECT_EQ(m.Post("/api/pull", {{"client_id", m.client_id()}}).status, 401);
  EXPECT_EQ(m.Post("/api/login", {{"username", "marie"}, {"password", "Marie-Pass-1"}}).status, 401);
  EXPECT_EQ(post("/api/admin/users/reset-password", {{"id", id}, {"password", "short"}}).status, 400);

  // An administrator cannot demote or deactivate themselves (another administrator can).
  const std::string self = admin_->actor().user_id;
  for (const Json& change : {Json{{"role", "manager"}}, Json{{"active", false}}}) {
    Json request = change;
    request["id"] = self;
    auto refused = post("/api/admin/users/update", request);
    EXPECT_EQ(refused.status, 409) << change.dump();
    EXPECT_NE(refused.body.find("your own administrator role"), std::string::npos) << refused.body;
  }
  EXPECT_EQ(post("/api/admin/users/update", {{"id", self}, {"display_name", "Chef"}}).status, 200);
  ASSERT_TRUE(admin_->Login("admin", "Admin-Pass-1"));
  EXPECT_EQ(admin_->actor().role, Role::kAdmin);
}

// Several server processes on one PostgreSQL database (issue 18, point 2): a device on
// process 1, another on process 2; the second is poked (LISTEN/NOTIFY across processes) and
// pulls the first's change within one second. Then process 1 is killed (-9) while the first
// device pushes; it fails over to process 2 and nothing acknowledged is lost or doubled.
// PostgreSQL only: it is not registered in the SQLite run (tests/CMakeLists.txt).
TEST(MultiProcessTest, TwoProcessesShareOnePostgresDatabase) {
  ASSERT_TRUE(testing::OnPostgres()) << "needs INVENTO_TEST_PG (scripts/pg_test_cluster.sh)";
  testing::TempDir dir;
  std::mt19937_64 rng(1234);
  const int port1 = 20000 + static_cast<int>(rng() % 20000), port2 = port1 + 1;
  ServerProcess p1(dir.Path("data/replica-1.db"), dir.Path("web"), port1, dir.PostgresUrl());
  ServerProcess p2(dir.Path("data/replica-2.db"), dir.Path("web"), port2, dir.PostgresUrl());
  p1.Start();
  p2.Start();
  int port_a = port1;  // where the load balancer sends device A
  testing::SimDevice a([&](const HttpRequest& r) { return RealHttp(port_a, r); }, rng);
  testing::SimDevice b([&](const HttpRequest& r) { return RealHttp(port2, r); }, rng);
  ASSERT_TRUE(a.Login("admin", "Admin123!"));
  ASSERT_EQ(a.Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}}).status, 200);
  // The password changed on process 1 is the one process 2 knows.
  ASSERT_TRUE(b.Login("admin", "Admin-Pass-1"));
  ASSERT_TRUE(b.Sync().ok());

  asio::io_context ioc;
  websocket::stream<tcp::socket> ws(ioc);
  tcp::resolver resolver(ioc);
  asio::connect(ws.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port2)));
  ws.handshake("127.0.0.1", "/api/ws");
  ws.write(asio::buffer(Json{{"type", "auth"}, {"token", b.token()}}.dump()));
  auto read = [&]() {
    beast::flat_buffer buf;
    ws.read(buf);
    return Json::parse(beast::buffers_to_string(buf.data()));
  };
  timeval tv{3, 0};  // a lost poke fails the test instead of hanging it
  setsockopt(ws.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ASSERT_EQ(read()["type"], "hello");

  const std::string id = testing::RandomId(rng);
  ASSERT_TRUE(a.Mutate("category.create", {{"id", id}, {"name", "Vu par le processus 2"}}).ok());
  ASSERT_TRUE(a.Push().ok());
  const auto pushed = std::chrono::steady_clock::now();
  Json poke = read();
  EXPECT_EQ(poke["type"], "poke");
  ASSERT_TRUE(b.Pull().ok());
  const auto seen_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - pushed).count();
  EXPECT_EQ(b.core().db().QueryValue("SELECT name FROM categories WHERE id = ?", {id}).value(), "Vu par le processus 2");
  EXPECT_LT(seen_ms, 1000) << "device B saw device A's change after " << seen_ms << " ms";
  std::cout << "process 2's device saw process 1's change " << seen_ms << " ms after the push\n";

  // kill -9 of process 1 while device A pushes; A fails over to process 2.
  constexpr int kMutations = 200;
  for (int i = 0; i < kMutations; ++i) {
    ASSERT_TRUE(a.Mutate("category.create", {{"id", testing::RandomId(rng)}, {"name", "K" + std::to_string(i)}}).ok());
  }
  std::int64_t acknowledged = 0;
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    p1.Kill();
  });
  int refused = 0;
  for (int round = 0; round < 1000 && a.Pending() > 0; ++round) {
    Status pushed_batch = a.Push(10);
    if (pushed_batch.ok()) {
      acknowledged = std::max(acknowledged, Json::parse(a.last_push_body)["last_mutation_id"].get<std::int64_t>());
    } else {
      ++refused;
      port_a = port2;  // the load balancer's failover
    }
  }
  killer.join();
  EXPECT_GE(refused, 1) << "process 1 was killed while device A pushed";
  EXPECT_EQ(acknowledged, kMutations + 1);
  ASSERT_TRUE(a.Sync().ok());
  ASSERT_TRUE(b.Sync().ok());
  EXPECT_EQ(b.core().db().QueryValue("SELECT count(*) FROM categories").value(), kMutations + 1);
  EXPECT_EQ(a.Digest(), b.Digest());
  auto pg = PgConnection::Connect(dir.PostgresUrl());
  ASSERT_TRUE(pg.ok());
  auto accepted = pg->Exec("SELECT count(*) FROM invento_rows WHERE tbl = 'mutation_log' AND data::json->>'result' = 'accepted'");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted.value()[0][0], std::to_string(kMutations + 1)) << "each mutation applied exactly once";
}

// A server whose PostgreSQL connection is lost (PostgreSQL restarted, the backend terminated)
// reopens it at the next request instead of failing from then on. PostgreSQL only.
TEST(MultiProcessTest, ALostPostgresConnectionIsReopened) {
  ASSERT_TRUE(testing::OnPostgres()) << "needs INVENTO_TEST_PG (scripts/pg_test_cluster.sh)";
  testing::TempDir dir;
  auto app = App::Create(testing::TestConfig(dir));
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  std::mt19937_64 rng(5);
  testing::SimDevice d([&](const HttpRequest& r) { return (*app)->Handle(r); }, rng);
  ASSERT_TRUE(d.Login("admin", "Admin123!"));
  ASSERT_EQ(d.Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}}).status, 200);
  auto pg = PgConnection::Connect(dir.PostgresUrl());
  ASSERT_TRUE(pg.ok());
  auto killed = pg->Exec("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_TRUE(killed.ok()) << killed.status().ToString();
  EXPECT_GE(std::stoi(killed.value()[0][0]), 1);
  ASSERT_TRUE(d.Mutate("category.create", {{"id", testing::RandomId(rng)}, {"name", "Après coupure"}}).ok());
  Status pushed = d.Push();
  ASSERT_TRUE(pushed.ok()) << pushed.ToString() << " " << d.last_push_body;
  auto n = pg->Exec("SELECT count(*) FROM invento_rows WHERE tbl = 'categories'");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value()[0][0], "1");
}

// Upgrading (issue 18, docs/operations.md): a server of this build started on a PostgreSQL
// database written by an older one migrates its rows (loaded into a scratch copy at the old
// schema, the newer migrations run there, the rows replaced under a new database id); one
// written by a newer build is refused. PostgreSQL only.
TEST(PostgresUpgradeTest, RowsOfAnOlderSchemaAreMigratedAtStartUp) {
  ASSERT_TRUE(testing::OnPostgres()) << "needs INVENTO_TEST_PG (scripts/pg_test_cluster.sh)";
  testing::TempDir dir;
  std::filesystem::create_directories(dir.Path("data"));
  auto upto = [](const std::vector<db::Migration>& set, int version) {
    std::vector<db::Migration> out;
    for (const db::Migration& m : set) {
      if (m.version <= version) out.push_back(m);
    }
    return out;
  };
  // The older build: shared migrations up to 0008 (count_lines without location_id), server
  // migrations up to 0003 (server_state without epoch).
  {
    auto old = db::Db::Open(dir.Path("data/old.db"));
    ASSERT_TRUE(old.ok());
    ASSERT_TRUE(db::ApplyMigrations(**old, "shared", upto(db::SharedMigrations(), 8)).ok());
    ASSERT_TRUE(db::ApplyMigrations(**old, "server", upto(db::ServerMigrations(), 3)).ok());
    auto mirror = PgMirror::Open(dir.PostgresUrl(), **old);
    ASSERT_TRUE(mirror.ok()) << mirror.status().ToString();
    ASSERT_TRUE((*mirror)->Begin().ok());
    ASSERT_TRUE((*old)->Exec("INSERT INTO categories (id, name, name_key, version) VALUES ('c1', 'Filtres', 'filtres', 3)").ok());
    ASSERT_TRUE((*mirror)->Commit().ok());
  }
  auto pg = PgConnection::Connect(dir.PostgresUrl());
  ASSERT_TRUE(pg.ok());
  auto value = [&](const std::string& sql) {
    auto r = pg->Exec(sql);
    return r.ok() && !r->empty() ? r.value()[0][0] : "(" + r.status().ToString() + ")";
  };
  ASSERT_EQ(value("SELECT value FROM invento_meta WHERE key = 'schema'"), "8/3");
  const std::string old_id = value("SELECT value FROM invento_meta WHERE key = 'database_id'");

  const std::string latest = std::to_string(db::SharedMigrations().back().version) + "/" +
                             std::to_string(db::ServerMigrations().back().version);
  Config cfg = testing::TestConfig(dir);
  {
    auto app = App::Create(cfg);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
  }
  EXPECT_EQ(value("SELECT value FROM invento_meta WHERE key = 'schema'"), latest);
  EXPECT_NE(value("SELECT value FROM invento_meta WHERE key = 'database_id'"), old_id);
  // The row written by the older build is kept; the newer migration's column is filled in.
  EXPECT_EQ(value("SELECT data::json->>'name' FROM invento_rows WHERE tbl = 'categories' AND pk = '[\"c1\"]'"),
            "Filtres");
  EXPECT_EQ(value("SELECT length(data::json->>'epoch') FROM invento_rows WHERE tbl = 'server_state'"), "32");
  {
    auto replica = db::Db::Open(cfg.database_path);
    ASSERT_TRUE(replica.ok());
    EXPECT_EQ((*replica)->QueryValue("SELECT version FROM categories WHERE id = 'c1'").value(), 3);
    EXPECT_EQ((*replica)->QueryValue("SELECT count(*) FROM pragma_table_info('count_lines') WHERE name = 'location_id'").value(), 1);
  }
  // Starting again changes nothing; a database written by a newer build is refused, untouched.
  ASSERT_TRUE(App::Create(cfg).ok());
  EXPECT_EQ(value("SELECT value FROM invento_meta WHERE key = 'schema'"), latest);
  ASSERT_TRUE(pg->Exec("UPDATE invento_meta SET value = '99/1' WHERE key = 'schema'").ok());
  const std::string rows = value("SELECT count(*) FROM invento_rows");
  auto newer = App::Create(cfg);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find("written by a newer Invento"), std::string::npos) << newer.status().ToString();
  EXPECT_EQ(value("SELECT count(*) FROM invento_rows"), rows);
}

// What PgMirror publishes reads back unchanged on another replica: text full of what COPY and
// JSON escape, and a row deleted then inserted again under the same key (new rows are copied
// straight into invento_rows; that one collides with the deleted row's record and is upserted).
TEST(PostgresMirrorTest, RowsReachAnotherReplicaUnchanged) {
  ASSERT_TRUE(testing::OnPostgres()) << "needs INVENTO_TEST_PG (scripts/pg_test_cluster.sh)";
  testing::TempDir dir;
  auto open_replica = [&](const std::string& name) {
    auto db = db::Db::Open(dir.Path(name));
    EXPECT_TRUE(db.ok());
    EXPECT_TRUE(db::ApplyMigrations(**db, "shared", db::SharedMigrations()).ok());
    EXPECT_TRUE(db::ApplyMigrations(**db, "server", db::ServerMigrations()).ok());
    return std::move(db.value());
  };
  auto a = open_replica("a.db");
  auto mirror = PgMirror::Open(dir.PostgresUrl(), *a);
  ASSERT_TRUE(mirror.ok()) << mirror.status().ToString();
  const std::string awkward = "tab\t newline\n return\r back\\slash \"quoted\" \x01 é 漢 🔧";
  auto unit = [&](const std::function<void()>& work) {
    ASSERT_TRUE((*mirror)->Begin().ok());
    work();
    auto seq = (*mirror)->Commit();
    ASSERT_TRUE(seq.ok()) << seq.status().ToString();
  };
  auto insert = [&](const std::string& id, const std::string& name) {
    auto st = a->Prepare("INSERT INTO categories (id, name, name_key, version) VALUES (?, ?, ?, 1)");
    ASSERT_TRUE(st.ok());
    st->Bind(1, std::string_view(id)).Bind(2, std::string_view(name)).Bind(3, std::string_view(id));
    ASSERT_TRUE(st->Run().ok());
  };
  unit([&] { insert("c1", "Filtres"); });
  unit([&] { ASSERT_TRUE(a->Exec("DELETE FROM categories WHERE id = 'c1'").ok()); });
  unit([&] {
    insert("c1", awkward);  // the same key again
    insert("c2", "Joints");
  });
  unit([&] { ASSERT_TRUE(a->Exec("UPDATE categories SET version = 2 WHERE id = 'c2'").ok()); });

  auto pg = PgConnection::Connect(dir.PostgresUrl());
  ASSERT_TRUE(pg.ok());
  auto c1 = pg->Exec("SELECT data::json->>'name' FROM invento_rows WHERE tbl = 'categories' AND pk = '[\"c1\"]'");
  ASSERT_TRUE(c1.ok() && c1->size() == 1) << c1.status().ToString();
  EXPECT_EQ(c1.value()[0][0], awkward);

  auto b = open_replica("b.db");
  auto other = PgMirror::Open(dir.PostgresUrl(), *b);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(b->QueryValue("SELECT name FROM categories WHERE id = 'c1'").value(), awkward);
  EXPECT_EQ(b->QueryValue("SELECT version FROM categories WHERE id = 'c2'").value(), 2);
  EXPECT_EQ(b->QueryValue("SELECT count(*) FROM categories WHERE id IN ('c1', 'c2')").value(), 2);
}

}  // namespace
}  // namespace invento::server
