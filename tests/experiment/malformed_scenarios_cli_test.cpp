// Malformed scenario files handed to the `wijksim` program, as a user would: every one must exit
// non-zero, say on stderr which file, line and key is wrong, and write nothing — not even a
// temporary file — in the folder it runs in, which is also where `run --out` is pointed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "run_program.hpp"

using wijksim::cli::testing::run_program;
using wijksim::cli::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct MalformedCase {
  const char* file;        ///< under data/malformed/
  const char* error_file;  ///< the file the error names, when not `file` itself
  std::uint32_t line;
  const char* key;         ///< "" for a syntax error, which has none
  const char* says;        ///< a part of the message (what was expected or found)
};

// clang-format off
const MalformedCase kCases[] = {
  {"unknown_top_level_key.toml", "", 2, "integration", "did you mean 'care.integration'?"},
  {"misspelt_care_key.toml", "", 4, "care.outreech", "did you mean 'care.outreach'?"},
  {"misspelt_topic.toml", "", 3, "cares.outreach", "an unknown name"},
  {"string_for_number.toml", "", 3, "care.outreach", "a string \"high\""},
  {"bool_for_number.toml", "", 2, "care.integration", "a number in [0, 1]"},
  {"fraction_for_integer.toml", "", 3, "care.max_professionals_per_household", "an integer"},
  {"above_range.toml", "", 3, "care.integration", "1.5"},
  {"below_range.toml", "", 2, "care.fte_scale", "-0.2"},
  {"zero_years.toml", "", 3, "run.years", "an integer in [1, 100]"},
  {"array_for_number.toml", "", 3, "care.network_activation", "an array"},
  {"table_for_number.toml", "", 2, "care.outreach", "a table"},
  {"date_for_number.toml", "", 2, "population.deprivation", "a date"},
  {"not_a_number.toml", "", 3, "population.deprivation", "nan"},
  {"specialist_misspelt.toml", "", 3, "care.specialist_social_network.fte_per_1000_residents", "an unknown name"},
  {"generalist_skill_inconsistent.toml", "", 4, "care.generalist_start_skill", "generalists grow, not shrink"},
  {"effect_shares_inconsistent.toml", "", 3, "care.technique_share", "shares summing to 1.35"},
  {"carer_thresholds_inconsistent.toml", "", 4, "informal.stop_threshold", "carers cut back before they stop"},
  {"schedule_misspelt_key.toml", "", 5, "schedule[0].set.care.fte_scal", "did you mean 'care.fte_scale'?"},
  {"schedule_out_of_range.toml", "", 6, "schedule[0].set.care.fte_scale", "a number in [0, 10]"},
  {"schedule_beyond_horizon.toml", "", 5, "schedule[0].year", "a year in [0, "},
  {"schedule_changes_horizon.toml", "", 4, "schedule[0].set.run.years", "may change during a run"},
  {"schedule_without_year.toml", "", 2, "schedule[0].year", "no 'year'"},
  {"schedule_inconsistent.toml", "", 5, "care.generalist_start_skill", "from year 1 of the schedule"},
  {"schedule_apply_missing.toml", "", 4, "schedule[0].apply", "wraparound_v2.toml"},
  {"extends_missing.toml", "", 2, "extends", "no_such_base.toml"},
  {"extends_malformed.toml", "above_range.toml", 3, "care.integration", "1.5"},
  {"description_not_string.toml", "", 2, "description", "an integer 42"},
  {"syntax_missing_value.toml", "", 3, "", "a syntax error"},
};
// clang-format on

fs::path malformed(const std::string& name) { return fs::path(WIJKSIM_EXPERIMENT_TEST_DATA) / "malformed" / name; }

bool has_no_entries(const fs::path& dir) { return fs::directory_iterator(dir) == fs::directory_iterator(); }

/// Runs `command` with "FILE" replaced by the malformed file and "OUT" by `x.h5` in the
/// (empty) folder the program runs in; checks the refusal and that the folder stays empty.
void check_refused(const MalformedCase& c, const std::vector<std::string>& command) {
  const std::string file = malformed(c.file).string();
  const std::string names = *c.error_file != '\0' ? malformed(c.error_file).string() : file;
  const TempDir work(std::string("malformed_work_") + command.front());
  const TempDir capture(std::string("malformed_capture_") + command.front());
  std::vector<std::string> args;
  for (const auto& a : command) args.push_back(a == "FILE" ? file : a == "OUT" ? (work.path() / "x.h5").string() : a);
  const auto outcome = run_program(WIJKSIM_BINARY, args, work.path(), capture.path());
  INFO("wijksim " << command.front() << " " << c.file << "\nstderr: " << outcome.err << "stdout: " << outcome.out);
  CHECK(outcome.exit_code == 1);
  CHECK_THAT(outcome.err, Catch::Contains(names + ":" + std::to_string(c.line) + ":"));
  if (*c.key != '\0') CHECK_THAT(outcome.err, Catch::Contains("key '" + std::string(c.key) + "'"));
  CHECK_THAT(outcome.err, Catch::Contains(c.says));
  CHECK(outcome.out.empty());
  CHECK(has_no_entries(work.path()));  // nothing written where the program ran, nor at --out
}

}  // namespace

TEST_CASE("params refuses each malformed scenario, naming file, line and key, writing nothing", "[cli][errors]") {
  for (const auto& c : kCases) check_refused(c, {"params", "FILE"});
}

TEST_CASE("run --out refuses each malformed scenario, creating no output or temporary file", "[cli][errors]") {
  for (const auto& c : kCases) check_refused(c, {"run", "FILE", "--out", "OUT", "--quiet"});
}

TEST_CASE("run --out writes x.h5 in the folder the malformed table watches, for a sound scenario", "[cli][errors]") {
  // The control of the cases above: their "nothing in the folder" would pass for a program that
  // wrote its output elsewhere; a sound scenario run the same way must leave exactly x.h5 there.
  const TempDir work("malformed_control_work");
  const TempDir capture("malformed_control_capture");
  const std::string out = (work.path() / "x.h5").string();
  const auto outcome = run_program(WIJKSIM_BINARY,
                                   {"run", "reference", "--years", "1", "--set", "population.dwellings_per_neighbourhood=300",
                                    "--threads", "1", "--quiet", "--out", out},
                                   work.path(), capture.path());
  INFO("stderr: " << outcome.err);
  CHECK(outcome.exit_code == 0);
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(work.path())) entries.push_back(entry.path().filename().string());
  CHECK(entries == std::vector<std::string>{"x.h5"});
}

TEST_CASE("compare refuses each malformed scenario before any run, naming file, line and key", "[cli][errors]") {
  // Two years: the malformed schedules change things in year 1, which a 1-year run refuses first.
  for (const auto& c : kCases) check_refused(c, {"compare", "FILE", "--replicates", "1", "--years", "2", "--quiet", "--out", "OUT"});
}

TEST_CASE("compare refuses a malformed second arm although the first is fine", "[cli][errors]") {
  check_refused(kCases[1], {"compare", "expert", "FILE", "--replicates", "1", "--quiet", "--out", "OUT"});
}

TEST_CASE("the malformed table covers every file in data/malformed, and there are at least 20 with a key",
          "[cli][errors]") {
  std::set<std::string> listed;
  std::size_t keyed = 0;
  for (const auto& c : kCases) {
    listed.insert(c.file);
    keyed += *c.key != '\0' ? 1 : 0;
  }
  std::set<std::string> present;
  for (const auto& entry : fs::directory_iterator(fs::path(WIJKSIM_EXPERIMENT_TEST_DATA) / "malformed")) {
    present.insert(entry.path().filename().string());
  }
  CHECK(listed == present);
  CHECK(keyed >= 20);
}

TEST_CASE("a misspelt shipped scenario name lists the shipped scenarios", "[cli][errors]") {
  const TempDir work("misspelt_work");
  const TempDir capture("misspelt_capture");
  const auto outcome = run_program(WIJKSIM_BINARY, {"compare", "wrapround", "--quiet"}, work.path(), capture.path());
  CHECK(outcome.exit_code == 1);
  CHECK_THAT(outcome.err, Catch::Contains("scenario 'wrapround'") && Catch::Contains("wraparound") &&
                              Catch::Contains("no such file or shipped scenario"));
  CHECK(has_no_entries(work.path()));
}

TEST_CASE("a bad override names the command line and the key", "[cli][errors]") {
  const TempDir work("override_work");
  const TempDir capture("override_capture");
  const auto outcome =
      run_program(WIJKSIM_BINARY, {"compare", "--set", "care.outreach=2", "--replicates", "1", "--quiet"}, work.path(), capture.path());
  CHECK(outcome.exit_code == 1);
  CHECK_THAT(outcome.err, Catch::Contains("<command line>") && Catch::Contains("key 'care.outreach'") &&
                              Catch::Contains("a number in [0, 1]"));
}
