// libFuzzer target: the pull cursor (sync-server/pull_cursor.h) and SyncService::Pull paging
// with it, on an in-memory server database holding a few versioned rows.
//
// Input: the cursor text. Oracles (besides ASan/UBSan):
//  - ParseCursor accepts only the canonical form: FormatCursor of what it parsed gives the
//    input back byte for byte;
//  - Pull (limit 2) refuses a cursor ParseCursor refuses with invalid_argument on "cursor"
//    (inputs with leading or trailing white space are left out: ArgReader trims them), and
//    answers any accepted one; the next cursor it returns
//    parses and lies strictly after the given one in (version, table, id) order.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>

#include "core/core.h"
#include "sync-server/pull_cursor.h"
#include "sync-server/sync_service.h"

namespace {

using invento::Json;

invento::Core* g_core = nullptr;
invento::server::SyncService* g_sync = nullptr;
const invento::server::SessionUser kUser{.user_id = "00000000-0000-4000-8000-0000000000ad",
                                         .username = "admin",
                                         .display_name = "Admin",
                                         .role = invento::Role::kAdmin};
const char* kClient = "00000000-0000-4000-8000-00000000c11e";

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

std::string Id(int n) {
  char buf[37];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

void Seed(const char* name, Json args) {
  auto r = g_core->Mutate(name, args, {.actor = {kUser.user_id, kUser.role}, .now_ms = 1});
  if (!r.ok()) Fail(std::string("seed ") + name + ": " + r.status().ToString());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto core = invento::Core::Open({.server_tables = true});
  if (!core.ok()) std::abort();
  g_core = std::move(core).value().release();
  g_sync = new invento::server::SyncService(*g_core);
  for (int i = 1; i <= 4; ++i) {
    Seed("category.create", {{"id", Id(i)}, {"name", "Catégorie " + std::to_string(i)}});
    Seed("location.create", {{"id", Id(10 + i)}, {"kind", "warehouse"},
                             {"name", "Dépôt " + std::to_string(i)}});
  }
  // Versions 1..3 shared between tables, so pages split inside a version and a table.
  if (!g_core->db().Exec("UPDATE categories SET version = 1 + (rowid % 3);"
                         "UPDATE locations SET version = 1 + (rowid % 2);"
                         "UPDATE server_state SET version = 3 WHERE id = 1").ok()) {
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::int64_t version = 0;
  int table = 0;
  std::string id;
  if (invento::server::ParseCursor(input, &version, &table, &id) &&
      invento::server::FormatCursor(version, table, id) != input) {
    Fail("ParseCursor accepted a non-canonical cursor: " + input);
  }
  const std::string_view kSpace(" \t\r\n\f\v");
  if (!input.empty() && (kSpace.find(input.front()) != kSpace.npos ||
                          kSpace.find(input.back()) != kSpace.npos)) {
    return 0;
  }
  const bool accepted = invento::server::ParseCursor(input, &version, &table, &id);
  auto page = g_sync->Pull(kUser, {{"client_id", kClient}, {"cursor", input}, {"limit", 2}}, 5);
  if (!accepted) {
    if (page.ok() || page.status().code() != invento::Code::kInvalidArgument ||
        page.status().field() != "cursor") {
      Fail("Pull did not refuse the cursor " + input);
    }
    return 0;
  }
  if (!page.ok()) Fail("Pull refused the cursor " + input + ": " + page.status().ToString());
  const Json& next = (*page)["cursor"];
  if (next.is_null()) return 0;
  std::int64_t nv = 0;
  int nt = 0;
  std::string nid;
  if (!next.is_string() || !invento::server::ParseCursor(next.get<std::string>(), &nv, &nt, &nid)) {
    Fail("Pull returned a cursor it cannot parse: " + next.dump());
  }
  if (std::tie(nv, nt, nid) <= std::tie(version, table, id)) {
    Fail("the next cursor " + next.get<std::string>() + " does not follow " + input);
  }
  return 0;
}
