#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class ProjectsTest : public testing::MaintFixture {};

TEST_F(ProjectsTest, Clients) {
  Ok("client.create",
     {{"id", Id(1)},
      {"name", "Société Générale des Eaux"},
      {"contacts",
       {{{"name", "M. Durand"}, {"role", "Directeur technique"}, {"phone", "0102030405"}}}},
      {"addresses", {{{"label", "Siège"}, {"text", "1 rue de la Paix\n75002 Paris"}}}},
      {"notes", "Paiement à 45 jours"}});
  ExpectError("client.create", {{"id", Id(2)}, {"name", "société générale des eaux"}},
              Code::kConflict, "name");
  ExpectError("client.create",
              {{"id", Id(2)}, {"name", "X"}, {"contacts", {{{"role", "sans nom"}}}}},
              Code::kInvalidArgument, "contacts");
  ExpectError("client.create",
              {{"id", Id(2)}, {"name", "X"}, {"contacts", {{{"name", "A"}, {"age", "3"}}}}},
              Code::kInvalidArgument, "contacts");
  ExpectError("client.create", {{"id", Id(2)}, {"name", "X"}, {"addresses", "Paris"}},
              Code::kInvalidArgument, "addresses");
  ExpectError("client.create", {{"id", Id(2)}, {"name", "X"}}, Code::kForbidden, "",
              Role::kTechnician);
  Ok("client.update", {{"id", Id(1)}, {"contacts", Json::array()}});
  Ok("project.create",
     {{"id", Id(3)}, {"code", "SGE-01"}, {"name", "Station"}, {"client_id", Id(1)}});
  Json c = Query("client.get", {{"id", Id(1)}});
  EXPECT_TRUE(c["contacts"].empty());
  EXPECT_EQ(c["addresses"][0]["label"], "Siège");
  EXPECT_EQ(c["projects"].size(), 1u);
  ExpectError("client.archive", {{"id", Id(1)}}, Code::kForbidden, "", Role::kTechnician);
  Ok("client.archive", {{"id", Id(1)}});
  EXPECT_TRUE(Query("client.list", Json::object())["items"].empty());
}

TEST_F(ProjectsTest, ProjectsHaveUniqueCodesAndAStatus) {
  Ok("client.create", {{"id", Id(1)}, {"name", "ACME"}});
  Ok("project.create", {{"id", Id(2)},
                        {"code", "PRJ-2027-001"},
                        {"name", "Rénovation"},
                        {"client_id", Id(1)},
                        {"start_date", "2027-01-01"},
                        {"end_date", "2027-06-30"},
                        {"budget_cents", 1500000}});
  Json base{{"id", Id(3)}, {"code", "PRJ-2"}, {"name", "Autre"}};
  auto with = [&](Json change) {
    Json x = base;
    x.update(change);
    return x;
  };
  ExpectError("project.create", with({{"code", " prj-2027-001 "}}), Code::kConflict, "code");
  ExpectError("project.create", with({{"start_date", "2027-02-01"}, {"end_date", "2027-01-31"}}),
              Code::kInvalidArgument, "end_date");
  ExpectError("project.create", with({{"budget_cents", -1}}), Code::kInvalidArgument,
              "budget_cents");
  ExpectError("project.create", with({{"budget_cents", "100"}}), Code::kInvalidArgument,
              "budget_cents");
  ExpectError("project.create", with({{"client_id", Id(99)}}), Code::kNotFound, "client_id");
  ExpectError("project.create", with({{"status", "finished"}}), Code::kInvalidArgument, "status");
  ExpectError("project.update", {{"id", Id(2)}, {"end_date", "2026-12-31"}}, Code::kInvalidArgument,
              "end_date");
  Ok("project.create", base);
  ExpectError("project.update", {{"id", Id(3)}, {"code", "PRJ-2027-001"}}, Code::kConflict, "code");
  Ok("project.set_status", {{"id", Id(2)}, {"status", "active"}});
  ExpectError("project.set_status", {{"id", Id(2)}, {"status", "active"}},
              Code::kFailedPrecondition, "");
  ExpectError("project.set_status", {{"id", Id(2)}, {"status", "done"}}, Code::kForbidden, "",
              Role::kTechnician);
  EXPECT_EQ(Query("project.list", {{"status", "active"}})["items"].size(), 1u);
  EXPECT_EQ(Query("project.list", {{"client_id", Id(1)}})["items"][0]["client"], "ACME");
  Task(10, {{"project_id", Id(2)}});
  ExpectError("project.delete", {{"id", Id(2)}}, Code::kFailedPrecondition, "");
  ExpectError("project.delete", {{"id", Id(3)}}, Code::kForbidden, "", Role::kManager);
  Ok("project.delete", {{"id", Id(3)}});
  Ok("project.create", with({{"id", Id(4)}}));  // a deleted project's code is free again
}

TEST_F(ProjectsTest, StatusWorkflow) {
  Ok("project.create", {{"id", Id(2)}, {"code", "P"}, {"name", "P"}});
  // draft cannot jump to done or on_hold.
  ExpectError("project.set_status", {{"id", Id(2)}, {"status", "done"}}, Code::kFailedPrecondition,
              "");
  ExpectError("project.set_status", {{"id", Id(2)}, {"status", "on_hold"}},
              Code::kFailedPrecondition, "");
  auto to = [&](const std::string& id) { return Query("project.transitions", {{"id", id}})["to"]; };
  EXPECT_EQ(to(Id(2)), Json::array({"active", "cancelled"}));
  Ok("project.set_status", {{"id", Id(2)}, {"status", "active"}});
  EXPECT_EQ(to(Id(2)), Json::array({"on_hold", "done", "cancelled"}));
  Ok("project.set_status", {{"id", Id(2)}, {"status", "on_hold"}}, Role::kManager);
  EXPECT_EQ(to(Id(2)), Json::array({"active", "cancelled"}));
  Ok("project.set_status", {{"id", Id(2)}, {"status", "active"}});
  // An open task keeps the project from being done.
  Task(10, {{"project_id", Id(2)}});
  ExpectError("project.set_status", {{"id", Id(2)}, {"status", "done"}}, Code::kFailedPrecondition,
              "");
  Walk(Id(10), {"cancelled"}, 20);
  Ok("project.set_status", {{"id", Id(2)}, {"status", "done"}});
  Ok("project.set_status", {{"id", Id(2)}, {"status", "active"}});  // reopened
  Ok("project.set_status", {{"id", Id(2)}, {"status", "cancelled"}});
  // cancelled is terminal.
  EXPECT_EQ(to(Id(2)), Json::array());
  EXPECT_EQ(core_->Query("project.transitions", {{"id", Id(99)}}, {"u", Role::kAdmin}).status().code(), Code::kNotFound);
  for (const char* to : {"draft", "active", "on_hold", "done"}) {
    ExpectError("project.set_status", {{"id", Id(2)}, {"status", to}}, Code::kFailedPrecondition,
                "");
  }
  // A project with cost lines is cancelled, not deleted.
  Ok("project.create", {{"id", Id(3)}, {"code", "Q"}, {"name", "Q"}});
  Ok("project.add_cost", {{"id", Id(30)},
                          {"project_id", Id(3)},
                          {"label", "Location nacelle"},
                          {"amount_cents", 45000},
                          {"incurred_on", "2027-01-10"}});
  ExpectError("project.delete", {{"id", Id(3)}}, Code::kFailedPrecondition, "");
}

TEST_F(ProjectsTest, CostLines) {
  Ok("project.create", {{"id", Id(2)}, {"code", "P"}, {"name", "P"}});
  Ok("project.add_cost", {{"id", Id(3)},
                          {"project_id", Id(2)},
                          {"label", "Location nacelle"},
                          {"amount_cents", 35000},
                          {"incurred_on", "2027-03-01"}});
  ExpectError("project.add_cost",
              {{"id", Id(4)}, {"project_id", Id(2)}, {"label", "X"}, {"amount_cents", 1}},
              Code::kInvalidArgument, "incurred_on");
  ExpectError("project.add_cost",
              {{"id", Id(4)},
               {"project_id", Id(9)},
               {"label", "X"},
               {"amount_cents", 1},
               {"incurred_on", "2027-03-01"}},
              Code::kNotFound, "project_id");
  ExpectError("project.add_cost",
              {{"id", Id(4)},
               {"project_id", Id(2)},
               {"label", "X"},
               {"amount_cents", 1.5},
               {"incurred_on", "2027-03-01"}},
              Code::kInvalidArgument, "amount_cents");
  Ok("project.update_cost", {{"id", Id(3)}, {"amount_cents", 36000}});
  EXPECT_EQ(Query("project.cost", {{"id", Id(2)}})["other_cents"], 36000);
  ExpectError("project.remove_cost", {{"id", Id(3)}}, Code::kForbidden, "", Role::kManager);
  Ok("project.remove_cost", {{"id", Id(3)}});
  EXPECT_EQ(Query("project.cost", {{"id", Id(2)}})["other_cents"], 0);
}

}  // namespace
}  // namespace invento
