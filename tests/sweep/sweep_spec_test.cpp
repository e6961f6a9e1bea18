// Sweep specs are validated like scenarios: each mistake is a ScenarioError naming the spec's
// file, line, column and key, what was expected and what was found.
#include <catch2/catch.hpp>

#include <string>

#include "wijksim/scenarios/scenario_error.hpp"
#include "wijksim/sweep/run_plan.hpp"
#include "wijksim/sweep/sweep_spec.hpp"

namespace {

using wijksim::scenarios::ScenarioError;
using wijksim::scenarios::ScenarioErrorKind;
using wijksim::sweep::parse_sweep_spec;

const std::string kSpecPath = std::string(WIJKSIM_TEST_SCENARIO_DIR) + "/sweeps/test.toml";

std::string error_of(const std::string& text, ScenarioErrorKind* kind = nullptr) {
  try {
    const auto spec = parse_sweep_spec(text, kSpecPath);
    wijksim::sweep::validate_sweep_scenarios(spec, wijksim::sweep::make_run_plan(spec));
  } catch (const ScenarioError& e) {
    if (kind != nullptr) *kind = e.kind();
    return e.what();
  }
  return "no error";
}

const std::string kGood = R"(seed = 3
replicates = 2
[design]
kind = "grid"
[[parameter]]
name = "informal.ask_probability"
values = [0.2, 0.4]
)";

}  // namespace

TEST_CASE("a valid grid spec is read with its defaults") {
  const auto spec = parse_sweep_spec(kGood, kSpecPath);
  CHECK(spec.seed == 3);
  CHECK(spec.replicates == 2);
  CHECK(spec.design == wijksim::sweep::DesignKind::grid);
  REQUIRE(spec.arms.size() == 1);
  CHECK(spec.arms[0].name == "base");
  CHECK_FALSE(spec.arms[0].scenario_file.has_value());  // the built-in reference
  REQUIRE(spec.parameters.size() == 1);
  CHECK(spec.parameters[0].levels == std::vector<double>{0.2, 0.4});
}

TEST_CASE("a misspelt parameter name names the line and suggests the declared name") {
  ScenarioErrorKind kind{};
  const std::string text = "[design]\nkind = \"grid\"\n[[parameter]]\nname = \"informal.ask_probabilty\"\nvalues = [0.1]\n";
  const std::string e = error_of(text, &kind);
  CHECK(kind == ScenarioErrorKind::unknown_key);
  CHECK_THAT(e, Catch::Contains("test.toml:4:8"));
  CHECK_THAT(e, Catch::Contains("parameter[0].name"));
  CHECK_THAT(e, Catch::Contains("did you mean 'informal.ask_probability'?"));
}

TEST_CASE("an unknown key in the spec is refused with a suggestion") {
  const std::string e = error_of("replicate = 3\n" + kGood);
  CHECK_THAT(e, Catch::Contains("test.toml:1:1"));
  CHECK_THAT(e, Catch::Contains("did you mean 'replicates'?"));
}

TEST_CASE("a value outside the declared range names the value's place and the range") {
  ScenarioErrorKind kind{};
  const std::string e = error_of("[design]\nkind = \"grid\"\n[[parameter]]\nname = \"informal.ask_probability\"\nvalues = [0.5, 1.5]\n", &kind);
  CHECK(kind == ScenarioErrorKind::out_of_range);
  CHECK_THAT(e, Catch::Contains("test.toml:5:16"));
  CHECK_THAT(e, Catch::Contains("expected a number in [0, 1]"));
  CHECK_THAT(e, Catch::Contains("found a number 1.5"));
}

TEST_CASE("a fraction for an integer parameter and a number for a flag are type errors") {
  ScenarioErrorKind kind{};
  std::string e = error_of("[design]\nkind = \"grid\"\n[[parameter]]\nname = \"run.years\"\nvalues = [1.5]\n", &kind);
  CHECK(kind == ScenarioErrorKind::wrong_type);
  CHECK_THAT(e, Catch::Contains("an integer in [1, 100]"));
  e = error_of("[design]\nkind = \"grid\"\n[[parameter]]\nname = \"funding.enabled\"\nvalues = [1]\n", &kind);
  CHECK(kind == ScenarioErrorKind::wrong_type);
  CHECK_THAT(e, Catch::Contains("expected true or false"));
}

TEST_CASE("a grid refuses a distribution, lhs and saltelli need their sizes") {
  std::string e = error_of("[design]\nkind = \"grid\"\n[[parameter]]\nname = \"informal.ask_probability\"\ndistribution = \"uniform\"\nmin = 0.1\nmax = 0.9\n");
  CHECK_THAT(e, Catch::Contains("levels in a grid"));
  e = error_of("[design]\nkind = \"lhs\"\n[[parameter]]\nname = \"informal.ask_probability\"\nfrom = 0.1\nto = 0.9\n");
  CHECK_THAT(e, Catch::Contains("design.points"));
  e = error_of("[design]\nkind = \"gird\"\n[[parameter]]\nname = \"informal.ask_probability\"\nvalues = [0.1]\n");
  CHECK_THAT(e, Catch::Contains("did you mean"));
  e = error_of("[[parameter]]\nname = \"informal.ask_probability\"\nvalues = [0.1]\n");
  CHECK_THAT(e, Catch::Contains("[design]"));
}

TEST_CASE("a [set] value out of range is reported at the spec's line, with the arm and point") {
  ScenarioErrorKind kind{};
  const std::string e = error_of(kGood + "[set]\ninformal.ask_probability_x = 1\n", &kind);
  CHECK(kind == ScenarioErrorKind::unknown_key);
  const std::string range = error_of(kGood + "[set]\nrun.years = 500\n", &kind);
  CHECK(kind == ScenarioErrorKind::out_of_range);
  CHECK_THAT(range, Catch::Contains("test.toml:9:13"));
  CHECK_THAT(range, Catch::Contains("arm 'base' at point 0 (informal.ask_probability=0.2)"));
}

TEST_CASE("a missing arm scenario file is refused before anything runs") {
  const std::string e = error_of(kGood + "[[arm]]\nname = \"x\"\nscenario = \"no_such.toml\"\n");
  CHECK_THAT(e, Catch::Contains("no_such.toml"));
}

TEST_CASE("TOML syntax errors name the line") {
  const std::string e = error_of("[design\nkind = 1\n");
  CHECK_THAT(e, Catch::Contains("test.toml:1"));
  CHECK_THAT(e, Catch::Contains("valid TOML"));
}

TEST_CASE("a parameter swept twice (directly or through also) is refused") {
  const std::string e = error_of(kGood + "[[parameter]]\nname = \"informal.need_threshold\"\nalso = [\"informal.ask_probability\"]\nvalues = [1]\n");
  CHECK_THAT(e, Catch::Contains("each parameter swept once"));
}
