// The wall clock, in one place. Natively and in wasm (where it is JS Date.now()).
#pragma once

#include <chrono>
#include <cstdint>

namespace invento {

inline std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace invento
