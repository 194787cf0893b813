// The per-category stock value the triggers keep (schema/0010) always equals the scan of the
// on-hand rows, whatever changes: movements with fractional quantities, prices, categories,
// tombstones, pending writes undone before a rebase. Random operations, always on.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/base/decimal.h"
#include "tests/core/stock/stock_fixture.h"

namespace invento {
namespace {

class StockValueTest : public testing::StockFixture {
 protected:
  // What stock.value {group_by: category} must say: the scan it did before the cache.
  Json Scanned() {
    std::map<std::string, std::pair<std::string, std::int64_t>> groups;
    auto st = core_->db().Prepare(
        "SELECT coalesce(i.category_id, ''), coalesce(c.name, ''), o.qty, i.unit_price_cents"
        " FROM stock_onhand o JOIN items i ON i.id = o.item_id"
        " LEFT JOIN categories c ON c.id = i.category_id WHERE i.deleted = 0");
    std::int64_t total = 0;
    while (st->Step().value()) {
      auto& g = groups[st->Text(0)];
      g.first = st->Text(1);
      const std::int64_t v = ValueCents(st->Int(2), st->Int(3));
      g.second += v;
      total += v;
    }
    Json rows = Json::array();
    for (const auto& [id, g] : groups) {
      rows.push_back({{"id", id.empty() ? Json() : Json(id)}, {"name", g.first}, {"value_cents", g.second}});
    }
    return Json{{"rows", rows}, {"total_cents", total}};
  }
};

TEST_F(StockValueTest, TheKeptFigureEqualsTheScanAfterEveryChange) {
  std::mt19937_64 rng(20261205);
  std::vector<std::string> cats, locs, items;
  for (int n = 0; n < 3; ++n) {
    Ok("category.create", {{"id", Id(10 + n)}, {"name", "Famille " + std::to_string(n)}, {"parent_id", nullptr}});
    cats.push_back(Id(10 + n));
    locs.push_back(Warehouse(20 + n));
  }
  for (int n = 0; n < 8; ++n) {
    Json extra{{"unit_price_cents", static_cast<std::int64_t>(rng() % 5000)}};
    if (n % 4 != 3) extra["category_id"] = cats[n % 3];  // some without a category
    items.push_back(Item(100 + n, "V-" + std::to_string(n), extra));
  }
  int next_id = 1000;
  auto qty = [&] { return std::to_string(rng() % 40) + "." + std::to_string(rng() % 1000); };
  for (int step = 0; step < 300; ++step) {
    const std::string& item = items[rng() % items.size()];
    const std::string& loc = locs[rng() % locs.size()];
    switch (rng() % 6) {
      case 0:
      case 1:
        Ok("stock.receipt", {{"id", Id(next_id++)}, {"item_id", item}, {"location_id", loc}, {"qty", qty()}});
        break;
      case 2:  // may go negative, or be refused: either way the figure must follow
        (void)Run("stock.issue", {{"id", Id(next_id++)}, {"item_id", item}, {"location_id", loc}, {"qty", qty()}});
        break;
      case 3:
        Ok("item.update", {{"id", item}, {"unit_price_cents", static_cast<std::int64_t>(rng() % 100000)}});
        break;
      case 4:
        Ok("item.update", {{"id", item}, {"category_id", rng() % 4 == 0 ? Json() : Json(cats[rng() % 3])}});
        break;
      case 5: {  // a count from the server: the on-hand pair is recomputed (deleted, re-inserted)
        const db::TableDef* def = core_->tables().Find("stock_movements");
        ASSERT_TRUE(WriteTx::WriteFullRow(core_->db(), *def,
                                          {{"id", Id(next_id++)}, {"item_id", item}, {"kind", "count"},
                                           {"from_location_id", nullptr}, {"to_location_id", loc},
                                           {"qty", static_cast<std::int64_t>(rng() % 50000)},
                                           {"occurred_at", now_ + step}, {"actor_id", "u"},
                                           {"deleted", 0}, {"version", 1}}).ok());
        break;
      }
    }
    ASSERT_EQ(Query("stock.value", {{"group_by", "category"}}), Scanned()) << "step " << step;
  }
  // A tombstone from the server, then the item back: it leaves the figure and returns.
  ASSERT_TRUE(core_->db().Exec("UPDATE items SET deleted = 1 WHERE id = '" + items[0] + "'").ok());
  EXPECT_EQ(Query("stock.value", {{"group_by", "category"}}), Scanned());
  ASSERT_TRUE(core_->db().Exec("UPDATE items SET deleted = 0 WHERE id = '" + items[0] + "'").ok());
  EXPECT_EQ(Query("stock.value", {{"group_by", "category"}}), Scanned());
  // Pending writes undone (a rebase): back to the same figure.
  const Json before = Scanned();
  auto tx = db::Transaction::Begin(core_->db());
  WriteTx w(core_->db(), core_->tables(), 0);
  ASSERT_TRUE(Core::Apply(w, "stock.receipt", {{"id", Id(next_id++)}, {"item_id", items[1]}, {"location_id", locs[0]}, {"qty", "3.5"}},
                          {.actor = {"user-1", Role::kAdmin}, .now_ms = now_}).ok());
  ASSERT_TRUE(Core::Apply(w, "item.update", {{"id", items[2]}, {"unit_price_cents", 777}},
                          {.actor = {"user-1", Role::kAdmin}, .now_ms = now_}).ok());
  EXPECT_EQ(Query("stock.value", {{"group_by", "category"}}), Scanned());
  ASSERT_TRUE(WriteTx::Undo(core_->db(), core_->tables(), w.changes()).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  EXPECT_EQ(Scanned(), before);
  EXPECT_EQ(Query("stock.value", {{"group_by", "category"}}), before);
}

// Beyond 64 bits the kept figure is no longer exact (SQLite made it a REAL): the query falls
// back to the scan, which reports the overflow (it used to wrap each row's value silently).
TEST_F(StockValueTest, AFigureBeyondSixtyFourBitsFallsBackToTheScan) {
  std::string w = Warehouse(1);
  std::string item = Item(100, "CHER", {{"unit_price_cents", kMaxMoneyCents}});
  Ok("stock.receipt", {{"id", Id(200)}, {"item_id", item}, {"location_id", w}, {"qty", "900000000"}});
  auto r = core_->Query("stock.value", {{"group_by", "category"}}, {"user-1", Role::kAdmin});
  ASSERT_FALSE(r.ok()) << r.value().dump();
  EXPECT_EQ(r.status().code(), Code::kInternal);
}

}  // namespace
}  // namespace invento
