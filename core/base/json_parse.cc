#include "core/base/json_parse.h"

#include <string>
#include <type_traits>

namespace invento {

int JsonNestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) {
          deepest = depth;
          if (deepest > limit) return deepest;
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return deepest;
}

namespace {

// nlohmann-json's own DOM builder, which also keeps the error it reports instead of throwing
// it: parsing needs no C++ exception, so it behaves the same in the wasm build, which has
// none (cmake/wasm_flags.cmake).
class ErrorKeepingDomParser : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit ErrorKeepingDomParser(Json& result) : json_sax_dom_parser(result, false) {}
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& e) {
    if (message_.empty()) {
      message_ = e.what();
      out_of_range_ = std::is_base_of_v<Json::out_of_range, Exception>;
    }
    return json_sax_dom_parser::parse_error(position, token, e);
  }
  const std::string& message() const { return message_; }
  bool out_of_range() const { return out_of_range_; }

 private:
  std::string message_;
  bool out_of_range_ = false;
};

Result<Json> Parse(std::string_view text) {
  Json result;
  ErrorKeepingDomParser sax(result);
  if (Json::sax_parse(text.begin(), text.end(), &sax) && !sax.is_errored()) return result;
  if (sax.out_of_range()) {
    return Status::InvalidArgument("a number is out of range: " + sax.message());
  }
  return Status::InvalidArgument("not valid JSON: " + sax.message());
}

}  // namespace

Result<Json> ParseJson(std::string_view text, int max_depth) {
  if (JsonNestingDepth(text, max_depth) > max_depth) {
    return Status::InvalidArgument("the JSON is nested deeper than " + std::to_string(max_depth) +
                                   " levels");
  }
#if defined(__cpp_exceptions)
  try {
    return Parse(text);
  } catch (const std::exception& e) {  // allocation failure on a hostile body (native only)
    return Status::InvalidArgument(std::string("the JSON could not be read: ") + e.what());
  }
#else
  return Parse(text);  // the wasm build: an allocation failure aborts the worker
#endif
}

}  // namespace invento
