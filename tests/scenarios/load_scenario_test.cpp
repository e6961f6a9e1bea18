// Valid scenarios: values, the extends chain, schedules, provenance (files, text, where_set).
#include "wijksim/scenarios/load_scenario.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "test_parameters.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

using namespace wijksim::scenarios;
using wijksim::engine::ParameterValue;
using wijksim::scenarios::testing::data_path;
using wijksim::scenarios::testing::TestParameters;

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string data(const std::string& relative) { return data_path(relative).string(); }

}  // namespace

TEST_CASE("a single file sets its keys and leaves every other parameter at its default",
          "[loader]") {
  const TestParameters p;
  const Scenario s = load_scenario(data("reference.toml"), p.registry, p.options());
  const auto& set = s.parameters;
  CHECK(set.get(p.years) == 10);
  CHECK(set.get(p.residents) == 2000);
  CHECK(set.get(p.drift) == 0.03);
  CHECK(set.get(p.integration) == 0.2);
  CHECK(set.get(p.team_size) == 6);  // [care] team.size: nesting flattens to care.team.size
  // Defaults preserved.
  CHECK(set.get(p.shock) == 0.05);
  CHECK(set.get(p.min_age) == 18);
  CHECK(set.get(p.max_age) == 100);
  CHECK(set.get(p.budget) == 100.0);
  CHECK(set.get(p.caseload) == 30);
  CHECK_FALSE(set.get(p.outreach));
  CHECK(set.get(p.ask) == 0.3);
  CHECK(set.get(p.hours) == 4.0);
  for (std::uint32_t i = 0; i < p.registry->size(); ++i) {
    const std::string& name = p.registry->spec(i).name;
    INFO(name);
    if (s.where_set.count(name) == 0) CHECK(set.is_default(i));
  }
  CHECK(set.is_default(p.years.index));  // set to its default value: still listed in where_set

  CHECK(s.description == "reference neighbourhood");
  REQUIRE(s.files.size() == 1);
  CHECK(s.files[0] == data("reference.toml"));
  const std::string ref = data("reference.toml");
  CHECK(s.where_set.size() == 5);
  CHECK(s.where_set.at("run.years") == SourceLocation{ref, 5, 1});
  CHECK(s.where_set.at("run.residents") == SourceLocation{ref, 6, 1});
  CHECK(s.where_set.at("needs.drift_rate") == SourceLocation{ref, 9, 1});
  CHECK(s.where_set.at("care.integration") == SourceLocation{ref, 12, 1});
  CHECK(s.where_set.at("care.team.size") == SourceLocation{ref, 13, 6});

  REQUIRE(s.schedule.size() == 1);
  CHECK(s.schedule[0].year == 4.0);
  CHECK(s.schedule[0].label == "election");
  CHECK(s.schedule[0].parameter_index == p.integration.index);
  CHECK(s.schedule[0].value == ParameterValue{0.6});
  CHECK(s.schedule[0].where == SourceLocation{ref, 19, 6});
}

TEST_CASE("a 3-file extends chain applies overrides of overrides and appends schedules",
          "[loader]") {
  const TestParameters p;
  const Scenario s = load_scenario(data("variants/regime_switch.toml"), p.registry, p.options());
  const std::string ref = data("reference.toml");
  const std::string cut = data("variants/budget_cut.toml");
  const std::string regime = data("variants/regime_switch.toml");

  // Files as opened, base first; extends resolved relative to the extending file's folder.
  CHECK(s.files == std::vector<std::string>{ref, cut, regime});
  CHECK(s.description == "budget cut in year 2, regime switch in year 3");

  const auto& set = s.parameters;
  CHECK(set.get(p.drift) == 0.05);  // reference 0.03 <- budget_cut 0.04 <- regime_switch 0.05
  CHECK(set.get(p.years) == 10);    // from the reference
  CHECK(set.get(p.integration) == 0.2);
  CHECK(set.get(p.budget) == 100.0);
  CHECK(set.get(p.outreach));
  CHECK(set.get(p.caseload) == 30);  // only scheduled, so its default at the start
  CHECK(s.where_set.at("needs.drift_rate") == SourceLocation{regime, 6, 1});
  CHECK(s.where_set.at("care.budget_per_resident") == SourceLocation{cut, 6, 6});
  CHECK(s.where_set.at("care.outreach_enabled") == SourceLocation{regime, 9, 1});
  CHECK(s.where_set.at("care.integration") == SourceLocation{ref, 12, 1});
  CHECK(s.where_set.count("care.max_caseload") == 0);

  // Sorted by year; the same year keeps file order (the reference's election first).
  struct Expected {
    double year;
    const char* label;
    std::uint32_t index;
    ParameterValue value;
    SourceLocation where;
  };
  const std::vector<Expected> expected{
      {2.0, "budget cut", p.budget.index, 80.0, {cut, 12, 6}},
      {2.0, "budget cut", p.caseload.index, std::int64_t{40}, {cut, 13, 6}},
      {3.0, "regime switch", p.integration.index, 1.0, {regime, 14, 14}},
      {3.0, "regime switch", p.outreach.index, false, {regime, 14, 38}},
      {4.0, "election", p.integration.index, 0.6, {ref, 19, 6}},
      {4.0, "after the election", p.ask.index, 0.25, {regime, 20, 10}},
  };
  REQUIRE(s.schedule.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("change " << i);
    CHECK(s.schedule[i].year == expected[i].year);
    CHECK(s.schedule[i].label == expected[i].label);
    CHECK(s.schedule[i].parameter_index == expected[i].index);
    CHECK(s.schedule[i].value == expected[i].value);
    CHECK(s.schedule[i].where == expected[i].where);
  }

  // Provenance: every file's text, in order, each under a header naming it.
  std::size_t previous = 0;
  for (const auto& file : {ref, cut, regime}) {
    INFO(file);
    const std::size_t header = s.text.find("# ==== scenario file: " + file + " ====\n");
    REQUIRE(header != std::string::npos);
    CHECK(header >= previous);
    CHECK(s.text.find(read_all(file), header) != std::string::npos);
    previous = header;
  }

  // Loading is a pure function of the files.
  const Scenario again =
      load_scenario(data("variants/regime_switch.toml"), p.registry, p.options());
  CHECK(again.text == s.text);
  for (std::uint32_t i = 0; i < p.registry->size(); ++i) {
    CHECK(again.parameters.value(i) == s.parameters.value(i));
  }
}

TEST_CASE("a scenario from memory resolves extends relative to its display path", "[loader]") {
  const TestParameters p;
  const std::string inline_path = data("inline.toml");
  const Scenario s = load_scenario_text("extends = \"reference.toml\"\n[run]\nyears = 20\n",
                                        inline_path, p.registry, p.options());
  CHECK(s.files == std::vector<std::string>{data("reference.toml"), inline_path});
  CHECK(s.parameters.get(p.years) == 20);
  CHECK(s.parameters.get(p.drift) == 0.03);
  CHECK(s.where_set.at("run.years") == SourceLocation{inline_path, 3, 1});
  CHECK(s.description == "reference neighbourhood");  // inherited: the child has none
}

TEST_CASE("TOML numbers map to the declared types", "[loader]") {
  const TestParameters p;
  const Scenario s = load_scenario_text(
      "care.budget_per_resident = 90  # an integer for a real\n"
      "run.years = 5.0                # a whole float for an integer\n"
      "\"needs.drift_rate\" = 0.5      # a quoted dotted key is the same name\n"
      "[care.team]\nsize = 3\n"
      "[[schedule]]\nyear = 1.5\nset = { care.budget_per_resident = 80 }\n",
      "types.toml", p.registry);
  CHECK(s.parameters.value(p.budget.index) == ParameterValue{90.0});
  CHECK(s.parameters.value(p.years.index) == ParameterValue{std::int64_t{5}});
  CHECK(s.parameters.get(p.drift) == 0.5);
  CHECK(s.parameters.get(p.team_size) == 3);
  REQUIRE(s.schedule.size() == 1);
  CHECK(s.schedule[0].year == 1.5);
  CHECK(s.schedule[0].value == ParameterValue{80.0});  // normalised like the builder stores it
}

TEST_CASE("an empty scenario is the defaults, and an empty schedule is no schedule", "[loader]") {
  const TestParameters p;
  const Scenario s = load_scenario_text("schedule = []\n", "empty.toml", p.registry, p.options());
  for (std::uint32_t i = 0; i < p.registry->size(); ++i) CHECK(s.parameters.is_default(i));
  CHECK(s.schedule.empty());
  CHECK(s.where_set.empty());
  CHECK(s.description.empty());
  CHECK(s.text == "# ==== scenario file: empty.toml ====\nschedule = []\n");
}

TEST_CASE("the horizon is the option's parameter, and without one only negative years are refused",
          "[loader][schedule]") {
  const TestParameters p;
  const std::string text = "[[schedule]]\nyear = 50\nset = { care.integration = 1.0 }\n";
  CHECK_THROWS_WITH(load_scenario_text(text, "h.toml", p.registry),
                    Catch::Contains("expected a year in [0, 10) (before the horizon, 'run.years'), "
                                    "found 50"));
  LoaderOptions open_ended;
  open_ended.horizon_parameter.clear();
  CHECK(load_scenario_text(text, "h.toml", p.registry, open_ended).schedule.size() == 1);
  CHECK_THROWS_MATCHES(
      load_scenario_text("[[schedule]]\nyear = -0.5\nset = { care.integration = 1.0 }\n", "h.toml",
                         p.registry, open_ended),
      ScenarioError,
      Catch::Message("h.toml:2:8: key 'schedule[0].year': expected a year from the start of the "
                     "run, at least 0, found -0.5"));
  CHECK_THROWS_WITH(
      load_scenario_text("[[schedule]]\nyear = nan\nset = { care.integration = 1.0 }\n", "h.toml",
                         p.registry, open_ended),
      Catch::Contains("found nan"));
  // Just before the horizon is allowed; at the horizon the change could never apply.
  CHECK(load_scenario_text("[[schedule]]\nyear = 9.5\nset = { care.integration = 1.0 }\n", "h.toml",
                           p.registry)
            .schedule.front()
            .year == 9.5);
  CHECK_THROWS_WITH(load_scenario_text("[[schedule]]\nyear = 10\nset = { care.integration = 1.0 }\n",
                                       "h.toml", p.registry),
                    Catch::Contains("expected a year in [0, 10) (before the horizon, 'run.years'), "
                                    "found 10"));
}

TEST_CASE("constraints are checked at the start and after each scheduled year",
          "[loader][schedule]") {
  const TestParameters p;
  // Consistent throughout: min 20 < max 90, then min 30 from year 2, max 80 from year 3.
  const Scenario s = load_scenario_text(
      "population.min_age = 20\npopulation.max_age = 90\n"
      "[[schedule]]\nyear = 3\nset = { population.max_age = 80 }\n"
      "[[schedule]]\nyear = 2\nset = { population.min_age = 30 }\n",
      "ages.toml", p.registry, p.options());
  REQUIRE(s.schedule.size() == 2);
  CHECK(s.schedule[0].year == 2.0);
  CHECK(s.schedule[1].year == 3.0);

  // Broken only once both changes apply: reported at the change of year 3.
  try {
    (void)load_scenario_text(
        "population.max_age = 90\n"
        "[[schedule]]\nyear = 2\nlabel = \"older\"\nset = { population.min_age = 60 }\n"
        "[[schedule]]\nyear = 3\nlabel = \"cut\"\nset = { population.max_age = 50 }\n",
        "ages.toml", p.registry, p.options());
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.kind() == ScenarioErrorKind::inconsistent);
    CHECK(e.where() == SourceLocation{"ages.toml", 9, 20});
    CHECK(e.key() == "population.max_age");
    CHECK(e.found() ==
          "minimum age 60 not below maximum age 50 from year 3 ('cut') of the schedule");
    CHECK(e.hint() ==
          "population.min_age = 60 set at ages.toml:5:20; population.max_age = 50 set "
          "at ages.toml:9:20");
  }
}

TEST_CASE("a constraint broken by the defaults alone is reported at the scenario file",
          "[loader][errors]") {
  const TestParameters p;
  LoaderOptions options;
  options.constraints.push_back(Constraint{
      "integration above zero",
      {"care.integration"},
      [](const wijksim::engine::ParameterSet&) -> std::optional<std::string> { return "0"; }});
  try {
    (void)load_scenario_text("needs.drift_rate = 0.1\n", "d.toml", p.registry, options);
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.where() == SourceLocation{"d.toml", 0, 0});
    CHECK(std::string(e.what()) ==
          "d.toml: key 'care.integration': expected integration above zero, found 0 "
          "(care.integration = 0 (default))");
  }
}

TEST_CASE("misuse by the calling program is std::invalid_argument, not a scenario error",
          "[loader]") {
  const TestParameters p;
  CHECK_THROWS_AS(load_scenario_text("", "x.toml", nullptr), std::invalid_argument);
  LoaderOptions options;
  options.horizon_parameter = "run.length";
  CHECK_THROWS_WITH(load_scenario_text("", "x.toml", p.registry, options),
                    Catch::Contains("'run.length' is not a declared integer or real parameter"));
  options.horizon_parameter = "care.outreach_enabled";
  CHECK_THROWS_AS(load_scenario_text("", "x.toml", p.registry, options), std::invalid_argument);
  options = LoaderOptions{};
  options.constraints.push_back(Constraint{
      "c", {"population.age"}, [](const auto&) { return std::optional<std::string>{}; }});
  CHECK_THROWS_WITH(load_scenario_text("", "x.toml", p.registry, options),
                    Catch::Contains("undeclared parameter 'population.age'"));
  options.constraints = {Constraint{"c", {"population.min_age"}, nullptr}};
  CHECK_THROWS_AS(load_scenario_text("", "x.toml", p.registry, options), std::invalid_argument);
}
