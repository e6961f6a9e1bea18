// Time to append N ticks of a (tick, 8) float64 series, compressed (shuffle + deflate 4),
// written one tick at a time with the chunk cache too small and sized right, and through
// SeriesWriter (rows buffered, whole chunks written). Documents why the layer sizes the cache
// and buffers chunks: a chunk that does not fit in the cache is read back, decompressed and
// recompressed on every partial write. Not run by ctest.
//
// usage: h5_append_bench [ticks]   (default 2000; the slow variants take about 15 ms a tick)
#include <hdf5.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/series_writer.hpp"

namespace wa = wijksim::analysis;

namespace {
constexpr hsize_t kWidth = 8;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-conversion"
hid_t h5_default() { return H5P_DEFAULT; }
hid_t native_double() { return H5T_NATIVE_DOUBLE; }
hid_t le_double() { return H5T_IEEE_F64LE; }
unsigned trunc_flag() { return H5F_ACC_TRUNC; }
hsize_t unlimited() { return H5S_UNLIMITED; }
#pragma GCC diagnostic pop

double value(hsize_t t, hsize_t d) {
  return std::sin(0.001 * static_cast<double>(t) + static_cast<double>(d));
}

// Appends `ticks` rows one H5Dwrite at a time (what a naive recorder does), with chunks of
// `chunk_rows` ticks and a chunk cache of `cache_bytes` (0: no cache).
void per_tick(const std::string& path, hsize_t ticks, hsize_t chunk_rows, std::size_t cache_bytes) {
  const hid_t file = H5Fcreate(path.c_str(), trunc_flag(), h5_default(), h5_default());
  hsize_t current[2] = {0, kWidth};
  hsize_t maximum[2] = {unlimited(), kWidth};
  const hid_t space = H5Screate_simple(2, current, maximum);
  const hid_t create = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g);
  const hsize_t chunk[2] = {chunk_rows, kWidth};
  H5Pset_chunk(create, 2, chunk);
  H5Pset_shuffle(create);
  H5Pset_deflate(create, 4);
  const hid_t access = H5Pcreate(H5P_CLS_DATASET_ACCESS_ID_g);
  H5Pset_chunk_cache(access, 521, cache_bytes, 1.0);
  const hid_t dataset = H5Dcreate2(file, "x", le_double(), space, h5_default(), create, access);
  const hsize_t row_extent[2] = {1, kWidth};
  const hid_t row_space = H5Screate_simple(2, row_extent, nullptr);
  std::vector<double> row(kWidth);
  for (hsize_t t = 0; t < ticks; ++t) {
    for (hsize_t d = 0; d < kWidth; ++d) row[d] = value(t, d);
    const hsize_t extent[2] = {t + 1, kWidth};
    H5Dset_extent(dataset, extent);
    const hid_t file_space = H5Dget_space(dataset);
    const hsize_t start[2] = {t, 0};
    H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, row_extent, nullptr);
    H5Dwrite(dataset, native_double(), row_space, file_space, h5_default(), row.data());
    H5Sclose(file_space);
  }
  H5Sclose(row_space);
  H5Dclose(dataset);
  H5Pclose(access);
  H5Pclose(create);
  H5Sclose(space);
  H5Fclose(file);
}

void series_writer(const std::string& path, hsize_t ticks) {
  auto file = wa::OutputFile::create(path, {.overwrite = true});
  const wa::Group run = file.create_run("r1");
  auto tick = wa::add_unlimited_dimension<std::int32_t>(run, "tick", {});
  wa::add_dimension(run, "column", std::vector<std::int32_t>{0, 1, 2, 3, 4, 5, 6, 7});
  wa::SeriesWriter<double> x(run, {"x", {"tick", "column"}, {}});
  std::vector<double> row(kWidth);
  for (hsize_t t = 0; t < ticks; ++t) {
    for (hsize_t d = 0; d < kWidth; ++d) row[d] = value(t, d);
    tick.append(static_cast<std::int32_t>(t));
    x.append(row);
  }
  tick.close();
  x.close();
  file.mark_complete(run);
  file.commit();
}

double seconds(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  const hsize_t ticks = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000;
  const auto directory = std::filesystem::temp_directory_path() /
                         ("wijksim-h5-append-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "bench.h5").string();
  std::printf("appending %llu ticks of a (tick, 8) float64 series, shuffle + deflate 4\n",
              static_cast<unsigned long long>(ticks));
  std::printf("%-62s %9s %11s\n", "variant", "seconds", "us/tick");
  const auto report = [&](const char* name, double s) {
    std::printf("%-62s %9.3f %11.2f\n", name, s, 1e6 * s / static_cast<double>(ticks));
  };
  report("per-tick writes, 256 KiB chunks, no chunk cache",
         seconds([&] { per_tick(path, ticks, 4096, 0); }));
  report("per-tick writes, 256 KiB chunks, 512 KiB cache (2 chunks)",
         seconds([&] { per_tick(path, ticks, 4096, 512 * 1024); }));
  report("per-tick writes, 2 MiB chunks, default 1 MiB cache (too small)",
         seconds([&] { per_tick(path, ticks, 32768, 1 << 20); }));
  report("per-tick writes, 2 MiB chunks, 4 MiB cache (2 chunks)",
         seconds([&] { per_tick(path, ticks, 32768, 4 << 20); }));
  report("SeriesWriter: buffered, whole 128 KiB chunks, sized cache",
         seconds([&] { series_writer(path, ticks); }));
  std::filesystem::remove_all(directory);
  return 0;
}
