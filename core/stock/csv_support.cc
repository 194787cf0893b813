#include "core/stock/csv_support.h"

#include <set>

#include "core/base/decimal.h"
#include "core/base/text.h"

namespace invento::stock::csvio {
namespace {

struct Alias {
  Column column;
  const char* key;  // normalised (see NormalizeHeader)
};
constexpr Alias kAliases[] = {
    {Column::kReference, "reference"},
    {Column::kReference, "ref"},
    {Column::kReference, "reference article"},
    {Column::kReference, "item reference"},
    {Column::kReference, "code article"},
    {Column::kReference, "sku"},
    {Column::kLabel, "label"},
    {Column::kLabel, "libelle"},
    {Column::kLabel, "designation"},
    {Column::kLabel, "name"},
    {Column::kLabel, "nom"},
    {Column::kDescription, "description"},
    {Column::kCategory, "category"},
    {Column::kCategory, "categorie"},
    {Column::kCategory, "famille"},
    {Column::kUnit, "unit"},
    {Column::kUnit, "unite"},
    {Column::kUnit, "uom"},
    {Column::kUnitPrice, "unit price"},
    {Column::kUnitPrice, "price"},
    {Column::kUnitPrice, "prix unitaire"},
    {Column::kUnitPrice, "prix"},
    {Column::kSupplier, "supplier"},
    {Column::kSupplier, "fournisseur"},
    {Column::kSupplierRef, "supplier ref"},
    {Column::kSupplierRef, "supplier reference"},
    {Column::kSupplierRef, "ref fournisseur"},
    {Column::kSupplierRef, "reference fournisseur"},
    {Column::kBarcode, "barcode"},
    {Column::kBarcode, "bar code"},
    {Column::kBarcode, "code barres"},
    {Column::kBarcode, "code barre"},
    {Column::kBarcode, "ean"},
    {Column::kBarcode, "gtin"},
    {Column::kMinQty, "min qty"},
    {Column::kMinQty, "min quantity"},
    {Column::kMinQty, "minimum quantity"},
    {Column::kMinQty, "minimum"},
    {Column::kMinQty, "stock minimum"},
    {Column::kMinQty, "quantite minimum"},
    {Column::kMinQty, "qte min"},
    {Column::kMinQty, "seuil"},
    {Column::kLocation, "location"},
    {Column::kLocation, "emplacement"},
    {Column::kLocation, "lieu"},
    {Column::kLocation, "depot"},
    {Column::kQty, "qty"},
    {Column::kQty, "quantity"},
    {Column::kQty, "quantite"},
    {Column::kQty, "qte"},
    {Column::kQty, "opening stock"},
    {Column::kQty, "opening qty"},
    {Column::kQty, "stock initial"},
    {Column::kQty, "stock"},
};

struct Names {
  const char* id;
  const char* fr;
  const char* en;
};
constexpr std::array<Names, kColumnCount> kNames{{
    {"reference", "Référence", "Reference"},
    {"label", "Libellé", "Label"},
    {"description", "Description", "Description"},
    {"category", "Catégorie", "Category"},
    {"unit", "Unité", "Unit"},
    {"unit_price", "Prix unitaire", "Unit price"},
    {"supplier", "Fournisseur", "Supplier"},
    {"supplier_ref", "Référence fournisseur", "Supplier reference"},
    {"barcode", "Code-barres", "Barcode"},
    {"min_qty", "Stock minimum", "Minimum quantity"},
    {"location", "Emplacement", "Location"},
    {"qty", "Quantité", "Quantity"},
}};

// Folded, ASCII punctuation and '_' turned into single spaces: "Réf._fournisseur " -> "ref
// fournisseur".
std::string NormalizeHeader(std::string_view header) {
  std::string folded = FoldKey(header), out;
  for (char c : folded) {
    bool alnum =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm, proleptic Gregorian).
void CivilFromDays(std::int64_t z, std::int64_t& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

const char* What(NameIndex::Kind k) {
  switch (k) {
    case NameIndex::Kind::kCategories:
      return "category";
    case NameIndex::Kind::kSuppliers:
      return "supplier";
    case NameIndex::Kind::kLocations:
      return "location";
  }
  return "";
}

std::string PathKey(std::string_view cell) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t gt = cell.find('>', start);
    if (!out.empty()) out += " > ";
    out += FoldKey(cell.substr(start, gt == std::string_view::npos ? gt : gt - start));
    if (gt == std::string_view::npos) break;
    start = gt + 1;
  }
  return out;
}

}  // namespace

std::string_view ColumnName(Column c) { return kNames[static_cast<std::size_t>(c)].id; }
std::string_view ColumnHeader(Column c, bool french) {
  const Names& n = kNames[static_cast<std::size_t>(c)];
  return french ? n.fr : n.en;
}

std::optional<Column> ColumnForHeader(std::string_view header) {
  std::string key = NormalizeHeader(header);
  for (const Alias& a : kAliases) {
    if (key == a.key) return a.column;
  }
  for (std::size_t i = 0; i < kColumnCount; ++i) {  // "unit_price" -> "unit price" above
    if (key == NormalizeHeader(kNames[i].id)) return static_cast<Column>(i);
  }
  return std::nullopt;
}

std::string Locale::Number(std::string formatted) const {
  if (french) {
    for (char& c : formatted) {
      if (c == '.') c = ',';
    }
  }
  return formatted;
}
std::string Locale::Quantity(std::int64_t milli) const { return Number(FormatQuantity(milli)); }
std::string Locale::Money(std::int64_t cents) const { return Number(FormatMoney(cents)); }

std::string FormatUtcDate(std::int64_t ms) {
  std::int64_t y;
  int m, d;
  CivilFromDays(FloorDiv(ms, 86'400'000), y, m, d);
  return std::to_string(y) + "-" + Two(m) + "-" + Two(d);
}

std::string FormatUtcMinute(std::int64_t ms) {
  std::int64_t minute_of_day = FloorDiv(ms, 60'000) - FloorDiv(ms, 86'400'000) * 1440;
  return FormatUtcDate(ms) + " " + Two(static_cast<int>(minute_of_day / 60)) + ":" +
         Two(static_cast<int>(minute_of_day % 60));
}

std::string Slug(std::string_view text) {
  std::string out;
  for (char c : FoldKey(text)) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.substr(0, 60);
}

Result<NameIndex> NameIndex::Load(const db::Db& db, Kind kind) {
  const char* sql = kind == Kind::kCategories
                        ? "SELECT id, parent_id, name, name_key, NULL, deleted FROM categories"
                    : kind == Kind::kSuppliers
                        ? "SELECT id, NULL, name, name_key, NULL, deleted FROM suppliers"
                        : "SELECT id, parent_id, name, name_key, code, deleted FROM locations";
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
  NameIndex index;
  index.kind_ = kind;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Row r{st.IsNull(1) ? "" : st.Text(1), st.Text(2), st.Text(3),
          st.IsNull(4) ? "" : FoldKey(st.Text(4)), st.Int(5) == 0};
    std::string id = st.Text(0);
    if (r.live) {
      index.by_name_.emplace(r.name_key, id);
      if (!r.code_key.empty() && r.code_key != r.name_key) index.by_name_.emplace(r.code_key, id);
    }
    index.rows_.emplace(std::move(id), std::move(r));
  }
  return index;
}

std::string NameIndex::Path(const std::string& id, bool keys) const {
  std::vector<const Row*> chain;
  for (auto it = rows_.find(id); it != rows_.end() && chain.size() < 64;
       it = rows_.find(it->second.parent_id)) {
    chain.push_back(&it->second);
    if (it->second.parent_id.empty()) break;
  }
  std::string out;
  for (auto r = chain.rbegin(); r != chain.rend(); ++r) {
    if (!out.empty()) out += " > ";
    out += keys ? (*r)->name_key : (*r)->name;
  }
  return out;
}

Result<std::string> NameIndex::Resolve(std::string_view cell) const {
  const std::string what = What(kind_);
  std::set<std::string> ids;
  if (kind_ != Kind::kSuppliers && cell.find('>') != std::string_view::npos) {
    std::string key = PathKey(cell);
    for (const auto& [id, row] : rows_) {
      if (row.live && Path(id, true) == key) ids.insert(id);
    }
  }
  if (ids.empty()) {
    auto [b, e] = by_name_.equal_range(FoldKey(cell));
    for (auto it = b; it != e; ++it) ids.insert(it->second);
  }
  if (ids.size() == 1) return *ids.begin();
  if (ids.empty()) {
    return Status::NotFound(
        "unknown " + what + " '" + std::string(cell) + "'" +
        (kind_ == Kind::kCategories ? " (an import never creates categories)" : ""));
  }
  return Status::InvalidArgument("'" + std::string(cell) + "' matches " +
                                 std::to_string(ids.size()) + " " + what +
                                 "s: write its path, e.g. '" + Path(*ids.begin(), false) + "'");
}

std::string NameIndex::Display(const std::string& id) const {
  auto it = rows_.find(id);
  if (it == rows_.end()) return id;
  if (!it->second.live) return it->second.name;
  auto r = Resolve(it->second.name);
  if (r.ok() && r.value() == id) return it->second.name;
  return Path(id, false);
}

std::string DeriveId(std::string_view seed, std::string_view purpose, std::string_view key) {
  __extension__ typedef unsigned __int128 U128;
  const U128 prime = (static_cast<U128>(1) << 88) | 0x13B;
  U128 h = (static_cast<U128>(0x6C62272E07BB0142ULL) << 64) | 0x62B821756295C58DULL;
  auto feed = [&](std::string_view s) {
    for (char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= prime;
    }
    h ^= 0xFF;  // field terminator (0xFF never occurs in UTF-8)
    h *= prime;
  };
  feed(seed);
  feed(purpose);
  feed(key);
  unsigned char b[16];
  for (int i = 15; i >= 0; --i) {
    b[i] = static_cast<unsigned char>(h & 0xFF);
    h >>= 8;
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x80);  // version 8
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC variant
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

}  // namespace invento::stock::csvio
