#include "core/projects/clients.h"

#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::projects {

using rows::OptJson;
using rows::RequireLive;
using rows::Rows;
using rows::Str;
using rows::kNoteRule;

namespace {

constexpr StringRule kName{.min = 1, .max = 120};

// Checks a JSON list of objects whose fields are all strings: `required` must be present and
// non-empty, the others optional; every value at most max_len bytes.
Result<Json> CheckList(const Json* list, const char* field,
                       std::initializer_list<const char*> required,
                       std::initializer_list<const char*> optional, std::size_t max_len) {
  auto bad = [&] {
    return Status::InvalidArgument(
        std::string(field) + " must be a list of at most 50 objects with text fields", field);
  };
  if (!list->is_array() || list->size() > 50) return bad();
  Json out = Json::array();
  for (const auto& entry : *list) {
    if (!entry.is_object()) return bad();
    Json clean = Json::object();
    for (const auto& [k, v] : entry.items()) {
      bool known = false;
      for (const char* f : required) known = known || k == f;
      for (const char* f : optional) known = known || k == f;
      if (!known)
        return Status::InvalidArgument(std::string(field) + ": unknown field " + k, field);
      if (v.is_null()) continue;
      if (!v.is_string() || v.get<std::string>().size() > max_len) return bad();
      clean[k] = v;
    }
    for (const char* f : required) {
      if (!clean.contains(f) || clean[f].get<std::string>().empty()) {
        return Status::InvalidArgument(std::string(field) + ": each entry needs a " + f, field);
      }
    }
    out.push_back(std::move(clean));
  }
  return out;
}

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto name = create ? std::optional(r.String("name", kName)) : r.OptionalString("name", kName);
  const Json* contacts = r.Raw("contacts");
  const Json* addresses = r.Raw("addresses");
  bool has_notes = r.Has("notes");
  auto notes = r.OptionalString("notes", kNoteRule);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  Json row{{"id", id}};
  if (contacts) {
    INVENTO_ASSIGN_OR_RETURN(
        Json c, CheckList(contacts, "contacts", {"name"}, {"role", "email", "phone"}, 200));
    row["contacts"] = c.dump();
  }
  if (addresses) {
    INVENTO_ASSIGN_OR_RETURN(Json a,
                             CheckList(addresses, "addresses", {"label", "text"}, {}, 1000));
    row["addresses"] = a.dump();
  }
  if (has_notes) row["notes"] = OptJson(notes);
  return rows::PutNamedRow(tx, "clients", "client", create, std::move(row), name);
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}
Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return rows::SetArchived(tx, args, "clients", "client");
}

Json Present(Json c) {
  c["contacts"] = Json::parse(Str(c, "contacts"), nullptr, false);
  c["addresses"] = Json::parse(Str(c, "addresses"), nullptr, false);
  c["archived"] = c["archived"] == 1;
  return c;
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT id, name, contacts, addresses, notes, archived FROM clients WHERE deleted = 0"
           " AND (?1 OR archived = 0) ORDER BY name_key, id",
           {Json(archived)}));
  Json items = Json::array();
  for (auto& c : rows) items.push_back(Present(std::move(c)));
  return Json{{"items", items}};
}

Result<Json> Get(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json c, RequireLive(db, "clients", id, "id", "client"));
  for (const char* k : {"name_key", "deleted", "version"}) c.erase(k);
  c = Present(std::move(c));
  INVENTO_ASSIGN_OR_RETURN(
      c["projects"],
      Rows(db,
           "SELECT id, code, name, status, start_date, end_date, budget_cents FROM projects"
           " WHERE client_id = ? AND deleted = 0 ORDER BY code_key, id",
           {Json(id)}));
  INVENTO_ASSIGN_OR_RETURN(c["assets"], Rows(db,
                                             "SELECT id, kind, name, status FROM assets WHERE "
                                             "client_id = ? AND deleted = 0 ORDER BY name_key, id",
                                             {Json(id)}));
  return c;
}

}  // namespace

void RegisterClients(Registry& registry) {
  registry.Add(MutatorDef{"client.create", &Create});
  registry.Add(MutatorDef{"client.update", &Update});
  registry.Add(MutatorDef{"client.archive", &Archive});
  registry.Add(QueryDef{"client.list", &List});
  registry.Add(QueryDef{"client.get", &Get});
}

}  // namespace invento::projects
