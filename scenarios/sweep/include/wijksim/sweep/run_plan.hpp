#pragma once
// The runs of a sweep: every (point, arm, replicate) with a stable id, its seed, and its share
// of shards.
//
// Run ids: "p<point>-a<arm>-r<replicate>", each number zero-padded to the digits its largest
// value needs (at least 4 for points, 1 for arms, 2 for replicates), so that ids sort in run
// order: point, then arm, then replicate ("p0012-a1-r03").
//
// Seeds (common random numbers across the arms of a point): with k = point × replicates +
// replicate, a run has seed = base seed + k and engine run id k (the Philox key is (seed, run
// id): engine/random.hpp). The arm does not enter, so the arms of a point run on the same
// people with the same life events; point 0 reproduces `wijksim compare`'s replicates
// (seed + r, run id r). No hashing: the mapping is documented arithmetic.
//
// Shards: run index i (run order) belongs to shard i mod N. Under MPI rank r of N is shard
// r/N; a SLURM array task is shard (task id − first task id)/N.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/scenarios/scenario.hpp"
#include "wijksim/sweep/design.hpp"
#include "wijksim/sweep/sweep_spec.hpp"

namespace wijksim::sweep {

struct PlannedRun {
  std::size_t index = 0;  ///< in run order
  std::string id;
  std::size_t point = 0;
  std::size_t arm = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
  std::uint64_t engine_run_id = 0;
};

struct RunPlan {
  std::vector<DesignPoint> points;
  std::vector<PlannedRun> runs;  ///< in run order (= id order)
};

[[nodiscard]] RunPlan make_run_plan(const SweepSpec& spec);

/// Shard `index` of `count` (0 <= index < count).
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  [[nodiscard]] bool owns(std::size_t run_index) const noexcept { return run_index % count == index; }
  /// "shard-03-of-10": the stem of its file (index zero-padded to the digits of count).
  [[nodiscard]] std::string stem() const;
};

/// Parses "i/N" (0 <= i < N). Throws engine::InputError naming `option` otherwise.
[[nodiscard]] Shard parse_shard(std::string_view text, std::string_view option = "--shard");

/// Indices (run order) of the runs in `shard`.
[[nodiscard]] std::vector<std::size_t> shard_runs(const RunPlan& plan, const Shard& shard);

/// The `--set` overrides of one run: the arm's [set] entries, then each swept parameter (and
/// its `also` names) at the point's value.
[[nodiscard]] std::vector<std::string> run_overrides(const SweepSpec& spec, const RunPlan& plan, const PlannedRun& run);

/// Loads the scenario of one run (the arm's file or the built-in reference, with the run's
/// overrides). Throws scenarios::ScenarioError.
[[nodiscard]] scenarios::Scenario load_run_scenario(const SweepSpec& spec, const RunPlan& plan, const PlannedRun& run);

/// Loads every arm at every point (the runs' scenarios without their replicates), so that a
/// missing file, a bad [set] value or a point that breaks a model constraint stops the sweep
/// before anything is written. Errors name the spec's file, line and key where the spec set
/// the value, and the point. Throws scenarios::ScenarioError. Returns the arms' scenario texts
/// (at point 0), for spec_hash.
std::vector<std::string> validate_sweep_scenarios(const SweepSpec& spec, const RunPlan& plan);

/// FNV-1a (64-bit) over the spec text and each arm's resolved scenario text, as 16 hex digits:
/// shards with the same hash ran the same runs.
[[nodiscard]] std::string spec_hash(const SweepSpec& spec, const std::vector<std::string>& arm_texts);

}  // namespace wijksim::sweep
