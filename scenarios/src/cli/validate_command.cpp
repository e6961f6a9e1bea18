// `wijksim validate`: runs the reference neighbourhood and checks the patterns of MODEL.md §10
// that the model makes measurable, each computed from the run: figure, band, pass.
#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/people_figures.hpp"

namespace wijksim::cli {
namespace {

struct ValidateOptions {
  std::uint64_t seed = 1;
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  int years = 10;
  int dwellings = 6000;
  bool json = false;
  std::vector<std::string> overrides;  // key=value
};

/// Applies `key=value` overrides (numbers or true/false), with the registry's typed errors.
void apply_overrides(engine::ParameterSetBuilder& builder, const std::vector<std::string>& overrides) {
  for (const auto& text : overrides) {
    const auto eq = text.find('=');
    if (eq == std::string::npos) {
      throw engine::InputError("--set " + text, "key=value", "no '='");
    }
    const std::string key = text.substr(0, eq);
    const std::string value = text.substr(eq + 1);
    if (value == "true" || value == "false") {
      builder.set(key, engine::ParameterValue{value == "true"});
      continue;
    }
    std::size_t used = 0;
    double number = 0.0;
    try {
      number = std::stod(value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != value.size() || value.empty()) throw engine::InputError("--set " + key, "a number or true/false", "'" + value + "'");
    const bool integral = value.find_first_of(".eE") == std::string::npos;
    builder.set(key, integral ? engine::ParameterValue{static_cast<std::int64_t>(number)} : engine::ParameterValue{number});
  }
}

struct Pattern {
  std::string id;
  std::string description;
  double figure = 0.0;
  double low = 0.0;
  double high = 0.0;
  [[nodiscard]] bool pass() const { return figure >= low && figure <= high; }
};

std::vector<Pattern> people_patterns(const models::PeopleFigures& f) {
  const double middle = (f.help_per_need_by_quintile[1] + f.help_per_need_by_quintile[2] + f.help_per_need_by_quintile[3]) / 3.0;
  const double needy_vs_middle = middle > 0.0 ? f.help_per_need_by_quintile[4] / middle : 0.0;
  return {
      {"informal_support_share", "adults giving informal support (yearly share)", f.adults_giving_support, 0.19, 0.24},
      {"informal_hours_per_helper", "mean informal hours per helping adult (h/week)", f.hours_per_helping_adult, 1.0, 2.0},
      {"intensive_carer_share", "carers giving more than 8 h/week (share of weekly carers)", f.carers_intensive_share, 0.25, 0.40},
      {"overburdened_carer_share", "carers seriously overburdened (share of weekly carers)", f.carers_overburdened_share, 0.10, 0.16},
      {"vulnerable_share", "residents vulnerable (any domain at score 3 or worse)", f.vulnerable_share, 0.30, 0.40},
      {"multi_domain_household_share", "households with 3+ domains in trouble", f.households_multi_domain_share, 0.005, 0.02},
      {"willingness_gap", "stated willingness / realised help (ratio)", f.willingness_to_help_ratio, 3.0, 1e9},
      {"needy_quintile_help_ratio", "help per unit need: most needy quintile / middle quintiles", needy_vs_middle, 0.0, 0.999},
  };
}

int run_validate(const ValidateOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const models::ModelParameters declared;
  engine::ParameterSetBuilder builder(declared.registry());
  builder.set("run.years", std::int64_t{options.years});
  builder.set("population.dwellings_per_neighbourhood", std::int64_t{options.dwellings});
  apply_overrides(builder, options.overrides);
  const auto parameters = declared.resolve(std::move(builder).freeze());
  models::Model model(parameters, options.seed, 0);
  engine::Executor executor(options.threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  models::PeopleFiguresObserver observer(model);
  simulation.add_observer(observer);
  (void)simulation.run(engine::Tick{0}, model.run_end());
  const auto f = observer.figures();
  const auto patterns = people_patterns(f);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  bool all = true;
  for (const auto& p : patterns) all = all && p.pass();
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("seed").value(options.seed).key("years").value(options.years)
        .key("dwellings").value(options.dwellings).key("all_pass").value(all).key("patterns").begin_array();
    for (const auto& p : patterns) {
      j.begin_object().key("id").value(p.id).key("description").value(p.description).key("figure").value(p.figure)
          .key("band").begin_array().value(p.low).value(p.high).end_array().key("pass").value(p.pass()).end_object();
    }
    j.end_array().key("help_per_need_by_quintile").begin_array();
    for (const double q : f.help_per_need_by_quintile) j.value(q);
    j.end_array().key("incidents_per_1000_residents_per_year").begin_object();
    for (std::size_t k = 0; k < models::kIncidentKindCount; ++k) j.key(models::kIncidentKindNames[k]).value(f.incidents_per_1000_per_year[k]);
    j.end_object().key("stated_willingness_share").value(f.stated_willingness_share)
        .key("volunteer_share").value(f.volunteer_share).key("weekly_carer_share").value(f.weekly_carers_share)
        .key("households_at_risk_share").value(f.households_at_risk_share).key("mean_residents").value(f.residents)
        .key("seconds").value(seconds).end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << "wijksim validate: reference neighbourhood (" << options.dwellings << " dwellings, ~" << std::fixed
              << std::setprecision(0) << f.residents << " residents), " << options.years << " years after a 1-year warm-up, seed "
              << options.seed << "\n\n";
    for (const auto& p : patterns) {
      std::ostringstream band;
      band << std::setprecision(3) << "[" << p.low << ", " << (p.high > 1e8 ? std::string("inf") : std::to_string(p.high).substr(0, 5)) << "]";
      std::cout << (p.pass() ? "  pass  " : "  FAIL  ") << std::left << std::setw(30) << p.id << std::right << std::setw(9)
                << std::setprecision(3) << p.figure << "  " << std::left << std::setw(16) << band.str() << p.description << '\n';
    }
    std::cout << "\nhelp received per hour needed, by need quintile (least to most needy):";
    for (const double q : f.help_per_need_by_quintile) std::cout << ' ' << std::setprecision(3) << q;
    std::cout << "\nstated willingness " << f.stated_willingness_share << ", volunteers " << f.volunteer_share
              << ", households at risk (2+ domains) " << f.households_at_risk_share << "\nincidents per 1,000 residents per year:";
    for (std::size_t k = 0; k < models::kIncidentKindCount; ++k) std::cout << ' ' << models::kIncidentKindNames[k] << ' ' << f.incidents_per_1000_per_year[k];
    std::cout << "\n\n" << (all ? "all patterns pass" : "SOME PATTERNS FAIL") << " (" << std::setprecision(1) << seconds << " s)\n";
  }
  return all ? 0 : 1;
}

}  // namespace

Command add_validate_command(CLI::App& parent) {
  auto* validate = parent.add_subcommand(
      "validate",
      "Run the reference neighbourhood and check the patterns of MODEL.md §10 that the model makes\n"
      "measurable, each computed from the run: figure, band, pass/fail. Exit 1 if any fails.\n"
      "Thread count never changes the figures.");
  auto options = std::make_shared<ValidateOptions>();
  validate->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  validate->add_option("--threads", options->threads, "Worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  validate->add_option("--years", options->years, "Recorded years after the warm-up")->check(CLI::Range(1, 100))->capture_default_str();
  validate->add_option("--dwellings", options->dwellings, "Dwellings in the neighbourhood (6000 = reference)")
      ->check(CLI::Range(100, 200000))->capture_default_str();
  validate->add_option("--set", options->overrides, "Override a parameter: --set key=value (repeatable)");
  validate->add_flag("--json", options->json, "One JSON object with id, figure, band and pass per pattern");
  return Command{validate, [options] { return run_validate(*options); }};
}

}  // namespace wijksim::cli
