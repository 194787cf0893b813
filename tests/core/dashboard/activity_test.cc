// dashboard.movements (movements per day/week/month, filtered) and dashboard.workload (open
// work, estimates and absences per technician), on hand-checked data; the role's default
// layout and dashboard.reset.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

constexpr std::int64_t kDay = 86'400'000;

class ActivityTest : public testing::MaintFixture {
 protected:
  // Expects the query to be refused with code and field.
  void ExpectQueryError(const std::string& name, const Json& args, Code code,
                        const std::string& field) {
    auto r = core_->Query(name, args, {"user-1", Role::kAdmin});
    ASSERT_FALSE(r.ok()) << name << " " << args.dump() << " unexpectedly succeeded";
    EXPECT_EQ(r.status().code(), code) << name << " " << args.dump() << " -> " << r.status().ToString();
    EXPECT_EQ(r.status().field(), field) << name << " " << args.dump() << " -> " << r.status().ToString();
    EXPECT_FALSE(r.status().message().empty());
  }
};

TEST_F(ActivityTest, MovementsPerBucketWithEveryBucketPresent) {
  // now_ is 2027-01-15 08:00 UTC.
  Ok("category.create", {{"id", Id(1)}, {"name", "Filtres"}});
  std::string store = Warehouse(2);
  std::string van = Id(9);
  Ok("location.create", {{"id", van}, {"kind", "vehicle"}, {"name", "Camion"}});
  Item(3, "FILTRE", {{"category_id", Id(1)}});
  Item(4, "HUILE");
  Ok("stock.receipt", {{"id", Id(5)}, {"item_id", Id(3)}, {"location_id", store}, {"qty", 4}});
  Ok("stock.receipt", {{"id", Id(6)}, {"item_id", Id(4)}, {"location_id", store}, {"qty", 10}});
  now_ += kDay;  // 2027-01-16
  Ok("stock.issue", {{"id", Id(7)}, {"item_id", Id(4)}, {"location_id", store}, {"qty", 1}});
  now_ += 8 * kDay;  // 2027-01-24, a Sunday
  Ok("stock.transfer",
     {{"id", Id(8)}, {"item_id", Id(3)}, {"from_location_id", store}, {"to_location_id", van},
      {"qty", 1}});

  Json days = Query("dashboard.movements", {{"from", "2027-01-11"}, {"to", "2027-01-31"}});
  EXPECT_EQ(days["bucket"], "day");
  ASSERT_EQ(days["rows"].size(), 21u);
  EXPECT_EQ(days["rows"][4], Json({{"period", "2027-01-15"}, {"total", 2}, {"receipt", 2},
                                   {"issue", 0}, {"transfer", 0}, {"adjustment", 0},
                                   {"count", 0}}));
  EXPECT_EQ(days["rows"][5]["issue"], 1);
  EXPECT_EQ(days["rows"][13]["transfer"], 1);
  EXPECT_EQ(days["rows"][0]["total"], 0);

  Json weeks = Query("dashboard.movements",
                     {{"from", "2027-01-13"}, {"to", "2027-01-31"}, {"bucket", "week"}});
  ASSERT_EQ(weeks["rows"].size(), 3u);  // Mondays 01-11, 01-18, 01-25
  EXPECT_EQ(weeks["rows"][0]["period"], "2027-01-11");
  EXPECT_EQ(weeks["rows"][0]["total"], 3);
  EXPECT_EQ(weeks["rows"][1]["total"], 1);  // Sunday the 24th belongs to the week of the 18th
  EXPECT_EQ(weeks["rows"][2]["total"], 0);

  Json months = Query("dashboard.movements",
                      {{"from", "2026-12-01"}, {"to", "2027-01-31"}, {"bucket", "month"}});
  ASSERT_EQ(months["rows"].size(), 2u);
  EXPECT_EQ(months["rows"][1], Json({{"period", "2027-01-01"}, {"total", 4}, {"receipt", 2},
                                     {"issue", 1}, {"transfer", 1}, {"adjustment", 0},
                                     {"count", 0}}));
  // Filters: a category (with what is below it), a location (from or to it).
  Json filtres = Query("dashboard.movements",
                       {{"from", "2027-01-01"}, {"to", "2027-01-31"}, {"bucket", "month"},
                        {"category_id", Id(1)}});
  EXPECT_EQ(filtres["rows"][0]["total"], 2);
  Json in_van = Query("dashboard.movements", {{"from", "2027-01-01"}, {"to", "2027-01-31"},
                                              {"bucket", "month"}, {"location_id", van}});
  EXPECT_EQ(in_van["rows"][0]["total"], 1);
  // Default: the 30 days ending today (the clock of the core, not the fixture's).
  EXPECT_EQ(Query("dashboard.movements", Json::object())["rows"].size(), 30u);

  ExpectQueryError("dashboard.movements", {{"from", "2027-02-01"}, {"to", "2027-01-01"}},
              Code::kInvalidArgument, "to");
  ExpectQueryError("dashboard.movements", {{"from", "2027-13-01"}}, Code::kInvalidArgument, "from");
  ExpectQueryError("dashboard.movements", {{"from", "2020-01-01"}, {"to", "2027-01-01"}},
              Code::kInvalidArgument, "bucket");
  ExpectQueryError("dashboard.movements", {{"bucket", "hour"}}, Code::kInvalidArgument, "bucket");
  ExpectQueryError("dashboard.movements", {{"location_id", Id(99)}}, Code::kNotFound, "location_id");
}

TEST_F(ActivityTest, WorkloadCountsOpenWorkEstimatesAndAbsences) {
  std::string alice = Employee(1, "Alice");
  std::string bruno = Employee(2, "Bruno");
  std::string team = Team(3, "Équipe B", {bruno});
  Employee(4, "Zoé");
  const std::int64_t jan18 = 1'800'000'000'000 + 3 * kDay - 8 * 3'600'000;  // 2027-01-18 00:00
  // Alice: a planned task in the range (2.5 h) and a done one (not counted).
  std::string a1 = Task(10, {{"status", "planned"},
                             {"planned_start", jan18 + 9 * 3'600'000},
                             {"planned_end", jan18 + 12 * 3'600'000},
                             {"estimated_hours", "2.5"}});
  Assign(11, a1, alice);
  std::string done = Task(12, {{"status", "planned"}, {"due_date", "2027-01-19"}});
  Assign(13, done, alice);
  Walk(done, {"in_progress", "done"}, 200);
  // Through the team, by due date; and one after the range.
  std::string b1 = Task(14, {{"status", "planned"}, {"due_date", "2027-01-20"},
                             {"estimated_hours", "1"}});
  Ok("task.assign", {{"id", Id(15)}, {"task_id", b1}, {"team_id", team}});
  std::string later = Task(16, {{"due_date", "2027-02-20"}});
  Assign(17, later, alice);
  Ok("absence.create", {{"id", Id(20)}, {"employee_id", bruno}, {"kind", "sick"},
                        {"start_date", "2027-01-16"}, {"end_date", "2027-01-19"}});
  Ok("absence.create", {{"id", Id(21)}, {"employee_id", bruno}, {"kind", "training"},
                        {"start_date", "2027-01-22"}, {"end_date", "2027-01-22"}});

  Json w = Query("dashboard.workload", {{"from", "2027-01-18"}, {"to", "2027-01-24"}});
  ASSERT_EQ(w["rows"].size(), 3u) << w.dump();
  EXPECT_EQ(w["rows"][0], Json({{"employee_id", alice}, {"name", "Alice"}, {"tasks", 1},
                                {"planned_hours", 2.5}, {"absent_days", 0}}));
  EXPECT_EQ(w["rows"][1], Json({{"employee_id", bruno}, {"name", "Bruno"}, {"tasks", 1},
                                {"planned_hours", 1.0}, {"absent_days", 3}}));
  EXPECT_EQ(w["rows"][2]["tasks"], 0);
  Json only_team = Query("dashboard.workload",
                         {{"from", "2027-01-18"}, {"to", "2027-01-24"}, {"team_id", team}});
  ASSERT_EQ(only_team["rows"].size(), 1u);
  EXPECT_EQ(only_team["rows"][0]["name"], "Bruno");
  EXPECT_EQ(Query("dashboard.workload", Json::object())["rows"].size(), 3u);
  ExpectQueryError("dashboard.workload", {{"team_id", Id(99)}}, Code::kNotFound, "team_id");
}

TEST_F(ActivityTest, DefaultLayoutPerRoleAndReset) {
  Json office = QueryAs("dashboard.widgets", Json::object(), Role::kManager, "boss");
  EXPECT_TRUE(office["defaults"].get<bool>());
  ASSERT_GE(office["items"].size(), 6u);
  EXPECT_EQ(office["items"][0]["id"], "default-1");
  Json tech = QueryAs("dashboard.widgets", Json::object(), Role::kTechnician, "tech");
  EXPECT_NE(tech["items"], office["items"]);
  for (const auto& w : tech["items"]) {
    EXPECT_NE(w["data_source"], "dashboard.cost_vs_budget");  // technicians see no budgets
  }
  // Every default is drawable with its filters.
  for (const auto& w : office["items"]) {
    QueryAs(w["data_source"].get<std::string>(), w["filters"], Role::kManager, "boss");
  }
  Json reset = OkAs("dashboard.reset", {{"id", Id(50)}}, Role::kManager, "boss");
  ASSERT_EQ(reset["ids"].size(), office["items"].size());
  Json stored = QueryAs("dashboard.widgets", Json::object(), Role::kManager, "boss");
  EXPECT_FALSE(stored["defaults"].get<bool>());
  EXPECT_EQ(stored["items"][0]["id"], reset["ids"][0]);
  EXPECT_EQ(stored["items"][5]["data_source"], office["items"][5]["data_source"]);
  EXPECT_EQ(stored["items"][5]["filters"], office["items"][5]["filters"]);
  // Removing one then resetting again restores the whole layout, under new ids.
  OkAs("dashboard.widget_remove", {{"id", reset["ids"][0]}}, Role::kManager, "boss");
  Json again = OkAs("dashboard.reset", {{"id", Id(51)}}, Role::kManager, "boss");
  EXPECT_NE(again["ids"][0], reset["ids"][0]);
  EXPECT_EQ(QueryAs("dashboard.widgets", Json::object(), Role::kManager, "boss")["items"].size(),
            office["items"].size());
  // The same mutation id twice is refused (the rows exist), consultants configure nothing.
  ExpectErrorAs("dashboard.reset", {{"id", Id(51)}}, Code::kConflict, "id", Role::kManager,
                "boss");
  ExpectErrorAs("dashboard.reset", {{"id", Id(52)}}, Code::kForbidden, "", Role::kConsultant,
                "viewer");
  // A doughnut is a widget type.
  OkAs("dashboard.widget_add", {{"id", Id(53)}, {"type", "doughnut"},
                                {"data_source", "dashboard.workload"}},
       Role::kManager, "boss");
}

}  // namespace
}  // namespace invento
