#include "core/base/decimal.h"

namespace invento {
namespace {

std::optional<std::int64_t> ParseFixed(std::string_view s, int decimals, std::int64_t max) {
  auto b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return std::nullopt;
  s = s.substr(b, s.find_last_not_of(' ') - b + 1);
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool seen_sep = false, any_digit = false;
  for (char c : s) {
    if (c == '.' || c == ',') {
      if (seen_sep) return std::nullopt;
      seen_sep = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    if (seen_sep) {
      if (++frac_digits > decimals) return std::nullopt;
      frac = frac * 10 + (c - '0');
    } else {
      if (whole > max) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  if (!any_digit) return std::nullopt;
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  for (int i = frac_digits; i < decimals; ++i) frac *= 10;
  if (whole > max / scale) return std::nullopt;
  std::int64_t v = whole * scale + frac;
  if (v > max) return std::nullopt;
  return neg ? -v : v;
}

std::string FormatFixed(std::int64_t v, int decimals, bool trim) {
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  bool neg = v < 0;
  std::uint64_t a = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::string out = std::to_string(a / static_cast<std::uint64_t>(scale));
  std::string frac = std::to_string(a % static_cast<std::uint64_t>(scale));
  frac.insert(0, static_cast<size_t>(decimals) - frac.size(), '0');
  if (trim) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  if (!frac.empty()) out += "." + frac;
  return neg ? "-" + out : out;
}

}  // namespace

std::optional<std::int64_t> ParseQuantity(std::string_view text) {
  return ParseFixed(text, 3, kMaxQuantityMilli);
}
std::string FormatQuantity(std::int64_t milli) { return FormatFixed(milli, 3, true); }
std::optional<std::int64_t> ParseMoney(std::string_view text) {
  return ParseFixed(text, 2, kMaxMoneyCents);
}
std::string FormatMoney(std::int64_t cents) { return FormatFixed(cents, 2, false); }

Int128 ValueCentsWide(std::int64_t milli, std::int64_t unit_price_cents) {
  Int128 p = static_cast<Int128>(milli) * unit_price_cents;
  Int128 q = p / kMilli, r = p % kMilli;
  if (r * 2 >= kMilli) ++q;
  if (r * 2 <= -kMilli) --q;
  return q;
}

std::int64_t ValueCents(std::int64_t milli, std::int64_t unit_price_cents) {
  return static_cast<std::int64_t>(ValueCentsWide(milli, unit_price_cents));
}

}  // namespace invento
