// Item search benchmark: query item.search over an on-disk database of N realistic items
// (default 100,000), against the named alternative in the same run: a bare FTS5 prefix query
// (`SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT 50` with each word quoted as a
// prefix: no argument decoding, column restriction, archived filter, ranking, total, or row
// fetch) for the same words. A blank q (list by reference) is measured too, without a bare
// counterpart.
//
// Usage: search_bench [--items N] [--per-kind Q] [--db PATH] [--keep 1]
// Prints a markdown table (milliseconds per query) for docs/benchmarks.md.
// Profiling aids (environment): BENCH_PRAGMA=sql runs on the connection before the fill,
// BENCH_AFTER_FILL=sql after it; BENCH_SLOW=ms prints the queries slower than ms;
// BENCH_ONLY=q measures only q, repeated.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/base/text.h"
#include "core/core.h"

namespace {

using invento::Json;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kNouns{
    "Écrou",        "Vis",       "Rondelle",     "Boulon",     "Joint torique", "Roulement",
    "Courroie",     "Filtre",    "Huile",        "Graisse",    "Câble",         "Disjoncteur",
    "Fusible",      "Relais",    "Contacteur",   "Moteur",     "Pompe",         "Vanne",
    "Clapet",       "Tuyau",     "Raccord",      "Coude",      "Manchon",       "Collier",
    "Tôle",         "Équerre",   "Charnière",    "Serrure",    "Poignée",       "Ampoule",
    "Détecteur",    "Capteur",   "Thermostat",   "Résistance", "Condensateur",  "Ventilateur",
    "Compresseur",  "Détendeur", "Électrovanne", "Manomètre",  "Gaine",         "Prise",
    "Interrupteur", "Goujon",    "Cheville",     "Foret",      "Lame",          "Disque",
    "Batterie",     "Chargeur",  "Plaquette",    "Cartouche",  "Nut",           "Bolt",
    "Washer",       "Bearing",   "Belt",         "Filter",     "Cable",         "Breaker",
    "Fuse",         "Relay",     "Motor",        "Pump",       "Valve",         "Hose",
    "Fitting",      "Elbow",     "Clamp",        "Bracket",    "Hinge",         "Lock",
    "Handle",       "Bulb",      "Sensor",       "Capacitor",  "Fan",           "Gauge",
    "Gasket",       "Seal"};
const std::vector<std::string> kQualifiers{
    "hexagonal",      "inox",       "acier",        "galvanisé",  "laiton",
    "cuivre",         "PVC",        "étanche",      "renforcé",   "haute température",
    "basse pression", "électrique", "thermique",    "plastique",  "aluminium",
    "zingué",         "nylon",      "fileté",       "à souder",   "à visser",
    "stainless",      "steel",      "brass",        "heavy duty", "sealed",
    "waterproof",     "réglable",   "automatique",  "industriel", "sécurité",
    "isolé",          "flexible",   "rigide",       "plat",       "rond",
    "carré",          "long",       "court",        "mâle",       "femelle",
    "coudé",          "droit",      "tête fraisée", "à billes",   "trapézoïdale",
    "crantée"};
const std::vector<std::string> kSizes{
    "M4",   "M5",    "M6",   "M8",   "M10", "M12", "M16", "DN15", "DN20", "DN25", "DN32",  "DN50",
    "12V",  "24V",   "230V", "400V", "10A", "16A", "32A", "6mm",  "8mm",  "10mm", "1/2\"", "3/4\"",
    "50mm", "100mm", "2m",   "5m",   "10m", "1L",  "5L",  "20L",  "6204", "6205", "A42",   "SPZ"};
const std::vector<std::string> kBrands{"Legrand",  "Schneider", "Hager",   "SKF", "Würth", "Facom",
                                       "Grundfos", "Danfoss",   "Siemens", "ABB", "Bosch", "Makita",
                                       "Festo",    "Parker",    "Gates",   "Mann"};
const std::vector<std::string> kAttrValues{
    "Acier galvanisé", "Noir",      "Laiton nickelé", "Rouge",
    "Inox 316L",       "Bleu",      "Fonte",          "Caoutchouc nitrile",
    "Viton",           "Polyamide", "Blanc",          "Gris anthracite",
    "Cuivre étamé"};
const std::vector<std::string> kBarcodePrefixes{
    "3760123", "3660987", "3700456", "3250391", "4006381", "4011905", "4048164", "5012345",
    "5901234", "7311518", "8000123", "8712345", "9002490", "3014260", "3245678", "3408765"};

template <typename T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

std::string Uuid(std::mt19937_64& rng) {
  char buf[37];
  std::uint64_t a = rng(), b = rng();
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xfff,
                static_cast<unsigned>(b >> 48) & 0xfff,
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::string Ean13(const std::string& prefix, int item) {
  char body[13];
  std::snprintf(body, sizeof body, "%s%05d", prefix.c_str(), item % 100000);
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (body[i] - '0') * (i % 2 ? 3 : 1);
  return std::string(body) + static_cast<char>('0' + (10 - sum % 10) % 10);
}

struct Dataset {
  std::vector<std::string> label_words;  // every word of every label, as written
  std::vector<std::string> barcodes;
  std::vector<std::string> references;
};

// Inserts n items in one transaction through WriteTx::Put; returns the words used.
Dataset Fill(invento::Core& core, int n, double* seconds) {
  std::mt19937_64 rng(20260601);
  std::vector<std::string> categories, attr_defs{Uuid(rng), Uuid(rng)};
  for (int i = 0; i < 40; ++i) categories.push_back(Uuid(rng));
  Dataset data;
  auto t0 = Clock::now();
  auto sql_tx = invento::db::Transaction::Begin(core.db());
  if (!sql_tx.ok()) std::abort();
  // One SQLite transaction; a WriteTx per 1,000 rows, because WriteTx::Put checks the rows it
  // already touched with a linear scan (quadratic over 100,000 rows in one WriteTx).
  std::unique_ptr<invento::WriteTx> tx;
  for (int i = 0; i < n; ++i) {
    if (i % 1000 == 0) tx = std::make_unique<invento::WriteTx>(core.db(), core.tables(), 0);
    char ref[16];
    std::snprintf(ref, sizeof ref, "REF-%06d", i);
    std::string label = Pick(rng, kNouns) + " " + Pick(rng, kQualifiers) + " " + Pick(rng, kSizes);
    if (rng() % 3 == 0) label += " " + Pick(rng, kBrands);
    Json attrs = Json::object();
    if (rng() % 10 < 3) attrs[attr_defs[0]] = Pick(rng, kAttrValues);
    if (rng() % 10 < 2) attrs[attr_defs[1]] = static_cast<int>(rng() % 500);
    Json barcode = nullptr, supplier_ref = nullptr;
    if (rng() % 10 < 8) {
      barcode = Ean13(kBarcodePrefixes[static_cast<size_t>(i) % kBarcodePrefixes.size()],
                      i / static_cast<int>(kBarcodePrefixes.size()));
      data.barcodes.push_back(barcode.get<std::string>());
    }
    if (rng() % 10 < 7) {
      std::string brand = invento::FoldKey(Pick(rng, kBrands)).substr(0, 3);
      for (auto& c : brand) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s-%04d-%c%c", brand.c_str(), static_cast<int>(rng() % 10000),
                    static_cast<char>('A' + rng() % 26), static_cast<char>('A' + rng() % 26));
      supplier_ref = buf;
    }
    Json row{{"id", Uuid(rng)},
             {"reference", ref},
             {"reference_key", invento::FoldKey(ref)},
             {"label", label},
             {"description", "Article de maintenance " + std::to_string(i)},
             {"category_id", Pick(rng, categories)},
             {"unit", rng() % 5 == 0 ? "m" : "piece"},
             {"unit_price_cents", static_cast<int>(rng() % 50000)},
             {"supplier_id", nullptr},
             {"supplier_ref", supplier_ref},
             {"barcode", barcode},
             {"min_qty", 0},
             {"attributes", attrs.dump()},
             {"archived", rng() % 100 < 3 ? 1 : 0},
             {"deleted", rng() % 100 < 1 ? 1 : 0}};
    if (!tx->Put("items", row).ok()) std::abort();
    data.references.push_back(ref);
    std::string word;
    for (char c : label + " ") {
      if (c == ' ') {
        if (word.size() > 1) data.label_words.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
  }
  if (!(*sql_tx)->Commit().ok()) std::abort();
  *seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return data;
}

// The first n characters (UTF-8 code points) of s.
std::string PrefixChars(const std::string& s, size_t n) {
  size_t i = 0, chars = 0;
  while (i < s.size() && chars < n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  return s.substr(0, i);
}

bool HasAccent(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

struct Kind {
  std::string name;
  std::vector<std::string> queries;
  std::vector<double> ours_ms, bare_ms;
  long long totals = 0, capped = 0;
};

std::vector<Kind> MakeQueries(const Dataset& d, int per_kind) {
  std::mt19937_64 rng(7);
  std::vector<std::string> accented;
  for (const auto& w : d.label_words) {
    if (HasAccent(w) && w.size() > 3) accented.push_back(w);
  }
  std::vector<Kind> kinds;
  for (const char* name :
       {"prefix, 1 char", "prefix, 2 chars", "prefix, 3 chars", "whole word", "accented input",
        "two words", "barcode prefix", "reference", "blank q (list)"}) {
    kinds.push_back(Kind{name, {}, {}, {}, 0, 0});
  }
  for (int i = 0; i < per_kind; ++i) {
    const std::string& w = Pick(rng, d.label_words);
    kinds[0].queries.push_back(invento::FoldKey(PrefixChars(w, 1)));
    kinds[1].queries.push_back(invento::FoldKey(PrefixChars(w, 2)));
    kinds[2].queries.push_back(invento::FoldKey(PrefixChars(Pick(rng, d.label_words), 3)));
    kinds[3].queries.push_back(invento::FoldKey(Pick(rng, d.label_words)));
    std::string a = Pick(rng, accented);
    kinds[4].queries.push_back(rng() % 2 ? a : a + " " + PrefixChars(Pick(rng, kSizes), 2));
    const std::string& second = Pick(rng, d.label_words);
    kinds[5].queries.push_back(invento::FoldKey(Pick(rng, kNouns).substr(0, 5)) + " " +
                               PrefixChars(second, 2 + rng() % 4));
    const std::string& bc = Pick(rng, d.barcodes);
    kinds[6].queries.push_back(bc.substr(0, 6 + rng() % 8));
    const std::string& ref = Pick(rng, d.references);
    kinds[7].queries.push_back(ref.substr(0, 6 + rng() % 5));
    if (i % 10 == 0) kinds[8].queries.push_back("");
  }
  return kinds;
}

// The bare alternative's expression: each blank-separated word quoted as a prefix.
std::string BareExpression(const std::string& q) {
  std::string out, word;
  for (char c : q + " ") {
    if (c == ' ') {
      if (!word.empty()) out += (out.empty() ? "" : " AND ") + ("\"" + word + "\"*");
      word.clear();
    } else if (c != '"') {
      word += c;
    }
  }
  return out;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string Row(const std::string& name, const std::vector<double>& ours,
                const std::vector<double>& bare, const std::string& extra) {
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "| %s | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |\n",
                name.c_str(), ours.size(), Percentile(ours, 0.5), Percentile(ours, 0.95),
                Percentile(ours, 0.99), Percentile(ours, 1.0), Percentile(bare, 0.5),
                Percentile(bare, 0.95), Percentile(bare, 1.0), extra.c_str());
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  int items = 100000, per_kind = 300;
  bool keep = false;
  std::string path = (std::filesystem::temp_directory_path() /
                      ("invento_search_bench_" + std::to_string(getpid()) + ".db"))
                         .string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--items")) items = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--per-kind")) per_kind = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--keep")) keep = std::atoi(argv[i + 1]) != 0;
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-journal");
  auto opened = invento::Core::Open({.path = path});
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  auto core = std::move(opened).value();
  if (const char* pragma = std::getenv("BENCH_PRAGMA")) {
    if (!core->db().Exec(pragma).ok()) return 1;
  }
  double insert_s = 0;
  Dataset data = Fill(*core, items, &insert_s);
  if (const char* sql = std::getenv("BENCH_AFTER_FILL")) {  // e.g. an FTS5 'optimize'
    auto t0 = Clock::now();
    if (!core->db().Exec(sql).ok()) return 1;
    std::printf("After fill: %s (%.2f s)\n", sql,
                std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::vector<Kind> kinds = MakeQueries(data, per_kind);
  if (const char* only = std::getenv("BENCH_ONLY")) {  // profiling aid: one query, repeated
    kinds.assign(
        1,
        Kind{"only", std::vector<std::string>(static_cast<size_t>(per_kind), only), {}, {}, 0, 0});
  }

  // Interleave the kinds, warm the page cache with a first pass, then measure.
  std::vector<std::pair<size_t, size_t>> order;
  for (size_t k = 0; k < kinds.size(); ++k) {
    for (size_t i = 0; i < kinds[k].queries.size(); ++i) order.emplace_back(k, i);
  }
  std::shuffle(order.begin(), order.end(), std::mt19937_64(11));
  auto bare = core->db().Prepare("SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 LIMIT 50");
  if (!bare.ok()) return 1;
  const invento::Actor actor{"bench", invento::Role::kTechnician};
  for (int pass = 0; pass < 2; ++pass) {
    for (auto [k, i] : order) {
      Kind& kind = kinds[k];
      const std::string& q = kind.queries[i];
      auto t0 = Clock::now();
      auto r = core->Query("item.search", Json{{"q", q}, {"limit", 50}}, actor);
      auto t1 = Clock::now();
      if (!r.ok()) {
        std::fprintf(stderr, "query '%s': %s\n", q.c_str(), r.status().ToString().c_str());
        return 1;
      }
      auto t2 = Clock::now(), t3 = t2;
      if (!q.empty()) {
        bare->Reset();
        bare->Bind(1, std::string_view(BareExpression(q)));
        t2 = Clock::now();
        while (bare->Step().value()) {
        }
        t3 = Clock::now();
      }
      if (pass == 0) continue;
      if (std::getenv("BENCH_SLOW") && std::chrono::duration<double, std::milli>(t1 - t0).count() >
                                           std::atof(std::getenv("BENCH_SLOW"))) {
        std::fprintf(stderr, "slow %.3f ms [%s] '%s' total %lld\n",
                     std::chrono::duration<double, std::milli>(t1 - t0).count(), kind.name.c_str(),
                     q.c_str(), r.value()["total"].get<long long>());
      }
      kind.ours_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      if (!q.empty()) {
        kind.bare_ms.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
      }
      kind.totals += r.value()["total"].get<long long>();
      kind.capped += r.value()["total_exact"] == false;
    }
  }

  std::printf(
      "Items: %d (on disk, %.1f MB), inserted in one transaction in %.2f s (%.0f items/s)\n\n",
      items, static_cast<double>(std::filesystem::file_size(path)) / 1e6, insert_s,
      items / insert_s);
  std::printf(
      "| query kind | n | ours p50 | ours p95 | ours p99 | ours max | bare FTS5 p50 |"
      " bare FTS5 p95 | bare FTS5 max | mean total (capped) |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
  std::vector<double> all_ours, all_bare;
  for (const auto& k : kinds) {
    if (k.queries.empty()) continue;
    char extra[64];
    std::snprintf(extra, sizeof extra, "%.0f (%lld%%)",
                  static_cast<double>(k.totals) / static_cast<double>(k.ours_ms.size()),
                  k.capped * 100 / static_cast<long long>(k.ours_ms.size()));
    std::printf("%s", Row(k.name, k.ours_ms, k.bare_ms, extra).c_str());
    all_ours.insert(all_ours.end(), k.ours_ms.begin(), k.ours_ms.end());
    all_bare.insert(all_bare.end(), k.bare_ms.begin(), k.bare_ms.end());
  }
  std::printf("%s", Row("**all**", all_ours, all_bare, "").c_str());
  if (!keep) std::filesystem::remove(path);
  return 0;
}
