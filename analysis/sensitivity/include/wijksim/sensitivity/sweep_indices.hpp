#pragma once
// Sobol indices of a Saltelli sweep's outcomes, per arm and outcome: the replicates of each
// design point are averaged, the points are put back into the Saltelli rows (base point =
// point / (parameters + 2), matrix as the sweep recorded it), and sobol_indices() does the
// rest. Pure computation on what a merged sweep file holds (sweep_file.hpp reads it).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/sensitivity/sobol_indices.hpp"

namespace wijksim::sensitivity {

/// The part of a merged Saltelli sweep that the indices need.
struct SweepOutcomes {
  std::string source;  ///< where it came from (the file), for messages
  std::size_t base_points = 0;
  std::vector<std::string> parameters;  ///< the design's dimensions, in order
  std::vector<std::string> outcomes;
  std::vector<std::string> arms;  ///< names, indexed by a run's arm
  struct Run {
    std::size_t point = 0;
    std::size_t arm = 0;
    std::int64_t saltelli_matrix = 0;
  };
  std::vector<Run> runs;
  std::vector<double> outcome_values;  ///< runs × outcomes, row-major
};

struct SweepIndicesOptions {
  std::vector<std::string> outcomes{};  ///< empty: every outcome
  std::string arm{};                    ///< empty: every arm
  std::size_t bootstrap = 1000;
  std::uint64_t seed = 1;
  double confidence = 0.95;
};

/// The indices of one outcome in one arm. `undefined` is non-empty (and `indices` empty)
/// when they cannot be computed because the outcome does not vary over the A and B points.
struct ArmOutcomeIndices {
  std::string arm, outcome;
  std::size_t replicates_min = 0, replicates_max = 0;  ///< runs averaged per point
  SobolIndices indices;
  std::string undefined;
};

/// One entry per (arm, outcome) asked for: arms outer in the sweep's order, outcomes in the
/// order asked (default: the sweep's). Every entry uses the same bootstrap resamples of the
/// base points (same seed), so the intervals of different arms and outcomes come from the
/// same resampled designs. Throws engine::InputError naming the source when an outcome or
/// arm is unknown, a point of the design has no run in an arm, a run's point or matrix is
/// out of the design, or an outcome is not finite at a point.
[[nodiscard]] std::vector<ArmOutcomeIndices> sweep_sobol_indices(
    const SweepOutcomes& sweep, const SweepIndicesOptions& options);

}  // namespace wijksim::sensitivity
