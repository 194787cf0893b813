#include "core/people/absences.h"

#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::people {

using rows::CheckDate;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kDateRule;

namespace {

const std::initializer_list<const char*> kKinds = {"vacation", "sick", "training", "other"};

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::optional<std::string> employee_id;
  if (create) employee_id = r.Id("employee_id");
  auto kind = create ? std::optional(r.Enum("kind", kKinds)) : r.OptionalEnum("kind", kKinds);
  auto start_text = r.OptionalString("start_date", kDateRule);
  auto end_text = r.OptionalString("end_date", kDateRule);
  bool has_note = r.Has("note");
  auto note = r.OptionalString("note", {.min = 0, .max = 1000});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto start, CheckDate(start_text, "start_date"));
  INVENTO_ASSIGN_OR_RETURN(auto end, CheckDate(end_text, "end_date"));
  Json existing;
  if (create) {
    if (!start) return Status::InvalidArgument("start_date is required", "start_date");
    if (!end) return Status::InvalidArgument("end_date is required", "end_date");
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "absences", id));
    INVENTO_ASSIGN_OR_RETURN(Json e,
                             RequireLive(tx, "employees", *employee_id, "employee_id", "employee"));
  } else {
    INVENTO_ASSIGN_OR_RETURN(existing, RequireLive(tx, "absences", id, "id", "absence"));
    employee_id = Str(existing, "employee_id");
    if (!start) start = Str(existing, "start_date");
    if (!end) end = Str(existing, "end_date");
  }
  if (*end < *start) return Status::InvalidArgument("end_date is before start_date", "end_date");
  INVENTO_ASSIGN_OR_RETURN(auto overlapping,
                           AbsencesOverlapping(tx.db(), *employee_id, *start, *end));
  for (const auto& a : overlapping) {
    if (Str(a, "id") != id) {
      return Status::Conflict("this employee is already absent from " + Str(a, "start_date") +
                                  " to " + Str(a, "end_date"),
                              "start_date");
    }
  }
  Json row{{"id", id}, {"start_date", *start}, {"end_date", *end}};
  if (create) row.update({{"employee_id", *employee_id}, {"deleted", 0}});
  if (kind) row["kind"] = *kind;
  if (has_note) row["note"] = OptJson(note);
  INVENTO_RETURN_IF_ERROR(tx.Put("absences", row));
  return Json{{"id", id}};
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}

Result<Json> Delete(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json a, RequireLive(tx, "absences", id, "id", "absence"));
  INVENTO_RETURN_IF_ERROR(tx.Del("absences", id));
  return Json{{"id", id}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto from_text = r.OptionalString("from", kDateRule);
  auto to_text = r.OptionalString("to", kDateRule);
  auto employee_id = r.OptionalId("employee_id");
  auto team_id = r.OptionalId("team_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto from, CheckDate(from_text, "from"));
  INVENTO_ASSIGN_OR_RETURN(auto to, CheckDate(to_text, "to"));
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(
          db,
          "SELECT a.id, a.employee_id, e.name AS employee, a.kind, a.start_date, a.end_date, a.note"
          " FROM absences a JOIN employees e ON e.id = a.employee_id WHERE a.deleted = 0 AND "
          "e.deleted = 0"
          " AND (?1 IS NULL OR a.end_date >= ?1) AND (?2 IS NULL OR a.start_date <= ?2)"
          " AND (?3 IS NULL OR a.employee_id = ?3)"
          " AND (?4 IS NULL OR a.employee_id IN (SELECT employee_id FROM team_members"
          "      WHERE team_id = ?4 AND deleted = 0))"
          " ORDER BY a.start_date, e.name_key, a.id",
          {OptJson(from), OptJson(to), OptJson(employee_id), OptJson(team_id)}));
  return Json{{"items", rows}};
}

}  // namespace

Result<std::vector<Json>> AbsencesOverlapping(const db::Db& db, const std::string& employee_id,
                                              const std::string& from, const std::string& to) {
  return Rows(
      db,
      "SELECT id, kind, start_date, end_date FROM absences WHERE employee_id = ? AND deleted = 0"
      " AND start_date <= ? AND end_date >= ? ORDER BY start_date, id",
      {Json(employee_id), Json(to), Json(from)});
}

void RegisterAbsences(Registry& registry) {
  registry.Add(MutatorDef{"absence.create", &Create});
  registry.Add(MutatorDef{"absence.update", &Update});
  registry.Add(MutatorDef{"absence.delete", &Delete});
  registry.Add(QueryDef{"absence.list", &List});
}

}  // namespace invento::people
