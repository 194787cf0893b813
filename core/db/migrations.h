// Applies the numbered schema migrations to a database and records them.
//
// Contract: each migration runs in its own transaction together with its row in
// schema_migrations(set_name, version, name); applying twice is a no-op; a database
// that already holds a version newer than the newest this build knows is refused with
// failed_precondition and left untouched. Failures roll the failing migration back.
#pragma once

#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/db/migration_list.h"
#include "core/db/sqlite.h"

namespace invento::db {

// set_name identifies the migration set ("shared" or "server").
Status ApplyMigrations(Db& db, std::string_view set_name, const std::vector<Migration>& set);

// The highest version recorded for set_name (0 if none).
Result<int> SchemaVersion(const Db& db, std::string_view set_name);

}  // namespace invento::db
