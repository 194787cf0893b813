#include "core/tx/write_tx.h"

#include <gtest/gtest.h>

#include "core/core.h"

namespace invento {
namespace {

class WriteTxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Core::Open({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    core_ = std::move(c).value();
  }
  Json Row(const std::string& id) {
    auto st = core_->db().Prepare("SELECT * FROM categories WHERE id = ?");
    st->Bind(1, std::string_view(id));
    return st->Step().value() ? st->RowObject() : Json(nullptr);
  }
  std::unique_ptr<Core> core_;
  const std::string a_ = "00000000-0000-4000-8000-00000000000a";
};

TEST_F(WriteTxTest, PutInsertsThenUpdatesAndStampsVersion) {
  WriteTx tx(core_->db(), core_->tables(), 7);
  ASSERT_TRUE(tx.Put("categories", {{"id", a_}, {"name", "A"}, {"name_key", "a"}}).ok());
  EXPECT_EQ(Row(a_)["version"], 7);
  EXPECT_EQ(Row(a_)["archived"], 0);
  ASSERT_TRUE(tx.Put("categories", {{"id", a_}, {"archived", 1}}).ok());
  EXPECT_EQ(Row(a_)["archived"], 1);
  EXPECT_EQ(Row(a_)["name"], "A");
  ASSERT_EQ(tx.changes().size(), 1u);  // one touched row, first before-image kept
  EXPECT_TRUE(tx.changes()[0].before.is_null());
}

TEST_F(WriteTxTest, UnknownTableAndColumnAreRefused) {
  WriteTx tx(core_->db(), core_->tables(), 0);
  EXPECT_EQ(tx.Put("users; DROP TABLE categories", {{"id", a_}}).code(), Code::kInvalidArgument);
  EXPECT_EQ(tx.Put("categories", {{"id", a_}, {"evil", 1}}).code(), Code::kInternal);
  EXPECT_TRUE(tx.changes().empty());
}

TEST_F(WriteTxTest, DelMarksTombstoneAndMissingIsNotFound) {
  WriteTx tx(core_->db(), core_->tables(), 0);
  ASSERT_TRUE(tx.Put("categories", {{"id", a_}, {"name", "A"}, {"name_key", "a"}}).ok());
  ASSERT_TRUE(tx.Del("categories", a_).ok());
  EXPECT_EQ(Row(a_)["deleted"], 1);
  EXPECT_EQ(tx.Del("categories", a_).code(), Code::kNotFound);
}

TEST_F(WriteTxTest, UndoRestoresExactBeforeImages) {
  {
    WriteTx setup(core_->db(), core_->tables(), 3);
    ASSERT_TRUE(setup.Put("categories", {{"id", a_}, {"name", "A"}, {"name_key", "a"}}).ok());
  }
  Json original = Row(a_);
  const std::string b = "00000000-0000-4000-8000-00000000000b";
  WriteTx tx(core_->db(), core_->tables(), 0);
  ASSERT_TRUE(tx.Put("categories", {{"id", a_}, {"name", "Changed"}, {"archived", 1}}).ok());
  ASSERT_TRUE(tx.Put("categories", {{"id", b}, {"name", "B"}, {"name_key", "b"}}).ok());
  ASSERT_TRUE(tx.Del("categories", a_).ok());
  ASSERT_TRUE(WriteTx::Undo(core_->db(), core_->tables(), tx.changes()).ok());
  EXPECT_EQ(Row(a_), original);
  EXPECT_TRUE(Row(b).is_null());
}

}  // namespace
}  // namespace invento
