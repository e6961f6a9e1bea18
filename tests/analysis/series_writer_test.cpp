#include "wijksim/analysis/series_writer.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <memory>

#include "test_support.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/read_series.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
const std::vector<std::string> kDomains = {"finances", "housing", "health"};

double value(int t, int d) { return 1.5 * t - d; }
}  // namespace

TEST_CASE("a (tick, domain) series reads back across chunks and mid-chunk flushes", "[series]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {.units = "weeks"});
    add_dimension(run, "domain", kDomains);
    // 3 doubles a tick, 240-byte chunks: 10 ticks a chunk.
    SeriesWriter<double> x(run, {"x", {"tick", "domain"}, {.units = "h"}}, {.chunk_bytes = 240});
    CHECK(x.chunk_shape() == std::vector<std::uint64_t>{10, 3});
    CHECK(x.values_per_tick() == 3);
    for (int t = 0; t < 37; ++t) {
      tick.append(t);
      const std::vector<double> row{value(t, 0), value(t, 1), value(t, 2)};
      x.append(row);
      if (t == 14 || t == 15 || t == 29) x.flush();  // partial chunks, written again when full
      if (t == 15) x.flush();                        // a second flush changes nothing
    }
    CHECK(x.ticks() == 37);
    // Two ticks at once.
    tick.append(std::vector<std::int32_t>{37, 38});
    x.append(std::vector<double>{value(37, 0), value(37, 1), value(37, 2), value(38, 0),
                                 value(38, 1), value(38, 2)});
    tick.close();
    x.close();
    x.close();  // idempotent
    file.mark_complete(run);
    file.commit();
  }
  const InputFile in(path);
  const Series<double> x = read_series<double>(in.open_run("r1"), "x");
  CHECK(x.shape == std::vector<std::uint64_t>{39, 3});
  CHECK(x.dimensions == std::vector<std::string>{"tick", "domain"});
  for (int t = 0; t < 39; ++t) {
    for (int d = 0; d < 3; ++d) {
      INFO("tick " << t << " domain " << d);
      CHECK(x.at({static_cast<std::uint64_t>(t), static_cast<std::uint64_t>(d)}) == value(t, d));
    }
  }
  const Series<std::int32_t> tick = read_series<std::int32_t>(in.open_run("r1"), "tick");
  CHECK(tick.shape == std::vector<std::uint64_t>{39});
  CHECK(tick.values.back() == 38);
  CHECK(read_strings(in.open_run("r1"), "domain") == kDomains);
  // Integers read as doubles are converted.
  CHECK(read_series<double>(in.open_run("r1"), "tick").values.at(5) == 5.0);
}

TEMPLATE_TEST_CASE("every element type round-trips in 1 to 3 dimensions", "[series]", double, float,
                   std::int64_t, std::int32_t) {
  TempDir dir;
  const auto path = dir / "run.h5";
  constexpr int kTicks = 25;
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int64_t>(run, "tick", {});
    add_dimension(run, "a", std::vector<std::int32_t>{10, 20});
    add_dimension(run, "b", std::vector<double>{0.5, 1.5, 2.5});
    SeriesWriter<TestType> one(run, {"one", {"tick"}, {}}, {.chunk_bytes = 64});
    SeriesWriter<TestType> two(run, {"two", {"tick", "a"}, {}}, {.chunk_bytes = 64});
    SeriesWriter<TestType> three(run, {"three", {"tick", "a", "b"}, {}}, {.chunk_bytes = 64});
    for (int t = 0; t < kTicks; ++t) {
      tick.append(t);
      one.append(static_cast<TestType>(t));
      two.append(std::vector<TestType>{static_cast<TestType>(t), static_cast<TestType>(-t)});
      std::vector<TestType> row;
      for (int i = 0; i < 6; ++i) row.push_back(static_cast<TestType>(100 * t + i));
      three.append(row);
    }
    tick.close();
    one.close();
    two.close();
    three.close();
    file.mark_complete(run);
    file.commit();
  }
  const InputFile in(path);
  const Group run = in.open_run("r1");
  const auto one = read_series<TestType>(run, "one");
  const auto two = read_series<TestType>(run, "two");
  const auto three = read_series<TestType>(run, "three");
  CHECK(two.dimensions == std::vector<std::string>{"tick", "a"});
  CHECK(three.shape == std::vector<std::uint64_t>{kTicks, 2, 3});
  CHECK(three.dimensions == std::vector<std::string>{"tick", "a", "b"});
  for (std::uint64_t t = 0; t < kTicks; ++t) {
    const auto v = static_cast<double>(t);
    CHECK(static_cast<double>(one.at({t})) == v);
    CHECK(static_cast<double>(two.at({t, 1})) == -v);
    CHECK(static_cast<double>(three.at({t, 1, 2})) == 100 * v + 5);
  }
  CHECK(has_attribute(run.open_dataset("one"), "_FillValue") == std::is_floating_point_v<TestType>);
}

TEST_CASE("NaN is written and read back as NaN, the fill value of float series", "[series]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
    SeriesWriter<double> x(run, {"x", {"tick"}, {}});
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int t = 0; t < 4; ++t) {
      tick.append(t);
      x.append(t == 2 ? nan : 1.0 * t);
    }
    tick.close();
    x.close();
    file.mark_complete(run);
    file.commit();
  }
  const InputFile in(path);
  const auto x = read_series<double>(in.open_run("r1"), "x");
  CHECK(x.values[1] == 1.0);
  CHECK(std::isnan(x.values[2]));
  CHECK(std::isnan(
      std::get<double>(read_attribute(in.open_run("r1").open_dataset("x"), "_FillValue"))));
}

TEST_CASE("chunks are sized to the target, and split within a tick for large panels",
          "[series][chunks]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  const Group run = file.create_run("r1");
  auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
  CHECK(tick.chunk_shape() == std::vector<std::uint64_t>{32768});  // 128 KiB of int32
  add_dimension(run, "domain", std::vector<std::int32_t>{0, 1, 2, 3, 4, 5, 6, 7});
  std::vector<std::int64_t> residents(100000);
  for (std::size_t i = 0; i < residents.size(); ++i) residents[i] = static_cast<std::int64_t>(i);
  add_dimension(run, "resident", residents);

  SeriesWriter<double> by_domain(run, {"by_domain", {"tick", "domain"}, {}});
  CHECK(by_domain.chunk_shape() == std::vector<std::uint64_t>{2048, 8});  // 128 KiB
  SeriesWriter<double> short_run(run, {"short_run", {"tick", "domain"}, {}},
                                 {.expected_rows = 520});
  CHECK(short_run.chunk_shape() == std::vector<std::uint64_t>{520, 8});
  // 100000 residents x 8 domains x 4 bytes = 3.2 MB a tick: a chunk is 4096 residents.
  SeriesWriter<float> panel(run, {"panel", {"tick", "resident", "domain"}, {}});
  CHECK(panel.chunk_shape() == std::vector<std::uint64_t>{1, 4096, 8});

  // The chunk cache on the open dataset holds at least two chunks (and >= 1 MiB).
  for (const Node* dataset : {&by_domain.dataset(), &panel.dataset()}) {
    const hid_t access = H5Dget_access_plist(dataset->id());
    REQUIRE(access >= 0);
    std::size_t slots = 0;
    std::size_t bytes = 0;
    double w0 = 0;
    REQUIRE(H5Pget_chunk_cache(access, &slots, &bytes, &w0) >= 0);
    H5Pclose(access);
    CHECK(bytes >= std::max<std::size_t>(2 * 128 * 1024, 1 << 20));
    CHECK(w0 == 1.0);
  }
  // A panel tick is written whole and reads back.
  std::vector<float> slab(100000 * 8);
  for (std::size_t i = 0; i < slab.size(); ++i) slab[i] = static_cast<float>(i % 1000);
  tick.append(0);
  panel.append(slab);
  by_domain.append(std::vector<double>(8, 1.0));
  short_run.append(std::vector<double>(8, 2.0));
  tick.close();
  panel.close();
  by_domain.close();
  short_run.close();
  const auto back = read_series<float>(run, "panel");
  CHECK(back.shape == std::vector<std::uint64_t>{1, 100000, 8});
  CHECK(back.values == slab);
}

TEST_CASE("expected_bytes is ticks x fixed extents x element size", "[series]") {
  const std::vector<std::uint64_t> panel{1000, 8};
  CHECK(expected_bytes(ElementType::float32, panel, 520) == 520ULL * 1000 * 8 * 4);
  CHECK(expected_bytes(ElementType::float64, {}, 52) == 52ULL * 8);
  CHECK(expected_bytes(ElementType::int32, panel, 0) == 0);
}

TEST_CASE("series misuse is refused with the object and the reason", "[series][errors]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  const Group run = file.create_run("r1");
  auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
  add_dimension(run, "domain", kDomains);
  add_dimension(run, "none", std::vector<std::string>{});

  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"x", {"domain", "tick"}, {}}),
                    Contains("first dimension 'domain' is fixed"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"x", {"tick", "tick"}, {}}),
                    Contains("dimension 'tick' is unlimited; only the first"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"x", {"tick", "payer"}, {}}),
                    Contains("no dimension 'payer' in this group or above it"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"x", {"tick", "none"}, {}}),
                    Contains("dimension 'none' has no values"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"x", {}, {}}), Contains("at least its unlimited"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"x", {"tick"}, {}}, {.deflate_level = 10}),
                    Contains("deflate level 10 is out of range"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"domain", {"tick"}, {}}),
                    Contains("a group or dataset of this name exists"));
  CHECK_THROWS_WITH(SeriesWriter<double>(run, {"a/b", {"tick"}, {}}), Contains("not a valid name"));
  CHECK_THROWS_WITH(add_dimension(run, "domain", kDomains), Contains("cannot create dimension"));

  SeriesWriter<double> x(run, {"x", {"tick", "domain"}, {}});
  CHECK_THROWS_WITH(x.append(std::vector<double>{1.0, 2.0}),
                    Contains("cannot append 2 values: expected a multiple of 3"));
  CHECK_THROWS_WITH(x.append(1.0), Contains("cannot append 1 values"));
  x.close();
  CHECK_THROWS_WITH(x.append(std::vector<double>{1, 2, 3}), Contains("the writer is closed"));
  tick.close();
}

TEST_CASE("a run whose series and tick differ in length is not marked complete",
          "[series][errors]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  const Group run = file.create_run("r1");
  auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
  const Group panels = run.create_group("panels");
  SeriesWriter<double> x(panels, {"x", {"tick"}, {}});  // the tick of the enclosing group
  for (int t = 0; t < 10; ++t) tick.append(t);
  for (int t = 0; t < 9; ++t) x.append(1.0);
  tick.close();
  x.close();
  CHECK_THROWS_WITH(file.mark_complete(run),
                    Contains("/runs/r1/panels/x: has 9 entries along dimension 'tick', which "
                             "has 10 values"));
  CHECK_FALSE(file.is_run_complete("r1"));
}

TEST_CASE("a writer destroyed without close() still writes its rows", "[series]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    {
      auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
      SeriesWriter<double> x(run, {"x", {"tick"}, {}});
      for (int t = 0; t < 3; ++t) {
        tick.append(t);
        x.append(2.0 * t);
      }
    }
    file.mark_complete(run);
    file.commit();
  }
  const InputFile in(path);
  CHECK(read_series<double>(in.open_run("r1"), "x").values == std::vector<double>{0, 2, 4});
}

TEST_CASE("a writer that outlives its abandoned file is released without a crash", "[series]") {
  TempDir dir;
  std::unique_ptr<SeriesWriter<double>> x;  // (not std::optional: GCC 12 warns falsely in a unity build)
  {
    auto file = OutputFile::create(dir / "run.h5");
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
    x = std::make_unique<SeriesWriter<double>>(run, SeriesSpec{"x", {"tick"}, {}});
    x->append(1.0);
    tick.append(0);
  }  // the file is closed and deleted; `x` still holds a row
  CHECK(dir.names().empty());
  CHECK_THROWS_AS(x->close(), OutputError);  // its file is gone: reported, not a crash
  x.reset();
}
