// A schedule entry's `apply`: a regime switch that reuses the regime's own file (data/apply/).
#include <catch2/catch.hpp>
#include <string>

#include "test_parameters.hpp"
#include "wijksim/scenarios/load_scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

using namespace wijksim::scenarios;
using wijksim::engine::ParameterValue;
using wijksim::scenarios::testing::data_path;
using wijksim::scenarios::testing::TestParameters;
using Kind = ScenarioErrorKind;

namespace {

std::string apply_data(const std::string& relative) { return data_path("apply/" + relative).string(); }

/// The changes of `s` in year `year`, as (parameter name, value) in the order they apply.
std::vector<std::pair<std::string, ParameterValue>> changes_in(const Scenario& s, double year) {
  std::vector<std::pair<std::string, ParameterValue>> out;
  for (const auto& c : s.schedule) {
    if (c.year == year) out.emplace_back(s.parameters.registry().spec(c.parameter_index).name, c.value);
  }
  return out;
}

ScenarioError error_of(const std::string& file) {
  const TestParameters p;
  try {
    (void)load_scenario(apply_data(file), p.registry, p.options());
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("no ScenarioError for " << file);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("apply schedules every parameter the named file and its base set, at their locations",
          "[loader][schedule]") {
  const TestParameters p;
  const Scenario s = load_scenario(apply_data("switch.toml"), p.registry, p.options());
  CHECK(s.parameters.get(p.integration) == 0.1);  // the start is untouched
  CHECK(s.parameters.get(p.team_size) == 8);
  CHECK_FALSE(s.parameters.get(p.outreach));

  const auto year3 = changes_in(s, 3.0);
  REQUIRE(year3.size() == 3);
  // The base file's key first (it is read first), then regime.toml's, top to bottom.
  CHECK(year3[0] == std::pair<std::string, ParameterValue>{"care.team.size", std::int64_t{12}});
  CHECK(year3[1] == std::pair<std::string, ParameterValue>{"care.integration", 0.9});
  CHECK(year3[2] == std::pair<std::string, ParameterValue>{"care.outreach_enabled", true});
  for (const auto& c : s.schedule) {
    if (c.year != 3.0) continue;
    CHECK(c.label == "regime switch");
    const std::string name = p.registry->spec(c.parameter_index).name;
    CHECK(c.where.file == (name == "care.team.size" ? apply_data("regime_base.toml") : apply_data("regime.toml")));
    CHECK(c.where.line == (name == "care.team.size" ? 2U : name == "care.integration" ? 6U : 7U));
  }
  // The applied file's text is kept for provenance, after its entry's file.
  CHECK(s.text.find("# ==== applied from year 3 by schedule[0].apply of " + apply_data("switch.toml")) != std::string::npos);
  CHECK(s.text.find("outreach_enabled = true") != std::string::npos);
  // Applied files are not part of the extends chain.
  REQUIRE(s.files.size() == 1);
  CHECK(s.files[0] == apply_data("switch.toml"));
}

TEST_CASE("an entry's own set is applied after its apply, and wins", "[loader][schedule]") {
  const TestParameters p;
  const Scenario s = load_scenario(apply_data("switch.toml"), p.registry, p.options());
  const auto year5 = changes_in(s, 5.0);
  REQUIRE(year5.size() == 4);
  CHECK(year5.back() == std::pair<std::string, ParameterValue>{"care.integration", 0.5});
  CHECK(year5[1] == std::pair<std::string, ParameterValue>{"care.integration", 0.9});
}

TEST_CASE("an applied file's own schedule is replayed, shifted to the year it is applied from",
          "[loader][schedule]") {
  const TestParameters p;
  const Scenario s = load_scenario(apply_data("apply_with_schedule.toml"), p.registry, p.options());
  CHECK(s.parameters.get(p.integration) == 0.0);
  const auto year1 = changes_in(s, 1.0);
  const auto year2 = changes_in(s, 2.0);
  REQUIRE(year1.size() == 1);
  REQUIRE(year2.size() == 1);
  CHECK(year1[0] == std::pair<std::string, ParameterValue>{"care.integration", 0.4});  // its start value
  CHECK(year2[0] == std::pair<std::string, ParameterValue>{"care.integration", 0.6});  // its year 1
  for (const auto& c : s.schedule) {
    if (c.year == 2.0) {
      CHECK(c.label == "more integration");  // the applying entry has no label of its own
      CHECK(c.where.file == apply_data("with_schedule.toml"));
      CHECK(c.where.line == 7);
    }
  }
  // An applying entry's own label wins over the applied file's labels.
  const Scenario labelled = load_scenario(apply_data("apply_labelled.toml"), p.registry, p.options());
  REQUIRE(labelled.schedule.size() == 2);
  CHECK(labelled.schedule[0].label == "switch");
  CHECK(labelled.schedule[1].label == "switch");
  CHECK(labelled.schedule[1].year == 2.0);
}

TEST_CASE("apply refuses cycles, missing files, non-paths, the horizon and shifted years beyond it",
          "[loader][schedule][errors]") {
  SECTION("a file that applies itself") {
    const ScenarioError e = error_of("apply_self.toml");
    CHECK(e.kind() == Kind::cycle);
    CHECK(e.where().file == apply_data("apply_self.toml"));
    CHECK(e.where().line == 6);
    CHECK(e.key() == "schedule[0].apply");
  }
  SECTION("a file that applies the file applying it") {
    const ScenarioError e = error_of("apply_back.toml");
    CHECK(e.kind() == Kind::cycle);
    CHECK(e.where().file == apply_data("applies_back.toml"));
    CHECK(e.where().line == 6);
    CHECK(e.key() == "schedule[0].apply");
    CHECK_THAT(e.found(), Catch::Contains("a cycle back to " + apply_data("apply_back.toml")));
  }
  SECTION("a missing file") {
    const ScenarioError e = error_of("apply_missing.toml");
    CHECK(e.kind() == Kind::file);
    CHECK(e.where().file == apply_data("apply_missing.toml"));
    CHECK(e.where().line == 4);
    CHECK(e.key() == "schedule[0].apply");
    CHECK_THAT(e.found(), Catch::Contains("no_such_regime.toml"));
  }
  SECTION("a number instead of a path") {
    const ScenarioError e = error_of("apply_not_string.toml");
    CHECK(e.kind() == Kind::wrong_type);
    CHECK(e.where().line == 4);
    CHECK(e.key() == "schedule[0].apply");
    CHECK_THAT(e.expected(), Catch::Contains("a path to a scenario file"));
  }
  SECTION("a file that sets the horizon") {
    const ScenarioError e = error_of("apply_horizon.toml");
    CHECK(e.kind() == Kind::inconsistent);
    CHECK(e.where().file == apply_data("horizon_setter.toml"));
    CHECK(e.where().line == 2);
    CHECK(e.key() == "run.years");
  }
  SECTION("an applied change shifted past the horizon, reported at the applying entry's year") {
    const ScenarioError e = error_of("apply_too_late.toml");
    CHECK(e.kind() == Kind::out_of_range);
    CHECK(e.where().file == apply_data("apply_too_late.toml"));
    CHECK(e.where().line == 5);
    CHECK(e.key() == "schedule[0].year");
    CHECK_THAT(e.expected(), Catch::Contains("a year in [0, 4)"));
    CHECK_THAT(e.found(), Catch::Contains("4.5 (year 1 of " + apply_data("with_schedule.toml") + ":5:"));
  }
}

TEST_CASE("constraints see applied values from their year, reported where the applied file sets them",
          "[loader][schedule][errors]") {
  const ScenarioError e = error_of("apply_constraint.toml");
  CHECK(e.kind() == Kind::inconsistent);
  CHECK(e.where().file == apply_data("old_residents.toml"));
  CHECK(e.where().line == 2);
  CHECK(e.key() == "population.min_age");
  CHECK_THAT(e.found(), Catch::Contains("from year 2") && Catch::Contains("'older'"));
}
