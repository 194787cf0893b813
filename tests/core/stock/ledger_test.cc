#include <gtest/gtest.h>

#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

class LedgerTest : public testing::StockFixture {
 protected:
  void SetUp() override {
    StockFixture::SetUp();
    item_ = Item(100, "VIS-M8", {{"unit_price_cents", 250}});
    a_ = Warehouse(1, "Dépôt");
    Ok("location.create", {{"id", Id(2)}, {"kind", "vehicle"}, {"name", "Camion"}});
    van_ = Id(2);
    Ok("location.create", {{"id", Id(3)}, {"kind", "site"}, {"name", "Client"}});
    site_ = Id(3);
  }
  Json Move(const std::string& name, int n, Json args, Role role = Role::kAdmin) {
    args["id"] = Id(n);
    if (!args.contains("item_id")) args["item_id"] = item_;
    return Ok(name, args, role);
  }
  std::string item_, a_, van_, site_;
};

TEST_F(LedgerTest, ReceiptIssueTransferAdjust) {
  Move("stock.receipt", 500, {{"location_id", a_}, {"qty", 10}, {"unit_cost_cents", 199}});
  Move("stock.issue", 501, {{"location_id", a_}, {"qty", "2.5"}, {"site_id", site_}});
  Move("stock.transfer", 502, {{"from_location_id", a_}, {"to_location_id", van_}, {"qty", 3}});
  Move("stock.adjust", 503, {{"location_id", van_}, {"qty", "-0.5"}, {"reason", "casse"}});
  EXPECT_EQ(OnHand(item_, a_), "4.5");
  EXPECT_EQ(OnHand(item_, van_), "2.5");
  Json all = Query("stock.onhand", {{"item_id", item_}});
  EXPECT_EQ(all["total"], "7");
  EXPECT_EQ(all["value_cents"], 1750);  // 7 × 2.50
  Json hist = Query("stock.movements", {{"item_id", item_}});
  ASSERT_EQ(hist["rows"].size(), 4u);
  EXPECT_EQ(hist["rows"][0]["kind"], "adjustment");  // same time: newest id first
  EXPECT_EQ(hist["rows"][3]["unit_cost_cents"], 199);
}

TEST_F(LedgerTest, TwoDevicesTakingTwoEachEndAtMinusFour) {
  Move("stock.issue", 500, {{"location_id", van_}, {"qty", 2}});
  // The technician (user-1) works with the van: technicians issue only from theirs.
  Ok("employee.create", {{"id", Id(20)}, {"name", "Tech"}, {"user_id", "user-1"}});
  Ok("location.assign", {{"id", Id(21)}, {"location_id", van_}, {"employee_id", Id(20)}});
  Move("stock.issue", 501, {{"location_id", van_}, {"qty", 2}}, Role::kTechnician);
  EXPECT_EQ(OnHand(item_, van_), "-4");  // negative accepted, never refused
}

TEST_F(LedgerTest, ACountAbsorbsEarlierMovementsButNotLaterOnes) {
  Move("stock.receipt", 500, {{"location_id", a_}, {"qty", 100}, {"occurred_at", now_ - 7200000}});
  Ok("count.open", {{"id", Id(600)}, {"location_id", a_}});
  Ok("count.record", {{"id", Id(601)}, {"session_id", Id(600)}, {"item_id", item_}, {"qty", 10},
                      {"counted_at", now_ - 3600000}});  // 10:00
  Ok("count.close", {{"session_id", Id(600)}});
  EXPECT_EQ(OnHand(item_, a_), "10");
  // A movement made at 09:00 offline that syncs later is absorbed by the 10:00 count...
  Move("stock.issue", 502, {{"location_id", a_}, {"qty", 4}, {"occurred_at", now_ - 5400000}});
  EXPECT_EQ(OnHand(item_, a_), "10");
  // ...while one made at 11:00 applies on top of it.
  Move("stock.issue", 503, {{"location_id", a_}, {"qty", 3}, {"occurred_at", now_ - 1800000}});
  EXPECT_EQ(OnHand(item_, a_), "7");
}

TEST_F(LedgerTest, ReversalCancelsAtTheOriginalTimeAndOnlyOnce) {
  Move("stock.receipt", 500, {{"location_id", a_}, {"qty", 10}, {"occurred_at", now_ - 1000}});
  Move("stock.transfer", 501, {{"from_location_id", a_}, {"to_location_id", van_}, {"qty", 4}});
  Ok("stock.reverse", {{"id", Id(502)}, {"movement_id", Id(501)}, {"reason", "wrong van"}});
  EXPECT_EQ(OnHand(item_, a_), "10");
  EXPECT_EQ(OnHand(item_, van_), "0");
  ExpectError("stock.reverse", {{"id", Id(503)}, {"movement_id", Id(501)}, {"reason", "again"}},
              Code::kConflict, "movement_id");
  ExpectError("stock.reverse", {{"id", Id(503)}, {"movement_id", Id(502)}, {"reason", "x"}},
              Code::kFailedPrecondition, "");
  Ok("stock.reverse", {{"id", Id(504)}, {"movement_id", Id(500)}, {"reason", "not delivered"}});
  EXPECT_EQ(OnHand(item_, a_), "0");
  Json rev = Query("stock.movements", {{"item_id", item_}, {"limit", 1}})["rows"][0];
  EXPECT_EQ(rev["occurred_at"], now_);  // 502 at the transfer's time (newest)
}

TEST_F(LedgerTest, BadInputGivesSpecificErrorsAndWritesNothing) {
  auto err = [&](const std::string& name, Json args, Code code, const std::string& field,
                 Role role = Role::kAdmin) {
    args["id"] = Id(900);
    if (!args.contains("item_id")) args["item_id"] = item_;
    ExpectError(name, args, code, field, role);
  };
  err("stock.receipt", {{"location_id", a_}, {"qty", 0}}, Code::kInvalidArgument, "qty");
  err("stock.receipt", {{"location_id", a_}, {"qty", -3}}, Code::kInvalidArgument, "qty");
  err("stock.receipt", {{"location_id", a_}, {"qty", 2.5}}, Code::kInvalidArgument, "qty");
  err("stock.receipt", {{"location_id", a_}, {"qty", "1.2345"}}, Code::kInvalidArgument, "qty");
  err("stock.receipt", {{"location_id", a_}, {"qty", "1e9"}}, Code::kInvalidArgument, "qty");
  err("stock.receipt", {{"location_id", a_}, {"qty", 5}, {"item_id", Id(4242)}}, Code::kNotFound, "item_id");
  err("stock.receipt", {{"location_id", Id(4242)}, {"qty", 5}}, Code::kNotFound, "location_id");
  err("stock.receipt", {{"location_id", a_}, {"qty", 5}, {"unit_cost_cents", "12"}}, Code::kInvalidArgument,
      "unit_cost_cents");
  err("stock.receipt", {{"location_id", a_}, {"qty", 5}, {"occurred_at", 12}}, Code::kInvalidArgument,
      "occurred_at");
  err("stock.issue", {{"location_id", a_}, {"qty", 1}, {"site_id", van_}}, Code::kInvalidArgument, "site_id");
  err("stock.transfer", {{"from_location_id", a_}, {"to_location_id", a_}, {"qty", 1}}, Code::kInvalidArgument,
      "to_location_id");
  err("stock.adjust", {{"location_id", a_}, {"qty", 1}}, Code::kInvalidArgument, "reason");
  err("stock.adjust", {{"location_id", a_}, {"qty", 0}, {"reason", "x"}}, Code::kInvalidArgument, "qty");
  err("stock.adjust", {{"location_id", a_}, {"qty", 1}, {"reason", "x"}}, Code::kForbidden, "", Role::kTechnician);
  err("stock.issue", {{"location_id", a_}, {"qty", 1}}, Code::kForbidden, "", Role::kConsultant);
  Move("stock.receipt", 500, {{"location_id", a_}, {"qty", 1}});
  Json dup{{"id", Id(500)}, {"item_id", item_}, {"location_id", a_}, {"qty", 1}};
  ExpectError("stock.issue", dup, Code::kConflict, "id");  // ids are never reused
  Ok("item.archive", {{"id", item_}});
  err("stock.receipt", {{"location_id", a_}, {"qty", 1}}, Code::kFailedPrecondition, "");
}

TEST_F(LedgerTest, StockValueByLocationAndCategory) {
  Ok("category.create", {{"id", Id(50)}, {"name", "Visserie"}});
  Ok("item.update", {{"id", item_}, {"category_id", Id(50)}});
  std::string other = Item(101, "COLLE", {{"unit_price_cents", 999}});
  Move("stock.receipt", 500, {{"location_id", a_}, {"qty", 4}});                        // 4 × 2.50
  Move("stock.receipt", 501, {{"location_id", van_}, {"qty", "0.5"}, {"item_id", other}});  // 0.5 × 9.99
  Json by_loc = Query("stock.value", {{"group_by", "location"}});
  EXPECT_EQ(by_loc["total_cents"], 1000 + 500);  // 4.995 rounds to 5.00
  Json by_cat = Query("stock.value", {{"group_by", "category"}});
  ASSERT_EQ(by_cat["rows"].size(), 2u);
  EXPECT_TRUE(by_cat["rows"][0]["id"].is_null());  // uncategorised first
  EXPECT_EQ(by_cat["rows"][1]["name"], "Visserie");
  EXPECT_EQ(by_cat["rows"][1]["value_cents"], 1000);
  auto bad = core_->Query("stock.value", {{"group_by", "color"}}, {"u", Role::kAdmin});
  EXPECT_EQ(bad.status().field(), "group_by");
}

}  // namespace
}  // namespace invento
