#include "core/stock/items.h"

#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"
#include "core/stock/attributes.h"

namespace invento::stock {

using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::SetArchived;

namespace {

Status CheckUnique(const db::Db& db, const char* column, const std::string& value,
                   const std::string& self, const char* field, const std::string& shown) {
  // column is one of two literals below, never input.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      std::string("SELECT reference FROM items WHERE ") + column +
      " = ? AND deleted = 0 AND id <> ? LIMIT 1"));
  st.Bind(1, std::string_view(value)).Bind(2, std::string_view(self));
  INVENTO_ASSIGN_OR_RETURN(bool dup, st.Step());
  if (dup) {
    return Status::Conflict(std::string(field) == "reference"
                                ? "reference " + shown + " is already used by another item"
                                : "barcode " + shown + " is already used by item " + st.Text(0),
                            field);
  }
  return Status::Ok();
}

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto reference = create ? std::optional(r.String("reference", {.min = 1, .max = 64}))
                          : r.OptionalString("reference", {.min = 1, .max = 64});
  auto label = create ? std::optional(r.String("label", {.min = 1, .max = 200}))
                      : r.OptionalString("label", {.min = 1, .max = 200});
  Json row{{"id", id}};
  if (r.Has("description")) row["description"] = OptJson(r.OptionalString("description", {.min = 0, .max = 4000}));
  bool has_category = r.Has("category_id");
  auto category_id = r.OptionalId("category_id");
  if (auto unit = r.OptionalString("unit", {.min = 1, .max = 16})) row["unit"] = *unit;
  if (auto price = r.OptionalInt("unit_price_cents", 0, kMaxMoneyCents)) row["unit_price_cents"] = *price;
  bool has_supplier = r.Has("supplier_id");
  auto supplier_id = r.OptionalId("supplier_id");
  if (r.Has("supplier_ref")) row["supplier_ref"] = OptJson(r.OptionalString("supplier_ref", {.min = 0, .max = 64}));
  bool has_barcode = r.Has("barcode");
  auto barcode = r.OptionalString("barcode", {.min = 0, .max = 128});
  if (auto min = r.OptionalQuantity("min_qty")) {
    if (*min < 0) return Status::InvalidArgument("min_qty cannot be negative", "min_qty");
    row["min_qty"] = *min;
  }
  const Json* attributes = r.Raw("attributes");
  INVENTO_RETURN_IF_ERROR(r.Finish());

  Json existing;
  if (create) {
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "items", id));
    row["archived"] = 0;
    row["deleted"] = 0;
  } else {
    INVENTO_ASSIGN_OR_RETURN(existing, RequireLive(tx, "items", id, "id", "item"));
  }
  if (reference) {
    std::string key = FoldKey(*reference);
    INVENTO_RETURN_IF_ERROR(CheckUnique(tx.db(), "reference_key", key, id, "reference", *reference));
    row["reference"] = *reference;
    row["reference_key"] = key;
  }
  if (label) row["label"] = *label;
  if (has_category) {
    if (category_id) {
      INVENTO_ASSIGN_OR_RETURN(Json c, RequireLive(tx, "categories", *category_id, "category_id", "category"));
    }
    row["category_id"] = OptJson(category_id);
  }
  if (has_supplier) {
    if (supplier_id) {
      INVENTO_ASSIGN_OR_RETURN(Json s, RequireLive(tx, "suppliers", *supplier_id, "supplier_id", "supplier"));
    }
    row["supplier_id"] = OptJson(supplier_id);
  }
  if (has_barcode) {
    if (barcode && !barcode->empty()) {
      INVENTO_RETURN_IF_ERROR(CheckUnique(tx.db(), "barcode", *barcode, id, "barcode", *barcode));
      row["barcode"] = *barcode;
    } else {
      row["barcode"] = nullptr;
    }
  }
  // Attributes are validated against the final category, on create, when given, or when the
  // category changes (values that no longer apply are then refused, naming the field).
  std::string final_category =
      has_category ? category_id.value_or("")
                   : (create || existing["category_id"].is_null() ? std::string()
                                                                  : existing["category_id"].get<std::string>());
  if (create || attributes || has_category) {
    Json values = attributes ? *attributes
                  : create   ? Json::object()
                             : Json::parse(existing["attributes"].get<std::string>(), nullptr, false);
    INVENTO_ASSIGN_OR_RETURN(Json clean, ValidateAttributes(tx.db(), final_category, values));
    row["attributes"] = clean.dump();
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("items", row));
  return Json{{"id", id}};
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) { return Write(tx, args, true); }
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) { return Write(tx, args, false); }
Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return SetArchived(tx, args, "items", "item");
}

Result<Json> SetLocationMin(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string item_id = r.Id("item_id");
  std::string location_id = r.Id("location_id");
  bool has_min = r.Has("min_qty");
  auto min = r.OptionalQuantity("min_qty");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!has_min) return Status::InvalidArgument("min_qty is required (null removes it)", "min_qty");
  if (min && *min < 0) return Status::InvalidArgument("min_qty cannot be negative", "min_qty");
  INVENTO_ASSIGN_OR_RETURN(Json item, RequireLive(tx, "items", item_id, "item_id", "item"));
  INVENTO_ASSIGN_OR_RETURN(Json loc, RequireLive(tx, "locations", location_id, "location_id", "location"));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, tx.db().Prepare(
      "SELECT id FROM item_location_mins WHERE item_id = ? AND location_id = ? AND deleted = 0"
      " ORDER BY id LIMIT 1"));
  st.Bind(1, std::string_view(item_id)).Bind(2, std::string_view(location_id));
  INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
  std::string row_id = found ? st.Text(0) : id;
  if (!min) {
    if (found) INVENTO_RETURN_IF_ERROR(tx.Del("item_location_mins", row_id));
    return Json{{"id", row_id}, {"removed", found}};
  }
  if (!found) INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "item_location_mins", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("item_location_mins", Json{{"id", row_id},
                                                           {"item_id", item_id},
                                                           {"location_id", location_id},
                                                           {"min_qty", *min},
                                                           {"deleted", 0}}));
  return Json{{"id", row_id}};
}

Result<Json> Get(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json item, RequireLive(db, "items", id, "id", "item"));
  item.erase("reference_key");
  item.erase("version");
  item.erase("deleted");
  item["archived"] = item["archived"] == 1;
  item["attributes"] = Json::parse(item["attributes"].get<std::string>(), nullptr, false);
  item["min_qty"] = FormatQuantity(item["min_qty"].get<std::int64_t>());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT m.location_id, l.name, m.min_qty FROM item_location_mins m"
      " JOIN locations l ON l.id = m.location_id WHERE m.item_id = ? AND m.deleted = 0"
      " ORDER BY l.name_key"));
  st.Bind(1, std::string_view(id));
  Json mins = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    mins.push_back({{"location_id", st.Text(0)}, {"location", st.Text(1)},
                    {"min_qty", FormatQuantity(st.Int(2))}});
  }
  item["location_mins"] = std::move(mins);
  return item;
}

}  // namespace

void RegisterItems(Registry& registry) {
  registry.Add(MutatorDef{"item.create", &Create});
  registry.Add(MutatorDef{"item.update", &Update});
  registry.Add(MutatorDef{"item.archive", &Archive});
  registry.Add(MutatorDef{"item.set_location_min", &SetLocationMin});
  registry.Add(QueryDef{"item.get", &Get});
}

}  // namespace invento::stock
