#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class TasksTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    Ok("project.create", {{"id", Id(1)}, {"code", "P-1"}, {"name", "Rénovation"}});
    Ok("asset.create", {{"id", Id(2)}, {"kind", "machine"}, {"name", "Compresseur"}});
    Warehouse(3);
  }
};

TEST_F(TasksTest, CreateWithEveryFieldAndRead) {
  Ok("task.create", {{"id", Id(10)},
                     {"title", "Changer le filtre"},
                     {"description", "Filtre à huile"},
                     {"type", "preventive"},
                     {"priority", "high"},
                     {"status", "planned"},
                     {"project_id", Id(1)},
                     {"asset_id", Id(2)},
                     {"location_id", Id(3)},
                     {"planned_start", At("2027-03-01", 8)},
                     {"planned_end", At("2027-03-01", 12)},
                     {"due_date", "2027-03-02"},
                     {"estimated_hours", "3.5"}});
  Json t = Query("task.get", {{"id", Id(10)}});
  EXPECT_EQ(t["status"], "planned");
  EXPECT_EQ(t["type"], "preventive");
  EXPECT_EQ(t["estimated_hours"], "3.5");
  EXPECT_EQ(t["estimated_hours_milli"], 3500);
  EXPECT_EQ(t["created_by"], "user-1");
  EXPECT_TRUE(t["assignees"].empty());
  EXPECT_TRUE(t["checklist"].empty());
  EXPECT_TRUE(t["materials"]["planned"].empty());
  EXPECT_EQ(Task(11), Id(11));
  EXPECT_EQ(Query("task.get", {{"id", Id(11)}})["status"], "draft");
  EXPECT_EQ(Query("task.get", {{"id", Id(11)}})["type"], "corrective");
}

TEST_F(TasksTest, CreateErrors) {
  Json base{{"id", Id(10)}, {"title", "X"}};
  auto with = [&](Json change) {
    Json x = base;
    x.update(change);
    return x;
  };
  ExpectError("task.create", with({{"title", ""}}), Code::kInvalidArgument, "title");
  ExpectError("task.create", with({{"type", "repair"}}), Code::kInvalidArgument, "type");
  ExpectError("task.create", with({{"status", "done"}}), Code::kInvalidArgument, "status");
  ExpectError("task.create", with({{"project_id", Id(99)}}), Code::kNotFound, "project_id");
  ExpectError("task.create", with({{"asset_id", Id(99)}}), Code::kNotFound, "asset_id");
  ExpectError("task.create", with({{"location_id", Id(99)}}), Code::kNotFound, "location_id");
  ExpectError("task.create", with({{"due_date", "2027-02-29"}}), Code::kInvalidArgument,
              "due_date");
  ExpectError("task.create", with({{"estimated_hours", "-1"}}), Code::kInvalidArgument,
              "estimated_hours");
  ExpectError("task.create", with({{"estimated_hours", 2.5}}), Code::kInvalidArgument,
              "estimated_hours");
  ExpectError("task.create", with({{"planned_end", At("2027-03-01")}}), Code::kInvalidArgument,
              "planned_start");
  ExpectError("task.create",
              with({{"planned_start", At("2027-03-01", 9)}, {"planned_end", At("2027-03-01", 8)}}),
              Code::kInvalidArgument, "planned_end");
  ExpectError("task.create", base, Code::kForbidden, "", Role::kTechnician);
  Ok("project.set_status", {{"id", Id(1)}, {"status", "cancelled"}});
  ExpectError("task.create", with({{"project_id", Id(1)}}), Code::kFailedPrecondition, "");
  Task(10);
  ExpectError("task.create", base, Code::kConflict, "id");
}

TEST_F(TasksTest, UpdateReturnsWarningsAndRefusesClosedTasks) {
  std::string alice = Employee(20, "Alice");
  Ok("absence.create", {{"id", Id(21)},
                        {"employee_id", alice},
                        {"kind", "vacation"},
                        {"start_date", "2027-03-10"},
                        {"end_date", "2027-03-12"}});
  std::string t = Task(10);
  Assign(30, t, alice);
  Json r = Ok("task.update", {{"id", t}, {"title", "Nouveau titre"}});
  EXPECT_TRUE(r["warnings"].empty());
  r = Ok(
      "task.update",
      {{"id", t}, {"planned_start", At("2027-03-11", 8)}, {"planned_end", At("2027-03-11", 10)}});
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0]["code"], "absent");
  EXPECT_EQ(r["warnings"][0]["absence_id"], Id(21));
  ExpectError("task.update", {{"id", t}, {"planned_end", At("2027-03-11", 7)}},
              Code::kInvalidArgument, "planned_end");
  ExpectError("task.update", {{"id", t}, {"status", "done"}}, Code::kInvalidArgument, "status");
  ExpectError("task.update", {{"id", Id(99)}, {"title", "x"}}, Code::kNotFound, "id");
  Ok("task.update", {{"id", t}, {"planned_start", nullptr}, {"planned_end", nullptr}});
  EXPECT_TRUE(Query("task.get", {{"id", t}})["planned_start"].is_null());
  Walk(t, {"cancelled"}, 40);
  ExpectError("task.update", {{"id", t}, {"title", "x"}}, Code::kFailedPrecondition, "");
}

TEST_F(TasksTest, DeleteOnlyWithoutBookings) {
  std::string a = Task(10), b = Task(11, {{"status", "planned"}});
  ExpectError("task.delete", {{"id", a}}, Code::kForbidden, "", Role::kManager);
  Ok("task.delete", {{"id", a}});
  ExpectError("task.delete", {{"id", a}}, Code::kNotFound, "id");
  Employee(20, "Alice");
  Ok("time.log", {{"id", Id(30)},
                  {"task_id", b},
                  {"employee_id", Id(20)},
                  {"work_date", "2027-03-01"},
                  {"hours", 1}});
  ExpectError("task.delete", {{"id", b}}, Code::kFailedPrecondition, "");
}

TEST_F(TasksTest, ListFilters) {
  std::string alice = Employee(20, "Alice", "u-alice");
  Team(21, "Nord", {alice});
  Task(10, {{"due_date", "2027-03-01"}, {"project_id", Id(1)}, {"status", "planned"}});
  Task(11, {{"due_date", "2027-02-01"},
            {"asset_id", Id(2)},
            {"type", "inspection"},
            {"status", "planned"}});
  Task(12, {{"priority", "urgent"}});
  Assign(30, Id(10), alice);
  Ok("task.assign", {{"id", Id(31)}, {"task_id", Id(11)}, {"team_id", Id(21)}});
  auto ids = [&](Json args, Role role = Role::kAdmin, const std::string& user = "user-1") {
    std::vector<std::string> out;
    Json reply = QueryAs("task.list", args, role, user);
    for (const auto& t : reply["items"]) out.push_back(t["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids(Json::object()),
            (std::vector<std::string>{Id(11), Id(10), Id(12)}));  // by due date, none last
  EXPECT_EQ(ids({{"project_id", Id(1)}}), (std::vector<std::string>{Id(10)}));
  EXPECT_EQ(ids({{"asset_id", Id(2)}}), (std::vector<std::string>{Id(11)}));
  EXPECT_EQ(ids({{"type", "inspection"}}), (std::vector<std::string>{Id(11)}));
  EXPECT_EQ(ids({{"priority", "urgent"}}), (std::vector<std::string>{Id(12)}));
  EXPECT_EQ(ids({{"employee_id", alice}}), (std::vector<std::string>{Id(11), Id(10)}));
  EXPECT_EQ(ids({{"team_id", Id(21)}}), (std::vector<std::string>{Id(11)}));
  EXPECT_EQ(ids({{"mine", true}}, Role::kTechnician, "u-alice"),
            (std::vector<std::string>{Id(11), Id(10)}));
  EXPECT_TRUE(ids({{"mine", true}}, Role::kTechnician, "nobody").empty());
  EXPECT_EQ(ids({{"overdue_as_of", "2027-02-15"}}), (std::vector<std::string>{Id(11)}));
  EXPECT_EQ(ids({{"status", "draft"}}), (std::vector<std::string>{Id(12)}));
  EXPECT_EQ(ids({{"limit", 1}, {"offset", 1}}), (std::vector<std::string>{Id(10)}));
  auto bad = core_->Query("task.list", {{"overdue_as_of", "yesterday"}}, {"u", Role::kAdmin});
  EXPECT_EQ(bad.status().field(), "overdue_as_of");

  // The desk list: date range, title search, sorting, totals and display names.
  EXPECT_EQ(ids({{"from", "2027-02-15"}, {"to", "2027-03-31"}}), (std::vector<std::string>{Id(10)}));
  EXPECT_EQ(ids({{"to", "2027-02-15"}}), (std::vector<std::string>{Id(11)}));
  EXPECT_EQ(ids({{"sort", "priority"}}), (std::vector<std::string>{Id(12), Id(11), Id(10)}));
  EXPECT_EQ(ids({{"sort", "due"}, {"dir", "desc"}}),
            (std::vector<std::string>{Id(10), Id(11), Id(12)}));
  Json page = Query("task.list", {{"limit", 1}, {"with_total", true}});
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["items"].size(), 1u);
  Json first = Query("task.list", {{"employee_id", alice}})["items"][0];
  EXPECT_EQ(first["assignees"], "Nord");  // task 11 is the team's
  EXPECT_EQ(Query("task.list", {{"q", first["title"]}})["items"].size(), 1u);
  auto reversed = core_->Query("task.list", {{"from", "2027-03-01"}, {"to", "2027-02-01"}}, {"u", Role::kAdmin});
  EXPECT_EQ(reversed.status().field(), "from");
  auto unknown = core_->Query("task.list", {{"sort", "DROP TABLE"}}, {"u", Role::kAdmin});
  EXPECT_EQ(unknown.status().field(), "sort");

  // "open": everything not finished (the dashboard's open work orders link here).
  EXPECT_EQ(ids({{"status", "open"}}), (std::vector<std::string>{Id(11), Id(10), Id(12)}));
  Ok("task.set_status", {{"id", Id(32)}, {"task_id", Id(12)}, {"status", "cancelled"}});
  EXPECT_EQ(ids({{"status", "open"}}), (std::vector<std::string>{Id(11), Id(10)}));
  EXPECT_EQ(ids({{"status", "cancelled"}}), (std::vector<std::string>{Id(12)}));
}

}  // namespace
}  // namespace invento
