// Internal helpers of the stock CSV import/export (stock/csv_io.h): column names, locale
// formatting, name <-> id resolution for reference data, deterministic ids. (The savepoint
// each line runs in is db::Savepoint, core/db/sqlite.h.)
// Not a public API: only csv_import.cc and csv_export.cc use it.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/db/sqlite.h"

namespace invento::stock::csvio {

using Json = nlohmann::json;

// The importable columns. Headers are matched case-, accent- and punctuation-insensitively
// against French and English aliases ("Prix unitaire", "unit_price", "Unit price"...).
enum class Column {
  kReference,
  kLabel,
  kDescription,
  kCategory,
  kUnit,
  kUnitPrice,
  kSupplier,
  kSupplierRef,
  kBarcode,
  kMinQty,
  kLocation,
  kQty
};
inline constexpr std::size_t kColumnCount = 12;

std::string_view ColumnName(Column c);  // "reference", "unit_price", ...
std::optional<Column> ColumnForHeader(std::string_view header);
// The header text of an exported column, in the locale ("Référence" / "Reference").
std::string_view ColumnHeader(Column c, bool french);

// Export formatting for one locale: French uses ';' and a decimal comma, English ',' and '.'.
struct Locale {
  bool french = false;
  char separator() const { return french ? ';' : ','; }
  std::string Number(std::string formatted) const;  // "12.5" -> "12,5" in French
  std::string Quantity(std::int64_t milli) const;
  std::string Money(std::int64_t cents) const;
  std::string_view Text(std::string_view fr, std::string_view en) const { return french ? fr : en; }
};

// "2024-03-05 14:07" (UTC) and "2024-03-05" (UTC) from milliseconds since the epoch.
std::string FormatUtcMinute(std::int64_t ms);
std::string FormatUtcDate(std::int64_t ms);
// A file-name-safe slug: ASCII letters, digits and '-', other runs become '_'.
std::string Slug(std::string_view text);

// Names of one reference table (categories, suppliers or locations), loaded once per call.
// Resolve() maps a cell to the id of a live row: by folded name, by "Parent > Child" path
// (trees), or by code (locations). Unknown -> not_found; a name shared by several rows ->
// invalid_argument asking for the path. Display() gives the name, or the path when the name
// alone would be ambiguous (so an export re-imports to the same row).
class NameIndex {
 public:
  enum class Kind { kCategories, kSuppliers, kLocations };
  static Result<NameIndex> Load(const db::Db& db, Kind kind);
  Result<std::string> Resolve(std::string_view cell) const;
  std::string Display(const std::string& id) const;

 private:
  struct Row {
    std::string parent_id, name, name_key, code_key;
    bool live = true;
  };
  std::string Path(const std::string& id, bool keys) const;
  Kind kind_ = Kind::kCategories;
  std::map<std::string, Row> rows_;
  std::multimap<std::string, std::string> by_name_;  // name_key or code_key -> id (live)
};

// A UUID (version 8, RFC 9562 "custom") derived from seed, purpose and key with a 128-bit
// FNV-1a hash: the same arguments always give the same id, so a mutator that creates rows
// from one seed is deterministic (a device and the server re-running it agree on ids).
std::string DeriveId(std::string_view seed, std::string_view purpose, std::string_view key);

}  // namespace invento::stock::csvio
