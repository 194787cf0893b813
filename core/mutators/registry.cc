#include "core/mutators/registry.h"

#include "core/stock/alerts.h"
#include "core/stock/attributes.h"
#include "core/stock/counts.h"
#include "core/stock/categories.h"
#include "core/stock/items.h"
#include "core/stock/ledger.h"
#include "core/stock/suppliers_locations.h"

namespace invento {

const Registry& Registry::Get() {
  static const Registry kRegistry = [] {
    Registry r;
    stock::RegisterCategories(r);
    stock::RegisterAttributes(r);
    stock::RegisterSuppliersAndLocations(r);
    stock::RegisterItems(r);
    stock::RegisterLedger(r);
    stock::RegisterCounts(r);
    stock::RegisterAlerts(r);
    return r;
  }();
  return kRegistry;
}

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

}  // namespace invento
