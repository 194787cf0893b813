// Property test: random ledgers applied to two replicas in different (shuffled) arrival
// orders, with duplicated deliveries ignored by id. Both the fold (pure C++) and the SQL
// on-hand cache must agree, and be identical across replicas. Always on.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/base/date.h"
#include "core/core.h"
#include "core/stock/ledger_fold.h"

namespace invento::stock {
namespace {

std::string Uuid(std::mt19937_64& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s = "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx";
  for (auto& c : s) {
    if (c == 'x') c = hex[rng() % 16];
  }
  return s;
}

Json ToRow(const LedgerEntry& e) {
  auto opt = [](const std::optional<std::string>& v) { return v ? Json(*v) : Json(); };
  return {{"id", e.id}, {"item_id", e.item_id}, {"kind", e.kind}, {"from_location_id", opt(e.from_location_id)},
          {"to_location_id", opt(e.to_location_id)}, {"qty", e.qty}, {"occurred_at", e.occurred_at},
          {"actor_id", "u"}, {"deleted", e.deleted ? 1 : 0}, {"version", 1}};
}

std::vector<LedgerEntry> RandomLedger(std::mt19937_64& rng, const std::vector<std::string>& items,
                                      const std::vector<std::string>& locs, int n) {
  std::vector<LedgerEntry> out;
  const char* kinds[] = {"receipt", "issue", "transfer", "adjustment", "count"};
  for (int i = 0; i < n; ++i) {
    LedgerEntry e;
    e.id = Uuid(rng);
    e.item_id = items[rng() % items.size()];
    e.kind = kinds[rng() % 5];
    std::string l1 = locs[rng() % locs.size()], l2 = locs[rng() % locs.size()];
    // Few distinct times, so ties (broken by id) are frequent; over three days.
    e.occurred_at = 1'700'000'000'000 + static_cast<std::int64_t>(rng() % 40) * 1000 +
                    static_cast<std::int64_t>(rng() % 3) * 86'400'000;
    e.qty = static_cast<std::int64_t>(rng() % 20000) + 1;
    if (e.kind == "receipt" || e.kind == "count") e.to_location_id = l1;
    if (e.kind == "count") e.qty = static_cast<std::int64_t>(rng() % 50) * 1000;
    if (e.kind == "issue") e.from_location_id = l1;
    if (e.kind == "adjustment") {
      e.to_location_id = l1;
      e.qty -= 10000;
    }
    if (e.kind == "transfer") {
      if (l1 == l2) l2 = locs[(std::find(locs.begin(), locs.end(), l1) - locs.begin() + 1) % locs.size()];
      e.from_location_id = l1;
      e.to_location_id = l2;
    }
    out.push_back(e);
  }
  return out;
}

OnHandMap CacheOf(Core& core) {
  OnHandMap m;
  auto st = core.db().Prepare("SELECT item_id, location_id, qty FROM stock_onhand");
  while (st->Step().value()) m[{st->Text(0), st->Text(1)}] = st->Int(2);
  return m;
}

// The per-day movement counts (schema/0010) as stored, and as the ledger says they must be.
using DayCounts = std::map<std::pair<std::string, std::string>, std::int64_t>;
DayCounts DaysOf(Core& core) {
  DayCounts m;
  auto st = core.db().Prepare(
      "SELECT date(day * 86400, 'unixepoch'), kind, n FROM stock_movement_days WHERE n <> 0");
  while (st->Step().value()) m[{st->Text(0), st->Text(1)}] = st->Int(2);
  return m;
}
DayCounts ExpectedDays(const std::vector<LedgerEntry>& ledger) {
  DayCounts m;
  for (const auto& e : ledger) {
    if (!e.deleted) ++m[{FormatDate(DayOfMs(e.occurred_at)), e.kind}];
  }
  return m;
}

// Applies rows as a replica receives them from the server: ignoring ids it already has.
void Deliver(Core& core, const std::vector<LedgerEntry>& order) {
  const db::TableDef* def = core.tables().Find("stock_movements");
  auto tx = db::Transaction::Begin(core.db());
  for (const auto& e : order) {
    auto exists = core.db().QueryValue("SELECT count(*) FROM stock_movements WHERE id = ?", {Json(e.id)});
    if (exists.value() == 1) continue;
    ASSERT_TRUE(WriteTx::WriteFullRow(core.db(), *def, ToRow(e)).ok());
  }
  ASSERT_TRUE((*tx)->Commit().ok());
}

TEST(LedgerPropertyTest, FoldIsOrderIndependentAndCacheEqualsFold) {
  std::mt19937_64 rng(20261127);
  for (int round = 0; round < 30; ++round) {
    std::vector<std::string> items{Uuid(rng), Uuid(rng), Uuid(rng)};
    std::vector<std::string> locs{Uuid(rng), Uuid(rng), Uuid(rng), Uuid(rng)};
    auto ledger = RandomLedger(rng, items, locs, 40 + static_cast<int>(rng() % 160));
    OnHandMap expected = FoldOnHand(ledger);

    auto a = Core::Open({}).value(), b = Core::Open({}).value();
    std::vector<LedgerEntry> order_a = ledger, order_b = ledger;
    std::shuffle(order_a.begin(), order_a.end(), rng);
    // Replica B receives everything in another order, in several batches, with duplicates.
    for (int k = 0; k < 10; ++k) order_b.push_back(ledger[rng() % ledger.size()]);
    std::shuffle(order_b.begin(), order_b.end(), rng);
    size_t half = order_b.size() / 2;
    Deliver(*a, order_a);
    Deliver(*b, {order_b.begin(), order_b.begin() + static_cast<long>(half)});
    Deliver(*b, {order_b.begin() + static_cast<long>(half), order_b.end()});

    ASSERT_EQ(CacheOf(*a), expected) << "round " << round;
    ASSERT_EQ(CacheOf(*b), expected) << "round " << round;
    ASSERT_EQ(DaysOf(*a), ExpectedDays(ledger)) << "round " << round;
    ASSERT_EQ(DaysOf(*b), ExpectedDays(ledger)) << "round " << round;
    std::vector<LedgerEntry> reversed(ledger.rbegin(), ledger.rend());
    ASSERT_EQ(FoldOnHand(reversed), expected);
  }
}

TEST(LedgerPropertyTest, CacheFollowsUndoOfPendingMovements) {
  std::mt19937_64 rng(7);
  std::vector<std::string> items{Uuid(rng), Uuid(rng)};
  std::vector<std::string> locs{Uuid(rng), Uuid(rng), Uuid(rng)};
  auto confirmed = RandomLedger(rng, items, locs, 60);
  auto pending = RandomLedger(rng, items, locs, 30);
  auto core = Core::Open({}).value();
  Deliver(*core, confirmed);
  OnHandMap before = CacheOf(*core);
  const DayCounts days_before = DaysOf(*core);
  EXPECT_EQ(days_before, ExpectedDays(confirmed));
  // Pending local writes through WriteTx, then undone from their before-images (rebase).
  auto tx = db::Transaction::Begin(core->db());
  WriteTx w(core->db(), core->tables(), 0);
  for (const auto& e : pending) ASSERT_TRUE(w.Put("stock_movements", ToRow(e)).ok());
  std::vector<LedgerEntry> all = confirmed;
  all.insert(all.end(), pending.begin(), pending.end());
  EXPECT_EQ(CacheOf(*core), FoldOnHand(all));
  EXPECT_EQ(DaysOf(*core), ExpectedDays(all));
  ASSERT_TRUE(WriteTx::Undo(core->db(), core->tables(), w.changes()).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  OnHandMap after = CacheOf(*core);
  EXPECT_EQ(DaysOf(*core), days_before);
  // Pairs only touched by pending rows now fold to zero; everything else is restored exactly.
  for (auto& [k, v] : before) EXPECT_EQ(after[k], v);
  for (auto& [k, v] : after) {
    if (!before.count(k)) {
      EXPECT_EQ(v, 0);
    }
  }
}

// A tombstone (a movement deleted on the server) and a row rewritten with another time or kind
// move the per-day counts with them.
TEST(LedgerPropertyTest, DayCountsFollowTombstonesAndRewrites) {
  std::mt19937_64 rng(11);
  std::vector<std::string> items{Uuid(rng), Uuid(rng)};
  std::vector<std::string> locs{Uuid(rng), Uuid(rng), Uuid(rng)};
  auto ledger = RandomLedger(rng, items, locs, 80);
  auto core = Core::Open({}).value();
  Deliver(*core, ledger);
  ASSERT_EQ(DaysOf(*core), ExpectedDays(ledger));
  const db::TableDef* def = core->tables().Find("stock_movements");
  for (size_t k = 0; k < ledger.size(); k += 3) {
    LedgerEntry& e = ledger[k];
    if (k % 2 == 0) {
      e.deleted = true;
    } else {
      e.occurred_at += 86'400'000;
      if (e.kind == "receipt") e.kind = "adjustment";
    }
    ASSERT_TRUE(WriteTx::WriteFullRow(core->db(), *def, ToRow(e)).ok());
  }
  EXPECT_EQ(DaysOf(*core), ExpectedDays(ledger));
}

}  // namespace
}  // namespace invento::stock
