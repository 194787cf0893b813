#include "core/stock/search_fts.h"

#include <array>
#include <memory>
#include <string>

namespace invento::stock {
namespace {

constexpr const char* kClientDataKey = "invento.item_search";

// items_fts columns: reference, label, barcode, supplier_ref, attributes_text, filters,
// reference_key (unindexed). Must follow schema/0002_stock.sql.
constexpr std::array<double, 6> kColumnWeights{10.0, 3.0, 10.0, 5.0, 1.0, 0.0};
constexpr int kSearchableColumns = 5;
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr int kMaxPhrases = 64;

// The tokenizer items_fts declares (schema/0002_stock.sql).
constexpr const char* kTokenizer = "unicode61";
constexpr std::array<const char*, 2> kTokenizerArgs{"remove_diacritics", "2"};

struct Support {
  fts5_tokenizer_v2* tokenizer_api = nullptr;
  Fts5Tokenizer* tokenizer = nullptr;
  ~Support() {
    if (tokenizer) tokenizer_api->xDelete(tokenizer);
  }
};

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

// Average length (tokens of the searchable columns) over the whole index, computed once per
// statement and kept as FTS5 auxiliary data.
int AverageLength(const Fts5ExtensionApi* api, Fts5Context* fts, double* out) {
  if (auto* cached = static_cast<double*>(api->xGetAuxdata(fts, 0))) {
    *out = *cached;
    return SQLITE_OK;
  }
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  for (int c = 0; rc == SQLITE_OK && c < kSearchableColumns; ++c) {
    sqlite3_int64 n = 0;
    rc = api->xColumnTotalSize(fts, c, &n);
    tokens += n;
  }
  if (rc != SQLITE_OK) return rc;
  auto* avg = static_cast<double*>(sqlite3_malloc(sizeof(double)));
  if (!avg) return SQLITE_NOMEM;
  *avg = rows > 0 && tokens > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0;
  *out = *avg;
  return api->xSetAuxdata(fts, avg, sqlite3_free);
}

void Rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int,
          sqlite3_value**) {
  std::array<double, kMaxPhrases> tf{};
  int n_inst = 0;
  int rc = api->xInstCount(fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; ++i) {
    int phrase = 0, col = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &col, &offset);
    if (rc == SQLITE_OK && phrase < kMaxPhrases && col < static_cast<int>(kColumnWeights.size())) {
      tf[static_cast<size_t>(phrase)] += kColumnWeights[static_cast<size_t>(col)];
    }
  }
  int length = 0;
  for (int c = 0; rc == SQLITE_OK && c < kSearchableColumns; ++c) {
    int n = 0;
    rc = api->xColumnSize(fts, c, &n);
    length += n;
  }
  double avg = 1.0;
  if (rc == SQLITE_OK) rc = AverageLength(api, fts, &avg);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  const double norm = kK1 * (1.0 - kB + kB * static_cast<double>(length) / avg);
  double score = 0.0;
  for (double t : tf) {
    if (t > 0.0) score += t * (kK1 + 1.0) / (t + norm);
  }
  sqlite3_result_double(ctx, score);
}

int CountToken(void* ctx, int, const char*, int, int, int) {
  ++*static_cast<int*>(ctx);
  return SQLITE_OK;
}

}  // namespace

Status EnsureSearchSupport(sqlite3* db) {
  if (sqlite3_get_clientdata(db, kClientDataKey)) return Status::Ok();
  fts5_api* api = Fts5Api(db);
  if (!api || api->iVersion < 3) return Status::Internal("SQLite was built without FTS5");
  auto support = std::make_unique<Support>();
  void* user_data = nullptr;
  int rc = api->xFindTokenizer_v2(api, kTokenizer, &user_data, &support->tokenizer_api);
  if (rc == SQLITE_OK) {
    rc = support->tokenizer_api->xCreate(user_data, const_cast<const char**>(kTokenizerArgs.data()),
                                         static_cast<int>(kTokenizerArgs.size()),
                                         &support->tokenizer);
  }
  if (rc == SQLITE_OK) {
    rc = api->xCreateFunction(api, std::string(kRankFunction).c_str(), nullptr, &Rank, nullptr);
  }
  if (rc != SQLITE_OK) {
    return Status::Internal(std::string("cannot set up item search: ") + sqlite3_errstr(rc));
  }
  rc = sqlite3_set_clientdata(db, kClientDataKey, support.release(),
                              [](void* p) { delete static_cast<Support*>(p); });
  if (rc != SQLITE_OK) return Status::Internal("cannot set up item search: out of memory");
  return Status::Ok();
}

Result<int> CountSearchTokens(sqlite3* db, std::string_view text) {
  auto* support = static_cast<Support*>(sqlite3_get_clientdata(db, kClientDataKey));
  if (!support) return Status::Internal("item search support is not set up");
  int count = 0;
  int rc = support->tokenizer_api->xTokenize(support->tokenizer, &count, FTS5_TOKENIZE_QUERY,
                                             text.data(), static_cast<int>(text.size()), nullptr, 0,
                                             &CountToken);
  if (rc != SQLITE_OK) return Status::Internal(std::string("tokenizer: ") + sqlite3_errstr(rc));
  return count;
}

}  // namespace invento::stock
