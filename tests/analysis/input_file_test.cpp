#include "wijksim/analysis/input_file.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "wijksim/analysis/file_description.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/read_series.hpp"
#include "wijksim/analysis/series_writer.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
// A complete output of some size: a few hundred KiB, so that a truncated copy cuts data.
std::filesystem::path write_real_file(const TempDir& dir) {
  const auto path = dir / "real.h5";
  auto file = OutputFile::create(path);
  const Group run = file.create_run("r1");
  auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
  SeriesWriter<double> x(run, {"x", {"tick"}, {}}, {.deflate_level = 0});
  for (int t = 0; t < 40000; ++t) {
    tick.append(t);
    x.append(t * 0.5);
  }
  tick.close();
  x.close();
  file.mark_complete(run);
  file.commit();
  return path;
}

// Opening `path` throws InputFileError whose message names the path and contains `reason`;
// describe_file does the same; HDF5 prints nothing.
void check_refused(const std::filesystem::path& path, const std::string& reason) {
  test::StderrCapture stderr_capture;
  try {
    const InputFile file(path);
    FAIL("no exception for " << path);
  } catch (const InputFileError& e) {
    CHECK(e.path() == path.string());
    CHECK_THAT(e.what(), Contains(path.string()) && Contains(reason));
  }
  CHECK_THROWS_AS(static_cast<void>(describe_file(path)), InputFileError);
  CHECK(stderr_capture.text().empty());
}
}  // namespace

TEST_CASE("a missing file is a clear error", "[input][errors]") {
  TempDir dir;
  check_refused(dir / "missing.h5", "no such file");
}

TEST_CASE("a directory is a clear error", "[input][errors]") {
  TempDir dir;
  check_refused(dir.path(), "is a directory");
}

TEST_CASE("an empty file is a clear error", "[input][errors]") {
  TempDir dir;
  test::write_text_file(dir / "empty.h5", "");
  check_refused(dir / "empty.h5", "is empty (0 bytes), not an HDF5 file");
}

TEST_CASE("a text file is a clear error", "[input][errors]") {
  TempDir dir;
  test::write_text_file(dir / "scenario.toml", "[run]\nyears = 10\n");
  check_refused(dir / "scenario.toml", "is not an HDF5 file (no HDF5 signature found)");
}

TEST_CASE("a truncated file is a clear error carrying HDF5's reason", "[input][errors]") {
  TempDir dir;
  const auto real = write_real_file(dir);
  REQUIRE(std::filesystem::file_size(real) > 100000);
  const std::string bytes = test::read_file(real);
  for (const std::size_t keep : {std::size_t{1000}, bytes.size() / 2, bytes.size() - 1}) {
    INFO("first " << keep << " bytes");
    const auto cut = dir / ("cut-" + std::to_string(keep) + ".h5");
    test::write_text_file(cut, bytes.substr(0, keep));
    check_refused(cut, "is an HDF5 file but cannot be opened: truncated or damaged");
    try {
      const InputFile file(cut);
    } catch (const InputFileError& e) {
      CHECK_THAT(e.hdf5_message(), Contains("truncated file"));
    }
  }
}

TEST_CASE("a foreign HDF5 file opens but is not taken for a wijksim output", "[input][errors]") {
  TempDir dir;
  const auto path = dir / "foreign.h5";
  const hid_t file =
      H5Fcreate(path.c_str(), test::h5_trunc(), test::h5_default(), test::h5_default());
  REQUIRE(file >= 0);
  const hsize_t extent = 3;
  const hid_t space = H5Screate_simple(1, &extent, nullptr);
  const hid_t dataset = H5Dcreate2(file, "data", test::h5_native_int(), space, test::h5_default(),
                                   test::h5_default(), test::h5_default());
  const int values[3] = {1, 2, 3};
  REQUIRE(H5Dwrite(dataset, test::h5_native_int(), test::h5_all(), test::h5_all(),
                   test::h5_default(), values) >= 0);
  H5Dclose(dataset);
  H5Sclose(space);
  H5Fclose(file);

  const InputFile in(path);
  CHECK_FALSE(in.wijksim_format_version());
  CHECK_FALSE(in.is_complete());
  CHECK(in.runs().empty());
  CHECK_THROWS_WITH(in.require_wijksim_output(),
                    Contains(path.string() + ": is an HDF5 file but not a wijksim output"));
  CHECK_THROWS_WITH(static_cast<void>(in.open_run("r1")), Contains("has no run 'r1'"));
  CHECK_THROWS_WITH(static_cast<void>(describe_file(path)), Contains("not a wijksim output"));
  const FileDescription description = describe_file(path, {.allow_foreign = true});
  REQUIRE(description.root.datasets.size() == 1);
  CHECK(description.root.datasets[0].dtype == "int32");
  CHECK(description.root.datasets[0].dimensions == std::vector<std::string>{""});
  CHECK(read_series<std::int64_t>(in.root(), "data").values == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("reading what is not there, or not numbers, is a clear error", "[input][errors]") {
  TempDir dir;
  const auto path = write_real_file(dir);
  const InputFile in(path);
  const Group run = in.open_run("r1");
  CHECK_THROWS_WITH(static_cast<void>(read_series<double>(run, "nope")),
                    Contains("/runs/r1: has no dataset 'nope'"));
  CHECK_THROWS_WITH(static_cast<void>(read_series<std::int32_t>(run, "x")),
                    Contains("holds floating-point values; reading it as int32 would cut them"));
  CHECK_THROWS_WITH(static_cast<void>(run.open_group("x")), Contains("has no group 'x'"));
  CHECK_THROWS_WITH(static_cast<void>(read_strings(run, "x")), Contains("does not hold strings"));
}
