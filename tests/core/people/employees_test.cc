#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class EmployeesTest : public testing::MaintFixture {};

TEST_F(EmployeesTest, CreateUpdateArchiveAndGet) {
  Ok("employee.create", {{"id", Id(1)},
                         {"name", " Élodie Martin "},
                         {"email", "elodie@example.com"},
                         {"job_title", "Électricienne"},
                         {"user_id", "u-elodie"}});
  Ok("employee.update", {{"id", Id(1)}, {"phone", "06 12 34 56 78"}, {"job_title", nullptr}});
  Json e = Query("employee.get", {{"id", Id(1)}});
  EXPECT_EQ(e["name"], "Élodie Martin");
  EXPECT_EQ(e["phone"], "06 12 34 56 78");
  EXPECT_TRUE(e["job_title"].is_null());
  EXPECT_EQ(e["user_id"], "u-elodie");
  EXPECT_EQ(e["archived"], false);
  Ok("employee.archive", {{"id", Id(1)}});
  EXPECT_TRUE(Query("employee.list", Json::object())["items"].empty());
  EXPECT_EQ(Query("employee.list", {{"include_archived", true}})["items"].size(), 1u);
}

TEST_F(EmployeesTest, ErrorsNameTheFieldAndWriteNothing) {
  Employee(1, "Alice", "u-alice");
  ExpectError("employee.create", {{"id", Id(2)}, {"name", "Bob"}, {"user_id", "u-alice"}},
              Code::kConflict, "user_id");
  ExpectError("employee.create", {{"id", Id(2)}, {"name", ""}}, Code::kInvalidArgument, "name");
  ExpectError("employee.create", {{"id", Id(2)}, {"name", "Bob"}, {"email", "bob@"}},
              Code::kInvalidArgument, "email");
  ExpectError("employee.create", {{"id", Id(1)}, {"name", "Bob"}}, Code::kConflict, "id");
  ExpectError("employee.create", {{"id", Id(2)}, {"name", "Bob"}, {"salary", 3}},
              Code::kInvalidArgument, "salary");
  ExpectError("employee.update", {{"id", Id(9)}, {"name", "Bob"}}, Code::kNotFound, "id");
  ExpectError("employee.create", {{"id", Id(2)}, {"name", "Bob"}}, Code::kForbidden, "",
              Role::kTechnician);
  ExpectError("employee.archive", {{"id", Id(1)}}, Code::kForbidden, "", Role::kTechnician);
  ExpectError("employee.update", {{"id", Id(1)}, {"name", "X"}}, Code::kForbidden, "",
              Role::kConsultant);
}

TEST_F(EmployeesTest, RatesHaveEffectiveDates) {
  Employee(1, "Alice");
  Ok("employee.set_rate", {{"id", Id(10)},
                           {"employee_id", Id(1)},
                           {"effective_from", "2027-01-01"},
                           {"rate_cents", 4000}});
  Ok("employee.set_rate", {{"id", Id(11)},
                           {"employee_id", Id(1)},
                           {"effective_from", "2027-03-15"},
                           {"rate_cents", 4500}});
  EXPECT_TRUE(
      Query("employee.get", {{"id", Id(1)}, {"as_of", "2026-12-31"}})["rate_cents"].is_null());
  EXPECT_EQ(Query("employee.get", {{"id", Id(1)}, {"as_of", "2027-03-14"}})["rate_cents"], 4000);
  EXPECT_EQ(Query("employee.get", {{"id", Id(1)}, {"as_of", "2027-03-15"}})["rate_cents"], 4500);
  // Same date again: the existing row is corrected, not duplicated.
  Json r = Ok("employee.set_rate", {{"id", Id(12)},
                                    {"employee_id", Id(1)},
                                    {"effective_from", "2027-03-15"},
                                    {"rate_cents", 4600}});
  EXPECT_EQ(r["id"], Id(11));
  Json e = Query("employee.get", {{"id", Id(1)}, {"as_of", "2027-06-01"}});
  EXPECT_EQ(e["rates"].size(), 2u);
  EXPECT_EQ(e["rate_cents"], 4600);
  // Rates are shown to the roles with the "cap.employee.rates" capability only.
  EXPECT_EQ(QueryAs("employee.get", {{"id", Id(1)}}, Role::kManager, "m")["rates"].size(), 2u);
  for (Role role : {Role::kTechnician, Role::kConsultant}) {
    Json hidden = QueryAs("employee.get", {{"id", Id(1)}}, role, "x");
    EXPECT_FALSE(hidden.contains("rates")) << RoleName(role);
    EXPECT_FALSE(hidden.contains("rate_cents")) << RoleName(role);
    EXPECT_EQ(hidden["name"], "Alice");
  }
  ExpectError(
      "employee.set_rate",
      {{"id", Id(13)}, {"employee_id", Id(1)}, {"effective_from", "2027-02-30"}, {"rate_cents", 1}},
      Code::kInvalidArgument, "effective_from");
  ExpectError("employee.set_rate",
              {{"id", Id(13)},
               {"employee_id", Id(1)},
               {"effective_from", "2027-02-03"},
               {"rate_cents", -1}},
              Code::kInvalidArgument, "rate_cents");
  ExpectError(
      "employee.set_rate",
      {{"id", Id(13)}, {"employee_id", Id(9)}, {"effective_from", "2027-02-03"}, {"rate_cents", 1}},
      Code::kNotFound, "employee_id");
  ExpectError("employee.remove_rate", {{"id", Id(10)}}, Code::kForbidden, "", Role::kManager);
  Ok("employee.remove_rate", {{"id", Id(10)}});
  EXPECT_TRUE(
      Query("employee.get", {{"id", Id(1)}, {"as_of", "2027-03-01"}})["rate_cents"].is_null());
  ExpectError("employee.remove_rate", {{"id", Id(10)}}, Code::kNotFound, "id");
}

TEST_F(EmployeesTest, WorkingHours) {
  Employee(1, "Alice");
  Ok("employee.set_working_hours", {{"employee_id", Id(1)},
                                    {"hours",
                                     {{{"weekday", 1}, {"start", "13:00"}, {"end", "17:00"}},
                                      {{"weekday", 1}, {"start", "08:00"}, {"end", "12:00"}},
                                      {{"weekday", 5}, {"start", "08:00"}, {"end", "24:00"}}}}});
  Json e = Query("employee.get", {{"id", Id(1)}});
  ASSERT_EQ(e["working_hours"].size(), 3u);
  EXPECT_EQ(e["working_hours"][0]["start"], "08:00");  // sorted
  EXPECT_EQ(e["working_hours"][2]["end"], "24:00");
  auto bad = [&](Json hours) {
    ExpectError("employee.set_working_hours", {{"employee_id", Id(1)}, {"hours", hours}},
                Code::kInvalidArgument, "hours");
  };
  bad({{{"weekday", 8}, {"start", "08:00"}, {"end", "12:00"}}});
  bad({{{"weekday", 1}, {"start", "12:00"}, {"end", "08:00"}}});
  bad({{{"weekday", 1}, {"start", "8:00"}, {"end", "12:00"}}});
  bad({{{"weekday", 1}, {"start", "08:00"}, {"end", "12:00"}},
       {{"weekday", 1}, {"start", "11:00"}, {"end", "13:00"}}});
  bad({{{"weekday", 1}, {"start", "08:00"}, {"end", "12:00"}, {"lunch", true}}});
  bad("Mon-Fri");
  Ok("employee.set_working_hours", {{"employee_id", Id(1)}, {"hours", Json::array()}});
  EXPECT_TRUE(Query("employee.get", {{"id", Id(1)}})["working_hours"].empty());
}

}  // namespace
}  // namespace invento
