// What a device holds (core/auth/permissions.h, read scopes): pull and the first-sync
// snapshot as each role carry nothing outside the role's scope; a role change makes a device
// drop what it may no longer read and fetch what it now may, keeping its pending work; a
// technician's optimistic mutation over hidden data applies locally and the server wins.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

using testing::SimDevice;

Json Name(ReadScope s) { return Json(std::string(ReadScopeName(s))); }

constexpr const char* kSecretLabel = "Sous-traitance confidentielle";

class ReadScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config = testing::TestConfig(dir_);
    config.snapshot_min_version = 5;
    auto app = App::Create(config);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    admin_ = NewDevice();
    ASSERT_TRUE(admin_->Login("admin", "Admin123!"));
    ASSERT_EQ(admin_
                  ->Post("/api/password",
                         {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}})
                  .status,
              200);
    for (auto [name, role] :
         {std::pair{"manager", "manager"}, {"tech", "technician"}, {"viewer", "consultant"}}) {
      auto r = admin_->Post("/api/admin/users",
                            {{"username", name}, {"role", role}, {"password", "Initial-1"}});
      ASSERT_EQ(r.status, 200) << r.body;
      user_ids_[name] = Json::parse(r.body)["id"].get<std::string>();
      auto d = NewDevice();
      ASSERT_TRUE(d->Login(name, "Initial-1"));
      ASSERT_EQ(d->Post("/api/password", {{"current_password", "Initial-1"},
                                          {"new_password", std::string(name) + "-Pass-1"}})
                    .status,
                200);
    }
    Seed();
  }
  std::unique_ptr<SimDevice> NewDevice() {
    return std::make_unique<SimDevice>([this](const HttpRequest& r) { return app_->Handle(r); },
                                       rng_);
  }
  std::unique_ptr<SimDevice> Device(const std::string& user) {
    auto d = NewDevice();
    EXPECT_TRUE(d->Login(user, user == "admin" ? "Admin-Pass-1" : user + "-Pass-1"));
    return d;
  }
  std::string Id() { return testing::RandomId(rng_); }
  void Ok(const std::string& name, const Json& args) {
    auto r = admin_->Mutate(name, args);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  }
  // Something of every kind a technician may not read: a rate, a budget, a cost line, an
  // item price, a movement's unit cost; and a task assigned to the technician.
  void Seed() {
    employee_ = Id(), project_ = Id(), store_ = Id(), item_ = Id(), task_ = Id();
    Ok("employee.create",
       {{"id", employee_}, {"name", "Technicien"}, {"user_id", user_ids_["tech"]}});
    Ok("employee.set_rate", {{"id", Id()},
                             {"employee_id", employee_},
                             {"rate_cents", 4321},
                             {"effective_from", "2026-01-01"}});
    Ok("project.create",
       {{"id", project_}, {"code", "P-1"}, {"name", "Usine"}, {"budget_cents", 500000}});
    Ok("project.add_cost", {{"id", Id()},
                            {"project_id", project_},
                            {"label", kSecretLabel},
                            {"amount_cents", 98765},
                            {"incurred_on", "2026-11-02"}});
    Ok("location.create", {{"id", store_}, {"kind", "warehouse"}, {"name", "Dépôt"}});
    // The technician works with the store (technicians issue only at their locations).
    Ok("location.assign", {{"id", Id()}, {"location_id", store_}, {"employee_id", employee_}});
    Ok("item.create",
       {{"id", item_}, {"reference", "FILTRE"}, {"label", "Filtre"}, {"unit_price_cents", 1250}});
    Ok("stock.receipt", {{"id", Id()},
                         {"item_id", item_},
                         {"location_id", store_},
                         {"qty", 10},
                         {"unit_cost_cents", 1300}});
    Ok("task.create",
       {{"id", task_}, {"title", "Révision"}, {"status", "planned"}, {"project_id", project_}});
    Ok("task.assign", {{"id", Id()}, {"task_id", task_}, {"employee_id", employee_}});
    Ok("task.set_status", {{"id", Id()}, {"task_id", task_}, {"status", "in_progress"}});
    ASSERT_TRUE(admin_->Sync().ok());
    ASSERT_EQ(admin_->Pending(), 0);
  }
  std::string ServerDigest(ReadScope scope) {
    auto db = db::Db::Open(dir_.Path("data/invento.db"));
    auto tables = db::TableRegistry::Load(**db);
    return sync::TablesDigest(**db, tables.value(), scope).value();
  }
  void SetRole(const std::string& user, const std::string& role) {
    auto r = admin_->Post("/api/admin/users/update", {{"id", user_ids_[user]}, {"role", role}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  testing::TempDir dir_;
  std::mt19937_64 rng_{11};
  std::unique_ptr<App> app_;
  std::unique_ptr<SimDevice> admin_;
  std::map<std::string, std::string> user_ids_;
  std::string employee_, project_, store_, item_, task_;
};

// Every replicated table and column of `db` holds nothing outside `scope`; for the full
// scope, the seeded secrets are there.
void ExpectWithinScope(const db::Db& db, ReadScope scope, const std::string& what) {
  auto tables = db::TableRegistry::Load(db);
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  int hidden = 0;
  for (const auto& t : tables->tables()) {
    if (!CanReadTable(scope, t.name)) {
      ++hidden;
      EXPECT_EQ(db.QueryValue("SELECT count(*) FROM " + t.name).value(), 0)
          << what << ": " << t.name;
      continue;
    }
    for (const auto& c : t.columns) {
      const char* masked = MaskedColumn(scope, t.name, c);
      if (!masked) continue;
      ++hidden;
      EXPECT_EQ(
          db.QueryValue("SELECT count(*) FROM " + t.name + " WHERE " + c + " IS NOT " + masked)
              .value(),
          0)
          << what << ": " << t.name << "." << c;
    }
  }
  if (scope == ReadScope::kField) {
    EXPECT_EQ(hidden, 5) << what;  // 2 tables, 3 columns
  } else {
    EXPECT_EQ(hidden, 0) << what;
    EXPECT_EQ(db.QueryValue("SELECT rate_cents FROM employee_rates").value(), 4321) << what;
    EXPECT_EQ(db.QueryValue("SELECT amount_cents FROM project_cost_lines").value(), 98765) << what;
    EXPECT_EQ(db.QueryValue("SELECT budget_cents FROM projects").value(), 500000) << what;
    EXPECT_EQ(db.QueryValue("SELECT unit_price_cents FROM items").value(), 1250) << what;
    EXPECT_EQ(db.QueryValue("SELECT unit_cost_cents FROM stock_movements").value(), 1300) << what;
  }
}

const std::vector<std::pair<std::string, ReadScope>> kUsers{{"admin", ReadScope::kFull},
                                                            {"manager", ReadScope::kFull},
                                                            {"tech", ReadScope::kField},
                                                            {"viewer", ReadScope::kFull}};

TEST_F(ReadScopeTest, PullAsEachRoleHoldsNothingOutsideItsScope) {
  EXPECT_NE(ServerDigest(ReadScope::kField), ServerDigest(ReadScope::kFull));
  for (const auto& [user, scope] : kUsers) {
    auto d = Device(user);
    // The wire: no row of a hidden table, every hidden column masked.
    auto raw = d->Post("/api/pull", {{"client_id", d->client_id()}, {"since", 0}});
    ASSERT_EQ(raw.status, 200) << raw.body;
    Json body = Json::parse(raw.body);
    EXPECT_EQ(body["scope"], Name(scope)) << user;
    EXPECT_EQ(raw.body.find(kSecretLabel) == std::string::npos, scope == ReadScope::kField) << user;
    ASSERT_FALSE(body["rows"].empty());
    for (const auto& row : body["rows"]) {
      const std::string table = row["t"].get<std::string>();
      EXPECT_TRUE(CanReadTable(scope, table)) << user << " got a row of " << table;
      for (const auto& [column, value] : row["r"].items()) {
        if (const char* masked = MaskedColumn(scope, table, column)) {
          EXPECT_EQ(value, std::string(masked) == "NULL" ? Json(nullptr) : Json(std::stoll(masked)))
              << user << " " << table << "." << column;
        }
      }
    }
    // The device: what it holds after a full pull.
    ASSERT_TRUE(d->Pull(3).ok());  // small pages: the cursor skips hidden tables too
    EXPECT_EQ(d->State()["scope"], Name(scope));
    ExpectWithinScope(d->core().db(), scope, user + " device");
    EXPECT_EQ(d->Digest(), ServerDigest(scope)) << user;
  }
}

TEST_F(ReadScopeTest, SnapshotAsEachRoleHoldsNothingOutsideItsScope) {
  for (const auto& [user, scope] : kUsers) {
    auto d = Device(user);
    auto snap = d->Post("/api/snapshot", {{"schema", d->core().schema_version()}});
    ASSERT_EQ(snap.status, 200) << user << " " << snap.body;
    // Not even in a free page: the label of a cost line is a plain string in the file.
    EXPECT_EQ(snap.body.find(kSecretLabel) == std::string::npos, scope == ReadScope::kField)
        << user;
    const std::string path = dir_.Path("inspect-" + user + ".db");
    std::ofstream(path, std::ios::binary) << snap.body;
    {
      auto db = db::Db::Open(path);
      ASSERT_TRUE(db.ok());
      ExpectWithinScope(**db, scope, user + " snapshot");
      EXPECT_EQ((*db)->QueryValue("SELECT value FROM sync_state WHERE key = 'scope'").value(),
                Name(scope));
      EXPECT_EQ((*db)->QueryValue("PRAGMA integrity_check").value(), "ok");
    }
    // Installed, then pulled up to date: the scope's projection of the server.
    ASSERT_TRUE(d->InstallSnapshot(snap.body, dir_.Path("device-" + user + ".db")).ok());
    ASSERT_TRUE(d->Pull().ok());
    EXPECT_EQ(d->State()["scope"], Name(scope));
    EXPECT_EQ(d->Digest(), ServerDigest(scope)) << user;
  }
  // One snapshot per scope, each with its gzip copy.
  int files = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(dir_.Path("data/invento.db.snapshots"))) {
    const std::string name = e.path().filename().string();
    EXPECT_TRUE(name.rfind("snapshot-full-", 0) == 0 || name.rfind("snapshot-field-", 0) == 0)
        << name;
    ++files;
  }
  EXPECT_EQ(files, 4);
}

TEST_F(ReadScopeTest, ARoleChangeDropsAndFetchesWithoutLosingPendingWork) {
  auto t = Device("tech");
  ASSERT_TRUE(t->Pull().ok());
  ExpectWithinScope(t->core().db(), ReadScope::kField, "technician");
  // Offline work, not pushed yet.
  const std::string entry = Id(), consumed = Id();
  ASSERT_TRUE(
      t->Mutate("time.log",
                {{"id", entry}, {"task_id", task_}, {"work_date", "2026-12-04"}, {"hours", "1.5"}})
          .ok());
  ASSERT_TRUE(t->Mutate("task.consume", {{"id", consumed},
                                         {"task_id", task_},
                                         {"item_id", item_},
                                         {"location_id", store_},
                                         {"qty", 2}})
                  .ok());
  ASSERT_EQ(t->Pending(), 2);

  // Promoted: the next pull drops its page, starts again from 0 and brings everything.
  SetRole("tech", "manager");
  t->pages_pulled = 0;
  ASSERT_TRUE(t->Pull().ok());
  EXPECT_GE(t->pages_pulled, 2);
  EXPECT_EQ(t->State()["scope"], "full");
  EXPECT_EQ(t->Pending(), 2);
  auto& db = t->core().db();
  EXPECT_EQ(db.QueryValue("SELECT rate_cents FROM employee_rates").value(), 4321);
  EXPECT_EQ(db.QueryValue("SELECT budget_cents FROM projects").value(), 500000);
  EXPECT_EQ(db.QueryValue("SELECT unit_price_cents FROM items").value(), 1250);
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM time_entries WHERE id = ?", {Json(entry)}).value(),
            1);  // re-run on top

  // Back to technician: the hidden rows and values leave the device; the work stays.
  SetRole("tech", "technician");
  ASSERT_TRUE(t->Pull().ok());
  EXPECT_EQ(t->State()["scope"], "field");
  EXPECT_EQ(t->Pending(), 2);
  // (Only the server's rows: the pending consumption's own movement holds the price its
  // optimistic run copied, the masked 0.)
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM employee_rates").value(), 0);
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM project_cost_lines").value(), 0);
  EXPECT_EQ(db.QueryValue("SELECT budget_cents FROM projects").value(), 0);
  EXPECT_EQ(db.QueryValue("SELECT unit_price_cents FROM items").value(), 0);
  EXPECT_TRUE(db.QueryValue("SELECT unit_cost_cents FROM stock_movements WHERE kind = 'receipt'")
                  .value()
                  .is_null());
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM time_entries WHERE id = ?", {Json(entry)}).value(),
            1);
  ASSERT_TRUE(t->Sync().ok());
  EXPECT_EQ(t->Pending(), 0);
  Json results = Json::parse(t->last_push_body)["results"];
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) EXPECT_EQ(r["status"], "accepted") << r.dump();
  ExpectWithinScope(db, ReadScope::kField, "demoted, synced");
  EXPECT_EQ(t->Digest(), ServerDigest(ReadScope::kField));
}

TEST_F(ReadScopeTest, AnOptimisticMutationOverHiddenDataAppliesAndTheServerWins) {
  auto t = Device("tech");
  ASSERT_TRUE(t->Pull().ok());
  auto& db = t->core().db();
  // The device has no rate and no price: logging time and consuming parts still apply.
  const std::string entry = Id(), consumed = Id();
  ASSERT_TRUE(
      t->Mutate("time.log",
                {{"id", entry}, {"task_id", task_}, {"work_date", "2026-12-04"}, {"hours", "2"}})
          .ok());
  auto issue = t->Mutate("task.consume", {{"id", consumed},
                                          {"task_id", task_},
                                          {"item_id", item_},
                                          {"location_id", store_},
                                          {"qty", 3}});
  ASSERT_TRUE(issue.ok()) << issue.status().ToString();
  const std::string movement = "SELECT unit_cost_cents FROM stock_movements WHERE kind = 'issue'";
  EXPECT_EQ(db.QueryValue(movement).value(), 0);  // the masked price, optimistically
  EXPECT_EQ(t->core().Query("stock.onhand", {{"item_id", item_}}, t->actor()).value()["total"],
            "7");
  ASSERT_TRUE(t->Sync().ok());
  EXPECT_EQ(t->Pending(), 0);
  // The server's run used the real price; the device holds the masked value of its row.
  auto server = db::Db::Open(dir_.Path("data/invento.db"));
  EXPECT_EQ((*server)->QueryValue(movement).value(), 1250);
  EXPECT_EQ(
      (*server)->QueryValue("SELECT hours FROM time_entries WHERE id = ?", {Json(entry)}).value(),
      2000);
  EXPECT_TRUE(db.QueryValue(movement).value().is_null());
  EXPECT_EQ(db.QueryValue("SELECT hours FROM time_entries WHERE id = ?", {Json(entry)}).value(),
            2000);
  ExpectWithinScope(db, ReadScope::kField, "after sync");
  EXPECT_EQ(t->Digest(), ServerDigest(ReadScope::kField));
  // A manager's device sees the parts cost the server computed.
  auto m = Device("manager");
  ASSERT_TRUE(m->Pull().ok());
  EXPECT_EQ(m->core().db().QueryValue(movement).value(), 1250);
  EXPECT_EQ(m->Digest(), ServerDigest(ReadScope::kFull));
}

}  // namespace
}  // namespace invento::server
