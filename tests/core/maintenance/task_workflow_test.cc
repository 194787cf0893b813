// Every transition of the work order workflow, for every role: allowed ones succeed, the
// others fail with the right code and write nothing; technicians act only on their tasks.
#include "core/maintenance/task_workflow.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

constexpr Role kRoles[] = {Role::kAdmin, Role::kManager, Role::kTechnician, Role::kConsultant};

// The expected table, written out independently of the code's: (from, to) -> roles.
const std::map<std::pair<std::string, std::string>, std::vector<Role>>& Expected() {
  constexpr Role A = Role::kAdmin, M = Role::kManager, T = Role::kTechnician;
  static const std::map<std::pair<std::string, std::string>, std::vector<Role>> k{
      {{"draft", "planned"}, {A, M}},          {{"draft", "cancelled"}, {A, M}},
      {{"planned", "draft"}, {A, M}},          {{"planned", "in_progress"}, {A, M, T}},
      {{"planned", "cancelled"}, {A, M}},      {{"in_progress", "on_hold"}, {A, M, T}},
      {{"in_progress", "done"}, {A, M, T}},    {{"in_progress", "cancelled"}, {A, M}},
      {{"on_hold", "in_progress"}, {A, M, T}}, {{"on_hold", "cancelled"}, {A, M}},
      {{"done", "in_progress"}, {A, M}},       {{"done", "closed"}, {A, M}},
  };
  return k;
}

// How to reach each status from draft, as admin.
const std::map<std::string, std::vector<const char*>>& Paths() {
  static const std::map<std::string, std::vector<const char*>> k{
      {"draft", {}},
      {"planned", {"planned"}},
      {"in_progress", {"planned", "in_progress"}},
      {"on_hold", {"planned", "in_progress", "on_hold"}},
      {"done", {"planned", "in_progress", "done"}},
      {"closed", {"planned", "in_progress", "done", "closed"}},
      {"cancelled", {"cancelled"}},
  };
  return k;
}

class TaskWorkflowTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    tech_ = Employee(10, "Tech Nicien", "tech-user");
  }
  // A fresh task in `status`, assigned to the technician.
  std::string TaskIn(const std::string& status) {
    int n = next_++;
    std::string t = Task(n);
    Assign(n + 50000, t, tech_);
    int event = n * 10 + 100000;
    for (const char* s : Paths().at(status))
      Ok("task.set_status", {{"id", Id(event++)}, {"task_id", t}, {"status", s}});
    return t;
  }
  std::string tech_;
  int next_ = 1000;
};

TEST_F(TaskWorkflowTest, CodeTableMatchesTheSpecifiedTable) {
  std::size_t n = 0;
  for (const auto& t : maint::TaskTransitions()) {
    auto it = Expected().find({std::string(t.from), std::string(t.to)});
    ASSERT_NE(it, Expected().end()) << t.from << " -> " << t.to;
    EXPECT_EQ(t.roles, it->second) << t.from << " -> " << t.to;
    ++n;
  }
  EXPECT_EQ(n, Expected().size());
}

TEST_F(TaskWorkflowTest, EveryPairForEveryRole) {
  int checked = 0;
  for (const auto& from : maint::kTaskStatuses) {
    for (const auto& to : maint::kTaskStatuses) {
      auto it = Expected().find({std::string(from), std::string(to)});
      for (Role role : kRoles) {
        SCOPED_TRACE(std::string(from) + " -> " + std::string(to) + " as " +
                     std::string(RoleName(role)));
        std::string task = TaskIn(std::string(from));
        Json args{{"id", Id(900000 + checked)}, {"task_id", task}, {"status", to}};
        const std::string user = role == Role::kTechnician ? "tech-user" : "user-1";
        bool allowed = it != Expected().end() &&
                       std::find(it->second.begin(), it->second.end(), role) != it->second.end();
        if (allowed) {
          OkAs("task.set_status", args, role, user);
          EXPECT_EQ(TaskStatus(task), to);
        } else if (role == Role::kConsultant || (it != Expected().end())) {
          // Consultants are stopped by the permission table; other roles by the workflow.
          ExpectErrorAs("task.set_status", args, Code::kForbidden, "", role, user);
        } else {
          ExpectErrorAs("task.set_status", args, Code::kFailedPrecondition, "", role, user);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 7 * 7 * 4);
}

TEST_F(TaskWorkflowTest, TransitionsQueryOffersOnlyWhatTheActorMayDo) {
  std::string t = TaskIn("in_progress");
  auto targets = [&](Role role, const std::string& user) {
    std::vector<std::string> out;
    Json reply = QueryAs("task.transitions", {{"task_id", t}}, role, user);
    for (const auto& x : reply["transitions"]) {
      out.push_back(x["to"].get<std::string>());
    }
    return out;
  };
  EXPECT_EQ(targets(Role::kManager, "user-1"),
            (std::vector<std::string>{"on_hold", "done", "cancelled"}));
  EXPECT_EQ(targets(Role::kTechnician, "tech-user"), (std::vector<std::string>{"on_hold", "done"}));
  EXPECT_TRUE(targets(Role::kTechnician, "someone-else").empty());
  EXPECT_TRUE(targets(Role::kConsultant, "user-1").empty());
  EXPECT_EQ(
      QueryAs("task.transitions", {{"task_id", t}}, Role::kTechnician, "someone-else")["assigned"],
      false);
}

TEST_F(TaskWorkflowTest, TechnicianAssignedDirectlyViaTeamOrNot) {
  std::string other = Employee(11, "Autre", "other-user");
  Employee(12, "Sans tâche", "idle-user");
  Team(20, "Équipe Nord", {other});
  std::string direct = TaskIn("planned");  // assigned to tech_
  std::string via_team = Task(30, {{"status", "planned"}});
  Ok("task.assign", {{"id", Id(31)}, {"task_id", via_team}, {"team_id", Id(20)}});
  Json start{{"status", "in_progress"}};
  // Directly assigned.
  OkAs("task.set_status", {{"id", Id(40)}, {"task_id", direct}, {"status", "in_progress"}},
       Role::kTechnician, "tech-user");
  // Via a team.
  OkAs("task.set_status", {{"id", Id(41)}, {"task_id", via_team}, {"status", "in_progress"}},
       Role::kTechnician, "other-user");
  // Not assigned: forbidden, with a message saying why, nothing written.
  std::string not_mine = TaskIn("in_progress");
  ExpectErrorAs("task.set_status", {{"id", Id(42)}, {"task_id", not_mine}, {"status", "on_hold"}},
                Code::kForbidden, "", Role::kTechnician, "idle-user");
  auto r = RunAs("task.set_status", {{"id", Id(42)}, {"task_id", not_mine}, {"status", "on_hold"}},
                 Role::kTechnician, "idle-user");
  EXPECT_NE(r.status().message().find("not assigned to you"), std::string::npos)
      << r.status().message();
  // A user with no employee record.
  ExpectErrorAs("task.set_status", {{"id", Id(43)}, {"task_id", not_mine}, {"status", "on_hold"}},
                Code::kForbidden, "", Role::kTechnician, "no-employee");
  // Leaving the team removes the right.
  Ok("team.remove_member", {{"team_id", Id(20)}, {"employee_id", other}});
  ExpectErrorAs("task.set_status", {{"id", Id(44)}, {"task_id", via_team}, {"status", "on_hold"}},
                Code::kForbidden, "", Role::kTechnician, "other-user");
}

TEST_F(TaskWorkflowTest, StatusSideEffectsAndErrors) {
  std::string t = TaskIn("planned");
  now_ = At("2027-03-01", 8);
  Ok("task.set_status", {{"id", Id(1)}, {"task_id", t}, {"status", "in_progress"}});
  now_ = At("2027-03-01", 12);
  Ok("task.set_status", {{"id", Id(2)},
                         {"task_id", t},
                         {"status", "done"},
                         {"completion_note", "Roulement changé"},
                         {"signer_name", "M. Client"}});
  Json task = Query("task.get", {{"id", t}});
  EXPECT_EQ(task["started_at"], At("2027-03-01", 8));
  EXPECT_EQ(task["completed_at"], At("2027-03-01", 12));
  EXPECT_EQ(task["completion_note"], "Roulement changé");
  EXPECT_EQ(task["signer_name"], "M. Client");
  ASSERT_EQ(task["status_history"].size(), 3u);  // planned (TaskIn), in_progress, done
  EXPECT_EQ(task["status_history"][2]["from_status"], "in_progress");
  EXPECT_EQ(task["status_history"][2]["to_status"], "done");
  // Reopening clears the completion time.
  Ok("task.set_status", {{"id", Id(3)}, {"task_id", t}, {"status", "in_progress"}});
  EXPECT_TRUE(Query("task.get", {{"id", t}})["completed_at"].is_null());
  ExpectError("task.set_status", {{"id", Id(4)}, {"task_id", t}, {"status", "in_progress"}},
              Code::kFailedPrecondition, "");  // already
  ExpectError("task.set_status", {{"id", Id(4)}, {"task_id", t}, {"status", "finished"}},
              Code::kInvalidArgument, "status");
  ExpectError("task.set_status", {{"id", Id(4)}, {"task_id", Id(999)}, {"status", "done"}},
              Code::kNotFound, "task_id");
  ExpectError("task.set_status", {{"id", Id(3)}, {"task_id", t}, {"status", "on_hold"}},
              Code::kConflict, "id");
  ExpectError("task.set_notes", {{"task_id", t}}, Code::kInvalidArgument, "completion_note");
  Ok("task.set_notes", {{"task_id", t}, {"signer_name", "Mme Dupont"}});
  EXPECT_EQ(Query("task.get", {{"id", t}})["signer_name"], "Mme Dupont");
}

TEST_F(TaskWorkflowTest, CompletionCannotBeBackDated) {
  std::string t = TaskIn("planned");
  now_ = At("2027-03-01", 8);
  OkAs("task.set_status", {{"id", Id(1)}, {"task_id", t}, {"status", "in_progress"}},
       Role::kTechnician, "tech-user");
  now_ = At("2027-03-02", 9);
  // A technician's status change happens when it is made: no "at" of their own.
  ExpectErrorAs("task.set_status",
                {{"id", Id(2)}, {"task_id", t}, {"status", "done"}, {"at", At("2027-02-20", 9)}},
                Code::kForbidden, "at", Role::kTechnician, "tech-user");
  // A manager typing in a paper work order may, but never before the work started.
  ExpectError("task.set_status",
              {{"id", Id(2)}, {"task_id", t}, {"status", "done"}, {"at", At("2027-02-28", 17)}},
              Code::kInvalidArgument, "at", Role::kManager);
  Ok("task.set_status",
     {{"id", Id(2)}, {"task_id", t}, {"status", "done"}, {"at", At("2027-03-01", 17)}},
     Role::kManager);
  EXPECT_EQ(Query("task.get", {{"id", t}})["completed_at"], At("2027-03-01", 17));
}

TEST_F(TaskWorkflowTest, TransitionsComeFromThePermissionTable) {
  // Each pair of the workflow is a permission-table entry, and nothing else is.
  std::size_t entries = 0;
  for (std::string_view name : PermissionTableNames()) {
    if (name.substr(0, 12) == "task.status:") ++entries;
  }
  EXPECT_EQ(entries, Expected().size());
  EXPECT_TRUE(IsAllowed(Role::kTechnician, "task.status:in_progress>done"));
  EXPECT_FALSE(IsAllowed(Role::kTechnician, "task.status:done>closed"));
}

}  // namespace
}  // namespace invento
