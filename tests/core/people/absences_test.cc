#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class AbsencesTest : public testing::MaintFixture {};

TEST_F(AbsencesTest, CreateUpdateDeleteAndList) {
  std::string a = Employee(1, "Alice"), b = Employee(2, "Bruno");
  Team(10, "Nord", {a});
  Ok("absence.create", {{"id", Id(20)},
                        {"employee_id", a},
                        {"kind", "vacation"},
                        {"start_date", "2027-07-01"},
                        {"end_date", "2027-07-14"}});
  Ok("absence.create", {{"id", Id(21)},
                        {"employee_id", b},
                        {"kind", "sick"},
                        {"start_date", "2027-07-10"},
                        {"end_date", "2027-07-10"},
                        {"note", "grippe"}});
  Json all = Query("absence.list", {{"from", "2027-07-10"}, {"to", "2027-07-10"}});
  EXPECT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(Query("absence.list", {{"from", "2027-07-15"}})["items"].size(), 0u);
  EXPECT_EQ(Query("absence.list", {{"team_id", Id(10)}})["items"].size(), 1u);
  EXPECT_EQ(Query("absence.list", {{"employee_id", b}})["items"][0]["note"], "grippe");
  Ok("absence.update", {{"id", Id(20)}, {"end_date", "2027-07-20"}});
  EXPECT_EQ(Query("absence.list", {{"from", "2027-07-15"}})["items"].size(), 1u);
  ExpectError("absence.delete", {{"id", Id(21)}}, Code::kForbidden, "", Role::kManager);
  Ok("absence.delete", {{"id", Id(21)}});
  EXPECT_EQ(Query("absence.list", {{"employee_id", b}})["items"].size(), 0u);
}

TEST_F(AbsencesTest, Errors) {
  std::string a = Employee(1, "Alice");
  Ok("absence.create", {{"id", Id(20)},
                        {"employee_id", a},
                        {"kind", "training"},
                        {"start_date", "2027-07-01"},
                        {"end_date", "2027-07-03"}});
  Json base{{"id", Id(21)},
            {"employee_id", a},
            {"kind", "vacation"},
            {"start_date", "2027-08-01"},
            {"end_date", "2027-08-02"}};
  auto with = [&](Json change) {
    Json x = base;
    x.update(change);
    return x;
  };
  ExpectError("absence.create", with({{"end_date", "2027-07-31"}}), Code::kInvalidArgument,
              "end_date");
  ExpectError("absence.create", with({{"start_date", "2027-07-03"}}), Code::kConflict,
              "start_date");  // overlaps
  ExpectError("absence.create", with({{"start_date", "01/08/2027"}}), Code::kInvalidArgument,
              "start_date");
  ExpectError("absence.create", with({{"kind", "holiday"}}), Code::kInvalidArgument, "kind");
  ExpectError("absence.create", with({{"employee_id", Id(9)}}), Code::kNotFound, "employee_id");
  Json no_end = base;
  no_end.erase("end_date");
  ExpectError("absence.create", no_end, Code::kInvalidArgument, "end_date");
  ExpectError("absence.update", {{"id", Id(20)}, {"start_date", "2027-07-04"}},
              Code::kInvalidArgument, "end_date");
  ExpectError("absence.update", {{"id", Id(99)}, {"note", "x"}}, Code::kNotFound, "id");
  ExpectError("absence.create", base, Code::kForbidden, "", Role::kConsultant);
  Ok("absence.update",
     {{"id", Id(20)}, {"start_date", "2027-07-02"}});  // shrinking itself is not an overlap
}

}  // namespace
}  // namespace invento
