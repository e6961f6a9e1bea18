// `wijksim sweep SPEC --out DIR`: the runs of a sweep spec (scenarios/sweeps/*.toml), side by
// side on this machine's cores, into one HDF5 file per shard; `--shard i/N` runs only shard i
// of N; under mpirun each rank r of N runs shard r/N and rank 0 shows progress. Rerunning the
// same command resumes: complete runs are kept, unfinished ones are run again.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/stop_on_signal.hpp"
#include "wijksim/scenarios/headline_figures.hpp"
#include "wijksim/scenarios/run_recording.hpp"
#include "wijksim/sweep/mpi_world.hpp"
#include "wijksim/sweep/run_plan.hpp"
#include "wijksim/sweep/shard_file.hpp"
#include "wijksim/sweep/shard_runner.hpp"
#include "wijksim/sweep/sweep_spec.hpp"

namespace wijksim::cli {
namespace {

namespace fs = std::filesystem;

struct SweepOptions {
  std::string spec;
  std::string out;
  std::string shard;  // "i/N"; empty: the whole sweep (or the MPI rank's share)
  int threads = 0;    // 0: the cores, shared among MPI ranks on this node
  std::string scratch;
  bool dry_run = false;
  bool quiet = false;
  bool list_runs = false;
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

/// Where the worker threads' time went: on a core, waiting for one (other processes held the
/// cores: the machine is shared), or blocked (the runs waited on each other or on I/O). Tells
/// a low cores-busy figure's cause.
void print_worker_times(const sweep::WorkerTimes& w, int cores, bool on_rank_0) {
  const auto share = [&w](double seconds) { return fixed(100.0 * std::max(0.0, seconds) / w.alive_s, 1) + "%"; };
  std::cout << "wijksim sweep: " << w.threads << " worker thread" << (w.threads == 1 ? " was" : "s were") << " on a core "
            << share(w.on_core_s) << " of their time, waiting for a core " << share(w.waiting_for_core_s);
  double load = 0.0;
  if (getloadavg(&load, 1) == 1) std::cout << " (load average " << fixed(load, 1) << " on " << cores << " cores)";
  std::cout << ", blocked " << share(w.blocked_s()) << (on_rank_0 ? " on rank 0" : "") << '\n';
}

/// Validation failed: the same on every rank, so only rank 0 reports it.
struct ValidationFailed {
  std::exception_ptr error;
};

void print_dry_run(const sweep::SweepSpec& spec, const sweep::RunPlan& plan, const sweep::Shard& shard) {
  std::cout << "# run_id\tpoint\tarm\treplicate\tseed\toverrides\n";
  for (const std::size_t i : sweep::shard_runs(plan, shard)) {
    const sweep::PlannedRun& run = plan.runs[i];
    std::cout << run.id << '\t' << run.point << '\t' << spec.arms[run.arm].name << '\t' << run.replicate << '\t' << run.seed << '\t';
    const auto overrides = sweep::run_overrides(spec, plan, run);
    for (std::size_t k = 0; k < overrides.size(); ++k) std::cout << (k == 0 ? "" : " ") << overrides[k];
    std::cout << '\n';
  }
}

int sweep_body(const SweepOptions& options, sweep::MpiWorld* mpi) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  const bool is_root = mpi == nullptr || mpi->rank() == 0;
  const StopOnSignal stop;

  // Describe and validate everything before a file is made.
  sweep::SweepSpec spec;
  sweep::RunPlan plan;
  sweep::Shard shard;
  std::vector<std::string> arm_texts;
  try {
    if (mpi != nullptr) {
      if (!options.shard.empty()) {
        throw engine::InputError("--shard", "no --shard under mpirun (rank r of N runs shard r/N)", "--shard " + options.shard);
      }
      shard = {static_cast<std::size_t>(mpi->rank()), static_cast<std::size_t>(mpi->size())};
    } else if (!options.shard.empty()) {
      shard = sweep::parse_shard(options.shard);
    }
    spec = sweep::load_sweep_spec(options.spec);
    plan = sweep::make_run_plan(spec);
    arm_texts = sweep::validate_sweep_scenarios(spec, plan);
    if (options.dry_run) {
      print_dry_run(spec, plan, shard);
      return 0;
    }
  } catch (...) {
    throw ValidationFailed{std::current_exception()};
  }

  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int threads = options.threads > 0 ? options.threads : std::max(1, cores / sweep::MpiWorld::local_size());
  const fs::path out(options.out);
  fs::create_directories(out);
  const fs::path scratch = options.scratch.empty() ? out : fs::path(options.scratch);
  fs::create_directories(scratch);

  sweep::SweepIdentity identity;
  identity.spec_path = options.spec;
  identity.spec_text = spec.text;
  identity.spec_hash = sweep::spec_hash(spec, arm_texts);
  identity.design = std::string(sweep::to_string(spec.design));
  identity.base_seed = spec.seed;
  identity.program_version = scenarios::build_info().program_version;
  identity.saltelli_base_points = spec.saltelli_base_points;
  for (const auto& m : scenarios::headline_measures()) identity.outcome_ids.push_back(m.id);

  sweep::ShardFile file = sweep::ShardFile::open(out, shard, identity);
  if (file.note()) std::cerr << "wijksim sweep: note: " << *file.note() << '\n';

  const std::size_t in_shard = sweep::shard_runs(plan, shard).size();
  const std::size_t total = mpi != nullptr ? plan.runs.size() : in_shard;
  const std::string label = shard.count == 1 || mpi != nullptr ? std::string("wijksim sweep") : "wijksim sweep " + std::to_string(shard.index) + "/" + std::to_string(shard.count);
  if (is_root && !options.quiet) {
    std::cout << "wijksim sweep: " << spec.path.string() << ": " << plan.points.size() << " points x " << spec.arms.size() << " arm"
              << (spec.arms.size() == 1 ? "" : "s") << " x " << spec.replicates << " replicate" << (spec.replicates == 1 ? "" : "s")
              << " = " << plan.runs.size() << " runs (" << sweep::to_string(spec.design) << ")";
    if (mpi != nullptr) {
      std::cout << "; " << mpi->size() << " MPI ranks, " << threads << " thread" << (threads == 1 ? "" : "s") << " each";
    } else {
      std::cout << "; shard " << shard.index << "/" << shard.count << ": " << in_shard << " runs, " << threads << " thread"
                << (threads == 1 ? "" : "s");
    }
    std::cout << '\n';
    if (file.complete_runs().size() > 0 || !file.removed_runs().empty()) {
      std::cout << "wijksim sweep: resuming " << (file.is_finished() ? file.final_path() : file.partial_path()).string() << ": "
                << file.complete_runs().size() << " runs complete"
                << (file.removed_runs().empty() ? std::string{} : ", " + std::to_string(file.removed_runs().size()) + " unfinished runs to redo") << '\n';
    }
    std::cout << std::flush;
  }

  ProgressMeter progress(label, total, is_root ? ProgressMeter::mode_for(options.quiet) : ProgressMeter::Mode::quiet, std::cerr, "runs");
  const std::size_t already = file.complete_runs().size();
  progress.advance(already);
  std::atomic<std::uint64_t> done{already};
  std::uint64_t others_seen = 0;
  std::uint64_t last_sent = ~std::uint64_t{0};

  sweep::ShardRunOptions run_options;
  run_options.threads = threads;
  run_options.scratch_dir = scratch;
  run_options.stop = &stop.flag();
  run_options.on_run_done = [&](const sweep::PlannedRun& run) {
    if (options.list_runs) std::cout << "wijksim sweep: run " << run.id << " complete\n" << std::flush;
    done.fetch_add(1);
    progress.advance(1);
  };
  run_options.on_wait = [&] {
    if (mpi == nullptr) return;
    if (mpi->rank() == 0) {
      const std::uint64_t others = mpi->others_progress();
      if (others > others_seen) progress.advance(others - others_seen);
      others_seen = std::max(others_seen, others);
    } else if (done.load() != last_sent) {
      last_sent = done.load();
      mpi->send_progress(last_sent);
    }
  };
  sweep::ShardRunResult result;
  try {
    result = sweep::run_shard(spec, plan, file, run_options);
  } catch (...) {
    if (mpi != nullptr) static_cast<void>(mpi->finish(1, done.load()));
    throw;
  }

  const int code = result.stopped ? 128 + stop.signal() : 0;
  std::uint64_t others_done = 0;
  const int worst = mpi != nullptr ? mpi->finish(code, done.load(), &others_done) : code;
  if (is_root && others_done > others_seen) progress.advance(others_done - others_seen);
  progress.finish();

  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double cpu = cpu_seconds() - cpu_start;
  if (result.stopped) {
    std::cerr << label << ": stopped by " << StopOnSignal::name(stop.signal()) << "; " << file.complete_runs().size() << " of "
              << result.runs_in_shard << " runs are complete in " << file.partial_path().string()
              << "; rerun the same command to resume\n";
    return worst;
  }
  if (is_root && !options.quiet) {
    const std::uint64_t ran = result.completed_now + (mpi != nullptr ? others_done : 0);
    std::cout << "wijksim sweep: " << (mpi != nullptr ? "all shards" : "shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count))
              << " finished: " << ran << " runs in " << fixed(wall, 1) << " s";
    if (result.already_complete > 0) std::cout << " (" << result.already_complete << " already complete)";
    if (ran > 0 && wall > 0.0) std::cout << ": " << fixed(static_cast<double>(ran) * 60.0 / wall, 2) << " runs per minute";
    std::cout << '\n';
    if (result.completed_now > 0 && wall > 0.0) {
      std::cout << "wijksim sweep: CPU " << fixed(cpu, 1) << " s (user + sys) over " << fixed(wall, 1) << " s on " << cores
                << " cores: " << fixed(cpu / wall, 2) << " cores busy (" << fixed(100.0 * cpu / wall / cores, 0) << "%)"
                << (mpi != nullptr ? " on rank 0" : "") << '\n';
      if (result.workers && result.workers->alive_s > 0.0) print_worker_times(*result.workers, cores, mpi != nullptr);
    }
    if (mpi != nullptr || shard.count == 1) {
      std::cout << "wijksim sweep: merge with: wijksim merge " << out.string() << " --out <file>.h5\n";
    } else {
      std::cout << "wijksim sweep: wrote " << file.final_path().string() << "; when every shard is done: wijksim merge " << out.string()
                << " --out <file>.h5\n";
    }
  }
  return worst;
}

int run_sweep(const SweepOptions& options) {
  std::unique_ptr<sweep::MpiWorld> mpi = sweep::MpiWorld::start_if_launched(nullptr, nullptr);
  try {
    return sweep_body(options, mpi.get());
  } catch (const ValidationFailed& failed) {
    if (mpi != nullptr) {
      static_cast<void>(mpi->finish(1, 0));
      if (mpi->rank() != 0) return 1;  // rank 0 says it once
    }
    std::rethrow_exception(failed.error);
  }
}

}  // namespace

Command add_sweep_command(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "sweep",
      "Run a parameter sweep (a spec in scenarios/sweeps/: base scenario or arms, swept\n"
      "parameters, design grid | lhs | saltelli, replicates) into DIR: one HDF5 file per\n"
      "shard (DIR/shard-<i>-of-<N>.h5), many runs each; then `wijksim merge DIR --out FILE`.\n"
      "Runs go side by side, one per thread: the thread count (like the split into shards or\n"
      "MPI ranks) never changes the results, only the speed. --shard i/N runs only shard i of N (run k\n"
      "belongs to shard k mod N); under mpirun each rank r of N runs shard r/N and rank 0\n"
      "shows progress. Rerunning the same command resumes: complete runs are kept,\n"
      "unfinished ones are run again. Arms of a point share seeds (common random numbers):\n"
      "seed = base seed + point x replicates + replicate. Ctrl-C stops at the end of the\n"
      "current week, keeping the finished runs.");
  auto options = std::make_shared<SweepOptions>();
  cmd->add_option("spec", options->spec, "A sweep spec (TOML), e.g. scenarios/sweeps/grant_term.toml")->required();
  cmd->add_option("--out,-o", options->out, "Output folder for the shard files (created if missing)")->required();
  cmd->add_option("--shard", options->shard, "Run only shard i of N (0 <= i < N), e.g. --shard 3/10 (not under mpirun)");
  cmd->add_option("--threads", options->threads, "Runs side by side (default: the cores, shared among MPI ranks on one node)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--scratch", options->scratch,
                  "Folder for the files of runs in progress (default: the output folder; a node-local disk on a cluster)");
  cmd->add_flag("--dry-run", options->dry_run,
                "Print this shard's runs (id, point, arm, replicate, seed, overrides) and exit; writes nothing");
  cmd->add_flag("--quiet,-q", options->quiet, "No progress or summary");
  cmd->add_flag("--list-runs", options->list_runs, "Print a line on stdout as each run is complete in the shard file (for logs)");
  return Command{cmd, [options] { return run_sweep(*options); }};
}

}  // namespace wijksim::cli
