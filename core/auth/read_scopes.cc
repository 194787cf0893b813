// The read-scope table (declared in core/auth/permissions.h, next to IsAllowed): which
// replicated tables and columns each scope may not read. Kept beside the permission table
// of the same module; docs/sync-protocol.md "What a device holds" explains each line.
#include <array>

#include "core/auth/permissions.h"

namespace invento {
namespace {

enum : unsigned { kFullBit = 1u << 0, kFieldBit = 1u << 1 };

struct Hidden {
  std::string_view table;
  std::string_view column;  // empty: the whole table
  const char* masked;       // what the scope's devices hold instead (columns only)
  unsigned scopes;          // the scopes it is hidden from
};

// THE read-scope table. Anything not listed is readable by every scope.
// Technicians (field) see no pay, no project money and no purchase prices: neither the
// hourly rates, nor the project cost lines, nor budgets, nor the item prices and movement
// unit costs from which the parts cost of a project is computed.
constexpr std::array kHidden{
    Hidden{"employee_rates", "", nullptr, kFieldBit},
    Hidden{"project_cost_lines", "", nullptr, kFieldBit},
    Hidden{"projects", "budget_cents", "0", kFieldBit},
    Hidden{"items", "unit_price_cents", "0", kFieldBit},
    Hidden{"stock_movements", "unit_cost_cents", "NULL", kFieldBit},
};

unsigned ScopeBit(ReadScope s) { return s == ReadScope::kField ? kFieldBit : kFullBit; }

}  // namespace

ReadScope ReadScopeOf(Role role) {
  return IsAllowed(role, "cap.read.money") ? ReadScope::kFull : ReadScope::kField;
}

std::string_view ReadScopeName(ReadScope scope) {
  return scope == ReadScope::kField ? "field" : "full";
}

Result<ReadScope> ParseReadScope(std::string_view name) {
  for (ReadScope s : AllReadScopes()) {
    if (ReadScopeName(s) == name) return s;
  }
  return Status::InvalidArgument("unknown read scope '" + std::string(name) + "'", "scope");
}

std::vector<ReadScope> AllReadScopes() { return {ReadScope::kFull, ReadScope::kField}; }

bool CanReadTable(ReadScope scope, std::string_view table) {
  for (const auto& h : kHidden) {
    if (h.table == table && h.column.empty() && (h.scopes & ScopeBit(scope))) return false;
  }
  return true;
}

const char* MaskedColumn(ReadScope scope, std::string_view table, std::string_view column) {
  for (const auto& h : kHidden) {
    if (h.table == table && h.column == column && (h.scopes & ScopeBit(scope))) return h.masked;
  }
  return nullptr;
}

}  // namespace invento
