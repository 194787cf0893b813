// Deterministic ids: a name-based UUID (RFC 4122 version 5, SHA-1) derived from a text.
//
// Used where two devices must create THE SAME row independently, so that the second
// creation is recognised as a duplicate instead of producing a twin: a preventive work
// order is identified by its plan and occurrence (DerivedId("pm:" + plan_id + ":" + due)),
// and the rows created with it (checklist items) by the work order id and a position.
// Contract: pure function, identical natively and in wasm; output is a lowercase canonical
// UUID accepted by ArgReader::Id. Not a secret: anyone can compute it.
#pragma once

#include <string>
#include <string_view>

namespace invento::rows {

std::string DerivedId(std::string_view name);

}  // namespace invento::rows
