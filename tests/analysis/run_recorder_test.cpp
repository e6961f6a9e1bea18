#include "wijksim/analysis/run_recorder.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "test_support.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/read_series.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;
using wijksim::engine::Tick;

namespace {

struct RecordedEvent {
  std::int32_t tick;
  std::uint8_t kind;
  std::int64_t who;
};

/// A source whose values are formulas of the tick, so that every recorded value can be checked.
class FormulaSource final : public RecordingSource {
 public:
  std::vector<std::int32_t> skipped;
  std::vector<std::int32_t> filled;
  std::vector<std::int32_t> panel_ticks;
  std::int32_t units_asked_at = -1;
  std::size_t wrong_length_at = SIZE_MAX;  // tick at which series 0 gets one value too many

  void skip(Tick tick) override { skipped.push_back(tick.value()); }
  void fill(Tick tick, std::vector<SeriesValues>& values) override {
    filled.push_back(tick.value());
    const double t = tick.value();
    values[0].real = {t, 2 * t, 3 * t};     // (tick, place)
    values[1].count = {tick.value() * 10};  // (tick)
    if (static_cast<std::size_t>(tick.value()) == wrong_length_at) values[0].real.push_back(0.0);
  }
  void events(Tick tick, std::size_t table, std::vector<std::byte>& records) override {
    REQUIRE(table == 0);
    // tick t has t % 3 events.
    for (int k = 0; k < tick.value() % 3; ++k) {
      const RecordedEvent e{tick.value(), static_cast<std::uint8_t>(k), 100 * tick.value() + k};
      const auto* bytes = reinterpret_cast<const std::byte*>(&e);
      records.insert(records.end(), bytes, bytes + sizeof e);
    }
  }
  std::vector<std::int64_t> panel_units(Tick first, std::size_t count) override {
    units_asked_at = first.value();
    CHECK(count == 5);
    return {7, 11, 13};  // fewer than asked
  }
  void fill_panel(Tick tick, std::size_t panel, std::span<float> values) override {
    REQUIRE(panel == 0);
    panel_ticks.push_back(tick.value());
    REQUIRE(values.size() == 3 * 3);
    for (std::size_t i = 0; i < values.size(); ++i) {
      CHECK(std::isnan(values[i]));  // handed over as "no value"
      if (i != 4) values[i] = static_cast<float>(tick.value()) + 0.25F * static_cast<float>(i);
    }
  }
};

RecordingDescription description(bool with_panels) {
  RecordingDescription d;
  d.dimensions = {{"place", {"Noord", "Zuid", "Oost"}, {}, {.long_name = "place"}},
                  {"score", {}, {1, 2, 3}, {.long_name = "score"}}};
  d.series = {{"x", {"place"}, ElementType::float64, {.units = "h", .long_name = "x"}},
              {"n", {}, ElementType::int64, {.units = "1"}}};
  d.event_tables = {{"log",
                     sizeof(RecordedEvent),
                     {EventField::of<std::int32_t>("tick", offsetof(RecordedEvent, tick)),
                      EventField::enumeration("kind", offsetof(RecordedEvent, kind), {"a", "b"}),
                      EventField::of<std::int64_t>("who", offsetof(RecordedEvent, who))},
                     {.description = "one row per event"}}};
  if (with_panels) {
    d.panels = PanelDescription{
        "resident", {.long_name = "sampled resident"}, 5, 4, {{"p", {"score"}, {.units = "1"}}}};
  }
  return d;
}

Provenance provenance() {
  Provenance p;
  p.run_id = "ignored";
  p.seed = 42;
  p.scenario_name = "test";
  p.program_version = "wijksim test";
  p.threads = 2;
  p.start_time = "2025-01-06T09:30:00Z";
  p.end_time = "2025-01-06T09:31:00Z";
  p.parameters = {{"a.b", "1", "1", "assumption: test"}};
  return p;
}

/// Drives the recorder as Simulation::run does: ticks [0, end), in segments.
void drive(RunRecorder& recorder, int end) {
  recorder.on_run_begin(Tick{0});
  for (int t = 0; t < end; ++t) {
    recorder.on_tick_end(Tick{t});
    if (t == 9) {  // a scheduled change splits the run in two calls of Simulation::run
      recorder.on_run_end(Tick{t}, false);
      recorder.on_run_begin(Tick{t + 1});
    }
  }
  recorder.on_run_end(Tick{end - 1}, false);
}

}  // namespace

TEST_CASE("the recorder writes series, events and panels from the first recorded tick on",
          "[recorder]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  FormulaSource source;
  {
    auto file = OutputFile::create(path);
    RunRecorder recorder(file, "r7", description(true), source,
                         {.first_tick = Tick{5}, .expected_ticks = 15});
    CHECK(recorder.panel_expected_bytes() ==
          5 * 3 * 4 * 4);  // 5 units × 3 scores × float32 × 4 samples
    drive(recorder, 20);
    CHECK(recorder.recorded_ticks() == 15);
    CHECK(recorder.event_rows(0) == 15);  // ticks 5..19: t % 3 events each
    recorder.finish(provenance());
    file.commit();
  }
  CHECK(source.skipped == std::vector<std::int32_t>{0, 1, 2, 3, 4});
  CHECK(source.filled.size() == 15);
  CHECK(source.units_asked_at == 5);
  CHECK(source.panel_ticks == std::vector<std::int32_t>{5, 9, 13, 17});

  const InputFile in(path);
  CHECK(in.is_complete());
  REQUIRE(in.runs().size() == 1);
  CHECK(in.runs()[0].id == "r7");
  CHECK(in.runs()[0].is_complete);
  const Group run = in.open_run("r7");
  const auto tick = read_series<std::int32_t>(run, "tick");
  REQUIRE(tick.values.size() == 15);
  for (int i = 0; i < 15; ++i) CHECK(tick.values[static_cast<std::size_t>(i)] == i + 5);
  const auto x = read_series<double>(run, "x");
  CHECK(x.dimensions == std::vector<std::string>{"tick", "place"});
  for (std::uint64_t i = 0; i < 15; ++i) {
    const double t = static_cast<double>(i + 5);
    CHECK(x.at({i, 0}) == t);
    CHECK(x.at({i, 2}) == 3 * t);
  }
  const auto n = read_series<std::int64_t>(run, "n");
  CHECK(n.dimensions == std::vector<std::string>{"tick"});
  CHECK(n.values.front() == 50);
  CHECK(n.values.back() == 190);
  CHECK(read_strings(run, "place") == std::vector<std::string>{"Noord", "Zuid", "Oost"});
  CHECK(read_series<std::int64_t>(run, "score").values == std::vector<std::int64_t>{1, 2, 3});

  const Group panels = run.open_group("panels");
  CHECK(read_series<std::int32_t>(panels, "panel_tick").values ==
        std::vector<std::int32_t>{5, 9, 13, 17});
  CHECK(read_series<std::int64_t>(panels, "resident").values ==
        std::vector<std::int64_t>{7, 11, 13});
  CHECK(read_series<std::int64_t>(panels, "score").values ==
        std::vector<std::int64_t>{1, 2, 3});  // labels for xarray
  const auto p = read_series<float>(panels, "p");
  CHECK(p.dimensions == std::vector<std::string>{"panel_tick", "resident", "score"});
  CHECK(p.shape == std::vector<std::uint64_t>{4, 3, 3});
  CHECK(p.at({1, 0, 1}) == 9.25F);
  CHECK(std::isnan(p.at({2, 1, 1})));  // never filled: NaN

  const Provenance read = read_provenance(run);
  CHECK(read.run_id == "r7");  // the run's own id, whatever the caller wrote
  CHECK(read.seed == 42);
  CHECK(read.parameters.size() == 1);

  // The event log: compound rows read back whole.
  const Node log = run.open_group("events").open_dataset("log");
  const auto space = H5Dget_space(log.id());
  hsize_t rows = 0;
  H5Sget_simple_extent_dims(space, &rows, nullptr);
  H5Sclose(space);
  CHECK(rows == 15);
}

TEST_CASE("without panels there is no panels group, and a run stopped early is never complete",
          "[recorder]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  FormulaSource source;
  {
    auto file = OutputFile::create(path);
    RunRecorder recorder(file, "r1", description(false), source, {.first_tick = Tick{0}});
    CHECK(recorder.panel_expected_bytes() == 0);
    recorder.on_tick_end(Tick{0});
    recorder.on_tick_end(Tick{1});
    recorder.on_run_end(Tick{1}, true);
    // The caller abandons the file: no commit.
  }
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(dir.names().empty());  // the temporary file is gone too
  CHECK(source.units_asked_at == -1);
}

TEST_CASE("the recorder refuses a wrong description or wrong values", "[recorder]") {
  TempDir dir;
  FormulaSource source;
  auto file = OutputFile::create(dir / "run.h5");
  SECTION("a series naming an undeclared dimension") {
    auto d = description(false);
    d.series[0].dimensions = {"nowhere"};
    CHECK_THROWS_WITH(RunRecorder(file, "r1", d, source),
                      Contains("dimension 'nowhere' is not declared"));
  }
  SECTION("a float32 series") {
    auto d = description(false);
    d.series[1].type = ElementType::float32;
    CHECK_THROWS_WITH(RunRecorder(file, "r1", d, source),
                      Contains("float64 or int64, not float32"));
  }
  SECTION("a series named like a dimension") {
    auto d = description(false);
    d.series[1].name = "place";
    CHECK_THROWS_WITH(RunRecorder(file, "r1", d, source),
                      Contains("series 'place' repeats a name"));
  }
  SECTION("a tick with the wrong number of values") {
    source.wrong_length_at = 3;
    RunRecorder recorder(file, "r1", description(false), source);
    recorder.on_tick_end(Tick{0});
    recorder.on_tick_end(Tick{1});
    recorder.on_tick_end(Tick{2});
    CHECK_THROWS_WITH(recorder.on_tick_end(Tick{3}), Contains("tick 3 has 4 values, expected 3"));
  }
  SECTION("a tick after finish") {
    RunRecorder recorder(file, "r1", description(false), source);
    recorder.on_tick_end(Tick{0});
    recorder.finish(provenance());
    CHECK_THROWS_WITH(recorder.on_tick_end(Tick{1}), Contains("after the recording was finished"));
  }
}

/// Rows per chunk along the first dimension of `dataset`.
hsize_t chunk_rows(const Node& dataset) {
  const hid_t create = H5Dget_create_plist(dataset.id());
  hsize_t chunk[4] = {0, 0, 0, 0};
  const int rank = H5Pget_chunk(create, 4, chunk);
  H5Pclose(create);
  return rank > 0 ? chunk[0] : 0;
}

TEST_CASE("chunks that fill during the run are written beside it and read back whole", "[recorder]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  FormulaSource source;
  double background = 0.0;
  {
    auto file = OutputFile::create(path);
    StorageOptions storage;
    storage.chunk_bytes = 64;  // x (3 float64 a tick): 2 ticks a chunk; the event log: 4 rows
    RunRecorder recorder(file, "r1", description(false), source,
                         {.first_tick = Tick{0}, .expected_ticks = 30, .ticks_per_chunk = 4, .storage = storage});
    drive(recorder, 30);
    recorder.finish(provenance());
    background = recorder.background_seconds();
    file.commit();
  }
  CHECK(background > 0.0);  // the full chunks went through the writer thread
  const InputFile in(path);
  CHECK(in.is_complete());
  const Group run = in.open_run("r1");
  const auto x = read_series<double>(run, "x");
  REQUIRE(x.shape == std::vector<std::uint64_t>{30, 3});
  for (std::uint64_t i = 0; i < 30; ++i) CHECK(x.at({i, 1}) == 2.0 * static_cast<double>(i));
  const auto n = read_series<std::int64_t>(run, "n");
  REQUIRE(n.values.size() == 30);
  for (std::size_t i = 0; i < 30; ++i) CHECK(n.values[i] == 10 * static_cast<std::int64_t>(i));
  CHECK(chunk_rows(run.open_dataset("x")) == 2);  // capped by the chunk's bytes
  CHECK(chunk_rows(run.open_dataset("n")) == 4);  // capped by ticks_per_chunk
  // The event log: t % 3 events at tick t, 30 rows in 8 chunks (the last one partial).
  const Node log = run.open_group("events").open_dataset("log");
  CHECK(chunk_rows(log) == 4);
  const hid_t space = H5Dget_space(log.id());
  hsize_t rows = 0;
  H5Sget_simple_extent_dims(space, &rows, nullptr);
  H5Sclose(space);
  CHECK(rows == 30);
}
