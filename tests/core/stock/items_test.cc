#include <gtest/gtest.h>

#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

class ItemsTest : public testing::StockFixture {
 protected:
  void SetUp() override {
    StockFixture::SetUp();
    Ok("category.create", {{"id", Id(1)}, {"name", "Câbles"}});
    Ok("attribute.create", {{"id", Id(10)}, {"category_id", Id(1)}, {"name", "Section"},
                            {"type", "number"}, {"required", true}});
    Ok("attribute.create", {{"id", Id(11)}, {"category_id", Id(1)}, {"name", "Couleur"},
                            {"type", "choice"}, {"choices", {"rouge", "bleu"}}});
    Ok("attribute.create", {{"id", Id(12)}, {"category_id", Id(1)}, {"name", "Contrôlé le"},
                            {"type", "date"}});
    Ok("supplier.create", {{"id", Id(20)}, {"name", "Rexel"}});
  }
};

TEST_F(ItemsTest, CreatesWithAllFieldsAndTypedAttributes) {
  Ok("item.create", {{"id", Id(100)}, {"reference", " CAB-2.5 "}, {"label", "Câble 2,5 mm²"},
                     {"category_id", Id(1)}, {"unit", "m"}, {"unit_price_cents", 129},
                     {"supplier_id", Id(20)}, {"supplier_ref", "RX-99"}, {"barcode", "3245678901234"},
                     {"min_qty", "12,5"},
                     {"attributes", {{Id(10), "2,5"}, {Id(11), "bleu"}, {Id(12), "2024-02-29"}}}});
  Json item = Query("item.get", {{"id", Id(100)}});
  EXPECT_EQ(item["reference"], "CAB-2.5");  // trimmed
  EXPECT_EQ(item["unit_price_cents"], 129);
  EXPECT_EQ(item["min_qty"], "12.5");
  EXPECT_EQ(item["attributes"][Id(10)], "2.5");  // canonical decimal
  EXPECT_EQ(item["attributes"][Id(12)], "2024-02-29");
}

TEST_F(ItemsTest, ReferenceAndBarcodeAreUnique) {
  Item(100, "REF-001", {{"barcode", "123"}});
  ExpectError("item.create", {{"id", Id(101)}, {"reference", "  ref-001 "}, {"label", "X"}},
              Code::kConflict, "reference");
  ExpectError("item.create", {{"id", Id(101)}, {"reference", "REF-002"}, {"label", "X"}, {"barcode", "123"}},
              Code::kConflict, "barcode");
  Item(101, "REF-002");
  ExpectError("item.update", {{"id", Id(101)}, {"reference", "Ref-001"}}, Code::kConflict, "reference");
  Ok("item.update", {{"id", Id(101)}, {"reference", "REF-002"}, {"label", "Renamed"}});  // itself: fine
}

TEST_F(ItemsTest, AttributeValidationErrorsNameTheAttribute) {
  std::string f10 = "attributes." + Id(10), f11 = "attributes." + Id(11), f12 = "attributes." + Id(12);
  Json base{{"id", Id(100)}, {"reference", "C1"}, {"label", "Câble"}, {"category_id", Id(1)}};
  auto with = [&](Json attrs) { Json a = base; a["attributes"] = attrs; return a; };
  ExpectError("item.create", base, Code::kInvalidArgument, f10);  // required missing
  ExpectError("item.create", with({{Id(10), "abc"}}), Code::kInvalidArgument, f10);
  ExpectError("item.create", with({{Id(10), 2.5}}), Code::kInvalidArgument, f10);  // float refused
  ExpectError("item.create", with({{Id(10), "1"}, {Id(11), "vert"}}), Code::kInvalidArgument, f11);
  ExpectError("item.create", with({{Id(10), "1"}, {Id(12), "2023-02-29"}}), Code::kInvalidArgument, f12);
  ExpectError("item.create", with({{Id(10), "1"}, {Id(99), "x"}}), Code::kInvalidArgument, "attributes." + Id(99));
  ExpectError("item.create", with(Json::array()), Code::kInvalidArgument, "attributes");
  // Moving an item into a category with a required attribute needs that attribute.
  Item(101, "PLAIN");
  ExpectError("item.update", {{"id", Id(101)}, {"category_id", Id(1)}}, Code::kInvalidArgument, f10);
  Ok("item.update", {{"id", Id(101)}, {"category_id", Id(1)}, {"attributes", {{Id(10), 4}}}});
}

TEST_F(ItemsTest, BadValuesAreRefused) {
  ExpectError("item.create", {{"id", Id(100)}, {"reference", "X"}, {"label", "X"}, {"unit_price_cents", 1.5}},
              Code::kInvalidArgument, "unit_price_cents");
  ExpectError("item.create", {{"id", Id(100)}, {"reference", "X"}, {"label", "X"}, {"unit_price_cents", -1}},
              Code::kInvalidArgument, "unit_price_cents");
  ExpectError("item.create", {{"id", Id(100)}, {"reference", "X"}, {"label", "X"}, {"min_qty", "-1"}},
              Code::kInvalidArgument, "min_qty");
  ExpectError("item.create", {{"id", Id(100)}, {"reference", std::string(65, 'R')}, {"label", "X"}},
              Code::kInvalidArgument, "reference");
  ExpectError("item.create", {{"id", Id(100)}, {"reference", "X"}, {"label", "X"}, {"supplier_id", Id(77)}},
              Code::kNotFound, "supplier_id");
  ExpectError("item.create", {{"id", Id(100)}, {"reference", "X"}, {"label", "X"}}, Code::kForbidden, "",
              Role::kTechnician);
  ExpectError("item.create", {{"id", Id(100)}, {"reference", "X"}, {"label", "X"}}, Code::kForbidden, "",
              Role::kConsultant);
}

TEST_F(ItemsTest, ArchiveAndPerLocationMinimum) {
  std::string item = Item(100, "REF-1"), w = Warehouse(2);
  Ok("item.set_location_min", {{"id", Id(300)}, {"item_id", item}, {"location_id", w}, {"min_qty", 5}});
  Ok("item.set_location_min", {{"id", Id(301)}, {"item_id", item}, {"location_id", w}, {"min_qty", "7.5"}});
  Json got = Query("item.get", {{"id", item}});
  ASSERT_EQ(got["location_mins"].size(), 1u);  // one live row per pair, updated in place
  EXPECT_EQ(got["location_mins"][0]["min_qty"], "7.5");
  Ok("item.set_location_min", {{"id", Id(302)}, {"item_id", item}, {"location_id", w}, {"min_qty", nullptr}});
  EXPECT_TRUE(Query("item.get", {{"id", item}})["location_mins"].empty());
  ExpectError("item.archive", {{"id", item}}, Code::kForbidden, "", Role::kManager);
  Ok("item.archive", {{"id", item}});
  EXPECT_EQ(Query("item.get", {{"id", item}})["archived"], true);
}

}  // namespace
}  // namespace invento
