// Exact quantities and money. No binary floating point is ever stored.
//
// Quantities are int64 thousandths of the item's unit ("milli": 2.5 m = 2500). In JSON
// arguments a quantity is either an integer number of units (3) or a decimal string with
// at most 3 decimals, '.' or ',' as separator ("2.5", "2,5", "-0.125"). JSON floats are
// refused (2.5 as a number would be binary floating point). Money is int64 cents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace invento {

// 128-bit intermediate for money products (GCC and Clang, natively and in wasm).
__extension__ typedef __int128 Int128;

inline constexpr std::int64_t kMilli = 1000;
inline constexpr std::int64_t kMaxQuantityMilli = 1'000'000'000'000;  // one billion units
inline constexpr std::int64_t kMaxMoneyCents = 1'000'000'000'000;     // ten billion

// Parses "12", "-3.5", "0,125" into milli-units; nullopt if malformed, more than 3
// decimals, or beyond ±kMaxQuantityMilli.
std::optional<std::int64_t> ParseQuantity(std::string_view text);
// 2500 -> "2.5", -125 -> "-0.125", 3000 -> "3".
std::string FormatQuantity(std::int64_t milli);
// Parses "12.34", "12,3", "7" into cents (at most 2 decimals).
std::optional<std::int64_t> ParseMoney(std::string_view text);
// 1234 -> "12.34"
std::string FormatMoney(std::int64_t cents);
// value in cents of milli-units at a unit price, rounded half away from zero.
std::int64_t ValueCents(std::int64_t milli, std::int64_t unit_price_cents);
// The same, without narrowing to 64 bits (sums that must detect an overflow).
Int128 ValueCentsWide(std::int64_t milli, std::int64_t unit_price_cents);

}  // namespace invento
