#include "core/people/teams.h"

#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::people {

using rows::FirstRow;
using rows::Flag;
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
  return rows::PutNamedRow(tx, "teams", "team", create, std::move(row), name);
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}
Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return rows::SetArchived(tx, args, "teams", "team");
}

Result<Json> AddMember(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string team_id = r.Id("team_id");
  std::string employee_id = r.Id("employee_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json team, RequireLive(tx, "teams", team_id, "team_id", "team"));
  INVENTO_ASSIGN_OR_RETURN(Json e,
                           RequireLive(tx, "employees", employee_id, "employee_id", "employee"));
  if (Flag(team, "archived"))
    return Status::FailedPrecondition("team " + Str(team, "name") + " is archived");
  if (Flag(e, "archived"))
    return Status::FailedPrecondition("employee " + Str(e, "name") + " is archived");
  INVENTO_ASSIGN_OR_RETURN(auto existing,
                           FirstRow(tx.db(),
                                    "SELECT id FROM team_members WHERE team_id = ? AND employee_id "
                                    "= ? AND deleted = 0 ORDER BY id LIMIT 1",
                                    {Json(team_id), Json(employee_id)}));
  if (existing) return Json{{"id", (*existing)["id"]}, {"already", true}};
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "team_members", id));
  INVENTO_RETURN_IF_ERROR(
      tx.Put("team_members",
             Json{{"id", id}, {"team_id", team_id}, {"employee_id", employee_id}, {"deleted", 0}}));
  return Json{{"id", id}, {"already", false}};
}

Result<Json> RemoveMember(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string team_id = r.Id("team_id");
  std::string employee_id = r.Id("employee_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json team, RequireLive(tx, "teams", team_id, "team_id", "team"));
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(tx.db(),
           "SELECT id FROM team_members WHERE team_id = ? AND employee_id = ? AND deleted = 0",
           {Json(team_id), Json(employee_id)}));
  if (rows.empty())
    return Status::NotFound("this employee is not a member of the team", "employee_id");
  for (const auto& row : rows) INVENTO_RETURN_IF_ERROR(tx.Del("team_members", Str(row, "id")));
  return Json{{"removed", rows.size()}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto teams, Rows(db,
                                            "SELECT id, name, description, archived FROM teams "
                                            "WHERE deleted = 0 AND (?1 OR archived = 0)"
                                            " ORDER BY name_key, id",
                                            {Json(archived)}));
  for (auto& t : teams) {
    t["archived"] = t["archived"] == 1;
    INVENTO_ASSIGN_OR_RETURN(
        auto members,
        Rows(db,
             "SELECT DISTINCT e.id AS employee_id, e.name FROM team_members m JOIN employees e ON "
             "e.id = m.employee_id"
             " WHERE m.team_id = ? AND m.deleted = 0 AND e.deleted = 0 ORDER BY e.name_key, e.id",
             {t["id"]}));
    t["members"] = members;
  }
  return Json{{"items", teams}};
}

}  // namespace

Result<std::vector<std::string>> TeamMembers(const db::Db& db, const std::string& team_id) {
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT DISTINCT e.id FROM team_members m JOIN employees e ON e.id = m.employee_id"
           " JOIN teams t ON t.id = m.team_id WHERE m.team_id = ? AND m.deleted = 0 AND t.deleted "
           "= 0"
           " AND e.deleted = 0 AND e.archived = 0 ORDER BY e.id",
           {Json(team_id)}));
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(Str(row, "id"));
  return out;
}

void RegisterTeams(Registry& registry) {
  registry.Add(MutatorDef{"team.create", &Create});
  registry.Add(MutatorDef{"team.update", &Update});
  registry.Add(MutatorDef{"team.archive", &Archive});
  registry.Add(MutatorDef{"team.add_member", &AddMember});
  registry.Add(MutatorDef{"team.remove_member", &RemoveMember});
  registry.Add(QueryDef{"team.list", &List});
}

}  // namespace invento::people
