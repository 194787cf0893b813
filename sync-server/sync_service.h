// The server half of sync: push (run mutators authoritatively, assign versions, log) and
// pull (rows changed since a version, paged with a stable cursor). docs/sync-protocol.md.
//
// Contract:
//  - Push runs inside ONE database transaction per batch. Mutation ids must continue the
//    client's sequence: ids <= last_mutation_id are skipped (idempotent retries); the first
//    new id must be last_mutation_id + 1 and the batch must be consecutive, otherwise the
//    whole batch is refused (invalid_argument) and nothing changes. Each mutator runs with the
//    SESSION's user and role (never the client's word) in a savepoint: an accepted mutation
//    gets the next global version, stamped on every row it touched; a rejected one (domain
//    error: forbidden, invalid, conflict...) is rolled back and logged with its reason, and
//    does not stop the batch. Storage errors abort the whole batch (the device retries).
//  - A client id belongs to the user who first used it; another user gets forbidden.
//  - Pull returns rows with since < version <= until (until = the version when the pull
//    started, echoed back by the client for later pages), ordered by (version, table, id),
//    tombstones included, plus the client's last_mutation_id and its rejections. Only what
//    the session role's read scope may read is sent (hidden tables skipped, hidden columns
//    masked), and the response names that scope ("scope": "full" | "field").
// Not thread-safe: the caller serialises calls (single writer).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/core.h"
#include "sync-server/accounts.h"

namespace invento::server {

class SyncService {
 public:
  explicit SyncService(Core& core) : core_(core) {}

  // now_ms: server time. Returns the response body; on a refused batch a non-ok Status
  // (invalid_argument / forbidden) and nothing is written.
  Result<Json> Push(const SessionUser& user, const Json& body, std::int64_t now_ms);
  Result<Json> Pull(const SessionUser& user, const Json& params, std::int64_t now_ms);
  Result<std::int64_t> CurrentVersion() const;
  // The database's epoch: a random id, new after each restore (restore-database).
  Result<std::string> Epoch() const;

 private:
  Result<std::int64_t> ClientLastMutation(const SessionUser& user, const std::string& client_id,
                                          bool create, std::int64_t now_ms);
  Core& core_;
};

}  // namespace invento::server
