#pragma once
// Runs one shard's runs side by side, each on one thread (a run is a pure function of
// (scenario, seed, run id): how many run at once never changes a result), and copies each
// finished run into the shard file under one lock.
//
// Each run records into a scratch file of its own (`<scratch dir>/.<shard stem>.<run id>.h5
// .part-<pid>-<n>`, deleted once the run is in the shard file), so that the shard file is only
// written between runs and a kill leaves it with whole runs only.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "wijksim/sweep/run_plan.hpp"
#include "wijksim/sweep/shard_file.hpp"
#include "wijksim/sweep/sweep_spec.hpp"

namespace wijksim::sweep {

struct ShardRunOptions {
  int threads = 1;  ///< runs side by side (>= 1)
  std::filesystem::path scratch_dir;
  /// Set (by a signal handler) to stop: runs in progress are abandoned at a tick boundary,
  /// finished runs stay in the shard file, which is left partial (to resume).
  const std::atomic<bool>* stop = nullptr;
  /// After each run is in the shard file; called under the shard lock (one at a time).
  std::function<void(const PlannedRun&)> on_run_done;
  /// After every simulated tick of every run, from the worker threads at once (thread-safe).
  std::function<void()> on_tick;
  /// On the calling thread about every `wait_interval` while runs go on (MPI progress).
  std::function<void()> on_wait;
  std::chrono::milliseconds wait_interval{200};
};

/// The worker threads' time, summed over them, in seconds: alive, on a core, and runnable but
/// waiting for a core. alive - on_core - waiting_for_core is the time they were blocked (the
/// shard lock, HDF5's lock, I/O): near zero when the runs go side by side unhindered.
struct WorkerTimes {
  int threads = 0;
  double alive_s = 0.0;
  double on_core_s = 0.0;
  double waiting_for_core_s = 0.0;
  [[nodiscard]] double blocked_s() const noexcept { return alive_s - on_core_s - waiting_for_core_s; }
};

struct ShardRunResult {
  std::size_t runs_in_shard = 0;
  std::size_t already_complete = 0;  ///< found complete when the shard was opened
  std::size_t completed_now = 0;
  bool stopped = false;   ///< by options.stop
  bool finished = false;  ///< every run in: the file has its final name
  /// Empty when no worker ran, or where the system does not count (thread_time.hpp).
  std::optional<WorkerTimes> workers;
};

/// Runs the runs of `shard` that `file` does not hold yet, then finishes the file. Throws what
/// a run throws (after stopping the others; finished runs stay in the partial file).
ShardRunResult run_shard(const SweepSpec& spec, const RunPlan& plan, ShardFile& file,
                         const ShardRunOptions& options);

/// Removes scratch files left by a killed process of this shard from `scratch_dir`.
void remove_stale_scratch_files(const std::filesystem::path& scratch_dir, const Shard& shard);

}  // namespace wijksim::sweep
