#pragma once
// Joins a sweep's shard files into one file (the layout agreed with analysis/python and
// analysis/sensitivity):
//
//   /                    @format = "wijksim", @format_version = 1, @kind = "sweep", @complete = 1 (last)
//   /sweep               @spec_text @spec_hash @design @base_seed @program_version
//                        (@saltelli_base_points: saltelli only) @spec_path @outcome_ids
//       run              dimension: run ids, in run order (point, arm, replicate)
//       parameter        dimension: swept parameter names (design order)
//       outcome          dimension: headline measure ids (scenarios::headline_measures())
//       point, arm_index, replicate, seed (run) int64; arm (run) string;
//       saltelli_matrix (run) int64 (saltelli only: -1 = A, -2 = B, k = AB_k)
//       parameter_value (run, parameter) float64; outcome_value (run, outcome) float64
//   /runs/<run id>/      each run as `wijksim run` writes one, plus @point @arm @replicate
//
// Refuses (SweepError) shards of different specs, program versions or shard counts, missing
// or unfinished shards, and missing or duplicated runs, naming the files.
#include <cstddef>
#include <filesystem>
#include <functional>

namespace wijksim::sweep {

struct MergeOptions {
  bool overwrite = false;  ///< replace an existing output file
  /// After each run is copied (for a progress meter).
  std::function<void()> on_run;
};

struct MergeResult {
  std::size_t shards = 0;
  std::size_t runs = 0;
};

/// Merges the shard files in `dir` into `out` (written under a temporary name, renamed when
/// complete). Throws SweepError, analysis::OutputError.
MergeResult merge_sweep(const std::filesystem::path& dir, const std::filesystem::path& out, const MergeOptions& options = {});

}  // namespace wijksim::sweep
