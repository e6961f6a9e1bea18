#include "wijksim/analysis/file_description.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/event_table_writer.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/provenance.hpp"
#include "wijksim/analysis/series_writer.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
struct Row {
  std::int32_t tick;
  double cost;
};

const DatasetDescription& find(const GroupDescription& group, const std::string& name) {
  for (const auto& d : group.datasets) {
    if (d.name == name) return d;
  }
  FAIL("no dataset " << name << " in " << group.path);
  throw std::logic_error("unreachable");
}

const GroupDescription& find_group(const GroupDescription& group, const std::string& name) {
  for (const auto& g : group.groups) {
    if (g.name == name) return g;
  }
  FAIL("no group " << name << " in " << group.path);
  throw std::logic_error("unreachable");
}

std::string attribute(const std::vector<AttributeDescription>& attributes,
                      const std::string& name) {
  for (const auto& a : attributes) {
    if (a.name == name) return a.value;
  }
  return "<absent>";
}
}  // namespace

TEST_CASE("describe_file lists groups, datasets and attributes as inspect shows them",
          "[describe]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {.units = "weeks"});
    add_dimension(run, "domain", std::vector<std::string>{"a", "b", "c"});
    SeriesWriter<double> x(run, {"x", {"tick", "domain"}, {.units = "EUR", .long_name = "cost"}},
                           {.deflate_level = 6});
    EventTableWriter log(run.create_group("events"),
                         {"log",
                          sizeof(Row),
                          {EventField::of<std::int32_t>("tick", offsetof(Row, tick)),
                           EventField::of<double>("cost", offsetof(Row, cost))}});
    for (int t = 0; t < 5; ++t) {
      tick.append(t);
      x.append(std::vector<double>{1, 2, 3});
      log.append(Row{t, 2.5 * t});
    }
    tick.close();
    x.close();
    log.close();
    Provenance p;
    p.run_id = "r1";
    p.seed = 7;
    p.scenario_text = std::string(500, 's');
    p.program_version = "wijksim test";
    p.threads = 1;
    p.start_time = p.end_time = "2025-01-01T00:00:00Z";
    write_provenance(run, p);
    file.mark_complete(run);
    file.commit();
  }
  const FileDescription d = describe_file(path);
  CHECK(d.format_version == 1);
  CHECK(d.is_complete);
  REQUIRE(d.runs.size() == 1);
  CHECK(d.runs[0].is_complete);
  CHECK(d.file_bytes == std::filesystem::file_size(path));
  CHECK(attribute(d.root.attributes, "format") == "\"wijksim\"");
  CHECK(attribute(d.root.attributes, "complete") == "1");

  const GroupDescription& run = find_group(find_group(d.root, "runs"), "r1");
  CHECK(run.path == "/runs/r1");
  CHECK(attribute(run.attributes, "seed") == "7");
  CHECK(attribute(run.attributes, "scenario_text") ==
        "\"" + std::string(60, 's') + "… (500 chars)\"");  // cut to max_string_chars

  const DatasetDescription& x = find(run, "x");
  CHECK(x.path == "/runs/r1/x");
  CHECK(x.shape == std::vector<std::uint64_t>{5, 3});
  CHECK_FALSE(x.max_shape[0].has_value());
  CHECK(x.max_shape[1] == 3);
  CHECK(x.dtype == "float64");
  CHECK(x.dimensions == std::vector<std::string>{"tick", "domain"});
  CHECK(x.chunks == std::vector<std::uint64_t>{5461, 3});
  CHECK(x.filters == "shuffle+deflate(6)");
  CHECK_FALSE(x.is_dimension_scale);
  CHECK(attribute(x.attributes, "units") == "\"EUR\"");
  CHECK(attribute(x.attributes, "_FillValue") == "nan");
  CHECK(attribute(x.attributes, "DIMENSION_LIST") == "<absent>");  // bookkeeping left out

  const DatasetDescription& tick = find(run, "tick");
  CHECK(tick.is_dimension_scale);
  CHECK(tick.dimensions == std::vector<std::string>{"tick"});
  CHECK(find(run, "domain").dtype == "string");

  const DatasetDescription& log = find(find_group(run, "events"), "log");
  CHECK(log.dtype == "{tick: int32, cost: float64}");
  CHECK(log.shape == std::vector<std::uint64_t>{5});

  const GroupDescription& parameters = find_group(find_group(run, "provenance"), "parameters");
  CHECK(find(parameters, "value").dimensions == std::vector<std::string>{"parameter"});

  const std::string text = format_description(d);
  CHECK_THAT(text, Contains("wijksim format 1, complete"));
  CHECK_THAT(text, Contains("runs: r1\n"));
  CHECK_THAT(text, Contains("x  float64 (5/unlimited, 3)  dims (tick, domain)  chunks (5461, 3)  "
                            "shuffle+deflate(6)"));
  CHECK_THAT(text, Contains("tick  int32 (5/unlimited)  dimension"));
  CHECK_THAT(text, Contains("@units = \"EUR\""));
}
