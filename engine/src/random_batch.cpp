#include "wijksim/engine/random.hpp"
#include "wijksim/engine/vector_clones.hpp"

#include <algorithm>

namespace wijksim::engine {
namespace {

// Philox4x32-10 (Salmon et al. 2011, as Random123 implements it): ten rounds, the key bumped
// by the Weyl constants between rounds. Written over arrays of lanes so that the compiler
// turns each round into a few vector multiplies; every word equals r123::Philox4x32's.
constexpr std::uint32_t kMultiplier0 = 0xD2511F53U;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57U;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9U;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85U;
constexpr int kRounds = 10;
constexpr std::size_t kLanes = 64;

struct Lanes {
  std::array<std::uint32_t, kLanes> x0, x1, x2, x3;
};

// Compiled for the widest vectors the CPU has (integer arithmetic: the same words on every path).
WIJKSIM_VECTOR_CLONES
void philox_lanes(Lanes& v, RandomKey key, std::size_t n) noexcept {
  std::uint32_t k0 = key.k0;
  std::uint32_t k1 = key.k1;
  for (int round = 0; round < kRounds; ++round) {
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kMultiplier0) * v.x0[j];
      const std::uint64_t p1 = static_cast<std::uint64_t>(kMultiplier1) * v.x2[j];
      const auto hi0 = static_cast<std::uint32_t>(p0 >> 32U);
      const auto lo0 = static_cast<std::uint32_t>(p0);
      const auto hi1 = static_cast<std::uint32_t>(p1 >> 32U);
      const auto lo1 = static_cast<std::uint32_t>(p1);
      v.x0[j] = hi1 ^ v.x1[j] ^ k0;
      v.x1[j] = lo1;
      v.x2[j] = hi0 ^ v.x3[j] ^ k1;
      v.x3[j] = lo0;
    }
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
}

}  // namespace

void first_blocks(RandomKey key, std::span<const std::uint32_t> entities, Tick tick, std::uint32_t purpose,
                  std::span<std::array<std::uint32_t, 4>> out) noexcept {
  Lanes v;
  const auto t = static_cast<std::uint32_t>(tick.value());
  for (std::size_t first = 0; first < entities.size(); first += kLanes) {
    const std::size_t n = std::min(kLanes, entities.size() - first);
    for (std::size_t j = 0; j < n; ++j) {
      v.x0[j] = entities[first + j];
      v.x1[j] = t;
      v.x2[j] = purpose;
      v.x3[j] = 0;  // the stream's first block: index 0
    }
    philox_lanes(v, key, n);
    for (std::size_t j = 0; j < n; ++j) out[first + j] = {v.x0[j], v.x1[j], v.x2[j], v.x3[j]};
  }
}

}  // namespace wijksim::engine
