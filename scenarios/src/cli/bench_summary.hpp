#pragma once
// `wijksim bench` without a subcommand: every speed figure of the program in one run
// (bench_summary.cpp says which and how).
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace wijksim::cli {

struct BenchSummaryOptions {
  /// Both care regimes with projects and the municipality (the 2x2's corners).
  std::vector<std::string> regimes{"expert_carousel", "wraparound_durable"};
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  /// Full-model runs of each regime at each thread count, 1 and N threads alternating; the
  /// fastest of each is reported (a shared machine's load varies by tens of percent within
  /// minutes: one run each makes the speed-up a coin toss).
  int repeats = 3;
  /// Neighbourhoods of 6,000 dwellings (~11,800 residents each): ~10k, ~100k, ~1M residents.
  std::vector<int> scaling_neighbourhoods{1, 9, 85};
  double resident_ticks = 2.0e7;  ///< per scaling measurement
  bool city = false;              ///< run the city of a million for 10 years (minutes)
  bool compare = true;            ///< time the default compare (about two minutes)
  std::uint64_t seed = 1;
  std::string directory;          ///< for the recorded runs' files (deleted); default: the temp dir
  bool json = false;
};

/// Prints the figures (or one JSON object); returns the exit code.
int run_bench_summary(const BenchSummaryOptions& options);

}  // namespace wijksim::cli
