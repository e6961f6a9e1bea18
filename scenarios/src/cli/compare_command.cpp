// `wijksim compare`: arms (scenarios) × paired replicates on the same synthetic neighbourhood;
// a table of headline outcomes per arm with 95% intervals, and each arm's paired difference
// from the first.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string_view>
#include <thread>

#include "cli/commands.hpp"
#include "cli/cost_benefit_output.hpp"
#include "cli/estimate_output.hpp"
#include "cli/json_writer.hpp"
#include "cli/progress.hpp"
#include "cli/scenario_argument.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/engine/error.hpp"
#include "wijksim/report/report.hpp"
#include "wijksim/scenarios/comparison.hpp"
#include "wijksim/scenarios/comparison_recording.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/run_recording.hpp"

namespace wijksim::cli {
namespace {

/// The 2x2 of MODEL.md §1: care regime (expert, wraparound) x funding regime (carousel,
/// durable), shipped as scenarios/<care>_<funding>.toml. The first arm is the baseline.
std::vector<std::string> default_arms() {
  return {"expert_carousel", "expert_durable", "wraparound_carousel", "wraparound_durable"};
}

struct CompareOptions {
  std::vector<std::string> scenarios;  // empty: default_arms()
  int replicates = 20;
  int years = 0;  // 0: as the scenarios say
  std::uint64_t seed = 1;
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::vector<std::string> overrides;
  bool json = false;
  bool quiet = false;
  std::string out;     // results file (.h5); empty: none
  std::string report;  // report page (.html); needs `out`
  bool force = false;
};

void print_table(const std::vector<scenarios::ComparisonArm>& arms, const scenarios::ComparisonResult& result,
                 const CompareOptions& options, const models::RunParameters& run, double seconds) {
  const auto summaries = result.summarise();
  double residents = 0.0;
  for (const auto& o : result.outcomes.front()) residents += o.figures.residents;
  residents /= static_cast<double>(result.outcomes.front().size());

  std::cout << "wijksim compare: " << arms.size() << (arms.size() == 1 ? " arm, " : " arms, ") << options.replicates
            << (options.replicates == 1 ? " replicate, " : " paired replicates, ") << run.years << (run.years == 1 ? " year" : " years")
            << " recorded after a " << run.warmup_years << "-year warm-up, ~" << number_text(residents) << " residents (first arm)\n";
  std::size_t name_width = 0;
  for (const auto& arm : arms) name_width = std::max(name_width, arm.name.size());
  for (std::size_t a = 0; a < arms.size(); ++a) {
    const auto& files = arms[a].scenario.files;
    std::cout << "  " << std::left << std::setw(static_cast<int>(name_width)) << arms[a].name << "  "
              << (files.empty() ? std::string("built-in reference neighbourhood (the defaults)") : files.back());
    if (!arms[a].scenario.description.empty()) std::cout << " — " << arms[a].scenario.description;
    std::cout << '\n';
  }
  std::cout << "Replicate r of every arm ran with seed " << options.seed << "+r and run id r (common random numbers); "
            << "starting populations identical across arms in every replicate: " << (result.starts_identical() ? "yes" : "no")
            << ".\n\n";

  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"measure", "unit"};
  for (const auto& arm : arms) header.push_back(arm.name);
  for (std::size_t a = 1; a < arms.size(); ++a) {
    std::string h = arms[a].name;
    h.append(" - ").append(arms.front().name);
    header.push_back(h);
  }
  rows.push_back(header);
  for (const auto& s : summaries) {
    std::vector<std::string> row{s.measure->label, s.measure->unit};
    for (const auto& e : s.by_arm) row.push_back(estimate_text(e, false));
    for (const auto& d : s.difference_from_first) row.push_back(estimate_text(d, true));
    rows.push_back(row);
  }
  print_aligned_rows(std::cout, rows);
  std::cout << "\nEach cell: mean over replicates [95% t-interval]; differences are paired by replicate.\n";
  print_cost_benefit(std::cout, result.arm_names, result.cost_benefit(), run.years);
  std::cout << "\nFinished in " << std::fixed << std::setprecision(1) << seconds << " s on " << options.threads
            << (options.threads == 1 ? " thread" : " threads") << "; the thread count never changes these figures.\n";
}

void print_json(const std::vector<scenarios::ComparisonArm>& arms, const scenarios::ComparisonResult& result,
                const CompareOptions& options, const models::RunParameters& run, double seconds) {
  const auto& measures = scenarios::headline_measures();
  JsonWriter j;
  j.begin_object().key("command").value("compare").key("version").value(WIJKSIM_VERSION);
  j.key("seed").value(options.seed).key("replicates").value(options.replicates).key("years").value(run.years)
      .key("warmup_years").value(run.warmup_years).key("starts_identical").value(result.starts_identical());
  j.key("arms").begin_array();
  for (std::size_t a = 0; a < arms.size(); ++a) {
    j.begin_object().key("name").value(arms[a].name).key("scenario");
    if (arms[a].scenario.files.empty()) {
      j.value("reference");
    } else {
      j.value(arms[a].scenario.files.back());
    }
    j.key("description").value(arms[a].scenario.description).key("replicates").begin_array();
    for (const auto& o : result.outcomes[a]) {
      j.begin_object().key("seed").value(o.seed).key("run_id").value(o.run_id).key("start_checksum").hex(o.start_checksum)
          .key("recorded_weeks").value(o.figures.recorded_weeks).key("residents").value(o.figures.residents).key("figures").begin_object();
      for (const auto& m : measures) j.key(m.id).value(m.value(o.figures));
      j.end_object().end_object();
    }
    j.end_array().end_object();
  }
  j.end_array().key("measures").begin_array();
  for (const auto& s : result.summarise()) {
    j.begin_object().key("id").value(s.measure->id).key("label").value(s.measure->label).key("unit").value(s.measure->unit);
    j.key("arms").begin_array();
    for (std::size_t a = 0; a < s.by_arm.size(); ++a) {
      j.begin_object().key("arm").value(arms[a].name);
      write_estimate(j, s.by_arm[a]);
      j.end_object();
    }
    j.end_array().key("differences").begin_array();
    for (std::size_t k = 0; k < s.difference_from_first.size(); ++k) {
      j.begin_object().key("arm").value(arms[k + 1].name).key("versus").value(arms.front().name);
      write_estimate(j, s.difference_from_first[k]);
      j.end_object();
    }
    j.end_array().end_object();
  }
  j.end_array();
  write_cost_benefit_json(j, result.arm_names, result.cost_benefit());
  j.key("threads").value(options.threads).key("seconds").value(seconds).end_object();
  std::cout << j.str() << '\n';
}

int run_compare(const CompareOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> overrides = options.overrides;
  if (options.years > 0) overrides.push_back("run.years=" + std::to_string(options.years));

  // Every arm is loaded and checked before the first run starts: a mistake in the last file
  // costs nothing.
  const std::vector<std::string> names = options.scenarios.empty() ? default_arms() : options.scenarios;
  std::vector<scenarios::ComparisonArm> arms;
  for (const auto& text : names) {
    const ScenarioArgument argument = resolve_scenario_argument(text);
    std::string name = argument.name;
    for (int k = 2; std::any_of(arms.begin(), arms.end(), [&](const auto& a) { return a.name == name; }); ++k) {
      name = argument.name + " (" + std::to_string(k) + ")";
    }
    arms.push_back(scenarios::ComparisonArm{name, load_scenario_argument(argument, overrides)});
  }
  const models::RunParameters run = scenarios::model_parameters().resolve(arms.front().scenario.parameters).run;

  // The outputs are checked before the first run too: an existing file (without --force) or a
  // missing directory stops here. The results file is written under a temporary name until
  // commit(); on any error it is removed and nothing is left.
  std::optional<analysis::OutputFile> file;
  std::optional<scenarios::ComparisonRecorder> recorder;
  if (!options.report.empty()) {
    if (std::filesystem::absolute(options.report) == std::filesystem::absolute(options.out)) {
      throw engine::InputError("--report", "a file other than --out", options.report);
    }
    report::check_report_destination(options.report, options.force);
  }
  if (!options.out.empty()) {
    file.emplace(analysis::OutputFile::create(options.out, {.overwrite = options.force}));
    recorder.emplace(*file, arms, options.replicates);
  }

  std::vector<scenarios::Scenario> scenario_list;
  for (const auto& arm : arms) scenario_list.push_back(arm.scenario);
  ProgressMeter progress("wijksim compare", scenarios::paired_run_ticks(scenario_list, options.replicates),
                         ProgressMeter::mode_for(options.quiet), std::cerr, "weeks simulated");
  scenarios::PairedRunOptions run_options;
  run_options.replicates = options.replicates;
  run_options.seed = options.seed;
  run_options.threads = options.threads;
  run_options.on_tick = [&progress] { progress.advance(); };
  // Recording: runs start (and so finish) in the order the file holds them.
  if (recorder) run_options.order = scenarios::RunOrder::arm_major;
  const scenarios::ComparisonResult result =
      scenarios::compare_arms(arms, run_options, recorder ? recorder->attach() : scenarios::AttachToRun{});
  progress.finish();
  if (file) {
    recorder->write_comparison(result, {.seed = options.seed,
                                        .replicates = options.replicates,
                                        .years = run.years,
                                        .warmup_years = run.warmup_years,
                                        .program_version = scenarios::build_info().program_version});
    file->commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (options.json) {
    print_json(arms, result, options, run, seconds);
  } else {
    print_table(arms, result, options, run, seconds);
  }
  if (!options.report.empty()) {
    const std::string html = report::render_report(options.out, {.generated_by = std::string("wijksim ") + WIJKSIM_VERSION, .generated_at = {}});
    report::write_report(options.report, html, options.force);
  }
  if (file && !options.json) {
    std::error_code ignored;
    const auto bytes = std::filesystem::file_size(options.out, ignored);
    std::cout << "Wrote " << options.out << " (" << arms.size() * static_cast<std::size_t>(options.replicates) << " runs and /comparison, "
              << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1e6 << " MB)";
    if (!options.report.empty()) std::cout << " and the report " << options.report;
    std::cout << ".\n";
  }
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& parent) {
  // The shipped names, wrapped like the rest of the text.
  std::string shipped;
  std::size_t column = std::string_view("($WIJKSIM_SCENARIO_DIR overrides it): ").size();
  for (const auto& name : shipped_scenario_names()) {
    if (name == "reference") continue;
    if (!shipped.empty()) {
      shipped.append(",");
      ++column;
      if (column + name.size() + 1 > 94) {
        shipped.append("\n");
        column = 0;
      } else {
        shipped.append(" ");
        ++column;
      }
    }
    shipped.append(name);
    column += name.size();
  }
  std::string description =
      "Run scenarios side by side as arms of a paired experiment and print their headline outcomes.\n"
      "Replicate r of every arm uses the same seed and run id (common random numbers), so each\n"
      "difference is measured on the same people with the same life events. Runs go side by side on\n"
      "the threads, each on one thread: the thread count never changes the results.\n"
      "\n"
      "SCENARIO is 'reference' (the built-in reference neighbourhood, the defaults), a path to a\n"
      "scenario file, or the name of a scenario shipped in " + shipped_scenario_dir().string() + "\n"
      "($WIJKSIM_SCENARIO_DIR overrides it): " + (shipped.empty() ? std::string("none found") : shipped) + ".\n"
      "Without any, the arms are the 2x2 of care and funding regimes: expert_carousel (the\n"
      "baseline), expert_durable, wraparound_carousel, wraparound_durable. The first arm is the\n"
      "baseline of the differences. All arms must share the horizon (run.years, run.warmup_years).\n"
      "\n"
      "For each arm: mean over replicates with a 95% t-interval; for each later arm: its paired\n"
      "difference from the first (t-interval over the replicate differences). Measured over the\n"
      "recorded years (after the warm-up):\n"
      "  residents in crisis        share of residents with a domain in an open crisis, mean over weeks\n"
      "  incidents                  evictions, placements, crisis admissions, police call-outs per\n"
      "                             1,000 residents per year\n"
      "  vulnerable residents       share with any domain at self-reliance score 3 or worse\n"
      "  professionals per multi-domain hh  median concurrent professionals around households in\n"
      "                             trouble in 3+ domains (household-weeks; none counts as 0)\n"
      "  official / real wait       weeks from request to intake / to first treatment\n"
      "  drop-outs                  episodes ended by drop-out per year\n"
      "  professional hours         treatment plus coordination hours per year\n"
      "  informal hours             hours of lay help given by residents per year\n"
      "  total cost per resident    euro per resident per year, all payers, then by payer\n"
      "Then, for each later arm against the first, costs and benefits per payer (MODEL.md §8, the\n"
      "MKBA view), in euro per year for the whole area, paired by replicate:\n"
      "  costs                      extra spending on care, coordination, practical fixes, projects\n"
      "                             and commissioning (negative: the arm spends less)\n"
      "  benefits                   costs avoided: incidents (evictions, out-of-home placements,\n"
      "                             crisis admissions, police call-outs) and income support\n"
      "  net                        benefits - costs: what the payer saves\n"
      "  benefit/cost               mean benefits / mean costs; undefined where costs <= 0\n"
      "Progress goes to stderr (time left on a terminal, a line every 5 s in a log; none with\n"
      "--quiet). Exit status: 0 on success; 1 for a mistake in a scenario, an override or an option,\n"
      "named by file, line and key and found before any run starts.\n"
      "\n"
      "Files: nothing is written but stdout and stderr unless --out FILE.h5 is given: then every run\n"
      "(as `wijksim run` records it, under /runs/<arm>-r<replicate>) and the table (/comparison: each\n"
      "run's headline figures, means, intervals and paired differences, the cost-benefit ledger per\n"
      "year and payer, with named dimensions for xarray) go into one HDF5 file (layout:\n"
      "analysis/SCHEMA.md). --report FILE.html (needs --out) then writes the HTML report of that\n"
      "file, as `wijksim report` does. An existing output is refused unless --force, a missing\n"
      "directory always, both before any run starts; outputs are written under a temporary name and\n"
      "appear only when complete.";
  auto* compare = parent.add_subcommand("compare", description);
  auto options = std::make_shared<CompareOptions>();
  compare->add_option("scenarios", options->scenarios, "Arms: 'reference', scenario files or shipped names (default: the 2x2 of care x funding)");
  compare->add_option("--replicates", options->replicates, "Paired replicates per arm")->check(CLI::Range(1, 100000))->capture_default_str();
  compare->add_option("--years", options->years, "Recorded years after the warm-up, for every arm (default: as the scenarios say, 10)")
      ->check(CLI::Range(1, 100));
  compare->add_option("--seed", options->seed, "Seed of replicate 0; replicate r uses seed + r and run id r")->capture_default_str();
  compare->add_option("--threads", options->threads, "Runs side by side (each run on one thread); never changes the results")
      ->check(CLI::Range(1, 256))->capture_default_str();
  compare->add_option("--set", options->overrides, "Override a parameter in every arm: --set key=value (repeatable)");
  compare->add_flag("--json", options->json,
                    "Print one JSON object (per-replicate figures, estimates, differences and the cost-benefit ledger) instead of the tables");
  compare->add_flag("--quiet", options->quiet, "No progress on stderr");
  auto* out = compare->add_option("--out,-o", options->out, "Write every run and the table to this HDF5 file (.h5); refused if it exists, unless --force");
  compare->add_option("--report", options->report, "Also write the HTML report of the --out file here (.html)")->needs(out);
  compare->add_flag("--force", options->force, "Replace existing --out and --report files");
  return Command{compare, [options] { return run_compare(*options); }};
}

}  // namespace wijksim::cli
