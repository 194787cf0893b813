// The read-scope table (core/auth/permissions.h): which role reads through which scope, and
// that every line of the table names a real replicated table or column whose masked value
// the schema accepts.
#include <gtest/gtest.h>

#include "core/auth/permissions.h"
#include "core/core.h"
#include "core/sync/protocol.h"

namespace invento {
namespace {

TEST(ReadScopesTest, TechniciansReadTheFieldScopeEveryoneElseEverything) {
  EXPECT_EQ(ReadScopeOf(Role::kAdmin), ReadScope::kFull);
  EXPECT_EQ(ReadScopeOf(Role::kManager), ReadScope::kFull);
  EXPECT_EQ(ReadScopeOf(Role::kConsultant), ReadScope::kFull);
  EXPECT_EQ(ReadScopeOf(Role::kTechnician), ReadScope::kField);
  for (ReadScope s : AllReadScopes()) EXPECT_EQ(ParseReadScope(ReadScopeName(s)).value(), s);
  EXPECT_EQ(ParseReadScope("everything").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseReadScope("").status().code(), Code::kInvalidArgument);
}

TEST(ReadScopesTest, TheFieldScopeHidesRatesCostLinesBudgetsAndPrices) {
  auto core = Core::Open({}).value();
  int hidden_tables = 0, hidden_columns = 0;
  for (const auto& t : core->tables().tables()) {
    EXPECT_TRUE(CanReadTable(ReadScope::kFull, t.name)) << t.name;
    if (!CanReadTable(ReadScope::kField, t.name)) ++hidden_tables;
    for (const auto& c : t.columns) {
      EXPECT_EQ(MaskedColumn(ReadScope::kFull, t.name, c), nullptr) << t.name << "." << c;
      if (MaskedColumn(ReadScope::kField, t.name, c)) ++hidden_columns;
    }
  }
  // Counting over the live schema: a misspelt table or column in the table would be missed.
  EXPECT_EQ(hidden_tables, 2);
  EXPECT_EQ(hidden_columns, 3);
  EXPECT_FALSE(CanReadTable(ReadScope::kField, "employee_rates"));
  EXPECT_FALSE(CanReadTable(ReadScope::kField, "project_cost_lines"));
  EXPECT_STREQ(MaskedColumn(ReadScope::kField, "projects", "budget_cents"), "0");
  EXPECT_STREQ(MaskedColumn(ReadScope::kField, "items", "unit_price_cents"), "0");
  EXPECT_STREQ(MaskedColumn(ReadScope::kField, "stock_movements", "unit_cost_cents"), "NULL");
  // The identity columns of sync are never hidden.
  for (const char* c : {"id", "version", "deleted"}) {
    EXPECT_EQ(MaskedColumn(ReadScope::kField, "projects", c), nullptr);
  }
}

TEST(ReadScopesTest, EveryProjectionIsValidSqlAndItsMaskedValuesFitTheSchema) {
  auto core = Core::Open({}).value();
  const auto& db = core->db();
  for (ReadScope s : AllReadScopes()) {
    for (const auto& t : core->tables().tables()) {
      const std::string select = sync::ScopedSelect(t, s);
      if (!CanReadTable(s, t.name)) {
        EXPECT_EQ(select, "") << t.name;
        continue;
      }
      EXPECT_TRUE(db.Prepare(select).ok()) << select;
      for (const auto& c : t.columns) {
        // A masked value must be storable: NULL only in a column that allows it. (The
        // server tests store every masked value in real rows.)
        if (const char* masked = MaskedColumn(s, t.name, c)) {
          auto info = db.QueryValue("SELECT \"notnull\" FROM pragma_table_info(?) WHERE name = ?",
                                    {Json(t.name), Json(c)});
          EXPECT_TRUE(std::string(masked) != "NULL" || info.value() == 0) << t.name << "." << c;
        }
      }
    }
  }
}

}  // namespace
}  // namespace invento
