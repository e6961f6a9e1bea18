// `wijksim bench` (no subcommand): the whole program measured in one run, as issue 9 asks —
// the full model (both care regimes, projects, informal care, the default outputs written to
// a file) on the reference neighbourhood at 1 and N threads; resident-ticks per second at
// about 10,000, 100,000 and 1,000,000 residents; the city of a million over 10 years (measured
// with --city, projected from the scaling run otherwise) with peak memory; the default
// `compare`; the ratio of the model's cost per resident to the engine's reference kernel in
// the same run; and where the time goes (phases and the recorder). Figures, not pass/fail:
// the bars of issue 9 are printed next to them.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "cli/bench_summary.hpp"
#include "cli/json_writer.hpp"
#include "cli/timed_observer.hpp"
#include "cli/scenario_argument.hpp"
#include "wijksim/engine/cache_migration.hpp"
#include "wijksim/engine/reference_kernel.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/scenarios/comparison.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/run_recording.hpp"

namespace wijksim::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

/// Peak resident memory of this process so far (bytes).
std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024U;
}


/// One complete recorded run: set-up, every tick with the default outputs, the file committed.
struct FullRun {
  std::string scenario;
  std::size_t residents = 0;  ///< at the start
  int threads = 0;
  int ticks = 0;
  double setup_seconds = 0.0;
  double run_seconds = 0.0;      ///< simulation and recording
  double recorder_seconds = 0.0;  ///< of which the recorder
  double total_seconds = 0.0;     ///< set-up, run, provenance and commit
  double resident_ticks_per_second = 0.0;  ///< residents × ticks / run_seconds
  std::uint64_t file_bytes = 0;
  std::size_t state_bytes = 0;  ///< the population's allocated bytes at the start
  std::vector<engine::PhaseTiming> phases;
};

FullRun full_run(const std::string& name, const std::vector<std::string>& overrides, int threads, std::uint64_t seed,
                 const fs::path& directory) {
  FullRun out;
  out.scenario = name;
  out.threads = threads;
  const auto t0 = Clock::now();
  const scenarios::Scenario scenario = load_scenario_argument(resolve_scenario_argument(name), overrides);
  scenarios::ScenarioRun run(scenario, seed, 0);
  out.residents = run.model().population().residents.size();
  out.state_bytes = run.model().population().allocated_bytes();
  const fs::path path = directory / ("wijksim-bench-" + std::to_string(getpid()) + ".h5");
  analysis::OutputFile file = analysis::OutputFile::create(path, {.overwrite = true});
  scenarios::RunRecording recording(file, run, {.run_id = "r0", .threads = threads});
  out.setup_seconds = since(t0);
  TimedObserver timed(recording.observer());
  engine::Observer* observers[] = {&timed};
  const auto t1 = Clock::now();
  (void)run.run(threads, observers);
  out.run_seconds = since(t1);
  const auto t2 = Clock::now();
  recording.finish({.scenario_name = name, .threads = threads, .start = std::chrono::system_clock::now(),
                    .end = std::chrono::system_clock::now()});
  file.commit();
  out.recorder_seconds = timed.seconds() + since(t2);
  out.total_seconds = since(t0);
  out.ticks = run.end().value();
  out.resident_ticks_per_second = static_cast<double>(out.residents) * out.ticks / out.run_seconds;
  std::error_code ec;
  out.file_bytes = fs::file_size(path, ec);
  fs::remove(path, ec);
  out.phases = run.model().scheduler().timings();
  return out;
}

/// The model alone (no outputs) for a few ticks at one size: the scaling figure.
struct ScalingPoint {
  std::size_t residents = 0;
  int neighbourhoods = 0;
  int ticks = 0;
  double setup_seconds = 0.0;
  double resident_ticks_per_second = 0.0;
  std::uint64_t bytes_per_resident = 0;
  std::uint64_t peak_rss_bytes = 0;
};

ScalingPoint scaling_point(const std::string& name, int neighbourhoods, int threads, double resident_ticks, std::uint64_t seed) {
  ScalingPoint out;
  out.neighbourhoods = neighbourhoods;
  const auto t0 = Clock::now();
  const scenarios::Scenario scenario =
      load_scenario_argument(resolve_scenario_argument(name), {"population.neighbourhoods=" + std::to_string(neighbourhoods)});
  scenarios::ScenarioRun run(scenario, seed, 0);
  out.setup_seconds = since(t0);
  models::Model& model = run.model();
  out.residents = model.population().residents.size();
  out.ticks = std::clamp(static_cast<int>(resident_ticks / static_cast<double>(out.residents)), 4, 520);
  engine::Executor executor(threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  (void)simulation.run(engine::Tick{0}, engine::Tick{2});  // warm caches and the thread pool
  const auto t1 = Clock::now();
  (void)simulation.run(engine::Tick{2}, engine::Tick{2 + out.ticks});
  out.resident_ticks_per_second = static_cast<double>(out.residents) * out.ticks / since(t1);
  out.bytes_per_resident = model.population().allocated_bytes() / std::max<std::size_t>(1, out.residents);
  out.peak_rss_bytes = peak_rss_bytes();
  return out;
}

std::string millions(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << v / 1e6 << " M";
  return s.str();
}

}  // namespace

int run_bench_summary(const BenchSummaryOptions& options) {
  const auto t_all = Clock::now();
  const int n = std::max(1, options.threads);
  const fs::path directory = options.directory.empty() ? fs::temp_directory_path() : fs::path(options.directory);
  const bool text = !options.json;
  const auto say = [&](const std::string& line) {
    if (text) std::cout << line << std::flush;
  };

  // 1. The full model with its default outputs, reference neighbourhood, 1 and N threads.
  const int repeats = std::max(1, options.repeats);
  say("Full model, reference neighbourhood, complete recorded runs (11 years incl. warm-up, default outputs; 1 and " +
      std::to_string(n) + " threads alternating, fastest of " + std::to_string(repeats) + " each):\n");
  std::vector<FullRun> full;  // the fastest run per (regime, thread count), in that order
  for (const auto& regime : options.regimes) {
    for (const int threads : {1, n}) {
      if (threads == 1 && n == 1 && !full.empty() && full.back().scenario == regime) continue;
      FullRun slot;
      slot.scenario = regime;
      slot.threads = threads;
      full.push_back(slot);
    }
  }
  for (int r = 0; r < repeats; ++r) {
    // 1 then N threads on even repeats, N then 1 on odd ones, regime by regime: neither thread
    // count always runs first.
    std::vector<std::size_t> order(full.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t k = 0; r % 2 == 1 && k + 1 < order.size(); ++k) {
      if (full[order[k]].scenario != full[order[k + 1]].scenario) continue;
      std::swap(order[k], order[k + 1]);
      ++k;
    }
    for (const std::size_t which : order) {
      FullRun run = full_run(full[which].scenario, {}, full[which].threads, options.seed, directory);
      if (r == 0 || run.resident_ticks_per_second > full[which].resident_ticks_per_second) full[which] = std::move(run);
    }
  }
  for (const FullRun& r : full) {
    say("  " + r.scenario + std::string(std::max<std::size_t>(22, r.scenario.size() + 1) - r.scenario.size(), ' ') +
        std::to_string(r.threads) + " thread(s): " + millions(r.resident_ticks_per_second) + "resident-ticks/s, run " +
        std::to_string(r.run_seconds).substr(0, 5) + " s (recorder " + std::to_string(100.0 * r.recorder_seconds / r.run_seconds).substr(0, 4) +
        "%), " + std::to_string(r.file_bytes / 1024) + " KiB written\n");
  }
  const auto speedup_of = [&](const std::string& regime) {
    double one = 0.0, many = 0.0;
    for (const auto& r : full) {
      if (r.scenario != regime) continue;
      if (r.threads == 1) one = r.resident_ticks_per_second;
      if (r.threads == n) many = r.resident_ticks_per_second;
    }
    return one > 0.0 ? many / one : 0.0;
  };
  for (const auto& regime : options.regimes) {
    say("  speed-up 1 -> " + std::to_string(n) + " threads, " + regime + ": x" + std::to_string(speedup_of(regime)).substr(0, 4) +
        " (bar: x1.7)\n");
  }
  say("  bar: 20 M resident-ticks/s on 2 threads (stretch 50 M)\n");
  // What bounds that speed-up on this machine: the cost of touching state the other core wrote
  // last (every serial phase after a parallel one does), at the size of the reference
  // neighbourhood's state.
  std::size_t state_bytes = 0;
  for (const auto& r : full) state_bytes = std::max(state_bytes, r.state_bytes);
  const engine::CacheMigrationFigures migration = engine::measure_cache_migration(std::max<std::size_t>(state_bytes, 4096), 20);
  say("  cache migration: touching " + std::to_string(migration.bytes >> 10) + " KiB (the neighbourhood's state) last written by " +
      (migration.pinned ? "the other core" : "another thread (not pinned: one usable CPU, or pinning refused; both may have run on one core)") + " costs x" +
      std::to_string(migration.ratio).substr(0, 4) + " of touching it after this core wrote it (" +
      std::to_string(migration.other_core_ns_per_touch).substr(0, 5) + " against " +
      std::to_string(migration.same_core_ns_per_touch).substr(0, 5) + " ns); serial phases pay it at " +
      std::to_string(n) + " threads\n");

  // 2. Where the time goes (the first regime at N threads).
  const FullRun* profiled = nullptr;
  for (const auto& r : full) {
    if (r.threads == n && profiled == nullptr) profiled = &r;
  }
  // Each phase's speed-up from 1 to N threads, from the same regime's run at 1 thread: a serial
  // phase shows about x1.0 (or less: its data cooled in the other core's cache), and
  // the phases that gain least are where the next speed-up is.
  const FullRun* serial_run = nullptr;
  for (const auto& r : full) {
    if (profiled != nullptr && r.threads == 1 && r.scenario == profiled->scenario) serial_run = &r;
  }
  const auto phase_speedup = [&](const engine::PhaseTiming& p) {
    if (serial_run == nullptr || p.seconds <= 0.0) return 0.0;
    for (const auto& q : serial_run->phases) {
      if (q.name == p.name) return q.seconds / p.seconds;
    }
    return 0.0;
  };
  if (profiled != nullptr) {
    double total = 0.0;
    for (const auto& p : profiled->phases) total += p.seconds;
    std::vector<engine::PhaseTiming> sorted = profiled->phases;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.seconds > b.seconds; });
    std::string line = "\nWhere the time goes (" + profiled->scenario + ", " + std::to_string(n) +
                       " threads; share of phase time, and in brackets the phase's speed-up from 1 thread):\n ";
    for (const auto& p : sorted) {
      line += " " + p.name + " " + std::to_string(100.0 * p.seconds / total).substr(0, 4) + "%";
      if (serial_run != nullptr) line += " (x" + std::to_string(phase_speedup(p)).substr(0, 4) + ")";
    }
    line += "\n  recorder (default outputs): " + std::to_string(100.0 * profiled->recorder_seconds / profiled->run_seconds).substr(0, 4) +
            "% of the run\n";
    say(line);
  }

  // 3. Against the engine's reference kernel, same thread count, same run.
  engine::ReferenceKernel kernel(20'000, options.seed);
  const engine::ReferenceKernelFigures k = kernel.run(20, 1000, n);
  const double model_ns = profiled != nullptr ? 1e9 / profiled->resident_ticks_per_second : 0.0;
  const double kernel_ns = 1e9 / k.updates_per_second;
  say("\nReference kernel (20,000 agents, " + std::to_string(n) + " threads): " + millions(k.updates_per_second) +
      "updates/s; the full model costs " + std::to_string(model_ns / kernel_ns).substr(0, 5) + "x the kernel per resident-tick\n");

  // 4. Scaling: the model without outputs at ~10k, ~100k, ~1M residents, N threads.
  say("\nScaling (" + options.regimes.front() + ", model without outputs, " + std::to_string(n) + " threads):\n");
  std::vector<ScalingPoint> scaling;
  for (const int neighbourhoods : options.scaling_neighbourhoods) {
    scaling.push_back(scaling_point(options.regimes.front(), neighbourhoods, n, options.resident_ticks, options.seed));
    const ScalingPoint& p = scaling.back();
    say("  " + std::to_string(p.residents) + " residents (" + std::to_string(neighbourhoods) + " neighbourhoods): " +
        millions(p.resident_ticks_per_second) + "resident-ticks/s over " + std::to_string(p.ticks) + " ticks, set-up " +
        std::to_string(p.setup_seconds).substr(0, 5) + " s, " + std::to_string(p.bytes_per_resident) + " B/resident of agent state\n");
  }

  // 5. The city of a million over 10 years: measured with --city, else projected.
  FullRun city;
  bool city_measured = false;
  double city_projected = 0.0;
  std::uint64_t city_peak = 0;
  if (!scaling.empty()) {
    // A city of 1,000,000 residents for 572 ticks (warm-up and 10 years), at the speed of the
    // largest scaling run, its set-up scaled by size.
    const ScalingPoint& big = scaling.back();
    const double scale = 1.0e6 / static_cast<double>(std::max<std::size_t>(1, big.residents));
    city_projected = big.setup_seconds * scale + 1.0e6 * 572.0 / big.resident_ticks_per_second;
    city_peak = big.peak_rss_bytes;
  }
  if (options.city) {
    city = full_run(options.regimes.front(),
                    {"population.neighbourhoods=" + std::to_string(options.scaling_neighbourhoods.back())}, n, options.seed, directory);
    city_measured = true;
    city_peak = peak_rss_bytes();
    say("\nCity of " + std::to_string(city.residents) + " residents, 10 recorded years: " + std::to_string(city.total_seconds).substr(0, 6) +
        " s wall incl. set-up and output (bar: 60 s), peak memory " + std::to_string(city_peak >> 20) + " MiB (bar: 1024), " +
        std::to_string(city_peak / std::max<std::size_t>(1, city.residents)) + " B/resident\n");
  } else {
    say("\nCity of 1,000,000 residents, 10 recorded years: projected " + std::to_string(city_projected).substr(0, 6) +
        " s from the scaling run of " + std::to_string(scaling.back().residents) +
        " residents (run it with --city; bar: 60 s); peak memory so far " + std::to_string(city_peak >> 20) + " MiB (bar: 1024)\n");
  }

  // 6. The default comparison: four arms x 20 replicates x 10 years.
  double compare_seconds = 0.0;
  if (options.compare) {
    const auto t0 = Clock::now();
    std::vector<scenarios::ComparisonArm> arms;
    for (const auto& name : default_comparison_arms()) {
      arms.push_back({name, load_scenario_argument(resolve_scenario_argument(name), {})});
    }
    scenarios::PairedRunOptions run_options;
    run_options.replicates = 20;
    run_options.seed = options.seed;
    run_options.threads = n;
    (void)scenarios::compare_arms(arms, run_options);
    compare_seconds = since(t0);
    say("\nwijksim compare (default: 4 arms x 20 replicates x 10 years) on " + std::to_string(n) + " threads: " +
        std::to_string(compare_seconds).substr(0, 6) + " s (bars: 120 s, issue 6; 60 s, issue 9)\n");
  }

  const double total = since(t_all);
  say("\nbench finished in " + std::to_string(total).substr(0, 6) + " s; the figures depend on the machine and its load, the ratios less.\n");

  if (options.json) {
    JsonWriter j;
    j.begin_object().key("benchmark").value("wijksim").key("threads").value(n).key("full_model_repeats").value(repeats).key("hardware_threads")
        .value(static_cast<int>(std::thread::hardware_concurrency()));
    j.key("full_model").begin_array();
    for (const auto& r : full) {
      j.begin_object().key("scenario").value(r.scenario).key("threads").value(r.threads).key("residents")
          .value(static_cast<std::uint64_t>(r.residents)).key("ticks").value(r.ticks).key("setup_seconds").value(r.setup_seconds)
          .key("run_seconds").value(r.run_seconds).key("recorder_seconds").value(r.recorder_seconds)
          .key("resident_ticks_per_second").value(r.resident_ticks_per_second).key("file_bytes").value(r.file_bytes).end_object();
    }
    j.end_array().key("speedup").begin_object();
    for (const auto& regime : options.regimes) j.key(regime).value(speedup_of(regime));
    j.end_object();
    if (profiled != nullptr) {
      j.key("phase_seconds").begin_object();
      for (const auto& p : profiled->phases) j.key(p.name).value(p.seconds);
      j.end_object();
      if (serial_run != nullptr) {
        j.key("phase_speedup").begin_object();
        for (const auto& p : profiled->phases) j.key(p.name).value(phase_speedup(p));
        j.end_object();
      }
      j.key("recorder_share").value(profiled->recorder_seconds / profiled->run_seconds);
    }
    j.key("cache_migration").begin_object().key("bytes").value(static_cast<std::uint64_t>(migration.bytes))
        .key("same_core_ns_per_touch").value(migration.same_core_ns_per_touch)
        .key("other_core_ns_per_touch").value(migration.other_core_ns_per_touch).key("ratio").value(migration.ratio)
        .key("pinned").value(migration.pinned).end_object();
    j.key("reference_kernel").begin_object().key("agents").value(static_cast<std::uint64_t>(k.agents)).key("updates_per_second").value(k.updates_per_second)
        .key("model_cost_ratio").value(model_ns / kernel_ns).end_object();
    j.key("scaling").begin_array();
    for (const auto& p : scaling) {
      j.begin_object().key("residents").value(static_cast<std::uint64_t>(p.residents)).key("neighbourhoods").value(p.neighbourhoods)
          .key("ticks").value(p.ticks).key("setup_seconds").value(p.setup_seconds)
          .key("resident_ticks_per_second").value(p.resident_ticks_per_second).key("bytes_per_resident").value(p.bytes_per_resident)
          .end_object();
    }
    j.end_array().key("city").begin_object().key("measured").value(city_measured);
    if (city_measured) {
      j.key("residents").value(static_cast<std::uint64_t>(city.residents)).key("wall_seconds").value(city.total_seconds);
    } else {
      j.key("projected_wall_seconds").value(city_projected);
    }
    j.key("peak_rss_bytes").value(city_peak).end_object();
    if (options.compare) j.key("compare_default_seconds").value(compare_seconds);
    j.key("seconds").value(total).end_object();
    std::cout << j.str() << '\n';
  }
  return 0;
}

}  // namespace wijksim::cli
