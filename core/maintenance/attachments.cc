#include "core/maintenance/attachments.h"

#include "core/maintenance/task_access.h"
#include "core/mutators/args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::maint {

using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;

namespace {

constexpr std::int64_t kMaxSize = 2LL * 1024 * 1024 * 1024;
const std::initializer_list<const char*> kEntityTypes = {"task",   "asset",    "project",
                                                         "client", "employee", "item"};

// The table holding each entity type (from code, never from input).
const char* TableOf(const std::string& type) {
  if (type == "task") return "tasks";
  if (type == "asset") return "assets";
  if (type == "project") return "projects";
  if (type == "client") return "clients";
  if (type == "employee") return "employees";
  return "items";
}

bool IsSha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsMime(const std::string& s) {
  auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size() ||
      s.find('/', slash + 1) != std::string::npos) {
    return false;
  }
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("/.+-_").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

Result<Json> Add(WriteTx& tx, const Json& args, const MutationContext& ctx) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string type = r.Enum("entity_type", kEntityTypes);
  std::string entity_id = r.Id("entity_id");
  std::string sha = r.String("sha256", {.min = 64, .max = 64});
  std::string filename = r.String("filename", {.min = 1, .max = 255});
  std::string mime = r.String("mime", {.min = 3, .max = 127});
  std::int64_t size = r.Int("size_bytes", 0, kMaxSize);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!IsSha256(sha))
    return Status::InvalidArgument("sha256 must be 64 lowercase hexadecimal digits", "sha256");
  if (filename.find_first_of("/\\") != std::string::npos || filename == "." || filename == "..") {
    return Status::InvalidArgument("filename must be a file name, without a path", "filename");
  }
  if (!IsMime(mime)) return Status::InvalidArgument("mime must look like type/subtype", "mime");
  if (type == "task") {
    INVENTO_ASSIGN_OR_RETURN(Json task, TaskForWrite(tx.db(), ctx.actor, entity_id, "entity_id"));
  } else {
    if (!IsAllowed(ctx.actor.role, "cap.attachment.any_entity")) {
      return Status::Forbidden("you may attach files to your work orders only");
    }
    INVENTO_ASSIGN_OR_RETURN(Json entity,
                             RequireLive(tx, TableOf(type), entity_id, "entity_id", type.c_str()));
  }
  INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "attachments", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("attachments", Json{{"id", id},
                                                     {"entity_type", type},
                                                     {"entity_id", entity_id},
                                                     {"sha256", sha},
                                                     {"filename", filename},
                                                     {"mime", mime},
                                                     {"size_bytes", size},
                                                     {"uploaded_at", ctx.now_ms},
                                                     {"actor_id", ctx.actor.user_id},
                                                     {"deleted", 0}}));
  return Json{{"id", id}};
}

Result<Json> Delete(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json a, RequireLive(tx, "attachments", id, "id", "attachment"));
  INVENTO_RETURN_IF_ERROR(tx.Del("attachments", id));
  return Json{{"id", id}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  std::string type = r.Enum("entity_type", kEntityTypes);
  std::string entity_id = r.Id("entity_id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows,
      Rows(db,
           "SELECT id, sha256, filename, mime, size_bytes, uploaded_at, actor_id FROM attachments"
           " WHERE entity_type = ? AND entity_id = ? AND deleted = 0 ORDER BY uploaded_at, id",
           {Json(type), Json(entity_id)}));
  return Json{{"items", rows}};
}

}  // namespace

void RegisterAttachments(Registry& registry) {
  registry.Add(MutatorDef{"attachment.add", &Add});
  registry.Add(MutatorDef{"attachment.delete", &Delete});
  registry.Add(QueryDef{"attachment.list", &List});
}

}  // namespace invento::maint
