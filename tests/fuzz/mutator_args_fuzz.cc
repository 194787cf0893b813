// libFuzzer target: mutator and query arguments, decoded by ArgReader (core/mutators/args.h)
// inside the mutators themselves, run through Core::Apply / Core::Query as an admin on an
// in-memory database holding a little reference data.
//
// Input: "<mutator or query name>\n<JSON arguments>". Mutations run in a transaction that is
// always rolled back, so every input sees the same database.
// Oracle (besides ASan/UBSan): a mutator or query may refuse its arguments, but never with
// internal / io_error / corrupt (a stray exception or an SQL failure means an unchecked
// argument reached the database), and a refusal carries a message.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/core.h"
#include "core/tx/write_tx.h"

namespace {

using invento::Code;
using invento::Json;

invento::Core* g_core = nullptr;
constexpr std::int64_t kNow = 1'800'000'000'000;
const invento::MutationContext kAdmin{.actor = {"00000000-0000-4000-8000-0000000000ad",
                                                invento::Role::kAdmin},
                                      .now_ms = kNow};

std::string Id(int n) {
  char buf[37];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

void Seed(const char* name, Json args) {
  auto r = g_core->Mutate(name, args, kAdmin);
  if (!r.ok()) {
    std::fprintf(stderr, "seed %s failed: %s\n", name, r.status().ToString().c_str());
    std::abort();
  }
}

void Check(std::string_view name, const invento::Result<Json>& r, std::string_view args) {
  if (r.ok()) return;
  const Code c = r.status().code();
  if (c == Code::kInternal || c == Code::kIoError || c == Code::kCorrupt ||
      r.status().message().empty()) {
    std::fprintf(stderr, "%.*s(%.*s) -> %s\n", static_cast<int>(name.size()), name.data(),
                 static_cast<int>(args.size()), args.data(), r.status().ToString().c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto core = invento::Core::Open({});
  if (!core.ok()) std::abort();
  g_core = std::move(core).value().release();
  // Ids 1..9 categories, 10..19 locations, 20..29 suppliers, 100.. items (as the tests).
  Seed("category.create", {{"id", Id(1)}, {"name", "Visserie"}});
  Seed("category.create", {{"id", Id(2)}, {"name", "Joints"}, {"parent_id", Id(1)}});
  Seed("location.create", {{"id", Id(10)}, {"kind", "warehouse"}, {"name", "Dépôt"}});
  Seed("supplier.create", {{"id", Id(20)}, {"name", "Würth"}});
  Seed("item.create", {{"id", Id(100)}, {"reference", "VIS-M8"}, {"label", "Vis M8"},
                       {"category_id", Id(1)}, {"unit_price_cents", 50}});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nl = input.find('\n');
  if (nl == std::string_view::npos) return 0;
  std::string_view name = input.substr(0, nl);
  std::string_view text = input.substr(nl + 1);
  const auto& registry = invento::Registry::Get();
  const bool is_mutator = registry.FindMutator(name) != nullptr;
  if (!is_mutator && registry.FindQuery(name) == nullptr) return 0;
  Json args = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (args.is_discarded()) return -1;  // not JSON: not worth keeping in the corpus
  if (is_mutator) {
    auto sql_tx = invento::db::Transaction::Begin(g_core->db());
    if (!sql_tx.ok()) std::abort();
    invento::WriteTx tx(g_core->db(), g_core->tables(), 0);
    Check(name, invento::Core::Apply(tx, name, args, kAdmin), text);
    (*sql_tx)->Rollback();
  } else {
    Check(name, g_core->Query(name, args, kAdmin.actor), text);
  }
  return 0;
}
