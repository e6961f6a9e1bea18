#pragma once
// Transforms from a RandomStream to the distributions the model needs. Written here rather
// than taken from std::*_distribution, whose algorithms differ between standard libraries
// and would make results depend on the platform (ARCHITECTURE.md "Reproducible").
//
// Every function consumes a number of words that depends only on the stream's words, so a
// stream replays exactly. Preconditions are asserted, not thrown: callers pass validated
// parameters.
#include <cstdint>
#include <span>

#include "wijksim/engine/random.hpp"

namespace wijksim::engine {

/// Uniform in [0, 1).
[[nodiscard]] inline double uniform01(RandomStream& s) noexcept { return s.next_double(); }

/// Uniform in [lo, hi).
[[nodiscard]] inline double uniform(RandomStream& s, double lo, double hi) noexcept {
  return lo + (hi - lo) * s.next_double();
}

/// Uniform integer in [0, n), n >= 1 (Lemire's multiply-shift; bias below 2^-32 * n).
[[nodiscard]] inline std::uint32_t uniform_index(RandomStream& s, std::uint32_t n) noexcept {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(s.next_u32()) * n) >> 32U);
}

/// True with probability p (p outside [0, 1] is clamped by the comparison).
[[nodiscard]] inline bool bernoulli(RandomStream& s, double p) noexcept {
  return s.next_double() < p;
}

/// Exponential with the given rate (> 0); mean 1 / rate. Inversion.
[[nodiscard]] double exponential(RandomStream& s, double rate) noexcept;

/// Normal with mean and standard deviation (>= 0). Box–Muller, one value per two uniforms.
[[nodiscard]] double normal(RandomStream& s, double mean, double sd) noexcept;

/// Poisson with mean lambda (>= 0). Multiplication method below 10, Hörmann's PTRS
/// transformed rejection (1993) from 10 up.
[[nodiscard]] std::uint32_t poisson(RandomStream& s, double lambda) noexcept;

/// Binomial(n, p). Inversion when n·min(p, 1-p) < 10, Hörmann's BTRS (1993) above.
[[nodiscard]] std::uint32_t binomial(RandomStream& s, std::uint32_t n, double p) noexcept;

/// Index i with probability weights[i] / sum(weights). Weights >= 0 with a positive sum;
/// linear scan (the model's categories are few).
[[nodiscard]] std::size_t categorical(RandomStream& s, std::span<const double> weights) noexcept;

}  // namespace wijksim::engine
