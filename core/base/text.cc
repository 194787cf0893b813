#include "core/base/text.h"

namespace invento {
namespace {

// Folded forms of U+00C0..U+00FF.
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};

// Folded forms of U+0100..U+017F, as ranges of code points sharing one base letter.
struct Range {
  char32_t first, last;
  const char* folded;
};
constexpr Range kLatinExtA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"}};

const char* FoldCodePoint(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  for (const auto& r : kLatinExtA) {
    if (cp >= r.first && cp <= r.last) return r.folded;
  }
  return nullptr;
}

}  // namespace

std::string FoldKey(std::string_view in) {
  const char* ws = " \t\r\n\f\v";
  auto b = in.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  in = in.substr(b, in.find_last_not_of(ws) - b + 1);
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    // Two-byte sequences cover U+0080..U+07FF, which includes every folded code point.
    if ((c >> 5) == 6 && i + 1 < in.size()) {
      char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) |
                    (static_cast<unsigned char>(in[i + 1]) & 0x3F);
      if (const char* f = FoldCodePoint(cp)) {
        out += f;
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace invento
