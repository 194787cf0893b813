// libFuzzer target: decoding a JSON request body, as the server does for every API call
// (ParseJsonObject in sync-server/app.h) and the shared untrusted-JSON parser under it
// (ParseJson in core/base/json_parse.h).
//
// Oracles (besides ASan/UBSan, which also catch a stack overflow):
//  - nothing throws; a refused body gets 400 with a JSON error, never anything else;
//  - an accepted value is an object (ParseJsonObject), nested at most kMaxJsonDepth deep,
//    dumps without throwing and parses back to an equal value;
//  - ParseJson: failures are invalid_argument with a message; accepted values are nested
//    at most kMaxJsonDepth deep.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/json_parse.h"
#include "sync-server/app.h"

namespace {

using invento::Json;

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

// Nesting depth, without recursion (the value may be nested 100,000 levels deep).
int Depth(const Json& root) {
  int deepest = 0;
  std::vector<std::pair<const Json*, int>> todo{{&root, 0}};
  while (!todo.empty()) {
    auto [j, d] = todo.back();
    todo.pop_back();
    if (!j->is_structured()) continue;
    deepest = std::max(deepest, d + 1);
    for (const auto& child : *j) todo.push_back({&child, d + 1});
  }
  return deepest;
}

void CheckRoundTrip(const Json& value) {
  std::string text = value.dump();  // throws on invalid UTF-8: the parser must refuse it
  Json again = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (again.is_discarded() || again != value) Fail("dump does not parse back: " + text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);

  invento::server::HttpRequest req;
  req.method = "POST";
  req.target = "/api/login";
  req.headers["content-type"] = "application/json";
  req.body = text;
  Json body;
  invento::server::HttpResponse error;
  if (invento::server::ParseJsonObject(req, &body, &error)) {
    if (!body.is_object()) Fail("ParseJsonObject accepted a non-object");
    if (Depth(body) > invento::kMaxJsonDepth) Fail("ParseJsonObject accepted a value too deep");
    CheckRoundTrip(body);  // dump() recurses: a deep body overflows the stack here
  } else if (error.status != 400 || Json::parse(error.body, nullptr, false).is_discarded()) {
    Fail("a malformed body got " + std::to_string(error.status) + ": " + error.body);
  }

  auto parsed = invento::ParseJson(text);
  if (!parsed.ok()) {
    if (parsed.status().code() != invento::Code::kInvalidArgument ||
        parsed.status().message().empty()) {
      Fail("ParseJson failed with " + parsed.status().ToString());
    }
  } else {
    if (Depth(*parsed) > invento::kMaxJsonDepth) Fail("ParseJson accepted a value too deep");
    CheckRoundTrip(*parsed);
  }
  return 0;
}
