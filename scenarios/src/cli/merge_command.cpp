// `wijksim merge DIR --out FILE.h5`: joins a sweep's shard files into one file: a summary table
// (one row per run: its point, arm, replicate, seed, parameter values and headline outcomes)
// under /sweep, and every run's series under /runs/<run id> (scenarios/sweep/.../merge.hpp).
#include <chrono>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "wijksim/sweep/merge.hpp"

namespace wijksim::cli {
namespace {

struct MergeCommandOptions {
  std::string dir;
  std::string out;
  bool force = false;
  bool quiet = false;
};

int run_merge(const MergeCommandOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  sweep::MergeOptions merge_options;
  merge_options.overwrite = options.force;
  const sweep::MergeResult result = sweep::merge_sweep(options.dir, options.out, merge_options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!options.quiet) {
    std::error_code ignored;
    const auto bytes = std::filesystem::file_size(options.out, ignored);
    std::cout << "wijksim merge: " << result.shards << (result.shards == 1 ? " shard, " : " shards, ") << result.runs << " runs -> "
              << options.out << " (" << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1e6 << " MB) in "
              << seconds << " s\n";
  }
  return 0;
}

}  // namespace

Command add_merge_command(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "merge",
      "Join the shard files of a sweep (wijksim sweep --out DIR) into one HDF5 file: /sweep\n"
      "holds a table with one row per run (dimension run: point, arm, replicate, seed,\n"
      "parameter_value, outcome_value), /runs/<run id> each run's series. Refuses shards of\n"
      "another spec or program version, unfinished or missing shards, and missing or\n"
      "duplicated runs. The file appears under its name only when complete.");
  auto options = std::make_shared<MergeCommandOptions>();
  cmd->add_option("dir", options->dir, "The sweep's output folder")->required();
  cmd->add_option("--out,-o", options->out, "Merged file (.h5); refused if it exists, unless --force")->required();
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  cmd->add_flag("--quiet,-q", options->quiet, "No summary line");
  return Command{cmd, [options] { return run_merge(*options); }};
}

}  // namespace wijksim::cli
