// Text helpers shared by the domain: folding for case- and accent-insensitive keys.
//
// FoldKey() trims, lowercases ASCII and removes the accents of Latin letters
// (U+00C0..U+017F: "Écrou" -> "ecrou", "Œil" -> "oeil"); other characters pass through
// unchanged. Used for uniqueness keys (names, references) so that "Vis" and " vis " collide.
#pragma once

#include <string>
#include <string_view>

namespace invento {

std::string FoldKey(std::string_view s);

}  // namespace invento
