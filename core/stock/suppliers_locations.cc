#include "core/stock/suppliers_locations.h"

#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::stock {

using rows::IsSelfOrDescendant;
using rows::OptJson;
using rows::PutNamedRow;
using rows::RequireLive;
using rows::RequireNewId;
using rows::RequireUniqueSiblingName;
using rows::SetArchived;

namespace {

constexpr StringRule kName{.min = 1, .max = 120};
constexpr StringRule kShort{.min = 0, .max = 120};
constexpr StringRule kNotes{.min = 0, .max = 4000};

bool LooksLikeEmail(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos &&
         e.back() != '.' && e.find(' ') == std::string::npos && e.find('@', at + 1) == std::string::npos;
}

// Reads the optional contact fields into row (null clears). Returns false on error.
void ReadSupplierFields(ArgReader& r, Json& row) {
  for (const char* f : {"contact", "phone"}) {
    if (r.Has(f)) row[f] = OptJson(r.OptionalString(f, kShort));
  }
  if (r.Has("notes")) row["notes"] = OptJson(r.OptionalString("notes", kNotes));
  if (r.Has("email")) {
    auto email = r.OptionalString("email", {.min = 0, .max = 254});
    row["email"] = OptJson(email);
    if (email && !email->empty() && !LooksLikeEmail(*email)) row["email_invalid"] = true;
  }
}

Result<Json> SupplierWrite(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::optional<std::string> name =
      create ? std::optional(r.String("name", kName)) : r.OptionalString("name", kName);
  Json row{{"id", id}};
  ReadSupplierFields(r, row);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (row.contains("email_invalid")) {
    return Status::InvalidArgument("email is not a valid address", "email");
  }
  return PutNamedRow(tx, "suppliers", "supplier", create, std::move(row), name);
}

Result<Json> SupplierCreate(WriteTx& tx, const Json& args, const MutationContext&) {
  return SupplierWrite(tx, args, true);
}
Result<Json> SupplierUpdate(WriteTx& tx, const Json& args, const MutationContext&) {
  return SupplierWrite(tx, args, false);
}
Result<Json> SupplierArchive(WriteTx& tx, const Json& args, const MutationContext&) {
  return SetArchived(tx, args, "suppliers", "supplier");
}

Result<Json> SupplierList(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT id, name, contact, email, phone, notes, archived FROM suppliers"
      " WHERE deleted = 0 AND (archived = 0 OR ?) ORDER BY name_key, id"));
  st.Bind(1, std::int64_t{archived});
  Json items = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    o["archived"] = o["archived"] == 1;
    items.push_back(std::move(o));
  }
  return Json{{"items", std::move(items)}};
}

// Which parent kinds a location kind accepts (empty: must be a root).
Status CheckLocationParent(const std::string& kind, const std::optional<Json>& parent) {
  bool nested = kind == "zone" || kind == "bin";
  if (!nested && parent) {
    return Status::InvalidArgument("a " + kind + " cannot be placed inside another location",
                                   "parent_id");
  }
  if (nested) {
    if (!parent) return Status::InvalidArgument("a " + kind + " needs a parent location", "parent_id");
    std::string pk = (*parent)["kind"].get<std::string>();
    if (pk != "warehouse" && pk != "zone") {
      return Status::InvalidArgument("a " + kind + " must be inside a warehouse or a zone",
                                     "parent_id");
    }
  }
  return Status::Ok();
}

Result<Json> LocationCreate(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string kind = r.Enum("kind", {"warehouse", "zone", "bin", "vehicle", "site"});
  std::string name = r.String("name", kName);
  std::optional<std::string> parent_id = r.OptionalId("parent_id");
  std::optional<std::string> code = r.OptionalString("code", {.min = 0, .max = 40});
  std::optional<std::string> notes = r.OptionalString("notes", kNotes);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "locations", id));
  std::optional<Json> parent;
  if (parent_id) {
    INVENTO_ASSIGN_OR_RETURN(Json p, RequireLive(tx, "locations", *parent_id, "parent_id",
                                                 "parent location"));
    parent = p;
  }
  INVENTO_RETURN_IF_ERROR(CheckLocationParent(kind, parent));
  std::string key = FoldKey(name);
  INVENTO_RETURN_IF_ERROR(RequireUniqueSiblingName(tx.db(), "locations", parent_id, key, id, name));
  INVENTO_RETURN_IF_ERROR(tx.Put("locations", Json{{"id", id},
                                                   {"parent_id", OptJson(parent_id)},
                                                   {"kind", kind},
                                                   {"name", name},
                                                   {"name_key", key},
                                                   {"code", OptJson(code)},
                                                   {"notes", OptJson(notes)},
                                                   {"archived", 0},
                                                   {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> LocationUpdate(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::optional<std::string> name = r.OptionalString("name", kName);
  bool move = r.Has("parent_id");
  std::optional<std::string> parent_id = r.OptionalId("parent_id");
  bool has_code = r.Has("code"), has_notes = r.Has("notes");
  std::optional<std::string> code = r.OptionalString("code", {.min = 0, .max = 40});
  std::optional<std::string> notes = r.OptionalString("notes", kNotes);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json row, RequireLive(tx, "locations", id, "id", "location"));
  std::optional<std::string> final_parent =
      move ? parent_id
           : (row["parent_id"].is_null() ? std::nullopt
                                         : std::optional(row["parent_id"].get<std::string>()));
  std::optional<Json> parent;
  if (final_parent) {
    INVENTO_ASSIGN_OR_RETURN(Json p, RequireLive(tx, "locations", *final_parent, "parent_id",
                                                 "parent location"));
    parent = p;
    INVENTO_ASSIGN_OR_RETURN(bool cycle, IsSelfOrDescendant(tx.db(), "locations", *final_parent, id));
    if (cycle) return Status::InvalidArgument("a location cannot be moved under itself", "parent_id");
  }
  INVENTO_RETURN_IF_ERROR(CheckLocationParent(row["kind"].get<std::string>(), parent));
  std::string final_name = name ? *name : row["name"].get<std::string>();
  std::string key = FoldKey(final_name);
  INVENTO_RETURN_IF_ERROR(
      RequireUniqueSiblingName(tx.db(), "locations", final_parent, key, id, final_name));
  Json out{{"id", id}, {"name", final_name}, {"name_key", key}, {"parent_id", OptJson(final_parent)}};
  if (has_code) out["code"] = OptJson(code);
  if (has_notes) out["notes"] = OptJson(notes);
  INVENTO_RETURN_IF_ERROR(tx.Put("locations", out));
  return Json{{"id", id}};
}

Result<Json> LocationArchive(WriteTx& tx, const Json& args, const MutationContext&) {
  return SetArchived(tx, args, "locations", "location");
}

Result<Json> LocationList(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "WITH RECURSIVE tree(id, parent_id, kind, name, code, archived, depth, path) AS ("
      "  SELECT id, parent_id, kind, name, code, archived, 0, name_key || char(1) || id"
      "  FROM locations WHERE parent_id IS NULL AND deleted = 0 AND (archived = 0 OR ?1)"
      "  UNION ALL SELECT l.id, l.parent_id, l.kind, l.name, l.code, l.archived, t.depth + 1,"
      "  t.path || char(0) || l.name_key || char(1) || l.id"
      "  FROM locations l JOIN tree t ON l.parent_id = t.id"
      "  WHERE l.deleted = 0 AND (l.archived = 0 OR ?1) AND t.depth < 64)"
      " SELECT id, parent_id, kind, name, code, archived, depth FROM tree ORDER BY path"));
  st.Bind(1, std::int64_t{archived});
  Json items = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    o["archived"] = o["archived"] == 1;
    items.push_back(std::move(o));
  }
  return Json{{"items", std::move(items)}};
}

}  // namespace

void RegisterSuppliersAndLocations(Registry& registry) {
  registry.Add(MutatorDef{"supplier.create", &SupplierCreate});
  registry.Add(MutatorDef{"supplier.update", &SupplierUpdate});
  registry.Add(MutatorDef{"supplier.archive", &SupplierArchive});
  registry.Add(QueryDef{"supplier.list", &SupplierList});
  registry.Add(MutatorDef{"location.create", &LocationCreate});
  registry.Add(MutatorDef{"location.update", &LocationUpdate});
  registry.Add(MutatorDef{"location.archive", &LocationArchive});
  registry.Add(QueryDef{"location.list", &LocationList});
}

}  // namespace invento::stock
