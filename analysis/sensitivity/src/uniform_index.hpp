#pragma once
// An unbiased uniform integer in [0, n) from a Philox stream (Lemire 2019, "Fast random
// integer generation in an interval", ACM TOMACS 29(1): multiply-shift with rejection).
#include <cstddef>
#include <cstdint>

#include "wijksim/engine/random.hpp"

namespace wijksim::sensitivity::detail {

/// Precondition: 1 <= n < 2^32.
inline std::size_t uniform_index(engine::RandomStream& stream, std::size_t n) {
  const auto range = static_cast<std::uint32_t>(n);
  std::uint64_t product = std::uint64_t{stream.next_u32()} * range;
  auto low = static_cast<std::uint32_t>(product);
  if (low < range) {
    const std::uint32_t threshold = static_cast<std::uint32_t>(0U - range) % range;
    while (low < threshold) {
      product = std::uint64_t{stream.next_u32()} * range;
      low = static_cast<std::uint32_t>(product);
    }
  }
  return static_cast<std::size_t>(product >> 32U);
}

}  // namespace wijksim::sensitivity::detail
