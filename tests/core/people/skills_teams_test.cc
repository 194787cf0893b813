#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class SkillsTeamsTest : public testing::MaintFixture {};

TEST_F(SkillsTeamsTest, SkillsAndLevels) {
  Employee(1, "Alice");
  Ok("skill.create", {{"id", Id(10)}, {"name", "Électricité"}});
  ExpectError("skill.create", {{"id", Id(11)}, {"name", " electricite "}}, Code::kConflict, "name");
  Ok("skill.create", {{"id", Id(11)}, {"name", "Hydraulique"}});
  ExpectError("skill.update", {{"id", Id(11)}, {"name", "ÉLECTRICITÉ"}}, Code::kConflict, "name");
  Json r = Ok("employee.set_skill",
              {{"id", Id(20)}, {"employee_id", Id(1)}, {"skill_id", Id(10)}, {"level", 3}});
  EXPECT_EQ(r["id"], Id(20));
  r = Ok("employee.set_skill",
         {{"id", Id(21)}, {"employee_id", Id(1)}, {"skill_id", Id(10)}, {"level", 5}});
  EXPECT_EQ(r["id"], Id(20));  // updated in place
  Json e = Query("employee.get", {{"id", Id(1)}});
  ASSERT_EQ(e["skills"].size(), 1u);
  EXPECT_EQ(e["skills"][0]["level"], 5);
  ExpectError("employee.set_skill",
              {{"id", Id(22)}, {"employee_id", Id(1)}, {"skill_id", Id(11)}, {"level", 6}},
              Code::kInvalidArgument, "level");
  ExpectError("employee.set_skill", {{"id", Id(22)}, {"employee_id", Id(1)}, {"skill_id", Id(11)}},
              Code::kInvalidArgument, "level");
  ExpectError("employee.set_skill",
              {{"id", Id(22)}, {"employee_id", Id(1)}, {"skill_id", Id(99)}, {"level", 1}},
              Code::kNotFound, "skill_id");
  r = Ok("employee.set_skill",
         {{"id", Id(23)}, {"employee_id", Id(1)}, {"skill_id", Id(10)}, {"level", nullptr}});
  EXPECT_EQ(r["removed"], true);
  EXPECT_TRUE(Query("employee.get", {{"id", Id(1)}})["skills"].empty());
  Json skills = Query("skill.list", Json::object());
  EXPECT_EQ(skills["items"].size(), 2u);
  ExpectError("skill.archive", {{"id", Id(10)}}, Code::kForbidden, "", Role::kTechnician);
}

TEST_F(SkillsTeamsTest, TeamsAndMembers) {
  std::string a = Employee(1, "Alice"), b = Employee(2, "Bruno");
  Ok("team.create", {{"id", Id(10)}, {"name", "Équipe Nord"}});
  ExpectError("team.create", {{"id", Id(11)}, {"name", "equipe nord"}}, Code::kConflict, "name");
  Json r = Ok("team.add_member", {{"id", Id(20)}, {"team_id", Id(10)}, {"employee_id", a}});
  EXPECT_EQ(r["already"], false);
  r = Ok("team.add_member", {{"id", Id(21)}, {"team_id", Id(10)}, {"employee_id", a}});
  EXPECT_EQ(r["already"], true);  // idempotent: same membership row
  EXPECT_EQ(r["id"], Id(20));
  Ok("team.add_member", {{"id", Id(22)}, {"team_id", Id(10)}, {"employee_id", b}});
  Json list = Query("team.list", Json::object());
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["members"].size(), 2u);
  Ok("team.remove_member", {{"team_id", Id(10)}, {"employee_id", a}});
  ExpectError("team.remove_member", {{"team_id", Id(10)}, {"employee_id", a}}, Code::kNotFound,
              "employee_id");
  ExpectError("team.add_member", {{"id", Id(23)}, {"team_id", Id(99)}, {"employee_id", a}},
              Code::kNotFound, "team_id");
  Ok("employee.archive", {{"id", a}});
  ExpectError("team.add_member", {{"id", Id(23)}, {"team_id", Id(10)}, {"employee_id", a}},
              Code::kFailedPrecondition, "");
  Ok("team.archive", {{"id", Id(10)}});
  ExpectError("team.add_member", {{"id", Id(23)}, {"team_id", Id(10)}, {"employee_id", b}},
              Code::kFailedPrecondition, "");
  ExpectError("team.create", {{"id", Id(12)}, {"name", "Sud"}}, Code::kForbidden, "",
              Role::kTechnician);
}

}  // namespace
}  // namespace invento
