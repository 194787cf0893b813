#include "core/stock/attributes.h"

#include <cstdio>

#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::stock {

using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::SetArchived;

namespace {

bool ValidDate(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (s[4] != '-' || s[7] != '-' || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Result<Json> ReadChoices(const Json* raw) {
  Json out = Json::array();
  if (!raw) return out;
  if (!raw->is_array() || raw->size() > 200) {
    return Status::InvalidArgument("choices must be a list of at most 200 texts", "choices");
  }
  for (const auto& c : *raw) {
    if (!c.is_string() || c.get<std::string>().empty() || c.get<std::string>().size() > 100) {
      return Status::InvalidArgument("each choice must be a text of 1 to 100 bytes", "choices");
    }
    for (const auto& prev : out) {
      if (FoldKey(prev.get<std::string>()) == FoldKey(c.get<std::string>())) {
        return Status::InvalidArgument("choice '" + c.get<std::string>() + "' is listed twice",
                                       "choices");
      }
    }
    out.push_back(c);
  }
  return out;
}

Status CheckUniqueName(const db::Db& db, const std::string& category_id, const std::string& key,
                       const std::string& id, const std::string& name) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT 1 FROM attribute_defs WHERE category_id = ? AND name_key = ? AND deleted = 0"
      " AND id <> ? LIMIT 1"));
  st.Bind(1, std::string_view(category_id)).Bind(2, std::string_view(key)).Bind(3, std::string_view(id));
  INVENTO_ASSIGN_OR_RETURN(bool dup, st.Step());
  if (dup) return Status::Conflict("this category already has an attribute '" + name + "'", "name");
  return Status::Ok();
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string category_id = r.Id("category_id");
  std::string name = r.String("name", {.min = 1, .max = 80});
  std::string type = r.Enum("type", {"text", "number", "date", "choice"});
  std::optional<std::string> unit = r.OptionalString("unit", {.min = 0, .max = 16});
  bool required = r.Bool("required", false);
  const Json* raw_choices = r.Raw("choices");
  std::int64_t position = r.OptionalInt("position", 0, 10000).value_or(0);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json choices, ReadChoices(raw_choices));
  if (type == "choice" && choices.empty()) {
    return Status::InvalidArgument("a choice attribute needs at least one choice", "choices");
  }
  if (type != "choice" && !choices.empty()) {
    return Status::InvalidArgument("only choice attributes have choices", "choices");
  }
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "attribute_defs", id));
  INVENTO_ASSIGN_OR_RETURN(Json cat, RequireLive(tx, "categories", category_id, "category_id", "category"));
  std::string key = FoldKey(name);
  INVENTO_RETURN_IF_ERROR(CheckUniqueName(tx.db(), category_id, key, id, name));
  INVENTO_RETURN_IF_ERROR(tx.Put("attribute_defs", Json{{"id", id},
                                                        {"category_id", category_id},
                                                        {"name", name},
                                                        {"name_key", key},
                                                        {"type", type},
                                                        {"unit", OptJson(unit)},
                                                        {"required", required ? 1 : 0},
                                                        {"choices", choices.dump()},
                                                        {"position", position},
                                                        {"archived", 0},
                                                        {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::optional<std::string> name = r.OptionalString("name", {.min = 1, .max = 80});
  bool has_unit = r.Has("unit");
  std::optional<std::string> unit = r.OptionalString("unit", {.min = 0, .max = 16});
  bool has_required = r.Has("required");
  bool required = r.Bool("required", false);
  const Json* raw_choices = r.Raw("choices");
  std::optional<std::int64_t> position = r.OptionalInt("position", 0, 10000);
  if (r.Has("type")) {
    return Status::InvalidArgument(
        "the type of an attribute cannot change; archive it and create a new one", "type");
  }
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json row, RequireLive(tx, "attribute_defs", id, "id", "attribute"));
  Json out{{"id", id}};
  if (name) {
    std::string key = FoldKey(*name);
    INVENTO_RETURN_IF_ERROR(
        CheckUniqueName(tx.db(), row["category_id"].get<std::string>(), key, id, *name));
    out["name"] = *name;
    out["name_key"] = key;
  }
  if (has_unit) out["unit"] = OptJson(unit);
  if (has_required) out["required"] = required ? 1 : 0;
  if (position) out["position"] = *position;
  if (raw_choices) {
    INVENTO_ASSIGN_OR_RETURN(Json choices, ReadChoices(raw_choices));
    if (row["type"] != "choice") {
      return Status::InvalidArgument("only choice attributes have choices", "choices");
    }
    if (choices.empty()) {
      return Status::InvalidArgument("a choice attribute needs at least one choice", "choices");
    }
    out["choices"] = choices.dump();
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("attribute_defs", out));
  return Json{{"id", id}};
}

Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return SetArchived(tx, args, "attribute_defs", "attribute");
}

// Definitions applying to a category: its own and its ancestors', live and not archived.
Result<Json> DefinitionsFor(const db::Db& db, const std::string& category_id) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "WITH RECURSIVE up(id, parent_id, n) AS (SELECT id, parent_id, 0 FROM categories WHERE id = ?"
      "  UNION ALL SELECT c.id, c.parent_id, up.n + 1 FROM categories c JOIN up ON c.id = up.parent_id"
      "  WHERE up.n < 64)"
      " SELECT a.id, a.category_id, a.name, a.type, a.unit, a.required, a.choices, a.position"
      " FROM attribute_defs a JOIN up ON a.category_id = up.id"
      " WHERE a.deleted = 0 AND a.archived = 0 ORDER BY up.n DESC, a.position, a.name_key"));
  st.Bind(1, std::string_view(category_id));
  Json defs = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json d = st.RowObject();
    d["required"] = d["required"] == 1;
    d["choices"] = Json::parse(d["choices"].get<std::string>(), nullptr, false);
    defs.push_back(std::move(d));
  }
  return defs;
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string category_id = r.Id("category_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json cat, RequireLive(db, "categories", category_id, "category_id", "category"));
  INVENTO_ASSIGN_OR_RETURN(Json defs, DefinitionsFor(db, category_id));
  return Json{{"items", std::move(defs)}};
}

}  // namespace

Result<Json> ValidateAttributes(const db::Db& db, const std::string& category_id,
                                const Json& values) {
  if (!values.is_object()) {
    return Status::InvalidArgument("attributes must be an object {attribute id: value}", "attributes");
  }
  Json defs = Json::array();
  if (!category_id.empty()) {
    INVENTO_ASSIGN_OR_RETURN(defs, DefinitionsFor(db, category_id));
  }
  Json out = Json::object();
  for (const auto& [key, value] : values.items()) {
    const Json* def = nullptr;
    for (const auto& d : defs) {
      if (d["id"] == key) def = &d;
    }
    std::string field = "attributes." + key;
    if (!def) {
      return Status::InvalidArgument("attribute " + key + " does not apply to this item's category",
                                     field);
    }
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) continue;
    const std::string type = (*def)["type"].get<std::string>();
    const std::string name = (*def)["name"].get<std::string>();
    if (type == "text") {
      if (!value.is_string() || value.get<std::string>().size() > 500) {
        return Status::InvalidArgument(name + " must be a text of at most 500 bytes", field);
      }
      out[key] = value;
    } else if (type == "number") {
      std::optional<std::int64_t> q;
      if (value.is_number_integer()) q = ParseQuantity(std::to_string(value.get<std::int64_t>()));
      if (value.is_string()) q = ParseQuantity(value.get<std::string>());
      if (!q) return Status::InvalidArgument(name + " must be a number (at most 3 decimals)", field);
      out[key] = FormatQuantity(*q);
    } else if (type == "date") {
      if (!value.is_string() || !ValidDate(value.get<std::string>())) {
        return Status::InvalidArgument(name + " must be a date YYYY-MM-DD", field);
      }
      out[key] = value;
    } else {  // choice
      bool ok = false;
      for (const auto& c : (*def)["choices"]) ok = ok || (value.is_string() && c == value);
      if (!ok) return Status::InvalidArgument(name + " must be one of the listed choices", field);
      out[key] = value;
    }
  }
  for (const auto& d : defs) {
    if (d["required"] == true && !out.contains(d["id"].get<std::string>())) {
      return Status::InvalidArgument(d["name"].get<std::string>() + " is required",
                                     "attributes." + d["id"].get<std::string>());
    }
  }
  return out;
}

void RegisterAttributes(Registry& registry) {
  registry.Add(MutatorDef{"attribute.create", &Create});
  registry.Add(MutatorDef{"attribute.update", &Update});
  registry.Add(MutatorDef{"attribute.archive", &Archive});
  registry.Add(QueryDef{"attribute.list", &List});
}

}  // namespace invento::stock
