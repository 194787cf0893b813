// The client half of sync (design.md "Sync"), used by the browser worker through wasm and by
// the native tests that simulate devices. Transport-agnostic: it builds request bodies and
// consumes response bodies; the caller does the HTTP.
//
//   Mutate()      runs a mutator optimistically on the local database and appends it to the
//                 outbox with its before-images, in ONE local transaction.
//   PushRequest() the next batch of pending mutations, in order ({} when nothing is pending).
//   PullRequest() the parameters of the next pull (cookie, cursor).
//   ApplyPull()   in ONE local transaction: undo every pending mutation from its
//                 before-images, apply the server rows, drop mutations the server has
//                 processed (<= last_mutation_id), record the ones it rejected, re-run the
//                 rest on top, and advance the cookie when the last page arrives.
//                 The response names the read scope of the user's role (core/auth/
//                 permissions.h); when it is not the scope the device holds (the role
//                 changed), the device instead drops the tables the new scope may not read,
//                 keeps its outbox, resets the cookie to 0 and answers done = false,
//                 rescoped = true: the next pulls fetch every row again as the new scope
//                 reads it.
// Epochs: the server names its database's life with an epoch (a random id, new each time it
// is restored from a backup: docs/operations.md). The device keeps the epoch of the rows it
// holds and sends it with every push and pull; it adopts the first one it sees. When the
// server answers {reset: true, epoch} (the device's epoch is not the server's), the device's
// rows may hold changes the server no longer has and the server no longer knows its
// mutation numbers, so it starts again as a new client of the new epoch (StartNewEpoch):
// every replicated row dropped and pulled again from version 0, and its outbox kept — every
// mutation still in it, acknowledged or not, renumbered from 1 under a new client id and
// pushed again (ids make a replay of what the server kept a refusal, never a double count).
// The actor (who runs the mutators and queries) is derived once from the signed-in session
// and owned here: set by Init() (the stored session), SetSession() and Restore(); the
// device's calls (Mutate, ApplyPull, Query without an actor) use it. Signed out, it is
// kNobody. The forms that take an Actor are for native simulations acting for a user.
// Local-only state lives in sync_outbox / sync_state / sync_rejections (schema 0004).
// Not thread-safe: one SyncClient per database, used by one thread (the worker).
#pragma once

#include <cstdint>
#include <string>

#include "core/core.h"

namespace invento::sync {

// Who the device acts as when nobody is signed in: reads only what a consultant may read,
// writes nothing.
inline const Actor kNobody{"", Role::kConsultant};

class SyncClient {
 public:
  explicit SyncClient(Core& core) : core_(core) {}

  // Sets the client id the first time (a fresh random UUID from the platform); later calls
  // keep the stored one. Loads the actor from the stored session. Returns the database's id:
  // its first client id, which stays when a new epoch gives it another client id, so the
  // page can tell "this browser's database was lost" (a new id) from "it started over".
  Result<std::string> Init(const std::string& fresh_client_id);

  // The signed-in user as an actor (kNobody when signed out).
  const Actor& actor() const { return actor_; }
  // {token, user: {id, role}} -> the actor; invalid_argument when id or role is missing or
  // the role is unknown.
  static Result<Actor> ActorOfSession(const Json& session);

  // device_now_ms: the device clock; the stored server offset is added to it.
  Result<Json> Mutate(std::string_view name, const Json& args, std::int64_t device_now_ms) {
    return Mutate(name, args, actor_, device_now_ms);
  }
  Result<Json> Mutate(std::string_view name, const Json& args, const Actor& actor,
                      std::int64_t device_now_ms);
  // A read-only query as actor().
  Result<Json> Query(std::string_view name, const Json& args) const {
    return core_.Query(name, args, actor_);
  }

  Result<Json> PushRequest(std::size_t max_mutations) const;
  // Records the clock offset from a push response ({server_time, ...}).
  Status ApplyPushResponse(const Json& response, std::int64_t device_now_ms);

  Result<Json> PullRequest() const;
  // Returns {"done": bool, "rows": n, "pending": n, "rejected": [...new rejections...],
  //          "until": version caught up to, "reached": highest version applied so far,
  //          "rescoped": true only when the page was dropped for a new scope}.
  Result<Json> ApplyPull(const Json& response, std::int64_t device_now_ms) {
    return ApplyPull(response, actor_, device_now_ms);
  }
  Result<Json> ApplyPull(const Json& response, const Actor& actor, std::int64_t device_now_ms);

  // {client_id, pending, cookie, clock_offset_ms, last_pull_at (device ms of the last pull
  // that reached the server's newest version, or null), scope (the read scope held, or null
  // before the first pull), rejections: [...]}
  Result<Json> State() const;
  Status DismissRejection(std::int64_t mutation_id);

  // The signed-in session of this device ({token, user: {id, username, role, ...}}), kept in
  // the local database so the app starts offline; null when nobody is signed in.
  Result<Json> Session() const;
  // Stores the session and makes its user the actor; null signs out (actor: kNobody).
  // invalid_argument (nothing changed) unless {token: string, user: {id, role}}.
  Status SetSession(const Json& session);

  // Rebuild after local corruption. Salvage() reads what it still can from a damaged
  // database (no migrations run, every read may fail): the sync state and the outbox.
  // {"state": {key: value}, "outbox": [{mutation_id, name, args, at}], "rejections": [...],
  //  "errors": ["what could not be read"]}.
  static Json Salvage(const db::Db& damaged);
  // On a FRESH database: takes back the client id, session, clock offset and the
  // acknowledgement marks, and the unsent mutations that form a consecutive run after the
  // last acknowledged one (a gap cannot be pushed: the server requires consecutive ids);
  // they are re-run on top of what the next pull brings. The cookie is not kept: the next
  // pull starts from version 0 and rebuilds every row from the server. The kept mutations
  // are re-run as the restored session's user (or, without one, as actor()).
  // Returns {"kept": n, "lost": n, "client_id": "..."}.
  Result<Json> Restore(const Json& salvaged, const std::string& fresh_client_id);

 private:
  Result<std::string> Get(const std::string& key, const std::string& fallback) const;
  Status Set(const std::string& key, const std::string& value);
  Status UndoPending();
  Status RedoPending(const Actor& actor);
  // True when the held data was reset for a new scope (see ApplyPull).
  Result<bool> AdoptScope(const std::string& name, const Actor& actor);
  // The response's epoch: adopted when the device holds none; when it says reset, the device
  // starts over in it (true). Invalid epochs are refused.
  Result<bool> FollowEpoch(const Json& response, const Actor& actor);
  Status StartNewEpoch(const std::string& epoch, const Actor& actor);
  // actor_ from the stored session (kNobody without a usable one).
  Status LoadActor();
  Core& core_;
  Actor actor_ = kNobody;
};

}  // namespace invento::sync
