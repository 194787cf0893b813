#include "core/stock/ledger_fold.h"

#include <tuple>

namespace invento::stock {

OnHandMap FoldOnHand(const std::vector<LedgerEntry>& entries) {
  using Key = std::pair<std::string, std::string>;
  using Stamp = std::pair<std::int64_t, std::string>;  // (occurred_at, id)
  struct Effect {
    Stamp at;
    std::int64_t delta;
  };
  std::map<Key, std::pair<Stamp, std::int64_t>> latest_count;
  std::map<Key, std::vector<Effect>> effects;
  for (const auto& e : entries) {
    if (e.deleted) continue;
    Stamp at{e.occurred_at, e.id};
    if (e.kind == "count") {
      if (!e.to_location_id) continue;
      Key k{e.item_id, *e.to_location_id};
      effects[k];  // the pair exists even with no movements
      auto it = latest_count.find(k);
      if (it == latest_count.end() || it->second.first < at) latest_count[k] = {at, e.qty};
      continue;
    }
    if (e.to_location_id) effects[{e.item_id, *e.to_location_id}].push_back({at, e.qty});
    if (e.from_location_id) effects[{e.item_id, *e.from_location_id}].push_back({at, -e.qty});
  }
  OnHandMap out;
  for (const auto& [key, list] : effects) {
    auto c = latest_count.find(key);
    std::int64_t qty = c == latest_count.end() ? 0 : c->second.second;
    for (const auto& eff : list) {
      if (c == latest_count.end() || c->second.first < eff.at) qty += eff.delta;
    }
    out[key] = qty;
  }
  return out;
}

}  // namespace invento::stock
