// Technicians (roles without "cap.location.any") receive, issue, transfer and count stock
// only at locations they work with (assigned directly, via a team, or through an ancestor
// location); stock.issue with a task also follows the task's rules.
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
  Ok("location.assign", {{"id", Id(20)}, {"location_id", depot_}, {"employee_id", tech_}});
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
  // Without a task, a technician who works with the location may still issue parts.
  OkAs("stock.issue", {{"id", Id(201)}, {"item_id", item_}, {"location_id", zone_}, {"qty", 1}},
       Role::kTechnician, "tech-user");
  // On their own task, still not from a location they do not work with.
  ExpectErrorAs("stock.issue", With(args, {{"id", Id(203)}, {"location_id", van_}}),
                Code::kForbidden, "location_id", Role::kTechnician, "tech-user");
  ExpectErrorAs("task.consume", With(args, {{"id", Id(203)}, {"location_id", van_}}),
                Code::kForbidden, "location_id", Role::kTechnician, "tech-user");
  // A closed task takes no more parts.
  Walk(task, {"done", "closed"}, 950);
  ExpectErrorAs("stock.issue", With(args, {{"id", Id(202)}}), Code::kFailedPrecondition, "",
                Role::kTechnician, "tech-user");
}

TEST_F(LocationAccessTest, TechnicianIssuesAndReceivesOnlyAtTheirLocations) {
  Json issue{{"id", Id(100)}, {"item_id", item_}, {"location_id", zone_}, {"qty", 1}};
  Json receipt{{"id", Id(101)}, {"item_id", item_}, {"location_id", van_}, {"qty", 2}};
  // Not assigned: refused, the field naming the location, nothing written.
  ExpectErrorAs("stock.issue", issue, Code::kForbidden, "location_id", Role::kTechnician,
                "tech-user");
  ExpectErrorAs("stock.receipt", receipt, Code::kForbidden, "location_id", Role::kTechnician,
                "tech-user");
  auto refused = RunAs("stock.issue", issue, Role::kTechnician, "tech-user");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "you do not work with this location: ask a manager to assign you to it");
  refused = RunAs("stock.receipt", receipt, Role::kTechnician, "tech-user");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "you do not work with this location: ask a manager to assign you to it");
  // A user with no employee works with no location.
  refused = RunAs("stock.issue", issue, Role::kTechnician, "nobody");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kForbidden);
  EXPECT_NE(refused.status().message().find("not linked to an employee"), std::string::npos);
  // Assigned directly to the van, and to the warehouse (which covers its zone): accepted.
  Ok("location.assign", {{"id", Id(20)}, {"location_id", van_}, {"employee_id", tech_}});
  OkAs("stock.receipt", receipt, Role::kTechnician, "tech-user");
  EXPECT_EQ(OnHand(item_, van_), "2");
  ExpectErrorAs("stock.issue", issue, Code::kForbidden, "location_id", Role::kTechnician,
                "tech-user");
  Ok("location.assign", {{"id", Id(21)}, {"location_id", depot_}, {"employee_id", tech_}});
  OkAs("stock.issue", issue, Role::kTechnician, "tech-user");
  EXPECT_EQ(OnHand(item_, zone_), "9");
  // Through a team: other-user's team works with the second van only.
  Team(30, "Équipe Sud", {other_});
  Ok("location.assign", {{"id", Id(40)}, {"location_id", van2_}, {"team_id", Id(30)}});
  OkAs("stock.receipt", With(receipt, {{"id", Id(102)}, {"location_id", van2_}}),
       Role::kTechnician, "other-user");
  OkAs("stock.issue", With(issue, {{"id", Id(103)}, {"location_id", van2_}}), Role::kTechnician,
       "other-user");
  ExpectErrorAs("stock.issue", With(issue, {{"id", Id(104)}}), Code::kForbidden, "location_id",
                Role::kTechnician, "other-user");
  EXPECT_EQ(OnHand(item_, van2_), "1");
  // Managers and admins anywhere, assigned or not; consultants never move stock.
  OkAs("stock.issue", With(issue, {{"id", Id(105)}, {"location_id", van2_}}), Role::kManager,
       "manager-user");
  OkAs("stock.receipt", With(receipt, {{"id", Id(106)}, {"location_id", zone_}}), Role::kAdmin,
       "admin-user");
  ExpectErrorAs("stock.issue", With(issue, {{"id", Id(107)}}), Code::kForbidden, "",
                Role::kConsultant, "viewer");
  // Unknown location: not_found comes first, as for everyone.
  ExpectErrorAs("stock.issue", With(issue, {{"id", Id(108)}, {"location_id", Id(999)}}),
                Code::kNotFound, "location_id", Role::kTechnician, "tech-user");
}

TEST_F(LocationAccessTest, TechnicianCountsOnlyAtTheirLocations) {
  // Managers open counts anywhere (technicians may not open one: the table).
  Ok("count.open", {{"id", Id(50)}, {"location_id", zone_}});
  OkAs("count.open", {{"id", Id(51)}, {"location_id", van2_}}, Role::kManager, "manager-user");
  Json line{{"id", Id(60)}, {"session_id", Id(50)}, {"item_id", item_}, {"qty", 3}};
  ExpectErrorAs("count.record", line, Code::kForbidden, "session_id", Role::kTechnician,
                "tech-user");
  auto refused = RunAs("count.record", line, Role::kTechnician, "tech-user");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "you do not work with this location: ask a manager to assign you to it");
  // Recorded by a manager: the technician may not undo it either.
  OkAs("count.record", line, Role::kManager, "manager-user");
  ExpectErrorAs("count.undo_last", {{"session_id", Id(50)}}, Code::kForbidden, "session_id",
                Role::kTechnician, "tech-user");
  // Once the technician works with the warehouse, they count its zone and undo their line.
  Ok("location.assign", {{"id", Id(20)}, {"location_id", depot_}, {"employee_id", tech_}});
  OkAs("count.record", With(line, {{"id", Id(61)}}), Role::kTechnician, "tech-user");
  OkAs("count.undo_last", {{"session_id", Id(50)}}, Role::kTechnician, "tech-user");
  // Through a team, and not elsewhere.
  Team(30, "Équipe Sud", {other_});
  Ok("location.assign", {{"id", Id(40)}, {"location_id", van2_}, {"team_id", Id(30)}});
  OkAs("count.record", With(line, {{"id", Id(62)}, {"session_id", Id(51)}}), Role::kTechnician,
       "other-user");
  ExpectErrorAs("count.record", With(line, {{"id", Id(63)}}), Code::kForbidden, "session_id",
                Role::kTechnician, "other-user");
  Ok("count.close", {{"session_id", Id(50)}});
}

}  // namespace
}  // namespace invento
