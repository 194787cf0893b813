// csv.export_items, csv.export_stock, csv.export_movements, csv.export_count (contract in
// csv_io.h). Read-only queries: each builds one CSV text in memory.
#include "core/base/decimal.h"
#include "core/csv/csv.h"
#include "core/mutators/args.h"
#include "core/mutators/registry.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"
#include "core/stock/csv_io.h"
#include "core/stock/csv_support.h"

namespace invento::stock {

using rows::OptJson;
using rows::RequireLive;
using rows::kMaxTime;

namespace {

using csvio::Column;
using csvio::Locale;
using csvio::NameIndex;
constexpr std::int64_t kMaxMovementRows = 100000;

Locale ReadLocale(ArgReader& r) { return Locale{r.Enum("locale", {"fr", "en"}) == "fr"}; }

csv::Writer NewWriter(const Locale& l) {
  return csv::Writer({.separator = l.separator(), .bom = true});
}

Json Done(std::string filename, csv::Writer& w, std::int64_t rows) {
  return Json{{"filename", std::move(filename)}, {"content", w.Take()}, {"rows", rows}};
}

std::string Text(const db::Stmt& st, int col) {
  return st.IsNull(col) ? std::string() : csv::NeutralizeFormula(st.Text(col));
}

Result<Json> ExportItems(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  Locale l = ReadLocale(r);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(NameIndex categories, NameIndex::Load(db, NameIndex::Kind::kCategories));
  INVENTO_ASSIGN_OR_RETURN(NameIndex suppliers, NameIndex::Load(db, NameIndex::Kind::kSuppliers));
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st,
      db.Prepare(
          "SELECT reference, label, description, category_id, unit, unit_price_cents, supplier_id,"
          " supplier_ref, barcode, min_qty FROM items WHERE deleted = 0 AND (?1 OR archived = 0)"
          " ORDER BY reference_key, id"));
  st.Bind(1, std::int64_t{archived ? 1 : 0});
  csv::Writer w = NewWriter(l);
  std::vector<std::string> header;
  for (Column c : {Column::kReference, Column::kLabel, Column::kDescription, Column::kCategory,
                   Column::kUnit, Column::kUnitPrice, Column::kSupplier, Column::kSupplierRef,
                   Column::kBarcode, Column::kMinQty}) {
    header.emplace_back(csvio::ColumnHeader(c, l.french));
  }
  w.Row(header);
  std::int64_t rows = 0;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    w.Row({Text(st, 0), Text(st, 1), Text(st, 2),
           st.IsNull(3) ? "" : csv::NeutralizeFormula(categories.Display(st.Text(3))), Text(st, 4),
           l.Money(st.Int(5)),
           st.IsNull(6) ? "" : csv::NeutralizeFormula(suppliers.Display(st.Text(6))), Text(st, 7),
           Text(st, 8), l.Quantity(st.Int(9))});
    ++rows;
  }
  return Done(l.french ? "articles.csv" : "items.csv", w, rows);
}

Result<Json> ExportStock(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  Locale l = ReadLocale(r);
  auto location_id = r.OptionalId("location_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  std::string filename = "stock";
  if (location_id) {
    INVENTO_ASSIGN_OR_RETURN(Json loc,
                             RequireLive(db, "locations", *location_id, "location_id", "location"));
    filename += "_" + csvio::Slug(loc["name"].get<std::string>());
  }
  INVENTO_ASSIGN_OR_RETURN(NameIndex locations, NameIndex::Load(db, NameIndex::Kind::kLocations));
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st,
      db.Prepare("SELECT o.location_id, i.reference, i.label, i.unit, o.qty, i.unit_price_cents"
                 " FROM stock_onhand o JOIN items i ON i.id = o.item_id JOIN locations l ON l.id = "
                 "o.location_id"
                 " WHERE i.deleted = 0 AND o.qty <> 0 AND (?1 IS NULL OR o.location_id = ?1)"
                 " ORDER BY l.name_key, l.id, i.reference_key, i.id"));
  st.Bind(1, OptJson(location_id));
  csv::Writer w = NewWriter(l);
  w.Row({std::string(csvio::ColumnHeader(Column::kLocation, l.french)),
         std::string(csvio::ColumnHeader(Column::kReference, l.french)),
         std::string(csvio::ColumnHeader(Column::kLabel, l.french)),
         std::string(csvio::ColumnHeader(Column::kUnit, l.french)),
         std::string(csvio::ColumnHeader(Column::kQty, l.french)),
         std::string(csvio::ColumnHeader(Column::kUnitPrice, l.french)),
         std::string(l.Text("Valeur", "Value"))});
  std::int64_t rows = 0;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::int64_t qty = st.Int(4), price = st.Int(5);
    w.Row({csv::NeutralizeFormula(locations.Display(st.Text(0))), Text(st, 1), Text(st, 2),
           Text(st, 3), l.Quantity(qty), l.Money(price), l.Money(ValueCents(qty, price))});
    ++rows;
  }
  return Done(filename + ".csv", w, rows);
}

std::string_view KindText(const std::string& kind, const Locale& l) {
  if (kind == "receipt") return l.Text("Réception", "Receipt");
  if (kind == "issue") return l.Text("Sortie", "Issue");
  if (kind == "transfer") return l.Text("Transfert", "Transfer");
  if (kind == "adjustment") return l.Text("Ajustement", "Adjustment");
  if (kind == "count") return l.Text("Inventaire", "Count");
  return kind;
}

Result<Json> ExportMovements(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  Locale l = ReadLocale(r);
  std::int64_t from = r.Int("from", 0, kMaxTime);
  std::int64_t to = r.Int("to", 0, kMaxTime);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (to < from) return Status::InvalidArgument("to must not be before from", "to");
  INVENTO_ASSIGN_OR_RETURN(NameIndex locations, NameIndex::Load(db, NameIndex::Kind::kLocations));
  INVENTO_ASSIGN_OR_RETURN(
      db::Stmt st,
      db.Prepare(
          "SELECT m.occurred_at, m.kind, i.reference, i.label, m.from_location_id,"
          " coalesce(m.to_location_id, m.site_id), m.qty, i.unit, m.unit_cost_cents, m.reason, "
          "m.note,"
          " m.task_id, m.actor_id, m.id FROM stock_movements m JOIN items i ON i.id = m.item_id"
          " WHERE m.deleted = 0 AND m.occurred_at >= ?1 AND m.occurred_at < ?2"
          " ORDER BY m.occurred_at, m.id LIMIT ?3"));
  st.Bind(1, from).Bind(2, to).Bind(3, kMaxMovementRows + 1);
  csv::Writer w = NewWriter(l);
  w.Row({std::string(l.Text("Date (UTC)", "Date (UTC)")), std::string(l.Text("Type", "Kind")),
         std::string(csvio::ColumnHeader(Column::kReference, l.french)),
         std::string(csvio::ColumnHeader(Column::kLabel, l.french)),
         std::string(l.Text("De", "From")), std::string(l.Text("Vers", "To")),
         std::string(csvio::ColumnHeader(Column::kQty, l.french)),
         std::string(csvio::ColumnHeader(Column::kUnit, l.french)),
         std::string(l.Text("Coût unitaire", "Unit cost")), std::string(l.Text("Motif", "Reason")),
         std::string(l.Text("Note", "Note")), std::string(l.Text("Tâche", "Task")),
         std::string(l.Text("Auteur", "Actor")), std::string(l.Text("Identifiant", "Id"))});
  std::int64_t rows = 0;
  auto place = [&](int col) {
    return st.IsNull(col) ? std::string() : csv::NeutralizeFormula(locations.Display(st.Text(col)));
  };
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (++rows > kMaxMovementRows) {
      return Status::InvalidArgument("more than " + std::to_string(kMaxMovementRows) +
                                         " movements in this period: narrow the date range",
                                     "to");
    }
    w.Row({csvio::FormatUtcMinute(st.Int(0)), std::string(KindText(st.Text(1), l)), Text(st, 2),
           Text(st, 3), place(4), place(5), l.Quantity(st.Int(6)), Text(st, 7),
           st.IsNull(8) ? "" : l.Money(st.Int(8)), Text(st, 9), Text(st, 10), Text(st, 11),
           Text(st, 12), Text(st, 13)});
  }
  std::string prefix(l.Text("mouvements_", "movements_"));
  return Done(prefix + csvio::FormatUtcDate(from) + "_" + csvio::FormatUtcDate(to) + ".csv", w,
              rows);
}

Result<Json> ExportCount(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  Locale l = ReadLocale(r);
  std::string session_id = r.Id("session_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  // The review decides what this actor may see (blind counts hide expected quantities).
  const QueryDef* review_def = Registry::Get().FindQuery("count.review");
  if (!review_def) return Status::Internal("count.review is not registered");
  INVENTO_ASSIGN_OR_RETURN(Json review,
                           review_def->run(db, Json{{"session_id", session_id}}, actor));
  const bool show = review.value("expected_visible", false);
  csv::Writer w = NewWriter(l);
  std::vector<std::string> header{std::string(csvio::ColumnHeader(Column::kReference, l.french)),
                                  std::string(csvio::ColumnHeader(Column::kLabel, l.french)),
                                  std::string(csvio::ColumnHeader(Column::kUnit, l.french)),
                                  std::string(l.Text("Emplacement", "Location")),
                                  std::string(l.Text("Compté", "Counted"))};
  if (show) {
    for (auto h : {l.Text("Attendu", "Expected"), l.Text("Écart", "Variance"),
                   l.Text("Valeur de l'écart", "Variance value")}) {
      header.emplace_back(h);
    }
  }
  w.Row(header);
  auto qty = [&](const Json& o, const char* key) {
    return o.contains(key) ? l.Number(o[key].get<std::string>()) : std::string();
  };
  std::int64_t rows = 0;
  for (const char* list : {"lines", "uncounted"}) {
    for (const Json& o : review[list]) {
      std::vector<std::string> row{csv::NeutralizeFormula(o["reference"].get<std::string>()),
                                   csv::NeutralizeFormula(o["label"].get<std::string>()),
                                   csv::NeutralizeFormula(o["unit"].get<std::string>()),
                                   csv::NeutralizeFormula(o["location"].get<std::string>()),
                                   qty(o, "counted")};
      if (show) {
        row.push_back(qty(o, "expected"));
        row.push_back(qty(o, "variance"));
        row.push_back(o.contains("variance_value_cents")
                          ? l.Money(o["variance_value_cents"].get<std::int64_t>())
                          : std::string());
      }
      w.Row(row);
      ++rows;
    }
  }
  std::string prefix(l.Text("comptage_", "count_"));
  return Done(
      prefix + csvio::FormatUtcDate(review["session"]["opened_at"].get<std::int64_t>()) + ".csv", w,
      rows);
}

}  // namespace

void RegisterCsvExport(Registry& registry) {
  registry.Add(QueryDef{"csv.export_items", &ExportItems});
  registry.Add(QueryDef{"csv.export_stock", &ExportStock});
  registry.Add(QueryDef{"csv.export_movements", &ExportMovements});
  registry.Add(QueryDef{"csv.export_count", &ExportCount});
}

}  // namespace invento::stock
