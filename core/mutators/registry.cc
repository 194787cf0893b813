#include "core/mutators/registry.h"

#include <exception>
#include <string>

namespace invento {

const MutatorDef* Registry::FindMutator(std::string_view name) const {
  for (const auto& m : mutators_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const QueryDef* Registry::FindQuery(std::string_view name) const {
  for (const auto& q : queries_) {
    if (q.name == name) return &q;
  }
  return nullptr;
}

Result<Json> RunMutator(WriteTx& tx, std::string_view name, const Json& args,
                        const MutationContext& ctx) {
  const MutatorDef* def = Registry::Get().FindMutator(name);
  if (!def) return Status::InvalidArgument("unknown mutator " + std::string(name), "name");
  if (!IsAllowed(ctx.actor.role, name)) {
    return Status::Forbidden("role " + std::string(RoleName(ctx.actor.role)) +
                             " may not run " + std::string(name));
  }
#if defined(__cpp_exceptions)  // a safety net for a bug (natively; the wasm build has none)
  try {
    return def->apply(tx, args, ctx);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("mutator ") + std::string(name) + " failed: " + e.what());
  }
#else
  return def->apply(tx, args, ctx);
#endif
}

Result<Json> RunQuery(const db::Db& db, std::string_view name, const Json& args,
                      const Actor& actor) {
  const QueryDef* def = Registry::Get().FindQuery(name);
  if (!def) return Status::InvalidArgument("unknown query " + std::string(name), "name");
  if (!IsAllowed(actor.role, name)) {
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not run " +
                             std::string(name));
  }
#if defined(__cpp_exceptions)
  try {
    return def->run(db, args, actor);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("query ") + std::string(name) + " failed: " + e.what());
  }
#else
  return def->run(db, args, actor);
#endif
}

}  // namespace invento
