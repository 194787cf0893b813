// invento-server seed-demo (cli_seed_demo.cc): an empty database becomes the demo company,
// every row confirmed (version > 0) by the server's own push; a non-empty one is refused.
#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <sstream>

#include "sync-server/app.h"
#include "sync-server/cli.h"
#include "sync-server/cli_support.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

struct Outcome {
  int code = -1;
  std::string out, err;
};

Outcome SeedDemo(const Config& config) {
  std::ostringstream out, err;
  Outcome r;
  r.code = SeedDemoCommand(config, {}, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::int64_t Count(Core& core, const std::string& sql) {
  auto v = core.db().QueryValue(sql);
  EXPECT_TRUE(v.ok()) << v.status().ToString() << " in " << sql;
  return v.ok() ? v->get<std::int64_t>() : -1;
}

HttpResponse Post(App& app, const std::string& target, const Json& body, const std::string& token = "") {
  HttpRequest r;
  r.method = "POST";
  r.target = target;
  r.headers["content-type"] = "application/json";
  if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
  r.body = body.dump();
  return app.Handle(r);
}

class SeedDemoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
  testing::TempDir dir_;
  Config config_ = testing::TestConfig(dir_);
};

TEST_F(SeedDemoTest, FillsAnEmptyDatabaseWithAWholeCompany) {
  Outcome r = SeedDemo(config_);
  ASSERT_EQ(r.code, 0) << r.err;
  std::smatch password;
  ASSERT_TRUE(std::regex_search(r.out, password, std::regex("password for all: (\\S+),"))) << r.out;
  EXPECT_NE(r.out.find("lucas.moreau"), std::string::npos);

  auto opened = OpenServerDatabase(config_, /*must_exist=*/true);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Core& core = **opened;
  // Stock: ~300 items in 12 categories (+1 parent), 2 warehouses with zones and bins, 3 vans.
  EXPECT_EQ(Count(core, "SELECT count(*) FROM items WHERE deleted = 0"), 300);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM categories WHERE deleted = 0"), 13);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM attribute_defs WHERE deleted = 0"), 12);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM suppliers WHERE deleted = 0"), 5);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM locations WHERE kind = 'warehouse'"), 2);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM locations WHERE kind = 'bin'"), 7);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM locations WHERE kind = 'vehicle'"), 3);
  EXPECT_GT(Count(core, "SELECT count(*) FROM stock_movements"), 400);
  // People: six technicians and a manager linked to accounts, two teams, skills, absences.
  EXPECT_EQ(Count(core, "SELECT count(*) FROM employees WHERE user_id IS NOT NULL"), 7);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM teams"), 2);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM team_members WHERE deleted = 0"), 6);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM absences"), 3);
  EXPECT_GE(Count(core, "SELECT count(*) FROM employee_skills"), 12);
  // Clients, projects with cost lines, assets with meters, preventive plans and their work.
  EXPECT_EQ(Count(core, "SELECT count(*) FROM clients"), 4);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM projects"), 3);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM project_cost_lines"), 3);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM meters"), 2);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM pm_plans"), 4);
  EXPECT_GE(Count(core, "SELECT count(*) FROM tasks WHERE type = 'preventive'"), 2);
  // Work orders in every status, with hours and parts; a count in progress.
  EXPECT_EQ(Count(core, "SELECT count(DISTINCT status) FROM tasks"), 7);
  EXPECT_GT(Count(core, "SELECT count(*) FROM time_entries"), 5);
  EXPECT_GT(Count(core, "SELECT count(*) FROM stock_movements WHERE task_id IS NOT NULL"), 3);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM count_sessions WHERE status = 'open'"), 1);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM count_lines WHERE session_id = "
                        "(SELECT id FROM count_sessions WHERE status = 'open')"), 3);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM count_sessions WHERE status = 'closed'"), 9);
  // Every row was confirmed by the server's push (a device pulls it), none left at version 0.
  EXPECT_EQ(Count(core, "SELECT count(*) FROM items WHERE version = 0"), 0);
  EXPECT_EQ(Count(core, "SELECT count(*) FROM tasks WHERE version = 0"), 0);
  opened->Close();

  // A demo technician signs in with the printed password and pulls their own data.
  auto app = App::Create(config_);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  HttpResponse login = Post(**app, "/api/login", {{"username", "lucas.moreau"}, {"password", password[1].str()}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = Json::parse(login.body)["token"].get<std::string>();
  HttpResponse pull = Post(**app, "/api/pull", {{"client_id", "6f1c0d3e-8a57-4e8b-9a53-6a7f1e2d3c4b"}, {"since", 0}}, token);
  ASSERT_EQ(pull.status, 200) << pull.body.substr(0, 300);
  EXPECT_NE(pull.body.find("Camionnette 1"), std::string::npos);
}

TEST_F(SeedDemoTest, RefusesADatabaseThatHoldsData) {
  ASSERT_EQ(SeedDemo(config_).code, 0);
  std::int64_t users = 0, movements = 0;
  {
    auto core = OpenServerDatabase(config_, true);
    ASSERT_TRUE(core.ok());
    users = Count(**core, "SELECT count(*) FROM users");
    movements = Count(**core, "SELECT count(*) FROM stock_movements");
  }
  Outcome again = SeedDemo(config_);
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("the database is not empty (table categories has rows)"), std::string::npos)
      << again.err;
  auto core = OpenServerDatabase(config_, true);
  ASSERT_TRUE(core.ok());
  EXPECT_EQ(Count(**core, "SELECT count(*) FROM users"), users);
  EXPECT_EQ(Count(**core, "SELECT count(*) FROM stock_movements"), movements);

  std::ostringstream out, err;
  EXPECT_EQ(SeedDemoCommand(config_, {"--force"}, out, err), 2);
  EXPECT_NE(err.str().find("unknown option --force"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace invento::server
