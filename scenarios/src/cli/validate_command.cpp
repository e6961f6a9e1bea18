// `wijksim validate`: runs paired arms on the reference neighbourhood and checks the patterns
// of MODEL.md §10 that the model makes measurable, each computed from the runs: figure, band,
// pass. Exit 1 if any fails.
#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "cli/progress.hpp"
#include "wijksim/scenarios/funding_validation.hpp"
#include "wijksim/scenarios/validation.hpp"

#ifndef WIJKSIM_SCENARIO_DIR
#error "WIJKSIM_SCENARIO_DIR must name the shipped scenarios folder"
#endif

namespace wijksim::cli {
namespace {

struct ValidateOptions {
  scenarios::ValidationOptions validation;
  /// Paired replicates of the funding experiment's reference-scale arms; the first
  /// funding_sample_replicates of them also run the project samples and the grant-term sweep.
  int funding_replicates = 10;
  int funding_sample_replicates = 3;
  /// The funding experiment's grant-term sweep and project samples (its largest part).
  models::FundingFigureOptions funding_figures;
  bool skip_funding = false;
  bool json = false;
  bool quiet = false;
};

std::string band_text(const scenarios::PatternResult& p) {
  std::ostringstream out;
  out << std::setprecision(3);
  if (p.low <= -1e8 && p.high >= 1e8) return "(reported)";
  out << "[" << (p.low <= -1e8 ? std::string("-inf") : (std::ostringstream() << std::setprecision(3) << p.low).str()) << ", "
      << (p.high >= 1e8 ? std::string("inf") : (std::ostringstream() << std::setprecision(3) << p.high).str()) << "]";
  return out.str();
}

int run_validate(const ValidateOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  std::optional<ProgressMeter> progress;
  scenarios::ValidationOptions validation = options.validation;
  validation.on_start = [&](std::uint64_t total) {
    progress.emplace("wijksim validate", total, ProgressMeter::mode_for(options.quiet), std::cerr, "weeks simulated");
  };
  validation.on_tick = [&progress] { progress->advance(); };
  auto patterns = scenarios::validate_patterns(validation);
  if (progress) progress->finish();
  if (!options.skip_funding) {
    // The funding experiment: each replicate is a batch of runs (2x2 arms, no-project
    // baselines, a budget cut, project samples and the grant-term sweep), so progress counts
    // replicates.
    scenarios::FundingValidationOptions funding;
    funding.base = options.validation;
    funding.base.replicates = options.funding_replicates;
    funding.figures = options.funding_figures;
    funding.sample_replicates = options.funding_sample_replicates;
    ProgressMeter replicates("wijksim validate (funding)", static_cast<std::uint64_t>(options.funding_replicates),
                             ProgressMeter::mode_for(options.quiet), std::cerr, "funding replicates");
    funding.on_replicate = [&replicates](int, int) { replicates.advance(); };
    auto more = scenarios::validate_funding_patterns(funding);
    replicates.finish();
    patterns.insert(patterns.end(), more.begin(), more.end());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  bool all = true;
  for (const auto& p : patterns) all = all && p.pass;
  const auto& v = options.validation;
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("seed").value(v.seed).key("replicates").value(v.replicates).key("years").value(v.years)
        .key("dwellings").value(v.dwellings).key("all_pass").value(all).key("seconds").value(seconds).key("patterns").begin_array();
    for (const auto& p : patterns) {
      j.begin_object().key("id").value(p.id).key("description").value(p.description).key("figure").value(p.figure)
          .key("band").begin_array().value(p.low).value(p.high).end_array().key("pass").value(p.pass)
          .key("detail").value(p.detail).end_object();
    }
    j.end_array().end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << "wijksim validate: " << v.dwellings << " dwellings, " << v.years << " years after a 1-year warm-up, "
              << v.replicates << " paired replicates per arm, seed " << v.seed;
    if (!options.skip_funding) {
      std::cout << "; funding patterns over " << options.funding_replicates << " replicates (project samples and grant-term sweep over "
                << std::min(options.funding_sample_replicates, options.funding_replicates) << ")";
    }
    std::cout << "\n\n";
    for (const auto& p : patterns) {
      std::cout << (p.pass ? "  pass  " : "  FAIL  ") << std::left << std::setw(44) << p.id << std::right << std::setw(10)
                << std::setprecision(3) << p.figure << "  " << std::left << std::setw(14) << band_text(p) << p.description << '\n';
      if (!p.detail.empty()) std::cout << "        " << p.detail << '\n';
    }
    std::cout << '\n' << (all ? "all patterns pass" : "SOME PATTERNS FAIL") << " (" << std::fixed << std::setprecision(1) << seconds << " s)\n";
  }
  return all ? 0 : 1;
}

}  // namespace

Command add_validate_command(CLI::App& parent) {
  auto* validate = parent.add_subcommand(
      "validate",
      "Run paired arms (expert, wraparound, and variants) on the reference neighbourhood and check\n"
      "the patterns of MODEL.md §10 that the model makes measurable, each computed from the runs:\n"
      "figure, band, pass/fail (exit 1 if any fails). Replicate r of every arm shares its seed\n"
      "(common random numbers). Then the funding patterns (MODEL.md §8, §10.6-9, 12): the 2x2 of\n"
      "care x funding regimes with no-project baselines, a 20% municipal budget cut paired with the\n"
      "same run uncut, samples of projects from many small neighbourhoods and a sweep of grant terms\n"
      "of 1-8 years. The paired runs repeat --funding-replicates times (seed + r) for 95% intervals,\n"
      "the first --funding-sample-replicates of them with the project samples and the sweep.\n"
      "The thread count never changes the figures.");
  auto options = std::make_shared<ValidateOptions>();
  options->validation.scenario_dir = WIJKSIM_SCENARIO_DIR;
  options->validation.threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  auto& v = options->validation;
  validate->add_option("--seed", v.seed, "Base seed (replicate r uses seed + r)")->capture_default_str();
  validate->add_option("--replicates", v.replicates, "Paired replicates per arm")->check(CLI::Range(2, 1000))->capture_default_str();
  validate->add_option("--threads", v.threads, "Runs side by side")->check(CLI::Range(1, 256))->capture_default_str();
  validate->add_option("--years", v.years, "Recorded years after the warm-up")->check(CLI::Range(2, 100))->capture_default_str();
  validate->add_option("--dwellings", v.dwellings, "Dwellings in the neighbourhood (6000 = reference)")
      ->check(CLI::Range(100, 200000))->capture_default_str();
  validate->add_option("--scenarios", v.scenario_dir, "Folder with expert.toml and wraparound.toml")->capture_default_str();
  validate->add_option("--set", v.overrides, "Override a parameter in every arm: --set key=value (repeatable)");
  validate->add_option("--funding-replicates", options->funding_replicates,
                       "Replicates of the funding experiment's paired reference-scale runs (2x2, baselines, cuts)")
      ->check(CLI::Range(2, 1000))->capture_default_str();
  validate->add_option("--funding-sample-replicates", options->funding_sample_replicates,
                       "How many of them also run the project samples and the grant-term sweep (patterns 7 and 9)")
      ->check(CLI::Range(2, 1000))->capture_default_str();
  auto& figures = options->funding_figures;
  validate->add_option("--funding-sweep-neighbourhoods", figures.sweep_neighbourhoods,
                       "Small neighbourhoods of the grant-term sweep and project samples (fewer: a quicker, rougher check)")
      ->check(CLI::Range(1, 1000))->capture_default_str();
  validate->add_option("--funding-sweep-years", figures.sweep_years, "Recorded years of the grant-term sweep and project samples")
      ->check(CLI::Range(1, 100))->capture_default_str();
  validate->add_flag("--skip-funding", options->skip_funding, "Only the people and care patterns");
  validate->add_flag("--json", options->json, "One JSON object with id, figure, band and pass per pattern");
  validate->add_flag("--quiet", options->quiet, "No progress on stderr");
  return Command{validate, [options] { return run_validate(*options); }};
}

}  // namespace wijksim::cli
