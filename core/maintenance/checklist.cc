#include "core/maintenance/checklist.h"

#include "core/rows/derived_id.h"
#include "core/maintenance/meters.h"
#include "core/maintenance/task_access.h"
#include "core/maintenance/task_workflow.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::DerivedId;

using rows::OptJson;
using rows::OptStr;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Str;

namespace {

constexpr StringRule kLabel{.min = 1, .max = 200};

Result<Json> Add(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string task_id = r.Id("task_id");
  std::string label = r.String("label", kLabel);
  bool required = r.Bool("required", false);
  auto meter_id = r.OptionalId("meter_id");
  auto position = r.OptionalInt("position", 0, 10000);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  if (meter_id) {
    INVENTO_ASSIGN_OR_RETURN(Json m, RequireLive(tx, "meters", *meter_id, "meter_id", "meter"));
  }
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "checklist_items", id));
  if (!position) {
    INVENTO_ASSIGN_OR_RETURN(Json next,
                             tx.db().QueryValue("SELECT coalesce(max(position) + 1, 0) FROM "
                                                "checklist_items WHERE task_id = ? AND deleted = 0",
                                                {Json(task_id)}));
    position = next.get<std::int64_t>();
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("checklist_items", Json{{"id", id},
                                                         {"task_id", task_id},
                                                         {"position", *position},
                                                         {"label", label},
                                                         {"required", required ? 1 : 0},
                                                         {"meter_id", OptJson(meter_id)},
                                                         {"checked", 0},
                                                         {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto label = r.OptionalString("label", kLabel);
  bool has_required = r.Has("required");
  bool required = r.Bool("required", false);
  bool has_meter = r.Has("meter_id");
  auto meter_id = r.OptionalId("meter_id");
  auto position = r.OptionalInt("position", 0, 10000);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json item,
                           RequireLive(tx, "checklist_items", id, "id", "checklist item"));
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, Str(item, "task_id")));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  Json row{{"id", id}};
  if (label) row["label"] = *label;
  if (has_required) row["required"] = required ? 1 : 0;
  if (has_meter) {
    if (meter_id) {
      INVENTO_ASSIGN_OR_RETURN(Json m, RequireLive(tx, "meters", *meter_id, "meter_id", "meter"));
    }
    row["meter_id"] = OptJson(meter_id);
  }
  if (position) row["position"] = *position;
  INVENTO_RETURN_IF_ERROR(tx.Put("checklist_items", row));
  return Json{{"id", id}};
}

Result<Json> Remove(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json item,
                           RequireLive(tx, "checklist_items", id, "id", "checklist item"));
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, Str(item, "task_id")));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  INVENTO_RETURN_IF_ERROR(tx.Del("checklist_items", id));
  return Json{{"id", id}};
}

Result<Json> Check(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  bool checked = r.Bool("checked", true);
  auto value = r.OptionalQuantity("value");
  auto reading_id = r.OptionalId("reading_id");
  bool reset = r.Bool("reset", false);
  bool has_note = r.Has("note");
  auto note = r.OptionalString("note", {.min = 0, .max = 1000});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json item,
                           RequireLive(tx, "checklist_items", id, "id", "checklist item"));
  const std::string task_id = Str(item, "task_id");
  INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, task_id));
  INVENTO_RETURN_IF_ERROR(RequireAcceptsWork(task));
  Json row{{"id", id}, {"checked", checked ? 1 : 0}};
  if (has_note) row["note"] = OptJson(note);
  Json out{{"id", id}};
  if (!checked) {
    // done means every required item was ticked: keep it true.
    if (Str(task, "status") == "done" && item.value("required", 0) == 1) {
      return Status::FailedPrecondition(
          "the task is done: reopen it before unticking a required item");
    }
    row.update({{"checked_at", nullptr}, {"checked_by", nullptr}, {"reading_id", nullptr}});
  } else {
    row.update({{"checked_at", ctx.now_ms}, {"checked_by", ctx.actor.user_id}});
    if (auto meter_id = OptStr(item, "meter_id")) {
      if (!value)
        return Status::InvalidArgument("this item needs a meter reading: give value", "value");
      if (!reading_id)
        return Status::InvalidArgument("give reading_id, the id of the new reading", "reading_id");
      ReadingArgs a{*reading_id, *meter_id, *value, ctx.now_ms, reset, task_id, std::nullopt};
      INVENTO_ASSIGN_OR_RETURN(Json generated, RecordReading(tx, a, ctx));
      out["generated"] = std::move(generated);
      row["reading_id"] = *reading_id;
      out["reading_id"] = *reading_id;
    } else if (value || reading_id) {
      return Status::InvalidArgument("this item has no meter: it takes no reading",
                                     value ? "value" : "reading_id");
    }
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("checklist_items", row));
  return out;
}

}  // namespace

Result<std::int64_t> UncheckedRequired(const db::Db& db, const std::string& task_id) {
  INVENTO_ASSIGN_OR_RETURN(Json n,
                           db.QueryValue("SELECT count(*) FROM checklist_items WHERE task_id = ? "
                                         "AND deleted = 0 AND required = 1 AND checked = 0",
                                         {Json(task_id)}));
  return n.get<std::int64_t>();
}

Result<Json> ValidateChecklistTemplate(const db::Db& db, const Json& items, const char* field) {
  if (!items.is_array() || items.size() > 100) {
    return Status::InvalidArgument(std::string(field) + " must be a list of at most 100 items",
                                   field);
  }
  Json out = Json::array();
  for (const auto& it : items) {
    bool ok = it.is_object() && it.contains("label") && it["label"].is_string() &&
              !it["label"].get<std::string>().empty() &&
              it["label"].get<std::string>().size() <= 200;
    if (ok) {
      for (const auto& [k, v] : it.items()) {
        ok =
            ok &&
            (k == "label" || (k == "required" && v.is_boolean()) ||
             (k == "meter_id" && (v.is_null() || (v.is_string() && IsUuid(v.get<std::string>())))));
      }
    }
    if (!ok) {
      return Status::InvalidArgument(
          std::string(field) + " items are {label: 1..200 characters, required?: bool, meter_id?}",
          field);
    }
    Json item{{"label", it["label"]}, {"required", it.value("required", false)}};
    if (it.contains("meter_id") && it["meter_id"].is_string()) {
      INVENTO_ASSIGN_OR_RETURN(
          Json m, RequireLive(db, "meters", it["meter_id"].get<std::string>(), field, "meter"));
      item["meter_id"] = it["meter_id"];
    }
    out.push_back(std::move(item));
  }
  return out;
}

Status AddChecklistFromTemplate(WriteTx& tx, const std::string& task_id, const Json& items) {
  std::int64_t position = 0;
  for (const auto& it : items) {
    std::string id = DerivedId("checklist:" + task_id + ":" + std::to_string(position));
    INVENTO_RETURN_IF_ERROR(
        tx.Put("checklist_items", Json{{"id", id},
                                       {"task_id", task_id},
                                       {"position", position},
                                       {"label", it["label"]},
                                       {"required", it.value("required", false) ? 1 : 0},
                                       {"meter_id", it.value("meter_id", Json())},
                                       {"checked", 0},
                                       {"deleted", 0}}));
    ++position;
  }
  return Status::Ok();
}

void RegisterChecklist(Registry& registry) {
  registry.Add(MutatorDef{"checklist.add", &Add});
  registry.Add(MutatorDef{"checklist.update", &Update});
  registry.Add(MutatorDef{"checklist.remove", &Remove});
  registry.Add(MutatorDef{"checklist.check", &Check});
}

}  // namespace invento::maint
