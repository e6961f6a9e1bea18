// Every file in data/malformed/ holds one mistake; each must give a ScenarioError that names
// the file, line, column and key, what was expected and what was found.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "test_parameters.hpp"
#include "wijksim/scenarios/load_scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

using namespace wijksim::scenarios;
using wijksim::scenarios::testing::data_path;
using wijksim::scenarios::testing::TestParameters;
using Kind = ScenarioErrorKind;

namespace {

struct MalformedCase {
  const char* file;  ///< under data/malformed/
  Kind kind;
  const char* error_file;  ///< the file the error names, when not `file` itself
  std::uint32_t line;
  const char* key;       ///< "" for syntax errors
  const char* expected;  ///< a substring of expected()
  const char* found;     ///< a substring of found()
  const char* hint;      ///< a substring of hint(); "" when there is none
};

// clang-format off
const MalformedCase kCases[] = {
  {"unknown_key_top_level.toml", Kind::unknown_key, "", 2, "years",
   "a declared parameter name", "an unknown name", "did you mean 'run.years'?"},
  {"unknown_key_in_table.toml", Kind::unknown_key, "", 4, "needs.drfit_rate",
   "a declared parameter name", "an unknown name", "did you mean 'needs.drift_rate'?"},
  {"misspelt_table.toml", Kind::unknown_key, "", 3, "nedes.drift_rate",
   "a declared parameter name", "an unknown name", "did you mean 'needs.drift_rate'?"},
  {"misspelt_empty_table.toml", Kind::unknown_key, "", 5, "informl",
   "a declared parameter topic", "an unknown name", "did you mean 'informal'?"},
  {"extend_misspelt.toml", Kind::unknown_key, "", 2, "extend",
   "'extends', 'description', 'schedule'", "an unknown name", "did you mean 'extends'?"},
  {"empty_key.toml", Kind::unknown_key, "", 3, "needs.\"\"",
   "a non-empty parameter name", "an empty key", ""},
  {"topic_as_value.toml", Kind::wrong_type, "", 2, "care",
   "a table of 'care' parameters", "a number 0.5", ""},
  {"wrong_type_string.toml", Kind::wrong_type, "", 3, "needs.drift_rate",
   "a number in [0, 1]", "a string \"abc\"", ""},
  {"wrong_type_bool.toml", Kind::wrong_type, "", 2, "run.years",
   "an integer in [1, 100]", "true", ""},
  {"wrong_type_array.toml", Kind::wrong_type, "", 3, "care.integration",
   "a number in [0, 1]", "an array", ""},
  {"wrong_type_table.toml", Kind::wrong_type, "", 2, "needs.drift_rate",
   "a number in [0, 1]", "a table", ""},
  {"wrong_type_date.toml", Kind::wrong_type, "", 2, "needs.drift_rate",
   "a number in [0, 1]", "a date 2024-01-01", ""},
  {"wrong_type_float_for_integer.toml", Kind::wrong_type, "", 3, "care.max_caseload",
   "an integer", "12.5", ""},
  {"wrong_type_number_for_flag.toml", Kind::wrong_type, "", 2, "care.outreach_enabled",
   "true or false", "1", ""},
  {"out_of_range_below.toml", Kind::out_of_range, "", 2, "needs.drift_rate",
   "a number in [0, 1]", "-0.1", ""},
  {"out_of_range_above.toml", Kind::out_of_range, "", 4, "run.years",
   "an integer in [1, 100]", "101", ""},
  {"not_a_number.toml", Kind::out_of_range, "", 2, "informal.hours_per_week",
   "a number in [0, 40]", "nan", ""},
  {"infinite.toml", Kind::out_of_range, "", 3, "care.budget_per_resident",
   "a number in [0, 10000]", "inf", ""},
  {"cycle_two_a.toml", Kind::cycle, "cycle_two_b.toml", 2, "extends",
   "a chain of 'extends' that ends in a base file",
   "cycle_two_a.toml -> " WIJKSIM_SCENARIO_TEST_DATA "/malformed/cycle_two_b.toml -> "
   WIJKSIM_SCENARIO_TEST_DATA "/malformed/cycle_two_a.toml", ""},
  {"cycle_two_b.toml", Kind::cycle, "cycle_two_a.toml", 2, "extends",
   "a chain of 'extends'", "cycle_two_b.toml -> ", ""},
  {"cycle_three_a.toml", Kind::cycle, "cycle_three_c.toml", 3, "extends",
   "a chain of 'extends'",
   "cycle_three_a.toml -> " WIJKSIM_SCENARIO_TEST_DATA "/malformed/cycle_three_b.toml -> "
   WIJKSIM_SCENARIO_TEST_DATA "/malformed/cycle_three_c.toml -> " WIJKSIM_SCENARIO_TEST_DATA
   "/malformed/cycle_three_a.toml", ""},
  {"cycle_three_b.toml", Kind::cycle, "cycle_three_a.toml", 2, "extends",
   "a chain of 'extends'", "cycle_three_b.toml -> ", ""},
  {"cycle_three_c.toml", Kind::cycle, "cycle_three_b.toml", 3, "extends",
   "a chain of 'extends'", "cycle_three_c.toml -> ", ""},
  {"cycle_self.toml", Kind::cycle, "", 2, "extends",
   "a chain of 'extends'", "cycle_self.toml -> ", ""},
  {"extends_missing.toml", Kind::file, "", 2, "extends",
   "a readable scenario file", "no file at '" WIJKSIM_SCENARIO_TEST_DATA
   "/malformed/no_such_reference.toml'", ""},
  {"extends_not_string.toml", Kind::wrong_type, "", 2, "extends",
   "a path to a scenario file, as a string", "an integer 3", ""},
  {"extends_directory.toml", Kind::file, "", 2, "extends",
   "a readable scenario file", "a directory at '" WIJKSIM_SCENARIO_TEST_DATA "/variants'", ""},
  {"description_not_string.toml", Kind::wrong_type, "", 2, "description",
   "a string", "an integer 42", ""},
  {"schedule_negative_year.toml", Kind::out_of_range, "", 3, "schedule[0].year",
   "a year in [0, 10) (before the horizon, 'run.years')", "-1", ""},
  {"schedule_beyond_horizon.toml", Kind::out_of_range, "", 5, "schedule[0].year",
   "a year in [0, 5)", "6", ""},
  {"schedule_missing_year.toml", Kind::missing_key, "", 2, "schedule[0].year",
   "a 'year'", "no 'year'", ""},
  {"schedule_year_string.toml", Kind::wrong_type, "", 3, "schedule[0].year",
   "a number of years", "a string \"three\"", ""},
  {"schedule_unknown_field.toml", Kind::unknown_key, "", 3, "schedule[0].yaer",
   "one of 'year', 'label', 'set'", "an unknown name", "did you mean 'year'?"},
  {"schedule_unknown_parameter.toml", Kind::unknown_key, "", 5,
   "schedule[0].set.care.integraton", "a declared parameter name", "an unknown name",
   "did you mean 'care.integration'?"},
  {"schedule_value_out_of_range.toml", Kind::out_of_range, "", 9,
   "schedule[1].set.care.integration", "a number in [0, 1]", "1.5", ""},
  {"schedule_without_set.toml", Kind::missing_key, "", 2, "schedule[0].set",
   "a table 'set'", "no 'set'", ""},
  {"schedule_empty_set.toml", Kind::missing_key, "", 4, "schedule[0].set",
   "at least one parameter", "an empty table", ""},
  {"schedule_label_not_string.toml", Kind::wrong_type, "", 4, "schedule[0].label",
   "a string", "an integer 2024", ""},
  {"schedule_not_array.toml", Kind::wrong_type, "", 2, "schedule",
   "an array of tables", "a table", ""},
  {"schedule_horizon_changed.toml", Kind::inconsistent, "", 4, "schedule[0].set.run.years",
   "a parameter that may change during a run", "the run's length", ""},
  {"syntax_unterminated_string.toml", Kind::syntax, "", 2, "",
   "valid TOML", "a syntax error while parsing string", ""},
  {"syntax_missing_equals.toml", Kind::syntax, "", 3, "",
   "valid TOML", "expected '='", ""},
  {"syntax_duplicate_key.toml", Kind::syntax, "", 4, "",
   "valid TOML", "cannot redefine existing", ""},
  {"constraint_violation.toml", Kind::inconsistent, "", 4, "population.max_age",
   "population.min_age below population.max_age",
   "minimum age 90 not below maximum age 80", "population.min_age = 90 set at "},
  {"constraint_across_chain.toml", Kind::inconsistent, "", 3, "population.max_age",
   "population.min_age below population.max_age", "minimum age 65 not below maximum age 60",
   "older_population.toml:3:"},
  {"schedule_constraint.toml", Kind::inconsistent, "", 7, "population.min_age",
   "population.min_age below population.max_age",
   "minimum age 85 not below maximum age 80 from year 2 of the schedule",
   "population.max_age = 80 set at "},
};
// clang-format on

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

TEST_CASE("each malformed scenario names file, line, column, key, expected and found",
          "[loader][errors]") {
  const TestParameters parameters;
  const LoaderOptions options = parameters.options();
  for (const auto& c : kCases) {
    const std::string path = (data_path("malformed") / c.file).string();
    const std::string error_file =
        (std::filesystem::path("malformed") / (*c.error_file ? c.error_file : c.file)).string();
    INFO("scenario " << c.file);
    try {
      (void)load_scenario(path, parameters.registry, options);
      FAIL_CHECK("no error for " << c.file);
    } catch (const ScenarioError& e) {
      const std::string message = e.what();
      INFO("message: " << message);
      CHECK(e.kind() == c.kind);
      CHECK(ends_with(e.where().file, error_file));
      CHECK(e.where().line == c.line);
      CHECK(e.where().column > 0);
      CHECK(e.key() == c.key);
      CHECK_THAT(e.expected(), Catch::Contains(c.expected));
      CHECK_THAT(e.found(), Catch::Contains(c.found));
      if (*c.hint) CHECK_THAT(e.hint(), Catch::Contains(c.hint));
      // The message itself: "file:line:column: key 'k': expected ..., found ...".
      const std::string place = e.where().file + ":" + std::to_string(c.line) + ":" +
                                std::to_string(e.where().column) + ": ";
      CHECK_THAT(message, Catch::StartsWith(place));
      if (*c.key) CHECK_THAT(message, Catch::Contains("key '" + std::string(c.key) + "'"));
      CHECK_THAT(message, Catch::Contains("expected " + e.expected() + ", found " + e.found()));
    }
  }
}

TEST_CASE("the malformed table covers every file in data/malformed, and there are enough",
          "[loader][errors]") {
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("malformed"))) {
    on_disk.insert(entry.path().filename().string());
  }
  std::set<std::string> in_table;
  for (const auto& c : kCases) in_table.insert(c.file);
  CHECK(on_disk == in_table);
  CHECK(in_table.size() >= 24);
}

TEST_CASE("every malformed file starts with a comment saying what is wrong", "[loader][errors]") {
  for (const auto& c : kCases) {
    INFO("scenario " << c.file);
    std::ifstream in(data_path("malformed") / c.file);
    std::string first_line;
    std::getline(in, first_line);
    CHECK_THAT(first_line, Catch::StartsWith("# "));
  }
}

TEST_CASE("the error message has the documented form", "[loader][errors]") {
  const TestParameters parameters;
  CHECK_THROWS_MATCHES(
      load_scenario_text("[needs]\ndrfit_rate = 0.1\n", "path/to/file.toml", parameters.registry),
      ScenarioError,
      Catch::Message("path/to/file.toml:2:1: key 'needs.drfit_rate': expected a declared "
                     "parameter name, found an unknown name (did you mean 'needs.drift_rate'?)"));
  CHECK_THROWS_MATCHES(
      load_scenario_text("[needs]\ndrift_rate = \"abc\"\n", "s.toml", parameters.registry),
      ScenarioError,
      Catch::Message("s.toml:2:14: key 'needs.drift_rate': expected a number in [0, 1], found a "
                     "string \"abc\""));
  CHECK_THROWS_WITH(load_scenario_text("a = \n", "s.toml", parameters.registry),
                    Catch::StartsWith("s.toml:1:5: expected valid TOML, found"));
}

TEST_CASE("a missing scenario file, or a folder, is an error naming the path", "[loader][errors]") {
  const TestParameters parameters;
  const std::string missing = data_path("no_such_scenario.toml").string();
  try {
    (void)load_scenario(missing, parameters.registry);
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.kind() == Kind::file);
    CHECK(e.where() == SourceLocation{missing, 0, 0});
    CHECK(e.key().empty());
    CHECK(std::string(e.what()) ==
          missing + ": expected a readable scenario file, found no such file");
  }
  CHECK_THROWS_WITH(load_scenario(data_path("variants"), parameters.registry),
                    Catch::Contains("variants: expected a readable scenario file, found a "
                                    "directory"));
}

TEST_CASE("every scenario error is an InputError and an engine Error", "[loader][errors]") {
  const TestParameters parameters;
  CHECK_THROWS_AS(load_scenario_text("years = 5\n", "s.toml", parameters.registry),
                  wijksim::engine::InputError);
  CHECK_THROWS_AS(load_scenario_text("years = 5\n", "s.toml", parameters.registry),
                  wijksim::engine::Error);
  CHECK(to_string(Kind::inconsistent) == "inconsistent");
  CHECK(to_string(Kind::unknown_key) == "unknown key");
}
