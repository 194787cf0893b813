// Item search: query item.search, full-text prefix search over the items_fts index
// (schema/0002_stock.sql) — reference, label, barcode, supplier reference and text attributes,
// case- and accent-insensitive ("ecrou" and "ÉCROU" find "Écrou M8").
//
// item.search {q: string 0..200 bytes, category_id?: uuid, include_archived?: bool = false,
//              limit?: 1..200 = 50, offset?: >= 0 = 0}
//   -> {items: [{id, reference, label, barcode, unit, category_id, unit_price_cents,
//                archived}], total, total_exact, limit, offset}
//
// Matching: q is split on blanks into words; every word must match (AND) as a prefix: "ecr"
// finds "Écrou", "REF-01" finds "REF-012345" (the parts of a word must follow each other).
// The user's text never reaches MATCH as is: each word is quoted (double quotes doubled) and
// restricted to the searchable columns; words without letters or digits ("-", "*", "«") are
// ignored. A q of blanks only lists every item by reference; a q of punctuation only matches
// nothing. Deleted items never match; archived items only with include_archived.
//
// Order: items whose reference equals q (case- and accent-folded) first, then by BM25 score
// (search_fts.h: reference and barcode weigh most), then by reference, then by row.
//
// Bounded work (docs/benchmarks.md): a query ranks at most kMaxRanked matches, the first ones
// in index (row) order, because scoring costs one index lookup per match and a one-letter
// prefix can match most items. When more match: total = kMaxRanked (plus any exact-reference
// item found outside that window), total_exact = false, and paging stops there — the user
// refines the query. Otherwise total_exact = true and total is the exact number of matches.
// Either way a query's total and order are the same for every page. A blank q (listing) pages
// at any depth, ordered by reference, with an exact total.
//
// Errors: invalid_argument naming the field (q too long or with more than kMaxWords words,
// limit, offset, category_id, unknown argument). Read-only; every role may run it.
#pragma once

#include <cstdint>

#include "core/mutators/registry.h"

namespace invento::stock {

inline constexpr std::int64_t kMaxRanked = 300;
inline constexpr int kMaxWords = 16;

void RegisterSearch(Registry& registry);

}  // namespace invento::stock
