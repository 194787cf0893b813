// The on-hand fold as a pure function: the reference the SQL cache is tested against.
//
// On-hand(item, location) = qty of the latest count at that (item, location), ordered by
// (occurred_at, id), plus the effect of every non-count entry ordered after it (all of them
// if there is no count). Deleted entries are ignored. The result depends only on the SET of
// entries, never on the order they arrived in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace invento::stock {

struct LedgerEntry {
  std::string id;
  std::string item_id;
  std::string kind;  // receipt | issue | transfer | adjustment | count
  std::optional<std::string> from_location_id;
  std::optional<std::string> to_location_id;
  std::int64_t qty = 0;  // milli-units
  std::int64_t occurred_at = 0;
  bool deleted = false;
};

using OnHandMap = std::map<std::pair<std::string, std::string>, std::int64_t>;

// Every (item, location) touched by a live entry, with its on-hand quantity.
OnHandMap FoldOnHand(const std::vector<LedgerEntry>& entries);

}  // namespace invento::stock
