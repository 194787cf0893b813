// Assignments: warnings (absent, overlapping booking, not working), not refusals; idempotence;
// required skills and the ranked assignee suggestion.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class TaskAssigneesTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    alice_ = Employee(1, "Alice");
    bruno_ = Employee(2, "Bruno");
    chloe_ = Employee(3, "Chloé");
    Team(10, "Nord", {alice_, bruno_});
    // Tuesday 2027-03-02, 08:00-12:00.
    task_ = Task(100, {{"status", "planned"},
                       {"planned_start", At("2027-03-02", 8)},
                       {"planned_end", At("2027-03-02", 12)}});
  }
  std::vector<std::string> Codes(const Json& warnings) {
    std::vector<std::string> out;
    for (const auto& w : warnings)
      out.push_back(w["code"].get<std::string>() + ":" + w["employee"].get<std::string>());
    return out;
  }
  std::string alice_, bruno_, chloe_, task_;
};

TEST_F(TaskAssigneesTest, NoWarningWhenFree) {
  Json r = Ok("task.assign", {{"id", Id(200)}, {"task_id", task_}, {"employee_id", alice_}});
  EXPECT_EQ(r["already"], false);
  EXPECT_TRUE(r["warnings"].empty());
  r = Ok("task.assign", {{"id", Id(201)}, {"task_id", task_}, {"employee_id", alice_}});
  EXPECT_EQ(r["already"], true);
  EXPECT_EQ(r["id"], Id(200));
  EXPECT_EQ(Query("task.get", {{"id", task_}})["assignees"].size(), 1u);
}

TEST_F(TaskAssigneesTest, AbsentGivesAWarningNotARefusal) {
  Ok("absence.create", {{"id", Id(300)},
                        {"employee_id", alice_},
                        {"kind", "sick"},
                        {"start_date", "2027-03-01"},
                        {"end_date", "2027-03-02"}});
  Json r = Ok("task.assign", {{"id", Id(200)}, {"task_id", task_}, {"employee_id", alice_}});
  EXPECT_EQ(Codes(r["warnings"]), (std::vector<std::string>{"absent:Alice"}));
  EXPECT_EQ(r["warnings"][0]["kind"], "sick");
  EXPECT_EQ(Query("task.get", {{"id", task_}})["assignees"].size(), 1u);  // assigned anyway
}

TEST_F(TaskAssigneesTest, OverlappingBookingWarnsOnlyWhenWindowsMeet) {
  std::string other = Task(101, {{"status", "planned"},
                                 {"planned_start", At("2027-03-02", 11)},
                                 {"planned_end", At("2027-03-02", 15)}});
  std::string after = Task(102, {{"status", "planned"},
                                 {"planned_start", At("2027-03-02", 12)},
                                 {"planned_end", At("2027-03-02", 14)}});
  std::string draft =
      Task(103, {{"planned_start", At("2027-03-02", 9)}, {"planned_end", At("2027-03-02", 10)}});
  Assign(201, other, bruno_);
  Assign(202, after, chloe_);  // touches at 12:00 but does not overlap
  Assign(203, draft, chloe_);  // drafts book nobody
  Json r = Ok("task.assign", {{"id", Id(204)}, {"task_id", task_}, {"team_id", Id(10)}});
  EXPECT_EQ(Codes(r["warnings"]), (std::vector<std::string>{"overlap:Bruno"}));
  EXPECT_EQ(r["warnings"][0]["task_id"], other);
  r = Ok("task.assign", {{"id", Id(205)}, {"task_id", task_}, {"employee_id", chloe_}});
  EXPECT_TRUE(r["warnings"].empty());
  // A done task no longer books anyone.
  Walk(other, {"in_progress", "done"}, 400);
  r = Ok("task.assign", {{"id", Id(206)}, {"task_id", task_}, {"employee_id", bruno_}});
  EXPECT_TRUE(r["warnings"].empty());
}

TEST_F(TaskAssigneesTest, NotWorkingThatDay) {
  Ok("employee.set_working_hours",
     {{"employee_id", chloe_},
      {"hours", {{{"weekday", 1}, {"start", "08:00"}, {"end", "17:00"}}}}});
  Json r = Ok("task.assign", {{"id", Id(200)}, {"task_id", task_}, {"employee_id", chloe_}});
  EXPECT_EQ(Codes(r["warnings"]), (std::vector<std::string>{"not_working:Chloé"}));
  EXPECT_EQ(r["warnings"][0]["date"], "2027-03-02");
}

TEST_F(TaskAssigneesTest, UnassignAndErrors) {
  Assign(200, task_, alice_);
  ExpectError("task.assign", {{"id", Id(201)}, {"task_id", task_}}, Code::kInvalidArgument,
              "employee_id");
  ExpectError("task.assign",
              {{"id", Id(201)}, {"task_id", task_}, {"employee_id", alice_}, {"team_id", Id(10)}},
              Code::kInvalidArgument, "employee_id");
  ExpectError("task.assign", {{"id", Id(201)}, {"task_id", Id(999)}, {"employee_id", alice_}},
              Code::kNotFound, "task_id");
  ExpectError("task.assign", {{"id", Id(201)}, {"task_id", task_}, {"team_id", Id(999)}},
              Code::kNotFound, "team_id");
  ExpectError("task.assign", {{"id", Id(201)}, {"task_id", task_}, {"employee_id", bruno_}},
              Code::kForbidden, "", Role::kTechnician);
  ExpectError("task.unassign", {{"task_id", task_}, {"employee_id", bruno_}}, Code::kNotFound,
              "employee_id");
  Json r = Ok("task.unassign", {{"task_id", task_}, {"employee_id", alice_}});
  EXPECT_EQ(r["removed"], 1);
  Ok("employee.archive", {{"id", chloe_}});
  ExpectError("task.assign", {{"id", Id(202)}, {"task_id", task_}, {"employee_id", chloe_}},
              Code::kFailedPrecondition, "");
  Walk(task_, {"cancelled"}, 400);
  ExpectError("task.assign", {{"id", Id(202)}, {"task_id", task_}, {"employee_id", bruno_}},
              Code::kFailedPrecondition, "");
}

TEST_F(TaskAssigneesTest, SuggestionsRankBySkillsThenAvailabilityThenLoad) {
  Ok("skill.create", {{"id", Id(50)}, {"name", "Électricité"}});
  Ok("skill.create", {{"id", Id(51)}, {"name", "Soudure"}});
  Ok("task.set_required_skill",
     {{"id", Id(60)}, {"task_id", task_}, {"skill_id", Id(50)}, {"min_level", 3}});
  Ok("task.set_required_skill",
     {{"id", Id(61)}, {"task_id", task_}, {"skill_id", Id(51)}, {"min_level", 1}});
  std::string dan = Employee(4, "Dan");
  auto skill = [&](int n, const std::string& e, int s, int level) {
    Ok("employee.set_skill",
       {{"id", Id(n)}, {"employee_id", e}, {"skill_id", Id(s)}, {"level", level}});
  };
  skill(70, alice_, 50, 4), skill(71, alice_, 51, 1);  // all skills
  skill(72, bruno_, 50, 5), skill(73, bruno_, 51, 2);  // all skills, more expertise, but absent
  skill(74, chloe_, 50, 2), skill(75, chloe_, 51, 5);  // electricity too low
  skill(76, dan, 50, 4), skill(77, dan, 51, 1);        // same as Alice but busier
  Ok("absence.create", {{"id", Id(80)},
                        {"employee_id", bruno_},
                        {"kind", "vacation"},
                        {"start_date", "2027-03-02"},
                        {"end_date", "2027-03-02"}});
  Assign(81, Task(82, {{"status", "planned"}}),
         dan);  // an open task without dates: load, no conflict
  Json r = Query("task.suggest_assignees", {{"task_id", task_}});
  std::vector<std::string> order;
  for (const auto& c : r["items"]) order.push_back(c["name"].get<std::string>());
  EXPECT_EQ(order, (std::vector<std::string>{"Alice", "Dan", "Bruno", "Chloé"}));
  EXPECT_EQ(r["items"][2]["available"], false);
  EXPECT_EQ(r["items"][3]["missing"].size(), 1u);
  EXPECT_EQ(r["items"][3]["missing"][0]["level"], 2);
  EXPECT_EQ(r["items"][1]["open_tasks"], 1);
  EXPECT_EQ(Query("task.suggest_assignees", {{"task_id", task_}, {"limit", 1}})["items"].size(),
            1u);
  // Required skill: upsert and removal.
  Json up = Ok("task.set_required_skill",
               {{"id", Id(62)}, {"task_id", task_}, {"skill_id", Id(50)}, {"min_level", 5}});
  EXPECT_EQ(up["id"], Id(60));
  Ok("task.set_required_skill",
     {{"id", Id(63)}, {"task_id", task_}, {"skill_id", Id(51)}, {"min_level", nullptr}});
  EXPECT_EQ(Query("task.get", {{"id", task_}})["required_skills"].size(), 1u);
  ExpectError("task.set_required_skill",
              {{"id", Id(64)}, {"task_id", task_}, {"skill_id", Id(50)}, {"min_level", 0}},
              Code::kInvalidArgument, "min_level");
}

}  // namespace
}  // namespace invento
