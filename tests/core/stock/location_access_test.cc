// Technicians transfer stock only between locations they work with (assigned directly, via a
// team, or through an ancestor location); stock.issue with a task follows the task's rules.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class LocationAccessTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    tech_ = Employee(1, "Tech", "tech-user");
    other_ = Employee(2, "Other", "other-user");
    depot_ = Warehouse(3, "Dépôt");
    Ok("location.create", {{"id", Id(4)}, {"kind", "zone"}, {"name", "Allée A"}, {"parent_id", depot_}});
    zone_ = Id(4);
    Ok("location.create", {{"id", Id(5)}, {"kind", "vehicle"}, {"name", "Camion 1"}});
    van_ = Id(5);
    Ok("location.create", {{"id", Id(6)}, {"kind", "vehicle"}, {"name", "Camion 2"}});
    van2_ = Id(6);
    item_ = Item(7, "FILTRE", {{"unit_price_cents", 1250}});
    Ok("stock.receipt", {{"id", Id(8)}, {"item_id", item_}, {"location_id", zone_}, {"qty", 10}});
  }
  Json Transfer(int n, const std::string& from, const std::string& to) {
    return Json{{"id", Id(n)}, {"item_id", item_}, {"from_location_id", from},
                {"to_location_id", to}, {"qty", 1}};
  }
  static Json With(Json args, const Json& changes) {
    args.update(changes);
    return args;
  }
  std::string tech_, other_, depot_, zone_, van_, van2_, item_;
};

TEST_F(LocationAccessTest, TechnicianTransfersOnlyBetweenTheirLocations) {
  // Nothing assigned yet: refused, naming the location, nothing written.
  ExpectErrorAs("stock.transfer", Transfer(100, zone_, van_), Code::kForbidden,
                "from_location_id", Role::kTechnician, "tech-user");
  // The warehouse covers its zone; the van is assigned directly.
  Ok("location.assign", {{"id", Id(20)}, {"location_id", depot_}, {"employee_id", tech_}});
  ExpectErrorAs("stock.transfer", Transfer(100, zone_, van_), Code::kForbidden, "to_location_id",
                Role::kTechnician, "tech-user");
  Ok("location.assign", {{"id", Id(21)}, {"location_id", van_}, {"employee_id", tech_}});
  OkAs("stock.transfer", Transfer(100, zone_, van_), Role::kTechnician, "tech-user");
  EXPECT_EQ(OnHand(item_, van_), "1");
  // Another technician, and a user with no employee, are still refused.
  ExpectErrorAs("stock.transfer", Transfer(101, zone_, van_), Code::kForbidden,
                "from_location_id", Role::kTechnician, "other-user");
  ExpectErrorAs("stock.transfer", Transfer(101, zone_, van_), Code::kForbidden, "",
                Role::kTechnician, "nobody");
  // Managers and admins transfer anywhere; consultants never.
  OkAs("stock.transfer", Transfer(102, zone_, van2_), Role::kManager, "manager-user");
  ExpectErrorAs("stock.transfer", Transfer(103, zone_, van2_), Code::kForbidden, "",
                Role::kConsultant, "viewer");
  // Unassigning takes the right away.
  Ok("location.unassign", {{"id", Id(21)}});
  ExpectErrorAs("stock.transfer", Transfer(104, van_, zone_), Code::kForbidden, "from_location_id",
                Role::kTechnician, "tech-user");
}

TEST_F(LocationAccessTest, ATeamAssignmentCoversItsMembers) {
  Team(30, "Équipe Nord", {other_});
  Ok("location.assign", {{"id", Id(40)}, {"location_id", depot_}, {"team_id", Id(30)}});
  Ok("location.assign", {{"id", Id(41)}, {"location_id", van2_}, {"team_id", Id(30)}});
  OkAs("stock.transfer", Transfer(100, zone_, van2_), Role::kTechnician, "other-user");
  ExpectErrorAs("stock.transfer", Transfer(101, zone_, van2_), Code::kForbidden,
                "from_location_id", Role::kTechnician, "tech-user");
  Json mine = Query("location.mine", Json::object(), Role::kTechnician);
  EXPECT_EQ(mine["employee_id"], nullptr);  // user-1 has no employee
  auto mine_other = core_->Query("location.mine", Json::object(), {"other-user", Role::kTechnician});
  ASSERT_TRUE(mine_other.ok());
  // Dépôt, its zone, and the van: descendants of an assigned location are included.
  EXPECT_EQ(mine_other.value()["items"], (Json{zone_, van2_, depot_}))
      << mine_other.value().dump();
  Json list = Query("location.assignees", {{"location_id", depot_}});
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["name"], "Équipe Nord");
}

TEST_F(LocationAccessTest, AssignValidatesItsArguments) {
  ExpectError("location.assign", {{"id", Id(20)}, {"location_id", depot_}}, Code::kInvalidArgument,
              "employee_id");
  ExpectError("location.assign",
              {{"id", Id(20)}, {"location_id", depot_}, {"employee_id", tech_}, {"team_id", Id(30)}},
              Code::kInvalidArgument, "employee_id");
  ExpectError("location.assign", {{"id", Id(20)}, {"location_id", Id(999)}, {"employee_id", tech_}},
              Code::kNotFound, "location_id");
  ExpectError("location.assign", {{"id", Id(20)}, {"location_id", depot_}, {"employee_id", Id(999)}},
              Code::kNotFound, "employee_id");
  Ok("location.assign", {{"id", Id(20)}, {"location_id", depot_}, {"employee_id", tech_}});
  ExpectError("location.assign", {{"id", Id(21)}, {"location_id", depot_}, {"employee_id", tech_}},
              Code::kConflict, "employee_id");
  ExpectError("location.assign", {{"id", Id(20)}, {"location_id", van_}, {"employee_id", tech_}},
              Code::kConflict, "id");
  ExpectError("location.assign", {{"id", Id(22)}, {"location_id", van_}, {"employee_id", tech_}},
              Code::kForbidden, "", Role::kTechnician);
  ExpectError("location.unassign", {{"id", Id(23)}}, Code::kNotFound, "id");
}

TEST_F(LocationAccessTest, StockIssueWithATaskFollowsTheTaskRules) {
  std::string task = Task(100, {{"status", "planned"}});
  Assign(101, task, tech_);
  Walk(task, {"in_progress"}, 900);
  Json args{{"id", Id(200)}, {"item_id", item_}, {"location_id", zone_}, {"qty", 2},
            {"task_id", task}};
  // Not assigned to other-user: the same refusal as task.consume.
  ExpectErrorAs("stock.issue", args, Code::kForbidden, "", Role::kTechnician, "other-user");
  ExpectErrorAs("stock.issue", With(args, {{"task_id", Id(999)}}), Code::kNotFound,
                "task_id", Role::kTechnician, "tech-user");
  OkAs("stock.issue", args, Role::kTechnician, "tech-user");
  EXPECT_EQ(OnHand(item_, zone_), "8");
  EXPECT_EQ(Query("task.materials", {{"task_id", task}})["consumed_value_cents"], 2500);
  // Without a task, any technician may still issue parts.
  OkAs("stock.issue", {{"id", Id(201)}, {"item_id", item_}, {"location_id", zone_}, {"qty", 1}},
       Role::kTechnician, "other-user");
  // A closed task takes no more parts.
  Walk(task, {"done", "closed"}, 950);
  ExpectErrorAs("stock.issue", With(args, {{"id", Id(202)}}), Code::kFailedPrecondition, "",
                Role::kTechnician, "tech-user");
}

}  // namespace
}  // namespace invento
