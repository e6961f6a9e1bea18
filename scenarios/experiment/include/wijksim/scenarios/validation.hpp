#pragma once
// The patterns of MODEL.md §10 that the model makes measurable, each computed from runs:
// paired arms (common random numbers: replicate r of every arm has the same seed and run id)
// at the reference neighbourhood or a reduced one. Used by `wijksim validate` (full scale) and
// by the tests (reduced scale).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace wijksim::scenarios {

struct ValidationOptions {
  std::filesystem::path scenario_dir;  ///< where expert.toml and wraparound.toml are
  std::uint64_t seed = 1;
  int replicates = 5;
  int years = 10;
  int dwellings = 6000;
  int threads = 2;                      ///< runs side by side; never changes the figures
  std::vector<std::string> overrides;   ///< key=value applied to every arm
  /// Progress: called once, before the first run, with the weeks all runs will simulate; then
  /// after every simulated week of every run, from the worker threads at once (thread-safe).
  /// Either may be empty.
  std::function<void(std::uint64_t total_ticks)> on_start;
  std::function<void()> on_tick;
};

struct PatternResult {
  std::string id;           ///< a descriptive slug, e.g. professionals_per_household_expert
  std::string description;
  double figure = 0.0;
  double low = 0.0;         ///< band
  double high = 0.0;
  bool pass = false;
  std::string detail;       ///< supporting figures (intervals, per-arm values)
};

/// Runs the arms and evaluates every pattern. Throws what the loader and the model throw.
[[nodiscard]] std::vector<PatternResult> validate_patterns(const ValidationOptions& options);

}  // namespace wijksim::scenarios
