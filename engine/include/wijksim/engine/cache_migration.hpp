#pragma once
// What it costs one core to work on state that another core wrote last, against state it wrote
// itself. A parallel phase leaves about half of every column it wrote in the other core's
// cache, so the serial phase after it fetches those lines core to core; when the state fits in
// the caches (the reference neighbourhood's ~4 MB) that fetch can cost several times a local
// hit, and it bounds the speed-up from 1 to 2 threads. When the state is far larger than the
// caches (a city), both cases come from memory and the ratio is ~1. `wijksim bench` prints it
// beside the speed-up, so that figure can be read on any machine.
#include <cstddef>

namespace wijksim::engine {

struct CacheMigrationFigures {
  std::size_t bytes = 0;                  ///< size of the state touched
  std::size_t touches = 0;                ///< random read-modify-writes timed per measurement
  double same_core_ns_per_touch = 0.0;    ///< state last written by the same core (best of the repeats)
  double other_core_ns_per_touch = 0.0;   ///< state last written by another core (best of the repeats)
  double ratio = 0.0;                     ///< other / same
  bool pinned = false;                    ///< every run was pinned: the two cases ran on two distinct CPUs
};

/// Measures it for `bytes` of floats (>= 4096; InputError otherwise), `repeats` times (>= 1),
/// keeping the fastest of each case. With two or more usable CPUs the writer and the reader
/// are pinned to the first two; with one, or where pinning is refused, the figures are
/// measured as the scheduler places the threads and `pinned` is false (the ratio may then be
/// ~1: both cases can run on one core).
[[nodiscard]] CacheMigrationFigures measure_cache_migration(std::size_t bytes, int repeats);

}  // namespace wijksim::engine
