#include "core/people/skills.h"

#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::people {

using rows::FirstRow;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kNoteRule;

namespace {

constexpr StringRule kName{.min = 1, .max = 80};

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto name = create ? std::optional(r.String("name", kName)) : r.OptionalString("name", kName);
  Json row{{"id", id}};
  if (r.Has("description"))
    row["description"] = OptJson(r.OptionalString("description", kNoteRule));
  INVENTO_RETURN_IF_ERROR(r.Finish());
  return rows::PutNamedRow(tx, "skills", "skill", create, std::move(row), name);
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}
Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return rows::SetArchived(tx, args, "skills", "skill");
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT s.id, s.name, s.description, s.archived, (SELECT count(DISTINCT es.employee_id)"
           " FROM employee_skills es JOIN employees e ON e.id = es.employee_id WHERE es.skill_id = "
           "s.id"
           " AND es.deleted = 0 AND e.deleted = 0 AND e.archived = 0) AS employees FROM skills s"
           " WHERE s.deleted = 0 AND (?1 OR s.archived = 0) ORDER BY s.name_key, s.id",
           {Json(archived)}));
  for (auto& row : rows) row["archived"] = row["archived"] == 1;
  return Json{{"items", rows}};
}

Result<Json> SetSkill(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string employee_id = r.Id("employee_id");
  std::string skill_id = r.Id("skill_id");
  bool has_level = r.Has("level");
  auto level = r.OptionalInt("level", 1, 5);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!has_level) return Status::InvalidArgument("level is required (1..5, null removes)", "level");
  INVENTO_ASSIGN_OR_RETURN(Json e,
                           RequireLive(tx, "employees", employee_id, "employee_id", "employee"));
  INVENTO_ASSIGN_OR_RETURN(Json s, RequireLive(tx, "skills", skill_id, "skill_id", "skill"));
  INVENTO_ASSIGN_OR_RETURN(
      auto existing,
      FirstRow(
          tx.db(),
          "SELECT id FROM employee_skills WHERE employee_id = ? AND skill_id = ? AND deleted = 0"
          " ORDER BY id LIMIT 1",
          {Json(employee_id), Json(skill_id)}));
  std::string row_id = existing ? Str(*existing, "id") : id;
  if (!level) {
    if (existing) INVENTO_RETURN_IF_ERROR(tx.Del("employee_skills", row_id));
    return Json{{"id", row_id}, {"removed", existing.has_value()}};
  }
  if (!existing) INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "employee_skills", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("employee_skills", Json{{"id", row_id},
                                                         {"employee_id", employee_id},
                                                         {"skill_id", skill_id},
                                                         {"level", *level},
                                                         {"deleted", 0}}));
  return Json{{"id", row_id}};
}

}  // namespace

void RegisterSkills(Registry& registry) {
  registry.Add(MutatorDef{"skill.create", &Create});
  registry.Add(MutatorDef{"skill.update", &Update});
  registry.Add(MutatorDef{"skill.archive", &Archive});
  registry.Add(MutatorDef{"employee.set_skill", &SetSkill});
  registry.Add(QueryDef{"skill.list", &List});
}

}  // namespace invento::people
