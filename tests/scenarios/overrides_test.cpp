// Command-line overrides (`--set key=value`): applied after every file, validated like keys in
// a file, errors shown at "<command line>".
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_parameters.hpp"
#include "wijksim/scenarios/load_scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

using namespace wijksim::scenarios;
using wijksim::engine::ParameterValue;
using wijksim::scenarios::testing::data_path;
using wijksim::scenarios::testing::TestParameters;
using Kind = ScenarioErrorKind;

namespace {

LoaderOptions with_overrides(const TestParameters& p, std::vector<std::string> overrides) {
  LoaderOptions options = p.options();
  options.overrides = std::move(overrides);
  return options;
}

}  // namespace

TEST_CASE("overrides apply after the whole chain, the last one winning", "[loader][overrides]") {
  const TestParameters p;
  const Scenario s =
      load_scenario(data_path("variants/regime_switch.toml"), p.registry,
                    with_overrides(p, {"needs.drift_rate=0.07", " care.outreach_enabled = false ",
                                       "run.years=12", "run.years=15", "care.team.size=4"}));
  CHECK(s.parameters.get(p.drift) == 0.07);
  CHECK_FALSE(s.parameters.get(p.outreach));
  CHECK(s.parameters.get(p.years) == 15);
  CHECK(s.parameters.get(p.team_size) == 4);
  CHECK(s.parameters.get(p.budget) == 100.0);  // untouched: still from budget_cut.toml
  const SourceLocation command_line{kCommandLine, 0, 0};
  CHECK(s.where_set.at("needs.drift_rate") == command_line);
  CHECK(s.where_set.at("run.years") == command_line);
  CHECK(s.files.size() == 3);  // overrides are no file
  const std::string tail =
      "# ==== <command line> ====\nneeds.drift_rate = 0.07\ncare.outreach_enabled = false\n"
      "run.years = 12\nrun.years = 15\ncare.team.size = 4\n";
  REQUIRE(s.text.size() > tail.size());
  CHECK(s.text.substr(s.text.size() - tail.size()) == tail);
}

TEST_CASE("overrides without a file start from the defaults", "[loader][overrides]") {
  const TestParameters p;
  const Scenario none = load_defaults(p.registry);
  CHECK(none.files.empty());
  CHECK(none.text.empty());
  CHECK(none.where_set.empty());
  for (std::uint32_t i = 0; i < p.registry->size(); ++i) CHECK(none.parameters.is_default(i));

  const Scenario s = load_defaults(p.registry, with_overrides(p, {"informal.hours_per_week=8"}));
  CHECK(s.parameters.value(p.hours.index) == ParameterValue{8.0});
  CHECK(s.text == "# ==== <command line> ====\ninformal.hours_per_week = 8\n");
  CHECK(s.where_set.size() == 1);
}

TEST_CASE("bad overrides give the same errors as bad keys in a file",
          "[loader][overrides][errors]") {
  const TestParameters p;
  struct Case {
    const char* argument;
    Kind kind;
    const char* key;
    const char* message;
  };
  const Case cases[] = {
      {"needs.drfit_rate=0.1", Kind::unknown_key, "needs.drfit_rate",
       "<command line>: key 'needs.drfit_rate': expected a declared parameter name, found an "
       "unknown name (did you mean 'needs.drift_rate'?)"},
      {"needs.drift_rate=abc", Kind::wrong_type, "needs.drift_rate",
       "<command line>: key 'needs.drift_rate': expected a number in [0, 1], found a string "
       "\"abc\""},
      {"needs.drift_rate=[0.1, 0.2]", Kind::wrong_type, "needs.drift_rate",
       "<command line>: key 'needs.drift_rate': expected a number in [0, 1], found an array"},
      {"needs.drift_rate=2", Kind::out_of_range, "needs.drift_rate",
       "<command line>: key 'needs.drift_rate': expected a number in [0, 1], found 2"},
      {"run.years=2.5", Kind::wrong_type, "run.years",
       "<command line>: key 'run.years': expected an integer, found 2.5"},
      {"care.outreach_enabled=1", Kind::wrong_type, "care.outreach_enabled",
       "<command line>: key 'care.outreach_enabled': expected true or false, found 1"},
      {"care=1", Kind::wrong_type, "care",
       "<command line>: key 'care': expected a table of 'care' parameters, found an integer 1"},
      {"needs.drift_rate", Kind::syntax, "",
       "<command line>: expected an override 'key=value', found 'needs.drift_rate'"},
      {"=0.1", Kind::unknown_key, "\"\"",
       "<command line>: key '\"\"': expected a non-empty parameter name, found an empty key"},
      {"population.min_age=100", Kind::inconsistent, "population.min_age",
       "<command line>: key 'population.min_age': expected population.min_age below "
       "population.max_age, found minimum age 100 not below maximum age 100 "
       "(population.min_age = 100 set at <command line>; population.max_age = 100 (default))"},
  };
  for (const auto& c : cases) {
    INFO("--set " << c.argument);
    try {
      (void)load_defaults(p.registry, with_overrides(p, {"run.years=3", c.argument}));
      FAIL_CHECK("no error");
    } catch (const ScenarioError& e) {
      CHECK(e.kind() == c.kind);
      CHECK(e.where().file == kCommandLine);
      CHECK(e.key() == c.key);
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("the horizon is taken after the overrides", "[loader][overrides][schedule]") {
  const TestParameters p;
  // The reference schedules an election in year 4: a 3-year run cannot hold it.
  try {
    (void)load_scenario(data_path("variants/regime_switch.toml"), p.registry,
                        with_overrides(p, {"run.years=3"}));
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.kind() == Kind::out_of_range);
    CHECK(e.where() == SourceLocation{data_path("reference.toml").string(), 16, 8});
    CHECK(e.key() == "schedule[0].year");
    CHECK(e.expected() == "a year in [0, 3) (before the horizon, 'run.years')");
    CHECK(e.found() == "4");
  }
}
