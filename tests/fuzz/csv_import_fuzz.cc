// libFuzzer target: the CSV grammar (core/csv/csv.h) and the stock CSV import
// (core/stock/csv_io.h, csv.items_preview) on the same bytes.
//
// Oracles (besides ASan/UBSan):
//  - csv::Read either fails with invalid_argument on field "csv" and a "line N: " message,
//    or its records survive a round trip: written back with csv::Writer in the detected
//    separator and read again, they give the same fields (records that are a single empty
//    field are written as a blank line, which Read skips: they are left out);
//  - csv.items_preview (which runs the import's mutators in a savepoint always rolled back)
//    answers a report or a refusal, never internal / io_error / corrupt, and writes nothing.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "core/csv/csv.h"

namespace {

using invento::Code;
using invento::Json;

invento::Core* g_core = nullptr;
const invento::Actor kAdmin{"00000000-0000-4000-8000-0000000000ad", invento::Role::kAdmin};

std::string Id(int n) {
  char buf[37];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

void Seed(const char* name, Json args) {
  auto r = g_core->Mutate(name, args, {.actor = kAdmin, .now_ms = 1'800'000'000'000});
  if (!r.ok()) {
    std::fprintf(stderr, "seed %s failed: %s\n", name, r.status().ToString().c_str());
    std::abort();
  }
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

std::vector<std::vector<std::string>> Fields(const invento::csv::Table& t) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : t.records) {
    if (r.fields.size() == 1 && r.fields[0].empty()) continue;
    out.push_back(r.fields);
  }
  return out;
}

void CheckGrammar(std::string_view text) {
  auto table = invento::csv::Read(text);
  if (!table.ok()) {
    const auto& s = table.status();
    if (s.code() != Code::kInvalidArgument || s.field() != "csv" ||
        s.message().rfind("line ", 0) != 0) {
      Fail("csv::Read refused with " + s.ToString());
    }
    return;
  }
  if (table->separator != ';' && table->separator != ',') Fail("separator not ; or ,");
  invento::csv::Writer writer({.separator = table->separator, .bom = false});
  for (const auto& r : table->records) writer.Row(r.fields);
  auto again = invento::csv::Read(writer.text(), {.separator = table->separator});
  if (!again.ok()) Fail("written CSV does not read back: " + again.status().ToString());
  if (Fields(*table) != Fields(*again)) Fail("CSV round trip changed the fields");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto core = invento::Core::Open({});
  if (!core.ok()) std::abort();
  g_core = std::move(core).value().release();
  Seed("category.create", {{"id", Id(1)}, {"name", "Visserie"}});
  Seed("category.create", {{"id", Id(2)}, {"name", "Joints"}, {"parent_id", Id(1)}});
  Seed("location.create", {{"id", Id(10)}, {"kind", "warehouse"}, {"name", "Dépôt 10"}});
  Seed("supplier.create", {{"id", Id(20)}, {"name", "Würth"}});
  Seed("item.create", {{"id", Id(100)}, {"reference", "VIS-M8"}, {"label", "Vis M8"},
                       {"category_id", Id(1)}, {"unit_price_cents", 50},
                       {"barcode", "3000000000017"}});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  CheckGrammar(text);
  const char* kCount =
      "SELECT (SELECT count(*) FROM items) * 1000000 + (SELECT count(*) FROM stock_movements)";
  auto before = g_core->db().QueryValue(kCount);
  auto r = g_core->Query("csv.items_preview", Json{{"csv", text}}, kAdmin);
  if (!r.ok()) {
    const Code c = r.status().code();
    if (c == Code::kInternal || c == Code::kIoError || c == Code::kCorrupt) {
      Fail("csv.items_preview -> " + r.status().ToString());
    }
  }
  auto after = g_core->db().QueryValue(kCount);
  if (!before.ok() || !after.ok() || *before != *after) Fail("csv.items_preview wrote rows");
  return 0;
}
