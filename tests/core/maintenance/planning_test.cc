#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class PlanningTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    alice_ = Employee(1, "Alice");
    bruno_ = Employee(2, "Bruno");
    Team(3, "Nord", {alice_});
    Ok("asset.create", {{"id", Id(4)}, {"kind", "site"}, {"name", "Usine"}});
    Ok("asset.create",
       {{"id", Id(5)}, {"kind", "machine"}, {"name", "Presse"}, {"parent_id", Id(4)}});
    Ok("location.create", {{"id", Id(6)}, {"kind", "site"}, {"name", "Chantier"}});
    Ok("project.create", {{"id", Id(7)},
                          {"code", "P"},
                          {"name", "P"},
                          {"start_date", "2027-02-15"},
                          {"end_date", "2027-03-31"},
                          {"status", "active"}});
    Ok("project.create",
       {{"id", Id(8)}, {"code", "Q"}, {"name", "Q"}, {"start_date", "2027-05-01"}});
    Task(10, {{"status", "planned"},
              {"planned_start", At("2027-03-02", 8)},
              {"planned_end", At("2027-03-02", 12)},
              {"asset_id", Id(5)},
              {"project_id", Id(7)}});
    Assign(20, Id(10), alice_);
    Task(11, {{"status", "planned"},
              {"planned_start", At("2027-03-02", 10)},
              {"planned_end", At("2027-03-02", 14)},
              {"location_id", Id(6)}});
    Ok("task.assign", {{"id", Id(21)}, {"task_id", Id(11)}, {"team_id", Id(3)}});
    Task(12, {{"status", "planned"}, {"due_date", "2027-03-05"}});
    Assign(22, Id(12), bruno_);
    Task(13, {{"status", "planned"}, {"planned_start", At("2027-04-01", 8)}});  // outside the range
    Assign(23, Id(13), alice_);
    Task(14, {{"planned_start", At("2027-03-03", 8)}});
    Walk(Id(14), {"cancelled"}, 100);  // cancelled: not shown
    Ok("absence.create", {{"id", Id(30)},
                          {"employee_id", bruno_},
                          {"kind", "sick"},
                          {"start_date", "2027-03-05"},
                          {"end_date", "2027-03-05"}});
  }
  std::vector<std::string> TaskIds(const Json& plan) {
    std::vector<std::string> out;
    for (const auto& t : plan["tasks"]) out.push_back(t["id"].get<std::string>());
    return out;
  }
  Json Range(Json filters) {
    filters["from"] = "2027-03-01";
    filters["to"] = "2027-03-07";
    return Query("planning.range", filters);
  }
  std::string alice_, bruno_;
};

TEST_F(PlanningTest, EverythingInTheRangeWithConflicts) {
  Json p = Range(Json::object());
  EXPECT_EQ(TaskIds(p), (std::vector<std::string>{Id(10), Id(11), Id(12)}));
  EXPECT_EQ(p["tasks"][1]["employees"], Json::array({alice_}));
  EXPECT_EQ(p["tasks"][1]["teams"], Json::array({Id(3)}));
  EXPECT_EQ(p["tasks"][2]["first_day"], "2027-03-05");
  ASSERT_EQ(p["projects"].size(), 1u);
  EXPECT_EQ(p["projects"][0]["code"], "P");
  EXPECT_EQ(p["absences"].size(), 1u);
  ASSERT_EQ(p["conflicts"].size(), 2u);
  EXPECT_EQ(p["conflicts"][0]["kind"], "overlap");
  EXPECT_EQ(p["conflicts"][0]["employee_id"], alice_);
  EXPECT_EQ(p["conflicts"][0]["task_ids"], Json::array({Id(10), Id(11)}));
  EXPECT_EQ(p["conflicts"][1]["kind"], "absent");
  EXPECT_EQ(p["conflicts"][1]["task_id"], Id(12));
}

TEST_F(PlanningTest, ByEmployeeTeamAssetAndSite) {
  Json alice = Range({{"employee_id", alice_}});
  EXPECT_EQ(TaskIds(alice), (std::vector<std::string>{Id(10), Id(11)}));
  EXPECT_TRUE(alice["absences"].empty());
  EXPECT_EQ(alice["projects"].size(), 1u);
  EXPECT_EQ(alice["conflicts"].size(), 1u);
  Json bruno = Range({{"employee_id", bruno_}});
  EXPECT_EQ(TaskIds(bruno), (std::vector<std::string>{Id(12)}));
  EXPECT_EQ(bruno["absences"].size(), 1u);
  EXPECT_TRUE(bruno["projects"].empty());
  EXPECT_EQ(TaskIds(Range({{"team_id", Id(3)}})), (std::vector<std::string>{Id(10), Id(11)}));
  EXPECT_EQ(TaskIds(Range({{"asset_id", Id(4)}})),
            (std::vector<std::string>{Id(10)}));  // the machine below
  EXPECT_EQ(TaskIds(Range({{"site_id", Id(6)}})), (std::vector<std::string>{Id(11)}));
  Json april = Query("planning.range",
                     {{"from", "2027-04-01"}, {"to", "2027-04-01"}, {"employee_id", alice_}});
  EXPECT_EQ(TaskIds(april), (std::vector<std::string>{Id(13)}));
  auto err = [&](Json args, const char* field) {
    auto r = core_->Query("planning.range", args, {"u", Role::kConsultant});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().field(), field);
  };
  err({{"from", "2027-03-07"}, {"to", "2027-03-01"}}, "to");
  err({{"from", "2027-01-01"}, {"to", "2028-06-01"}}, "to");
  err({{"from", "2027-01-01"}}, "to");
  err({{"from", "2027-01-01"}, {"to", "2027-01-02"}, {"site", Id(6)}}, "site");
}

}  // namespace
}  // namespace invento
