// `wijksim run`: one run of a scenario, recorded into an HDF5 file (analysis/SCHEMA.md).
// Everything is loaded and validated before any file is made; the output is written under a
// temporary name and appears under its final name only when complete. SIGINT and SIGTERM stop
// the run at a tick boundary and leave no output.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/scenario_argument.hpp"
#include "cli/progress_reporter.hpp"
#include "cli/stop_on_signal.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/run_recording.hpp"

namespace wijksim::cli {
namespace {


struct RunOptions {
  std::string scenario;
  std::uint64_t seed = 1;
  int years = 0;
  const CLI::Option* years_option = nullptr;  // given on the command line?
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::vector<std::string> overrides;  // key=value
  std::string out;
  bool force = false;
  bool quiet = false;
  bool panel = false;
  std::size_t panel_residents = 1000;
};

std::string megabytes(std::uint64_t bytes) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(bytes < 10'000'000 ? 2 : 1)
       << static_cast<double>(bytes) / 1e6 << " MB";
  return text.str();
}

int run_run(const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const auto start = std::chrono::system_clock::now();
  // From here on Ctrl-C stops at the next tick boundary (or before the first).
  const StopOnSignal stop;

  // Describe and validate: the scenario and its overrides, before anything is made.
  std::vector<std::string> overrides = options.overrides;
  if (options.years_option != nullptr && options.years_option->count() > 0) {
    overrides.push_back("run.years=" + std::to_string(options.years));
  }
  // 'reference', a path, or the name of a shipped scenario ("wraparound_durable").
  const ScenarioArgument argument = resolve_scenario_argument(options.scenario);
  const scenarios::Scenario scenario = load_scenario_argument(argument, overrides);
  const std::string scenario_name =
      argument.file ? argument.file->string() : std::string("reference (built-in defaults)");

  // The output, under a temporary name until commit(); refuses an existing file without --force.
  analysis::OutputFile file =
      analysis::OutputFile::create(options.out, {.overwrite = options.force});
  scenarios::ScenarioRun run(scenario, options.seed, 0);
  scenarios::RunRecording recording(file, run,
                                    {.run_id = "r0",
                                     .threads = options.threads,
                                     .panels = options.panel,
                                     .panel_residents = options.panel_residents});
  if (options.panel) {
    std::cout << "wijksim run: panels of up to " << options.panel_residents
              << " residents x 8 domains every 4 weeks: about "
              << megabytes(recording.panel_expected_bytes()) << " uncompressed\n"
              << std::flush;
  }

  std::vector<engine::Observer*> observers{&recording.observer()};
  std::optional<ProgressReporter> progress;
  if (!options.quiet) {
    progress.emplace("wijksim run", run.end(), std::cerr, ProgressReporter::stderr_is_terminal());
    observers.push_back(&*progress);
  }
  const engine::RunResult result = run.run(options.threads, observers, &stop.flag());
  progress.reset();
  if (result.stopped_early) {
    std::cerr << "wijksim run: stopped by " << StopOnSignal::name(stop.signal()) << " before tick "
              << result.next_tick.value() << " of " << run.end().value() << "; no output written ("
              << options.out << " was not created)\n";
    return 128 + stop.signal();
  }

  recording.finish({.scenario_name = scenario_name,
                    .threads = options.threads,
                    .start = start,
                    .end = std::chrono::system_clock::now()});
  file.commit();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::error_code ignored;
  const auto bytes = std::filesystem::file_size(options.out, ignored);
  std::cout << "wijksim run: wrote " << options.out << " (run r0, " << recording.recorded_ticks()
            << " weeks recorded after a " << run.recording_start().value() << "-week warm-up, seed "
            << options.seed << ", " << megabytes(bytes) << ") in " << std::fixed
            << std::setprecision(1) << seconds << " s\n";
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "run",
      "Run one scenario and record it into an HDF5 file (layout: analysis/SCHEMA.md).\n"
      "Open the run with xarray.open_dataset(FILE, engine=\"h5netcdf\", group=\"runs/r0\").\n"
      "The warm-up is simulated but not recorded. The scenario and every --set are\n"
      "validated before anything is written; the file appears under its name only when\n"
      "complete. Ctrl-C (SIGINT) or SIGTERM stops at the end of the current week, writes\n"
      "nothing and exits 130 / 143. The thread count never changes the results, only the speed.");
  auto options = std::make_shared<RunOptions>();
  cmd->add_option("scenario", options->scenario,
                  "A scenario file (TOML), the name of a shipped scenario (`wijksim compare --help` lists\n"
                  "them), or 'reference' for the built-in reference neighbourhood")
      ->required();
  cmd->add_option("--out,-o", options->out,
                  "Output file (.h5); refused if it exists, unless --force")
      ->required();
  cmd->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  options->years_option = cmd->add_option("--years", options->years,
                                          "Recorded years after the warm-up (sets run.years)");
  cmd->add_option("--threads", options->threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--set", options->overrides,
                  "Override a parameter after the scenario: --set key=value (repeatable; `wijksim "
                  "params` lists keys)");
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  cmd->add_flag("--quiet,-q", options->quiet, "No progress on stderr");
  cmd->add_flag("--panel", options->panel,
                "Also record a panel: severity per domain of the first --panel-residents residents "
                "(by id) every 4 weeks, in runs/r0/panels/");
  cmd->add_option("--panel-residents", options->panel_residents, "Residents followed by --panel")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))
      ->capture_default_str();
  return Command{cmd, [options] { return run_run(*options); }};
}

}  // namespace wijksim::cli
