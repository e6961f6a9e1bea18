#pragma once
// Variance-based sensitivity: first-order and total Sobol indices from the outputs of a
// Saltelli design, with bootstrap percentile intervals.
//
//   V    = variance of the 2N outputs f(A) and f(B) together (population variance)
//   S_i  = mean_j f(B)_j (f(AB_i)_j - f(A)_j) / V          (Saltelli et al. 2010, eq. (b) of
//          table 2; Comput. Phys. Commun. 181:259-270)
//   ST_i = mean_j (f(A)_j - f(AB_i)_j)^2 / 2 / V           (Jansen 1999; Saltelli 2010 eq. (f))
//
// Intervals: B bootstrap resamples of the N base points (drawn with replacement, each resample
// recomputes V, S_i and ST_i on the same resampled base points), percentile interval at the
// requested confidence (linear interpolation between order statistics). The resampling uses
// the project's Philox streams: the same (outputs, bootstrap, seed) give the same intervals.
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "wijksim/sensitivity/designs.hpp"

namespace wijksim::sensitivity {

/// A point estimate and its bootstrap interval [low, high]. With bootstrap = 0, or when no
/// resample had a non-zero variance, low and high are NaN.
struct IndexEstimate {
  double value = 0.0, low = 0.0, high = 0.0;
};

/// One entry per design dimension, in parameter order; `variance` is V above.
struct SobolIndices {
  std::vector<IndexEstimate> first_order, total;
  double variance = 0.0;
};

/// The outputs do not vary over the A and B points: the indices are undefined.
class ZeroVarianceError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Indices of one scalar output. `outputs` holds one value per row of `design.rows`, in
/// that order; rows may come in any order, but every (base, matrix) pair of the design must
/// appear exactly once. Throws std::invalid_argument on a size mismatch, a malformed row set,
/// a non-finite output or a confidence outside (0, 1); ZeroVarianceError (an invalid_argument)
/// when the outputs have zero variance. `design.unit` is not read.
SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                           std::size_t bootstrap = 1000, std::uint64_t seed = 1,
                           double confidence = 0.95);

}  // namespace wijksim::sensitivity
