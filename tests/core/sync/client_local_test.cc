// The device-only parts of the sync client: the stored session, the rebuild after local
// corruption (Salvage from a damaged file, Restore into a fresh one), and the switch to
// another read scope after a role change.
#include "core/sync/client.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/core.h"
#include "core/rows/date_args.h"
#include "core/sync/protocol.h"

namespace invento::sync {
namespace {

namespace fs = std::filesystem;

const Actor kAdmin{"u-admin", Role::kAdmin};

std::string Id(int n) {
  char buf[37];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

class ClientLocalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("invento-client-local-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Core> Open(const std::string& name) {
    auto c = Core::Open({.path = (dir_ / name).string()});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  std::int64_t Categories(Core& core) {
    return core.db().QueryValue("SELECT count(*) FROM categories").value().get<std::int64_t>();
  }
  fs::path dir_;
};

TEST(DeviceClockTest, CorrectedTimeNeverOverflowsNorLeavesTheDocumentedRange) {
  EXPECT_EQ(CorrectedDeviceTime(1'800'000'000'000, 1000), 1'800'000'001'000);
  EXPECT_EQ(CorrectedDeviceTime(INT64_MAX, INT64_MAX), rows::kMaxTime);
  EXPECT_EQ(CorrectedDeviceTime(INT64_MIN, INT64_MIN), rows::kMinTime);
  EXPECT_EQ(CorrectedDeviceTime(INT64_MAX, INT64_MIN), rows::kMinTime);  // -1 ms
  EXPECT_EQ(CorrectedDeviceTime(0, 0), rows::kMinTime);                  // a clock left at 1970
  EXPECT_EQ(CorrectedDeviceTime(rows::kMaxTime, 1), rows::kMaxTime);
  EXPECT_EQ(ClockOffset(5000, 2000), 3000);
  EXPECT_EQ(ClockOffset(INT64_MAX, -10), INT64_MAX);
  EXPECT_EQ(ClockOffset(INT64_MIN, 10), INT64_MIN);
}

// Whatever the device's clock and the offset the server reported, a movement made offline
// holds an occurred_at within the documented range until the server's row replaces it.
TEST_F(ClientLocalTest, AnOptimisticMovementKeepsItsTimeInRangeWhateverTheClock) {
  auto core = Open("clock.db");
  SyncClient client(*core);
  ASSERT_TRUE(client.Init(Id(950)).ok());
  ASSERT_TRUE(client.SetSession({{"token", std::string(64, 'd')}, {"user", {{"id", kAdmin.user_id}, {"role", "admin"}}}}).ok());
  const std::int64_t now = 1'800'000'000'000;
  ASSERT_TRUE(client.Mutate("category.create", {{"id", Id(9)}, {"name", "Pumps"}}, now).ok());
  ASSERT_TRUE(client.Mutate("location.create", {{"id", Id(10)}, {"name", "Main"}, {"kind", "warehouse"}}, now).ok());
  auto item = client.Mutate("item.create", {{"id", Id(11)}, {"reference", "P-1"}, {"label", "Pump"}, {"category_id", Id(9)}}, now);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  auto receipt = [&](int id, std::int64_t device_now) {
    auto r = client.Mutate("stock.receipt", {{"id", Id(id)}, {"item_id", Id(11)}, {"location_id", Id(10)}, {"qty", "1"}}, device_now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return core->db().QueryValue("SELECT occurred_at FROM stock_movements WHERE id = ?", {Json(Id(id))}).value().get<std::int64_t>();
  };
  ASSERT_TRUE(client.ApplyPushResponse({{"server_time", INT64_MAX}}, -1000).ok());
  EXPECT_EQ(receipt(12, INT64_MAX), rows::kMaxTime);
  ASSERT_TRUE(client.ApplyPushResponse({{"server_time", INT64_MIN}}, 1000).ok());
  EXPECT_EQ(receipt(13, INT64_MIN), rows::kMinTime);
  ASSERT_TRUE(client.ApplyPushResponse({{"server_time", now + 500}}, now).ok());
  EXPECT_EQ(receipt(14, now), now + 500);
}

TEST_F(ClientLocalTest, SessionIsStoredAndCleared) {
  auto core = Open("a.db");
  SyncClient client(*core);
  ASSERT_TRUE(client.Init(Id(900)).ok());
  EXPECT_TRUE(client.Session().value().is_null());
  Json session{{"token", std::string(64, 'a')}, {"user", {{"id", "u1"}, {"role", "technician"}}}};
  ASSERT_TRUE(client.SetSession(session).ok());
  EXPECT_EQ(client.Session().value(), session);
  // Malformed sessions are refused and change nothing.
  auto bad = client.SetSession(Json{{"token", 5}});
  EXPECT_EQ(bad.code(), Code::kInvalidArgument);
  EXPECT_EQ(client.Session().value(), session);
  ASSERT_TRUE(client.SetSession(nullptr).ok());
  EXPECT_TRUE(client.Session().value().is_null());
}

TEST_F(ClientLocalTest, TheActorComesFromTheSessionOnceAndIsUsedByTheDevicesCalls) {
  auto core = Open("actor.db");
  {
    SyncClient client(*core);
    ASSERT_TRUE(client.Init(Id(903)).ok());
    EXPECT_EQ(client.actor().user_id, "");
    EXPECT_EQ(client.actor().role, Role::kConsultant);
    // Signed out, the device acts as nobody: a consultant never writes.
    EXPECT_EQ(client.Mutate("category.create", {{"id", Id(1)}, {"name", "Nope"}}, 1000).status().code(),
              Code::kForbidden);
    Json session{{"token", std::string(64, 'c')}, {"user", {{"id", "u-tech"}, {"role", "technician"}}}};
    ASSERT_TRUE(client.SetSession(session).ok());
    EXPECT_EQ(client.actor().user_id, "u-tech");
    EXPECT_EQ(client.actor().role, Role::kTechnician);
    // An unknown role or a user without an id is refused and the actor stays.
    EXPECT_EQ(client.SetSession({{"token", "t"}, {"user", {{"id", "u2"}, {"role", "owner"}}}}).code(),
              Code::kInvalidArgument);
    EXPECT_EQ(client.SetSession({{"token", "t"}, {"user", {{"role", "admin"}}}}).code(), Code::kInvalidArgument);
    EXPECT_EQ(client.actor().user_id, "u-tech");
    EXPECT_EQ(client.Session().value(), session);
    ASSERT_TRUE(client.SetSession({{"token", "t"}, {"user", {{"id", kAdmin.user_id}, {"role", "admin"}}}}).ok());
    auto made = client.Mutate("category.create", {{"id", Id(2)}, {"name", "Made"}}, 1000);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    EXPECT_TRUE(client.Query("category.list", Json::object()).ok());
  }
  {
    // A client over the same database takes the actor back from the stored session.
    SyncClient again(*core);
    ASSERT_EQ(again.Init(Id(904)).value(), Id(903));
    EXPECT_EQ(again.actor().user_id, kAdmin.user_id);
    EXPECT_EQ(again.actor().role, Role::kAdmin);
    ASSERT_TRUE(again.SetSession(nullptr).ok());
    EXPECT_EQ(again.actor().user_id, "");
    EXPECT_EQ(again.actor().role, Role::kConsultant);
  }
}

TEST_F(ClientLocalTest, RestoreKeepsUnsentMutationsClientIdAndSession) {
  Json session{{"token", std::string(64, 'b')}, {"user", {{"id", kAdmin.user_id}, {"role", "admin"}}}};
  {
    auto a = Open("a.db");
    SyncClient client(*a);
    ASSERT_TRUE(client.Init(Id(901)).ok());
    ASSERT_TRUE(client.SetSession(session).ok());
    for (int i = 1; i <= 3; ++i) {
      ASSERT_TRUE(client.Mutate("category.create", {{"id", Id(i)}, {"name", "C" + std::to_string(i)}}, kAdmin, 1000).ok());
    }
    ASSERT_EQ(client.State().value()["pending"], 3);
  }
  auto damaged = db::Db::Open((dir_ / "a.db").string());
  ASSERT_TRUE(damaged.ok());
  Json salvaged = SyncClient::Salvage(*damaged.value());
  EXPECT_TRUE(salvaged["errors"].empty()) << salvaged.dump();
  ASSERT_EQ(salvaged["outbox"].size(), 3u);

  auto b = Open("b.db");
  SyncClient fresh(*b);
  auto restored = fresh.Restore(salvaged, Id(999));
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored.value()["kept"], 3);
  EXPECT_EQ(restored.value()["lost"], 0);
  EXPECT_EQ(restored.value()["client_id"], Id(901));
  EXPECT_EQ(fresh.Session().value(), session);
  EXPECT_EQ(fresh.actor().user_id, kAdmin.user_id);  // the restored session's user re-ran them
  EXPECT_EQ(fresh.actor().role, Role::kAdmin);
  // The kept mutations are pending again, with their ids, and re-applied locally.
  Json push = fresh.PushRequest(100).value();
  ASSERT_EQ(push["mutations"].size(), 3u);
  EXPECT_EQ(push["client_id"], Id(901));
  EXPECT_EQ(push["mutations"][0]["id"], 1);
  EXPECT_EQ(push["mutations"][2]["id"], 3);
  EXPECT_EQ(Categories(*b), 3);
  // The cookie is not kept: the next pull rebuilds everything from version 0.
  EXPECT_EQ(fresh.PullRequest().value()["since"], 0);
  // A second Restore on a database that has a client id is refused.
  EXPECT_EQ(fresh.Restore(salvaged, Id(999)).status().code(), Code::kFailedPrecondition);
}

TEST_F(ClientLocalTest, AGapInTheOutboxLosesWhatFollowsIt) {
  {
    auto a = Open("a.db");
    SyncClient client(*a);
    ASSERT_TRUE(client.Init(Id(902)).ok());
    for (int i = 1; i <= 4; ++i) {
      ASSERT_TRUE(client.Mutate("category.create", {{"id", Id(i)}, {"name", "C" + std::to_string(i)}}, kAdmin, 1000).ok());
    }
    // Simulates an unreadable entry: the server requires consecutive ids, so 3 and 4 cannot
    // be pushed any more without 2.
    ASSERT_TRUE(a->db().Exec("DELETE FROM sync_outbox WHERE mutation_id = 2").ok());
  }
  auto damaged = db::Db::Open((dir_ / "a.db").string());
  ASSERT_TRUE(damaged.ok());
  auto b = Open("b.db");
  SyncClient fresh(*b);
  auto restored = fresh.Restore(SyncClient::Salvage(*damaged.value()), Id(999));
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored.value()["kept"], 1);
  EXPECT_EQ(restored.value()["lost"], 2);
  EXPECT_EQ(fresh.State().value()["pending"], 1);
}

TEST_F(ClientLocalTest, ANonDatabaseFileSalvagesNothingAndSaysWhy) {
  {
    std::ofstream garbage(dir_ / "junk.db", std::ios::binary);
    for (int i = 0; i < 8192; ++i) garbage.put(static_cast<char>((i * 131) & 0xff));
  }
  auto damaged = db::Db::Open((dir_ / "junk.db").string());
  Json salvaged = damaged.ok() ? SyncClient::Salvage(*damaged.value()) : Json{{"state", Json::object()}, {"outbox", Json::array()}, {"errors", {damaged.status().message()}}};
  EXPECT_FALSE(salvaged["errors"].empty());
  EXPECT_TRUE(salvaged["outbox"].empty());
  // Restoring that starts a new client with nothing pending.
  auto b = Open("b.db");
  SyncClient fresh(*b);
  auto restored = fresh.Restore(salvaged, Id(998));
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored.value()["client_id"], Id(998));
  EXPECT_EQ(restored.value()["kept"], 0);
  EXPECT_EQ(fresh.State().value()["pending"], 0);
}

TEST_F(ClientLocalTest, APullForAnotherScopeDropsHiddenTablesKeepsTheOutboxAndStartsAgain) {
  auto core = Open("scope.db");
  SyncClient client(*core);
  ASSERT_TRUE(client.Init(Id(902)).ok());
  auto page = [](const char* scope, std::int64_t until, Json rows) {
    return Json{{"scope", scope}, {"rows", std::move(rows)}, {"cursor", nullptr}, {"until", until},
                {"last_mutation_id", 0}, {"rejected", Json::array()}};
  };
  Json rate{{"t", "employee_rates"}, {"r", {{"id", Id(10)}, {"employee_id", Id(11)}, {"effective_from", "2026-01-01"},
                                          {"rate_cents", 4321}, {"deleted", 0}, {"version", 1}}}};
  Json category{{"t", "categories"}, {"r", {{"id", Id(12)}, {"parent_id", nullptr}, {"name", "Vis"}, {"name_key", "vis"},
                                           {"archived", 0}, {"deleted", 0}, {"version", 2}}}};
  auto first = client.ApplyPull(page("full", 2, {rate, category}), kAdmin, 1000);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first.value()["done"], true);
  EXPECT_EQ(client.State().value()["scope"], "full");
  ASSERT_TRUE(client.Mutate("category.create", {{"id", Id(13)}, {"name", "Pending"}}, kAdmin, 1000).ok());

  // An unknown scope is refused and changes nothing.
  EXPECT_EQ(client.ApplyPull(page("everything", 3, Json::array()), kAdmin, 1000).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(client.State().value()["cookie"], 2);

  // The role now reads the field scope: this page is dropped, the rates go, the cookie is
  // back to 0, and the pending mutation is still pending and applied.
  // Json::array: a one-element brace list is an array with GCC but the element itself with clang.
  auto second = client.ApplyPull(page("field", 3, Json::array({category})), kAdmin, 1000);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second.value()["done"], false);
  EXPECT_EQ(second.value()["rescoped"], true);
  EXPECT_EQ(second.value()["rows"], 0);
  EXPECT_EQ(second.value()["pending"], 1);
  Json state = client.State().value();
  EXPECT_EQ(state["scope"], "field");
  EXPECT_EQ(state["cookie"], 0);
  EXPECT_EQ(client.PullRequest().value()["since"], 0);
  EXPECT_EQ(core->db().QueryValue("SELECT count(*) FROM employee_rates").value(), 0);
  EXPECT_EQ(Categories(*core), 2);  // the server's (rewritten by the next pull) and the pending one
  // The next page, of the same scope, is applied as usual.
  auto third = client.ApplyPull(page("field", 3, Json::array({category})), kAdmin, 1000);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third.value()["done"], true);
  EXPECT_EQ(client.State().value()["cookie"], 3);
  EXPECT_EQ(client.State().value()["pending"], 1);
}

}  // namespace
}  // namespace invento::sync
