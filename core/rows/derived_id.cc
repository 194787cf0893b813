#include "core/rows/derived_id.h"

#include <array>
#include <cstdint>
#include <vector>

namespace invento::rows {
namespace {

// SHA-1 (FIPS 180-4). Only used to derive ids, where collision resistance against an
// attacker does not matter (a forged id would only collide with the attacker's own rows).
std::array<std::uint8_t, 20> Sha1(const std::vector<std::uint8_t>& msg) {
  std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::vector<std::uint8_t> m = msg;
  const std::uint64_t bits = static_cast<std::uint64_t>(msg.size()) * 8;
  m.push_back(0x80);
  while (m.size() % 64 != 56) m.push_back(0);
  for (int i = 7; i >= 0; --i) m.push_back(static_cast<std::uint8_t>(bits >> (i * 8)));
  auto rol = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
  for (std::size_t off = 0; off < m.size(); off += 64) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i) {
      w[i] = (std::uint32_t{m[off + 4 * i]} << 24) | (std::uint32_t{m[off + 4 * i + 1]} << 16) |
             (std::uint32_t{m[off + 4 * i + 2]} << 8) | std::uint32_t{m[off + 4 * i + 3]};
    }
    for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      std::uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d), k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d, k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d, k = 0xCA62C1D6;
      }
      std::uint32_t t = rol(a, 5) + f + e + k + w[i];
      e = d, d = c, c = rol(b, 30), b = a, a = t;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
  }
  std::array<std::uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
  }
  return out;
}

// The namespace of Invento's derived ids (a fixed random UUID; never change it).
constexpr std::array<std::uint8_t, 16> kNamespace = {
    0x5c, 0x2e, 0x7a, 0x10, 0x94, 0x3b, 0x4f, 0x61, 0xa8, 0x0d, 0x3e, 0x27, 0xc1, 0x66, 0x9f, 0x42};

}  // namespace

std::string DerivedId(std::string_view name) {
  std::vector<std::uint8_t> msg(kNamespace.begin(), kNamespace.end());
  msg.insert(msg.end(), name.begin(), name.end());
  auto hash = Sha1(msg);
  hash[6] = static_cast<std::uint8_t>((hash[6] & 0x0f) | 0x50);  // version 5
  hash[8] = static_cast<std::uint8_t>((hash[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 15];
  }
  return out;
}

}  // namespace invento::rows
