#include "resident_tally.hpp"

#include <cstring>

#include "wijksim/engine/vector_clones.hpp"

namespace wijksim::models::detail {
namespace {

// Eight lanes, written as GCC vector types so that the same lane-wise operations run as two
// SSE registers, one AVX2 register or half an AVX-512 one: the same bits on every path.
using Floats = float __attribute__((vector_size(32)));
using Ints = std::int32_t __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 8;

// Vectors pass by reference: by value, a 32-byte vector's ABI differs with and without AVX.
// The helpers inline into the cloned kernel and take its instruction set.
[[gnu::always_inline]] inline void load_lanes(Floats& v, const float* p) noexcept { std::memcpy(&v, p, sizeof v); }

[[gnu::always_inline]] inline void store_lanes(float* p, const Floats& v) noexcept { std::memcpy(p, &v, sizeof v); }

[[gnu::always_inline]] inline double add_up(double tail, const Floats& partial) noexcept {
  for (std::size_t lane = 0; lane < kLanes; ++lane) tail += static_cast<double>(partial[lane]);
  return tail;
}

[[gnu::always_inline]] inline std::int64_t add_up(const Ints& counts) noexcept {
  std::int64_t n = 0;
  for (std::size_t lane = 0; lane < kLanes; ++lane) n += counts[lane];
  return n;
}

[[gnu::always_inline]] inline double sum_of(const float* v, std::size_t n) noexcept {
  Floats partial{};
  Floats x;
  std::size_t q = 0;
  for (; q + kLanes <= n; q += kLanes) {
    load_lanes(x, v + q);
    partial += x;
  }
  double tail = 0.0;
  for (; q < n; ++q) tail += static_cast<double>(v[q]);
  return add_up(tail, partial);
}

/// One domain: its sum, its band counts, and each resident's worst severity so far.
[[gnu::always_inline]] inline void sum_and_bands(const float* v, std::size_t n, float* worst, double& sum,
                                                std::array<std::int64_t, 4>& at_least) noexcept {
  Floats partial{};
  Ints c1{}, c2{}, c3{}, c4{};  // a comparison gives -1 where true: subtract it
  std::size_t q = 0;
  for (; q + kLanes <= n; q += kLanes) {
    Floats x;
    load_lanes(x, v + q);
    partial += x;
    const Floats score = x * 5.0F;
    c1 -= score >= 1.0F;
    c2 -= score >= 2.0F;
    c3 -= score >= 3.0F;
    c4 -= score >= 4.0F;
    Floats w;
    load_lanes(w, worst + q);
    const Floats higher = w > x ? w : x;
    store_lanes(worst + q, higher);
  }
  double tail = 0.0;
  std::array<std::int64_t, 4> tail_counts{};
  for (; q < n; ++q) {
    const float x = v[q];
    tail += static_cast<double>(x);
    for (int k = 1; k <= 4; ++k) tail_counts[static_cast<std::size_t>(k - 1)] += x * 5.0F >= static_cast<float>(k) ? 1 : 0;
    worst[q] = worst[q] > x ? worst[q] : x;
  }
  sum = add_up(tail, partial);
  at_least = {add_up(c1) + tail_counts[0], add_up(c2) + tail_counts[1], add_up(c3) + tail_counts[2], add_up(c4) + tail_counts[3]};
}

}  // namespace

WIJKSIM_VECTOR_CLONES
ResidentRunTotals tally_resident_run(const ResidentTallyColumns& c, std::size_t begin, std::size_t count,
                                     float overburden_threshold, float* worst) noexcept {
  ResidentRunTotals t;
  t.residents = static_cast<std::int64_t>(count);
  t.hours_given = sum_of(c.hours_given + begin, count);
  t.hours_received = sum_of(c.help_received + begin, count);
  t.trust = sum_of(c.trust + begin, count);
  std::int32_t carers = 0;
  std::int32_t overburdened = 0;
  std::int32_t volunteers = 0;
  for (std::size_t i = begin; i < begin + count; ++i) {
    const auto cares = static_cast<std::int32_t>(c.hours_given[i] > 0.0F);
    carers += cares;
    overburdened += cares & static_cast<std::int32_t>(c.burden[i] > overburden_threshold);
    volunteers += static_cast<std::int32_t>(c.is_volunteer[i] != 0);
  }
  t.carers = carers;
  t.overburdened = overburdened;
  t.volunteers = volunteers;
  for (std::size_t i = 0; i < count; ++i) worst[i] = 0.0F;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    sum_and_bands(c.severity[d] + begin, count, worst, t.severity[d], t.at_least[d]);
  }
  std::int32_t in_crisis = 0;
  for (std::size_t i = 0; i < count; ++i) in_crisis += static_cast<std::int32_t>(worst[i] >= kCrisisSeverity);
  t.in_crisis = in_crisis;
  return t;
}

}  // namespace wijksim::models::detail
