#include <gtest/gtest.h>

#include "core/csv/csv.h"
#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

class CsvIoTest : public testing::StockFixture {
 protected:
  void SetUp() override {
    StockFixture::SetUp();
    Ok("category.create", {{"id", Id(1)}, {"name", "Visserie"}});
    Ok("category.create", {{"id", Id(2)}, {"name", "Électricité"}});
    Ok("category.create", {{"id", Id(3)}, {"name", "Joints"}, {"parent_id", Id(1)}});
    Ok("category.create", {{"id", Id(4)}, {"name", "Joints"}, {"parent_id", Id(2)}});
    Ok("supplier.create", {{"id", Id(20)}, {"name", "Würth"}});
    dep10_ = Warehouse(10);
    dep11_ = Warehouse(11);
    vis_ = Item(100, "VIS-M8",
                {{"unit_price_cents", 50}, {"category_id", Id(1)}, {"barcode", "3000000000017"}});
  }
  Json Preview(const std::string& csv, Json extra = Json::object()) {
    Json args{{"csv", csv}};
    args.update(extra);
    return Query("csv.items_preview", args);
  }
  Json Import(const std::string& csv, int seed = 900) {
    return Ok("csv.items_import", {{"csv", csv}, {"id_seed", Id(seed)}});
  }
  static const Json& Line(const Json& report, int line) {
    for (const Json& l : report["lines"]) {
      if (l["line"] == line) return l;
    }
    static const Json kNone{{"action", "absent"}, {"errors", Json::array()}};
    return kNone;
  }
  // Expects line `line` to be an error whose first error is on `column`.
  static void ExpectLineError(const Json& report, int line, const Json& column) {
    const Json& l = Line(report, line);
    EXPECT_EQ(l["action"], "error") << l.dump();
    ASSERT_FALSE(l["errors"].empty()) << l.dump();
    EXPECT_EQ(l["errors"][0]["column"], column) << l.dump();
    EXPECT_FALSE(l["errors"][0]["message"].get<std::string>().empty());
  }
  Json ItemByRef(const std::string& ref) {
    auto id = core_->db().QueryValue("SELECT id FROM items WHERE reference = ?", {Json(ref)});
    if (!id.ok() || id->is_null()) return Json();
    return Query("item.get", {{"id", *id}});
  }
  std::string dep10_, dep11_, vis_;
};

// Lines 6-7 are one record (a label over two lines); line 9 is blank.
const std::string kMixed =
    kBom +
    "Référence;Libellé;Catégorie;Prix unitaire;Code-barres;Emplacement;Quantité;Couleur\r\n"
    "NEW-1;Vis M10;Visserie;12,5;111;Dépôt 10;5;rouge\r\n"
    ";Sans référence;;;;;;\r\n"
    "BAD-PRICE;Prix faux;;12,345;;;;\r\n"
    "BAD-CAT;Catégorie inconnue;Plomberie;;;;;\r\n"
    "DUP-BC;\"Code\r\nen double\";;;111;;;\r\n"
    "NEG-QTY;Négatif;;;;Dépôt 10;-3;\r\n"
    "\r\n"
    "AMBIG;Joint;Joints;;;;;\r\n"
    "PATH;Joint;Électricité > Joints;;;;;\r\n"
    "VIS-M8;Article VIS-M8;Visserie;0,50;3000000000017;;;\r\n";

TEST_F(CsvIoTest, PreviewListsPerLineErrorsByLineNumberAndWritesNothing) {
  std::string before = Snapshot();
  Json r = Preview(kMixed);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(r["separator"], ";");
  ASSERT_EQ(r["warnings"].size(), 1u);  // the unknown "Couleur" column
  EXPECT_EQ(r["warnings"][0]["column"], "Couleur");
  EXPECT_EQ(Line(r, 2)["action"], "create");
  EXPECT_EQ(Line(r, 2)["stock"], "opening");
  ExpectLineError(r, 3, "reference");
  ExpectLineError(r, 4, "unit_price");
  ExpectLineError(r, 5, "category");
  ExpectLineError(r, 6, "barcode");  // the mutator's conflict: line 2 took barcode 111
  EXPECT_EQ(Line(r, 6)["errors"][0]["code"], "conflict");
  ExpectLineError(r, 8, "qty");        // stock.receipt refuses a negative quantity
  ExpectLineError(r, 10, "category");  // "Joints" is ambiguous: the path is asked for
  EXPECT_NE(Line(r, 10)["errors"][0]["message"].get<std::string>().find("Visserie > Joints"),
            std::string::npos);
  EXPECT_EQ(Line(r, 11)["action"], "create");
  EXPECT_EQ(Line(r, 12)["action"], "unchanged");
  EXPECT_EQ(r["totals"], (Json{{"lines", 9},
                               {"create", 2},
                               {"update", 0},
                               {"unchanged", 1},
                               {"error", 6},
                               {"opening_stock", 1}}));
}

TEST_F(CsvIoTest, ImportAppliesValidLinesOnlyWithDeterministicIds) {
  Json preview = Preview(kMixed, {{"id_seed", Id(900)}});
  Json r = Import(kMixed, 900);
  EXPECT_EQ(r["lines"], preview["lines"]);  // the preview said exactly what happened
  Json item = ItemByRef("NEW-1");
  ASSERT_FALSE(item.is_null());
  EXPECT_EQ(item["id"], Line(r, 2)["item_id"]);
  EXPECT_EQ(item["unit_price_cents"], 1250);
  EXPECT_EQ(item["category_id"], Id(1));
  EXPECT_EQ(item["barcode"], "111");
  EXPECT_EQ(OnHand(item["id"].get<std::string>(), dep10_), "5");
  EXPECT_EQ(ItemByRef("PATH")["category_id"], Id(4));
  for (const char* ref : {"BAD-PRICE", "BAD-CAT", "DUP-BC", "NEG-QTY", "AMBIG"}) {
    EXPECT_TRUE(ItemByRef(ref).is_null()) << ref;
  }
  // Same seed, fresh database: same ids (a device and the server agree).
  std::string first_id = item["id"].get<std::string>();
  SetUp();
  Import(kMixed, 900);
  EXPECT_EQ(ItemByRef("NEW-1")["id"], first_id);
}

TEST_F(CsvIoTest, FrenchDecimalCommasAndEnglishFiles) {
  Import(kBom +
         "reference;label;prix unitaire;stock minimum;emplacement;qté\n"
         "FR-1;Câble;\"1 234,56\";2,5;Dépôt 11;1,25\n");
  Json fr = ItemByRef("FR-1");
  EXPECT_EQ(fr["unit_price_cents"], 123456);
  EXPECT_EQ(fr["min_qty"], "2.5");
  EXPECT_EQ(OnHand(fr["id"].get<std::string>(), dep11_), "1.25");
  // English, comma-separated, no BOM, LF, a quoted field holding the separator and a newline.
  Json r = Import(
      "Reference,Label,Description,Unit price,Minimum quantity\n"
      "EN-1,\"Bolt, hex\",\"first line\nsecond, line\",12.5,0.125\n");
  EXPECT_EQ(r["separator"], ",");
  Json en = ItemByRef("EN-1");
  EXPECT_EQ(en["label"], "Bolt, hex");
  EXPECT_EQ(en["description"], "first line\nsecond, line");
  EXPECT_EQ(en["unit_price_cents"], 1250);
  EXPECT_EQ(en["min_qty"], "0.125");
}

TEST_F(CsvIoTest, UpdatesOnlyWhatDiffersAndEmptyCellsClear) {
  Ok("item.update", {{"id", vis_}, {"description", "Acier"}, {"supplier_id", Id(20)}});
  // label changes, barcode cleared, description cleared; the price column is absent.
  Json r =
      Import("reference;label;description;barcode;fournisseur\n vis-m8 ;Vis M8 inox;;;Würth\n");
  EXPECT_EQ(Line(r, 2)["action"], "update");
  EXPECT_EQ(Line(r, 2)["item_id"], vis_);
  Json item = Query("item.get", {{"id", vis_}});
  EXPECT_EQ(item["label"], "Vis M8 inox");
  EXPECT_EQ(item["reference"], "VIS-M8");  // the match key, never rewritten by an import
  EXPECT_TRUE(item["barcode"].is_null());
  EXPECT_TRUE(item["description"].is_null());
  EXPECT_EQ(item["supplier_id"], Id(20));
  EXPECT_EQ(item["unit_price_cents"], 50);  // column absent: untouched
  // A record shorter than the header changes nothing in its missing cells.
  Ok("item.update", {{"id", vis_}, {"description", "Acier"}});
  r = Import("reference;label;description\nVIS-M8;Vis M8 inox\n");
  EXPECT_EQ(Line(r, 2)["action"], "unchanged");
  EXPECT_EQ(Query("item.get", {{"id", vis_}})["description"], "Acier");
}

TEST_F(CsvIoTest, OpeningStockOnlyWhereThereIsNoHistory) {
  Ok("stock.receipt", {{"id", Id(200)}, {"item_id", vis_}, {"location_id", dep10_}, {"qty", 10}});
  Ok("stock.issue", {{"id", Id(201)}, {"item_id", vis_}, {"location_id", dep10_}, {"qty", 4}});
  // One line per location for the same item; the second line of NEW-2 creates nothing twice.
  Json r = Import(
      "reference;label;location;qty\nVIS-M8;Vis M8;Dépôt 10;7\nVIS-M8;Vis M8;Dépôt 11;3\n"
      "NEW-2;Écrou;Dépôt 10;2\nNEW-2;Écrou;Dépôt 11;0\nNEW-2;Écrou;Dépôt 11;4\n");
  EXPECT_EQ(Line(r, 2)["stock"], "kept");
  EXPECT_NE(Line(r, 2)["warnings"][0]["message"].get<std::string>().find("on hand 6"),
            std::string::npos);
  EXPECT_EQ(Line(r, 3)["stock"], "opening");
  EXPECT_EQ(OnHand(vis_, dep10_), "6");  // not reset to 7: an opening quantity is not a delta
  EXPECT_EQ(OnHand(vis_, dep11_), "3");
  EXPECT_EQ(Line(r, 4)["action"], "create");
  EXPECT_EQ(Line(r, 5)["action"], "unchanged");
  EXPECT_FALSE(Line(r, 5).contains("stock"));  // zero: nothing recorded
  EXPECT_EQ(Line(r, 6)["stock"], "opening");
  std::string new2 = ItemByRef("NEW-2")["id"].get<std::string>();
  EXPECT_EQ(OnHand(new2, dep10_), "2");
  EXPECT_EQ(OnHand(new2, dep11_), "4");
  EXPECT_EQ(r["totals"]["opening_stock"], 3);
}

TEST_F(CsvIoTest, ReimportingTheSameFileChangesNothing) {
  const std::string file =
      kBom +
      "Référence;Libellé;Description;Catégorie;Unité;Prix unitaire;Fournisseur;Code-barres;"
      "Stock minimum;Emplacement;Quantité\r\n"
      "R-1;Vis;\"multi\r\nligne\";Visserie;pièce;1,5;Würth;999;2;Dépôt 10;10\r\n"
      "R-1;Vis;\"multi\r\nligne\";Visserie;pièce;1,5;Würth;999;2;Dépôt 11;2,5\r\n"
      "VIS-M8;Vis M8 renommée;;Visserie;;0,5;;3000000000017;;Dépôt 10;4\r\n"
      "BAD;Mauvais;;Inconnue;;;;;;;\r\n";
  Json first = Import(file, 900);
  EXPECT_EQ(first["totals"]["create"], 1);
  EXPECT_EQ(first["totals"]["update"], 1);
  EXPECT_EQ(first["totals"]["opening_stock"], 3);
  const std::string after_first = Snapshot();
  for (int seed : {900, 901}) {  // a retry, or the same file imported again later
    Json again = Import(file, seed);
    EXPECT_EQ(Snapshot(), after_first) << "seed " << seed;
    EXPECT_EQ(again["totals"], (Json{{"lines", 4},
                                     {"create", 0},
                                     {"update", 0},
                                     {"unchanged", 3},
                                     {"error", 1},
                                     {"opening_stock", 0}}));
    for (int line : {2, 4, 6}) EXPECT_EQ(Line(again, line)["stock"], "kept") << line;
  }
}

TEST_F(CsvIoTest, WholeFileErrors) {
  auto fails = [&](const std::string& csv, const std::string& needle) {
    std::string before = Snapshot();
    auto r = Run("csv.items_import", {{"csv", csv}, {"id_seed", Id(900)}});
    ASSERT_FALSE(r.ok()) << csv;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "csv");
    EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
    EXPECT_EQ(Snapshot(), before);
  };
  fails("reference;label\nA;ok\nB;\"open\nC;x\n", "line 3:");
  fails("reference;label\nA;d\xE9p\xF4t\n", "line 2:");
  fails("label;unit\nA;m\n", "no reference column");
  fails("Référence;ref\nA;B\n", "both mean reference");
  fails("", "empty");
  ExpectError("csv.items_import", {{"csv", "reference\nA\n"}}, Code::kInvalidArgument, "id_seed");
  ExpectError("csv.items_import", {{"csv", 3}, {"id_seed", Id(900)}}, Code::kInvalidArgument,
              "csv");
}

TEST_F(CsvIoTest, ExportItemsRoundTripsAsUnchanged) {
  Item(101, "=CMD",
       {{"label", "-danger; \"quoted\"\nsecond line"},
        {"description", "@x"},
        {"category_id", Id(3)},
        {"supplier_id", Id(20)},
        {"supplier_ref", "W-1"},
        {"unit", "m"},
        {"unit_price_cents", 123456},
        {"min_qty", "2.5"}});
  Item(102, "JOINT-2", {{"category_id", Id(4)}});
  for (const char* locale : {"fr", "en"}) {
    Json e = Query("csv.export_items", {{"locale", locale}});
    const std::string content = e["content"].get<std::string>();
    EXPECT_EQ(content.rfind(kBom, 0), 0u);
    EXPECT_EQ(e["rows"], 3);
    if (std::string(locale) == "fr") {
      EXPECT_EQ(e["filename"], "articles.csv");
      EXPECT_EQ(content.rfind(kBom + "Référence;Libellé;Description;Catégorie;", 0), 0u) << content;
      EXPECT_NE(content.find("'=CMD;\"'-danger; \"\"quoted\"\"\nsecond line\";'@x;Visserie > "
                             "Joints;m;1234,56;Würth;W-1;;2,5\r\n"),
                std::string::npos)
          << content;
    } else {
      EXPECT_EQ(content.rfind(kBom + "Reference,Label,Description,Category,", 0), 0u) << content;
      EXPECT_NE(content.find(",m,1234.56,"), std::string::npos) << content;
    }
    Json r = Preview(content);
    EXPECT_TRUE(r["warnings"].empty()) << r["warnings"].dump();
    EXPECT_EQ(r["totals"]["unchanged"], 3) << r.dump(1);
    EXPECT_EQ(r["totals"]["lines"], 3);
  }
}

TEST_F(CsvIoTest, ExportStockMovementsAndCount) {
  Ok("stock.receipt",
     {{"id", Id(200)}, {"item_id", vis_}, {"location_id", dep10_}, {"qty", 10}, {"note", "=1+1"}});
  Ok("stock.transfer", {{"id", Id(201)},
                        {"item_id", vis_},
                        {"from_location_id", dep10_},
                        {"to_location_id", dep11_},
                        {"qty", "2.5"}});
  Json stock = Query("csv.export_stock", {{"locale", "fr"}});
  EXPECT_EQ(stock["content"],
            kBom +
                "Emplacement;Référence;Libellé;Unité;Quantité;Prix unitaire;Valeur\r\n"
                "Dépôt 10;VIS-M8;Article VIS-M8;piece;7,5;0,50;3,75\r\n"
                "Dépôt 11;VIS-M8;Article VIS-M8;piece;2,5;0,50;1,25\r\n");
  Json one = Query("csv.export_stock", {{"locale", "en"}, {"location_id", dep11_}});
  EXPECT_EQ(one["filename"], "stock_depot_11.csv");
  EXPECT_EQ(one["content"], kBom +
                                "Location,Reference,Label,Unit,Quantity,Unit price,Value\r\n"
                                "Dépôt 11,VIS-M8,Article VIS-M8,piece,2.5,0.50,1.25\r\n");

  Json mv = Query("csv.export_movements", {{"locale", "fr"}, {"from", now_ - 1}, {"to", now_ + 1}});
  EXPECT_EQ(mv["filename"], "mouvements_2027-01-15_2027-01-15.csv");
  const std::string m = mv["content"].get<std::string>();
  EXPECT_EQ(m.rfind(kBom + "Date (UTC);Type;Référence;", 0), 0u) << m;
  EXPECT_NE(
      m.find("2027-01-15 08:00;Réception;VIS-M8;Article VIS-M8;;Dépôt 10;10;piece;0,50;;'=1+1;"),
      std::string::npos)
      << m;
  EXPECT_NE(m.find("2027-01-15 08:00;Transfert;VIS-M8;Article VIS-M8;Dépôt 10;Dépôt 11;2,5;"),
            std::string::npos)
      << m;
  EXPECT_EQ(Query("csv.export_movements",
                  {{"locale", "en"}, {"from", now_ + 1}, {"to", now_ + 2}})["rows"],
            0);
  auto backwards =
      core_->Query("csv.export_movements", {{"locale", "en"}, {"from", now_}, {"to", now_ - 1}},
                   {"u", Role::kAdmin});
  EXPECT_EQ(backwards.status().field(), "to");

  Ok("count.open", {{"id", Id(500)}, {"location_id", dep10_}});
  Ok("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"item_id", vis_}, {"qty", 8}});
  Json count = Query("csv.export_count", {{"locale", "fr"}, {"session_id", Id(500)}});
  EXPECT_EQ(count["filename"], "comptage_2027-01-15.csv");
  EXPECT_EQ(count["content"],
            kBom +
                "Référence;Libellé;Unité;Emplacement;Compté;Attendu;Écart;Valeur de l'écart\r\n"
                "VIS-M8;Article VIS-M8;piece;Dépôt 10;8;7,5;0,5;0,25\r\n");
  Json en = Query("csv.export_count", {{"locale", "en"}, {"session_id", Id(500)}});
  EXPECT_NE(en["content"].get<std::string>().find("VIS-M8,Article VIS-M8,piece,Dépôt 10,8,7.5,0.5,0.25\r\n"),
            std::string::npos);
}

TEST_F(CsvIoTest, Permissions) {
  const std::string file = "reference;label\nP-1;x\n";
  for (Role role : {Role::kTechnician, Role::kConsultant}) {
    ExpectError("csv.items_import", {{"csv", file}, {"id_seed", Id(900)}}, Code::kForbidden, "",
                role);
    EXPECT_EQ(core_->Query("csv.items_preview", {{"csv", file}}, {"u", role}).status().code(),
              Code::kForbidden);
  }
  EXPECT_EQ(core_->Query("csv.export_items", {{"locale", "fr"}}, {"u", Role::kTechnician})
                .status()
                .code(),
            Code::kForbidden);
  Query("csv.export_items", {{"locale", "fr"}}, Role::kConsultant);
  Json r = Ok("csv.items_import", {{"csv", file}, {"id_seed", Id(900)}}, Role::kManager);
  EXPECT_EQ(r["totals"]["create"], 1);
}

}  // namespace
}  // namespace invento
