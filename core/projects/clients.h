// Clients: the companies we work for (projects, assets they own, sites).
//
// client.create {id, name 1..120, contacts?: [{name, role?, email?, phone?}],
//   addresses?: [{label, text}], notes?} -> {id}
// client.update {id, name?, contacts?, addresses?, notes?}: a given list replaces the old one.
// client.archive {id, archived?=true}
// client.list {include_archived?=false} -> {items:[{id, name, contacts, addresses, notes,
// archived}]} client.get {id} -> the client with its projects and assets.
//
// Errors: conflict (field name) when another live client has the same folded name;
// invalid_argument (field contacts / addresses) for malformed lists (at most 50 entries,
// text fields at most 200 bytes, addresses 1000); not_found (id).
#pragma once

#include "core/mutators/registry.h"

namespace invento::projects {

void RegisterClients(Registry& registry);

}  // namespace invento::projects
