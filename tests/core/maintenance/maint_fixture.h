// A core on an in-memory database with helpers for the maintenance, projects, people and
// dashboard tests: running mutators as a given role AND user, and seeding common rows.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/base/date.h"
#include "tests/core/stock/stock_fixture.h"

namespace invento::testing {

class MaintFixture : public StockFixture {
 protected:
  // Times: day D of 2027 at 00:00 UTC is At("2027-01-0D").
  static std::int64_t At(const std::string& date, int hour = 0) {
    return DayStartMs(*ParseDate(date)) + hour * 3'600'000LL;
  }
  Result<Json> RunAs(const std::string& name, const Json& args, Role role,
                     const std::string& user) {
    return core_->Mutate(name, args, {.actor = {user, role}, .now_ms = now_});
  }
  Json OkAs(const std::string& name, const Json& args, Role role, const std::string& user) {
    auto r = RunAs(name, args, role, user);
    EXPECT_TRUE(r.ok()) << name << " " << args.dump() << " -> " << r.status().ToString();
    return r.ok() ? r.value() : Json();
  }
  void ExpectErrorAs(const std::string& name, const Json& args, Code code, const std::string& field,
                     Role role, const std::string& user) {
    std::string before = Snapshot();
    auto r = RunAs(name, args, role, user);
    ASSERT_FALSE(r.ok()) << name << " " << args.dump() << " unexpectedly succeeded";
    EXPECT_EQ(r.status().code(), code)
        << name << " " << args.dump() << " -> " << r.status().ToString();
    EXPECT_EQ(r.status().field(), field)
        << name << " " << args.dump() << " -> " << r.status().ToString();
    EXPECT_FALSE(r.status().message().empty());
    EXPECT_EQ(Snapshot(), before) << name << " wrote something despite failing";
  }
  Json QueryAs(const std::string& name, const Json& args, Role role, const std::string& user) {
    auto r = core_->Query(name, args, {user, role});
    EXPECT_TRUE(r.ok()) << name << " " << args.dump() << " -> " << r.status().ToString();
    return r.ok() ? r.value() : Json();
  }
  std::string Employee(int n, const std::string& name, const std::string& user = "") {
    Json args{{"id", Id(n)}, {"name", name}};
    if (!user.empty()) args["user_id"] = user;
    Ok("employee.create", args);
    return Id(n);
  }
  std::string Team(int n, const std::string& name,
                   std::initializer_list<std::string> members = {}) {
    Ok("team.create", {{"id", Id(n)}, {"name", name}});
    int k = 0;
    for (const auto& m : members)
      Ok("team.add_member",
         {{"id", Id(n * 100 + 1 + k++)}, {"team_id", Id(n)}, {"employee_id", m}});
    return Id(n);
  }
  std::string Task(int n, Json extra = Json::object()) {
    Json args{{"id", Id(n)}, {"title", "Tâche " + std::to_string(n)}};
    args.update(extra);
    Ok("task.create", args);
    return Id(n);
  }
  void Assign(int n, const std::string& task, const std::string& employee) {
    Ok("task.assign", {{"id", Id(n)}, {"task_id", task}, {"employee_id", employee}});
  }
  // Moves a task through the workflow as admin, with status event ids from `event`.
  void Walk(const std::string& task, std::initializer_list<const char*> statuses, int event) {
    for (const char* s : statuses)
      Ok("task.set_status", {{"id", Id(event++)}, {"task_id", task}, {"status", s}});
  }
  std::string TaskStatus(const std::string& task) {
    return Query("task.get", {{"id", task}})["status"].get<std::string>();
  }
};

}  // namespace invento::testing
