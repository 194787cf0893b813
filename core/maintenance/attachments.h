// Attachment metadata: photos, reports, manuals attached to a record. The content itself
// is addressed by its sha256 and moved by the sync server (a later issue); here we only
// keep which file belongs to what.
//
// attachment.add {id, entity_type: task|asset|project|client|employee|item, entity_id,
//   sha256 (64 lowercase hex), filename 1..255 (no path), mime "type/subtype", size_bytes
//   0..2 GiB} -> {id}. A technician attaches only to tasks assigned to them or their team.
// attachment.delete {id} (admins)
// attachment.list {entity_type, entity_id} -> {items:[{id, sha256, filename, mime,
//   size_bytes, uploaded_at, actor_id}]}
//
// Errors: invalid_argument (sha256, filename, mime, size_bytes); not_found (entity_id: the
// record does not exist); forbidden (technician: not a task, or not assigned).
#pragma once

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterAttachments(Registry& registry);

}  // namespace invento::maint
