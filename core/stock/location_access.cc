#include "core/stock/location_access.h"

#include "core/mutators/args.h"
#include "core/people/employees.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::stock {

using rows::FirstRow;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;

namespace {

// The teams an employee belongs to (live memberships of live teams), as an SQL fragment
// over parameter ?2.
#define INVENTO_TEAMS_OF_EMPLOYEE                                                       \
  "SELECT m.team_id FROM team_members m JOIN teams t ON t.id = m.team_id"               \
  " WHERE m.employee_id = ?2 AND m.deleted = 0 AND t.deleted = 0"

Result<bool> EmployeeWorksWith(const db::Db& db, const std::string& employee_id,
                               const std::string& location_id) {
  INVENTO_ASSIGN_OR_RETURN(
      auto row,
      FirstRow(db,
               "WITH RECURSIVE up(id, parent_id) AS ("
               "  SELECT id, parent_id FROM locations WHERE id = ?1"
               "  UNION SELECT l.id, l.parent_id FROM locations l JOIN up ON l.id = up.parent_id)"
               " SELECT 1 FROM location_assignees a WHERE a.deleted = 0"
               " AND a.location_id IN (SELECT id FROM up)"
               " AND (a.employee_id = ?2 OR a.team_id IN (" INVENTO_TEAMS_OF_EMPLOYEE "))"
               " LIMIT 1",
               {Json(location_id), Json(employee_id)}));
  return row.has_value();
}

Result<Json> Assign(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string location_id = r.Id("location_id");
  auto employee_id = r.OptionalId("employee_id");
  auto team_id = r.OptionalId("team_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (employee_id.has_value() == team_id.has_value()) {
    return Status::InvalidArgument("give either an employee or a team, not both and not neither",
                                   "employee_id");
  }
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "location_assignees", id));
  INVENTO_ASSIGN_OR_RETURN(Json loc,
                           RequireLive(tx, "locations", location_id, "location_id", "location"));
  if (employee_id) {
    INVENTO_ASSIGN_OR_RETURN(Json e,
                             RequireLive(tx, "employees", *employee_id, "employee_id", "employee"));
  } else {
    INVENTO_ASSIGN_OR_RETURN(Json t, RequireLive(tx, "teams", *team_id, "team_id", "team"));
  }
  INVENTO_ASSIGN_OR_RETURN(
      auto existing,
      FirstRow(tx.db(),
               "SELECT 1 FROM location_assignees WHERE location_id = ?1 AND deleted = 0 AND"
               " (employee_id = ?2 OR team_id = ?3) LIMIT 1",
               {Json(location_id), OptJson(employee_id), OptJson(team_id)}));
  if (existing) {
    return Status::Conflict(std::string(employee_id ? "this employee" : "this team") +
                                " already works with location " + Str(loc, "name"),
                            employee_id ? "employee_id" : "team_id");
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("location_assignees", Json{{"id", id},
                                                            {"location_id", location_id},
                                                            {"employee_id", OptJson(employee_id)},
                                                            {"team_id", OptJson(team_id)},
                                                            {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> Unassign(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json a, RequireLive(tx, "location_assignees", id, "id",
                                               "location assignment"));
  INVENTO_RETURN_IF_ERROR(tx.Del("location_assignees", id));
  return Json{{"id", id}};
}

Result<Json> Assignees(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto location_id = r.OptionalId("location_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT a.id, a.location_id, l.name AS location, a.employee_id, a.team_id,"
           " coalesce(e.name, t.name) AS name FROM location_assignees a"
           " JOIN locations l ON l.id = a.location_id"
           " LEFT JOIN employees e ON e.id = a.employee_id"
           " LEFT JOIN teams t ON t.id = a.team_id"
           " WHERE a.deleted = 0 AND (?1 IS NULL OR a.location_id = ?1)"
           " ORDER BY l.name_key, name, a.id",
           {OptJson(location_id)}));
  Json items = Json::array();
  for (auto& row : rows) items.push_back(std::move(row));
  return Json{{"items", std::move(items)}};
}

Result<Json> Mine(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto employee, people::EmployeeOfUser(db, actor.user_id));
  Json items = Json::array();
  if (!employee) return Json{{"items", std::move(items)}, {"employee_id", nullptr}};
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "WITH RECURSIVE down(id) AS ("
           "  SELECT a.location_id FROM location_assignees a WHERE a.deleted = 0 AND"
           "  (a.employee_id = ?2 OR a.team_id IN (" INVENTO_TEAMS_OF_EMPLOYEE "))"
           "  UNION SELECT l.id FROM locations l JOIN down ON l.parent_id = down.id"
           "  WHERE l.deleted = 0)"
           " SELECT l.id FROM locations l JOIN down ON down.id = l.id"
           " WHERE l.deleted = 0 AND ?1 IS NULL ORDER BY l.name_key, l.id",
           {Json(), Json(*employee)}));
  for (const auto& row : rows) items.push_back(Str(row, "id"));
  return Json{{"items", std::move(items)}, {"employee_id", *employee}};
}

}  // namespace

Status RequireLocationAllowed(const db::Db& db, const Actor& actor,
                              const std::string& location_id, const char* field) {
  if (IsAllowed(actor.role, "cap.location.any")) return Status::Ok();
  INVENTO_ASSIGN_OR_RETURN(auto employee, people::EmployeeOfUser(db, actor.user_id));
  if (!employee) {
    return Status::Forbidden(
        "your account is not linked to an employee, so you work with no location yet");
  }
  INVENTO_ASSIGN_OR_RETURN(bool ok, EmployeeWorksWith(db, *employee, location_id));
  if (ok) return Status::Ok();
  // The field names the location (no name lookup: every byte counts in the wasm build).
  return Status::Forbidden("you do not work with this location: ask a manager to assign you to it",
                           field);
}

Status RequireTransferAllowed(const db::Db& db, const Actor& actor, const Json& from,
                              const Json& to) {
  INVENTO_RETURN_IF_ERROR(RequireLocationAllowed(db, actor, Str(from, "id"), "from_location_id"));
  return RequireLocationAllowed(db, actor, Str(to, "id"), "to_location_id");
}

void RegisterLocationAccess(Registry& registry) {
  registry.Add(MutatorDef{"location.assign", &Assign});
  registry.Add(MutatorDef{"location.unassign", &Unassign});
  registry.Add(QueryDef{"location.assignees", &Assignees});
  registry.Add(QueryDef{"location.mine", &Mine});
}

}  // namespace invento::stock
