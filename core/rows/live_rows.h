// Checks and writes on rows addressed by id, shared by the mutators of every domain module:
// fetching a live row with a specific error, refusing a reused id, archiving, writing a row
// whose name is unique, and the checks of parent_id trees (categories, locations, assets).
//
// Contract: `table` is always a literal from core code (it is pasted into SQL; values are
// bound parameters). Writes go through the WriteTx (tx/write_tx.h). Failures are Status
// values: not_found naming the field for a missing or deleted row, conflict for a reused id
// or a taken name (field "id" / "name"), invalid_argument from argument decoding, and the
// storage errors of db/sqlite.h. Nothing is written when an error is returned, except what
// the caller's transaction rolls back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/db/sqlite.h"
#include "core/tx/write_tx.h"

namespace invento::rows {

using Json = nlohmann::json;

// The row `id` of `table` if it exists and is not deleted; otherwise not_found naming
// `field` ("<what> <id> does not exist").
Result<Json> RequireLive(const WriteTx& tx, std::string_view table, const std::string& id,
                         const char* field, const char* what);
Result<Json> RequireLive(const db::Db& db, std::string_view table, const std::string& id,
                         const char* field, const char* what);
// conflict if a row with this id already exists, even deleted (ids are never reused).
Status RequireNewId(const WriteTx& tx, std::string_view table, const std::string& id);
// Runs a *.archive mutator: args {id, archived: bool = true} sets the row's archived flag and
// returns {id, archived}; not_found if the row is not live.
Result<Json> SetArchived(WriteTx& tx, const Json& args, std::string_view table, const char* what);
// Ends a create or update of a row whose folded name is unique among live rows of `table`
// (suppliers, skills, teams, clients): on create the id must be new (archived/deleted are set
// to 0), on update the row must be live; when `name` is given it must be free (conflict,
// field "name") and is stored with its name_key. Writes `row` and returns {id}.
Result<Json> PutNamedRow(WriteTx& tx, std::string_view table, const char* what, bool create,
                         Json row, const std::optional<std::string>& name);

// True if `ancestor` is `id` or one of its ancestors in the parent_id tree of `table`
// (walks at most 64 levels up).
Result<bool> IsSelfOrDescendant(const db::Db& db, std::string_view table, const std::string& id,
                                const std::string& ancestor);
// conflict (field "name") if a live sibling of `self_id` (same parent) already has this
// folded name.
Status RequireUniqueSiblingName(const db::Db& db, std::string_view table,
                                const std::optional<std::string>& parent_id,
                                const std::string& name_key, const std::string& self_id,
                                const std::string& display_name);

}  // namespace invento::rows
