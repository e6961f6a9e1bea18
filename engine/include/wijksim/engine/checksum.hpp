#pragma once
// A 64-bit checksum of bytes (FNV-1a folded through mix64), for comparing whole states across
// thread counts. Not cryptographic.
#include <cstddef>
#include <cstdint>
#include <span>

#include "wijksim/engine/random.hpp"

namespace wijksim::engine {

class Checksum {
 public:
  void add(std::span<const std::byte> bytes) noexcept {
    for (const std::byte b : bytes) {
      state_ ^= static_cast<std::uint64_t>(b);
      state_ *= 0x100000001B3ULL;
    }
  }
  template <class T>
  void add_values(std::span<const T> values) noexcept {
    add(std::as_bytes(values));
  }
  [[nodiscard]] std::uint64_t value() const noexcept { return mix64(state_); }

 private:
  std::uint64_t state_ = 0xCBF29CE484222325ULL;
};

}  // namespace wijksim::engine
