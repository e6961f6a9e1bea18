#pragma once
// Reading a merged sweep file (written by `wijksim sweep`'s merge) for sensitivity analysis.
// The layout read here:
//   /            @kind = "sweep", @complete = 1
//   /sweep       @design ("grid" | "lhs" | "saltelli"), @saltelli_base_points
//     dimensions run, parameter, outcome (string coordinates) and the variables
//     point (run) int64, arm (run) string, arm_index (run) int64, replicate (run) int64,
//     saltelli_matrix (run) int64, parameter_value (run, parameter) float64,
//     outcome_value (run, outcome) float64
// The dimensions and variables are read from /sweep, or from the root when /sweep does not
// hold them.
#include <filesystem>

#include "wijksim/sensitivity/sweep_indices.hpp"

namespace wijksim::sensitivity {

/// The Saltelli sweep in `path`. Throws analysis::InputFileError naming the file (and the
/// object in it) when the file is missing, not HDF5, truncated, not a merged sweep (no
/// kind = "sweep"), incomplete (no complete = 1 mark), of another design than "saltelli",
/// or when a dataset is missing or of the wrong shape.
[[nodiscard]] SweepOutcomes read_saltelli_sweep(const std::filesystem::path& path);

}  // namespace wijksim::sensitivity
