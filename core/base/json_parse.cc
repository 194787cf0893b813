#include "core/base/json_parse.h"

#include <string>

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

Result<Json> ParseJson(std::string_view text, int max_depth) {
  if (JsonNestingDepth(text, max_depth) > max_depth) {
    return Status::InvalidArgument("the JSON is nested deeper than " + std::to_string(max_depth) +
                                   " levels");
  }
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::out_of_range& e) {
    return Status::InvalidArgument(std::string("a number is out of range: ") + e.what());
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(std::string("not valid JSON: ") + e.what());
  } catch (const std::exception& e) {  // allocation failure on a hostile body
    return Status::InvalidArgument(std::string("the JSON could not be read: ") + e.what());
  }
}

}  // namespace invento
