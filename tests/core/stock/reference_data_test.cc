// Suppliers, locations, category edits and attribute definitions.
#include <gtest/gtest.h>

#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

class ReferenceDataTest : public testing::StockFixture {};

TEST_F(ReferenceDataTest, SupplierCreateUpdateArchive) {
  Ok("supplier.create", {{"id", Id(1)}, {"name", "Würth"}, {"email", "pro@wurth.fr"}, {"phone", "01 02"}});
  ExpectError("supplier.create", {{"id", Id(2)}, {"name", " WURTH "}}, Code::kConflict, "name");
  ExpectError("supplier.create", {{"id", Id(2)}, {"name", "Legrand"}, {"email", "not-an-email"}},
              Code::kInvalidArgument, "email");
  ExpectError("supplier.create", {{"id", Id(1)}, {"name", "Other"}}, Code::kConflict, "id");
  Ok("supplier.update", {{"id", Id(1)}, {"phone", nullptr}, {"notes", "Livraison 48 h"}});
  Json list = Query("supplier.list", Json::object());
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_TRUE(list["items"][0]["phone"].is_null());
  EXPECT_EQ(list["items"][0]["notes"], "Livraison 48 h");
  ExpectError("supplier.archive", {{"id", Id(1)}}, Code::kForbidden, "", Role::kManager);
  Ok("supplier.archive", {{"id", Id(1)}});
  EXPECT_TRUE(Query("supplier.list", Json::object())["items"].empty());
  EXPECT_EQ(Query("supplier.list", {{"include_archived", true}})["items"].size(), 1u);
  ExpectError("supplier.update", {{"id", Id(9)}, {"name", "X"}}, Code::kNotFound, "id");
}

TEST_F(ReferenceDataTest, LocationTreeRules) {
  std::string w = Warehouse(1, "Entrepôt Lyon");
  Ok("location.create", {{"id", Id(2)}, {"kind", "zone"}, {"name", "Allée A"}, {"parent_id", w}});
  Ok("location.create", {{"id", Id(3)}, {"kind", "bin"}, {"name", "A-01"}, {"parent_id", Id(2)}});
  Ok("location.create", {{"id", Id(4)}, {"kind", "vehicle"}, {"name", "Camion 12"}});
  Ok("location.create", {{"id", Id(5)}, {"kind", "site"}, {"name", "Client Dupont"}});
  ExpectError("location.create", {{"id", Id(6)}, {"kind", "bin"}, {"name", "B"}}, Code::kInvalidArgument, "parent_id");
  ExpectError("location.create", {{"id", Id(6)}, {"kind", "bin"}, {"name", "B"}, {"parent_id", Id(4)}},
              Code::kInvalidArgument, "parent_id");
  ExpectError("location.create", {{"id", Id(6)}, {"kind", "vehicle"}, {"name", "V"}, {"parent_id", w}},
              Code::kInvalidArgument, "parent_id");
  ExpectError("location.create", {{"id", Id(6)}, {"kind", "shelf"}, {"name", "S"}}, Code::kInvalidArgument, "kind");
  ExpectError("location.create", {{"id", Id(6)}, {"kind", "zone"}, {"name", "allee a"}, {"parent_id", w}},
              Code::kConflict, "name");
  ExpectError("location.update", {{"id", Id(2)}, {"parent_id", Id(3)}}, Code::kInvalidArgument, "parent_id");
  Json list = Query("location.list", Json::object());
  ASSERT_EQ(list["items"].size(), 5u);
  EXPECT_EQ(list["items"][0]["name"], "Camion 12");
  EXPECT_EQ(list["items"][3]["name"], "Allée A");
  EXPECT_EQ(list["items"][4]["name"], "A-01");
  EXPECT_EQ(list["items"][4]["depth"], 2);
}

TEST_F(ReferenceDataTest, CategoryRenameMoveAndArchive) {
  Ok("category.create", {{"id", Id(1)}, {"name", "Visserie"}});
  Ok("category.create", {{"id", Id(2)}, {"name", "Écrous"}, {"parent_id", Id(1)}});
  Ok("category.create", {{"id", Id(3)}, {"name", "Électricité"}});
  ExpectError("category.update", {{"id", Id(1)}, {"parent_id", Id(2)}}, Code::kInvalidArgument, "parent_id");
  ExpectError("category.update", {{"id", Id(3)}, {"name", "visserie"}}, Code::kConflict, "name");
  Ok("category.update", {{"id", Id(2)}, {"parent_id", nullptr}, {"name", "Écrous & rondelles"}});
  Json items = Query("category.list", Json::object())["items"];
  EXPECT_EQ(items[0]["name"], "Écrous & rondelles");
  EXPECT_EQ(items[0]["depth"], 0);
  ExpectError("category.archive", {{"id", Id(3)}}, Code::kForbidden, "", Role::kManager);
  Ok("category.archive", {{"id", Id(3)}});
  EXPECT_EQ(Query("category.list", Json::object())["items"].size(), 2u);
}

TEST_F(ReferenceDataTest, AttributeDefinitions) {
  Ok("category.create", {{"id", Id(1)}, {"name", "Câbles"}});
  Ok("attribute.create", {{"id", Id(10)}, {"category_id", Id(1)}, {"name", "Section"},
                          {"type", "number"}, {"unit", "mm²"}, {"required", true}});
  Ok("attribute.create", {{"id", Id(11)}, {"category_id", Id(1)}, {"name", "Couleur"},
                          {"type", "choice"}, {"choices", {"rouge", "bleu"}}});
  ExpectError("attribute.create", {{"id", Id(12)}, {"category_id", Id(1)}, {"name", "X"}, {"type", "choice"}},
              Code::kInvalidArgument, "choices");
  ExpectError("attribute.create", {{"id", Id(12)}, {"category_id", Id(1)}, {"name", "X"}, {"type", "text"},
                                   {"choices", {"a"}}}, Code::kInvalidArgument, "choices");
  ExpectError("attribute.create", {{"id", Id(12)}, {"category_id", Id(1)}, {"name", "section"}, {"type", "text"}},
              Code::kConflict, "name");
  ExpectError("attribute.create", {{"id", Id(12)}, {"category_id", Id(1)}, {"name", "Poids"}, {"type", "blob"}},
              Code::kInvalidArgument, "type");
  ExpectError("attribute.create", {{"id", Id(12)}, {"category_id", Id(99)}, {"name", "Poids"}, {"type", "text"}},
              Code::kNotFound, "category_id");
  ExpectError("attribute.update", {{"id", Id(10)}, {"type", "text"}}, Code::kInvalidArgument, "type");
  ExpectError("attribute.create", {{"id", Id(12)}, {"category_id", Id(1)}, {"name", "Poids"}, {"type", "text"}},
              Code::kForbidden, "", Role::kTechnician);
  Ok("category.create", {{"id", Id(2)}, {"name", "Câbles souples"}, {"parent_id", Id(1)}});
  Ok("attribute.create", {{"id", Id(13)}, {"category_id", Id(2)}, {"name", "Longueur"}, {"type", "text"}});
  Json defs = Query("attribute.list", {{"category_id", Id(2)}})["items"];
  ASSERT_EQ(defs.size(), 3u);  // inherited from the parent, then its own
  EXPECT_EQ(defs[2]["name"], "Longueur");
}

}  // namespace
}  // namespace invento
