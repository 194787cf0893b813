// Parsing JSON text that comes from outside the process (request bodies, WebSocket
// messages, fuzzers): the one way untrusted text becomes a Json value.
//
// Contract: ParseJson never throws and never recurses per nesting level. Text nested
// deeper than max_depth arrays/objects is refused before nlohmann-json builds anything
// (a deep value would later overflow the stack in recursive code such as dump()).
// Every failure is invalid_argument with a message that names the problem:
//   "nested deeper than 64 levels", "a number is out of range (…)", "not valid JSON (…)".
// Numbers: integers that fit int64/uint64 stay integers; others become doubles; a number
// too large for a double (1e999) is refused. Strings must be valid UTF-8.
// Thread-safety: a pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/base/status.h"

namespace invento {

using Json = nlohmann::json;

inline constexpr int kMaxJsonDepth = 64;

// Depth of the deepest array/object in text (strings skipped), stopping early once it
// exceeds limit (returns limit + 1 then). Malformed text gives some depth; ParseJson
// reports malformation separately.
int JsonNestingDepth(std::string_view text, int limit);

Result<Json> ParseJson(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace invento
