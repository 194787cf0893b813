// Push/pull through the server's real request handler with simulated devices running the
// core's client half.
#include <gtest/gtest.h>

#include <unistd.h>

#include <set>
#include <sstream>

#include "core/stock/ledger_fold.h"
#include "sync-server/cli.h"
#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

using testing::SimDevice;

class SyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = App::Create(testing::TestConfig(dir_));
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    admin_ = NewDevice();
    ASSERT_TRUE(admin_->Login("admin", "Admin123!"));
    ASSERT_EQ(admin_->Post("/api/password", {{"current_password", "Admin123!"},
                                             {"new_password", "Admin-Pass-1"}}).status, 200);
    for (auto [name, role] : {std::pair{"manager", "manager"}, {"tech", "technician"},
                              {"tech2", "technician"}, {"viewer", "consultant"}}) {
      CreateUser(name, role);
    }
  }
  void CreateUser(const std::string& name, const std::string& role) {
    auto r = admin_->Post("/api/admin/users", {{"username", name}, {"role", role}, {"password", "Initial-1"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto d = NewDevice();
    ASSERT_TRUE(d->Login(name, "Initial-1"));
    ASSERT_EQ(d->Post("/api/password", {{"current_password", "Initial-1"}, {"new_password", name + "-Pass-1"}}).status, 200);
  }
  std::unique_ptr<SimDevice> NewDevice() {
    return std::make_unique<SimDevice>([this](const HttpRequest& r) { return app_->Handle(r); }, rng_);
  }
  std::unique_ptr<SimDevice> Device(const std::string& user) {
    auto d = NewDevice();
    EXPECT_TRUE(d->Login(user, user == "admin" ? "Admin-Pass-1" : user + "-Pass-1"));
    return d;
  }
  // The server's tables as devices of `scope` hold them (a technician's: field).
  std::string ServerDigest(ReadScope scope = ReadScope::kFull) {
    auto db = db::Db::Open(dir_.Path("data/invento.db"));
    auto tables = db::TableRegistry::Load(**db);
    return sync::TablesDigest(**db, tables.value(), scope).value();
  }
  std::string Id() { return testing::RandomId(rng_); }
  // Makes `user` (a technician) work with the locations: an employee linked to the account,
  // assigned to each, by the manager, synced to the server.
  void WorkWith(const std::string& user, const std::vector<std::string>& locations) {
    auto m = Device("manager");
    ASSERT_TRUE(m->Pull().ok());  // the locations, made on another device
    std::string employee = Id();
    ASSERT_TRUE(m->Mutate("employee.create", {{"id", employee}, {"name", user},
                                              {"user_id", Device(user)->actor().user_id}}).ok());
    for (const auto& loc : locations) {
      ASSERT_TRUE(m->Mutate("location.assign", {{"id", Id()}, {"location_id", loc},
                                                {"employee_id", employee}}).ok());
    }
    ASSERT_TRUE(m->Sync().ok());
  }

  testing::TempDir dir_;
  std::mt19937_64 rng_{42};
  std::unique_ptr<App> app_;
  std::unique_ptr<SimDevice> admin_;
};

TEST_F(SyncTest, ChangesMadeOnOneDeviceReachAnother) {
  auto a = Device("manager"), b = Device("viewer");
  std::string cat = Id(), item = Id(), loc = Id();
  ASSERT_TRUE(a->Mutate("category.create", {{"id", cat}, {"name", "Visserie"}}).ok());
  ASSERT_TRUE(a->Mutate("location.create", {{"id", loc}, {"kind", "vehicle"}, {"name", "Van 1"}}).ok());
  ASSERT_TRUE(a->Mutate("item.create", {{"id", item}, {"reference", "VIS-1"}, {"label", "Vis"}, {"category_id", cat}}).ok());
  ASSERT_TRUE(a->Mutate("stock.receipt", {{"id", Id()}, {"item_id", item}, {"location_id", loc}, {"qty", 5}}).ok());
  EXPECT_EQ(a->Pending(), 4);
  ASSERT_TRUE(a->Sync().ok());
  EXPECT_EQ(a->Pending(), 0);
  ASSERT_TRUE(b->Pull().ok());
  EXPECT_EQ(a->Digest(), b->Digest());
  EXPECT_EQ(a->Digest(), ServerDigest());
  auto onhand = b->core().Query("stock.onhand", {{"item_id", item}}, b->actor());
  EXPECT_EQ(onhand.value()["total"], "5");
}

// Restoring a backup (restore-database) takes the server back to older versions. A device
// that pulled past them would otherwise skip what the server writes next under the same
// numbers, and its mutation numbers no longer match: the new epoch makes it start over as a
// new client, keeping every change still in its outbox.
TEST_F(SyncTest, AfterARestoreDevicesStartOverKeepingWhatTheyHadNotSent) {
  auto a = Device("manager");
  auto item = [&](const std::string& ref) {
    ASSERT_TRUE(a->Mutate("item.create", {{"id", Id()}, {"reference", ref}, {"label", ref}}).ok());
  };
  item("KEPT-1");
  ASSERT_TRUE(a->Sync().ok());
  std::ostringstream out, err;
  const std::string backup = dir_.Path("backup.db");
  ASSERT_EQ(BackupDatabaseCommand(testing::TestConfig(dir_), {"--output", backup}, out, err), 0) << err.str();
  item("AFTER-BACKUP");  // reaches the server, then the restore loses it
  ASSERT_TRUE(a->Sync().ok());
  item("PENDING-1");  // made before the restore, not sent yet
  item("PENDING-2");
  EXPECT_EQ(a->Pending(), 2);

  // Refused while a server holds the database.
  int serving = HoldServingLock(testing::TestConfig(dir_).database_path);
  ASSERT_GE(serving, 0);
  EXPECT_EQ(RestoreDatabaseCommand(testing::TestConfig(dir_), {"--from", backup}, out, err), 1);
  EXPECT_NE(err.str().find("a server is running on"), std::string::npos) << err.str();
  ::close(serving);
  // Bad input changes nothing.
  std::ostringstream err2;
  EXPECT_EQ(RestoreDatabaseCommand(testing::TestConfig(dir_), {}, out, err2), 2);
  EXPECT_EQ(RestoreDatabaseCommand(testing::TestConfig(dir_), {"--from", dir_.Path("none.db")}, out, err2), 1);
  dir_.Write("text.db", "not a database");
  EXPECT_EQ(RestoreDatabaseCommand(testing::TestConfig(dir_), {"--from", dir_.Path("text.db")}, out, err2), 1);
  EXPECT_NE(err2.str().find("nothing was changed"), std::string::npos) << err2.str();

  app_.reset();  // the server stopped
  std::ostringstream restored;
  ASSERT_EQ(RestoreDatabaseCommand(testing::TestConfig(dir_), {"--from", backup}, restored, err), 0) << err.str();
  EXPECT_NE(restored.str().find("Devices start over at their next sync"), std::string::npos) << restored.str();
  EXPECT_NE(restored.str().find("The database as it was before is saved in"), std::string::npos) << restored.str();
  auto app = App::Create(testing::TestConfig(dir_));
  ASSERT_TRUE(app.ok());
  app_ = std::move(app).value();

  const std::string old_client = a->State()["client_id"].get<std::string>();
  Status first = a->Sync();  // pushed: refused as another epoch; started over; pushed again; pulled
  ASSERT_TRUE(first.ok()) << first.ToString() << " " << a->last_push_body;
  ASSERT_TRUE(a->Sync().ok());
  EXPECT_EQ(a->Pending(), 0);
  EXPECT_NE(a->State()["client_id"].get<std::string>(), old_client) << "a new client of the new epoch";
  auto refs = [](SimDevice& d) {
    std::set<std::string> found;
    auto list = d.core().Query("item.search", {{"q", ""}, {"limit", 100}}, d.actor());
    for (const auto& i : list.value()["items"]) found.insert(i["reference"].get<std::string>());
    return found;
  };
  EXPECT_EQ(refs(*a), (std::set<std::string>{"KEPT-1", "PENDING-1", "PENDING-2"}));
  auto fresh = Device("viewer");
  ASSERT_TRUE(fresh->Pull().ok());
  EXPECT_EQ(refs(*fresh), refs(*a));
  EXPECT_EQ(a->Digest(), fresh->Digest());
  EXPECT_EQ(a->Digest(), ServerDigest());
  // And it goes on syncing normally in the new epoch.
  item("NEW-EPOCH");
  ASSERT_TRUE(a->Sync().ok());
  ASSERT_TRUE(fresh->Pull().ok());
  EXPECT_EQ(refs(*fresh).count("NEW-EPOCH"), 1u);
}

TEST_F(SyncTest, TwoTechniciansTakingTwoOfflineEndAtMinusFour) {
  auto setup = Device("manager");
  std::string item = Id(), van = Id();
  ASSERT_TRUE(setup->Mutate("location.create", {{"id", van}, {"kind", "vehicle"}, {"name", "Van"}}).ok());
  ASSERT_TRUE(setup->Mutate("item.create", {{"id", item}, {"reference", "F-1"}, {"label", "Filtre"}}).ok());
  ASSERT_TRUE(setup->Sync().ok());
  WorkWith("tech", {van});
  WorkWith("tech2", {van});
  auto t1 = Device("tech"), t2 = Device("tech2");
  ASSERT_TRUE(t1->Pull().ok());
  ASSERT_TRUE(t2->Pull().ok());
  ASSERT_TRUE(t1->Mutate("stock.issue", {{"id", Id()}, {"item_id", item}, {"location_id", van}, {"qty", 2}}).ok());
  ASSERT_TRUE(t2->Mutate("stock.issue", {{"id", Id()}, {"item_id", item}, {"location_id", van}, {"qty", 2}}).ok());
  ASSERT_TRUE(t1->Sync().ok());
  ASSERT_TRUE(t2->Sync().ok());
  ASSERT_TRUE(t1->Pull().ok());
  for (auto* d : {t1.get(), t2.get()}) {
    EXPECT_EQ(d->core().Query("stock.onhand", {{"item_id", item}}, d->actor()).value()["total"], "-4");
  }
  EXPECT_EQ(t1->Digest(), t2->Digest());
}

TEST_F(SyncTest, RejectedMutationDoesNotBlockTheNextAndIsUndoneLocally) {
  auto t = Device("tech");
  std::string cat = Id();
  // A technician may not create categories: the device runs it optimistically (its core
  // would refuse too, so bypass by acting as admin locally — a lying device).
  Actor liar{t->actor().user_id, Role::kAdmin};
  sync::SyncClient raw(t->core());
  ASSERT_TRUE(raw.Mutate("category.create", {{"id", cat}, {"name", "Forbidden"}}, liar, t->now_ms).ok());
  ASSERT_TRUE(t->Mutate("location.create", {{"id", Id()}, {"kind", "vehicle"}, {"name", "X"}}).status().code() ==
              Code::kForbidden);
  std::string item = Id(), loc = Id();
  ASSERT_TRUE(admin_->Mutate("location.create", {{"id", loc}, {"kind", "vehicle"}, {"name", "Van"}}).ok());
  ASSERT_TRUE(admin_->Mutate("item.create", {{"id", item}, {"reference", "R"}, {"label", "L"}}).ok());
  ASSERT_TRUE(admin_->Sync().ok());
  WorkWith("tech", {loc});
  ASSERT_TRUE(t->Pull().ok());
  ASSERT_TRUE(t->Mutate("stock.issue", {{"id", Id()}, {"item_id", item}, {"location_id", loc}, {"qty", 1}}).ok());
  ASSERT_TRUE(t->Push().ok());
  Json res = Json::parse(t->last_push_body)["results"];
  ASSERT_EQ(res.size(), 2u);
  EXPECT_EQ(res[0]["status"], "rejected");
  EXPECT_EQ(res[0]["code"], "forbidden");
  EXPECT_EQ(res[1]["status"], "accepted");
  ASSERT_TRUE(t->Pull().ok());
  EXPECT_EQ(t->Pending(), 0);
  auto cats = t->core().Query("category.list", Json::object(), t->actor()).value();
  EXPECT_TRUE(cats["items"].empty());  // the optimistic category was undone
  Json state = t->State();
  ASSERT_EQ(state["rejections"].size(), 1u);
  EXPECT_EQ(state["rejections"][0]["code"], "forbidden");
  EXPECT_EQ(state["rejections"][0]["name"], "category.create");
  EXPECT_EQ(t->Digest(), ServerDigest(ReadScope::kField));
}

// Issue 14.8: the server refuses a technician's stock.issue from a location they do not
// work with (the device's core would refuse it too: a lying device), with the reason, and
// changes nothing; the next mutation of the same push, at their own van, goes through.
TEST_F(SyncTest, TechnicianIssueFromALocationTheyDoNotWorkWithIsRejected) {
  auto m = Device("manager");
  std::string item = Id(), van = Id(), depot = Id();
  ASSERT_TRUE(m->Mutate("location.create", {{"id", van}, {"kind", "vehicle"}, {"name", "Van"}}).ok());
  ASSERT_TRUE(m->Mutate("location.create", {{"id", depot}, {"kind", "warehouse"}, {"name", "Dépôt"}}).ok());
  ASSERT_TRUE(m->Mutate("item.create", {{"id", item}, {"reference", "F-1"}, {"label", "Filtre"}}).ok());
  ASSERT_TRUE(m->Mutate("stock.receipt", {{"id", Id()}, {"item_id", item}, {"location_id", depot}, {"qty", 5}}).ok());
  ASSERT_TRUE(m->Sync().ok());
  WorkWith("tech", {van});
  auto t = Device("tech");
  ASSERT_TRUE(t->Pull().ok());
  Json from_depot{{"id", Id()}, {"item_id", item}, {"location_id", depot}, {"qty", 2}};
  // The honest device's core refuses it already.
  auto local = t->Mutate("stock.issue", from_depot);
  ASSERT_FALSE(local.ok());
  EXPECT_EQ(local.status().code(), Code::kForbidden);
  std::string before = ServerDigest();
  Actor liar{t->actor().user_id, Role::kAdmin};
  sync::SyncClient raw(t->core());
  ASSERT_TRUE(raw.Mutate("stock.issue", from_depot, liar, t->now_ms).ok());
  ASSERT_TRUE(t->Push().ok());
  Json res = Json::parse(t->last_push_body)["results"];
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0]["status"], "rejected");
  EXPECT_EQ(res[0]["code"], "forbidden");
  EXPECT_EQ(res[0]["field"], "location_id");
  EXPECT_EQ(res[0]["message"],
            "you do not work with this location: ask a manager to assign you to it");
  EXPECT_EQ(ServerDigest(), before);  // nothing changed on the server
  ASSERT_TRUE(t->Pull().ok());
  EXPECT_EQ(t->Pending(), 0);
  EXPECT_EQ(t->core().Query("stock.onhand", {{"item_id", item}, {"location_id", depot}},
                            t->actor()).value()["total"], "5");  // undone on the device
  EXPECT_EQ(t->State()["rejections"][0]["code"], "forbidden");
  // At their own van, the same technician's issue is accepted.
  ASSERT_TRUE(t->Mutate("stock.issue", {{"id", Id()}, {"item_id", item}, {"location_id", van}, {"qty", 1}}).ok());
  ASSERT_TRUE(t->Sync().ok());
  EXPECT_EQ(Json::parse(t->last_push_body)["results"][0]["status"], "accepted");
  EXPECT_EQ(t->Digest(), ServerDigest(ReadScope::kField));
}

TEST_F(SyncTest, DuplicateReferenceCreatedOfflineIsRejectedForTheSecondDevice) {
  auto a = Device("manager"), b = Device("admin");
  ASSERT_TRUE(a->Mutate("item.create", {{"id", Id()}, {"reference", "REF-1"}, {"label", "A"}}).ok());
  ASSERT_TRUE(b->Mutate("item.create", {{"id", Id()}, {"reference", "ref-1"}, {"label", "B"}}).ok());
  ASSERT_TRUE(a->Sync().ok());
  ASSERT_TRUE(b->Sync().ok());
  ASSERT_TRUE(a->Pull().ok());
  EXPECT_EQ(b->State()["rejections"][0]["code"], "conflict");
  EXPECT_EQ(a->Digest(), b->Digest());
}

TEST_F(SyncTest, PushingTheSameBatchTwiceChangesNothing) {
  auto a = Device("manager");
  ASSERT_TRUE(a->Mutate("category.create", {{"id", Id()}, {"name", "A"}}).ok());
  ASSERT_TRUE(a->Mutate("category.create", {{"id", Id()}, {"name", "B"}}).ok());
  ASSERT_TRUE(a->Push(100, /*drop_response=*/true).ok());  // the answer is lost
  std::string after_first = ServerDigest();
  ASSERT_TRUE(a->Push().ok());  // the device retries the same batch
  Json res = Json::parse(a->last_push_body)["results"];
  EXPECT_EQ(res[0]["status"], "skipped");
  EXPECT_EQ(res[1]["status"], "skipped");
  EXPECT_EQ(ServerDigest(), after_first);
  ASSERT_TRUE(a->Pull().ok());
  EXPECT_EQ(a->Pending(), 0);
  EXPECT_EQ(a->Digest(), ServerDigest());
}

TEST_F(SyncTest, PagedPullConverges) {
  auto a = Device("manager"), b = Device("viewer");
  for (int i = 0; i < 57; ++i) {
    ASSERT_TRUE(a->Mutate("category.create", {{"id", Id()}, {"name", "C" + std::to_string(i)}}).ok());
  }
  ASSERT_TRUE(a->Sync().ok());
  EXPECT_TRUE(b->State()["last_pull_at"].is_null());  // never caught up yet
  b->now_ms = 1'700'000'000'000;
  ASSERT_TRUE(b->Pull(/*limit=*/10).ok());
  EXPECT_GE(b->pages_pulled, 6);
  EXPECT_EQ(a->Digest(), b->Digest());
  // The device remembers when it last caught up (its own clock), for "last sync" after a restart.
  EXPECT_EQ(b->State()["last_pull_at"], 1'700'000'000'000);
}

TEST_F(SyncTest, AClientIdBelongsToOneUser) {
  auto a = Device("manager");
  ASSERT_TRUE(a->Mutate("category.create", {{"id", Id()}, {"name", "A"}}).ok());
  ASSERT_TRUE(a->Push().ok());
  auto b = Device("tech");
  auto r = b->Post("/api/push", {{"client_id", a->client_id()},
                                 {"mutations", {{{"id", 2}, {"name", "category.list"}, {"args", Json::object()}}}}});
  EXPECT_EQ(r.status, 403) << r.body;
  auto p = b->Post("/api/pull", {{"client_id", a->client_id()}, {"since", 0}});
  EXPECT_EQ(p.status, 403) << p.body;
}

TEST_F(SyncTest, EveryRoleAndMutatorCellIsEnforcedByTheServer) {
  std::map<Role, std::unique_ptr<SimDevice>> devices;
  devices[Role::kAdmin] = Device("admin");
  devices[Role::kManager] = Device("manager");
  devices[Role::kTechnician] = Device("tech");
  devices[Role::kConsultant] = Device("viewer");
  std::int64_t cells = 0;
  for (auto& [role, d] : devices) {
    std::int64_t next = 1;
    for (const auto& m : Registry::Get().mutators()) {
      // Empty arguments: an allowed role gets a validation error, never forbidden.
      auto r = d->Post("/api/push", {{"client_id", d->client_id()},
                                     {"mutations", {{{"id", next++}, {"name", m.name}, {"args", Json::object()}}}}});
      ASSERT_EQ(r.status, 200) << r.body;
      Json res = Json::parse(r.body)["results"][0];
      ASSERT_EQ(res["status"], "rejected") << m.name;
      if (IsAllowed(role, m.name)) {
        EXPECT_NE(res["code"], "forbidden") << RoleName(role) << " " << m.name;
      } else {
        EXPECT_EQ(res["code"], "forbidden") << RoleName(role) << " " << m.name;
      }
      ++cells;
    }
  }
  EXPECT_EQ(cells, 4 * static_cast<std::int64_t>(Registry::Get().mutators().size()));
}

TEST_F(SyncTest, BadInputGetsASpecificErrorAndChangesNothing) {
  auto d = Device("manager");
  ASSERT_TRUE(d->Mutate("category.create", {{"id", Id()}, {"name", "Seed"}}).ok());
  ASSERT_TRUE(d->Sync().ok());
  std::string before = ServerDigest();
  auto raw = [&](const std::string& path, const std::string& body, const std::string& token) {
    HttpRequest r;
    r.method = "POST";
    r.target = path;
    r.body = body;
    r.headers["content-type"] = "application/json";
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return app_->Handle(r);
  };
  std::string cid = d->client_id();
  auto mut = [&](Json m) { return Json{{"client_id", cid}, {"mutations", Json::array({m})}}.dump(); };
  struct Case {
    std::string name, body;
    int status;
    std::string code;
  };
  std::vector<Case> cases{
      {"malformed JSON", "{\"client_id\":", 400, "malformed_json"},
      {"wrong type", Json{{"client_id", 5}, {"mutations", Json::array()}}.dump(), 400, "invalid_argument"},
      {"mutations not a list", Json{{"client_id", cid}, {"mutations", "x"}}.dump(), 400, "invalid_argument"},
      {"invalid client id", Json{{"client_id", "../../etc"}, {"mutations", Json::array()}}.dump(), 400, "invalid_argument"},
      {"mutation id not a number", mut({{"id", "2"}, {"name", "category.create"}, {"args", Json::object()}}), 400, "invalid_argument"},
      {"mutation id out of order", mut({{"id", 5}, {"name", "category.create"}, {"args", Json::object()}}), 400, "invalid_argument"},
      {"very long name", mut({{"id", 2}, {"name", std::string(5000, 'x')}, {"args", Json::object()}}), 400, "invalid_argument"},
      {"huge args", mut({{"id", 2}, {"name", "category.create"}, {"args", {{"name", std::string(70000, 'x')}}}}), 400, "invalid_argument"},
      {"unknown field", Json{{"client_id", cid}, {"mutations", Json::array()}, {"x", 1}}.dump(), 400, "invalid_argument"},
  };
  for (const auto& c : cases) {
    auto r = raw("/api/push", c.body, d->token());
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(Json::parse(r.body)["code"], c.code) << c.name;
    EXPECT_FALSE(Json::parse(r.body)["message"].get<std::string>().empty()) << c.name;
  }
  // Unknown mutator and invalid ids inside args are per-mutation rejections, not 400s.
  auto r = raw("/api/push", mut({{"id", 2}, {"name", "no.such.thing"}, {"args", Json::object()}}), d->token());
  EXPECT_EQ(Json::parse(r.body)["results"][0]["code"], "invalid_argument");
  r = raw("/api/push", mut({{"id", 3}, {"name", "category.create"}, {"args", {{"id", "nope"}, {"name", "x"}}}}), d->token());
  EXPECT_EQ(Json::parse(r.body)["results"][0]["code"], "invalid_argument");
  // Repeated id: skipped.
  r = raw("/api/push", mut({{"id", 3}, {"name", "category.create"}, {"args", Json::object()}}), d->token());
  EXPECT_EQ(Json::parse(r.body)["results"][0]["status"], "skipped");
  // Expired/revoked/missing token.
  ASSERT_EQ(d->Post("/api/logout", Json::object()).status, 200);
  EXPECT_EQ(raw("/api/push", mut({{"id", 4}, {"name", "category.create"}, {"args", Json::object()}}), d->token()).status, 401);
  EXPECT_EQ(raw("/api/pull", Json{{"client_id", cid}}.dump(), "").status, 401);
  EXPECT_EQ(raw("/api/pull", Json{{"client_id", cid}, {"cursor", "garbage"}}.dump(), admin_->token()).status, 400);
  EXPECT_EQ(raw("/api/pull", Json{{"client_id", cid}}.dump(), admin_->token()).status, 403);
  EXPECT_EQ(ServerDigest(), before);
}

// Convergence property test (always on): several devices, random conflicting mutations,
// random push/pull interleavings, duplicated and lost responses.
TEST_F(SyncTest, ConvergenceUnderRandomInterleavings) {
  const int kSteps = std::getenv("INVENTO_CONVERGENCE_STEPS") ? std::atoi(std::getenv("INVENTO_CONVERGENCE_STEPS")) : 2000;
  std::vector<std::unique_ptr<SimDevice>> devices;
  // Mixed roles, so mixed read scopes: each device converges to its scope's projection.
  for (const char* u : {"admin", "manager", "tech", "tech2", "manager", "tech", "viewer"}) devices.push_back(Device(u));
  std::vector<std::string> items, locs, cats;
  for (int i = 0; i < 4; ++i) {
    locs.push_back(Id());
    ASSERT_TRUE(devices[0]->Mutate("location.create", {{"id", locs.back()}, {"kind", "vehicle"}, {"name", "V" + std::to_string(i)}}).ok());
  }
  for (int i = 0; i < 6; ++i) {
    items.push_back(Id());
    ASSERT_TRUE(devices[0]->Mutate("item.create", {{"id", items.back()}, {"reference", "I" + std::to_string(i)}, {"label", "Item"}}).ok());
  }
  ASSERT_TRUE(devices[0]->Sync().ok());
  // Technicians work with some vans only: their movements elsewhere are refused.
  WorkWith("tech", {locs[0], locs[1]});
  WorkWith("tech2", {locs[1], locs[2]});
  for (auto& d : devices) ASSERT_TRUE(d->Pull().ok());

  std::uniform_int_distribution<int> pct(0, 99);
  int mutations = 0, accepted_local = 0;
  for (int step = 0; step < kSteps; ++step) {
    SimDevice& d = *devices[rng_() % devices.size()];
    int p = pct(rng_);
    const std::string& item = items[rng_() % items.size()];
    const std::string& loc = locs[rng_() % locs.size()];
    const std::string& loc2 = locs[rng_() % locs.size()];
    Result<Json> r = Status::Ok();
    if (p < 25) {
      r = d.Mutate("stock.issue", {{"id", Id()}, {"item_id", item}, {"location_id", loc}, {"qty", static_cast<int>(rng_() % 5) + 1}});
    } else if (p < 45) {
      r = d.Mutate("stock.receipt", {{"id", Id()}, {"item_id", item}, {"location_id", loc}, {"qty", static_cast<int>(rng_() % 9) + 1}});
    } else if (p < 55) {
      r = d.Mutate("stock.transfer", {{"id", Id()}, {"item_id", item}, {"from_location_id", loc}, {"to_location_id", loc2}, {"qty", "1.5"}});
    } else if (p < 65) {  // conflicting edits of the same fields
      r = d.Mutate("item.update", {{"id", item}, {"label", "L" + std::to_string(rng_() % 100)}, {"unit_price_cents", static_cast<int>(rng_() % 1000)}});
    } else if (p < 70) {  // conflicting unique references
      r = d.Mutate("item.update", {{"id", item}, {"reference", "R" + std::to_string(rng_() % 8)}});
    } else if (p < 74) {
      cats.push_back(Id());
      r = d.Mutate("category.create", {{"id", cats.back()}, {"name", "Cat" + std::to_string(rng_() % 10)}});
    } else if (p < 78) {  // a whole count by one device
      std::string s = Id();
      if (d.Mutate("count.open", {{"id", s}, {"location_id", loc}}).ok()) {
        (void)d.Mutate("count.record", {{"id", Id()}, {"session_id", s}, {"item_id", item}, {"qty", static_cast<int>(rng_() % 20)}});
        r = d.Mutate("count.close", {{"session_id", s}});
      }
    } else if (p < 88) {
      bool dup = pct(rng_) < 15, lost = pct(rng_) < 15;
      ASSERT_TRUE(d.Push(1 + rng_() % 20, lost).ok()) << d.last_push_body;
      if (dup) {
        ASSERT_TRUE(d.Push(1 + rng_() % 20).ok()) << d.last_push_body;
      }
      continue;
    } else {
      ASSERT_TRUE(d.Pull(1 + static_cast<std::int64_t>(rng_() % 50)).ok());
      continue;
    }
    ++mutations;
    if (r.ok()) ++accepted_local;
  }
  EXPECT_GT(mutations, kSteps * 2 / 3);
  for (int round = 0; round < 2; ++round) {
    for (auto& d : devices) ASSERT_TRUE(d->Sync().ok());
  }
  const std::string full = ServerDigest(ReadScope::kFull), field = ServerDigest(ReadScope::kField);
  EXPECT_NE(full, field);  // prices and unit costs were written, and are hidden from technicians
  for (auto& d : devices) {
    EXPECT_EQ(d->Pending(), 0);
    const ReadScope scope = ReadScopeOf(d->actor().role);
    EXPECT_EQ(d->State()["scope"], Json(std::string(ReadScopeName(scope))));
    EXPECT_EQ(d->Digest(), scope == ReadScope::kField ? field : full) << RoleName(d->actor().role);
  }
  // On-hand on every replica equals the ledger fold.
  for (auto& d : devices) {
    std::vector<stock::LedgerEntry> ledger;
    auto st = d->core().db().Prepare("SELECT id, item_id, kind, from_location_id, to_location_id, qty, occurred_at, deleted FROM stock_movements");
    while (st->Step().value()) {
      stock::LedgerEntry e{st->Text(0), st->Text(1), st->Text(2), std::nullopt, std::nullopt, st->Int(5), st->Int(6), st->Int(7) == 1};
      if (!st->IsNull(3)) e.from_location_id = st->Text(3);
      if (!st->IsNull(4)) e.to_location_id = st->Text(4);
      ledger.push_back(e);
    }
    stock::OnHandMap cache;
    auto c = d->core().db().Prepare("SELECT item_id, location_id, qty FROM stock_onhand");
    while (c->Step().value()) cache[{c->Text(0), c->Text(1)}] = c->Int(2);
    EXPECT_EQ(cache, stock::FoldOnHand(ledger));
  }
}

}  // namespace
}  // namespace invento::server
