#include "core/stock/search.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/stock/search_fts.h"

namespace invento::stock {
namespace {

constexpr std::int64_t kDefaultLimit = 50;
constexpr std::int64_t kMaxLimit = 200;
constexpr std::int64_t kMaxOffset = 1'000'000'000;
constexpr const char* kItemColumns =
    "id, reference, label, barcode, unit, category_id, unit_price_cents, archived";

struct Request {
  std::string q;
  std::optional<std::string> category_id;
  bool include_archived = false;
  std::int64_t limit = kDefaultLimit;
  std::int64_t offset = 0;
};

struct Hit {
  std::int64_t rowid = 0;
  double score = 0.0;
  std::string reference_key;
  bool exact = false;
};

std::vector<std::string> SplitOnBlanks(std::string_view q) {
  std::vector<std::string> words;
  std::string word;
  for (char c : q) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// An FTS5 string: the word between double quotes, its double quotes doubled. FTS5 hands the
// inside to the tokenizer as plain text, so no operator or column name can come from it.
std::string Quote(std::string_view word) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Filter tokens of items_fts.filters (schema/0002_stock.sql).
std::string CategoryToken(const std::string& category_id) {
  std::string token = "c";
  for (char c : category_id) {
    if (c != '-') token += c;
  }
  return Quote(token);
}

std::string WithFilters(std::string expr, const Request& r) {
  if (r.category_id) expr = "(" + expr + ") AND filters : " + CategoryToken(*r.category_id);
  if (!r.include_archived) expr = "(" + expr + ") NOT filters : \"archived\"";
  return expr;
}

// The MATCH expression for the user's words, or nullopt when no word has a letter or digit.
Result<std::optional<std::string>> BuildExpression(const db::Db& db, const Request& r) {
  std::vector<std::string> phrases;
  for (const std::string& word : SplitOnBlanks(r.q)) {
    INVENTO_ASSIGN_OR_RETURN(int tokens, CountSearchTokens(db.raw(), word));
    if (tokens == 0) continue;
    std::string phrase = Quote(word) + "*";
    if (std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) {
      phrases.push_back(std::move(phrase));
    }
  }
  if (phrases.empty()) return std::optional<std::string>();
  if (phrases.size() > static_cast<size_t>(kMaxWords)) {
    return Status::InvalidArgument("q must have at most " + std::to_string(kMaxWords) + " words",
                                   "q");
  }
  std::string all;
  for (const auto& p : phrases) all += (all.empty() ? "" : " AND ") + p;
  return std::optional<std::string>(
      WithFilters("{reference label barcode supplier_ref attributes_text} : (" + all + ")", r));
}

Json ItemJson(const db::Stmt& st, int first_column) {
  Json item = Json::object();
  for (int i = first_column; i < st.ColumnCount(); ++i) {
    item[std::string(st.ColumnName(i))] = st.Value(i);
  }
  item["archived"] = item["archived"] == 1;
  return item;
}

// Live items whose reference equals q, case- and accent-folded (duplicates can exist between
// syncs), by the reference index.
Result<std::vector<std::int64_t>> ExactReference(const db::Db& db, const Request& r) {
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st, db.Prepare("SELECT rowid FROM items WHERE reference_key = ?1 AND deleted = 0"
                              " AND (?2 OR archived = 0) AND (?3 IS NULL OR category_id = ?3)"));
  st.Bind(1, std::string_view(FoldKey(r.q))).Bind(2, std::int64_t{r.include_archived ? 1 : 0});
  st.Bind(3, r.category_id ? Json(*r.category_id) : Json(nullptr));
  std::vector<std::int64_t> rowids;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return rowids;
    rowids.push_back(st.Int(0));
  }
}

bool SameRank(const Hit& a, const Hit& b) { return a.exact == b.exact && a.score == b.score; }

bool Before(const Hit& a, const Hit& b) {
  if (a.exact != b.exact) return a.exact;
  if (a.score != b.score) return a.score > b.score;
  if (a.reference_key != b.reference_key) return a.reference_key < b.reference_key;
  return a.rowid < b.rowid;
}

// Runs `SELECT rowid, <columns> FROM items` for the rows of hits[lo, hi), in one statement,
// and calls fn(index in hits, statement) for each row found.
template <typename Fn>
Status ForItems(const db::Db& db, const std::vector<Hit>& hits, size_t lo, size_t hi,
                const std::string& columns, Fn fn) {
  Json rowids = Json::array();
  std::vector<std::pair<std::int64_t, size_t>> where;  // rowid -> index in hits
  for (size_t i = lo; i < hi; ++i) {
    rowids.push_back(hits[i].rowid);
    where.emplace_back(hits[i].rowid, i);
  }
  std::sort(where.begin(), where.end());
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st, db.Prepare("SELECT rowid, " + columns +
                              " FROM items WHERE rowid IN (SELECT value FROM json_each(?1))"));
  st.Bind(1, std::string_view(rowids.dump()));
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    auto it = std::lower_bound(where.begin(), where.end(), std::make_pair(st.Int(0), size_t{0}));
    if (it != where.end() && it->first == st.Int(0)) fn(it->second, st);
  }
}

// Ranks at most kMaxRanked matches (plus exact references) by score, then reads the
// references of the score ties that straddle the page (their order decides which rows are on
// it) and the items of the page only.
Result<Json> Ranked(const db::Db& db, const Request& r, const std::string& expr) {
  INVENTO_ASSIGN_OR_RETURN(std::vector<std::int64_t> exact, ExactReference(db, r));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st,
                           db.Prepare("SELECT rowid, " + std::string(kRankFunction) +
                                      "(items_fts)"
                                      " FROM items_fts WHERE items_fts MATCH ?1 LIMIT ?2"));
  st.Bind(1, std::string_view(expr)).Bind(2, kMaxRanked + 1);
  std::vector<Hit> hits;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    hits.push_back(Hit{st.Int(0), st.Double(1), {}, false});
  }
  const bool window_full = hits.size() > static_cast<size_t>(kMaxRanked);
  if (window_full) hits.pop_back();
  for (std::int64_t rowid : exact) {
    auto it =
        std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.rowid == rowid; });
    if (it != hits.end()) {
      it->exact = true;
    } else {
      hits.push_back(Hit{rowid, 0.0, {}, true});  // outside the window (or folded differently)
    }
  }
  std::sort(hits.begin(), hits.end(), Before);  // no reference yet: ties by row

  const size_t total = hits.size();
  const size_t begin = std::min(total, static_cast<size_t>(r.offset));
  const size_t end = std::min(total, begin + static_cast<size_t>(r.limit));
  Json items = Json::array();
  if (begin < end) {
    size_t lo = begin, hi = end;
    while (lo > 0 && SameRank(hits[lo - 1], hits[begin])) --lo;
    while (hi < total && SameRank(hits[hi], hits[end - 1])) ++hi;
    if (hi - lo > end - begin) {
      INVENTO_RETURN_IF_ERROR(
          ForItems(db, hits, lo, hi, "reference_key",
                   [&](size_t i, const db::Stmt& row) { hits[i].reference_key = row.Text(1); }));
      std::sort(hits.begin() + static_cast<std::ptrdiff_t>(lo),
                hits.begin() + static_cast<std::ptrdiff_t>(hi), Before);
    }
    std::vector<std::pair<Hit, Json>> page(end - begin);
    INVENTO_RETURN_IF_ERROR(ForItems(db, hits, begin, end,
                                     std::string("reference_key, ") + kItemColumns,
                                     [&](size_t i, const db::Stmt& row) {
                                       page[i - begin].first = hits[i];
                                       page[i - begin].first.reference_key = row.Text(1);
                                       page[i - begin].second = ItemJson(row, 2);
                                     }));
    std::sort(page.begin(), page.end(),
              [](const auto& a, const auto& b) { return Before(a.first, b.first); });
    for (auto& [hit, item] : page) {
      if (!item.is_null()) items.push_back(std::move(item));
    }
  }
  return Json{{"items", std::move(items)},
              {"total", total},
              {"total_exact", !window_full},
              {"limit", r.limit},
              {"offset", r.offset}};
}

Result<std::int64_t> CountMatches(const db::Db& db, const std::string& expr) {
  INVENTO_ASSIGN_OR_RETURN(
      Json n,
      db.QueryValue("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?1", {Json(expr)}));
  return n.get<std::int64_t>();
}

// Blank q: every live item by reference, at any depth; exact total from the index.
Result<Json> ListAll(const db::Db& db, const Request& r) {
  std::int64_t total = 0;
  if (r.category_id) {
    INVENTO_ASSIGN_OR_RETURN(
        total, CountMatches(db, "filters : " + CategoryToken(*r.category_id) +
                                    (r.include_archived ? "" : " NOT filters : \"archived\"")));
  } else {
    // One docsize row per indexed (live) item; a b-tree count, no row is decoded.
    INVENTO_ASSIGN_OR_RETURN(Json all, db.QueryValue("SELECT count(*) FROM items_fts_docsize"));
    total = all.get<std::int64_t>();
    if (!r.include_archived) {
      INVENTO_ASSIGN_OR_RETURN(std::int64_t archived, CountMatches(db, "filters : \"archived\""));
      total -= archived;
    }
  }
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st,
      db.Prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE deleted = 0" +
                 " AND (?1 OR archived = 0)" + (r.category_id ? " AND category_id = ?4" : "") +
                 " ORDER BY reference_key, rowid LIMIT ?2 OFFSET ?3"));
  st.Bind(1, std::int64_t{r.include_archived ? 1 : 0}).Bind(2, r.limit).Bind(3, r.offset);
  if (r.category_id) st.Bind(4, std::string_view(*r.category_id));
  Json items = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    items.push_back(ItemJson(st, 0));
  }
  return Json{{"items", std::move(items)},
              {"total", total},
              {"total_exact", true},
              {"limit", r.limit},
              {"offset", r.offset}};
}

// One read transaction for the whole query (unless the caller has one): a consistent view,
// and one lock instead of one per statement.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(const db::Db& db) : db_(db) {
    if (!db_.in_transaction()) owned_ = db_.Exec("BEGIN").ok();
  }
  ~ReadSnapshot() {
    if (owned_) (void)db_.Exec("COMMIT");
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  const db::Db& db_;
  bool owned_ = false;
};

Result<Json> Search(const db::Db& db, const Json& args, const Actor&) {
  ArgReader a(args);
  Request r;
  r.q = a.String("q", {.min = 0, .max = 200});
  r.category_id = a.OptionalId("category_id");
  r.include_archived = a.Bool("include_archived", false);
  r.limit = a.OptionalInt("limit", 1, kMaxLimit).value_or(kDefaultLimit);
  r.offset = a.OptionalInt("offset", 0, kMaxOffset).value_or(0);
  INVENTO_RETURN_IF_ERROR(a.Finish());

  INVENTO_RETURN_IF_ERROR(EnsureSearchSupport(db.raw()));
  ReadSnapshot snapshot(db);
  if (r.q.empty()) return ListAll(db, r);
  INVENTO_ASSIGN_OR_RETURN(std::optional<std::string> expr, BuildExpression(db, r));
  if (!expr) {
    return Json{{"items", Json::array()},
                {"total", 0},
                {"total_exact", true},
                {"limit", r.limit},
                {"offset", r.offset}};
  }
  return Ranked(db, r, *expr);
}

}  // namespace

void RegisterSearch(Registry& registry) { registry.Add(QueryDef{"item.search", &Search}); }

}  // namespace invento::stock
