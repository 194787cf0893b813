// FTS5 support for item search (core/stock/search.h), registered once per connection.
//
// - The ranking function `invento_rank(items_fts)`: BM25 (k1 = 1.2, b = 0.75, document length
//   = tokens of the searchable columns) with column weights reference 10, barcode 10,
//   supplier_ref 5, label 3, attributes_text 1, filters 0. Higher is better (FTS5's own bm25()
//   returns the negative). Unlike FTS5's bm25(), it leaves out the inverse document frequency,
//   which bm25() computes by reading every match of every phrase before the first row: that
//   pass alone costs milliseconds for a one-letter prefix over 100,000 items. In a query
//   where all words must match, IDF only reweights words against each other.
// - The query tokenizer: the same tokenizer as items_fts (unicode61, remove_diacritics 2),
//   used to know whether a word of the user's text yields any token at all.
//
// Contract: Ensure() is idempotent and cheap after the first call on a connection; the
// support lives until the connection closes (sqlite3 client data). Failures are internal
// (SQLite built without FTS5). Not thread-safe: one connection, one thread.
#pragma once

#include <sqlite3.h>

#include <string_view>

#include "core/base/status.h"

namespace invento::stock {

// The rank function's name in SQL.
inline constexpr std::string_view kRankFunction = "invento_rank";

// Registers the rank function and the tokenizer on `db` if not done yet.
Status EnsureSearchSupport(sqlite3* db);

// Number of tokens items_fts would index for `text` (0 for punctuation or blanks only).
// EnsureSearchSupport must have succeeded on `db`.
Result<int> CountSearchTokens(sqlite3* db, std::string_view text);

}  // namespace invento::stock
