// `wijksim bench engine`: the engine's reference kernel at several sizes and thread counts.
// Prints agent-updates per second, the speed-up over one thread, bytes per agent and the
// final-state checksum, which must be equal at every thread count (exit 1 otherwise).
#include <array>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <thread>

#include "cli/bench_summary.hpp"
#include "cli/commands.hpp"
#include "cli/timed_observer.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/engine/reference_kernel.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/model.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/run_recording.hpp"

namespace wijksim::cli {
namespace {

struct BenchEngineOptions {
  std::vector<std::uint32_t> agents{20'000, 1'000'000};
  std::vector<int> threads{1, 2};
  double updates = 4.0e7;  // per timed measurement
  int repeats = 3;
  std::uint64_t seed = 1;
  bool json = false;
};

int run_bench_engine(const BenchEngineOptions& options) {
  struct Row {
    engine::ReferenceKernelFigures best;
    double speedup = 1.0;
  };
  std::vector<Row> rows;
  bool checksums_match = true;
  for (const std::uint32_t agents : options.agents) {
    engine::ReferenceKernel kernel(agents, options.seed);
    const auto ticks = static_cast<std::uint32_t>(
        std::max(4.0, options.updates / std::max<std::uint32_t>(agents, 1)));
    const std::uint32_t warmup = std::max<std::uint32_t>(2, ticks / 10);
    double one_thread_rate = 0.0;
    std::uint64_t reference_checksum = 0;
    for (std::size_t t = 0; t < options.threads.size(); ++t) {
      engine::ReferenceKernelFigures best;
      for (int r = 0; r < options.repeats; ++r) {
        const auto figures = kernel.run(warmup, ticks, options.threads[t]);
        if (r == 0 || figures.updates_per_second > best.updates_per_second) best = figures;
      }
      if (t == 0) reference_checksum = best.checksum;
      if (best.checksum != reference_checksum) checksums_match = false;
      if (best.threads == 1) one_thread_rate = best.updates_per_second;
      Row row{best, one_thread_rate > 0.0 ? best.updates_per_second / one_thread_rate : 0.0};
      rows.push_back(row);
      if (!options.json) {
        std::cout << std::setw(9) << best.agents << " agents  " << std::setw(2) << best.threads
                  << " threads  " << std::fixed << std::setprecision(1) << std::setw(7)
                  << best.updates_per_second / 1e6 << " M updates/s  x" << std::setprecision(2)
                  << row.speedup << "  " << best.bytes_per_agent << " B/agent  mean degree "
                  << std::setprecision(1) << best.mean_degree << "  checksum "
                  << hex64(best.checksum) << "  (" << best.ticks << " ticks, best of "
                  << options.repeats << ")\n";
      }
    }
  }
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("benchmark").value("engine_reference_kernel");
    j.key("hardware_threads").value(static_cast<std::uint64_t>(std::thread::hardware_concurrency()));
    j.key("checksums_match").value(checksums_match);
    j.key("runs").begin_array();
    for (const auto& row : rows) {
      j.begin_object()
          .key("agents").value(static_cast<std::uint64_t>(row.best.agents))
          .key("threads").value(row.best.threads)
          .key("ticks").value(static_cast<std::uint64_t>(row.best.ticks))
          .key("seconds").value(row.best.seconds)
          .key("agent_updates_per_second").value(row.best.updates_per_second)
          .key("speedup_vs_1_thread").value(row.speedup)
          .key("bytes_per_agent").value(static_cast<std::uint64_t>(row.best.bytes_per_agent))
          .key("mean_degree").value(row.best.mean_degree)
          .key("checksum").hex(row.best.checksum)
          .end_object();
    }
    j.end_array().end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << (checksums_match ? "checksums match across thread counts\n"
                                  : "CHECKSUM MISMATCH across thread counts\n");
  }
  return checksums_match ? 0 : 1;
}

struct BenchPeopleOptions {
  std::vector<std::string> regimes{"expert", "wraparound"};  // shipped scenario files
  std::vector<int> neighbourhoods{1, 90};  // reference neighbourhood; a city of ~1,000,000
  std::vector<int> threads{1, 2};
  double resident_ticks = 2.0e7;           // per timed measurement
  std::uint64_t seed = 1;
  bool json = false;
};

struct PeopleBenchRow {
  std::string regime;
  int neighbourhoods = 0;
  std::size_t residents = 0;
  int threads = 0;
  int ticks = 0;
  double setup_seconds = 0.0;
  double seconds = 0.0;
  double resident_ticks_per_second = 0.0;
  double speedup = 1.0;
  std::size_t bytes_per_resident = 0;
  std::uint64_t checksum = 0;
  std::vector<engine::PhaseTiming> phases;
};

/// The parameters of a shipped regime scenario, with its schedule folded in (the benchmark
/// measures the regime itself, not the switch to it).
models::Parameters regime_parameters(const std::string& regime, int neighbourhoods) {
  const auto scenario = scenarios::load_model_scenario(std::filesystem::path(WIJKSIM_SCENARIO_DIR) / (regime + ".toml"),
                                                       {"population.neighbourhoods=" + std::to_string(neighbourhoods)});
  engine::ParameterSetBuilder builder(scenario.parameters);
  for (const auto& change : scenario.schedule) builder.set(change.parameter_index, change.value);
  return scenarios::model_parameters().resolve(std::move(builder).freeze());
}

int run_bench_people(const BenchPeopleOptions& options) {
  std::vector<PeopleBenchRow> rows;
  bool checksums_match = true;
  for (const auto& regime : options.regimes) {
  for (const int neighbourhoods : options.neighbourhoods) {
    const auto parameters = regime_parameters(regime, neighbourhoods);
    double one_thread = 0.0;
    std::uint64_t reference = 0;
    for (std::size_t t = 0; t < options.threads.size(); ++t) {
      const auto t0 = std::chrono::steady_clock::now();
      models::Model model(parameters, options.seed, 0);
      const double setup = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const std::size_t residents = model.population().residents.size();
      const int ticks = std::clamp(static_cast<int>(options.resident_ticks / static_cast<double>(residents)), 4, 520);
      engine::Executor executor(options.threads[t]);
      engine::Simulation simulation(model.scheduler(), executor, model.key());
      (void)simulation.run(engine::Tick{0}, engine::Tick{2});  // warm caches and thread pool
      const auto t1 = std::chrono::steady_clock::now();
      (void)simulation.run(engine::Tick{2}, engine::Tick{2 + ticks});
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      PeopleBenchRow row;
      row.regime = regime;
      row.neighbourhoods = neighbourhoods;
      row.residents = model.population().residents.size();
      row.threads = options.threads[t];
      row.ticks = ticks;
      row.setup_seconds = setup;
      row.seconds = seconds;
      row.resident_ticks_per_second = static_cast<double>(residents) * ticks / seconds;
      if (t == 0) one_thread = row.resident_ticks_per_second;
      row.speedup = one_thread > 0.0 ? row.resident_ticks_per_second / one_thread : 0.0;
      row.bytes_per_resident = model.population().allocated_bytes() / std::max<std::size_t>(1, row.residents);
      row.checksum = model.state_checksum();
      row.phases = model.scheduler().timings();
      if (t == 0) reference = row.checksum;
      checksums_match = checksums_match && row.checksum == reference;
      rows.push_back(row);
      if (!options.json) {
        std::cout << std::left << std::setw(11) << regime << std::right << std::setw(4) << neighbourhoods << " neighbourhoods " << std::setw(9) << row.residents << " residents  "
                  << std::setw(2) << row.threads << " threads  " << std::fixed << std::setprecision(2) << std::setw(7)
                  << row.resident_ticks_per_second / 1e6 << " M resident-ticks/s  x" << row.speedup << "  "
                  << row.bytes_per_resident << " B/resident  set-up " << std::setprecision(1) << setup << " s  checksum "
                  << hex64(row.checksum) << "  (" << ticks << " ticks)\n      time per phase:";
        double total = 0.0;
        for (const auto& phase : row.phases) total += phase.seconds;
        for (const auto& phase : row.phases) {
          std::cout << ' ' << phase.name << ' ' << std::setprecision(0) << 100.0 * phase.seconds / total << '%';
        }
        std::cout << '\n';
      }
    }
  }
  }
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("benchmark").value("people_model").key("checksums_match").value(checksums_match).key("runs").begin_array();
    for (const auto& row : rows) {
      j.begin_object().key("regime").value(row.regime).key("neighbourhoods").value(row.neighbourhoods).key("residents").value(static_cast<std::uint64_t>(row.residents))
          .key("threads").value(row.threads).key("ticks").value(row.ticks).key("setup_seconds").value(row.setup_seconds)
          .key("seconds").value(row.seconds).key("resident_ticks_per_second").value(row.resident_ticks_per_second)
          .key("speedup_vs_first").value(row.speedup).key("bytes_per_resident").value(static_cast<std::uint64_t>(row.bytes_per_resident))
          .key("checksum").hex(row.checksum).key("phase_seconds").begin_object();
      for (const auto& phase : row.phases) j.key(phase.name).value(phase.seconds);
      j.end_object().end_object();
    }
    j.end_array().end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << (checksums_match ? "checksums match across thread counts\n" : "CHECKSUM MISMATCH across thread counts\n");
  }
  return checksums_match ? 0 : 1;
}

struct BenchOutputOptions {
  int dwellings = 6000;  // the reference neighbourhood
  int years = 10;
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  int repeats = 3;
  std::uint64_t seed = 1;
  std::string directory = std::filesystem::temp_directory_path().string();
  double max_overhead_percent = 5.0;
  bool json = false;
};

/// CPU seconds of this process so far (all threads).
double process_cpu_seconds() noexcept {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// Wall-clock and CPU seconds of one run; the best of several is kept.
struct RunTime {
  double wall = std::numeric_limits<double>::infinity();
  double cpu = std::numeric_limits<double>::infinity();
  void keep_best(double w, double c) {
    wall = std::min(wall, w);
    cpu = std::min(cpu, c);
  }
};


/// The recorder's cost, two ways:
/// - its share: within each recorded run, the wall-clock time spent recording (creating the
///   file, the observer's work after every tick, provenance, the commit with its fsync) over
///   the time spent simulating. Both halves are measured in the same run, so load from other
///   work on the machine scales them alike; this is the figure held against the bar;
/// - the difference between separate runs without and with the recorder (interleaved, the
///   order alternating; best of `repeats` each), wall clock and CPU time. It also catches
///   indirect costs (caches), but on a shared machine it varies by more than the bar.
/// The model's construction is timed in neither. The model's final state must be the same
/// either way (a recorder never changes state).
int run_bench_output(const BenchOutputOptions& options) {
  const scenarios::Scenario scenario = scenarios::load_model_defaults(
      {"population.dwellings_per_neighbourhood=" + std::to_string(options.dwellings), "run.years=" + std::to_string(options.years)});
  const std::filesystem::path file = std::filesystem::path(options.directory) /
                                     ("wijksim-bench-output-" + std::to_string(::getpid()) + ".h5");
  RunTime plain;
  RunTime recorded;
  double share = std::numeric_limits<double>::infinity();  // best of the recorded runs, percent
  std::array<double, 3> recording_parts{};                  // of that run: set-up, per tick, finish
  double background = 0.0;  // of that run: seconds on the recorder's writer thread, beside the run
  std::uint64_t plain_checksum = 0;
  std::uint64_t recorded_checksum = 0;
  std::uintmax_t file_bytes = 0;
  std::uint64_t ticks = 0;
  std::size_t residents = 0;
  const auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  const auto run_plain = [&] {
    scenarios::ScenarioRun run(scenario, options.seed, 0);
    residents = run.model().population().residents.size();
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = process_cpu_seconds();
    (void)run.run(options.threads, {});
    plain.keep_best(since(t0), process_cpu_seconds() - c0);
    plain_checksum = run.model().state_checksum();
  };
  const auto run_recorded = [&] {
    scenarios::ScenarioRun run(scenario, options.seed, 0);
    const auto start = std::chrono::system_clock::now();
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = process_cpu_seconds();
    auto output = analysis::OutputFile::create(file, {.overwrite = true});
    scenarios::RunRecording recording(output, run, {.threads = options.threads});
    const double setup = since(t0);
    TimedObserver timed(recording.observer());
    engine::Observer* observers[] = {&timed};
    (void)run.run(options.threads, observers);
    const auto t1 = std::chrono::steady_clock::now();
    recording.finish({.scenario_name = "reference (built-in defaults)", .threads = options.threads, .start = start,
                      .end = std::chrono::system_clock::now()});
    output.commit();
    const double teardown = since(t1);
    const double written_beside = recording.background_seconds();
    const double total = since(t0);
    recorded.keep_best(total, process_cpu_seconds() - c0);
    const double recording_time = setup + timed.seconds() + teardown;
    const double run_share = 100.0 * recording_time / (total - recording_time);
    if (run_share < share) {
      share = run_share;
      recording_parts = {setup, timed.seconds(), teardown};
      background = written_beside;
    }
    recorded_checksum = run.model().state_checksum();
    ticks = recording.recorded_ticks();
    file_bytes = std::filesystem::file_size(file);
    std::filesystem::remove(file);
  };
  for (int r = 0; r < options.repeats; ++r) {
    if (r % 2 == 0) {
      run_plain();
      run_recorded();
    } else {
      run_recorded();
      run_plain();
    }
  }
  const double difference = 100.0 * (recorded.wall - plain.wall) / plain.wall;
  const double cpu_difference = 100.0 * (recorded.cpu - plain.cpu) / plain.cpu;
  const bool checksums_match = plain_checksum == recorded_checksum;
  const double recording_seconds = recording_parts[0] + recording_parts[1] + recording_parts[2];
  const bool within_bar = share <= options.max_overhead_percent;
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("benchmark").value("output_recorder").key("dwellings").value(options.dwellings)
        .key("residents").value(static_cast<std::uint64_t>(residents)).key("years").value(options.years)
        .key("threads").value(options.threads).key("repeats").value(options.repeats)
        .key("seconds_without_recorder").value(plain.wall).key("seconds_with_recorder").value(recorded.wall)
        .key("cpu_seconds_without_recorder").value(plain.cpu).key("cpu_seconds_with_recorder").value(recorded.cpu)
        .key("recording_seconds").value(recording_seconds).key("recording_setup_seconds").value(recording_parts[0])
        .key("recording_tick_seconds").value(recording_parts[1]).key("recording_finish_seconds").value(recording_parts[2])
        .key("writer_thread_seconds").value(background)
        .key("overhead_percent").value(share)
        .key("difference_percent").value(difference).key("cpu_difference_percent").value(cpu_difference)
        .key("max_overhead_percent").value(options.max_overhead_percent)
        .key("within_bar").value(within_bar).key("file_bytes").value(static_cast<std::uint64_t>(file_bytes))
        .key("recorded_ticks").value(ticks).key("checksums_match").value(checksums_match).end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << "wijksim bench output: " << options.dwellings << " dwellings (" << residents << " residents), "
              << options.years << " years after a warm-up, " << options.threads << " threads, best of "
              << options.repeats << " each\n"
              << std::fixed << std::setprecision(2) << "  without recorder  " << std::setw(7) << plain.wall
              << " s wall  " << std::setw(7) << plain.cpu << " s CPU\n"
              << "  with recorder     " << std::setw(7) << recorded.wall << " s wall  " << std::setw(7) << recorded.cpu
              << " s CPU   file " << static_cast<double>(file_bytes) / 1e6 << " MB per run (" << ticks
              << " weeks recorded)\n"
              << std::setprecision(1) << "  overhead          " << std::setw(7) << share << " %   recording "
              << std::setprecision(3) << recording_seconds << " s of the run's time, over the time simulating (bar: at most "
              << std::setprecision(1) << options.max_overhead_percent << " %) "
              << (within_bar ? "within the bar" : "ABOVE THE BAR") << "\n"
              << std::setprecision(3) << "  recording         set-up " << recording_parts[0] << " s, every tick "
              << recording_parts[1] << " s, finish " << recording_parts[2] << " s; beside the run, on the writer\n"
              << "                    thread (full chunks written and compressed): " << background
              << " s, counted in the CPU and wall differences below, not in the overhead\n"
              << std::setprecision(1) << "  run difference    " << std::setw(7) << difference << " % wall " << std::setw(7) << cpu_difference
              << " % CPU (separate runs: on a shared machine this varies by more than the bar)\n"
              << (checksums_match ? "  final state checksums match: the recorder does not change the run\n"
                                  : "  CHECKSUM MISMATCH: the recorder changed the run\n");
  }
  return checksums_match && within_bar ? 0 : 1;
}

}  // namespace

std::vector<Command> add_bench_commands(CLI::App& parent) {
  auto* bench = parent.add_subcommand(
      "bench",
      "Benchmarks that print their figures. Without a subcommand: the whole program in one run —\n"
      "the full model (both care regimes with projects and the municipality, default outputs\n"
      "written) on the reference neighbourhood at 1 and --threads threads, where the time goes,\n"
      "the cost per resident-tick against the engine's reference kernel, resident-ticks per\n"
      "second at ~10,000, ~100,000 and ~1,000,000 residents, the city of a million over 10 years\n"
      "(projected; measured with --city), peak memory and the default `compare` (skip it with\n"
      "--no-compare). Each figure is printed beside its bar. Several minutes. The thread count\n"
      "never changes the simulated results (checked by checksums), only the speed measured.");
  bench->require_subcommand(0, 1);
  auto summary = std::make_shared<BenchSummaryOptions>();
  bench->add_option("--threads", summary->threads, "Threads of the multi-threaded measurements")
      ->check(CLI::Range(1, 256))->capture_default_str();
  bench->add_option("--repeats", summary->repeats,
                    "Full-model runs per regime and thread count (1 and N alternating); the fastest is reported")
      ->check(CLI::Range(1, 100))->capture_default_str();
  bench->add_option("--scaling-neighbourhoods", summary->scaling_neighbourhoods,
                    "City sizes of the scaling run, in neighbourhoods of 6,000 dwellings")
      ->check(CLI::Range(1, 2000))->capture_default_str();
  bench->add_option("--resident-ticks", summary->resident_ticks, "Resident-ticks per scaling measurement")
      ->check(CLI::Range(1e3, 1e11))->capture_default_str();
  bench->add_flag("--city", summary->city, "Also run the largest scaling city for 10 recorded years, with its outputs");
  bench->add_flag("!--no-compare", summary->compare, "Skip timing the default compare");
  bench->add_option("--seed", summary->seed, "Random seed")->capture_default_str();
  bench->add_option("--dir", summary->directory, "Directory for the recorded runs' (deleted) files")->check(CLI::ExistingDirectory);
  bench->add_flag("--json", summary->json, "Print all figures as one JSON object");
  auto* engine_cmd = bench->add_subcommand(
      "engine",
      "The engine's reference kernel (SoA state, 8-16 CSR neighbour reads, two Philox draws,\n"
      "double-buffered writes): agent-updates per second per size and thread count, speed-up,\n"
      "bytes per agent, and a checksum that must match at every thread count (exit 1 if not): the\n"
      "thread count never changes the results, only the speed.");
  auto options = std::make_shared<BenchEngineOptions>();
  engine_cmd->add_option("--agents", options->agents, "Agent counts to measure")
      ->check(CLI::Range(2U, 50'000'000U))
      ->capture_default_str();
  engine_cmd->add_option("--threads", options->threads, "Thread counts to measure (first is the baseline)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  engine_cmd->add_option("--updates", options->updates, "Agent-updates per timed measurement")
      ->check(CLI::Range(1e3, 1e11))
      ->capture_default_str();
  engine_cmd->add_option("--repeats", options->repeats, "Measurements per point; the best is reported")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  engine_cmd->add_option("--seed", options->seed, "Seed of the synthetic network and state")->capture_default_str();
  engine_cmd->add_flag("--json", options->json, "Print all figures as one JSON object");
  auto* people_cmd = bench->add_subcommand(
      "people",
      "The model (people, informal care, demography, network and formal care) under each care regime\n"
      "(the shipped expert.toml and wraparound.toml) on the reference neighbourhood and on a city of\n"
      "about 1,000,000 residents: resident-ticks per second per thread count, speed-up, bytes per\n"
      "resident, set-up time, time per phase, and a checksum that must match (exit 1 if not): the\n"
      "thread count never changes the results, only the speed.");
  auto people = std::make_shared<BenchPeopleOptions>();
  people_cmd->add_option("--regimes", people->regimes, "Regime scenarios to measure (shipped file names without .toml)")
      ->capture_default_str();
  people_cmd->add_option("--neighbourhoods", people->neighbourhoods, "City sizes in neighbourhoods of 6,000 dwellings")
      ->check(CLI::Range(1, 2000))->capture_default_str();
  people_cmd->add_option("--threads", people->threads, "Thread counts (first is the baseline)")->check(CLI::Range(1, 256))->capture_default_str();
  people_cmd->add_option("--resident-ticks", people->resident_ticks, "Resident-ticks per timed measurement")
      ->check(CLI::Range(1e3, 1e11))->capture_default_str();
  people_cmd->add_option("--seed", people->seed, "Random seed")->capture_default_str();
  people_cmd->add_flag("--json", people->json, "Print all figures as one JSON object");
  auto* output_cmd = bench->add_subcommand(
      "output",
      "The HDF5 recorder's cost on the reference neighbourhood: runs without and with `wijksim\n"
      "run`'s recording (interleaved, best of --repeats each); the overhead is the time spent\n"
      "recording over the time spent simulating, both measured within the recorded runs, held\n"
      "against --max-overhead; the difference between the runs (wall clock and CPU) is printed\n"
      "beside it, and the file size per run. Exit 1 when the overhead is above the bar, or when\n"
      "the recorded run's final state differs from the plain run's (a recorder must not change it).\n"
      "The thread count never changes the simulated results, only the speed.");
  auto output = std::make_shared<BenchOutputOptions>();
  output_cmd->add_option("--dwellings", output->dwellings, "Dwellings in the neighbourhood (6000 = reference)")
      ->check(CLI::Range(100, 2'000'000))->capture_default_str();
  output_cmd->add_option("--years", output->years, "Recorded years after the warm-up")->check(CLI::Range(1, 100))->capture_default_str();
  output_cmd->add_option("--threads", output->threads, "Worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  output_cmd->add_option("--repeats", output->repeats, "Runs of each kind; the best is reported")->check(CLI::Range(1, 100))->capture_default_str();
  output_cmd->add_option("--seed", output->seed, "Random seed")->capture_default_str();
  output_cmd->add_option("--dir", output->directory, "Directory for the (deleted) output file")->check(CLI::ExistingDirectory)->capture_default_str();
  output_cmd->add_option("--max-overhead", output->max_overhead_percent, "The bar, in percent of the plain run's time")
      ->check(CLI::Range(0.0, 1e6))->capture_default_str();
  output_cmd->add_flag("--json", output->json, "Print all figures as one JSON object");
  return {Command{engine_cmd, [options] { return run_bench_engine(*options); }},
          Command{output_cmd, [output] { return run_bench_output(*output); }},
          Command{people_cmd, [people] { return run_bench_people(*people); }},
          // Last: `bench` is parsed too when one of its subcommands is.
          Command{bench, [summary] { return run_bench_summary(*summary); }}};
}

}  // namespace wijksim::cli
