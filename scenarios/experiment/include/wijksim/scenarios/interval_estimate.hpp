#pragma once
// A mean over replicates with its 95% confidence interval (Student's t), and the same for
// paired differences: what `wijksim compare` prints for each arm and each arm against the first.
//
// @code
//   const std::vector<double> expert{0.12, 0.15, 0.11}, wrap{0.10, 0.12, 0.10};
//   const IntervalEstimate e = estimate_mean(expert);                  // 0.127 [0.075, 0.178]
//   const IntervalEstimate d = estimate_paired_difference(wrap, expert);  // wrap − expert, by replicate
// @endcode
#include <cstddef>
#include <span>

namespace wijksim::scenarios {

struct IntervalEstimate {
  double mean = 0.0;
  double low = 0.0;   ///< 95% interval; NaN with fewer than 2 replicates
  double high = 0.0;
  std::size_t n = 0;
};

/// Two-sided 95% quantile of Student's t with `degrees_of_freedom` (>= 1): exact to 3 decimals
/// from a table up to 30, a Cornish–Fisher expansion beyond (error below 1e-4).
[[nodiscard]] double student_t_975(std::size_t degrees_of_freedom) noexcept;

/// Mean and t-interval of `values` (each a replicate's figure). Empty: all NaN, n = 0.
[[nodiscard]] IntervalEstimate estimate_mean(std::span<const double> values) noexcept;

/// Mean and t-interval of a[r] − b[r] over replicates r (common random numbers: replicate r of
/// both arms had the same seed). Requires a.size() == b.size().
[[nodiscard]] IntervalEstimate estimate_paired_difference(std::span<const double> a,
                                                          std::span<const double> b);

}  // namespace wijksim::scenarios
