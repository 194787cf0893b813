#include <gtest/gtest.h>

#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

class AlertsTest : public testing::StockFixture {
 protected:
  Json Alerts(bool acked = false) {
    return Query("alert.list", {{"as_of", now_}, {"days_not_counted", 30}, {"include_acknowledged", acked}})["alerts"];
  }
  Json Find(const Json& alerts, const std::string& kind) {
    for (const auto& a : alerts) {
      if (a["kind"] == kind) return a;
    }
    return Json();
  }
};

TEST_F(AlertsTest, UnderMinimumNegativeAndNotCounted) {
  std::string item = Item(100, "FILTRE", {{"min_qty", 10}});
  std::string w = Warehouse(1), v = Warehouse(2, "Van stock");
  Ok("item.set_location_min", {{"id", Id(300)}, {"item_id", item}, {"location_id", w}, {"min_qty", 4}});
  Ok("stock.receipt", {{"id", Id(400)}, {"item_id", item}, {"location_id", w}, {"qty", 3},
                       {"occurred_at", now_ - 40LL * 86400000}});
  Ok("stock.issue", {{"id", Id(401)}, {"item_id", item}, {"location_id", v}, {"qty", 1}});
  Json alerts = Alerts();
  EXPECT_EQ(Find(alerts, "under_min")["qty"], "2");
  EXPECT_EQ(Find(alerts, "under_min")["severity"], 8000);
  EXPECT_EQ(Find(alerts, "under_min_location")["location_id"], w);
  EXPECT_EQ(Find(alerts, "negative")["location_id"], v);
  EXPECT_EQ(Find(alerts, "not_counted")["severity"], 1000000);  // never counted
  EXPECT_EQ(alerts.size(), 5u);  // not_counted for both locations
  // Only the under-minimum kinds, the same rows as in the full list.
  Json levels = Query("alert.list", {{"as_of", now_}, {"below_minimum_only", true}})["alerts"];
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0], Find(alerts, "under_min"));
  EXPECT_EQ(levels[1], Find(alerts, "under_min_location"));
}

// The badge asks for the first alerts only; `more` says that some were left out. A not-counted
// alert is acknowledged through its item alone.
TEST_F(AlertsTest, ALimitedListStopsEarlyAndSaysSo) {
  std::string w = Warehouse(1);
  for (int n = 0; n < 7; ++n) {
    std::string item = Item(100 + n, "REF-" + std::to_string(n), {{"min_qty", 10}});
    Ok("stock.receipt", {{"id", Id(400 + n)}, {"item_id", item}, {"location_id", w}, {"qty", 1}});
  }
  const Json all = Alerts();
  ASSERT_EQ(all.size(), 14u);  // under_min and not_counted for each item
  Json first = Query("alert.list", {{"as_of", now_}, {"days_not_counted", 30}, {"limit", 5}});
  ASSERT_EQ(first["alerts"].size(), 5u);
  EXPECT_EQ(first["more"], true);
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(first["alerts"][k], all[k]);
  Json exact = Query("alert.list", {{"as_of", now_}, {"days_not_counted", 30}, {"limit", 14}});
  EXPECT_EQ(exact["alerts"], all);
  EXPECT_EQ(exact["more"], false);
  EXPECT_FALSE(Query("alert.list", {{"as_of", now_}}).contains("more"));
  auto zero = core_->Query("alert.list", {{"limit", 0}}, {"user-1", Role::kAdmin});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().field(), "limit");
  Json uncounted = Find(all, "not_counted");
  Ok("alert.ack", {{"id", Id(500)}, {"alert_key", uncounted["key"]}, {"days_not_counted", 30}});
  EXPECT_EQ(Alerts().size(), 13u);
  ExpectError("alert.ack", {{"id", Id(501)}, {"alert_key", "not_counted"}}, Code::kNotFound, "alert_key");
}

TEST_F(AlertsTest, AcknowledgedAlertsReappearWhenWorse) {
  std::string item = Item(100, "FILTRE", {{"min_qty", 10}});
  std::string w = Warehouse(1);
  Ok("stock.receipt", {{"id", Id(400)}, {"item_id", item}, {"location_id", w}, {"qty", 6}});
  std::string key = "under_min:" + item + ":";
  ExpectError("alert.ack", {{"id", Id(500)}, {"alert_key", "negative:x:y"}}, Code::kNotFound, "alert_key");
  ExpectError("alert.ack", {{"id", Id(500)}, {"alert_key", key}}, Code::kForbidden, "", Role::kConsultant);
  Json ack = Ok("alert.ack", {{"id", Id(500)}, {"alert_key", key}});
  EXPECT_EQ(ack["severity"], 4000);
  EXPECT_TRUE(Find(Alerts(), "under_min").is_null());
  EXPECT_EQ(Find(Alerts(true), "under_min")["acknowledged"], true);
  Ok("stock.receipt", {{"id", Id(401)}, {"item_id", item}, {"location_id", w}, {"qty", 1}});  // better
  EXPECT_TRUE(Find(Alerts(), "under_min").is_null());
  Ok("stock.issue", {{"id", Id(402)}, {"item_id", item}, {"location_id", w}, {"qty", 3}});  // worse
  Json back = Find(Alerts(), "under_min");
  ASSERT_FALSE(back.is_null());
  EXPECT_EQ(back["severity"], 6000);
  EXPECT_EQ(back["acknowledged"], false);
}

TEST_F(AlertsTest, RecentCountClearsNotCounted) {
  std::string item = Item(100, "FILTRE");
  std::string w = Warehouse(1);
  Ok("stock.receipt", {{"id", Id(400)}, {"item_id", item}, {"location_id", w}, {"qty", 6}});
  Ok("count.open", {{"id", Id(500)}, {"location_id", w}});
  Ok("count.record", {{"id", Id(501)}, {"session_id", Id(500)}, {"item_id", item}, {"qty", 6}});
  Ok("count.close", {{"session_id", Id(500)}});
  EXPECT_TRUE(Find(Alerts(), "not_counted").is_null());
  Json later = Query("alert.list", {{"as_of", now_ + 65LL * 86400000}, {"days_not_counted", 30}})["alerts"];
  EXPECT_EQ(Find(later, "not_counted")["severity"], 2);  // two full 30-day periods
}

}  // namespace
}  // namespace invento
