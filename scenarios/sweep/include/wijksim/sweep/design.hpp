#pragma once
// A sweep's design expanded into points: each point is one value per swept parameter (in the
// spec's order), as the runs will set them.
//
//  - grid: every combination of the parameters' levels, the first parameter varying slowest
//    (point index = mixed-radix number of level indices, first parameter most significant);
//  - lhs: `points` rows of wijksim::sensitivity::latin_hypercube(points, parameters, seed);
//  - saltelli: the rows of wijksim::sensitivity::saltelli_design(base_points, parameters), in
//    its order (per base point: A, B, AB_0 … AB_{d-1}); each point remembers its matrix.
// Unit coordinates become values through map_unit_value (value_mapping.hpp).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wijksim/sweep/sweep_spec.hpp"

namespace wijksim::sweep {

struct DesignPoint {
  std::vector<double> values;       ///< one per SweepSpec::parameters (flags 0 / 1)
  std::int64_t saltelli_matrix = 0; ///< saltelli only: -1 = A, -2 = B, k >= 0 = AB_k
  std::size_t saltelli_base = 0;    ///< saltelli only: the base point
};

/// The design's points in order. Deterministic: the same spec gives the same points (bit for
/// bit) on every machine.
[[nodiscard]] std::vector<DesignPoint> expand_design(const SweepSpec& spec);

}  // namespace wijksim::sweep
