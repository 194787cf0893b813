#include "core/auth/permissions.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/maintenance/task_workflow.h"
#include "core/db/sqlite.h"
#include "core/mutators/registry.h"

namespace invento {

TEST(PermissionsTest, EveryMutatorAndQueryIsInThePermissionTable) {
  auto names = PermissionTableNames();
  for (const auto& m : Registry::Get().mutators()) {
    EXPECT_NE(std::find(names.begin(), names.end(), m.name), names.end()) << m.name;
  }
  for (const auto& q : Registry::Get().queries()) {
    EXPECT_NE(std::find(names.begin(), names.end(), q.name), names.end()) << q.name;
  }
}

TEST(PermissionsTest, EveryTableEntryIsAMutatorAQueryATaskTransitionOrACapability) {
  for (std::string_view name : PermissionTableNames()) {
    if (name.substr(0, 12) == "task.status:") {
      auto pair = name.substr(12);
      auto gt = pair.find('>');
      ASSERT_NE(gt, std::string_view::npos) << name;
      EXPECT_TRUE(maint::IsTaskStatus(pair.substr(0, gt))) << name;
      EXPECT_TRUE(maint::IsTaskStatus(pair.substr(gt + 1))) << name;
      EXPECT_FALSE(IsAllowed(Role::kConsultant, name)) << name;
      continue;
    }
    if (name.substr(0, 4) == "cap.") {
      // A capability is never something the server could run by its name.
      EXPECT_FALSE(Registry::Get().FindMutator(name) || Registry::Get().FindQuery(name)) << name;
      continue;
    }
    EXPECT_TRUE(Registry::Get().FindMutator(name) || Registry::Get().FindQuery(name)) << name;
  }
}

// Every capability, for every role: the rules that used to be hard-coded role tests.
TEST(PermissionsTest, EveryCapabilityByRole) {
  struct Expected {
    const char* name;
    bool admin, manager, technician, consultant;
  };
  const Expected kCapabilities[] = {
      {"cap.location.any", true, true, false, false},
      {"cap.count.blind_expected", true, true, false, false},
      {"cap.task.any", true, true, false, false},
      {"cap.task.own", false, false, true, false},
      {"cap.task.status_at", true, true, false, false},
      {"cap.time.others", true, true, false, false},
      {"cap.attachment.any_entity", true, true, false, false},
      {"cap.widget.others", true, false, false, false},
      {"cap.server.admin", true, false, false, false},
      {"cap.server.audit", true, true, false, false},
      {"cap.employee.rates", true, true, false, false},
      {"cap.read.money", true, true, false, true},
  };
  for (const auto& c : kCapabilities) {
    EXPECT_EQ(IsAllowed(Role::kAdmin, c.name), c.admin) << c.name;
    EXPECT_EQ(IsAllowed(Role::kManager, c.name), c.manager) << c.name;
    EXPECT_EQ(IsAllowed(Role::kTechnician, c.name), c.technician) << c.name;
    EXPECT_EQ(IsAllowed(Role::kConsultant, c.name), c.consultant) << c.name;
  }
  // ...and the table holds no other capability than those (a new one gets a line above).
  size_t in_table = 0;
  for (std::string_view name : PermissionTableNames()) {
    if (name.substr(0, 4) == "cap.") ++in_table;
  }
  EXPECT_EQ(in_table, std::size(kCapabilities));
}

TEST(PermissionsTest, ConsultantsNeverWrite) {
  for (const auto& m : Registry::Get().mutators()) {
    EXPECT_FALSE(IsAllowed(Role::kConsultant, m.name)) << m.name;
  }
}

TEST(PermissionsTest, CategoryCreateByRole) {
  EXPECT_TRUE(IsAllowed(Role::kAdmin, "category.create"));
  EXPECT_TRUE(IsAllowed(Role::kManager, "category.create"));
  EXPECT_FALSE(IsAllowed(Role::kTechnician, "category.create"));
  EXPECT_FALSE(IsAllowed(Role::kConsultant, "category.create"));
  EXPECT_TRUE(IsAllowed(Role::kConsultant, "category.list"));
  EXPECT_FALSE(IsAllowed(Role::kAdmin, "no.such.mutator"));
}

TEST(PermissionsTest, AdministrationAndRatesCapabilitiesByRole) {
  for (std::string_view capability : {"cap.server.admin", "cap.employee.rates"}) {
    auto names = PermissionTableNames();
    EXPECT_NE(std::find(names.begin(), names.end(), capability), names.end()) << capability;
    EXPECT_FALSE(IsAllowed(Role::kTechnician, capability)) << capability;
    EXPECT_FALSE(IsAllowed(Role::kConsultant, capability)) << capability;
  }
  EXPECT_TRUE(IsAllowed(Role::kAdmin, "cap.server.admin"));
  EXPECT_FALSE(IsAllowed(Role::kManager, "cap.server.admin"));
  EXPECT_TRUE(IsAllowed(Role::kManager, "cap.employee.rates"));
}

TEST(PermissionsTest, RolesParse) {
  EXPECT_EQ(ParseRole("technician").value(), Role::kTechnician);
  auto bad = ParseRole("root");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "role");
}

TEST(PermissionsTest, AllowedQueryListsExactlyTheRolesNames) {
  const QueryDef* def = Registry::Get().FindQuery("auth.allowed");
  ASSERT_NE(def, nullptr);
  for (Role role : {Role::kAdmin, Role::kManager, Role::kTechnician, Role::kConsultant}) {
    auto db = db::Db::Open(":memory:");
    ASSERT_TRUE(db.ok());
    auto result = def->run(**db, Json::object(), Actor{"u1", role});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->at("role"), std::string(RoleName(role)));
    EXPECT_EQ(result->at("user_id"), "u1");
    std::vector<std::string> names = result->at("names").get<std::vector<std::string>>();
    for (std::string_view name : PermissionTableNames()) {
      bool listed = std::find(names.begin(), names.end(), name) != names.end();
      EXPECT_EQ(listed, IsAllowed(role, name)) << RoleName(role) << " " << name;
    }
  }
  // Spot checks against the table's intent.
  auto db = db::Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  auto tech = def->run(**db, Json::object(), Actor{"t", Role::kTechnician});
  ASSERT_TRUE(tech.ok());
  auto names = tech->at("names").get<std::vector<std::string>>();
  EXPECT_NE(std::find(names.begin(), names.end(), "count.record"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "item.create"), names.end());
}

}  // namespace invento
