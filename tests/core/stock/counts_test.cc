#include <gtest/gtest.h>

#include <set>

#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

class CountsTest : public testing::StockFixture {
 protected:
  void SetUp() override {
    StockFixture::SetUp();
    Ok("category.create", {{"id", Id(1)}, {"name", "Visserie"}});
    vis_ = Item(100, "VIS-M8", {{"barcode", "3000000000017"}, {"unit_price_cents", 50}, {"category_id", Id(1)}});
    ecrou_ = Item(101, "ECROU-M8", {{"unit_price_cents", 20}, {"category_id", Id(1)}});
    colle_ = Item(102, "COLLE", {{"unit_price_cents", 500}});
    loc_ = Warehouse(10);
    for (auto [n, item, qty] : {std::tuple{200, vis_, 10}, {201, ecrou_, 5}, {202, colle_, 2}}) {
      Ok("stock.receipt", {{"id", Id(n)}, {"item_id", item}, {"location_id", loc_}, {"qty", qty},
                           {"occurred_at", now_ - 86400000}});
    }
  }
  Json Record(int n, Json args, Role role = Role::kAdmin) {
    args["id"] = Id(n);
    args["session_id"] = Id(500);
    return Ok("count.record", args, role);
  }
  std::string vis_, ecrou_, colle_, loc_;
};

TEST_F(CountsTest, FullCountAddModeByBarcodeReferenceAndId) {
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}, {"name", "Inventaire annuel"}});
  Json r = Record(501, {{"barcode", "3000000000017"}, {"qty", 4}});
  EXPECT_EQ(r["item_id"], vis_);
  EXPECT_EQ(r["counted"], "4");
  EXPECT_EQ(r["expected"], "10");
  r = Record(502, {{"reference", " vis-m8 "}, {"qty", 5}});
  EXPECT_EQ(r["counted"], "9");  // repeated scans add up
  Record(503, {{"item_id", ecrou_}, {"qty", "5"}});
  Json review = Query("count.review", {{"session_id", Id(500)}});
  ASSERT_EQ(review["lines"].size(), 2u);
  EXPECT_EQ(review["lines"][0]["reference"], "ECROU-M8");
  EXPECT_EQ(review["lines"][0]["variance"], "0");
  EXPECT_EQ(review["lines"][1]["variance"], "-1");
  EXPECT_EQ(review["lines"][1]["variance_value_cents"], -50);
  ASSERT_EQ(review["uncounted"].size(), 1u);  // colle holds stock here, never counted
  EXPECT_EQ(review["uncounted"][0]["reference"], "COLLE");
  Json closed = Ok("count.close", {{"session_id", Id(500)}});
  EXPECT_EQ(closed["observations"], 2);
  EXPECT_EQ(OnHand(vis_, loc_), "9");
  EXPECT_EQ(OnHand(colle_, loc_), "2");  // uncounted: reported, not zeroed
  // The review of the closed count keeps the variances found (expected = before the count).
  Json after = Query("count.review", {{"session_id", Id(500)}});
  EXPECT_EQ(after["session"]["status"], "closed");
  EXPECT_EQ(after["lines"][1]["expected"], "10");
  EXPECT_EQ(after["lines"][1]["variance"], "-1");
  EXPECT_EQ(after["variance_value_cents"], -50);
  EXPECT_EQ(after["uncounted"][0]["expected"], "2");
  // Read-only once closed.
  ExpectError("count.record", {{"id", Id(510)}, {"session_id", Id(500)}, {"item_id", vis_}, {"qty", 1}},
              Code::kFailedPrecondition, "");
  ExpectError("count.undo_last", {{"session_id", Id(500)}}, Code::kFailedPrecondition, "");
  ExpectError("count.close", {{"session_id", Id(500)}}, Code::kFailedPrecondition, "");
}

// A count opened on a warehouse counts the stock of its zones and bins: each line says
// where, the review lists every place holding stock in the subtree, and closing writes each
// observation to its place — never stock at the warehouse itself for what lies in a bin.
TEST_F(CountsTest, AWarehouseCountCountsItsZonesAndBins) {
  Ok("location.create", {{"id", Id(20)}, {"kind", "zone"}, {"name", "Allée A"}, {"parent_id", loc_}});
  Ok("location.create", {{"id", Id(21)}, {"kind", "bin"}, {"name", "A-01"}, {"parent_id", Id(20)}});
  Ok("location.create", {{"id", Id(22)}, {"kind", "bin"}, {"name", "A-02"}, {"parent_id", Id(20)}});
  const std::string other = Warehouse(11);
  Ok("stock.receipt", {{"id", Id(210)}, {"item_id", vis_}, {"location_id", Id(21)}, {"qty", 30},
                       {"occurred_at", now_ - 86400000}});
  Ok("stock.receipt", {{"id", Id(211)}, {"item_id", ecrou_}, {"location_id", Id(22)}, {"qty", 12},
                       {"occurred_at", now_ - 86400000}});
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}});
  // Uncounted so far: vis at the warehouse and in A-01, écrou at the warehouse and in A-02, colle.
  Json before = Query("count.review", {{"session_id", Id(500)}});
  ASSERT_EQ(before["uncounted"].size(), 5u) << before.dump();
  std::set<std::pair<std::string, std::string>> places;
  for (const auto& o : before["uncounted"]) places.insert({o["reference"].get<std::string>(), o["location"].get<std::string>()});
  EXPECT_EQ(places.count({"VIS-M8", "A-01"}), 1u);
  EXPECT_EQ(places.count({"ECROU-M8", "A-02"}), 1u);
  // Count vis in the bin (28 of 30) and at the warehouse (10 of 10); écrou in A-02 (12).
  Json r = Record(501, {{"item_id", vis_}, {"qty", 28}, {"location_id", Id(21)}});
  EXPECT_EQ(r["location_id"], Id(21));
  EXPECT_EQ(r["counted"], "28");
  EXPECT_EQ(r["expected"], "30");
  r = Record(502, {{"item_id", vis_}, {"qty", 10}});
  EXPECT_EQ(r["location_id"], loc_);
  EXPECT_EQ(r["counted"], "10");  // counted apart from the bin's
  EXPECT_EQ(r["expected"], "10");
  Record(503, {{"item_id", ecrou_}, {"qty", 12}, {"location_id", Id(22)}});
  // A place outside the warehouse, or unknown, is refused and changes nothing.
  ExpectError("count.record", {{"id", Id(504)}, {"session_id", Id(500)}, {"item_id", vis_}, {"qty", 1},
                               {"location_id", other}},
              Code::kInvalidArgument, "location_id");
  ExpectError("count.record", {{"id", Id(505)}, {"session_id", Id(500)}, {"item_id", vis_}, {"qty", 1},
                               {"location_id", Id(99)}},
              Code::kNotFound, "location_id");
  Json review = Query("count.review", {{"session_id", Id(500)}});
  ASSERT_EQ(review["lines"].size(), 3u) << review.dump();
  for (const auto& o : review["lines"]) {
    if (o["location_id"] == Id(21)) {
      EXPECT_EQ(o["location"], "A-01");
      EXPECT_EQ(o["variance"], "-2");
      EXPECT_EQ(o["variance_value_cents"], -100);
    } else {
      EXPECT_EQ(o["variance"], "0") << o.dump();
    }
  }
  EXPECT_EQ(review["variance_value_cents"], -100);
  Json undone = Ok("count.undo_last", {{"session_id", Id(500)}});
  EXPECT_EQ(undone["location_id"], Id(22));
  Record(506, {{"item_id", ecrou_}, {"qty", 11}, {"location_id", Id(22)}});
  Json closed = Ok("count.close", {{"session_id", Id(500)}});
  EXPECT_EQ(closed["observations"], 3);
  EXPECT_EQ(OnHand(vis_, Id(21)), "28");
  EXPECT_EQ(OnHand(ecrou_, Id(22)), "11");
  const auto at_warehouse = [&](const std::string& item) {
    return core_->db().QueryValue("SELECT qty FROM stock_onhand WHERE item_id = ? AND location_id = ?",
                                  {Json(item), Json(loc_)}).value();
  };
  EXPECT_EQ(at_warehouse(vis_), Json(10000));   // milli-units: unchanged
  EXPECT_EQ(at_warehouse(ecrou_), Json(5000));  // not counted there: kept
  // The closed review keeps the variances found, place by place.
  Json after = Query("count.review", {{"session_id", Id(500)}});
  for (const auto& o : after["lines"]) {
    if (o["location_id"] == Id(21)) EXPECT_EQ(o["expected"], "30");
    if (o["location_id"] == Id(22)) EXPECT_EQ(o["variance"], "-1");
  }
}

// While a blind count of a warehouse is open, a technician sees no book quantity in its bins.
TEST_F(CountsTest, ABlindWarehouseCountHidesItsBinsToo) {
  Ok("location.create", {{"id", Id(21)}, {"kind", "bin"}, {"name", "B-01"}, {"parent_id", loc_}});
  Ok("stock.receipt", {{"id", Id(210)}, {"item_id", vis_}, {"location_id", Id(21)}, {"qty", 30},
                       {"occurred_at", now_ - 86400000}});
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}, {"blind", true}});
  Json rows = Query("stock.onhand", {{"item_id", vis_}, {"location_id", Id(21)}}, Role::kTechnician)["rows"];
  ASSERT_EQ(rows.size(), 1u) << rows.dump();
  EXPECT_TRUE(rows[0]["qty"].is_null()) << rows.dump();
  EXPECT_EQ(rows[0]["hidden"], true);
  EXPECT_EQ(OnHand(vis_, Id(21)), "30");  // the admin still sees it
}

TEST_F(CountsTest, ObservationsAreDatedWhenCountedNotWhenClosed) {
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}});
  Record(501, {{"item_id", vis_}, {"qty", 7}, {"counted_at", now_ - 3600000}});
  // Issued after the line was counted but before the close: must still apply.
  Ok("stock.issue", {{"id", Id(600)}, {"item_id", vis_}, {"location_id", loc_}, {"qty", 2},
                     {"occurred_at", now_ - 1800000}});
  Ok("count.close", {{"session_id", Id(500)}});
  EXPECT_EQ(OnHand(vis_, loc_), "5");
  // Closed review: expected is what the ledger held just before the observation (10), not
  // the issue that came after it.
  Json review = Query("count.review", {{"session_id", Id(500)}});
  EXPECT_EQ(review["lines"][0]["expected"], "10");
  EXPECT_EQ(review["lines"][0]["variance"], "-3");
  Json obs = Query("stock.movements", {{"item_id", vis_}, {"limit", 5}})["rows"];
  bool found = false;
  for (const auto& m : obs) {
    if (m["kind"] == "count") {
      EXPECT_EQ(m["occurred_at"], now_ - 3600000);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(CountsTest, ReplaceModeAndUndoLast) {
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}, {"repeat_mode", "replace"}});
  Record(501, {{"item_id", vis_}, {"qty", 4}, {"counted_at", now_ - 3}});
  Record(502, {{"item_id", vis_}, {"qty", 6}, {"counted_at", now_ - 2}});
  Record(503, {{"item_id", ecrou_}, {"qty", 1}, {"counted_at", now_ - 1}});
  Json undone = Ok("count.undo_last", {{"session_id", Id(500)}});
  EXPECT_EQ(undone["undone_line_id"], Id(503));
  Ok("count.undo_last", {{"session_id", Id(500)}});  // undo the 6: back to 4
  Json review = Query("count.review", {{"session_id", Id(500)}});
  ASSERT_EQ(review["lines"].size(), 1u);
  EXPECT_EQ(review["lines"][0]["counted"], "4");
  ExpectError("count.record", {{"id", Id(504)}, {"session_id", Id(500)}, {"item_id", vis_}, {"qty", -1}},
              Code::kInvalidArgument, "qty");
}

TEST_F(CountsTest, BlindModeHidesExpectedFromTechniciansOnly) {
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}, {"blind", true}});
  // The technician (user-1) works with the warehouse: technicians count only there.
  Ok("employee.create", {{"id", Id(20)}, {"name", "Tech"}, {"user_id", "user-1"}});
  Ok("location.assign", {{"id", Id(21)}, {"location_id", loc_}, {"employee_id", Id(20)}});
  Json r = Record(501, {{"item_id", vis_}, {"qty", 3}}, Role::kTechnician);
  EXPECT_FALSE(r.contains("expected"));
  Json tech = Query("count.review", {{"session_id", Id(500)}}, Role::kTechnician);
  EXPECT_FALSE(tech["lines"][0].contains("expected"));
  EXPECT_FALSE(tech["lines"][0].contains("variance"));
  EXPECT_FALSE(tech["uncounted"][0].contains("expected"));
  Json manager = Query("count.review", {{"session_id", Id(500)}}, Role::kManager);
  EXPECT_EQ(manager["lines"][0]["expected"], "10");
  EXPECT_EQ(manager["lines"][0]["variance"], "-7");
}

// While a blind count is open, the technician's stock screens do not show the book quantity of
// the items in its scope at that location (stock.onhand, alert.list); managers still see it,
// other locations and items out of scope stay visible, and closing the count shows it again.
TEST_F(CountsTest, OpenBlindCountHidesBookQuantitiesFromTechnicians) {
  std::string van = Warehouse(11);
  Ok("stock.receipt", {{"id", Id(210)}, {"item_id", vis_}, {"location_id", van}, {"qty", 4}});
  Ok("item.set_location_min", {{"id", Id(211)}, {"item_id", colle_}, {"location_id", loc_}, {"min_qty", 5}});
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}, {"blind", true}, {"scope", "category"},
                    {"category_id", Id(1)}});

  auto row = [](const Json& onhand, const std::string& location) {
    for (const auto& r : onhand["rows"]) {
      if (r["location_id"] == location) return r;
    }
    return Json();
  };
  Json tech = Query("stock.onhand", {{"item_id", vis_}}, Role::kTechnician);
  EXPECT_TRUE(row(tech, loc_)["qty"].is_null());
  EXPECT_EQ(row(tech, loc_)["hidden"], true);
  EXPECT_TRUE(row(tech, loc_)["value_cents"].is_null());
  EXPECT_EQ(row(tech, van)["qty"], "4") << "another location stays visible";
  EXPECT_EQ(tech["total"], "4") << "the hidden quantity is not in the total";
  EXPECT_EQ(Query("stock.onhand", {{"item_id", colle_}}, Role::kTechnician)["rows"][0]["qty"], "2")
      << "an item outside the count's category stays visible";
  EXPECT_EQ(row(Query("stock.onhand", {{"item_id", vis_}}, Role::kManager), loc_)["qty"], "10");
  EXPECT_EQ(row(Query("stock.onhand", {{"item_id", ecrou_}, {"location_id", loc_}}, Role::kConsultant),
                loc_)["hidden"],
            true);

  // Movements add up to the quantity: at the counted location they say what moved, not how much.
  Json moves = Query("stock.movements", {{"item_id", vis_}}, Role::kTechnician);
  ASSERT_EQ(moves["rows"].size(), 2u);
  for (const auto& m : moves["rows"]) {
    if (m["to_location_id"] == loc_) {
      EXPECT_TRUE(m["qty"].is_null());
      EXPECT_EQ(m["hidden"], true);
    } else {
      EXPECT_EQ(m["qty"], "4");
    }
  }
  EXPECT_EQ(Query("stock.movements", {{"item_id", vis_}}, Role::kManager)["rows"][1]["qty"], "10");

  // alert.list: the out-of-scope item's alert stays; an in-scope one at that location goes.
  Ok("item.set_location_min", {{"id", Id(212)}, {"item_id", ecrou_}, {"location_id", loc_}, {"min_qty", 9}});
  auto alerted = [&](Role role) {
    std::set<std::string> items;
    Json list = Query("alert.list", {{"as_of", now_}, {"below_minimum_only", true}}, role);
    for (const auto& a : list["alerts"]) {
      items.insert(a["item_id"].get<std::string>());
    }
    return items;
  };
  EXPECT_EQ(alerted(Role::kTechnician), (std::set<std::string>{colle_}));
  EXPECT_EQ(alerted(Role::kManager), (std::set<std::string>{colle_, ecrou_}));

  Ok("count.close", {{"session_id", Id(500)}});
  EXPECT_EQ(row(Query("stock.onhand", {{"item_id", vis_}}, Role::kTechnician), loc_)["qty"], "10")
      << "once the count is closed the quantity shows again";
}

TEST_F(CountsTest, ScopesAndErrors) {
  Ok("count.open", {{"id", Id(500)}, {"location_id", loc_}, {"scope", "category"}, {"category_id", Id(1)}});
  ExpectError("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"item_id", colle_}, {"qty", 1}},
              Code::kFailedPrecondition, "");
  ExpectError("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"barcode", "999"}, {"qty", 1}},
              Code::kNotFound, "barcode");
  ExpectError("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"reference", "NOPE"}, {"qty", 1}},
              Code::kNotFound, "reference");
  ExpectError("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"item_id", vis_}, {"barcode", "1"},
                               {"qty", 1}}, Code::kInvalidArgument, "item_id");
  ExpectError("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"item_id", vis_}, {"qty", 1}},
              Code::kForbidden, "", Role::kConsultant);
  ExpectError("count.undo_last", {{"session_id", Id(500)}}, Code::kNotFound, "session_id");
  ExpectError("count.open", {{"id", Id(520)}, {"location_id", loc_}, {"scope", "category"}},
              Code::kInvalidArgument, "category_id");
  ExpectError("count.open", {{"id", Id(520)}, {"location_id", loc_}, {"scope", "list"}, {"item_ids", Json::array()}},
              Code::kInvalidArgument, "item_ids");
  ExpectError("count.open", {{"id", Id(520)}, {"location_id", loc_}}, Code::kForbidden, "", Role::kTechnician);
  Ok("count.open", {{"id", Id(521)}, {"location_id", loc_}, {"scope", "list"}, {"item_ids", {colle_}}});
  Json review = Query("count.review", {{"session_id", Id(521)}});
  ASSERT_EQ(review["uncounted"].size(), 1u);
  EXPECT_EQ(Query("count.list", {{"status", "open"}})["items"].size(), 2u);
}

}  // namespace
}  // namespace invento
