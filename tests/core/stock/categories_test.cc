#include "core/stock/categories.h"

#include <gtest/gtest.h>

#include "core/core.h"

namespace invento {
namespace {

class CategoriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Core::Open({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    core_ = std::move(c).value();
  }
  Result<Json> Create(const Json& args, Role role = Role::kAdmin) {
    return core_->Mutate("category.create", args, {.actor = {"u1", role}, .now_ms = 0});
  }
  Json List(bool archived = false) {
    auto r = core_->Query("category.list", {{"include_archived", archived}}, {"u1", Role::kConsultant});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value()["items"] : Json();
  }
  std::int64_t Count() {
    return core_->db().QueryValue("SELECT count(*) FROM categories").value().get<std::int64_t>();
  }
  std::string Id(int n) {
    char buf[37];
    std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
    return buf;
  }
  std::unique_ptr<Core> core_;
};

TEST_F(CategoriesTest, CreatesAndListsATree) {
  ASSERT_TRUE(Create({{"id", Id(1)}, {"name", "Visserie"}}).ok());
  ASSERT_TRUE(Create({{"id", Id(2)}, {"name", "Écrous"}, {"parent_id", Id(1)}}).ok());
  ASSERT_TRUE(Create({{"id", Id(3)}, {"name", "Boulons"}, {"parent_id", Id(1)}}).ok());
  ASSERT_TRUE(Create({{"id", Id(4)}, {"name", "Électricité"}, {"parent_id", nullptr}}).ok());
  Json items = List();
  ASSERT_EQ(items.size(), 4u);
  // Roots by folded name (electricite < visserie), children under their parent.
  EXPECT_EQ(items[0]["name"], "Électricité");
  EXPECT_EQ(items[1]["name"], "Visserie");
  EXPECT_EQ(items[2]["name"], "Boulons");
  EXPECT_EQ(items[2]["depth"], 1);
  EXPECT_EQ(items[2]["parent_id"], Id(1));
  EXPECT_EQ(items[3]["name"], "Écrous");
  EXPECT_EQ(items[3]["archived"], false);
}

TEST_F(CategoriesTest, DuplicateSiblingNameIsAConflictIgnoringCaseAndAccents) {
  ASSERT_TRUE(Create({{"id", Id(1)}, {"name", "Écrous"}}).ok());
  auto dup = Create({{"id", Id(2)}, {"name", "  ecrous "}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  EXPECT_EQ(dup.status().field(), "name");
  // Same name under another parent is fine.
  ASSERT_TRUE(Create({{"id", Id(3)}, {"name", "Écrous"}, {"parent_id", Id(1)}}).ok());
  EXPECT_EQ(Count(), 2);
}

TEST_F(CategoriesTest, BadInputGivesSpecificErrorsAndWritesNothing) {
  ASSERT_TRUE(Create({{"id", Id(1)}, {"name", "Visserie"}}).ok());
  struct Case {
    Json args;
    Code code;
    std::string field;
  };
  std::vector<Case> cases{
      {{{"id", Id(2)}, {"name", ""}}, Code::kInvalidArgument, "name"},
      {{{"id", Id(2)}}, Code::kInvalidArgument, "name"},
      {{{"id", "12"}, {"name", "X"}}, Code::kInvalidArgument, "id"},
      {{{"id", Id(2)}, {"name", std::string(101, 'a')}}, Code::kInvalidArgument, "name"},
      {{{"id", Id(2)}, {"name", "X"}, {"parent_id", Id(99)}}, Code::kNotFound, "parent_id"},
      {{{"id", Id(1)}, {"name", "Other"}}, Code::kConflict, "id"},
      {{{"id", Id(2)}, {"name", "X"}, {"color", "red"}}, Code::kInvalidArgument, "color"},
      {Json::array(), Code::kInvalidArgument, ""},
  };
  for (const auto& c : cases) {
    auto r = Create(c.args);
    ASSERT_FALSE(r.ok()) << c.args.dump();
    EXPECT_EQ(r.status().code(), c.code) << c.args.dump() << " " << r.status().ToString();
    EXPECT_EQ(r.status().field(), c.field) << c.args.dump();
  }
  EXPECT_EQ(Count(), 1);
}

TEST_F(CategoriesTest, PermissionsComeFromTheActorRole) {
  auto r = Create({{"id", Id(1)}, {"name", "X"}}, Role::kTechnician);
  EXPECT_EQ(r.status().code(), Code::kForbidden);
  r = Create({{"id", Id(1)}, {"name", "X"}}, Role::kConsultant);
  EXPECT_EQ(r.status().code(), Code::kForbidden);
  EXPECT_TRUE(Create({{"id", Id(1)}, {"name", "X"}}, Role::kManager).ok());
  EXPECT_EQ(Count(), 1);
}

TEST_F(CategoriesTest, DepthIsLimitedAndUnknownNamesAreRefused) {
  for (int i = 1; i <= 8; ++i) {
    Json a{{"id", Id(i)}, {"name", "L" + std::to_string(i)}};
    if (i > 1) a["parent_id"] = Id(i - 1);
    ASSERT_TRUE(Create(a).ok()) << i;
  }
  auto deep = Create({{"id", Id(9)}, {"name", "L9"}, {"parent_id", Id(8)}});
  EXPECT_EQ(deep.status().code(), Code::kFailedPrecondition);
  auto unknown = core_->Mutate("category.explode", Json::object(), {.actor = {"u1", Role::kAdmin}});
  EXPECT_EQ(unknown.status().code(), Code::kInvalidArgument);
  auto q = core_->Query("category.list", {{"include_archived", "yes"}}, {"u1", Role::kAdmin});
  EXPECT_EQ(q.status().field(), "include_archived");
}

TEST_F(CategoriesTest, EnvelopeCarriesCodeMessageAndField) {
  Json e = Envelope(Create({{"id", Id(1)}, {"name", ""}}));
  EXPECT_EQ(e["ok"], false);
  EXPECT_EQ(e["code"], "invalid_argument");
  EXPECT_EQ(e["field"], "name");
  EXPECT_FALSE(e["message"].get<std::string>().empty());
  Json ok = Envelope(Create({{"id", Id(1)}, {"name", "X"}}));
  EXPECT_EQ(ok["ok"], true);
  EXPECT_EQ(ok["result"]["id"], Id(1));
}

}  // namespace
}  // namespace invento
