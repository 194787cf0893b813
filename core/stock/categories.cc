#include "core/stock/categories.h"

#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::stock {

using rows::IsSelfOrDescendant;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireUniqueSiblingName;
using rows::SetArchived;

namespace {

constexpr int kMaxDepth = 8;

Result<int> DepthOf(const db::Db& db, const std::string& id) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "WITH RECURSIVE up(id, parent_id, n) AS ("
      "  SELECT id, parent_id, 1 FROM categories WHERE id = ?"
      "  UNION ALL SELECT c.id, c.parent_id, up.n + 1 FROM categories c JOIN up ON c.id = up.parent_id"
      "  WHERE up.n < 64)"
      " SELECT max(n) FROM up"));
  st.Bind(1, std::string_view(id));
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  return row && !st.IsNull(0) ? static_cast<int>(st.Int(0)) : 0;
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string name = r.String("name", {.min = 1, .max = 100});
  std::optional<std::string> parent = r.OptionalId("parent_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());

  INVENTO_ASSIGN_OR_RETURN(auto existing, tx.Get("categories", id));
  if (existing) return Status::Conflict("a category with id " + id + " already exists", "id");
  if (parent) {
    INVENTO_ASSIGN_OR_RETURN(auto p, tx.Get("categories", *parent));
    if (!p || (*p)["deleted"] == 1) {
      return Status::NotFound("parent category " + *parent + " does not exist", "parent_id");
    }
    if ((*p)["archived"] == 1) {
      return Status::FailedPrecondition("parent category is archived");
    }
    INVENTO_ASSIGN_OR_RETURN(int depth, DepthOf(tx.db(), *parent));
    if (depth >= kMaxDepth) {
      return Status::FailedPrecondition("categories cannot be nested deeper than " +
                                        std::to_string(kMaxDepth) + " levels");
    }
  }
  const std::string key = FoldKey(name);
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, tx.db().Prepare(
      "SELECT 1 FROM categories WHERE parent_id IS ? AND name_key = ? AND deleted = 0"));
  st.Bind(1, parent ? Json(*parent) : Json(nullptr)).Bind(2, std::string_view(key));
  INVENTO_ASSIGN_OR_RETURN(bool dup, st.Step());
  if (dup) return Status::Conflict("a category named '" + name + "' already exists here", "name");

  INVENTO_RETURN_IF_ERROR(tx.Put("categories", Json{{"id", id},
                                                    {"parent_id", parent ? Json(*parent) : Json()},
                                                    {"name", name},
                                                    {"name_key", key},
                                                    {"archived", 0},
                                                    {"deleted", 0}}));
  return Json{{"id", id}};
}

// category.update {id, name?, parent_id?}: renames or moves (never under itself).
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::optional<std::string> name = r.OptionalString("name", {.min = 1, .max = 100});
  bool move = r.Has("parent_id");
  std::optional<std::string> parent = r.OptionalId("parent_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json row, RequireLive(tx, "categories", id, "id", "category"));
  std::optional<std::string> new_parent =
      move ? parent
           : (row["parent_id"].is_null() ? std::nullopt
                                         : std::optional(row["parent_id"].get<std::string>()));
  if (move && parent) {
    INVENTO_ASSIGN_OR_RETURN(Json p, RequireLive(tx, "categories", *parent, "parent_id",
                                                 "parent category"));
    INVENTO_ASSIGN_OR_RETURN(bool cycle, IsSelfOrDescendant(tx.db(), "categories", *parent, id));
    if (cycle) {
      return Status::InvalidArgument("a category cannot be moved under itself", "parent_id");
    }
  }
  std::string final_name = name ? *name : row["name"].get<std::string>();
  std::string key = FoldKey(final_name);
  INVENTO_RETURN_IF_ERROR(
      RequireUniqueSiblingName(tx.db(), "categories", new_parent, key, id, final_name));
  INVENTO_RETURN_IF_ERROR(tx.Put("categories", Json{{"id", id},
                                                    {"name", final_name},
                                                    {"name_key", key},
                                                    {"parent_id", OptJson(new_parent)}}));
  return Json{{"id", id}};
}

Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return SetArchived(tx, args, "categories", "category");
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool include_archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "WITH RECURSIVE tree(id, name, parent_id, archived, depth, path) AS ("
      "  SELECT id, name, parent_id, archived, 0, name_key || char(1) || id FROM categories"
      "  WHERE parent_id IS NULL AND deleted = 0 AND (archived = 0 OR ?1)"
      "  UNION ALL"
      "  SELECT c.id, c.name, c.parent_id, c.archived, t.depth + 1,"
      "         t.path || char(0) || c.name_key || char(1) || c.id"
      "  FROM categories c JOIN tree t ON c.parent_id = t.id"
      "  WHERE c.deleted = 0 AND (c.archived = 0 OR ?1) AND t.depth < 64)"
      " SELECT id, name, parent_id, depth, archived FROM tree ORDER BY path"));
  st.Bind(1, std::int64_t{include_archived ? 1 : 0});
  Json items = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json item = st.RowObject();
    item["archived"] = item["archived"] == 1;
    items.push_back(std::move(item));
  }
  return Json{{"items", std::move(items)}};
}

}  // namespace

void RegisterCategories(Registry& registry) {
  registry.Add(MutatorDef{"category.create", &Create});
  registry.Add(MutatorDef{"category.update", &Update});
  registry.Add(MutatorDef{"category.archive", &Archive});
  registry.Add(QueryDef{"category.list", &List});
}

}  // namespace invento::stock
