#pragma once
// A registry of a dozen parameters in four topics, declared here so that the loader's tests
// depend on no model, and the constraint the tests' "model" imposes on them.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/scenarios/loader_options.hpp"

namespace wijksim::scenarios::testing {

/// Where the test scenario files are: data/ and data/malformed/.
inline std::filesystem::path data_path(const std::string& relative) {
  return std::filesystem::path(WIJKSIM_SCENARIO_TEST_DATA) / relative;
}

struct TestParameters {
  std::shared_ptr<engine::ParameterRegistry> registry =
      std::make_shared<engine::ParameterRegistry>();
  engine::ParameterKey<std::int64_t> years = registry->declare_integer(
      "run.years", "years", "length of the recorded run", 10, 1, 100, "assumption: test");
  engine::ParameterKey<std::int64_t> residents = registry->declare_integer(
      "run.residents", "count", "residents at the start", 1000, 1, 1000000, "assumption: test");
  engine::ParameterKey<double> drift = registry->declare_real(
      "needs.drift_rate", "1/week", "recovery toward baseline", 0.02, 0.0, 1.0, "assumption: test");
  engine::ParameterKey<double> shock =
      registry->declare_real("needs.shock_probability", "1/year", "chance of a life event", 0.05,
                             0.0, 1.0, "assumption: test");
  engine::ParameterKey<std::int64_t> min_age = registry->declare_integer(
      "population.min_age", "years", "youngest resident", 18, 0, 120, "assumption: test");
  engine::ParameterKey<std::int64_t> max_age = registry->declare_integer(
      "population.max_age", "years", "oldest resident", 100, 0, 120, "assumption: test");
  engine::ParameterKey<double> integration =
      registry->declare_real("care.integration", "fraction", "share of integrated teams", 0.0, 0.0,
                             1.0, "assumption: test");
  engine::ParameterKey<bool> outreach = registry->declare_flag(
      "care.outreach_enabled", "teams visit unasked", false, "assumption: test");
  engine::ParameterKey<double> budget =
      registry->declare_real("care.budget_per_resident", "euro/year", "care budget", 100.0, 0.0,
                             10000.0, "assumption: test");
  engine::ParameterKey<std::int64_t> caseload =
      registry->declare_integer("care.max_caseload", "residents", "caseload per professional", 30,
                                1, 500, "assumption: test");
  engine::ParameterKey<std::int64_t> team_size = registry->declare_integer(
      "care.team.size", "professionals", "professionals per team", 8, 1, 50, "assumption: test");
  engine::ParameterKey<double> ask =
      registry->declare_real("informal.ask_probability", "1/week", "chance to ask for help", 0.3,
                             0.0, 1.0, "assumption: test");
  engine::ParameterKey<double> hours =
      registry->declare_real("informal.hours_per_week", "hours/week", "informal care given", 4.0,
                             0.0, 40.0, "assumption: test");

  /// The tests' model constraint: the youngest resident is younger than the oldest.
  [[nodiscard]] Constraint age_constraint() const {
    return Constraint{"population.min_age below population.max_age",
                      {"population.min_age", "population.max_age"},
                      [min = min_age,
                       max = max_age](const engine::ParameterSet& p) -> std::optional<std::string> {
                        if (p.get(min) < p.get(max)) return std::nullopt;
                        return "minimum age " + std::to_string(p.get(min)) +
                               " not below maximum age " + std::to_string(p.get(max));
                      }};
  }

  [[nodiscard]] LoaderOptions options() const {
    LoaderOptions options;
    options.constraints.push_back(age_constraint());
    return options;
  }
};

}  // namespace wijksim::scenarios::testing
