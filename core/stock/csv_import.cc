// csv.items_preview and csv.items_import (contract in csv_io.h).
#include <map>

#include "core/base/clock.h"
#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/csv/csv.h"
#include "core/mutators/args.h"
#include "core/mutators/registry.h"
#include "core/stock/csv_io.h"
#include "core/stock/csv_support.h"

namespace invento::stock {
namespace {

using csvio::Column;
constexpr std::size_t kMaxCsvBytes = 10 * 1024 * 1024;
constexpr const char* kPreviewSeed = "00000000-0000-4000-8000-000000000000";

struct ImportArgs {
  std::string csv;
  char separator = 0;
  std::optional<std::string> seed;
};

Result<ImportArgs> ReadArgs(const Json& args, bool seed_required) {
  ArgReader r(args);
  const Json* csv = r.Raw("csv");  // not String(): a CSV legitimately holds CR characters
  auto separator = r.OptionalEnum("separator", {";", ","});
  ImportArgs out;
  out.seed = seed_required ? std::optional(r.Id("id_seed")) : r.OptionalId("id_seed");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!csv || !csv->is_string())
    return Status::InvalidArgument("csv is required and must be a string", "csv");
  if (csv->get_ref<const std::string&>().size() > kMaxCsvBytes) {
    return Status::InvalidArgument("the file is larger than 10 MB: split it", "csv");
  }
  out.csv = csv->get<std::string>();
  if (separator) out.separator = (*separator)[0];
  return out;
}

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

// Removes spaces, no-break spaces (U+00A0, U+202F) and a euro sign: "1 234,50 €" -> "1234,50".
std::string StripNumber(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') continue;
    if (s.substr(i, 2) == "\xC2\xA0") {
      ++i;
      continue;
    }
    if (s.substr(i, 3) == "\xE2\x80\xAF" || s.substr(i, 3) == "\xE2\x82\xAC") {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

// A mutator's error field -> the CSV column to show it under ("" = the whole line).
std::string ColumnOfField(const std::string& field) {
  static const std::map<std::string, std::string> kMap{{"reference", "reference"},
                                                       {"id", "reference"},
                                                       {"item_id", "reference"},
                                                       {"label", "label"},
                                                       {"description", "description"},
                                                       {"category_id", "category"},
                                                       {"unit", "unit"},
                                                       {"unit_price_cents", "unit_price"},
                                                       {"supplier_id", "supplier"},
                                                       {"supplier_ref", "supplier_ref"},
                                                       {"barcode", "barcode"},
                                                       {"min_qty", "min_qty"},
                                                       {"qty", "qty"},
                                                       {"location_id", "location"}};
  if (auto it = kMap.find(field); it != kMap.end()) return it->second;
  if (field.rfind("attributes", 0) == 0) return "category";  // the category requires attributes
  return "";
}

struct Header {
  std::array<int, csvio::kColumnCount> index{};
  Json columns = Json::array();
  Json warnings = Json::array();
  int At(Column c) const { return index[static_cast<std::size_t>(c)]; }
};

Result<Header> MapHeader(const csv::Record& rec) {
  Header h;
  h.index.fill(-1);
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    std::string text = Trim(rec.fields[i]);
    auto c = text.empty() ? std::nullopt : csvio::ColumnForHeader(text);
    h.columns.push_back(
        {{"index", i}, {"header", text}, {"column", c ? Json(csvio::ColumnName(*c)) : Json()}});
    if (!c) {
      if (!text.empty())
        h.warnings.push_back({{"column", text}, {"message", "unknown column: ignored"}});
      continue;
    }
    int& slot = h.index[static_cast<std::size_t>(*c)];
    if (slot >= 0) {
      return Status::InvalidArgument("line " + std::to_string(rec.line) + ": columns '" +
                                         Trim(rec.fields[static_cast<std::size_t>(slot)]) +
                                         "' and '" + text + "' both mean " +
                                         std::string(csvio::ColumnName(*c)),
                                     "csv");
    }
    slot = static_cast<int>(i);
  }
  if (h.At(Column::kReference) < 0) {
    return Status::InvalidArgument("line " + std::to_string(rec.line) +
                                       ": no reference column (e.g. 'Référence' or 'reference')",
                                   "csv");
  }
  return h;
}

class Importer {
 public:
  // target == nullptr: preview (effects stay in the caller's savepoint, rolled back later).
  Importer(db::Db& db, const db::TableRegistry& tables, const MutationContext& ctx,
           std::string seed, WriteTx* target)
      : db_(db), tables_(tables), ctx_(ctx), seed_(std::move(seed)), target_(target) {}

  Result<Json> Run(const csv::Table& table) {
    if (table.records.empty())
      return Status::InvalidArgument("the file is empty: a header line is expected", "csv");
    INVENTO_ASSIGN_OR_RETURN(header_, MapHeader(table.records[0]));
    INVENTO_ASSIGN_OR_RETURN(categories_,
                             csvio::NameIndex::Load(db_, csvio::NameIndex::Kind::kCategories));
    INVENTO_ASSIGN_OR_RETURN(suppliers_,
                             csvio::NameIndex::Load(db_, csvio::NameIndex::Kind::kSuppliers));
    INVENTO_ASSIGN_OR_RETURN(locations_,
                             csvio::NameIndex::Load(db_, csvio::NameIndex::Kind::kLocations));
    Json lines = Json::array();
    std::map<std::string, int> totals{{"lines", 0},     {"create", 0}, {"update", 0},
                                      {"unchanged", 0}, {"error", 0},  {"opening_stock", 0}};
    for (std::size_t r = 1; r < table.records.size(); ++r) {
      const csv::Record& rec = table.records[r];
      bool blank = true;
      for (const auto& f : rec.fields) blank = blank && Trim(f).empty();
      if (blank) continue;
      INVENTO_ASSIGN_OR_RETURN(Json line, Line(rec));
      ++totals["lines"];
      ++totals[line["action"].get<std::string>()];
      if (line.value("stock", "") == "opening") ++totals["opening_stock"];
      lines.push_back(std::move(line));
    }
    return Json{{"separator", std::string(1, table.separator)},
                {"columns", header_.columns},
                {"warnings", header_.warnings},
                {"lines", std::move(lines)},
                {"totals", totals}};
  }

 private:
  // The record has this cell (a short record's missing trailing cells change nothing).
  bool Has(const csv::Record& rec, Column c) const {
    int i = header_.At(c);
    return i >= 0 && static_cast<std::size_t>(i) < rec.fields.size();
  }
  std::string Cell(const csv::Record& rec, Column c) const {
    int i = header_.At(c);
    if (i < 0 || static_cast<std::size_t>(i) >= rec.fields.size()) return {};
    std::string s;
    const std::string& raw = rec.fields[static_cast<std::size_t>(i)];
    for (std::size_t k = 0; k < raw.size(); ++k) {  // line breaks inside a cell become LF
      if (raw[k] == '\r') {
        s += '\n';
        if (k + 1 < raw.size() && raw[k + 1] == '\n') ++k;
      } else {
        s += raw[k];
      }
    }
    return csv::RestoreFormula(Trim(s));
  }

  Result<Json> Line(const csv::Record& rec);
  Result<bool> HasHistory(const std::string& item_id, const std::string& location_id,
                          std::string& onhand);

  db::Db& db_;
  const db::TableRegistry& tables_;
  const MutationContext& ctx_;
  std::string seed_;
  WriteTx* target_;
  Header header_;
  csvio::NameIndex categories_, suppliers_, locations_;
};

Result<bool> Importer::HasHistory(const std::string& item_id, const std::string& location_id,
                                  std::string& onhand) {
  INVENTO_ASSIGN_OR_RETURN(
      Json any,
      db_.QueryValue(
          "SELECT count(*) FROM (SELECT 1 FROM stock_movements WHERE item_id = ?1 AND deleted = 0"
          " AND (to_location_id = ?2 OR from_location_id = ?2) LIMIT 1)",
          {Json(item_id), Json(location_id)}));
  INVENTO_ASSIGN_OR_RETURN(Json qty, db_.QueryValue("SELECT coalesce((SELECT qty FROM stock_onhand "
                                                    "WHERE item_id = ?1 AND location_id = ?2), 0)",
                                                    {Json(item_id), Json(location_id)}));
  onhand = FormatQuantity(qty.get<std::int64_t>());
  return any.get<std::int64_t>() > 0;
}

Result<Json> Importer::Line(const csv::Record& rec) {
  Json errors = Json::array(), warnings = Json::array();
  auto add = [](Json& list, Column c, std::string_view code, std::string message) {
    Json e{{"column", csvio::ColumnName(c)}, {"message", std::move(message)}};
    if (!code.empty()) e["code"] = code;
    list.push_back(std::move(e));
  };
  const std::string reference = Cell(rec, Column::kReference);
  Json out{{"line", rec.line}, {"reference", reference}};
  auto finish = [&](const char* action) {
    out["action"] = action;
    out["errors"] = errors;
    out["warnings"] = warnings;
    return out;
  };

  // 1. What the CSV layer owns: presence, number syntax, names -> ids.
  if (reference.empty())
    add(errors, Column::kReference, "invalid_argument", "reference is required");
  std::optional<std::int64_t> price;
  if (std::string p = Cell(rec, Column::kUnitPrice); !p.empty()) {
    price = ParseMoney(StripNumber(p));
    if (!price)
      add(errors, Column::kUnitPrice, "invalid_argument",
          "'" + p + "' is not an amount (at most 2 decimals, e.g. 12,34)");
  }
  auto resolve = [&](Column c, const csvio::NameIndex& index) -> std::optional<std::string> {
    std::string cell = Cell(rec, c);
    if (cell.empty()) return std::nullopt;
    auto id = index.Resolve(cell);
    if (!id.ok()) {
      add(errors, c, id.status().code_name(), id.status().message());
      return std::nullopt;
    }
    return id.value();
  };
  const auto category_id = resolve(Column::kCategory, categories_);
  const auto supplier_id = resolve(Column::kSupplier, suppliers_);
  const auto location_id = resolve(Column::kLocation, locations_);
  const std::string qty_text = StripNumber(Cell(rec, Column::kQty));
  std::optional<std::int64_t> qty;
  if (!qty_text.empty()) {
    qty = ParseQuantity(qty_text);
    if (!qty)
      add(errors, Column::kQty, "invalid_argument",
          "'" + qty_text + "' is not a quantity (at most 3 decimals)");
    if (Cell(rec, Column::kLocation).empty()) {
      add(errors, Column::kLocation, "invalid_argument", "an opening quantity needs a location");
    }
  } else if (location_id) {
    add(warnings, Column::kQty, "", "no quantity: no opening stock recorded");
  }
  if (!errors.empty()) return finish("error");

  // 2. Match by reference; build the mutator calls (only what differs, for an update).
  const std::string key = FoldKey(reference);
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st,
      db_.Prepare(
          "SELECT * FROM items WHERE reference_key = ? AND deleted = 0 ORDER BY id LIMIT 1"));
  st.Bind(1, std::string_view(key));
  INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
  const Json existing = found ? st.RowObject() : Json::object();
  auto text_of = [&](const char* col) {
    const Json& v = existing.contains(col) ? existing[col] : Json();
    return v.is_string() ? v.get<std::string>() : std::string();
  };
  const std::string item_id =
      found ? existing["id"].get<std::string>() : csvio::DeriveId(seed_, "item", key);
  Json item{{"id", item_id}};
  auto set_text = [&](Column c, const char* field, bool clearable) {
    if (!Has(rec, c)) return;
    std::string v = Cell(rec, c);
    if (v.empty() && (!clearable || !found)) return;
    if (found && v == text_of(field)) return;
    item[field] = v.empty() ? Json() : Json(v);
  };
  auto set_link = [&](Column c, const char* field, const std::optional<std::string>& id) {
    if (!Has(rec, c) || (!found && !id)) return;
    if (found && id.value_or("") == text_of(field)) return;
    item[field] = id ? Json(*id) : Json();
  };
  if (!found) item["reference"] = reference;  // the match key: never rewritten by an import
  set_text(Column::kLabel, "label", false);
  set_text(Column::kDescription, "description", true);
  set_link(Column::kCategory, "category_id", category_id);
  set_text(Column::kUnit, "unit", false);
  if (price && (!found || *price != existing["unit_price_cents"].get<std::int64_t>()))
    item["unit_price_cents"] = *price;
  set_link(Column::kSupplier, "supplier_id", supplier_id);
  set_text(Column::kSupplierRef, "supplier_ref", true);
  set_text(Column::kBarcode, "barcode", true);
  if (std::string m = StripNumber(Cell(rec, Column::kMinQty)); !m.empty()) {
    auto parsed = ParseQuantity(m);  // unparseable: passed on, item.create/update says why
    if (!found || !parsed || *parsed != existing["min_qty"].get<std::int64_t>())
      item["min_qty"] = m;
  }
  std::vector<std::pair<std::string, Json>> calls;
  const char* action = "unchanged";
  if (!found) {
    calls.emplace_back("item.create", item);
    action = "create";
  } else if (item.size() > 1) {
    calls.emplace_back("item.update", item);
    action = "update";
  }

  // 3. Opening stock: only where the item has no ledger history at that location.
  if (qty && *qty != 0) {
    std::string onhand;
    bool history = false;
    if (found) {
      INVENTO_ASSIGN_OR_RETURN(history, HasHistory(item_id, *location_id, onhand));
    }
    if (history) {
      out["stock"] = "kept";
      add(warnings, Column::kQty, "",
          "opening stock ignored: this item already has stock history here "
          "(on hand " +
              onhand + "); record a count to correct it");
    } else {
      out["stock"] = "opening";
      calls.emplace_back(
          "stock.receipt",
          Json{{"id", csvio::DeriveId(seed_, "opening", key + "\x1f" + *location_id)},
               {"item_id", item_id},
               {"location_id", *location_id},
               {"qty", qty_text},
               {"note", "Opening stock (CSV import, line " + std::to_string(rec.line) + ")"}});
    }
  }
  if (calls.empty()) {
    out["item_id"] = item_id;
    return finish(action);
  }

  // 4. Trial run in a savepoint: the mutators decide. Then keep (preview) or replay (import).
  INVENTO_ASSIGN_OR_RETURN(db::Savepoint sp, db::Savepoint::Begin(db_, "csv_line"));
  WriteTx trial(db_, tables_, target_ ? target_->version() : 0);
  for (const auto& [name, args] : calls) {
    auto r = RunMutator(trial, name, args, ctx_);
    if (r.ok()) continue;
    const Status& s = r.status();
    if (s.code() == Code::kInternal || s.code() == Code::kIoError || s.code() == Code::kCorrupt)
      return s;
    INVENTO_RETURN_IF_ERROR(sp.Rollback());
    std::string column = ColumnOfField(s.field());
    errors.push_back({{"column", column.empty() ? Json() : Json(column)},
                      {"code", s.code_name()},
                      {"message", s.message()}});
    out.erase("stock");
    return finish("error");
  }
  if (!target_) {
    INVENTO_RETURN_IF_ERROR(sp.Release());
  } else {
    INVENTO_RETURN_IF_ERROR(sp.Rollback());
    for (const auto& [name, args] : calls) {
      auto r = RunMutator(*target_, name, args, ctx_);
      if (!r.ok()) {
        return Status::Internal("line " + std::to_string(rec.line) + ": " + name +
                                " passed its trial run but failed: " + r.status().message());
      }
    }
  }
  out["item_id"] = item_id;
  return finish(action);
}

Result<Json> Preview(const db::Db& read_db, const Json& args, const Actor& actor) {
  INVENTO_ASSIGN_OR_RETURN(ImportArgs a, ReadArgs(args, false));
  INVENTO_ASSIGN_OR_RETURN(csv::Table table, csv::Read(a.csv, {a.separator}));
  // The preview runs the real mutators, inside a savepoint that is always rolled back: the
  // database is unchanged when this returns, whatever happens (hence the const_cast).
  db::Db& db = const_cast<db::Db&>(read_db);
  INVENTO_ASSIGN_OR_RETURN(db::TableRegistry tables, db::TableRegistry::Load(db));
  INVENTO_ASSIGN_OR_RETURN(db::Savepoint sp, db::Savepoint::Begin(db, "csv_preview"));
  MutationContext ctx{actor, NowMs()};
  Importer importer(db, tables, ctx, a.seed.value_or(kPreviewSeed), nullptr);
  auto report = importer.Run(table);
  INVENTO_RETURN_IF_ERROR(sp.Rollback());
  return report;
}

Result<Json> Import(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  INVENTO_ASSIGN_OR_RETURN(ImportArgs a, ReadArgs(args, true));
  INVENTO_ASSIGN_OR_RETURN(csv::Table table, csv::Read(a.csv, {a.separator}));
  INVENTO_ASSIGN_OR_RETURN(db::TableRegistry tables, db::TableRegistry::Load(tx.db()));
  Importer importer(tx.db(), tables, ctx, *a.seed, &tx);
  return importer.Run(table);
}

}  // namespace

void RegisterCsvImport(Registry& registry) {
  registry.Add(QueryDef{"csv.items_preview", &Preview});
  registry.Add(MutatorDef{"csv.items_import", &Import});
}

}  // namespace invento::stock
