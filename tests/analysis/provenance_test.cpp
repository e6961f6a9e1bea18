#include "wijksim/analysis/provenance.hpp"

#include <catch2/catch.hpp>
#include <chrono>

#include "test_support.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/read_series.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
Provenance sample() {
  Provenance p;
  p.run_id = "r1";
  p.seed = 0xFFFFFFFFFFFFFFF0ULL;
  p.scenario_name = "scenarios/wraparound.toml";
  p.scenario_text = std::string("[run]\nyears = 10\n# één\n") + std::string(5000, '#');
  p.parameters = {{"run.years", "10", "years", "MODEL.md §2"},
                  {"care.outreach_enabled", "true", "", "scenario wraparound.toml:7"}};
  p.program_version = "wijksim 0.1.0";
  p.compiler = "GNU 12.2.0";
  p.build_type = "Release";
  p.build_flags = "-O3";
  p.threads = 4;
  p.start_time = "2025-01-06T09:30:00Z";
  p.end_time = "2025-01-06T10:02:59.5Z";
  return p;
}
}  // namespace

TEST_CASE("provenance is written on the run and read back whole", "[provenance]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    write_provenance(run, sample());
    file.mark_complete(run);
    file.commit();
  }
  const InputFile in(path);
  const Group run = in.open_run("r1");
  CHECK(read_provenance(run) == sample());
  const Group table = run.open_group("provenance").open_group("parameters");
  CHECK(read_strings(table, "parameter") ==
        std::vector<std::string>{"run.years", "care.outreach_enabled"});
  CHECK(read_strings(table, "source").at(0) == "MODEL.md §2");
}

TEST_CASE("an empty parameter table is still a table", "[provenance]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  const Group run = file.create_run("r1");
  Provenance p = sample();
  p.parameters.clear();
  write_provenance(run, p);
  CHECK(read_provenance(run) == p);
}

TEST_CASE("provenance with missing or malformed items is refused", "[provenance][errors]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  int runs = 0;
  const auto refused = [&](const Provenance& p, const std::string& message) {
    std::string id = "r";  // not "r" + ...: GCC 12 -Wrestrict false positive (PR 105651)
    id += std::to_string(++runs);
    const Group run = file.create_run(id);
    CHECK_THROWS_WITH(write_provenance(run, p), Contains("provenance: " + message));
  };
  Provenance p = sample();
  p.start_time = "2025-01-06 09:30";
  refused(p, "start time '2025-01-06 09:30' is not ISO 8601 UTC");
  p = sample();
  p.end_time = "2025-01-06T10:00:00+01:00";
  refused(p, "end time '2025-01-06T10:00:00+01:00' is not ISO 8601 UTC");
  p = sample();
  p.threads = 0;
  refused(p, "threads is 0, expected >= 1");
  p = sample();
  p.parameters.push_back(p.parameters.front());
  refused(p, "parameter 'run.years' is listed twice");
  p = sample();
  p.run_id.clear();
  refused(p, "run id is empty");
  p = sample();
  p.program_version.clear();
  refused(p, "program version is empty");
}

TEST_CASE("times are written as ISO 8601 UTC", "[provenance]") {
  using namespace std::chrono;
  const auto time = sys_days{2025y / January / 6} + 9h + 5min + 7s + 900ms;
  CHECK(iso8601_utc(time) == "2025-01-06T09:05:07Z");
  CHECK(iso8601_utc(sys_days{1999y / December / 31} + 23h + 59min + 59s) == "1999-12-31T23:59:59Z");
}
