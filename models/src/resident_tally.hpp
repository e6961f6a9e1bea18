#pragma once
// The recorder's per-tick kernel (ModelOutputs::tally_residents): totals over a run of
// consecutive resident slots — most of what recording a run costs (`wijksim bench output`).
// Private to models/.
#include <array>
#include <cstddef>
#include <cstdint>

#include "wijksim/models/domains.hpp"

namespace wijksim::models::detail {

/// The resident columns a run is tallied from, each from slot 0.
struct ResidentTallyColumns {
  const float* hours_given = nullptr;    ///< hours/week
  const float* help_received = nullptr;  ///< hours/week
  const float* trust = nullptr;          ///< [0, 1]
  const float* burden = nullptr;         ///< [0, 1]
  const std::uint8_t* is_volunteer = nullptr;
  std::array<const float*, kDomainCount> severity{};  ///< [0, 1]
};

/// Totals of one run of slots.
struct ResidentRunTotals {
  std::int64_t residents = 0;
  double hours_given = 0.0, hours_received = 0.0, trust = 0.0;
  std::int64_t carers = 0;        ///< gave any hours this week
  std::int64_t overburdened = 0;  ///< carers with burden above the threshold
  std::int64_t volunteers = 0;
  std::int64_t in_crisis = 0;     ///< some domain at score 1 (severity >= kCrisisSeverity)
  std::array<double, kDomainCount> severity{};
  /// at_least[d][k - 1]: residents with 5 × severity >= k in domain d, k = 1..4 (exactly as
  /// self_reliance_score bands them).
  std::array<std::array<std::int64_t, 4>, kDomainCount> at_least{};
};

/// Totals of slots [begin, begin + count), count < 2^31. `worst` is scratch for `count` floats.
/// Float sums are taken in a fixed order (eight interleaved float partial sums, then the tail
/// and the partials added in double), so the totals are the same bits on every CPU and at any
/// thread count; over a run of at most one block of 4096 values of at most a few tens their
/// rounding is ~1e-7 relative, far below the precision of the model's float state.
[[nodiscard]] ResidentRunTotals tally_resident_run(const ResidentTallyColumns& columns, std::size_t begin,
                                                   std::size_t count, float overburden_threshold,
                                                   float* worst) noexcept;

}  // namespace wijksim::models::detail
