// The mutator and query registry: name -> argument decoding + validation + effect.
//
// A mutator is a named write: Apply() decodes its JSON arguments with ArgReader, checks the
// domain rules, and writes only through the WriteTx. The permission check (auth/permissions)
// is done by RunMutator (used by Core and by the CSV import) before Apply, with the actor from
// the session. A query is a named read returning JSON. Both are plain functions registered
// once, on first use of Registry::Get(), by each domain module's Register*() function; the
// list of modules is core/all_modules.cc (the composition root), so this module depends on
// none of them. Looking up an unknown name returns nullptr.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/auth/permissions.h"
#include "core/base/status.h"
#include "core/tx/write_tx.h"

namespace invento {

struct MutationContext {
  Actor actor;
  std::int64_t now_ms = 0;  // server time on the server, corrected device time on a device
};

using MutatorFn = Result<Json> (*)(WriteTx& tx, const Json& args, const MutationContext& ctx);
using QueryFn = Result<Json> (*)(const db::Db& db, const Json& args, const Actor& actor);

struct MutatorDef {
  std::string_view name;
  MutatorFn apply;
};
struct QueryDef {
  std::string_view name;
  QueryFn run;
};

class Registry {
 public:
  static const Registry& Get();  // built once, immutable afterwards (thread-safe reads)
  const MutatorDef* FindMutator(std::string_view name) const;
  const QueryDef* FindQuery(std::string_view name) const;
  const std::vector<MutatorDef>& mutators() const { return mutators_; }
  const std::vector<QueryDef>& queries() const { return queries_; }

  void Add(MutatorDef def) { mutators_.push_back(def); }
  void Add(QueryDef def) { queries_.push_back(def); }

 private:
  std::vector<MutatorDef> mutators_;
  std::vector<QueryDef> queries_;
};

// Runs mutator `name` through `tx` (the caller owns the SQLite transaction): invalid_argument
// (field "name") if no such mutator, forbidden if ctx.actor's role may not run it (auth/
// permissions), internal if it throws; otherwise the mutator's own result. On error the
// caller must discard what tx wrote (roll back its transaction or savepoint).
Result<Json> RunMutator(WriteTx& tx, std::string_view name, const Json& args,
                        const MutationContext& ctx);
// Runs query `name` with the same checks (invalid_argument, forbidden, internal).
Result<Json> RunQuery(const db::Db& db, std::string_view name, const Json& args,
                      const Actor& actor);

}  // namespace invento
