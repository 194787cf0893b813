#include "core/projects/projects.h"

#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::projects {

using rows::CheckDate;
using rows::CheckRequiredDate;
using rows::FirstRow;
using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kDateRule;
using rows::kNoteRule;

namespace {

const std::initializer_list<const char*> kStatuses = {"draft", "active", "on_hold", "done",
                                                      "cancelled"};

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto code = create ? std::optional(r.String("code", {.min = 1, .max = 32}))
                     : r.OptionalString("code", {.min = 1, .max = 32});
  auto name = create ? std::optional(r.String("name", {.min = 1, .max = 200}))
                     : r.OptionalString("name", {.min = 1, .max = 200});
  Json row{{"id", id}};
  bool has_client = r.Has("client_id");
  auto client_id = r.OptionalId("client_id");
  if (r.Has("description"))
    row["description"] = OptJson(r.OptionalString("description", kNoteRule));
  bool has_start = r.Has("start_date"), has_end = r.Has("end_date");
  auto start_text = r.OptionalString("start_date", kDateRule);
  auto end_text = r.OptionalString("end_date", kDateRule);
  if (auto b = r.OptionalInt("budget_cents", 0, kMaxMoneyCents)) row["budget_cents"] = *b;
  std::optional<std::string> status;
  if (create) status = r.OptionalEnum("status", kStatuses);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto start, CheckDate(start_text, "start_date"));
  INVENTO_ASSIGN_OR_RETURN(auto end, CheckDate(end_text, "end_date"));
  Json existing;
  if (create) {
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "projects", id));
    row.update({{"status", status.value_or("draft")}, {"deleted", 0}});
  } else {
    INVENTO_ASSIGN_OR_RETURN(existing, RequireLive(tx, "projects", id, "id", "project"));
  }
  if (has_start) row["start_date"] = OptJson(start);
  if (has_end) row["end_date"] = OptJson(end);
  auto final_start = has_start ? start : OptStr(existing, "start_date");
  auto final_end = has_end ? end : OptStr(existing, "end_date");
  if (final_start && final_end && *final_end < *final_start) {
    return Status::InvalidArgument("end_date is before start_date", "end_date");
  }
  if (has_client) {
    if (client_id) {
      INVENTO_ASSIGN_OR_RETURN(Json c,
                               RequireLive(tx, "clients", *client_id, "client_id", "client"));
    }
    row["client_id"] = OptJson(client_id);
  }
  if (code) {
    std::string key = FoldKey(*code);
    INVENTO_ASSIGN_OR_RETURN(
        auto dup,
        FirstRow(tx.db(),
                 "SELECT 1 FROM projects WHERE code_key = ? AND deleted = 0 AND id <> ? LIMIT 1",
                 {Json(key), Json(id)}));
    if (dup) return Status::Conflict("project code " + *code + " is already used", "code");
    row["code"] = *code;
    row["code_key"] = key;
  }
  if (name) row["name"] = *name;
  INVENTO_RETURN_IF_ERROR(tx.Put("projects", row));
  return Json{{"id", id}};
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}

// The project workflow: draft → active ⇄ on_hold; active → done; done → active (reopen);
// draft, active, on_hold → cancelled (terminal).
bool IsProjectTransition(const std::string& from, const std::string& to) {
  static const std::pair<const char*, const char*> kPairs[] = {
      {"draft", "active"},  {"draft", "cancelled"},   {"active", "on_hold"},
      {"active", "done"},   {"active", "cancelled"},  {"on_hold", "active"},
      {"on_hold", "cancelled"}, {"done", "active"}};
  for (const auto& [f, t] : kPairs) {
    if (from == f && to == t) return true;
  }
  return false;
}

Result<Json> SetStatus(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string status = r.Enum("status", kStatuses);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json project, RequireLive(tx, "projects", id, "id", "project"));
  const std::string from = Str(project, "status");
  if (from == status) return Status::FailedPrecondition("the project is already " + status);
  if (!IsProjectTransition(from, status)) {
    return Status::FailedPrecondition("a project cannot go from " + from + " to " + status);
  }
  if (status == "done") {
    INVENTO_ASSIGN_OR_RETURN(
        auto open_tasks,
        Rows(tx.db(),
             "SELECT count(*) AS n FROM tasks WHERE project_id = ? AND deleted = 0"
             " AND status NOT IN ('done', 'closed', 'cancelled')",
             {Json(id)}));
    std::int64_t n = open_tasks.empty() ? 0 : open_tasks[0].value("n", std::int64_t{0});
    if (n > 0) {
      return Status::FailedPrecondition(std::to_string(n) + " task" + (n > 1 ? "s are" : " is") +
                                        " still open: finish or cancel them first");
    }
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("projects", Json{{"id", id}, {"status", status}}));
  return Json{{"id", id}, {"status", status}};
}

// The statuses a project may go to from its current one (the workflow above), for the
// status control to offer only those.
Result<Json> Transitions(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json project, RequireLive(db, "projects", id, "id", "project"));
  const std::string from = Str(project, "status");
  Json to = Json::array();
  for (const char* s : kStatuses) {
    if (IsProjectTransition(from, s)) to.push_back(s);
  }
  return Json{{"id", id}, {"status", from}, {"to", std::move(to)}};
}

Result<Json> Delete(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json project, RequireLive(tx, "projects", id, "id", "project"));
  INVENTO_ASSIGN_OR_RETURN(
      auto task,
      FirstRow(tx.db(), "SELECT 1 FROM tasks WHERE project_id = ? AND deleted = 0 LIMIT 1",
               {Json(id)}));
  if (task)
    return Status::FailedPrecondition("the project has tasks: cancel it instead of deleting it");
  INVENTO_ASSIGN_OR_RETURN(
      auto cost,
      FirstRow(tx.db(),
               "SELECT 1 FROM project_cost_lines WHERE project_id = ? AND deleted = 0 LIMIT 1",
               {Json(id)}));
  if (cost) {
    return Status::FailedPrecondition(
        "the project has cost lines: cancel it instead of deleting it");
  }
  INVENTO_RETURN_IF_ERROR(tx.Del("projects", id));
  return Json{{"id", id}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  auto status = r.OptionalEnum("status", kStatuses);
  auto client_id = r.OptionalId("client_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto rows, Rows(db,
                                           "SELECT p.id, p.code, p.name, p.client_id, c.name AS "
                                           "client, p.status, p.start_date, p.end_date,"
                                           " p.budget_cents FROM projects p LEFT JOIN clients c ON "
                                           "c.id = p.client_id WHERE p.deleted = 0"
                                           " AND (?1 IS NULL OR p.status = ?1) AND (?2 IS NULL OR "
                                           "p.client_id = ?2) ORDER BY p.code_key, p.id",
                                           {OptJson(status), OptJson(client_id)}));
  return Json{{"items", rows}};
}

Result<Json> AddCost(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string project_id = r.Id("project_id");
  std::string label = r.String("label", {.min = 1, .max = 200});
  std::int64_t amount = r.Int("amount_cents", -kMaxMoneyCents, kMaxMoneyCents);
  auto date_text = r.OptionalString("incurred_on", kDateRule);
  auto note = r.OptionalString("note", {.min = 0, .max = 1000});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string date, CheckRequiredDate(date_text, "incurred_on"));
  INVENTO_ASSIGN_OR_RETURN(Json project,
                           RequireLive(tx, "projects", project_id, "project_id", "project"));
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "project_cost_lines", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("project_cost_lines", Json{{"id", id},
                                                            {"project_id", project_id},
                                                            {"label", label},
                                                            {"amount_cents", amount},
                                                            {"incurred_on", date},
                                                            {"note", OptJson(note)},
                                                            {"actor_id", ctx.actor.user_id},
                                                            {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> UpdateCost(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto label = r.OptionalString("label", {.min = 1, .max = 200});
  auto amount = r.OptionalInt("amount_cents", -kMaxMoneyCents, kMaxMoneyCents);
  auto date_text = r.OptionalString("incurred_on", kDateRule);
  bool has_note = r.Has("note");
  auto note = r.OptionalString("note", {.min = 0, .max = 1000});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto date, CheckDate(date_text, "incurred_on"));
  INVENTO_ASSIGN_OR_RETURN(Json line, RequireLive(tx, "project_cost_lines", id, "id", "cost line"));
  Json row{{"id", id}};
  if (label) row["label"] = *label;
  if (amount) row["amount_cents"] = *amount;
  if (date) row["incurred_on"] = *date;
  if (has_note) row["note"] = OptJson(note);
  INVENTO_RETURN_IF_ERROR(tx.Put("project_cost_lines", row));
  return Json{{"id", id}};
}

Result<Json> RemoveCost(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json line, RequireLive(tx, "project_cost_lines", id, "id", "cost line"));
  INVENTO_RETURN_IF_ERROR(tx.Del("project_cost_lines", id));
  return Json{{"id", id}};
}

}  // namespace

void RegisterProjects(Registry& registry) {
  registry.Add(MutatorDef{"project.create", &Create});
  registry.Add(MutatorDef{"project.update", &Update});
  registry.Add(MutatorDef{"project.set_status", &SetStatus});
  registry.Add(MutatorDef{"project.delete", &Delete});
  registry.Add(MutatorDef{"project.add_cost", &AddCost});
  registry.Add(MutatorDef{"project.update_cost", &UpdateCost});
  registry.Add(MutatorDef{"project.remove_cost", &RemoveCost});
  registry.Add(QueryDef{"project.list", &List});
  registry.Add(QueryDef{"project.transitions", &Transitions});
}

}  // namespace invento::projects
